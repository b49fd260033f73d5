import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
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
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config/settings.js';
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

  it('lets every operation of the dashboards through the default limit (QUERY_COST_LIMIT=5000)', () => {
    const operations = Object.entries(documents).filter(
      (entry): entry is [string, DocumentNode] =>
        typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
    );
    expect(operations.length).toBeGreaterThan(10);
    const costs = operations.map(
      ([name, document]) => [name, queryCost(schema, document, undefined, requiredVariables(document))] as const,
    );
    expect(costs.filter(([, cost]) => cost > DEFAULT_LIMIT)).toEqual([]);
  });
});
