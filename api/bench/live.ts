import { Worker } from 'node:worker_threads';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { LiveClientCommand, LiveClientReport, LiveClientSetup } from './live-client.js';
import { percentile } from './measure.js';

export interface LiveResult {
  subscribers: number;
  events: number;
  deliveries: number;
  'median ms': number;
  'p99 ms': number;
  'max ms': number;
  /** The warm-up event's p99, not in the other columns. */
  'first event p99 ms': number;
  /** Each measured event's slowest delivery, in commit order: where the p99 comes from. */
  'each event max ms': string;
  /**
   * Each measured event's fastest delivery, in commit order: commit → the API's first write →
   * the first receipt by any of the client's threads.
   */
  'each event first ms': string;
  /** The client's receiving threads (BENCH_LIVE_THREADS), each holding an equal share of the sockets. */
  'client threads': number;
  /**
   * The receiving threads' CPU time per measured event, all threads together: what reading the
   * deliveries cost the client (the machine's cores are shared with the API and PostgreSQL).
   */
  'bench client CPU ms/event': number;
  /** The same per delivery received (µs). */
  'client µs/delivery': number;
  /**
   * The longest any receiving thread's event loop was blocked during the measured events (ms): a
   * bound on how long a delivery already in the client's socket buffer waited to be timed.
   */
  'client loop delay max ms': number;
  /** The API process's CPU time per measured event (its change and its deliveries): less load-sensitive than latency. */
  'API CPU ms/event'?: number;
  /** Messages without an event (errors) the subscribers received during the measured events. */
  'other messages'?: number;
}

/** BENCH_LIVE_THREADS: the client's receiving threads (default 2). */
const THREADS = Math.max(1, Number(process.env['BENCH_LIVE_THREADS'] ?? 2));
const SUBSCRIPTION = 'subscription { appointmentUpdated { kind at appointment { id status } } }';

/** One receiving thread (live-client.ts) and a way to ask it something. */
class ClientThread {
  readonly worker: Worker;
  private readonly replies: { resolve: (message: unknown) => void; reject: (error: Error) => void }[] = [];
  /** Why the thread stopped, if it failed: every question then fails with it (the bench ends cleanly). */
  private failure: Error | undefined;

  constructor(setup: LiveClientSetup) {
    this.worker = new Worker(new URL('./live-client.js', import.meta.url), { workerData: setup });
    this.worker.on('message', (message) => this.replies.shift()?.resolve(message));
    this.worker.on('error', (error: Error) => {
      this.failure = error;
      for (const reply of this.replies.splice(0)) {
        reply.reject(error);
      }
    });
  }

  ask<T>(command: LiveClientCommand): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.replies.push({ resolve: resolve as (message: unknown) => void, reject });
      this.worker.postMessage(command);
    });
  }
}

/**
 * Opens `count` graphql-ws connections subscribed to `appointmentUpdated`, then runs `change`
 * `events` times and measures, for every delivery, the time from the change's commit (the
 * event's `at`, stamped in the committing transaction) to its arrival at the subscriber.
 *
 * The subscribers live in BENCH_LIVE_THREADS worker threads (live-client.ts), each holding an
 * equal share of the sockets and timing each message first thing on its arrival without parsing
 * it: the server sees the same connections, subscriptions and frames as from graphql-ws clients,
 * while the client's own reading (reported as `bench client CPU ms/event` and
 * `client loop delay max ms`) is kept from setting the measured spread. This thread only commits
 * the changes.
 */
export async function measureLiveDelivery(options: {
  url: string;
  /** The i-th subscriber's access token (one shared session, or one session each). */
  token: (index: number) => string;
  count: number;
  events: number;
  change: (index: number) => Promise<void>;
  /** The API process's CPU time so far (ms), if known. */
  apiCpuMs?: () => number | undefined;
}): Promise<LiveResult> {
  const threads = Math.min(THREADS, options.count);
  const counters = new SharedArrayBuffer(threads * 2 * Int32Array.BYTES_PER_ELEMENT);
  const counts = new Int32Array(counters);
  const total = (slot: 0 | 1) => {
    let sum = 0;
    for (let thread = 0; thread < threads; thread += 1) {
      sum += Atomics.load(counts, 2 * thread + slot);
    }
    return sum;
  };
  const clients = Array.from({ length: threads }, (_, thread) => {
    const tokens: string[] = [];
    for (let index = thread; index < options.count; index += threads) {
      tokens.push(options.token(index));
    }
    // 100 sockets every 50 ms, all threads together.
    return new ClientThread({
      url: options.url,
      tokens,
      query: SUBSCRIPTION,
      counters,
      thread,
      burst: Math.max(1, Math.round(100 / threads)),
    });
  });
  const collect = () => Promise.all(clients.map((client) => client.ask<LiveClientReport>({ type: 'collect' })));
  const reset = () => Promise.all(clients.map((client) => client.ask({ type: 'reset' })));
  try {
    const deadline = Date.now() + 60_000;
    while (total(0) < options.count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ready = total(0);
    // Subscriptions register once each connection's first operation has its context.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // The first event warms the server's code paths for this document (compiled once, then run
    // many times, as in a clinic's day); its deliveries are reported apart, not in the percentiles.
    await reset();
    await options.change(0);
    const warmUntil = Date.now() + 10_000;
    while (total(1) < ready && Date.now() < warmUntil) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const warmUp = sorted((await collect()).map((report) => report.latencies));
    // Each thread collects its garbage (opening the sockets, the warm-up) before the measured
    // events, so that its collector does not delay their receipt. The API process is left alone
    // (see package.json's bench script: --expose-gc, and a young generation that holds the run's
    // messages).
    await reset();
    const cpuBefore = options.apiCpuMs?.();
    for (let index = 1; index <= options.events; index += 1) {
      await options.change(index);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const expected = ready * options.events;
    const waitUntil = Date.now() + 10_000;
    while (total(1) < expected && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cpuAfter = options.apiCpuMs?.();
    const reports = await collect();
    const latencies = sorted(reports.map((report) => report.latencies));
    const slowest = new Map<string, number>();
    const fastest = new Map<string, number>();
    for (const report of reports) {
      for (const [at, min, max] of report.perEvent) {
        slowest.set(at, Math.max(slowest.get(at) ?? 0, max));
        fastest.set(at, Math.min(fastest.get(at) ?? Infinity, min));
      }
    }
    const inOrder = (byEvent: Map<string, number>) =>
      [...byEvent.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, ms]) => ms)
        .join(' ');
    const clientCpuMs = reports.reduce((sum, report) => sum + report.cpuMs, 0);
    const other = reports.reduce((sum, report) => sum + report.other, 0);
    return {
      subscribers: ready,
      events: options.events,
      deliveries: latencies.length,
      'median ms': percentile(latencies, 50),
      'p99 ms': percentile(latencies, 99),
      'max ms': latencies.at(-1) ?? 0,
      'first event p99 ms': percentile(warmUp, 99),
      'each event max ms': inOrder(slowest),
      'each event first ms': inOrder(fastest),
      'client threads': threads,
      'bench client CPU ms/event': +(clientCpuMs / options.events).toFixed(1),
      'client µs/delivery': latencies.length ? +((clientCpuMs * 1000) / latencies.length).toFixed(1) : 0,
      'client loop delay max ms': +Math.max(...reports.map((report) => report.loopDelayMaxMs)).toFixed(1),
      ...(cpuBefore !== undefined && cpuAfter !== undefined
        ? { 'API CPU ms/event': +((cpuAfter - cpuBefore) / options.events).toFixed(1) }
        : {}),
      ...(other ? { 'other messages': other } : {}),
    };
  } finally {
    await Promise.allSettled(clients.map((client) => client.ask({ type: 'close' })));
    await Promise.all(clients.map((client) => client.worker.terminate()));
  }
}

function sorted(parts: Float64Array[]): number[] {
  return parts.flatMap((part) => [...part]).sort((a, b) => a - b);
}

export interface ReplayResult {
  events: number;
  received: number;
  seconds: number;
  'events/s': number;
}

/**
 * One subscriber resuming from `after` with `events` missed events waiting: the time from
 * subscribing to the last one's arrival, in events per second.
 */
export async function measureReplay(options: {
  url: string;
  token: string;
  after: string;
  events: number;
}): Promise<ReplayResult> {
  const client = createClient({
    url: options.url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${options.token}` },
    retryAttempts: 0,
    lazy: false,
  });
  let received = 0;
  const startedAt = performance.now();
  let finishedAt = startedAt;
  await new Promise<void>((resolve) => {
    const timeout = setTimeout(resolve, 120_000);
    client.subscribe<{ appointmentUpdated: { cursor: string } }>(
      {
        query:
          'subscription ($after: String) { appointmentUpdated(after: $after) { id cursor kind at appointment { id status } } }',
        variables: { after: options.after },
      },
      {
        next: (value) => {
          if (value.data) {
            received += 1;
            if (received === options.events) {
              finishedAt = performance.now();
              clearTimeout(timeout);
              resolve();
            }
          }
        },
        error: () => {
          clearTimeout(timeout);
          resolve();
        },
        complete: () => undefined,
      },
    );
  });
  await client.dispose();
  const seconds = (finishedAt - startedAt) / 1000;
  return {
    events: options.events,
    received,
    seconds: +seconds.toFixed(2),
    'events/s': received === options.events ? Math.round(options.events / seconds) : 0,
  };
}
