import { ReferenceKind, type EntityMetadata, type EntityName, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { readTrip, uuidIn } from './one-trip.js';
import { mapAt } from './map-at.js';

/**
 * Rows that are only read and serialised (a doctor's week, a chart's lists) need no unit of work:
 * no identity map, no change tracking, no hydration. A read row is an object whose prototype
 * chain holds its entity's prototype — so `instanceof`, type-graphql's object types and field
 * resolvers (`@Root()`), methods and getters of the entity (`Prescription.status()`) and the row
 * guard of the entity (looked up by the row's class) all see it as the entity it is — with the
 * mapped columns as own data properties. It is never managed: changing one changes nothing in
 * the database. Mutations load their own, managed entities.
 */

/** A to-one relation of a read row: the related id, and the related row itself when it came with it. */
export class ReadRef<T extends object> {
  private loading: Promise<T> | undefined;

  constructor(
    readonly id: string,
    private readonly em: EntityManager,
    /** The related entity's class name. */
    private readonly entity: string,
    private readonly row?: T,
  ) {}

  /** Whether the related row came in the same statement (then {@link getEntity} returns it). */
  isInitialized(): boolean {
    return this.row !== undefined;
  }

  getEntity(): T {
    if (this.row === undefined) {
      throw new Error(`Reference to ${String(this.id)} is not loaded`);
    }
    return this.row;
  }

  /**
   * The related row: the one already read, or read now as a read row too — batched with the
   * request's other reads of the same level into one round trip (shared/one-trip.ts).
   */
  loadOrFail(): Promise<T> {
    if (this.row !== undefined) {
      return Promise.resolve(this.row);
    }
    return (this.loading ??= readRowsById<T>(this.em, this.entity)
      .load(this.id)
      .then((row) => {
        if (!row) {
          throw new Error(`${this.entity} ${this.id} not found`);
        }
        return row;
      }));
  }

  load(): Promise<T> {
    return this.loadOrFail();
  }
}

/** A relation's value, whichever way its row was read: synchronous when it is already there. */
export function related<T extends object>(ref: {
  isInitialized(): boolean;
  getEntity(): T;
  loadOrFail(): Promise<T>;
}): T | Promise<T> {
  return ref.isInitialized() ? ref.getEntity() : ref.loadOrFail();
}

export interface Column {
  readonly property: string;
  readonly field: string;
  readonly convert: ((value: unknown) => unknown) | undefined;
  /** For a to-one relation: the related entity's class name. */
  readonly target: string | undefined;
}

/** How rows of one entity are read: its columns, and the prototype read rows share. */
export interface RowReader<T> {
  readonly meta: EntityMetadata<T>;
  readonly columns: readonly Column[];
  readonly prototype: object;
}

const readers = new WeakMap<EntityMetadata, RowReader<unknown>>();

function columnOf(em: EntityManager, prop: EntityProperty): Column | undefined {
  if (prop.persist === false || prop.formula || (prop.fieldNames?.length ?? 0) !== 1) {
    return undefined;
  }
  const field = prop.fieldNames[0]!;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
    return { property: prop.name, field, convert: undefined, target: prop.type };
  }
  if (prop.kind !== ReferenceKind.SCALAR) {
    return undefined;
  }
  const platform = em.getPlatform();
  if (prop.runtimeType === 'Date') {
    return {
      property: prop.name,
      field,
      convert: (value) => {
        if (typeof value === 'string') {
          const time = utcTimestampOf(value);
          return time === undefined ? platform.parseDate(value) : new Date(time);
        }
        return typeof value === 'number' ? platform.parseDate(value) : value;
      },
      target: undefined,
    };
  }
  const type = prop.customType;
  return {
    property: prop.name,
    field,
    convert: type ? (value): unknown => type.convertToJSValue(value, platform) as unknown : undefined,
    target: undefined,
  };
}

const ZERO = 48;
const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at) - ZERO;
  return code >= 0 && code <= 9 ? code : Number.NaN;
};
const twoDigits = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);

/**
 * The instant of a timestamptz as PostgreSQL writes it in a session whose time zone is UTC (the
 * ORM reads timestamps as text): `2026-03-02 09:30:00+00`, with up to six digits of a second's
 * fraction (milliseconds are its first three, as postgres-date reads them), a year from 1000 to
 * 9999; undefined for any other text (another zone, BC, infinity), which the ORM's own parser
 * reads. The same instant as that parser gives, in a quarter of its time: a doctor's week reads 200.
 */
export function utcTimestampOf(text: string): number | undefined {
  const length = text.length;
  if (
    length < 22 ||
    length > 29 ||
    length === 23 ||
    !text.endsWith('+00') ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 || // space
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    (length > 22 && text.charCodeAt(19) !== 46) || // .
    text.charCodeAt(0) === ZERO
  ) {
    return undefined;
  }
  let milliseconds = 0;
  for (let at = 20, scale = 100; at < length - 3; at += 1, scale /= 10) {
    const value = digit(text, at);
    if (Number.isNaN(value)) {
      return undefined;
    }
    milliseconds += scale >= 1 ? value * scale : 0;
  }
  const time = Date.UTC(
    twoDigits(text, 0) * 100 + twoDigits(text, 2),
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
    milliseconds,
  );
  return Number.isNaN(time) ? undefined : time;
}

/** The reader of `entity`'s rows, built once from the ORM's metadata. */
export function rowReader<T extends object>(em: EntityManager, entity: EntityName<T>): RowReader<T> {
  const meta = em.getMetadata().get<T>(entity as never);
  let reader = readers.get(meta as EntityMetadata) as RowReader<T> | undefined;
  if (!reader) {
    const unsupported = meta.props.filter(
      (prop) => prop.kind === ReferenceKind.EMBEDDED && prop.persist !== false && !prop.object,
    );
    if (unsupported.length > 0) {
      throw new Error(`${meta.className} has embedded properties; read rows do not map them`);
    }
    const columns = meta.props.map((prop) => columnOf(em, prop)).filter((column) => column !== undefined);
    // Own writable slots on an intermediate prototype shadow the ORM's tracking setters on the
    // entity's prototype: assigning a read row's value creates a plain own property.
    const slots: PropertyDescriptorMap = {};
    for (const column of columns) {
      slots[column.property] = { value: undefined, writable: true, enumerable: false, configurable: true };
    }
    reader = { meta, columns, prototype: Object.create(meta.prototype, slots) as object };
    readers.set(meta as EntityMetadata, reader as RowReader<unknown>);
  }
  return reader;
}

/**
 * One read row of `entity` from a database row keyed by column names (as `pg` returns it, or as
 * `row_to_json` builds it). `related` supplies rows of to-one relations read in the same
 * statement, by property name.
 */
export function readRow<T extends object>(
  em: EntityManager,
  reader: RowReader<T>,
  raw: Record<string, unknown>,
  related?: Readonly<Record<string, object | undefined>>,
): T {
  const row = Object.create(reader.prototype) as Record<string, unknown>;
  for (const column of reader.columns) {
    const value = raw[column.field];
    if (column.target !== undefined) {
      row[column.property] =
        value === null || value === undefined
          ? undefined
          : new ReadRef(value as string, em, column.target, related?.[column.property]);
    } else {
      row[column.property] = value === null || value === undefined || !column.convert ? value : column.convert(value);
    }
  }
  return row as T;
}

/** A to-one relation to join, and the GraphQL fields selected of it. */
export interface JoinedRelation {
  readonly name: string;
  readonly fields: ReadonlySet<string> | undefined;
}

/** A to-one relation read in a list's statement: its row's columns come as `alias.column`, typed like the row's. */
export interface ReadJoin {
  readonly name: string;
  readonly alias: string;
  readonly table: string;
  /** The list row's column of the related row's id. */
  readonly column: string;
  /** Reads the joined row from the outer row's `alias.column` columns. */
  readonly reader: RowReader<object>;
  /** The outer row's column of the joined row's id (null: no joined row). */
  readonly key: string;
  /** The select list of the joined row's columns. */
  readonly columns: string;
}

/**
 * The joins of `relations` (a name, or a name with the fields the client selected of it: only
 * those columns are read then, see {@link columnsFor}) to rows of `reader`, aliased
 * `${prefix}0`, `${prefix}1`…, for {@link joinsSql} and {@link joinedRows}.
 */
export function readJoins<T>(
  em: EntityManager,
  reader: RowReader<T>,
  relations: readonly (string | JoinedRelation)[],
  prefix: string,
): ReadJoin[] {
  return relations.map((relation, index) => {
    const { name, fields } = typeof relation === 'string' ? { name: relation, fields: undefined } : relation;
    const prop = (reader.meta.properties as Record<string, { type: string; fieldNames: string[] } | undefined>)[name];
    const target = prop && em.getMetadata().find(prop.type);
    if (!prop || !target) {
      throw new Error(`${reader.meta.className}.${name} is not a to-one relation`);
    }
    const alias = `${prefix}${index}`;
    const joined = prefixedReader(columnsFor(rowReader(em, target.class as EntityName<object>), fields), alias);
    return { name, alias, table: target.tableName, column: prop.fieldNames[0]!, ...joined };
  });
}

/** The `left join`s of `joins` to the list's row aliased `row` (an SQL expression of it). */
export function joinsSql(joins: readonly ReadJoin[], row: string): string {
  return joins
    .map((join) => `left join "${join.table}" ${join.alias} on ${join.alias}.id = ${row}."${join.column}"`)
    .join(' ');
}

/** The joined rows of one database row, by relation (for {@link readRow}'s `related`); none joined: undefined. */
export function joinedRows(
  em: EntityManager,
  joins: readonly ReadJoin[],
  row: Readonly<Record<string, unknown>>,
): Record<string, object | undefined> | undefined {
  if (joins.length === 0) {
    return undefined;
  }
  const related: Record<string, object | undefined> = {};
  for (const join of joins) {
    related[join.name] =
      row[join.key] === null || row[join.key] === undefined ? undefined : readRow(em, join.reader, row);
  }
  return related;
}

const prefixed = new WeakMap<object, Map<string, Pick<ReadJoin, 'reader' | 'key' | 'columns'>>>();

/** `reader` for a row joined as `alias`, whose columns come as `alias.column` (built once). */
function prefixedReader(reader: RowReader<object>, alias: string): Pick<ReadJoin, 'reader' | 'key' | 'columns'> {
  const byAlias = mapAt(prefixed, reader);
  let found = byAlias.get(alias);
  if (!found) {
    found = {
      reader: {
        ...reader,
        columns: reader.columns.map((column) => ({ ...column, field: `${alias}.${column.field}` })),
      },
      key: `${alias}.id`,
      columns: reader.columns.map((column) => `${alias}."${column.field}" as "${alias}.${column.field}"`).join(', '),
    };
    byAlias.set(alias, found);
  }
  return found;
}

const subsets = new WeakMap<object, Map<string, RowReader<unknown>>>();
/**
 * Narrowed readers kept per entity: the selections clients send are few in practice, but any
 * combination of fields is valid GraphQL; beyond this many, a new one reads every column (so
 * neither this table nor the statements' names grow with what clients choose to send).
 */
const MAX_SUBSETS = 64;

/**
 * `reader` narrowed to what a client's `fields` need: the id, every to-one relation's id (field
 * resolvers reach related rows through them), and the columns of the selected fields. Only when
 * every selected field is a column of its own: a field computed from other columns (a getter, a
 * field resolver) keeps every column. An unselected property of such a row reads `undefined`;
 * nothing reads it, since GraphQL resolves only the selected fields and the row guards look at ids.
 */
export function columnsFor<T>(reader: RowReader<T>, fields: ReadonlySet<string> | undefined): RowReader<T> {
  if (!fields) {
    return reader;
  }
  const byProperty = new Set(reader.columns.map((column) => column.property));
  if ([...fields].some((field) => field !== '__typename' && !byProperty.has(field))) {
    return reader;
  }
  const byKey = mapAt(subsets, reader);
  // `__typename` selects no column: with or without it, one subset.
  const key = [...fields]
    .filter((field) => field !== '__typename')
    .sort()
    .join(',');
  let subset = byKey.get(key) as RowReader<T> | undefined;
  if (!subset && byKey.size >= MAX_SUBSETS) {
    return reader;
  }
  if (!subset) {
    subset = {
      ...reader,
      columns: reader.columns.filter(
        (column) => column.property === 'id' || column.target !== undefined || fields.has(column.property),
      ),
    };
    byKey.set(key, subset as RowReader<unknown>);
  }
  return subset;
}

const selectLists = new WeakMap<object, Map<string, string>>();

/**
 * The select list of `reader`'s columns (from {@link columnsFor} on `full`) of the row aliased
 * `alias`: `alias.*` for the whole row, else each column, quoted. Made once per reader and alias:
 * every page and every chart asks for it.
 */
export function selectList<T>(full: RowReader<T>, reader: RowReader<T>, alias: string): string {
  const byAlias = mapAt(selectLists, reader);
  let list = byAlias.get(alias);
  if (list === undefined) {
    list = reader === full ? `${alias}.*` : reader.columns.map((column) => `${alias}."${column.field}"`).join(', ');
    byAlias.set(alias, list);
  }
  return list;
}

const byIdLoaders = new WeakMap<EntityManager, Map<unknown, DataLoader<string, object | null>>>();

/**
 * Rows of `entity` by id as read rows, for one request: the ids asked for in one tick are one
 * part of the request's round trip (shared/one-trip.ts); `null` for an id that does not exist.
 * One loader per entity whether it is named by its class or its name (a {@link ReadRef} names it),
 * so a row read once is not read again.
 */
export function readRowsById<T extends object>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  const loaders = mapAt(byIdLoaders, em);
  const reader = rowReader(em, entity);
  let loader = loaders.get(reader);
  if (!loader) {
    loader = new DataLoader<string, object | null>(
      async (ids) => {
        const match = uuidIn(1, ids);
        const found = await readTrip(em).load({
          sql: `select * from "${reader.meta.tableName}" where id ${match.sql}`,
          params: [match.param],
        });
        const byId = new Map(found.map((row) => [row['id'] as string, readRow(em, reader, row)]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    );
    loaders.set(reader, loader);
  }
  return loader as DataLoader<string, T | null>;
}

/**
 * Every row of `entity` (a short table: the hospitals), or those that meet `where` (fixed SQL text
 * on the row's columns aliased `t`, never client input; its values numbered from `$1`), as read
 * rows in `order` (SQL on the row's columns aliased `p`): one part of the request's round trip.
 */
export async function readAllInOrder<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  order: string,
  where?: { readonly sql: string; readonly params: readonly unknown[] },
): Promise<T[]> {
  const reader = rowReader(em, entity);
  const found = await readTrip(em).load({
    sql: `select t.* from "${reader.meta.tableName}" t${where ? ` where ${where.sql}` : ''}`,
    params: where?.params ?? [],
    order,
  });
  return found.map((row) => readRow(em, reader, row));
}

/**
 * The rows of `entity` whose to-one `relation` points at each of `parentIds`, as read rows in
 * `sortBy` order (ties by id), one group per parent: one part of the request's round trip.
 */
export async function readChildren<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  relation: keyof T & string,
  parentIds: readonly string[],
  sortBy: keyof T & string,
): Promise<T[][]> {
  const key = (row: T) => row[sortBy] as unknown as number | string | Date;
  return childGroups(em, entity, relation, parentIds, {}, (rows) =>
    rows.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    }),
  );
}

/**
 * The rows of `entity` whose to-one `relation` points at each of `parentIds` and that meet
 * `where` (fixed SQL text on the row's columns, never client input; with values, numbered from `$2`
 * on), as read rows in `order`
 * (SQL on the row's columns aliased `p`, as PostgreSQL sorts them: `p.name, p.id`), one group per
 * parent: one part of the request's round trip.
 */
export function readChildrenInOrder<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  relation: keyof T & string,
  parentIds: readonly string[],
  order: string,
  where?: string | { readonly sql: string; readonly params: readonly unknown[] },
): Promise<T[][]> {
  return childGroups(
    em,
    entity,
    relation,
    parentIds,
    { order, where: typeof where === 'string' ? { sql: where, params: [] } : where },
    (rows) => rows,
  );
}

async function childGroups<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  relation: keyof T & string,
  parentIds: readonly string[],
  {
    order,
    where,
  }: { order?: string | undefined; where?: { readonly sql: string; readonly params: readonly unknown[] } | undefined },
  sorted: (rows: T[]) => T[],
): Promise<T[][]> {
  const reader = rowReader(em, entity);
  const column = reader.columns.find((candidate) => candidate.property === relation);
  if (!column?.target) {
    throw new Error(`${reader.meta.className}.${relation} is not a to-one relation`);
  }
  const match = uuidIn(1, parentIds);
  const found = await readTrip(em).load({
    sql: `select * from "${reader.meta.tableName}" where "${column.field}" ${match.sql}${where ? ` and (${where.sql})` : ''}`,
    params: [match.param, ...(where?.params ?? [])],
    order,
  });
  const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of sorted(found.map((raw) => readRow(em, reader, raw)))) {
    groups.get((row[relation] as unknown as ReadRef<object>).id)?.push(row);
  }
  return parentIds.map((id) => groups.get(id) ?? []);
}

/**
 * Rows one nesting level further down (a prescription's items, an appointment's doctor) read in
 * a list's own statement, for each row of the page, and handed to the loader that would
 * otherwise read them in a round trip of their own (shared/keyset.ts `childPages`).
 */
export interface NestedRead {
  /** Names it in the batch key and in the row (`__<name>`). */
  readonly name: string;
  /** A subquery giving the JSON of the nested rows; `column(name)` is an SQL expression of the list row's column. */
  readonly sql: (column: (name: string) => string) => string;
  /** Takes the nested JSON of one list row (the row as `row_to_json` wrote it). */
  readonly take: (row: Readonly<Record<string, unknown>>, nested: unknown) => void;
}

/**
 * The rows of `entity` whose to-one `relation` points at each list row (a prescription's items),
 * in `sortBy` order (ties by id), read with the list: each row's group is primed into `loader`,
 * the per-request loader that reads them otherwise ({@link readChildren}).
 */
export function nestedChildren<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  relation: keyof T & string,
  sortBy: keyof T & string,
  loader: DataLoader<string, T[]>,
): NestedRead {
  const reader = rowReader(em, entity);
  const field = (property: string) => {
    const column = reader.columns.find((candidate) => candidate.property === property);
    if (!column) {
      throw new Error(`${reader.meta.className}.${property} is not a column`);
    }
    return column.field;
  };
  const parent = field(relation);
  const sort = field(sortBy);
  return {
    name: `${reader.meta.tableName}_by_${parent}`,
    sql: (of) =>
      `(select coalesce(json_agg(c order by c."${sort}", c.id), '[]'::json) from "${reader.meta.tableName}" c where c."${parent}" = ${of('id')})`,
    take: (row, nested) => {
      loader.prime(
        String(row['id']),
        (nested as Record<string, unknown>[]).map((child) => readRow(em, reader, child)),
      );
    },
  };
}
