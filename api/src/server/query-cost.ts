import {
  getVariableValues,
  GraphQLError,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { createRequire } from 'node:module';
import { AppError } from '../shared/errors.js';
import { DEFAULT_PAGE_SIZE } from '../shared/pagination.js';
import { mapAt } from '../shared/map-at.js';

// The CommonJS build: its ESM build imports `graphql/index.mjs`, a second copy of graphql next to
// the `graphql/index.js` everything else here loads (graphql has no "exports" map).
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof QueryComplexity;

/**
 * The contract's cost: every field 1, and a field that takes `first` (a page of a list) costs
 * 1 plus `first` (default 20) times what each item selects.
 */
const pagedListCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args['first'] === 'number' && args['first'] > 0 ? args['first'] : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  return 1 + childComplexity;
};

/** What of an operation's variables its cost depends on (per parsed document and operation name). */
interface CostShape {
  /** The operation costed: the named one, or every operation when none is named (as getComplexity does). */
  readonly operations: readonly OperationDefinitionNode[];
  /** The operation's variables in order, each with whether its value counts (else only whether it is given and null). */
  readonly variables: readonly { readonly name: string; readonly counts: boolean }[];
  /** Costs computed, by {@link costKey}. */
  readonly costs: Map<string, number>;
}

/**
 * Costs already computed, per parsed document (one per distinct query text: known-documents.ts,
 * Apollo's cache) and operation name, by the variables the cost depends on: the dashboards send
 * the same few operations over and over, with different ids and dates but the same page sizes.
 */
const costShapes = new WeakMap<DocumentNode, Map<string, CostShape>>();
const COSTS_PER_OPERATION = 256;
const LONGEST_KEY = 2_000;

/** The variables anywhere in `node`. */
function variablesIn(node: ASTNode, into: Set<string>): void {
  visit(node, {
    Variable(variable) {
      into.add(variable.name.value);
    },
  });
}

/**
 * The variables a cost depends on: those in an argument named `first` (the page size
 * {@link pagedListCost} reads) and those in a directive (`@skip`/`@include` leave fields out),
 * anywhere in the document. Every other variable changes the cost only by whether it is given
 * and whether it is null (an argument left out or null can make costing fail), never by its value.
 */
function countingVariables(document: DocumentNode): Set<string> {
  const counting = new Set<string>();
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        if (argument.name.value === 'first') {
          variablesIn(argument.value, counting);
        }
      }
    },
    Directive(directive) {
      variablesIn(directive, counting);
    },
  });
  return counting;
}

function costShapeOf(document: DocumentNode, operationName: string | null | undefined): CostShape {
  const shapes = mapAt(costShapes, document);
  let shape = shapes.get(operationName ?? '');
  if (!shape) {
    const counting = countingVariables(document);
    // As getComplexity: the named operation, or every operation when none is named.
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
    );
    shape = {
      operations,
      variables: operations.flatMap((operation) =>
        (operation.variableDefinitions ?? []).map((definition) => ({
          name: definition.variable.name.value,
          counts: counting.has(definition.variable.name.value),
        })),
      ),
      costs: new Map(),
    };
    shapes.set(operationName ?? '', shape);
  }
  return shape;
}

/**
 * The key of a cost among its operation's: the values of the variables that count, and of the
 * others only whether each is given and null. Undefined when it would be too long to keep.
 */
function costKey(shape: CostShape, variables: Record<string, unknown>): string | undefined {
  let key = '';
  for (const { name, counts } of shape.variables) {
    const value = variables[name];
    key +=
      (counts ? (JSON.stringify(value) ?? 'u') : value === undefined ? 'u' : value === null ? 'n' : 'v') + '\u0000';
    if (key.length > LONGEST_KEY) {
      return undefined;
    }
  }
  return key;
}

type Coerced = ReturnType<typeof getVariableValues>;
const coercions = new WeakMap<object, Map<OperationDefinitionNode, Coerced>>();

/**
 * `getVariableValues` of an operation's variables, coerced once per request: the cost check
 * and the JSON path (json-read.ts) coerce the same request's variables object (parsed from its
 * body, never changed after) for the same operation.
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Coerced {
  const byOperation = mapAt(coercions, variables);
  let coerced = byOperation.get(operation);
  if (!coerced) {
    coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    byOperation.set(operation, coerced);
  }
  return coerced;
}

/**
 * The cost of the operation, computed from the document before anything runs. Variables that do
 * not fit the operation throw its GraphQLError (execution refuses them).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  const shape = costShapeOf(document, operationName);
  const given = variables ?? {};
  // The same coercion as costing's own: a value that does not fit is refused on every request.
  for (const operation of shape.operations) {
    const { errors } = coercedVariables(schema, operation, given);
    if (errors) {
      throw errors[0]!;
    }
  }
  const key = costKey(shape, given);
  const cached = key === undefined ? undefined : shape.costs.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const cost = getComplexity({
    schema,
    query: document,
    variables: given,
    ...(operationName ? { operationName } : {}),
    estimators: [pagedListCost],
  });
  if (key !== undefined) {
    if (shape.costs.size >= COSTS_PER_OPERATION) {
      shape.costs.clear();
    }
    shape.costs.set(key, cost);
  }
  return cost;
}

/** QUERY_TOO_COMPLEX (with the cost and the limit) for an operation over the limit; else its cost. */
export function assertCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limit: number,
): number {
  let cost: number;
  try {
    cost = queryCost(schema, document, operationName, variables);
  } catch (error) {
    if (error instanceof GraphQLError) {
      // Variables that do not fit the document: execution refuses them (naming the variable)
      // before any resolver runs, so nothing is spent.
      return 0;
    }
    throw error;
  }
  if (cost > limit) {
    throw new AppError(
      'QUERY_TOO_COMPLEX',
      `This query would cost ${cost} points; at most ${limit} are allowed. Ask for smaller pages (first) or fewer nested lists.`,
      { extensions: { cost, limit } },
    );
  }
  return cost;
}
