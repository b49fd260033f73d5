import type { GraphQLResolveInfo } from 'graphql';

/**
 * A list's rows as the JSON of a known GraphQL selection, written by PostgreSQL (server/json-read.ts
 * plans it): for each row, the text of its `node` object, keys in the client's order, values as
 * GraphQL would serialise them. The SQL is built from the entity's columns and the selection only;
 * the rows themselves still come as read rows, so the row guards check them as on every path.
 */
export interface JsonRows {
  /**
   * The SQL expression of one row's JSON text; `alias(relation)` is the SQL alias of the list's row
   * (`relation` undefined) or of a to-one relation joined to it (`patient`).
   */
  readonly sql: (alias: (relation?: string) => string) => string;
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

/** Root list fields a resolver reads with {@link jsonRowsOf}: `Query.<name>`, the entity class its nodes are. */
const roots = new Map<string, object>();

/** Declares that `Query.<field>`'s resolver honours {@link jsonRowsOf} for its connection's nodes of `entity`. */
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
