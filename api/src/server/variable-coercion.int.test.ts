import { getVariableValues } from 'graphql';
import type * as GraphQL from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Application } from './bootstrap.js';
import { JsonReads } from './json-read.js';

// Counts the coercions of requests' variables (query-cost.ts `coercedVariables` makes them).
vi.mock('graphql', async (original) => {
  const actual = await original<typeof GraphQL>();
  return { ...actual, getVariableValues: vi.fn(actual.getVariableValues) };
});
const coerced = vi.mocked(getVariableValues);
const jsonRuns = vi.spyOn(JsonReads.prototype, 'run');

let app: Application;
let doctor: Account<Doctor>;

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  doctor = await new Factory(app).doctor();
});

/** POSTs `body` as a client would, and answers how many times its variables were coerced. */
async function coercionsOf(body: Record<string, unknown>): Promise<number> {
  const runs = jsonRuns.mock.results.length;
  coerced.mockClear();
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${doctor.token}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: unknown };
  expect(answer.errors).toBeUndefined();
  // The JSON path answered (it coerces too, after the cost check).
  const answered = await Promise.all(jsonRuns.mock.results.slice(runs).map((result) => result.value as unknown));
  expect(answered.some((text) => typeof text === 'string')).toBe(true);
  return coerced.mock.calls.length;
}

describe("a request's variables", () => {
  const query = 'query ($n: Int) { appointments(first: $n) { totalCount edges { node { id } } } }';

  it('are coerced once for the cost check and the JSON path, sent or not', async () => {
    expect(await coercionsOf({ query, variables: { n: 5 } })).toBe(1);
    expect(await coercionsOf({ query })).toBe(1);
    expect(await coercionsOf({ query, variables: null })).toBe(1);
  });
});
