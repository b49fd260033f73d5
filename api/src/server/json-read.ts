import type { EntityManager } from '@mikro-orm/postgresql';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  getNullableType,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
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
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import type { EntityClass } from '../modules/identity/row-guard.js';
import type { ConnectionShape } from '../shared/connection.js';
import { isJsonToOne, jsonReadableRoot, jsonTextOf, withJsonRows, type JsonRows } from '../shared/json-select.js';
import { isPromise } from '../shared/maybe-async.js';
import { rowReader, type ReadRef } from '../shared/read-rows.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { rowChecksOf } from './access-guard.js';
import type { Context } from './context.js';
import { plainPropertyOf } from './plain-fields.js';

/** One object level of the selection (a node, or a to-one row of it), as PostgreSQL writes it. */
interface ObjectPlan {
  /** A field marked clinical is selected: the row's clinical check runs. */
  readonly clinical: boolean;
  /** To-one relations selected (their rows are checked too), by property. */
  readonly relations: readonly { readonly property: string; readonly plan: ObjectPlan }[];
  /** The SQL of the object's JSON (`alias` as in {@link JsonRows}). */
  readonly sql: (alias: (relation?: string) => string) => string;
}

type Piece =
  | { readonly key: string; readonly kind: 'totalCount' }
  | { readonly key: string; readonly kind: 'typename'; readonly text: string }
  | { readonly key: string; readonly kind: 'edges'; readonly pieces: readonly EdgePiece[] }
  | { readonly key: string; readonly kind: 'pageInfo'; readonly pieces: readonly PageInfoPiece[] };
type EdgePiece = { readonly key: string; readonly kind: 'cursor' | 'node' } | TypenamePiece;
type PageInfoPiece = { readonly key: string; readonly kind: 'hasNextPage' | 'endCursor' } | TypenamePiece;
type TypenamePiece = { readonly key: string; readonly kind: 'typename'; readonly text: string };

/** A query the JSON path answers: one root list field, its connection, its nodes' JSON from PostgreSQL. */
interface Plan {
  readonly key: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly operation: OperationDefinitionNode;
  readonly returnType: GraphQLObjectType;
  readonly pieces: readonly Piece[];
  readonly node: ObjectPlan;
  readonly rows: JsonRows;
}

/** Why a selection cannot be written by PostgreSQL: the general path answers it. */
class NotPlannable extends Error {}

const refuse = (): never => {
  throw new NotPlannable();
};

/** GraphQL's leaf types this path writes in SQL exactly as graphql-js serialises them. */
function leafSql(type: GraphQLOutputType, prop: Property, column: string): string | undefined {
  const nonNull = isNonNullType(type);
  if (nonNull && prop.nullable) {
    return undefined; // graphql-js would report a null; PostgreSQL would write it
  }
  const inner = getNullableType(type);
  const columnType = (prop.columnTypes?.[0] ?? '').toLowerCase();
  if (isListType(inner)) {
    // text[] as a list of strings; its items are never null (written by the API only).
    return getNamedType(inner) === GraphQLString && columnType === 'text[]' ? column : undefined;
  }
  if (inner === DateTimeScalar) {
    return prop.runtimeType === 'Date' && columnType.startsWith('timestamptz')
      ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : undefined;
  }
  if (inner === GraphQLString || inner === GraphQLID) {
    return prop.runtimeType === 'string' && !columnType.startsWith('json') ? column : undefined;
  }
  if (inner instanceof GraphQLEnumType) {
    // Only enums whose values are their own names, as the column holds them.
    return prop.runtimeType === 'string' && inner.getValues().every((value) => value.value === value.name)
      ? column
      : undefined;
  }
  if (inner === GraphQLBoolean) {
    return prop.runtimeType === 'boolean' ? column : undefined;
  }
  if (inner === GraphQLInt) {
    return ['int', 'integer', 'int4', 'smallint', 'int2'].includes(columnType) ? column : undefined;
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

/** The fields of a selection set, grouped as graphql-js executes them (fragments, aliases, repeats). */
function subfields(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Map<string, readonly FieldNode[]> {
  return collectSubfields(schema, fragments, {}, type, nodes);
}

function objectPlan(
  schema: GraphQLSchema,
  em: EntityManager,
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  entity: EntityClass,
  nodes: readonly FieldNode[],
  relation: string | undefined,
): ObjectPlan {
  const reader = rowReader(em, entity as never);
  const props = reader.meta.properties as unknown as Record<string, Property>;
  const columns: { key: string; sql: (alias: (relation?: string) => string) => string }[] = [];
  const relations: { property: string; plan: ObjectPlan }[] = [];
  let clinical = false;
  for (const [key, fieldNodes] of subfields(schema, fragments, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    if (name === '__typename') {
      columns.push({ key, sql: () => `'${type.name}'` });
      continue;
    }
    const field = type.getFields()[name] ?? refuse();
    if (fieldNodes.some((node) => (node.arguments?.length ?? 0) > 0)) {
      refuse();
    }
    clinical ||= field.extensions['clinical'] === true;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      // A to-one relation that resolves to the joined row as is, one level down (no further).
      const prop = props[name];
      const target = prop?.type ? (em.getMetadata().find(prop.type)?.class as EntityClass | undefined) : undefined;
      if (relation !== undefined || !isJsonToOne(type.name, name) || !target || !isNonNullType(field.type)) {
        refuse();
      }
      const plan = objectPlan(schema, em, fragments, named, target!, fieldNodes, name);
      relations.push({ property: name, plan });
      columns.push({ key, sql: (alias) => plan.sql(alias) });
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
  }
  if (columns.length === 0) {
    refuse();
  }
  return {
    clinical,
    relations,
    sql: (alias) =>
      `(select row_to_json(o) from (select ${columns.map((column) => `${column.sql(alias)} as "${column.key}"`).join(', ')}) o)`,
  };
}

/** The plan of `operation`, or undefined: not a query this path answers. */
function planOf(
  schema: GraphQLSchema,
  em: EntityManager,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Plan | undefined {
  const query = schema.getQueryType();
  if (operation.operation !== OperationTypeNode.QUERY || !query) {
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
  try {
    let node: ObjectPlan | undefined;
    const pieces: Piece[] = [];
    for (const [pieceKey, nodes] of subfields(schema, fragments, returnType, fieldNodes)) {
      const pieceName = nodes[0]!.name.value;
      const pieceField = returnType.getFields()[pieceName];
      const pieceType = pieceField && getNamedType(pieceField.type);
      if (pieceName === '__typename') {
        pieces.push({ key: pieceKey, kind: 'typename', text: JSON.stringify(returnType.name) });
      } else if (pieceName === 'totalCount') {
        pieces.push({ key: pieceKey, kind: 'totalCount' });
      } else if (pieceName === 'edges' && isObjectType(pieceType)) {
        const edge: EdgePiece[] = [];
        for (const [edgeKey, edgeNodes] of subfields(schema, fragments, pieceType, nodes)) {
          const edgeName = edgeNodes[0]!.name.value;
          const nodeType = getNamedType(pieceType.getFields()[edgeName]?.type);
          if (edgeName === '__typename') {
            edge.push({ key: edgeKey, kind: 'typename', text: JSON.stringify(pieceType.name) });
          } else if (edgeName === 'cursor') {
            edge.push({ key: edgeKey, kind: 'cursor' });
          } else if (edgeName === 'node' && isObjectType(nodeType) && !node) {
            node = objectPlan(schema, em, fragments, nodeType, entity, edgeNodes, undefined);
            edge.push({ key: edgeKey, kind: 'node' });
          } else {
            return undefined;
          }
        }
        pieces.push({ key: pieceKey, kind: 'edges', pieces: edge });
      } else if (pieceName === 'pageInfo' && isObjectType(pieceType)) {
        const info: PageInfoPiece[] = [];
        for (const [infoKey, infoNodes] of subfields(schema, fragments, pieceType, nodes)) {
          const infoName = infoNodes[0]!.name.value;
          if (infoName === '__typename') {
            info.push({ key: infoKey, kind: 'typename', text: JSON.stringify(pieceType.name) });
          } else if (infoName === 'hasNextPage' || infoName === 'endCursor') {
            info.push({ key: infoKey, kind: infoName });
          } else {
            return undefined;
          }
        }
        pieces.push({ key: pieceKey, kind: 'pageInfo', pieces: info });
      } else {
        return undefined;
      }
    }
    if (!node) {
      return undefined;
    }
    const plannedNode = node;
    return {
      key,
      field,
      fieldNodes,
      fragments,
      operation,
      returnType,
      pieces,
      node: plannedNode,
      rows: { sql: (alias) => plannedNode.sql(alias) },
    };
  } catch (error) {
    if (error instanceof NotPlannable) {
      return undefined;
    }
    throw error;
  }
}

/** Lists the JSON path read but could not answer (a row refused), for the general path to answer: per request, by field. */
const handedOver = new WeakMap<object, Map<string | number, unknown>>();
const handingOver = new WeakSet<object>();

/**
 * Lets the root fields the JSON path reads take a list it read but could not answer (a row or a
 * field refused) back from it, so the general path answers that request from the same read
 * instead of reading it again: one statement either way. Only a value the field's own resolver
 * chain (the MFA gate, the resolver, the access guard's check of its result) returned in the same
 * request is handed over; every row and field of it is checked again by the general path.
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
      const value = read?.get(info.path.key);
      if (read && value !== undefined) {
        read.delete(info.path.key);
        return value;
      }
      return resolve(root, args, context, info);
    };
  }
  return schema;
}

/** Settles a check that may be a promise; false when it refused (or failed). */
async function passes(check: () => Promise<void> | void): Promise<boolean> {
  try {
    const result = check();
    if (isPromise(result)) {
      await result;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The JSON path: a query of one root list (the doctor's week) whose selection PostgreSQL can write
 * — plain columns of the nodes and of their to-one rows, the connection's count, cursors and page
 * info — is answered with the nodes' JSON as PostgreSQL wrote it, in the statement the list reads
 * anyway: no object per field, no executor walk per row. What decides access is the same code as
 * on the general path: the root field's own resolver (wrapped by the MFA gate and the access guard)
 * reads the list, and every row it returns passes its entity's row guard and, for clinical fields
 * selected, the clinical check (which notes the chart reads for the audit trail), as the access
 * guard runs them field by field there. A refusal anywhere, or anything unusual (arguments that do
 * not parse, a missing related row), hands the request to the general path, which words the answer
 * — so the JSON path answers only what the general path would answer in full, byte for byte.
 */
export class JsonReads {
  private readonly plans = new WeakMap<DocumentNode, Map<string, Plan | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The `data` of `operation` as JSON text, or undefined: the general path answers. */
  async run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    context: Context,
  ): Promise<string | undefined> {
    const plan = this.planFor(document, operation, context.em);
    const checks = rowChecksOf(this.schema);
    if (!plan || !checks) {
      return undefined;
    }
    // Coerced as the executor coerces them (a DateTime variable becomes a Date).
    const coerced = getVariableValues(this.schema, plan.operation.variableDefinitions ?? [], variables ?? {});
    if ('errors' in coerced) {
      return undefined;
    }
    const variableValues = coerced.coerced;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(plan.field, plan.fieldNodes[0]!, variableValues);
    } catch {
      return undefined;
    }
    const info = withJsonRows(
      {
        fieldName: plan.field.name,
        fieldNodes: plan.fieldNodes,
        returnType: plan.field.type,
        parentType: this.schema.getQueryType()!,
        path: { prev: undefined, key: plan.key, typename: 'Query' },
        schema: this.schema,
        fragments: plan.fragments,
        rootValue: undefined,
        operation: plan.operation,
        variableValues,
      } satisfies GraphQLResolveInfo,
      plan.rows,
    );
    let connection: ConnectionShape<object>;
    try {
      connection = (await plan.field.resolve!(undefined, args, context, info)) as ConnectionShape<object>;
    } catch {
      return undefined;
    }
    if (connection === null || typeof connection !== 'object' || !Array.isArray(connection.edges)) {
      return undefined;
    }
    const checkRow = async (row: object, object: ObjectPlan): Promise<boolean> => {
      if (!(await passes(() => checks.check(row)?.(row, context, { topLevel: false })))) {
        return false;
      }
      if (object.clinical && !(await passes(() => checks.clinicalField(row)?.(row, context)))) {
        return false;
      }
      for (const { property, plan: related } of object.relations) {
        const ref = (row as Record<string, ReadRef<object> | undefined>)[property];
        if (!ref?.isInitialized() || !(await checkRow(ref.getEntity(), related))) {
          return false;
        }
      }
      return true;
    };
    const handOver = () => {
      if (!handingOver.has(plan.field)) {
        return undefined;
      }
      let read = handedOver.get(context);
      if (!read) {
        read = new Map();
        handedOver.set(context, read);
      }
      read.set(plan.key, connection);
      return undefined;
    };
    const nodes: string[] = [];
    for (const edge of connection.edges) {
      const text = jsonTextOf(edge.node);
      if (text === undefined || !(await checkRow(edge.node, plan.node))) {
        return handOver();
      }
      nodes.push(text);
    }
    const parts: string[] = [];
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
            return handOver();
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
        case 'edges':
          value = `[${connection.edges
            .map(
              (edge, index) =>
                `{${piece.pieces
                  .map(
                    (part) =>
                      `${JSON.stringify(part.key)}:${
                        part.kind === 'typename'
                          ? part.text
                          : part.kind === 'cursor'
                            ? JSON.stringify(edge.cursor)
                            : nodes[index]
                      }`,
                  )
                  .join(',')}}`,
            )
            .join(',')}]`;
          break;
      }
      parts.push(`${JSON.stringify(piece.key)}:${value}`);
    }
    return `{${JSON.stringify(plan.key)}:{${parts.join(',')}}}`;
  }

  private planFor(document: DocumentNode, operation: OperationDefinitionNode, em: EntityManager): Plan | undefined {
    let byOperation = this.plans.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.plans.set(document, byOperation);
    }
    const name = operation.name?.value ?? '';
    let plan = byOperation.get(name);
    if (plan === undefined) {
      plan = planOf(this.schema, em, document, operation) ?? null;
      byOperation.set(name, plan);
    }
    return plan ?? undefined;
  }
}
