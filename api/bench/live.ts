import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
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
   * this process's first receipt. The spread from here to the slowest is the fan-out's writes
   * and this one process reading every socket (see `bench client CPU ms/event`).
   */
  'each event first ms': string;
  /**
   * This bench process's own CPU time per measured event: it alone receives every subscriber's
   * socket, so when this nears the spread between an event's first and last delivery, the
   * client's reading, not the API, sets the p99.
   */
  'bench client CPU ms/event': number;
  /** The API process's CPU time per measured event (its change and its deliveries): less load-sensitive than latency. */
  'API CPU ms/event'?: number;
}

/**
 * Opens `count` graphql-ws connections subscribed to `appointmentUpdated`, then runs `change`
 * `events` times and measures, for every delivery, the time from the change's commit (the
 * event's `at`, stamped in the committing transaction) to its arrival at the subscriber.
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
  const latencies: number[] = [];
  const clients: Client[] = [];
  let ready = 0;
  let received = 0;
  /** Each event's slowest delivery, by the event's commit time. */
  const slowest = new Map<string, number>();
  /** Each event's fastest delivery, by the event's commit time. */
  const fastest = new Map<string, number>();
  for (let index = 0; index < options.count; index += 1) {
    const client = createClient({
      url: options.url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.token(index)}` },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => (ready += 1) },
    });
    client.subscribe<{ appointmentUpdated: { at: string } }>(
      { query: 'subscription { appointmentUpdated { kind at appointment { id status } } }' },
      {
        next: (value) => {
          const at = value.data?.appointmentUpdated.at;
          if (at) {
            const latency = Date.now() - Date.parse(at);
            latencies.push(latency);
            slowest.set(at, Math.max(slowest.get(at) ?? 0, latency));
            fastest.set(at, Math.min(fastest.get(at) ?? Infinity, latency));
            received += 1;
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    clients.push(client);
    if (index % 100 === 99) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const deadline = Date.now() + 60_000;
  while (ready < options.count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Subscriptions register once each connection's first operation has its context.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // The first event warms the server's code paths for this document (compiled once, then run
  // many times, as in a clinic's day); its deliveries are reported apart, not in the percentiles.
  await options.change(0);
  const warmUntil = Date.now() + 10_000;
  while (received < options.count && Date.now() < warmUntil) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const warmUp = latencies.splice(0).sort((a, b) => a - b);
  slowest.clear();
  fastest.clear();
  received = 0;
  // The subscribers live in this process, which is not what is measured: its own garbage (the
  // previous run's thousands of clients) is collected before the measured events, so that its
  // collector does not delay their receipt. The API process is left alone (see package.json's
  // bench script: --expose-gc, and a young generation that holds the run's messages).
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = options.apiCpuMs?.();
  const clientBefore = process.cpuUsage();
  for (let index = 1; index <= options.events; index += 1) {
    await options.change(index);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const expected = options.count * options.events;
  const waitUntil = Date.now() + 10_000;
  while (received < expected && Date.now() < waitUntil) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cpuAfter = options.apiCpuMs?.();
  const client = process.cpuUsage(clientBefore);
  await Promise.all(
    clients.map(async (client) => {
      await client.dispose();
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    subscribers: ready,
    events: options.events,
    deliveries: received,
    'median ms': percentile(latencies, 50),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies.at(-1) ?? 0,
    'first event p99 ms': percentile(warmUp, 99),
    'each event max ms': [...slowest.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, max]) => max)
      .join(' '),
    'each event first ms': [...fastest.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, min]) => min)
      .join(' '),
    'bench client CPU ms/event': +((client.user + client.system) / 1000 / options.events).toFixed(1),
    ...(cpuBefore !== undefined && cpuAfter !== undefined
      ? { 'API CPU ms/event': +((cpuAfter - cpuBefore) / options.events).toFixed(1) }
      : {}),
  };
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
