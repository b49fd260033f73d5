import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import type http from 'node:http';
import { join } from 'node:path';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { percentile } from './measure.js';

/**
 * Where a single client's slow requests go, measured inside the API process (the bench's p99 is
 * only the client's view). Loaded into an API process with
 * `BENCH_API_NODE_OPTIONS=--import=<repo>/api/dist/api/bench/request-probe.js` and
 * `REQUEST_PROBE_DIR=<dir>` (both API builds of a compare run get it), it records per GraphQL
 * request its start, its time to `response.end` and to `finish`, and the process's CPU time meanwhile
 * (every thread: the GC's helpers too); every GC pause (kind, duration); and every callback of the
 * global setTimeout or setInterval that ran longer than 0.3 ms (the hub's safety poll, the outbox
 * drain, pool reaping, …). It writes `<dir>/probe-<pid>.json` when the process exits.
 *
 * `node api/dist/api/bench/request-probe.js <dir>` summarises each file: the requests served one at
 * a time (the compare bench's single-client runs), their time's p50/p95/p99, the client's turnaround
 * between them, and of the slowest 3% how many overlapped a GC pause or a timer and how much CPU
 * they took against a normal one.
 */

/** start (ms, performance.now), to response.end, to finish (ms), process CPU meanwhile (ms). */
type RequestRecord = [number, number, number, number];
/** start (ms), duration (ms), kind (1 scavenge, 4 mark-compact, 8 incremental marking). */
type GcRecord = [number, number, number];
/** start (ms), duration (ms), the callback's name or source. */
type TimerRecord = [number, number, string];

interface ProbeFile {
  main: string;
  requests: RequestRecord[];
  gcs: GcRecord[];
  timers: TimerRecord[];
}

const SLOW_TIMER_MS = 0.3;

function record(directory: string): void {
  const requests: RequestRecord[] = [];
  const gcs: GcRecord[] = [];
  const timers: TimerRecord[] = [];
  // Node's own announcement of each request, before the server's 'request' listeners run.
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: http.IncomingMessage; response: http.ServerResponse };
    if (!request.url?.startsWith('/graphql')) {
      return;
    }
    const start = performance.now();
    const cpu = process.cpuUsage();
    let ended = 0;
    const end = response.end.bind(response) as (...a: unknown[]) => http.ServerResponse;
    response.end = ((...endArgs: unknown[]) => {
      ended = performance.now();
      return end(...endArgs);
    }) as typeof response.end;
    response.on('finish', () => {
      const used = process.cpuUsage(cpu);
      requests.push([start, ended - start, performance.now() - start, (used.user + used.system) / 1000]);
    });
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      gcs.push([entry.startTime, entry.duration, detail?.kind ?? 0]);
    }
  }).observe({ entryTypes: ['gc'] });
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = globalThis[name] as (callback: unknown, ...rest: unknown[]) => unknown;
    (globalThis as Record<string, unknown>)[name] = function (callback: unknown, ...rest: unknown[]) {
      if (typeof callback !== 'function') {
        return original(callback, ...rest);
      }
      const timed = function (this: unknown, ...callbackArgs: unknown[]) {
        const start = performance.now();
        try {
          return (callback as (...a: unknown[]) => unknown).apply(this, callbackArgs);
        } finally {
          const took = performance.now() - start;
          if (took > SLOW_TIMER_MS) {
            timers.push([start, took, callback.name || String(callback).slice(0, 100)]);
          }
        }
      };
      return original(timed, ...rest);
    };
  }
  let written = false;
  const write = () => {
    if (!written) {
      written = true;
      const file: ProbeFile = { main: process.argv[1] ?? '', requests, gcs, timers };
      writeFileSync(join(directory, `probe-${process.pid}.json`), JSON.stringify(file));
    }
  };
  process.on('exit', write);
  process.prependListener('SIGTERM', write);
}

const overlaps = (start: number, end: number, [at, took]: readonly [number, number, ...unknown[]]) =>
  at < end && at + took > start;

function summarise(directory: string): void {
  for (const name of readdirSync(directory).filter((file) => /^probe-\d+\.json$/.test(file))) {
    const probe = JSON.parse(readFileSync(join(directory, name), 'utf8')) as ProbeFile;
    const requests = [...probe.requests].sort((a, b) => a[0] - b[0]);
    // One at a time: neither neighbour overlaps it, and the one before ended shortly before.
    const single = requests.filter((request, index) => {
      const before = requests[index - 1];
      const after = requests[index + 1];
      const end = request[0] + request[2];
      return (
        before !== undefined &&
        before[0] + before[2] <= request[0] &&
        request[0] - (before[0] + before[2]) < 50 &&
        (after === undefined || after[0] >= end)
      );
    });
    const times = single.map((r) => r[2]).sort((a, b) => a - b);
    const turnaround = single
      .map((r) => {
        const before = requests[requests.indexOf(r) - 1]!;
        return r[0] - (before[0] + before[2]);
      })
      .sort((a, b) => a - b);
    const slowFrom = percentile(times, 97);
    const slow = single.filter((r) => r[2] >= slowFrom);
    const normal = single.filter((r) => r[2] < percentile(times, 50));
    const mean = (rows: RequestRecord[], at: 2 | 3) => rows.reduce((sum, r) => sum + r[at], 0) / (rows.length || 1);
    const withGc = slow.filter((r) => probe.gcs.some((gc) => overlaps(r[0], r[0] + r[2], gc)));
    const withTimer = slow.filter((r) => probe.timers.some((timer) => overlaps(r[0], r[0] + r[2], timer)));
    const scavenges = probe.gcs
      .filter((gc) => gc[2] === 1)
      .map((gc) => gc[1])
      .sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        file: name,
        main: probe.main,
        requests: requests.length,
        single: single.length,
        'single ms p50/p95/p99': [50, 95, 99].map((p) => +percentile(times, p).toFixed(1)),
        'turnaround ms p50/p99': [50, 99].map((p) => +percentile(turnaround, p).toFixed(1)),
        'slowest 3%: ms, CPU ms': [+mean(slow, 2).toFixed(1), +mean(slow, 3).toFixed(1)],
        'fastest half: ms, CPU ms': [+mean(normal, 2).toFixed(1), +mean(normal, 3).toFixed(1)],
        'slowest 3% with a GC pause / a timer': `${withGc.length}/${withTimer.length} of ${slow.length}`,
        'requests per scavenge': +(requests.length / (scavenges.length || 1)).toFixed(1),
        'scavenge ms p50/p90': [50, 90].map((p) => +percentile(scavenges, p).toFixed(1)),
        'longest timers ms': probe.timers
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([, took, what]) => `${took.toFixed(1)} ${what.slice(0, 40)}`),
      }),
    );
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  summarise(process.argv[2]);
} else if (process.env['REQUEST_PROBE_DIR']) {
  record(process.env['REQUEST_PROBE_DIR']);
}
