import type { GraphQLResolveInfo } from 'graphql';
import { mapAt } from './map-at.js';

/**
 * A list's rows as the JSON of a known GraphQL selection, written by PostgreSQL (server/json-read.ts
 * plans it): for each row, the text of its `node` object, keys in the client's order, values as
 * GraphQL would serialise them. The SQL is built from the entity's columns and the selection only;
 * the rows themselves still come as read rows, so the row guards check them as on every path.
 */
export interface JsonRows {
  /** Names the SQL (for the batch keys of the loads that read it): the same key, the same SQL. */
  readonly key: string;
  /**
   * The SQL expression of one row's JSON text; `alias(relation)` is the SQL alias of the list's row
   * (`relation` undefined) or of a to-one relation joined to it (`patient`).
   */
  readonly sql: (alias: (relation?: string) => string) => string;
}

const texts = new WeakMap<JsonRows, Map<string, string>>();

/**
 * `rows`' SQL for one way of naming the row (`aliases` names that way: the same aliases, the same
 * text), made once: the statement's text is the same for every request of the same selection.
 */
export function jsonSqlOf(rows: JsonRows, aliases: string, alias: (relation?: string) => string): string {
  const byAliases = mapAt(texts, rows);
  let text = byAliases.get(aliases);
  if (text === undefined) {
    text = rows.sql(alias);
    byAliases.set(aliases, text);
  }
  return text;
}

/** Where a read row keeps the JSON text PostgreSQL wrote of it (see {@link JsonRows}). */
export const JSON_TEXT: unique symbol = Symbol('json text');

/** The JSON text PostgreSQL wrote of a read row, if it was asked to. */
export function jsonTextOf(row: object): string | undefined {
  return (row as { [JSON_TEXT]?: string })[JSON_TEXT];
}

const JSON_ROWS: unique symbol = Symbol('json rows');

/** The resolve info of a list field whose rows are to come as JSON too (server/json-read.ts makes it). */
export function withJsonRows<T extends object>(info: T, rows: JsonRows): T {
  return Object.assign(info, { [JSON_ROWS]: rows });
}

/**
 * What a list resolver passes on to its read (`readTimePage`'s `json`): set only when the field is
 * resolved for the JSON path (server/json-read.ts); the general path leaves it undefined.
 */
export function jsonRowsOf(info: GraphQLResolveInfo): JsonRows | undefined {
  return (info as { [JSON_ROWS]?: JsonRows })[JSON_ROWS];
}

const JSON_CHILDREN: unique symbol = Symbol('json children');

/**
 * The resolve info of an object field (`patient(id)`) whose child lists, by response key, are to
 * come as JSON too: their prefetch (shared/selection.ts) reads them so, as their resolvers will ask.
 */
export function withJsonChildren<T extends object>(info: T, children: ReadonlyMap<string, JsonRows>): T {
  return Object.assign(info, { [JSON_CHILDREN]: children });
}

/** The JSON rows of the child list at response key `key` of the field `info` resolves (see {@link withJsonChildren}). */
export function jsonChildOf(info: GraphQLResolveInfo, key: string): JsonRows | undefined {
  return (info as { [JSON_CHILDREN]?: ReadonlyMap<string, JsonRows> })[JSON_CHILDREN]?.get(key);
}

/** Root fields a resolver reads with {@link jsonRowsOf}: `Query.<name>`, the entity class of its nodes (or of its object). */
const roots = new Map<string, object>();

/**
 * Declares that `Query.<field>`'s resolver honours {@link jsonRowsOf} for its connection's nodes of
 * `entity` (a list), or for the one row of `entity` it returns (an object: then also
 * {@link jsonChildOf} for its child lists declared {@link jsonChildList}).
 */
export function jsonReadable(field: string, entity: object): void {
  roots.set(field, entity);
}

/** The entity of a root list field declared {@link jsonReadable}. */
export function jsonReadableRoot(field: string): object | undefined {
  return roots.get(field);
}

/** To-one relations whose field resolver returns the related row as is (`related(row.patient)`): `Type.field`. */
const relations = new Set<string>();

/** Declares that `typeName.field` resolves to the row's to-one relation of the same name, unchanged. */
export function jsonToOne(typeName: string, field: string): void {
  relations.add(`${typeName}.${field}`);
}

export function isJsonToOne(typeName: string, field: string): boolean {
  return relations.has(`${typeName}.${field}`);
}

/**
 * Child lists of an object (`Patient.medicalRecords`) whose resolver reads its connection's nodes
 * with {@link jsonRowsOf} (`entity`), or whose nodes are plain values (`null`: the JSON path writes
 * their plain fields itself): `Type.field` → entity, and the to-one relations its resolver joins
 * when selected and no JSON is asked (see {@link jsonChildList}).
 */
const childLists = new Map<string, { readonly entity: object | null; readonly joins: ReadonlySet<string> }>();

/**
 * Declares that `typeName.field` is a connection whose resolver honours {@link jsonRowsOf} (see
 * {@link childLists}); `joins`: to-one relations of its nodes (declared {@link jsonToOne}) that
 * its resolver reads joined to the rows when selected and no JSON is asked, so the JSON path
 * writes them from the joined rows.
 */
export function jsonChildList(
  typeName: string,
  field: string,
  entity: object | null,
  joins: readonly string[] = [],
): void {
  childLists.set(`${typeName}.${field}`, { entity, joins: new Set(joins) });
}

/** The entity of a child list declared {@link jsonChildList} (`null`: plain nodes), and its joins; undefined when not declared. */
export function jsonChildListOf(
  typeName: string,
  field: string,
): { readonly entity: object | null; readonly joins: ReadonlySet<string> } | undefined {
  return childLists.get(`${typeName}.${field}`);
}

/** How a to-many field resolves: the rows of the entity whose `relation` is the object, in `sortBy` order (ties by id). */
export interface JsonToMany {
  readonly entity: object;
  readonly relation: string;
  readonly sortBy: string;
}

const toMany = new Map<string, JsonToMany>();

/** Declares that `typeName.field` resolves to `many` exactly (a prescription's items, in position order). */
export function jsonToMany(typeName: string, field: string, many: JsonToMany): void {
  toMany.set(`${typeName}.${field}`, many);
}

export function jsonToManyOf(typeName: string, field: string): JsonToMany | undefined {
  return toMany.get(`${typeName}.${field}`);
}

/**
 * Fields computed from their row's columns whose value PostgreSQL can write: `Type.field` → the SQL
 * of the value (as JSON-able SQL) for the row aliased `row`. The SQL must be the same rule the
 * field's resolver applies, kept next to it.
 */
const computed = new Map<string, (row: string) => string>();

export function jsonComputed(typeName: string, field: string, sql: (row: string) => string): void {
  computed.set(`${typeName}.${field}`, sql);
}

export function jsonComputedOf(typeName: string, field: string): ((row: string) => string) | undefined {
  return computed.get(`${typeName}.${field}`);
}
