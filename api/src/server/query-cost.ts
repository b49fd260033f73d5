import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { createRequire } from 'node:module';
import { AppError } from '../shared/errors.js';
import { DEFAULT_PAGE_SIZE } from '../shared/pagination.js';

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

/**
 * Costs already computed, per parsed document (Apollo keeps one per distinct query text) and
 * operation name + variables: the dashboards send the same few operations over and over.
 */
const knownCosts = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 256;
const LONGEST_KEY = 2_000;

/** The cost of the operation, computed from the document before anything runs. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  let known = knownCosts.get(document);
  const cached = known?.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const cost = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [pagedListCost],
  });
  if (key.length <= LONGEST_KEY) {
    if (!known) {
      known = new Map();
      knownCosts.set(document, known);
    } else if (known.size >= COSTS_PER_DOCUMENT) {
      known.clear();
    }
    known.set(key, cost);
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
