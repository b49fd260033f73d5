import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  GraphQLError,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
} from 'graphql';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { describe, expect, it } from 'vitest';
import { loadSettings, REPO_ROOT } from '../config/settings.js';
import * as documents from '../../../dashboards/src/gql/graphql.js';
import { queryCost } from './query-cost.js';

const DEFAULT_LIMIT = 5_000;
const schema = buildSchema(readFileSync(join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8'));

/** A value of `type` good enough for coercion: required fields filled, lists of one. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) {
    return sample(type.ofType);
  }
  if (isListType(type)) {
    return [sample(type.ofType)];
  }
  const named = getNamedType(type);
  if (isEnumType(named)) {
    return named.getValues()[0]!.value;
  }
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  const samples: Record<string, unknown> = {
    ID: '00000000-0000-4000-8000-000000000000',
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTime: '2026-01-01T00:00:00.000Z',
    Date: '2026-01-01',
  };
  return samples[named.name] ?? 'x';
}

/** Required variables filled with samples; optional ones (page sizes too) left to their defaults. */
function requiredVariables(document: DocumentNode): Record<string, unknown> {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return Object.fromEntries(
    (operation?.variableDefinitions ?? [])
      .filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE)
      .map((definition) => [
        definition.variable.name.value,
        sample(typeFromAST(schema, definition.type as never) as GraphQLInputType),
      ]),
  );
}

/** Every operation the dashboards send (the generated documents; fragments are no operations), and its cost. */
const dashboardCosts = Object.entries(documents)
  .filter(
    (entry): entry is [string, DocumentNode] =>
      typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
  )
  .flatMap(([name, document]) => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    return operation
      ? [
          {
            name: name.replace(/Document$/, ''),
            operation: operation.operation,
            // As Apollo Client sends it: with __typename in every selection (each costs 1 too).
            cost: queryCost(schema, addTypenameToDocument(document), undefined, requiredVariables(document)),
          },
        ]
      : [];
  })
  .sort((a, b) => b.cost - a.cost);

describe('query cost', () => {
  it('counts each field 1 and a page of a list by its first (default 20)', () => {
    // The whole selection of a paged field counts per item (totalCount too: a safe over-estimate).
    expect(queryCost(schema, parse('{ doctors { totalCount } }'), undefined, {})).toBe(1 + 20 * 1);
    expect(queryCost(schema, parse('{ doctors(first: 3) { edges { node { id } } } }'), undefined, {})).toBe(1 + 3 * 3);
    expect(
      queryCost(schema, parse('query ($n: Int) { doctors(first: $n) { edges { node { id } } } }'), undefined, {
        n: 50,
      }),
    ).toBe(1 + 50 * 3);
    expect(queryCost(schema, parse('{ doctors { edges { node { id } } } }'), undefined, {})).toBe(1 + 20 * 3);
  });

  it('costs a document again for other variables or another operation, from the same parsed document', () => {
    const document = parse(`query A($n: Int) { doctors(first: $n) { edges { node { id } } } }
      query B { doctors(first: 2) { totalCount } }`);
    expect(queryCost(schema, document, 'A', { n: 50 })).toBe(1 + 50 * 3);
    expect(queryCost(schema, document, 'A', { n: 5 })).toBe(1 + 5 * 3);
    expect(queryCost(schema, document, 'A', { n: 50 })).toBe(1 + 50 * 3);
    expect(queryCost(schema, document, 'B', { n: 50 })).toBe(1 + 2 * 1);
    expect(queryCost(schema, document, 'A', {})).toBe(1 + 20 * 3);
  });

  it('keeps one cost for values that do not change it, and costs again for a page size, a directive or a missing value', () => {
    const document = parse(`query ($n: Int, $from: DateTime!, $show: Boolean!, $search: String) {
      appointments(filter: { from: $from }, first: $n) { edges { node { id reason @include(if: $show) } } }
      patients(search: $search, first: 2) { totalCount } }`);
    const from = (day: number) => `2026-01-0${day}T00:00:00.000Z`;
    const base = 1 + 50 * 4 + 1 + 2 * 1;
    expect(queryCost(schema, document, undefined, { n: 50, from: from(1), show: true, search: 'a' })).toBe(base);
    // Other dates and search terms: the same cost (from memory).
    expect(queryCost(schema, document, undefined, { n: 50, from: from(2), show: true, search: 'b' })).toBe(base);
    // The page size and the directive's variable count.
    expect(queryCost(schema, document, undefined, { n: 5, from: from(2), show: true, search: 'b' })).toBe(
      1 + 5 * 4 + 1 + 2,
    );
    expect(queryCost(schema, document, undefined, { n: 50, from: from(3), show: false, search: 'b' })).toBe(
      1 + 50 * 3 + 1 + 2,
    );
    // A value that does not fit is refused every time, also after its shape was costed.
    expect(() => queryCost(schema, document, undefined, { n: 50, from: from(2), show: 'yes', search: 'b' })).toThrow(
      GraphQLError,
    );
    expect(() => queryCost(schema, document, undefined, { n: 50, show: true, search: 'b' })).toThrow(GraphQLError);
    expect(() => queryCost(schema, document, undefined, { n: 'many', from: from(1), show: true })).toThrow(
      GraphQLError,
    );
    // A variable given, left out or null is costed for each case (a null can make costing fail).
    expect(queryCost(schema, document, undefined, { n: 50, from: from(1), show: true })).toBe(base);
    expect(queryCost(schema, document, undefined, { n: 50, from: from(1), show: true, search: null })).toBe(base);
  });

  it('lets every operation of the dashboards through the default limit (QUERY_COST_LIMIT=5000)', () => {
    expect(dashboardCosts.length).toBeGreaterThan(10);
    expect(dashboardCosts.filter(({ cost }) => cost > DEFAULT_LIMIT)).toEqual([]);
  });

  it('keeps every dashboard operation and a chart view well inside the default per-minute budget', () => {
    // RATE_LIMIT_POINTS (default 50,000 a minute) is what one caller may spend. A doctor clicks
    // through 20-30 charts a minute, a front desk searches as fast as it types: any one screen's
    // operation may cost at most 1,500 (so it can load 33 times a minute), and opening a chart
    // (what moving to another patient sends) at most a thirtieth of the budget.
    const budget = loadSettings({ NODE_ENV: 'test' }).rateLimitPoints;
    const perOperation = 1_500;
    const perChart = Math.floor(budget / 30);
    const cost = (name: string) => dashboardCosts.find((row) => row.name === name)?.cost ?? Number.NaN;
    // The chart page's own operations (the doctor area's menu queries are loaded once, not per chart).
    const chartView = ['PatientChart', 'PatientLabOrders', 'LabCatalogue'].reduce((sum, name) => sum + cost(name), 0);
    const table = dashboardCosts.map(
      ({ operation, name, cost: points }) => `${String(points).padStart(6)}  ${operation} ${name}`,
    );
    const over = dashboardCosts.filter((row) => row.cost > perOperation);
    const message = `points per operation (ceiling ${perOperation}; a chart view ${chartView}, at most ${perChart}):\n${table.join('\n')}`;
    expect(over, message).toEqual([]);
    expect(chartView, message).toBeLessThanOrEqual(perChart);
  });
});
