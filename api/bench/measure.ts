import { createServer } from 'node:net';
import type pg from 'pg';
import type { Role } from '../src/modules/identity/role.js';

/** One request of a scenario: a query, its variables and whose token to send (none for `null`). */
export interface BenchRequest {
  query: string;
  variables: Record<string, unknown>;
  userId: string | null;
  role: Role | null;
}

export interface Scenario {
  name: string;
  /** Builds the i-th request. */
  request(i: number): BenchRequest;
}

export type TokenFor = (userId: string, role: Role) => string;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Statements the bench database (the client's) ran since the last `pg_stat_statements_reset()`,
 * transaction control, LISTEN and the counting itself aside.
 */
export async function statementCount(client: pg.Client): Promise<number> {
  return (await statementTotals(client)).calls;
}

/** {@link statementCount}, and PostgreSQL's time on those statements (planning and execution, ms). */
export async function statementTotals(client: pg.Client): Promise<{ calls: number; ms: number }> {
  const { rows } = await client.query<{ calls: string; ms: string }>(
    `select coalesce(sum(calls), 0) as calls, coalesce(sum(total_exec_time + total_plan_time), 0) as ms
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not ilike '%pg_stat_statements%' and query !~* '^\\s*(begin|commit|rollback|listen)'`,
  );
  return { calls: Number(rows[0]?.calls ?? 0), ms: Number(rows[0]?.ms ?? 0) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends one GraphQL request; resolves with the body (errors included). */
export async function post(
  base: string,
  request: BenchRequest,
  tokenFor: TokenFor,
): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.userId !== null && request.role !== null) {
    headers['authorization'] = `Bearer ${tokenFor(request.userId, request.role)}`;
  }
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Latencies (sorted, ms) and the wall time of `requests` sends, `concurrency` at a time. */
export async function run(
  requests: number,
  concurrency: number,
  send: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const started = performance.now();
        await send(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { latencies, elapsedMs };
}

/** `requests` of `scenario` against `base`, `concurrency` at a time, after a warm-up. */
export async function measure(
  base: string,
  scenario: Scenario,
  tokenFor: TokenFor,
  requests: number,
  concurrency: number,
  afterWarmUp: () => Promise<void> = () => Promise.resolve(),
): Promise<Record<string, number>> {
  const send = async (i: number) => {
    const body = await post(base, scenario.request(i), tokenFor);
    if (body.errors) {
      throw new Error(`${scenario.name}: ${body.errors[0]?.message}`);
    }
  };
  for (let i = 0; i < 10; i += 1) {
    await send(i + 10_000); // warm-up
  }
  await afterWarmUp();
  const { latencies, elapsedMs } = await run(requests, concurrency, send);
  return {
    requests,
    'p50 ms': +percentile(latencies, 50).toFixed(1),
    'p95 ms': +percentile(latencies, 95).toFixed(1),
    'p99 ms': +percentile(latencies, 99).toFixed(1),
    'req/s': Math.round((requests / elapsedMs) * 1000),
  };
}
