import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { ConnectionShape } from './connection.js';
import {
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  KEY_NAME_THEN_ID,
  NAME_THEN_ID,
  pageSize,
  TIME_THEN_ID,
  timePageConditions,
  toConnection,
  type PageArgs,
} from './pagination.js';
import { readTrip } from './one-trip.js';
import { preparedQuery, statementName } from './prepared.js';
import {
  columnsFor,
  selectList,
  joinedRows,
  joinsSql,
  readJoins,
  readRow,
  rowReader,
  type JoinedRelation,
  type RowReader,
} from './read-rows.js';
import { JSON_TEXT, jsonSqlOf, type JsonRows } from './json-select.js';

/**
 * Facts an access check will need about each row (a doctor's care of the row's patient), read in
 * the same statement so the list is authorised without another round trip. The rule's SQL and
 * its reading stay with the access control; this only carries them.
 */
export interface RowFacts {
  /** The to-one relation the facts are about (`patient`). */
  readonly relation: string;
  /**
   * A subquery of one row of facts for an SQL expression of the related id, joined laterally to
   * each row (its columns named apart from the rows' own), each `?` binding the next of `params`;
   * none needed: `undefined`.
   */
  readonly lateral: (
    expression: string,
    /** The SQL alias of the list's row (with the columns of `needs`). */
    row: string,
  ) => { sql: string; params: readonly unknown[] } | undefined;
  /** Properties of the list's row the subquery reads, besides the relation: read with the row. */
  readonly needs?: readonly string[];
  /** Takes the facts of one row (its id in the relation, the database row). */
  readonly know: (id: string, row: Readonly<Record<string, unknown>>) => void;
}

export interface ReadPageOptions {
  /** Access facts brought with the rows. */
  readonly facts?: RowFacts;
  /**
   * To-one relations read in the same statement (a week's patients), as read rows: a name, or a
   * name with the fields the client selected of it (only those columns are read then; see
   * {@link columnsFor}).
   */
  readonly join?: readonly (string | JoinedRelation)[];
  /** The client asked for `totalCount`: on a first page it comes in the same statement. */
  readonly count?: boolean;
  /** The fields the client selected of each row: only their columns are read (see `columnsFor` in read-rows.ts). */
  readonly fields?: ReadonlySet<string>;
  /** Each row's JSON text for the JSON path too (shared/json-select.ts), kept on the read row. */
  readonly json?: JsonRows | undefined;
  /**
   * Part of the request's round trip (shared/one-trip.ts): reads started in the same tick (the
   * query's other root fields, a page's child lists) leave with it as one statement.
   */
  readonly trip?: boolean;
}

/**
 * The read-only twin of `timePage`: the same conditions (the caller's narrowing and the cursor,
 * compiled by the ORM's query builder) and order, but the rows come back as read rows (no entity
 * tracking), through a prepared statement, with the asked-for to-one relations joined in and, on
 * a first page, the total count as a window over the same rows — one statement per page.
 */
export async function readTimePage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: readonly object[],
  property: string,
  direction: 'asc' | 'desc',
  args: PageArgs,
  options: ReadPageOptions = {},
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, TIME_THEN_ID);
  // The sort key makes the cursor: always read.
  const { reader, columns } = narrowedReader(em, entity, options, [property]);
  const sortField = fieldOf(reader, property);
  const withTotal = options.count === true && !after;
  const conditions = timePageConditions<T>(where, property, direction, after);
  const compile = () =>
    em
      .createQueryBuilder(entity, 't')
      .select(withTotal ? [raw(columns), raw('count(*) over () as "__total"')] : [raw(columns)])
      .where(conditions)
      .orderBy({ [property]: direction, id: direction })
      .limit(limit + 1)
      .toQuery();
  const { sql, params } = compiledPage(
    // Keyed by the column list itself: selections that differ only in fields outside it (a
    // `__typename`, the sort key asked or not) share one statement.
    `${reader.meta.className}|${property}|${direction}|${withTotal}|${columns}`,
    conditions,
    limit + 1,
    compile,
  );
  const { rows, found } = await readQuery(em, reader, { sql, params }, { columns: [sortField], direction }, options);
  const total = withTotal ? Number(found[0]?.['__total'] ?? 0) : undefined;
  // The sort key's microseconds kept for the cursor.
  rows.forEach((row, index) => keepMicroseconds((row as Record<string, unknown>)[property], found[index]![sortField]));
  return toConnection(
    rows,
    limit,
    (row) => [cursorTime((row as unknown as Record<string, Date>)[property]!), row.id],
    () => (total !== undefined ? Promise.resolve(total) : em.count(entity, { $and: [...where] } as FilterQuery<T>)),
  );
}

/**
 * A sort key before the name (`readNamePage`): an instant per row (an SQL expression of the row's
 * alias; `null` for a row without one, which comes after every row with one), in `direction`.
 */
export interface LeadingKey {
  readonly sql: (alias: string) => { sql: string; params: readonly unknown[] };
  readonly direction: 'asc' | 'desc';
}

/**
 * A page of people (patients, doctors) in name order — last name, first name, then id as the
 * unique tie-break — from the caller's narrowing (a query builder): the rows as read rows with the
 * asked-for to-one relations joined in and, on a first page asked for it, the total count as a
 * window over the same rows — one statement per page. With `lead`, ordered by that key first (then
 * by name). Unnamed, so planned for its values: a search's patterns (`like 'kr%'`) decide which
 * index serves it, which a generic plan cannot know.
 */
export async function readNamePage<T extends { id: string; lastName: string; firstName: string }>(
  em: EntityManager,
  scoped: () => QueryBuilder<T>,
  args: PageArgs,
  options: Pick<ReadPageOptions, 'join' | 'count'> & { readonly lead?: LeadingKey | undefined } = {},
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const { lead } = options;
  const after = decodeCursor(args.after, lead ? KEY_NAME_THEN_ID : NAME_THEN_ID);
  const withTotal = options.count === true && !after;
  const qb = scoped();
  const alias = qb.alias;
  let query: { sql: string; params: readonly unknown[] };
  if (lead) {
    // The key once per row (`offset 0` keeps PostgreSQL from copying its subquery into the
    // conditions and order), the cursor and order on it outside.
    const key = lead.sql(`${alias}.id`);
    const inner = qb.select([raw(`${alias}.*`), raw(`${key.sql} as "__key"`, [...key.params])]).toQuery();
    const params = [...inner.params];
    const param = (value: unknown) => `$${params.push(value)}`;
    let where = '';
    if (after) {
      const [at, last, first, id] = after;
      const name = `(k.last_name, k.first_name, k.id) > (${param(last)}, ${param(first)}, ${param(id)}::uuid)`;
      if (at === '') {
        // After a row without the key: only rows without it remain, by name.
        where = `where k."__key" is null and ${name}`;
      } else {
        const time = param(at);
        const beyond = lead.direction === 'desc' ? '<' : '>';
        where = `where k."__key" ${beyond} ${time}::timestamptz or k."__key" = ${time}::timestamptz and ${name} or k."__key" is null`;
      }
    }
    query = {
      sql: `select k.*${withTotal ? ', count(*) over () as "__total"' : ''}
            from (${inner.sql} offset 0) k ${where}
            order by k."__key" ${lead.direction} nulls last, k.last_name, k.first_name, k.id
            limit ${limit + 1}`,
      params,
    };
  } else {
    if (after) {
      qb.andWhere(`(${alias}.last_name, ${alias}.first_name, ${alias}.id) > (?, ?, ?::uuid)`, after);
    }
    query = qb
      .select(withTotal ? [raw(`${alias}.*`), raw('count(*) over () as "__total"')] : [raw(`${alias}.*`)])
      .orderBy({ lastName: 'asc', firstName: 'asc', id: 'asc' })
      .limit(limit + 1)
      .toQuery();
  }
  const reader = rowReader(em, qb.mainAlias.entityName as EntityName<T>);
  const order = {
    lead: lead && { column: '__key', direction: lead.direction },
    columns: [fieldOf(reader, 'lastName'), fieldOf(reader, 'firstName')],
    direction: 'asc',
  } as const;
  const { rows, found } = await readQuery(em, reader, query, order, { join: options.join, prepare: false });
  const total = withTotal ? Number(found[0]?.['__total'] ?? 0) : undefined;
  // The key's instant as a cursor writes it (to its microsecond), '' for a row without one.
  const keys = new Map(
    rows.map((row, index) => {
      const text = found[index]!['__key'] as string | null | undefined;
      return [row, text ? cursorTime(keepMicroseconds(new Date(text), text)) : ''];
    }),
  );
  return toConnection(
    rows,
    limit,
    (row) => (lead ? [keys.get(row)!, row.lastName, row.firstName, row.id] : [row.lastName, row.firstName, row.id]),
    () => (total !== undefined ? Promise.resolve(total) : scoped().getCount()),
  );
}

/**
 * The reader of `entity` narrowed to the client's `fields` (see {@link columnsFor}) plus the
 * columns the read itself needs (`also`: a sort key) and those its access facts read, with its
 * select list of the row `"t"`; every column without `fields`.
 */
function narrowedReader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  options: Pick<ReadPageOptions, 'facts' | 'fields'>,
  also: readonly string[],
): { reader: RowReader<T>; columns: string } {
  const full = rowReader(em, entity);
  const extra = [...also, ...(options.facts?.needs ?? [])];
  const fields = options.fields && extra.length > 0 ? new Set([...options.fields, ...extra]) : options.fields;
  const reader = columnsFor(full, fields);
  return { reader, columns: selectList(full, reader, '"t"') };
}

export type ReadByIdOptions = Pick<ReadPageOptions, 'facts' | 'fields' | 'join' | 'json' | 'trip'>;

/**
 * One row of `entity` by id as a read row (see {@link readTimePage}), or `null`; with `fields`, only
 * their columns (and the id, the relations' ids and what the facts need).
 */
export async function readById<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string,
  options: ReadByIdOptions = {},
): Promise<T | null> {
  const { reader, columns } = narrowedReader(em, entity, options, []);
  const sql = `select ${columns} from "${reader.meta.tableName}" as "t" where "t"."id" = $1`;
  const { rows } = await readQuery(em, reader, { sql, params: [id] }, undefined, options);
  return rows[0] ?? null;
}

function fieldOf<T>(reader: RowReader<T>, property: string): string {
  const prop = (reader.meta.properties as Record<string, { fieldNames: string[] } | undefined>)[property];
  if (!prop) {
    throw new Error(`${reader.meta.className} has no property ${property}`);
  }
  return prop.fieldNames[0]!;
}

/** Page statements compiled by the query builder, by the shape of their conditions; at most this many. */
const MAX_COMPILED_PAGES = 200;
const compiledPages = new Map<string, string | null>();

/**
 * A page's SQL and parameters. The query builder compiles it (a tenth of the doctor's week's CPU
 * once went to building the same text again); the text is kept for the conditions' shape — their
 * operators, keys and list lengths, the values left out — and used again for the same shape with
 * the values as parameters in the order the conditions hold them. A shape is kept only if that
 * order gave exactly the query builder's parameters when it was first compiled (`null`: never).
 */
function compiledPage(
  base: string,
  conditions: unknown,
  limit: number,
  compile: () => { sql: string; params: readonly unknown[] },
): { sql: string; params: readonly unknown[] } {
  const values: unknown[] = [];
  const shape = shapeOf(conditions, values);
  if (shape === undefined) {
    return compile();
  }
  const key = `${base}|${shape}`;
  values.push(limit);
  const known = compiledPages.get(key);
  if (known) {
    return { sql: known, params: values };
  }
  const compiled = compile();
  if (known === undefined && compiledPages.size < MAX_COMPILED_PAGES) {
    const same =
      compiled.params.length === values.length &&
      compiled.params.every((param, index) => sameValue(param, values[index]));
    compiledPages.set(key, same ? compiled.sql : null);
  }
  return compiled;
}

/**
 * The shape of a filter (keys, operators, list lengths, each value's type), collecting its values
 * in order; `undefined` when it holds something other than plain objects, lists and values (an
 * entity, a raw fragment): such a page is compiled every time.
 */
function shapeOf(value: unknown, values: unknown[]): string | undefined {
  if (value === null || value === undefined) {
    return 'N';
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => shapeOf(item, values));
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  if (value instanceof Date) {
    values.push(value);
    return 'd';
  }
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      return undefined;
    }
    const entries = Object.entries(value).map(([name, item]) => [name, shapeOf(item, values)] as const);
    return entries.some(([, item]) => item === undefined)
      ? undefined
      : `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${item}`).join(',')}}`;
  }
  values.push(value);
  return typeof value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Runs the query builder's statement as a prepared statement, wrapped (when asked) to join
 * to-one relations and the access facts; maps the rows to read rows. Joined rows come as columns
 * of their own (`j0.first_name`), typed by PostgreSQL like the row's, not as JSON to re-parse.
 */
async function readQuery<T extends object>(
  em: EntityManager,
  reader: RowReader<T>,
  { sql, params }: { sql: string; params: readonly unknown[] },
  order:
    | {
        /** A key before the columns, in its own direction, rows without it last. */
        readonly lead?: { readonly column: string; readonly direction: 'asc' | 'desc' } | undefined;
        readonly columns: readonly string[];
        readonly direction: 'asc' | 'desc';
      }
    | undefined,
  options: ReadByIdOptions & { readonly prepare?: boolean },
): Promise<{ rows: T[]; found: Record<string, unknown>[] }> {
  const orderBy = (alias: string) =>
    order
      ? [
          ...(order.lead ? [`${alias}."${order.lead.column}" ${order.lead.direction} nulls last`] : []),
          ...[...order.columns.map((column) => `${alias}."${column}"`), `${alias}.id`].map(
            (key) => `${key} ${order.direction}`,
          ),
        ].join(', ')
      : undefined;
  const joins = readJoins(em, reader, options.join ?? [], 'j');
  const values = [...params];
  const factsColumn = options.facts ? fieldOf(reader, options.facts.relation) : undefined;
  const facts = options.facts?.lateral(`t."${factsColumn}"`, 't');
  // The facts' `?` placeholders become the parameters after the query builder's.
  let next = 0;
  const factsSql = facts?.sql.replace(/\?/g, () => {
    values.push(facts.params[next++]);
    return `$${values.length}`;
  });
  const json =
    options.json &&
    jsonSqlOf(options.json, joins.map((join) => `${join.name}=${join.alias}`).join(','), (relation) =>
      relation === undefined ? 't' : joins.find((join) => join.name === relation)!.alias,
    );
  const selected = [
    't.*',
    ...joins.map((join) => join.columns),
    ...(factsSql ? ['f.*'] : []),
    ...(json ? [`(${json})::text as "__json"`] : []),
  ];
  const text =
    selected.length === 1
      ? sql
      : `select ${selected.join(', ')}
         from (${sql}) t ${joinsSql(joins, 't')}
         ${factsSql ? `left join lateral ${factsSql} f on true` : ''}
         ${order ? `order by ${orderBy('t')}` : ''}`;
  const found = options.trip
    ? await readTrip(em).load({ sql: text, params: values, order: orderBy('p') })
    : await preparedQuery<Record<string, unknown>>(
        em,
        options.prepare === false ? undefined : statementName(text),
        text,
        values,
      );
  if (options.facts && facts) {
    for (const row of found) {
      options.facts.know(String(row[factsColumn!]), row);
    }
  }
  const rows = found.map((row) => {
    const read = readRow(em, reader, row, joinedRows(em, joins, row));
    if (json) {
      (read as { [JSON_TEXT]?: unknown })[JSON_TEXT] = row['__json'];
    }
    return read;
  });
  return { rows, found };
}
