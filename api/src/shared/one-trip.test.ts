import { describe, expect, it, vi } from 'vitest';
import { MAX_TRIP_STATEMENTS, tripStatement, type TripPart } from './one-trip.js';
import { statementName } from './prepared.js';
import type * as Prepared from './prepared.js';

// A trip's statement is made (and named) only when it is not kept: counting the namings counts the makings.
vi.mock('./prepared.js', async (original) => {
  const actual = await original<typeof Prepared>();
  return { ...actual, statementName: vi.fn(actual.statementName) };
});
const named = vi.mocked(statementName);

/** A trip of `size` parts, the first naming the trip `n` (so trips share no node). */
const trip = (n: number, size: number): TripPart[] =>
  Array.from({ length: size }, (_, part) => ({ sql: `select ${n} as trip, ${part} as part where $1`, params: [n] }));

describe("the trips' statement texts", () => {
  it('keeps up to MAX_TRIP_STATEMENTS statements however many parts each has, then makes the others each time', () => {
    named.mockClear();
    // Trips of 20 parts (the most a trip has): as many as may be kept, each made once.
    for (let n = 0; n < MAX_TRIP_STATEMENTS; n += 1) {
      const first = tripStatement(trip(n, 20));
      expect(tripStatement(trip(n, 20))).toEqual(first);
    }
    expect(named).toHaveBeenCalledTimes(MAX_TRIP_STATEMENTS);
    expect(tripStatement(trip(0, 20)).text).toContain('select 19 as part');

    // Full: a new statement is made on each use (and right), a kept one still found.
    named.mockClear();
    const late = trip(MAX_TRIP_STATEMENTS, 2);
    expect(tripStatement(late).text).toBe(
      `select 0 as part, coalesce((select json_agg(p) from (${late[0]!.sql}) p), '[]'::json) as rows\nunion all\n` +
        `select 1 as part, coalesce((select json_agg(p) from (${late[1]!.sql.replace('$1', '$2')}) p), '[]'::json) as rows`,
    );
    tripStatement(late);
    tripStatement(trip(MAX_TRIP_STATEMENTS - 1, 20));
    expect(named).toHaveBeenCalledTimes(2);
  });
});
