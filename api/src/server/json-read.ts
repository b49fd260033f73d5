import type { EntityManager } from '@mikro-orm/postgresql';
import {
  getNamedType,
  getNullableType,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  visit,
  BREAK,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Path } from 'graphql/jsutils/Path.js';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import type { EntityClass } from '../modules/identity/row-guard.js';
import type { ConnectionShape } from '../shared/connection.js';
import {
  isJsonToOne,
  jsonChildListOf,
  jsonComputedOf,
  jsonReadableRoot,
  jsonTextOf,
  jsonToManyOf,
  withJsonChildren,
  withJsonRows,
  type JsonRows,
} from '../shared/json-select.js';
import { AppError } from '../shared/errors.js';
import { andThen, isPromise, type MaybePromise } from '../shared/maybe-async.js';
import { rowReader, type ReadRef } from '../shared/read-rows.js';
import { CalendarDateScalar, DateTimeScalar } from '../shared/scalars.js';
import { argumentValuesOf, withSubfields } from '../shared/selection.js';
import { rowChecksOf } from './access-guard.js';
import type { Context } from './context.js';
import { plainPropertyOf } from './plain-fields.js';
import { coercedVariables } from './query-cost.js';
import { mapAt } from '../shared/map-at.js';

/**
 * A JSON text PostgreSQL writes where a value is not what graphql-js would serialise as written
 * (a stored JSON value of another type, a number it would print otherwise): the request then takes
 * the general path. `to_json` of text never writes `\u0000` (PostgreSQL text cannot hold NUL), and
 * JSON columns' strings are written afresh from their text, so only these markers can hold it.
 */
const POISON_SQL = `'"\\u0000x"'`;
const POISON = '"\\u0000x"';
/** Where the JSON of the object's `index`-th child list goes (an object root's lists: see {@link ChildPlan}). */
const placeholderSql = (index: number) => `'"\\u0000c${index}"'`;
const placeholder = (index: number) => `"\\u0000c${index}"`;

/*
 * The SQL this path writes is of JSON *text* (type text, SQL null for JSON's null), put together by
 * concatenation: every value is written once, as its JSON, and never parsed again (a `::json` cast
 * validates its whole text; `to_json` of a `json` value copies it). Values whose text is their JSON
 * (a uuid, a timestamp written by `to_char`, an int, a boolean, a JSON column's own scalars) are not
 * passed through `to_json`, which looks up the value's type on every call. Arrays by
 * `'[' || string_agg(…, ',') || ']'`: `json_agg` writes a space (and a line break) between items.
 */

/** SQL of a row (or joined relation, by property) as {@link JsonRows} names it. */
type Alias = (relation?: string) => string;

/** One object level of the selection (a node, a root object, or a to-one row of it), as PostgreSQL writes it. */
interface ObjectPlan {
  /** A field marked clinical is selected: the row's clinical check runs. */
  readonly clinical: boolean;
  /** To-one relations selected and joined (their rows are checked too), by property. */
  readonly relations: readonly { readonly property: string; readonly plan: ObjectPlan }[];
  /** Child lists read by their own resolvers (an object root's), each a placeholder in the SQL. */
  readonly children: readonly ChildPlan[];
  /** The SQL of the object's JSON (`alias` as in {@link JsonRows}). */
  readonly sql: (alias: Alias) => string;
  /**
   * The object's JSON written here from its read row instead, with the serialisers graphql-js
   * runs (see {@link RowWriter}); undefined where only PostgreSQL can write it (a computed field,
   * a row or list read by a subquery), for an object root, or inside PostgreSQL's JSON.
   */
  readonly write: RowWriter | undefined;
}

/**
 * Writes an object's JSON from its read row, leaves by their GraphQL type's `serialize` as
 * graphql-js completes them; throws {@link NotPlannable} where graphql-js would answer otherwise
 * (a null for a non-null field, a value its serialiser refuses), for the general path to word.
 */
type RowWriter = (row: Readonly<Record<string, unknown>>) => string;

/** A child list of an object root (`Patient.medicalRecords`): its resolver chain reads it, with its nodes' JSON. */
interface ChildPlan {
  readonly key: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly fieldNodes: readonly FieldNode[];
  readonly returnType: GraphQLOutputType;
  readonly connection: ConnectionPlan;
}

type Piece =
  | { readonly key: string; readonly kind: 'totalCount' }
  | { readonly key: string; readonly kind: 'typename'; readonly text: string }
  | { readonly key: string; readonly kind: 'edges'; readonly pieces: readonly EdgePiece[] }
  | { readonly key: string; readonly kind: 'pageInfo'; readonly pieces: readonly PageInfoPiece[] };
type EdgePiece = { readonly key: string; readonly kind: 'cursor' | 'node' } | TypenamePiece;
type PageInfoPiece = { readonly key: string; readonly kind: 'hasNextPage' | 'endCursor' } | TypenamePiece;
type TypenamePiece = { readonly key: string; readonly kind: 'typename'; readonly text: string };

/** How a connection's nodes are written: their JSON from PostgreSQL, or (plain values) their plain fields here. */
type NodePlan =
  | { readonly kind: 'sql'; readonly object: ObjectPlan; readonly rows: JsonRows }
  // A list's nodes whose fields are plain columns or JSON columns of the row and its joined to-one
  // rows (the doctor's week, the chart's records): written here from the read rows, so PostgreSQL
  // only reads them (writing JSON there cost it more than the read itself).
  | { readonly kind: 'row'; readonly object: ObjectPlan; readonly write: RowWriter }
  // Plain values (a timeline entry): their leaves written here, as a row's are.
  | { readonly kind: 'plain'; readonly write: RowWriter };

interface ConnectionPlan {
  readonly pieces: readonly Piece[];
  readonly node: NodePlan;
}

/** A query the JSON path answers: one root field, a connection (a list) or an object with child lists. */
interface Plan {
  readonly key: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly operation: OperationDefinitionNode;
  readonly root:
    | { readonly kind: 'connection'; readonly connection: ConnectionPlan }
    | {
        readonly kind: 'object';
        readonly object: ObjectPlan;
        readonly rows: JsonRows;
        readonly children: Map<string, JsonRows>;
        /** The object's child fields as graphql-js collects them (no directives: the same for any variables). */
        readonly subfields: ReadonlyMap<string, readonly FieldNode[]>;
      };
}

/** Why a selection cannot be written by PostgreSQL: the general path answers it. */
class NotPlannable extends Error {}

const refuse = (): never => {
  throw new NotPlannable();
};

const jsonRowsOfPlan = (object: ObjectPlan): JsonRows => ({ key: object.sql(() => '\u0001'), sql: object.sql });

const NO_JOINS: ReadonlySet<string> = new Set();

/** What a list whose nodes are plain values asks of PostgreSQL: no JSON. */
const NO_JSON: JsonRows = { key: '', sql: () => 'null' };

/** What a list's resolver is to read of its nodes' JSON: none for nodes written here from their rows. */
function jsonRowsOfNodes(node: NodePlan): JsonRows | undefined {
  switch (node.kind) {
    case 'sql':
      return node.rows;
    case 'plain':
      return NO_JSON;
    case 'row':
      return undefined;
  }
}

/** A field's value as graphql-js completes a leaf or a list of leaves (see {@link RowWriter}). */
function serialised(type: GraphQLOutputType, value: unknown): unknown {
  if (value === null || value === undefined) {
    return isNonNullType(type) ? refuse() : null;
  }
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return Array.isArray(value) ? value.map((item) => serialised(inner.ofType, item)) : refuse();
  }
  if (!isLeafType(inner) || isPromise(value) || typeof value === 'function') {
    return refuse();
  }
  return inner.serialize(value) ?? refuse();
}

/** One field of an object written from its row: `"key":` (after a comma but for the first) and the value's JSON. */
type FieldWriter = (row: Readonly<Record<string, unknown>>) => string;

/** An object's writer from its fields' (`{`, each field's text, `}`): no array per row. */
function objectWriter(fields: readonly FieldWriter[]): RowWriter {
  return (row) => {
    let text = '{';
    for (let index = 0; index < fields.length; index += 1) {
      text += fields[index]!(row);
    }
    return text + '}';
  };
}

const MAX_INT = 2_147_483_647;
const MIN_INT = -2_147_483_648;

/**
 * The writer of a leaf field (`prefix` its `"key":`), the property's value as {@link serialised}
 * writes it: the values a column holds (a string, a Date, a known enum value, an int, a boolean,
 * a list of strings) by the type's own rule without its generic checks, byte for byte what
 * `JSON.stringify(serialised(type, value))` writes; any other value (a null, a value a
 * serialiser refuses) through {@link serialised} itself.
 */
export function leafWriter(prefix: string, type: GraphQLOutputType, property: string): FieldWriter {
  const general = (value: unknown) => prefix + JSON.stringify(serialised(type, value));
  const inner = getNullableType(type);
  if (inner === GraphQLString || inner === GraphQLID) {
    return (row) => {
      const value = row[property];
      return typeof value === 'string' ? prefix + JSON.stringify(value) : general(value);
    };
  }
  if (inner === DateTimeScalar) {
    // An ISO string of a valid date needs no escaping; an invalid one is refused by the scalar.
    const opened = `${prefix}"`;
    return (row) => {
      const value = row[property];
      return value instanceof Date ? opened + DateTimeScalar.serialize(value) + '"' : general(value);
    };
  }
  if (inner instanceof GraphQLEnumType) {
    const names = new Map(inner.getValues().map((value) => [value.value as unknown, JSON.stringify(value.name)]));
    return (row) => {
      const value = row[property];
      const name = names.get(value);
      return name !== undefined ? prefix + name : general(value);
    };
  }
  if (inner === GraphQLBoolean) {
    return (row) => {
      const value = row[property];
      return typeof value === 'boolean' ? prefix + String(value) : general(value);
    };
  }
  if (inner === GraphQLInt) {
    return (row) => {
      const value = row[property];
      return Number.isInteger(value) && (value as number) <= MAX_INT && (value as number) >= MIN_INT
        ? prefix + String(value)
        : general(value);
    };
  }
  if (isListType(inner) && [GraphQLString, GraphQLID].includes(getNullableType(inner.ofType) as never)) {
    // Strings serialise as themselves: the list's JSON is the array's.
    return (row) => {
      const value = row[property];
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? prefix + JSON.stringify(value)
        : general(value);
    };
  }
  return (row) => general(row[property]);
}

/** A JSON string of SQL text that never needs escaping (a uuid, a timestamp written by `to_char`). */
const quoted = (sql: string) => `('"' || ${sql} || '"')`;

/**
 * The JSON text of a column of GraphQL's leaf type `type`, exactly as graphql-js serialises it
 * (SQL null for null); undefined where this path does not write that type.
 */
function leafSql(type: GraphQLOutputType, prop: Property, column: string): string | undefined {
  const nonNull = isNonNullType(type);
  if (nonNull && prop.nullable) {
    return undefined; // graphql-js would report a null; PostgreSQL would write it
  }
  const inner = getNullableType(type);
  const columnType = (prop.columnTypes?.[0] ?? '').toLowerCase();
  if (isListType(inner)) {
    // text[] as a list of strings; its items are never null (written by the API only).
    return getNamedType(inner) === GraphQLString && columnType === 'text[]' ? `to_json(${column})::text` : undefined;
  }
  if (inner === DateTimeScalar) {
    return prop.runtimeType === 'Date' && columnType.startsWith('timestamptz')
      ? quoted(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
      : undefined;
  }
  if (inner === CalendarDateScalar) {
    return prop.runtimeType === 'string' && columnType === 'date'
      ? quoted(`to_char(${column}, 'YYYY-MM-DD')`)
      : undefined;
  }
  if (inner === GraphQLString || inner === GraphQLID) {
    if (prop.runtimeType !== 'string' || columnType.startsWith('json')) {
      return undefined;
    }
    return columnType === 'uuid' ? quoted(column) : `to_json(${column})::text`;
  }
  if (inner instanceof GraphQLEnumType) {
    // Only enums whose values are their own names, as the column holds them.
    return prop.runtimeType === 'string' && inner.getValues().every((value) => value.value === value.name)
      ? `to_json(${column})::text`
      : undefined;
  }
  if (inner === GraphQLBoolean) {
    return prop.runtimeType === 'boolean' ? `(${column})::text` : undefined;
  }
  if (inner === GraphQLInt) {
    return ['int', 'integer', 'int4', 'smallint', 'int2'].includes(columnType) ? `(${column})::text` : undefined;
  }
  return undefined;
}

interface Property {
  readonly name: string;
  readonly fieldNames?: string[];
  readonly columnTypes?: string[];
  readonly runtimeType?: string;
  readonly nullable?: boolean;
  readonly kind?: string;
  readonly type?: string;
}

/** What a planner needs besides the selection: the schema, the ORM's metadata and who checks which rows. */
class Planner {
  private aliases = 0;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly em: EntityManager,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly checked: (entity: EntityClass) => boolean,
  ) {}

  /** The fields of a selection set, grouped as graphql-js executes them (fragments, aliases, repeats). */
  subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, readonly FieldNode[]> {
    return collectSubfields(this.schema, this.fragments, {}, type, nodes);
  }

  private alias(): string {
    return `j${++this.aliases}`;
  }

  private entityOf(name: string | undefined): EntityClass | undefined {
    return name ? (this.em.getMetadata().find(name)?.class as EntityClass | undefined) : undefined;
  }

  /**
   * An object of `entity`'s rows. `level`: `root` a root list's node (to-one relations joined and
   * checked), `object` a root object (child lists by their resolvers), `child` a child list's node
   * (`joins`: the to-one relations its resolver joins, see `jsonChildList`), `nested` a row inside
   * PostgreSQL's JSON (only rows no guard checks below it), `joined` a joined relation's row.
   */
  object(
    type: GraphQLObjectType,
    entity: EntityClass,
    nodes: readonly FieldNode[],
    level: 'root' | 'object' | 'child' | 'nested' | 'joined',
    relation?: string,
    joins: ReadonlySet<string> = NO_JOINS,
  ): ObjectPlan {
    const reader = rowReader(this.em, entity as never);
    const props = reader.meta.properties as unknown as Record<string, Property>;
    const columns: { key: string; sql: (alias: Alias) => string }[] = [];
    const relations: { property: string; plan: ObjectPlan }[] = [];
    const children: ChildPlan[] = [];
    // Written here only at a list's node (a root list's or a child list's) and its joined rows,
    // while every field can be.
    let writers: FieldWriter[] | undefined = level === 'object' ? undefined : [];
    const prefix = (key: string) => `${writers?.length ? ',' : ''}${JSON.stringify(key)}:`;
    let clinical = false;
    for (const [key, fieldNodes] of this.subfields(type, nodes)) {
      const name = fieldNodes[0]!.name.value;
      if (name === '__typename') {
        columns.push({ key, sql: () => literal(JSON.stringify(type.name)) });
        const text = `${prefix(key)}${JSON.stringify(type.name)}`;
        writers?.push(() => text);
        continue;
      }
      const field = type.getFields()[name] ?? refuse();
      const list = level === 'object' ? jsonChildListOf(type.name, name) : undefined;
      if (list !== undefined) {
        const index = children.length;
        children.push({
          key,
          field,
          fieldNodes,
          returnType: field.type,
          connection: this.connection(
            getNullableType(field.type),
            list.entity as EntityClass | null,
            fieldNodes,
            'child',
            list.joins,
          ),
        });
        // Its clinical check runs in its resolver chain.
        columns.push({ key, sql: () => placeholderSql(index) });
        continue;
      }
      if (fieldNodes.some((node) => (node.arguments?.length ?? 0) > 0)) {
        refuse();
      }
      const isClinical = field.extensions['clinical'] === true;
      if (isClinical && (level === 'nested' || level === 'child') && this.checked(entity)) {
        refuse(); // a clinical check per row, which PostgreSQL's JSON gives no row for
      }
      clinical ||= isClinical;
      const named = getNamedType(field.type);
      const computed = jsonComputedOf(type.name, name);
      if (computed) {
        columns.push({ key, sql: (alias) => `to_json(${computed(alias(relation))})::text` });
        writers = undefined;
        continue;
      }
      if (isObjectType(named)) {
        const prop = props[name];
        const target = this.entityOf(prop?.type);
        const many = jsonToManyOf(type.name, name);
        if (many) {
          // A to-many list PostgreSQL aggregates: only of rows no guard checks.
          writers = undefined;
          const child = many.entity as EntityClass;
          if (this.checked(child) || !isNonNullType(field.type)) {
            refuse();
          }
          const childReader = rowReader(this.em, child as never);
          const fieldOf = (property: string) =>
            childReader.columns.find((column) => column.property === property)?.field ?? refuse();
          const parentColumn = fieldOf(many.relation);
          const sortColumn = fieldOf(many.sortBy);
          const plan = this.object(named, child, fieldNodes, 'nested');
          const a = this.alias();
          columns.push({
            key,
            sql: (alias) =>
              `(select coalesce('[' || string_agg(${plan.sql(() => a)}, ',' order by ${a}."${sortColumn}", ${a}.id) || ']', '[]') from "${childReader.meta.tableName}" ${a} where ${a}."${parentColumn}" = ${alias(relation)}."id")`,
          });
          continue;
        }
        if (target && isJsonToOne(type.name, name) && isNonNullType(field.type) && prop?.fieldNames?.length === 1) {
          if (level === 'root') {
            // Joined to the list's rows, one level down (no further), and checked.
            const plan = this.object(named, target, fieldNodes, 'joined', name);
            relations.push({ property: name, plan });
            columns.push({ key, sql: (alias) => plan.sql(alias) });
            const write = plan.write;
            if (write && writers) {
              // The joined row, as its field resolver returns it (`related`); checked before written.
              const text = prefix(key);
              writers.push((row) => text + write((row[name] as ReadRef<Record<string, unknown>>).getEntity()));
            } else {
              writers = undefined;
            }
            continue;
          }
          if (level !== 'joined' && !this.checked(target)) {
            // A row no guard checks: written by a subquery when PostgreSQL writes the node; at a
            // child list's node whose resolver joins it, written here from the joined row (checked
            // too), as a root list's (its subquery then unused: the list asks for no JSON).
            const joined =
              level === 'child' && joins.has(name) ? this.object(named, target, fieldNodes, 'joined', name) : undefined;
            const write = joined?.write;
            if (joined && write && writers) {
              relations.push({ property: name, plan: joined });
              const text = prefix(key);
              writers.push((row) => text + write((row[name] as ReadRef<Record<string, unknown>>).getEntity()));
            } else {
              writers = undefined;
            }
            const plan = this.object(named, target, fieldNodes, 'nested');
            const a = this.alias();
            const table = rowReader(this.em, target as never).meta.tableName;
            const column = prop.fieldNames[0]!;
            columns.push({
              key,
              sql: (alias) =>
                // `limit 1` (the id is unique): a small table is read by a scan that then stops at its row.
                `(select ${plan.sql(() => a)} from "${table}" ${a} where ${a}.id = ${alias(relation)}."${column}" limit 1)`,
            });
            continue;
          }
          refuse();
        }
        // A value of a JSON column (diagnoses, vitals): its plain fields.
        const property = plainPropertyOf(field);
        const jsonProp = property === undefined ? undefined : props[property];
        const column = reader.columns.find((candidate) => candidate.property === property);
        if (!jsonProp || !column || column.target !== undefined || target) {
          refuse();
        }
        const columnType = (jsonProp!.columnTypes?.[0] ?? '').toLowerCase();
        if (columnType !== 'json' && columnType !== 'jsonb') {
          refuse();
        }
        columns.push({
          key,
          sql: (alias) => this.jsonValue(field.type, `(${alias(relation)}."${column!.field}")::jsonb`, fieldNodes),
        });
        const write = writers && this.jsonWriter(field.type, fieldNodes);
        if (write && writers) {
          // The value MikroORM parses from the column, written as graphql-js completes it.
          const text = prefix(key);
          writers.push((row) => text + write(row[property!]));
        } else {
          writers = undefined;
        }
        continue;
      }
      const property = plainPropertyOf(field);
      const prop = property === undefined ? undefined : props[property];
      const column = reader.columns.find((candidate) => candidate.property === property);
      if (!prop || !column || column.target !== undefined) {
        refuse();
      }
      const made = leafSql(field.type, prop!, '\u0000');
      if (made === undefined) {
        refuse();
      }
      columns.push({ key, sql: (alias) => made!.replace('\u0000', `${alias(relation)}."${column!.field}"`) });
      const text = prefix(key);
      writers?.push(leafWriter(text, field.type, property!));
    }
    if (columns.length === 0) {
      refuse();
    }
    const written = writers;
    return {
      clinical,
      // A child list's joined rows only when its node is written here (its resolver joins them then).
      relations: level === 'child' && !written ? [] : relations,
      children,
      sql: (alias) => objectSql(columns.map((column) => ({ key: column.key, sql: column.sql(alias) }))),
      write: written && objectWriter(written),
    };
  }

  /**
   * A value read from a JSON column (`expression`, SQL of type json) as graphql-js would serialise
   * the object graph MikroORM parses from it: plain fields of objects and lists, leaves of String,
   * ID, Int, Float and Boolean. Anything it would serialise otherwise (or refuse) is {@link POISON_SQL}.
   */
  private jsonValue(type: GraphQLOutputType, expression: string, nodes: readonly FieldNode[]): string {
    const e = expression;
    const ifNull = isNonNullType(type) ? POISON_SQL : `'null'`;
    const inner = getNullableType(type);
    let value: string;
    if (isListType(inner)) {
      const x = this.alias();
      value = `when 'array' then (select coalesce('[' || string_agg(${this.jsonValue(inner.ofType, `${x}.e`, nodes)}, ',' order by ${x}.n) || ']', '[]') from jsonb_array_elements(${e}) with ordinality ${x}(e, n))`;
    } else if (isObjectType(inner)) {
      if (this.em.getMetadata().find(inner.name)) {
        refuse();
      }
      const pairs: { key: string; sql: string }[] = [];
      for (const [key, fieldNodes] of this.subfields(inner, nodes)) {
        const name = fieldNodes[0]!.name.value;
        if (name === '__typename') {
          pairs.push({ key, sql: literal(JSON.stringify(inner.name)) });
          continue;
        }
        const field = inner.getFields()[name] ?? refuse();
        const property = plainPropertyOf(field);
        if (
          property === undefined ||
          !/^\w+$/.test(property) ||
          field.extensions['clinical'] === true ||
          fieldNodes.some((node) => (node.arguments?.length ?? 0) > 0)
        ) {
          refuse();
        }
        pairs.push({ key, sql: this.jsonValue(field.type, `(${e} -> '${property}')`, fieldNodes) });
      }
      if (pairs.length === 0) {
        refuse();
      }
      value = `when 'object' then ${objectSql(pairs)}`;
    } else if (inner === GraphQLString || inner === GraphQLID) {
      // A JSON string's text as jsonb writes it: escaped as `to_json` of its text, and as graphql-js.
      value = `when 'string' then (${e})::text`;
    } else if (inner === GraphQLBoolean) {
      value = `when 'boolean' then (${e})::text`;
    } else if (inner === GraphQLInt) {
      const n = `(${e})::numeric`;
      value = `when 'number' then (case when ${n} = trunc(${n}) and abs(${n}) <= 2147483647 then (${n})::int::text else ${POISON_SQL} end)`;
    } else if (inner === GraphQLFloat) {
      // float8's shortest text is JavaScript's for magnitudes in [1e-4, 1e15) (and zero, as 0).
      const n = `(${e})::float8`;
      value = `when 'number' then (case when ${n} = 0 then '0'
               when abs(${n}) >= 1e-4 and abs(${n}) < 1e15 then (${n})::text else ${POISON_SQL} end)`;
    } else {
      return refuse();
    }
    return `(case coalesce(jsonb_typeof(${e}), 'null') when 'null' then ${ifNull} ${value} else ${POISON_SQL} end)`;
  }

  /**
   * The writer of a value read from a JSON column as graphql-js completes the object graph MikroORM
   * parses from it (the rule {@link jsonValue} writes in SQL): plain fields of objects and lists,
   * leaves by their type's `serialize` ({@link serialised}, which refuses where graphql-js would
   * answer otherwise); undefined where this path does not write it here (PostgreSQL then does).
   */
  private jsonWriter(type: GraphQLOutputType, nodes: readonly FieldNode[]): ((value: unknown) => string) | undefined {
    const inner = getNullableType(type);
    const absent = isNonNullType(type) ? refuse : () => 'null';
    if (isListType(inner)) {
      const item = this.jsonWriter(inner.ofType, nodes);
      return (
        item &&
        ((value) => {
          if (value === null || value === undefined) {
            return absent();
          }
          if (!Array.isArray(value)) {
            return refuse();
          }
          let text = '[';
          for (let index = 0; index < value.length; index += 1) {
            text += (index > 0 ? ',' : '') + item(value[index]);
          }
          return text + ']';
        })
      );
    }
    if (isObjectType(inner)) {
      if (this.em.getMetadata().find(inner.name)) {
        return undefined;
      }
      const fields: { readonly prefix: string; readonly write: (object: Record<string, unknown>) => string }[] = [];
      for (const [key, fieldNodes] of this.subfields(inner, nodes)) {
        const prefix = `${fields.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
        const name = fieldNodes[0]!.name.value;
        if (name === '__typename') {
          const text = JSON.stringify(inner.name);
          fields.push({ prefix, write: () => text });
          continue;
        }
        const field = inner.getFields()[name];
        const property = field && plainPropertyOf(field);
        const write = field && property !== undefined ? this.jsonWriter(field.type, fieldNodes) : undefined;
        if (
          !field ||
          property === undefined ||
          !write ||
          field.extensions['clinical'] === true ||
          fieldNodes.some((node) => (node.arguments?.length ?? 0) > 0)
        ) {
          return undefined;
        }
        fields.push({ prefix, write: (object) => write(object[property]) });
      }
      if (fields.length === 0) {
        return undefined;
      }
      return (value) => {
        if (value === null || value === undefined) {
          return absent();
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
          return refuse();
        }
        let text = '{';
        for (const field of fields) {
          text += field.prefix + field.write(value as Record<string, unknown>);
        }
        return text + '}';
      };
    }
    return isLeafType(inner) ? (value) => JSON.stringify(serialised(type, value)) : undefined;
  }

  /** A connection (`totalCount`, `edges { cursor node }`, `pageInfo`) of `entity`'s rows (`null`: plain nodes). */
  connection(
    type: GraphQLOutputType,
    entity: EntityClass | null,
    fieldNodes: readonly FieldNode[],
    level: 'root' | 'child',
    joins: ReadonlySet<string> = NO_JOINS,
  ): ConnectionPlan {
    if (!isObjectType(type)) {
      return refuse();
    }
    let node: NodePlan | undefined;
    const pieces: Piece[] = [];
    for (const [pieceKey, nodes] of this.subfields(type, fieldNodes)) {
      const pieceName = nodes[0]!.name.value;
      const pieceField = type.getFields()[pieceName];
      const pieceType = pieceField && getNamedType(pieceField.type);
      if (pieceName === '__typename') {
        pieces.push({ key: pieceKey, kind: 'typename', text: JSON.stringify(type.name) });
      } else if (pieceName === 'totalCount') {
        pieces.push({ key: pieceKey, kind: 'totalCount' });
      } else if (pieceName === 'edges' && isObjectType(pieceType)) {
        const edge: EdgePiece[] = [];
        for (const [edgeKey, edgeNodes] of this.subfields(pieceType, nodes)) {
          const edgeName = edgeNodes[0]!.name.value;
          const nodeType = getNamedType(pieceType.getFields()[edgeName]?.type);
          if (edgeName === '__typename') {
            edge.push({ key: edgeKey, kind: 'typename', text: JSON.stringify(pieceType.name) });
          } else if (edgeName === 'cursor') {
            edge.push({ key: edgeKey, kind: 'cursor' });
          } else if (edgeName === 'node' && isObjectType(nodeType) && !node) {
            if (entity) {
              const object = this.object(nodeType, entity, edgeNodes, level, undefined, joins);
              node = object.write
                ? { kind: 'row', object, write: object.write }
                : { kind: 'sql', object, rows: jsonRowsOfPlan(object) };
            } else {
              node = { kind: 'plain', write: this.plainWriter(nodeType, edgeNodes) };
            }
            edge.push({ key: edgeKey, kind: 'node' });
          } else {
            return refuse();
          }
        }
        pieces.push({ key: pieceKey, kind: 'edges', pieces: edge });
      } else if (pieceName === 'pageInfo' && isObjectType(pieceType)) {
        const info: PageInfoPiece[] = [];
        for (const [infoKey, infoNodes] of this.subfields(pieceType, nodes)) {
          const infoName = infoNodes[0]!.name.value;
          if (infoName === '__typename') {
            info.push({ key: infoKey, kind: 'typename', text: JSON.stringify(pieceType.name) });
          } else if (infoName === 'hasNextPage' || infoName === 'endCursor') {
            info.push({ key: infoKey, kind: infoName });
          } else {
            return refuse();
          }
        }
        pieces.push({ key: pieceKey, kind: 'pageInfo', pieces: info });
      } else {
        return refuse();
      }
    }
    return { pieces, node: node ?? refuse() };
  }

  /** A plain value node's writer (no entity, so no row guard): its leaves, as a row's ({@link leafWriter}). */
  private plainWriter(type: GraphQLObjectType, nodes: readonly FieldNode[]): RowWriter {
    if (this.em.getMetadata().find(type.name)) {
      refuse();
    }
    const fields: FieldWriter[] = [];
    for (const [key, fieldNodes] of this.subfields(type, nodes)) {
      const name = fieldNodes[0]!.name.value;
      const prefix = `${fields.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
      if (name === '__typename') {
        const text = `${prefix}${JSON.stringify(type.name)}`;
        fields.push(() => text);
        continue;
      }
      const field = type.getFields()[name] ?? refuse();
      const property = plainPropertyOf(field);
      const named = getNamedType(field.type);
      if (
        property === undefined ||
        !isLeafType(named) ||
        isListType(getNullableType(field.type)) ||
        field.extensions['clinical'] === true ||
        fieldNodes.some((node) => (node.arguments?.length ?? 0) > 0)
      ) {
        refuse();
      }
      fields.push(leafWriter(prefix, field.type, property!));
    }
    return objectWriter(fields);
  }
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A JSON object of `pairs` (each the SQL of a value's JSON text, SQL null for JSON's null), keys in
 * this order, as one expression of text: no subquery per object for PostgreSQL to plan
 * (`row_to_json` of a subselect is one), and no spaces (`json_build_object` writes some).
 */
function objectSql(pairs: readonly { readonly key: string; readonly sql: string }[]): string {
  return `(${pairs
    .map(
      (pair, index) =>
        `${literal(`${index > 0 ? ',' : '{'}${JSON.stringify(pair.key)}:`)} || coalesce(${pair.sql}, 'null')`,
    )
    .join(' || ')} || '}')`;
}

/** The plan of `operation`, or undefined: not a query this path answers. */
function planOf(
  schema: GraphQLSchema,
  em: EntityManager,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Plan | undefined {
  const query = schema.getQueryType();
  const checks = rowChecksOf(schema);
  if (operation.operation !== OperationTypeNode.QUERY || !query || !checks) {
    return undefined;
  }
  // Directives (@skip, @include) depend on variables: such documents take the general path.
  let directives = false;
  visit(document, {
    Directive() {
      directives = true;
      return BREAK;
    },
  });
  if (directives) {
    return undefined;
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  const roots = collectFields(schema, fragments, {}, query, operation.selectionSet);
  if (roots.size !== 1) {
    return undefined;
  }
  const [[key, fieldNodes]] = [...roots] as [[string, readonly FieldNode[]]];
  const name = fieldNodes[0]!.name.value;
  const entity = jsonReadableRoot(name) as EntityClass | undefined;
  const field = query.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
  const returnType = field && getNullableType(field.type);
  if (!entity || !field || !isObjectType(returnType)) {
    return undefined;
  }
  const planner = new Planner(schema, em, fragments, (target) => checks.checked(target));
  try {
    const base = { key, field, fieldNodes, fragments, operation };
    if (returnType.getFields()['edges']) {
      return {
        ...base,
        root: { kind: 'connection', connection: planner.connection(returnType, entity, fieldNodes, 'root') },
      };
    }
    const object = planner.object(returnType, entity, fieldNodes, 'object');
    const children = new Map<string, JsonRows>();
    for (const child of object.children) {
      if (child.connection.node.kind === 'sql') {
        children.set(child.key, child.connection.node.rows);
      }
    }
    const subfields = planner.subfields(returnType, fieldNodes);
    return { ...base, root: { kind: 'object', object, rows: jsonRowsOfPlan(object), children, subfields } };
  } catch (error) {
    if (error instanceof NotPlannable) {
      return undefined;
    }
    throw error;
  }
}

/** What the JSON path read but could not answer (a row refused), for the general path to answer: per request, by field. */
const handedOver = new WeakMap<
  object,
  Map<string | number, { readonly value: unknown } | { readonly error: unknown }>
>();
const handingOver = new WeakSet<object>();

/**
 * Lets the root fields the JSON path reads take what it read but could not answer (a row or a
 * field refused) back from it, so the general path answers that request from the same read
 * instead of reading it again: one statement either way. Only what the field's own resolver
 * chain (the MFA gate, the resolver, the access guard's check of its result) returned — or threw —
 * in the same request is handed over; every row and field of it is checked again by the general path.
 * Applied once to the schema (server/schema.ts), outermost.
 */
export function takeBackJsonReads(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve || !jsonReadableRoot(field.name) || handingOver.has(field)) {
      continue;
    }
    handingOver.add(field);
    field.resolve = (root, args, context: object, info) => {
      const read = handedOver.get(context);
      // By the field's key in the response (graphql-jit may hand the resolver copies of the nodes).
      const taken = read?.get(info.path.key);
      if (read && taken !== undefined) {
        read.delete(info.path.key);
        if ('error' in taken) {
          throw taken.error;
        }
        return taken.value;
      }
      return resolve(root, args, context, info);
    };
  }
  return schema;
}

/** Whether a check passes (false when it refused, or failed): a promise only when the check is one. */
function passing(check: () => MaybePromise<void> | undefined): MaybePromise<boolean> {
  try {
    const result = check();
    return isPromise(result)
      ? result.then(
          () => true,
          () => false,
        )
      : true;
  } catch {
    return false;
  }
}

/** `first`, then (when it passed) `next`: synchronous while both are. */
function thenPassing(first: MaybePromise<boolean>, next: () => MaybePromise<boolean>): MaybePromise<boolean> {
  return andThen(first, (passed) => passed && next());
}

/** Rows of a list are read through another object, never at the top of the query. */
const NESTED = { topLevel: false } as const;

type RowChecks = NonNullable<ReturnType<typeof rowChecksOf>>;

/** The JSON PostgreSQL wrote of a row: undefined when it wrote none, or wrote a value graphql-js would not. */
function textOf(row: object): string | undefined {
  const text = jsonTextOf(row);
  return typeof text === 'string' && !text.includes(POISON) ? text : undefined;
}

/**
 * The JSON path: a query of one root field whose selection PostgreSQL can write — a list (the
 * doctor's week: plain columns of the nodes and of their to-one rows, the connection's count,
 * cursors and page info) or an object with child lists (the patient's chart: the patient's columns;
 * their records, prescriptions and appointments, with what PostgreSQL writes inside them — items —
 * or joins to them — the doctor — and the timeline) — is answered with the JSON as
 * PostgreSQL wrote it, in the statement the lists read anyway: no object per field, no executor
 * walk per row. A list's nodes of plain columns and values of JSON columns only (the week: the
 * appointment and its patient; the chart's records: their diagnoses and vitals) are written here
 * instead, from the rows read (PostgreSQL's JSON cost it more than the read: the chart's statement
 * ran 12% fewer instructions without the records' JSON); so are a child list's nodes whose to-one
 * rows its resolver joins (the chart's appointments and their doctors: the chart's statement cost
 * PostgreSQL 30–47 µs, about a tenth, less than with the doctor's JSON written by a subquery per
 * appointment). What decides access is the same code as on
 * the general path: the root field's own resolver (wrapped by the MFA gate and the access guard)
 * reads it, each child list's own resolver chain (the access guard's clinical check, the resolver)
 * reads that list, and every row they return passes its entity's row guard and, for clinical fields
 * selected, the clinical check (which notes the chart reads for the audit trail), as the access
 * guard runs them field by field there; inside PostgreSQL's JSON go only rows no guard checks (a
 * prescription's items, a doctor's name). A refusal anywhere, or anything unusual (arguments that
 * do not parse, a missing related row, a stored value graphql-js would write otherwise), hands the
 * request to the general path, which words the answer — so the JSON path answers only what the
 * general path would answer in full, byte for byte.
 */
export class JsonReads {
  private readonly plans = new WeakMap<DocumentNode, Map<string, Plan | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The `data` of `operation` as JSON text, or undefined: the general path answers. */
  async run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    context: Context,
  ): Promise<string | undefined> {
    const plan = this.planFor(document, operation, context.em);
    const checks = rowChecksOf(this.schema);
    if (!plan || !checks) {
      return undefined;
    }
    // Coerced as the executor coerces them (a DateTime variable becomes a Date).
    const coerced = coercedVariables(this.schema, plan.operation, variables);
    if ('errors' in coerced) {
      return undefined;
    }
    const variableValues = coerced.coerced;
    let args: Record<string, unknown>;
    try {
      args = argumentValuesOf(plan.field, plan.fieldNodes[0]!, variableValues);
    } catch {
      return undefined;
    }
    const path: Path = { prev: undefined, key: plan.key, typename: 'Query' };
    const rootInfo = {
      fieldName: plan.field.name,
      fieldNodes: plan.fieldNodes,
      returnType: plan.field.type,
      parentType: this.schema.getQueryType()!,
      path,
      schema: this.schema,
      fragments: plan.fragments,
      rootValue: undefined,
      operation: plan.operation,
      variableValues,
    } satisfies GraphQLResolveInfo;
    // Nodes written here from their rows are read plainly (no JSON asked of PostgreSQL).
    const rows = plan.root.kind === 'object' ? plan.root.rows : jsonRowsOfNodes(plan.root.connection.node);
    const info = rows ? withJsonRows({ ...rootInfo }, rows) : rootInfo;
    if (plan.root.kind === 'object') {
      withSubfields(withJsonChildren(info, plan.root.children), plan.root.subfields);
    }
    const handOver = (taken: { value: unknown } | { error: unknown }) => {
      if (!handingOver.has(plan.field)) {
        return undefined;
      }
      const read = mapAt(handedOver, context);
      read.set(plan.key, taken);
      return undefined;
    };
    let value: unknown;
    try {
      value = await plan.field.resolve!(undefined, args, context, info);
    } catch (error) {
      // Refused (or bad input) by the field's own chain: the general path words it, without reading
      // again. Any other failure (of this path's own SQL, say): the general path runs afresh.
      return error instanceof AppError ? handOver({ error }) : undefined;
    }
    if (value === null || typeof value !== 'object') {
      return handOver({ value });
    }
    if (plan.root.kind === 'connection') {
      const text = await this.connectionText(plan.root.connection, value as ConnectionShape<object>, context, checks);
      return text === undefined ? handOver({ value }) : `{${JSON.stringify(plan.key)}:${text}}`;
    }
    // The object's own row guard ran in its resolver chain (the access guard); its clinical fields' check here.
    const object = plan.root.object;
    let text = textOf(value);
    const passed =
      text !== undefined &&
      thenPassing(object.clinical ? passing(() => checks.clinicalField(value)?.(value, context)) : true, () =>
        this.relationsPass([value], object, context, checks),
      );
    if (text === undefined || !(isPromise(passed) ? await passed : passed)) {
      return handOver({ value });
    }
    // The object's text around its child lists' placeholders (in the order the planner wrote them),
    // joined with each list's text: no copy of the whole text per list.
    const pieces: string[] = [];
    for (let index = 0, from = 0; index <= object.children.length; index += 1) {
      const at = index < object.children.length ? text.indexOf(placeholder(index), from) : text.length;
      if (at < 0) {
        return handOver({ value });
      }
      pieces.push(text.slice(from, at));
      from = at + placeholder(index).length;
    }
    text = pieces[0]!;
    for (const [index, child] of object.children.entries()) {
      // Of the root field's own info, only what graphql-js gives every field (not its JSON hooks).
      const childBase = {
        ...rootInfo,
        fieldName: child.field.name,
        fieldNodes: child.fieldNodes,
        returnType: child.returnType,
        parentType: getNullableType(plan.field.type) as GraphQLObjectType,
        path: { prev: path, key: child.key, typename: (getNullableType(plan.field.type) as GraphQLObjectType).name },
      };
      // Nodes written here from their rows are read plainly, as their prefetch read them (no JSON).
      const childRows = jsonRowsOfNodes(child.connection.node);
      const childInfo = childRows ? withJsonRows(childBase, childRows) : childBase;
      let connection: unknown;
      try {
        const childArgs = argumentValuesOf(child.field, child.fieldNodes[0]!, variableValues);
        // The child field's own chain: the access guard's clinical check of the object, then its resolver.
        connection = await child.field.resolve!(value, childArgs, context, childInfo);
      } catch {
        return handOver({ value });
      }
      const childText =
        connection !== null && typeof connection === 'object'
          ? await this.connectionText(child.connection, connection as ConnectionShape<object>, context, checks)
          : undefined;
      if (childText === undefined) {
        return handOver({ value });
      }
      text += childText + pieces[index + 1]!;
    }
    return `{${JSON.stringify(plan.key)}:${text}}`;
  }

  /** Whether the joined to-one rows of `rows` came and pass their checks (each relation's rows as one list). */
  private relationsPass(
    rows: readonly object[],
    object: ObjectPlan,
    context: Context,
    checks: RowChecks,
    from = 0,
  ): MaybePromise<boolean> {
    if (from >= object.relations.length) {
      return true;
    }
    const { property, plan: related } = object.relations[from]!;
    const relatedRows: object[] = [];
    for (const row of rows) {
      const ref = (row as Record<string, ReadRef<object> | undefined>)[property];
      if (!ref?.isInitialized()) {
        return false;
      }
      relatedRows.push(ref.getEntity());
    }
    return thenPassing(this.rowsPass(relatedRows, related, context, checks), () =>
      this.relationsPass(rows, object, context, checks, from + 1),
    );
  }

  /**
   * The rows of a list as the access guard checks them on the general path — their row guard, their
   * clinical check, their joined rows' — each check answered for the whole list (the access guard's
   * `checkRows`: one decision per patient where the guard has one). Synchronous when every decision is known.
   */
  private rowsPass(
    rows: readonly object[],
    object: ObjectPlan,
    context: Context,
    checks: RowChecks,
  ): MaybePromise<boolean> {
    return thenPassing(
      passing(() => checks.checkRows(rows, context, NESTED)),
      () =>
        thenPassing(object.clinical ? passing(() => checks.clinicalRows(rows, context)) : true, () =>
          this.relationsPass(rows, object, context, checks),
        ),
    );
  }

  /** A connection's JSON text, its nodes checked; undefined when one is refused or unusual. */
  private async connectionText(
    plan: ConnectionPlan,
    connection: ConnectionShape<object>,
    context: Context,
    checks: RowChecks,
  ): Promise<string | undefined> {
    if (!Array.isArray(connection.edges)) {
      return undefined;
    }
    const nodes: string[] = [];
    const rows: object[] = [];
    for (const edge of connection.edges) {
      const node = edge.node as object | null;
      if (node === null || typeof node !== 'object') {
        return undefined;
      }
      let text: string | undefined;
      if (plan.node.kind === 'sql') {
        text = textOf(node);
        if (text === undefined) {
          return undefined;
        }
        rows.push(node);
      } else if (plan.node.kind === 'row') {
        try {
          text = plan.node.write(node as Record<string, unknown>);
        } catch {
          return undefined; // graphql-js would answer otherwise: the general path does
        }
        rows.push(node); // checked with the list below, before its text is used
      } else {
        // A plain value: no row guard (planned so); its leaves as graphql-js serialises them.
        if (checks.check(node)) {
          return undefined;
        }
        try {
          text = plan.node.write(node as Record<string, unknown>);
        } catch {
          return undefined;
        }
      }
      nodes.push(text);
    }
    if (plan.node.kind !== 'plain' && rows.length > 0) {
      // The list's rows checked as one list, as the access guard checks a list on the general path.
      const passed = this.rowsPass(rows, plan.node.object, context, checks);
      if (!(isPromise(passed) ? await passed : passed)) {
        return undefined;
      }
    }
    // Joined as it is written (not kept and joined at the end: `join` copies the whole text, which
    // the response copies again).
    let json = '{';
    for (const piece of plan.pieces) {
      let value: string;
      switch (piece.kind) {
        case 'typename':
          value = piece.text;
          break;
        case 'totalCount':
          try {
            // A number, or (when not read with the page) the promise of one.
            value = JSON.stringify(await (connection.totalCount as number | Promise<number>));
          } catch {
            return undefined;
          }
          break;
        case 'pageInfo':
          value = `{${piece.pieces
            .map(
              (part) =>
                `${JSON.stringify(part.key)}:${part.kind === 'typename' ? part.text : JSON.stringify(connection.pageInfo[part.kind])}`,
            )
            .join(',')}}`;
          break;
        case 'edges': {
          // Each part's `"key":` written once, each edge's text in one pass (no arrays per edge).
          const prefixes = piece.pieces.map((part, index) => `${index > 0 ? ',' : ''}${JSON.stringify(part.key)}:`);
          value = '[';
          for (let index = 0; index < connection.edges.length; index += 1) {
            value += index > 0 ? ',{' : '{';
            for (let at = 0; at < piece.pieces.length; at += 1) {
              const part = piece.pieces[at]!;
              value +=
                prefixes[at]! +
                (part.kind === 'typename'
                  ? part.text
                  : part.kind === 'cursor'
                    ? JSON.stringify(connection.edges[index]!.cursor)
                    : nodes[index]!);
            }
            value += '}';
          }
          value += ']';
          break;
        }
      }
      json += `${json.length > 1 ? ',' : ''}${JSON.stringify(piece.key)}:${value}`;
    }
    return json + '}';
  }

  private planFor(document: DocumentNode, operation: OperationDefinitionNode, em: EntityManager): Plan | undefined {
    const byOperation = mapAt(this.plans, document);
    const name = operation.name?.value ?? '';
    let plan = byOperation.get(name);
    if (plan === undefined) {
      plan = planOf(this.schema, em, document, operation) ?? null;
      byOperation.set(name, plan);
    }
    return plan ?? undefined;
  }
}
