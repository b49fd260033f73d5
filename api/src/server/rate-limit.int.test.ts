import type { MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../test/database.js';
import { createLogger } from '../shared/logger.js';
import { CostRateLimiter, LEASE_FRACTION } from './rate-limit.js';

let database: TestDatabase;
// Two ORMs, two connection pools: two API processes sharing one database.
let first: MikroORM;
let second: MikroORM;
const logger = createLogger('silent');
let callers = 0;
const newCaller = () => `user:limit-test-${(callers += 1)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  [first, second] = await Promise.all([openTestOrm(database.url), openTestOrm(database.url)]);
});

function limiters(points: number, windowSeconds = 60): [CostRateLimiter, CostRateLimiter] {
  return [
    new CostRateLimiter(first.em, points, windowSeconds, logger),
    new CostRateLimiter(second.em, points, windowSeconds, logger),
  ];
}

async function storedPoints(caller: string): Promise<number | undefined> {
  const [row] = await database.query<{ points: number }>('select points from rate_limit where key = $1', [
    `cost:${caller}`,
  ]);
  return row?.points;
}

describe('the shared budget, leased in parts', () => {
  it('spends a lease locally: one row update serves many requests', async () => {
    const [a] = limiters(2_000);
    const caller = newCaller();
    const lease = 2_000 * LEASE_FRACTION;
    const verdict = await a.consume(caller, 7);
    expect(verdict).toMatchObject({ allowed: true, state: { limit: 2_000, remaining: 2_000 - 7 } });
    expect(await storedPoints(caller)).toBe(lease);
    for (let i = 0; i < 10; i += 1) {
      expect((await a.consume(caller, 7))?.allowed).toBe(true);
    }
    // 77 points spent, all from the first lease: the database saw one statement for 11 requests.
    expect(await storedPoints(caller)).toBe(lease);
    expect((await a.consume(caller, 7))?.state.remaining).toBe(2_000 - 84);
    // Spent from the lease at once, without a promise; the part the lease cannot cover waits for a new one.
    const atOnce = a.consume(caller, 7);
    expect(atOnce).not.toBeInstanceOf(Promise);
    expect(atOnce).toMatchObject({ allowed: true, state: { remaining: 2_000 - 91 } });
    const leasing = a.consume(caller, lease);
    expect(leasing).toBeInstanceOf(Promise);
    expect((await leasing)?.allowed).toBe(true);
    expect(await storedPoints(caller)).toBeGreaterThan(lease);
    a.stop();
  });

  it('never admits more than the budget across two processes under concurrency, and refuses early by at most one lease', async () => {
    const points = 2_000;
    const [a, b] = limiters(points);
    const caller = newCaller();
    let admitted = 0;
    let refused = 0;
    // 20 waves of 30 concurrent requests of 7 points (4,200 asked for), alternating processes.
    for (let wave = 0; wave < 20; wave += 1) {
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, (_, i) => Promise.resolve(((wave + i) % 2 === 0 ? a : b).consume(caller, 7))),
      );
      for (const verdict of verdicts) {
        expect(verdict).toBeDefined();
        if (verdict!.allowed) {
          admitted += 7;
        } else {
          refused += 1;
          expect(verdict!.state.remaining).toBe(0);
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(points);
    expect(admitted).toBeGreaterThanOrEqual(points - points * LEASE_FRACTION - 7);
    // Once spent, neither process asks the database again for this caller in this window.
    const stored = await storedPoints(caller);
    await Promise.all([a.consume(caller, 7), b.consume(caller, 7)]);
    expect(await storedPoints(caller)).toBe(stored);
    a.stop();
    b.stop();
  });

  it("counts the other process's leases in what remains, and starts afresh when the window ends", async () => {
    const [a, b] = limiters(1_000, 1);
    const caller = newCaller();
    expect((await a.consume(caller, 10))?.state.remaining).toBe(990);
    // b's lease comes after a's 50: it sees 1,000 − 50 − its own 10 spent.
    expect((await b.consume(caller, 10))?.state.remaining).toBe(940);
    expect(await b.peek(newCaller())).toEqual({ limit: 1_000, remaining: 1_000, resetSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await b.consume(caller, 10))?.state.remaining).toBe(990);
    expect(await storedPoints(caller)).toBe(50);
    a.stop();
    b.stop();
  });

  it('leases only what a request lacks once the budget runs low, so the last points are not stranded', async () => {
    const [a, b] = limiters(100);
    const caller = newCaller();
    // A budget of 100 leases 5 at a time: a request of 30 takes just its own 30.
    expect((await a.consume(caller, 30))?.allowed).toBe(true);
    expect((await b.consume(caller, 30))?.allowed).toBe(true);
    expect((await a.consume(caller, 30))?.allowed).toBe(true);
    expect(await b.consume(caller, 10)).toMatchObject({ allowed: true, state: { remaining: 0 } });
    expect((await a.consume(caller, 1))?.allowed).toBe(false);
    // The refused attempt counts too (2 points: what a lease could still have been), as before.
    expect(await storedPoints(caller)).toBe(102);
    a.stop();
    b.stop();
  });

  describe('a lease taken with the session check (a rider)', () => {
    /** Runs a rider as the session check does (its own parameters from $3 on), and hands it its row. */
    async function ride(limiter: CostRateLimiter, caller: string): Promise<boolean> {
      const rider = limiter.riderFor(caller);
      if (!rider) {
        return false;
      }
      const [row] = await database.query<{ rider: Record<string, unknown> }>(
        `with rider as (${rider.sql}) select to_jsonb(rider) as rider, $1::text as session, $2::text as user from rider`,
        ['session', 'user', ...rider.params],
      );
      rider.take(row!.rider);
      return true;
    }

    it('gives one rider at a time per caller: its other requests meanwhile wait for that lease, and take none of their own', async () => {
      const [a] = limiters(2_000);
      const caller = newCaller();
      const rider = a.riderFor(caller)!;
      expect(a.riderFor(caller)).toBeUndefined();
      const waiting = Promise.resolve(a.consume(caller, 1));
      const [row] = await database.query<{ rider: Record<string, unknown> }>(
        `with rider as (${rider.sql}) select to_jsonb(rider) as rider, $1::text as session, $2::text as user from rider`,
        ['session', 'user', ...rider.params],
      );
      rider.take(row!.rider);
      expect((await waiting)?.allowed).toBe(true);
      expect(await storedPoints(caller)).toBe(2_000 * LEASE_FRACTION);
      a.stop();
    });

    it("grants the first request's lease, which the request then spends at once, and rides only when the process holds none", async () => {
      const [a] = limiters(2_000);
      const caller = newCaller();
      expect(await ride(a, caller)).toBe(true);
      expect(await storedPoints(caller)).toBe(2_000 * LEASE_FRACTION);
      const verdict = a.consume(caller, 7);
      expect(verdict).not.toBeInstanceOf(Promise);
      expect(verdict).toMatchObject({ allowed: true, state: { limit: 2_000, remaining: 2_000 - 7 } });
      // Points left in the lease: the next session check takes none.
      expect(a.riderFor(caller)).toBeUndefined();
      expect(await storedPoints(caller)).toBe(2_000 * LEASE_FRACTION);
      a.stop();
    });

    it('keeps the budget across processes: a lease that found the budget spent grants nothing, and the request is refused', async () => {
      const [a, b] = limiters(100);
      const caller = newCaller();
      expect((await b.consume(caller, 100))?.allowed).toBe(true);
      expect(await ride(a, caller)).toBe(true);
      expect(await a.consume(caller, 1)).toMatchObject({ allowed: false, state: { remaining: 0 } });
      // Spent everywhere, as this process now knows: no more riders, no more statements.
      expect(a.riderFor(caller)).toBeUndefined();
      expect(await storedPoints(caller)).toBe(105);
      a.stop();
      b.stop();
    });

    it('leases for a request that costs more than the rider took, as without it', async () => {
      const [a] = limiters(1_000);
      const caller = newCaller();
      expect(await ride(a, caller)).toBe(true);
      expect(await a.consume(caller, 80)).toMatchObject({ allowed: true, state: { remaining: 1_000 - 80 } });
      // The rider took 50; the request lacked 30, and another chunk of 50 was leased for it.
      expect(await storedPoints(caller)).toBe(100);
      a.stop();
    });

    it('rides with nothing when the limiter is off', () => {
      const off = new CostRateLimiter(first.em, 0, 60, logger);
      expect(off.riderFor(newCaller())).toBeUndefined();
    });
  });
});
