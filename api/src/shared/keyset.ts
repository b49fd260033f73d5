import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader } from './batch.js';
import { readTrip, uuidIn } from './one-trip.js';
import { preparedQuery, statementName } from './prepared.js';
import {
  columnsFor,
  joinedRows,
  joinsSql,
  readJoins,
  readRow,
  rowReader,
  type JoinedRelation,
  type NestedRead,
} from './read-rows.js';
import type { ConnectionShape } from './connection.js';
import { JSON_TEXT, jsonSqlOf, type JsonRows } from './json-select.js';
import {
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  pageSize,
  TIME_THEN_ID,
  toConnection,
  type PageArgs,
} from './pagination.js';
import { mapAt } from './map-at.js';

/** One list that belongs to a parent row: `appointment` rows of a `patient_id`, newest first. */
export interface ChildList {
  readonly table: string;
  readonly parentColumn: string;
  /** A timestamptz column; ties are broken by id. */
  readonly sortColumn: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * Narrows a child list (its page and its count): `sql` is a condition on the list's row, aliased
 * `t`, made by the caller from fixed text only (never from client input); `key` names it.
 */
export interface ChildFilter {
  readonly key: string;
  readonly sql: string;
}

/** What a page of a child list reads beside its rows; every part optional. */
export interface ChildPageOptions {
  /** Rows one level down the client asked for, read in the same statement (read rows only). */
  readonly nested?: readonly NestedRead[];
  /**
   * To-one relations read in the same statement, joined (an appointment's doctor), as read rows
   * (read rows only): a name, or a name with the fields the client selected of it.
   */
  readonly join?: readonly (string | JoinedRelation)[] | undefined;
  /** The fields the client selected of each row (read rows only): only their columns are read. */
  readonly fields?: ReadonlySet<string> | undefined;
  /** Narrows the page and its count. */
  readonly filter?: ChildFilter | undefined;
  /**
   * Each row's JSON text for the JSON path too (shared/json-select.ts), kept on the read row; the
   * row itself then carries only what its checks and cursor need (its id, relations, sort key).
   */
  readonly json?: JsonRows | undefined;
  /**
   * Whether the page's statement counts the parent's rows too (the client asked for `totalCount`);
   * default true. Without it a later `totalCount` is counted by a statement of its own.
   */
  readonly count?: boolean | undefined;
}

/** Pages of one child list, for one request: `page(parentId, args)` batches across parents. */
export interface ChildPages<T> {
  page(parentId: string, args: PageArgs, options?: ChildPageOptions): Promise<ConnectionShape<T>>;
}

/** How a child list's rows come back: managed entities, or read rows (only read and serialised; shared/read-rows.ts). */
export type ChildRows = 'entities' | 'read';

/**
 * A page of a child list for many parents at once: one statement whatever the number of parents
 * (a window function ranks the rows of each parent, and the same statement returns them whole,
 * mapped to `entity` — as read rows when `rows` is `'read'`). Parents asked for with the same
 * page size and cursor share a batch. On a first page the same statement also counts each
 * parent's rows (a window over the rows it ranks anyway), so `totalCount` costs nothing more;
 * after a cursor the count is batched per list.
 *
 * A batch of one parent (a chart) reads its page as the index gives it — the first rows in the
 * list's order, `limit` — instead of ranking all of the parent's rows: its cost does not grow with
 * the chart's length, and no row is built whole to be taken apart again. Its count (only when
 * asked for) is a subquery of its own.
 */
export function childPages<T extends { id: string }>(
  em: EntityManager,
  list: ChildList,
  entity: EntityName<T>,
  rows: ChildRows = 'entities',
): ChildPages<T> {
  // By the statement of the nodes' JSON asked for (its key: two aliases of a list with the same
  // selection have plans of their own but one statement, read once), then by the rest of the page's shape.
  const pagesByArgs = new Map<string | undefined, Map<string, DataLoader<string, T[]>>>();
  const countsByFilter = new Map<string, DataLoader<string, number>>();
  const countsFor = (filter: ChildFilter | undefined): DataLoader<string, number> => {
    let counts = countsByFilter.get(filter?.key ?? '');
    if (!counts) {
      counts = batchLoader<string, number>(async (parentIds) => {
        const found = await em.execute<{ parent: string; total: number }[]>(
          `select t.${list.parentColumn} as parent, count(*)::int as total from "${list.table}" t
           where t.${list.parentColumn} = any(?::uuid[]) ${filter ? `and (${filter.sql})` : ''}
           group by t.${list.parentColumn}`,
          [`{${parentIds.join(',')}}`],
        );
        const totals = new Map(found.map((row) => [row.parent, row.total]));
        return parentIds.map((parent) => totals.get(parent) ?? 0);
      });
      countsByFilter.set(filter?.key ?? '', counts);
    }
    return counts;
  };
  const sortProperty = propertyOf(list.sortColumn);
  const sortValue = (row: T) => (row as unknown as Record<string, Date>)[sortProperty]!;
  const pagesFor = (
    limit: number,
    afterInput: string | null | undefined,
    nested: readonly NestedRead[],
    join: readonly (string | JoinedRelation)[],
    fieldsAsked: ReadonlySet<string> | undefined,
    filter: ChildFilter | undefined,
    json: JsonRows | undefined,
    count: boolean,
  ): DataLoader<string, T[]> => {
    const fields = json ? new Set<string>() : fieldsAsked;
    const sorted = (set: ReadonlySet<string> | undefined) => (set ? [...set].sort().join(',') : '*');
    const joinKey = join
      .map((relation) => (typeof relation === 'string' ? relation : `${relation.name}:${sorted(relation.fields)}`))
      .join(';');
    // What the statement's text depends on (the cursor's presence, not its value) …
    const shape = `${list.table}|${list.parentColumn}|${list.sortColumn}|${list.direction}|${rows}|${limit}|${afterInput ? 'after' : ''}|${nested.map((read) => read.name).join(',')}|${joinKey}|${sorted(fields)}|${filter?.key ?? ''}|${count}`;
    // … and the loader's key besides: the cursor itself.
    const key = `${shape}|${afterInput ?? ''}`;
    const loaders = mapAt(pagesByArgs, json?.key);
    let pages = loaders.get(key);
    if (!pages) {
      const after = decodeCursor(afterInput, TIME_THEN_ID);
      // Read rows carry the columns of the selected fields only (the sort key always: the cursor).
      const full = rowReader(em, entity);
      const reader = rows === 'read' ? columnsFor(full, fields && new Set([...fields, sortProperty])) : full;
      const joins = readJoins(em, reader, join, 'r');
      const map =
        rows === 'read'
          ? (row: Record<string, unknown>) => readRow(em, reader, row, joinedRows(em, joins, row))
          : (row: Record<string, unknown>) => em.map(entity, row as EntityDictionary<T>);
      // The sort key's microseconds kept for the cursor.
      const toRow = (row: Record<string, unknown>) => {
        const mapped = map(row);
        keepMicroseconds(sortValue(mapped), row[list.sortColumn]);
        return mapped;
      };
      // The columns of the page's row `row` (an SQL alias), its joined rows', its nested reads' and its JSON.
      const columnsOf = (row: string) =>
        (reader === full ? `${row}.*` : reader.columns.map((column) => `${row}.${column.field}`).join(', ')) +
        joins.map((joined) => `, ${joined.columns}`).join('') +
        (json ? `, (${jsonSqlOf(json, row, () => row)})::text as "__json"` : '') +
        nested.map((read) => `, ${read.sql((name) => `${row}.${name}`)} as "__${read.name}"`).join('');
      const withTotal = !after && count;
      pages = batchLoader<string, T[]>(async (parentIds) => {
        const parents = uuidIn(1, parentIds);
        const text = pageText(json, `${shape}|${parentIds.length === 1}`, () => {
          const comparison = list.direction === 'asc' ? '>' : '<';
          const order = `t.${list.sortColumn} ${list.direction}, t.id ${list.direction}`;
          const conditions = `t.${list.parentColumn} ${parents.sql}
                 ${filter ? `and (${filter.sql})` : ''}`;
          // One parent's page: its rows in the list's order, no rank (a window over them cost
          // PostgreSQL 8% of the chart's statement): ordered here, or (read rows) aggregated in
          // order by the round trip (an order here too made the chart's statement 4% dearer).
          return parentIds.length === 1
            ? `select ${columnsOf('t')}${
                withTotal ? `, (select count(*)::int from "${list.table}" t where ${conditions}) as __total` : ''
              }
             from (select * from "${list.table}" t
               where ${conditions}
                 ${after ? `and (t.${list.sortColumn}, t.id) ${comparison} ($2::timestamptz, $3::uuid)` : ''}
               order by ${order}
               limit ${Math.trunc(limit) + 1}) t ${joinsSql(joins, 't')}
             ${rows === 'read' ? '' : `order by ${order}`}`
            : `select ${columnsOf('(ranked.t)')}, ranked.rank as __rank${withTotal ? ', ranked.__total' : ''} from (
               select t, row_number() over (partition by t.${list.parentColumn} order by ${order}) as rank
                    ${withTotal ? `, count(*) over (partition by t.${list.parentColumn})::int as __total` : ''}
               from "${list.table}" t
               where ${conditions}
                 ${after ? `and (t.${list.sortColumn}, t.id) ${comparison} ($2::timestamptz, $3::uuid)` : ''}
             ) ranked ${joinsSql(joins, '(ranked.t)')}
             where ranked.rank <= ${Math.trunc(limit) + 1}`;
        });
        // The page size in the text, not a parameter: with it unknown, PostgreSQL judges the generic
        // plan dearer than one planned for the value (more so with the nodes' JSON in the select
        // list) and plans the statement again on every execution, which cost more than running it.
        const params = [parents.param, ...(after ?? [])];
        // Read rows share the request's round trip with the other lists of the same level.
        const found =
          rows === 'read'
            ? await readTrip(em).load({
                sql: text,
                params,
                order:
                  parentIds.length === 1 ? `p.${list.sortColumn} ${list.direction}, p.id ${list.direction}` : undefined,
              })
            : await preparedQuery<Record<string, unknown>>(em, statementName(text), text, params);
        // Rank order (several parents' pages), so each parent's rows come in its sort order.
        const ranked =
          parentIds.length === 1 ? found : [...found].sort((a, b) => Number(a['__rank']) - Number(b['__rank']));
        const byParent = new Map<string, T[]>(parentIds.map((parent) => [parent, []]));
        const totals = new Map<string, number>();
        for (const row of ranked) {
          const parent = String(row[list.parentColumn]);
          if (withTotal) {
            totals.set(parent, Number(row['__total']));
          }
          for (const read of nested) {
            read.take(row, row[`__${read.name}`]);
          }
          if (rows !== 'read') {
            // A read row takes only its columns; an entity must not see the extra ones.
            delete row['__total'];
            delete row['__rank'];
          }
          const read = toRow(row);
          if (json) {
            (read as { [JSON_TEXT]?: unknown })[JSON_TEXT] = row['__json'];
          }
          byParent.get(parent)?.push(read);
        }
        if (withTotal) {
          const counts = countsFor(filter);
          for (const parent of parentIds) {
            counts.prime(parent, totals.get(parent) ?? 0);
          }
        }
        return parentIds.map((parent) => byParent.get(parent) ?? []);
      });
      loaders.set(key, pages);
    }
    return pages;
  };
  return {
    async page(parentId, args, { nested = [], join = [], fields, filter, json, count = true } = {}) {
      const limit = pageSize(args.first);
      // Validates the cursor before anything is batched (a bad one is BAD_USER_INPUT).
      decodeCursor(args.after, TIME_THEN_ID);
      if ((nested.length > 0 || join.length > 0 || json) && rows !== 'read') {
        throw new Error('Nested reads, joins and JSON come with read rows only');
      }
      const found = await pagesFor(
        limit,
        args.after,
        nested,
        join,
        rows === 'read' ? fields : undefined,
        filter,
        json,
        count,
      ).load(parentId);
      return toConnection(
        found,
        limit,
        (row) => [cursorTime(sortValue(row)), row.id],
        () => countsFor(filter).load(parentId),
      );
    },
  };
}

/** Page statements' texts, by the nodes' JSON (or none) and the page's shape; at most this many per JSON. */
const MAX_PAGE_TEXTS = 200;
const pageTexts = new WeakMap<object, Map<string, string>>();
const NO_JSON = {};

/**
 * A page statement's text, made once per shape (the same selection sends the same pages): not
 * built again, with its nodes' JSON, on every request.
 */
function pageText(json: JsonRows | undefined, shape: string, make: () => string): string {
  const owner = json ?? NO_JSON;
  const texts = mapAt(pageTexts, owner);
  let text = texts.get(shape);
  if (text === undefined) {
    text = make();
    if (texts.size < MAX_PAGE_TEXTS) {
      texts.set(shape, text);
    }
  }
  return text;
}

const properties = new Map<string, string>();

/** The property of a snake_case column (`starts_at` → `startsAt`), worked out once per column. */
function propertyOf(column: string): string {
  let property = properties.get(column);
  if (property === undefined) {
    property = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    properties.set(column, property);
  }
  return property;
}
