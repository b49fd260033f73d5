import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { REPO_ROOT } from '../src/config/settings.js';
import { startEmbeddedPostgres } from '../src/database/embedded.js';
import { ensureDatabase, migrate, withDatabase } from '../src/database/migrate.js';
import { ormConfig } from '../src/database/orm-config.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { Role } from '../src/modules/identity/role.js';
import { signAccessToken } from '../src/modules/identity/tokens.js';
import {
  chartQuery,
  chartReads,
  doctorId,
  doctorUserId,
  patientId,
  patientUserId,
  seedBenchData,
  seedReminderJobs,
  type BenchSize,
} from './bench-data.js';
import { benchFhir } from './fhir.js';
import { cpuMs, runComparison } from './compare.js';
import { API_NODE_FLAGS } from '../src/config/node-flags.js';
import { measureLiveDelivery, measureReplay } from './live.js';
import { encodeEventCursor } from '../src/modules/appointments/appointment-event-store.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';
import { freePort, measure, percentile, statementCount, type Scenario, type TokenFor } from './measure.js';

/**
 * `npm run bench`: seeds a large clinic into a throw-away PostgreSQL, starts the API as its own
 * process against it, and prints latency percentiles, SQL statements per request (from
 * pg_stat_statements) and the API process's peak memory for the scenarios that matter.
 * BENCH_SCALE (default 1) scales the data; BENCH_REQUESTS the requests per scenario;
 * BENCH_NODE_ENV the API's NODE_ENV (default development); BENCH_CPU_PROF a directory for the API's
 * CPU profile. `npm run bench -- compare` runs the side-by-side comparison instead (compare.ts).
 */

const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
/** BENCH_ONLY=events: only live delivery and replay (with a small BENCH_SCALE, a quick run). */
const EVENTS_ONLY = process.env['BENCH_ONLY'] === 'events';
const size: BenchSize = {
  doctors: Math.max(2, Math.round(200 * scale)),
  patients: Math.max(20, Math.round(50_000 * scale)),
  appointmentsPerDoctor: 2_500,
};
/** `npm run bench -- compare`: this API against PostGraphile v5 and raw Node + pg (compare.ts). */
const COMPARE = process.argv.includes('compare');
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

const week = (i: number) => {
  const from = new Date(Date.now() + ((i % 8) - 4) * 7 * 86_400_000);
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
};

const scenarios: Scenario[] = [
  {
    name: "doctor's week",
    request: (i) => {
      const d = i % size.doctors;
      return {
        query: `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }, first: 100) {
          totalCount edges { node { id startsAt endsAt status type reason patient { id firstName lastName allergies } } } } }`,
        variables: week(i),
        userId: doctorUserId(d),
        role: Role.DOCTOR,
      };
    },
  },
  {
    name: "patient's chart",
    request: (i) => {
      const reads = chartReads(size);
      const { doctor: d, patient } = reads[i % reads.length]!;
      return {
        query: chartQuery({ timeline: true }),
        variables: { id: patientId(patient) },
        userId: doctorUserId(d),
        role: Role.DOCTOR,
      };
    },
  },
  {
    name: 'me',
    request: (i) => ({
      query: '{ me { id email role active } }',
      variables: {},
      userId: doctorUserId(i % size.doctors),
      role: Role.DOCTOR,
    }),
  },
  {
    name: 'patient search',
    request: (i) => ({
      query: `query ($s: String!) { patients(search: $s, first: 20) { totalCount edges { node { id firstName lastName email phone } } } }`,
      variables: { s: ['schm', 'anna web', 'lukas kr', '30 00012', 'bench.patient.4711', 'olga', 'ines hart'][i % 7] },
      userId: 'admin',
      role: Role.ADMIN,
    }),
  },
  {
    name: 'appointments(first: 100) with relations',
    request: (i) => ({
      // The query; completed visits, whose patients are under the doctor's care.
      query: `{ appointments(first: 100, filter: { status: [COMPLETED] }) { edges { node { patient { firstName allergies } doctor { lastName }
        prescriptions { items { medication } } medicalRecords { diagnoses { code } } } } } }`,
      variables: {},
      userId: doctorUserId(i % size.doctors),
      role: Role.DOCTOR,
    }),
  },
];

function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * `attempts` patients book a day's worth of slots of a few doctors, two patients per slot, all at
 * once (BENCH_BOOKING_CONCURRENCY in flight): exactly one of each pair wins.
 */
async function benchBookings(
  base: string,
  tokenFor: (userId: string, role: Role) => string,
  client: pg.Client,
): Promise<Record<string, number>> {
  const doctors = Math.min(10, size.doctors);
  const slotsPerDoctor = 16; // 07:00–15:00 UTC: inside 08:00–18:00 Berlin, summer or winter
  const day = new Date(Date.now() + 200 * 86_400_000);
  day.setUTCHours(7, 0, 0, 0); // 08:00 or 09:00 in Berlin: inside the 08:00–18:00 hours
  const attempts: { doctor: number; slot: number; patient: number }[] = [];
  let patient = 0;
  for (let d = 0; d < doctors; d += 1) {
    for (let s = 0; s < slotsPerDoctor; s += 1) {
      attempts.push({ doctor: d, slot: s, patient: patient++ }, { doctor: d, slot: s, patient: patient++ });
    }
  }
  const concurrency = Number(process.env['BENCH_BOOKING_CONCURRENCY'] ?? 16);
  let next = 0;
  const outcomes: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++]!;
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokenFor(patientUserId(attempt.patient), Role.PATIENT)}`,
          },
          body: JSON.stringify({
            query: 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
            variables: {
              input: {
                doctorId: doctorId(attempt.doctor),
                startsAt: new Date(day.getTime() + attempt.slot * 1_800_000).toISOString(),
              },
            },
          }),
        });
        const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
        const code = body.errors?.[0]?.extensions.code ?? 'BOOKED';
        outcomes[code] = (outcomes[code] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const [{ active }] = (
    await client.query<{ active: number }>(
      `select count(*)::int as active from appointment where starts_at >= $1 and starts_at < $2 and status = 'REQUESTED'`,
      [day, new Date(day.getTime() + 86_400_000)],
    )
  ).rows as [{ active: number }];
  return {
    attempts: attempts.length,
    booked: outcomes['BOOKED'] ?? 0,
    conflicts: outcomes['CONFLICT'] ?? 0,
    other: attempts.length - (outcomes['BOOKED'] ?? 0) - (outcomes['CONFLICT'] ?? 0),
    ...Object.fromEntries(Object.entries(outcomes).filter(([code]) => code !== 'BOOKED' && code !== 'CONFLICT')),
    'stored active': active,
    'attempts/s': Math.round(attempts.length / seconds),
    'bookings/s': Math.round((outcomes['BOOKED'] ?? 0) / seconds),
    concurrency,
  };
}

/** Starts an API process on `port` against `url`; resolves once it answers /ready. */
async function startApi(
  url: string,
  port: number,
  directory: string,
  log: string,
  // Every bench process gets a budget far above what the scenarios spend: the limiter runs on every
  // request (its price is in every latency) but never refuses one, unless a caller overrides it.
  environment: Record<string, string> = { RATE_LIMIT_POINTS: '1000000000' },
  // Another build's main.js (BENCH_BASELINE), profiled into its own directory.
  baseline?: string,
): Promise<ChildProcess & { port: number }> {
  // BENCH_CPU_PROF=<dir>: the API process writes a V8 CPU profile there when it exits.
  const profile = process.env['BENCH_CPU_PROF']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}${baseline ? '-baseline' : ''}`]
    : [];
  const main = baseline ?? join(REPO_ROOT, 'api/dist/api/src/main.js');
  // BENCH_BASELINE_NODE_FLAGS: more node/V8 flags for the baseline's process only, so a runtime
  // flag can be measured in turns against the same build without it (BENCH_BASELINE = this build).
  const extra = baseline ? (process.env['BENCH_BASELINE_NODE_FLAGS']?.split(/\s+/).filter(Boolean) ?? []) : [];
  // BENCH_BASELINE_ENV: settings for the baseline's process only (`NAME=value`, space-separated),
  // e.g. DATABASE_POOL_MODE=transaction to measure what preparing nothing costs, this build against itself.
  const settings = baseline
    ? Object.fromEntries(
        (process.env['BENCH_BASELINE_ENV'] ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((pair) => {
            const at = pair.indexOf('=');
            if (at < 1) {
              throw new Error(`BENCH_BASELINE_ENV: "${pair}" is not NAME=value`);
            }
            return [pair.slice(0, at), pair.slice(at + 1)];
          }),
      )
    : {};
  // As deployed: the image's heap flags (node-flags.ts).
  const child = spawn(process.execPath, [...API_NODE_FLAGS, ...extra, ...profile, main], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      // No pooler in the bench: the sessions' connections go to the same server.
      DATABASE_DIRECT_URL: url,
      PORT: String(port),
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      NODE_ENV: process.env['BENCH_NODE_ENV'] ?? 'development',
      // BENCH_API_NODE_OPTIONS: V8/Node flags for the API process alone (heap sizes, say).
      ...(process.env['BENCH_API_NODE_OPTIONS'] ? { NODE_OPTIONS: process.env['BENCH_API_NODE_OPTIONS'] } : {}),
      // What production requires of a start; no second factor for the bench's accounts (an empty
      // list: a blank value would count as unset and production's default would apply).
      ADMIN_EMAIL: 'bench.admin@clinic.test',
      ADMIN_PASSWORD: 'bench-admin-password-9f3c2a71',
      MFA_REQUIRED_ROLES: ',',
      // The job queue's schema too (production leaves migrating to a separate step).
      MIGRATE_ON_START: 'true',
      DATA_DIR: directory,
      ...environment,
      ...settings,
    },
    stdio: ['ignore', openSync(join(REPO_ROOT, 'bench-results', log), 'w'), 'inherit'],
  });
  for (let attempt = 0; ; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return Object.assign(child, { port });
    }
    if (attempt > 150) {
      throw new Error('the API did not become ready');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The median latency the limits add per request (cost analysis, the shared rate limit in
 * PostgreSQL, the RateLimit headers): one small query, sent one at a time, alternating between a
 * process with limits on and one with RATE_LIMIT_POINTS=0 (cost analysis still runs there).
 */
async function measureLimiter(on: string, off: string, token: string): Promise<Record<string, unknown>> {
  const query = '{ doctors(first: 5) { edges { node { id firstName lastName } } } }';
  const once = async (base: string) => {
    const t0 = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    await response.json();
    return performance.now() - t0;
  };
  const times = { on: [] as number[], off: [] as number[] };
  for (let i = 0; i < 20; i += 1) {
    await once(on);
    await once(off);
  }
  for (let i = 0; i < REQUESTS; i += 1) {
    times.on.push(await once(on));
    times.off.push(await once(off));
  }
  times.on.sort((a, b) => a - b);
  times.off.sort((a, b) => a - b);
  const medianOn = percentile(times.on, 50);
  const medianOff = percentile(times.off, 50);
  return {
    scenario: 'rate limiter per request',
    requests: REQUESTS,
    'p50 ms, limits on': +medianOn.toFixed(2),
    'p50 ms, limits off': +medianOff.toFixed(2),
    'added p50 ms': +(medianOn - medianOff).toFixed(2),
  };
}

/**
 * The doctor's week through a local round-robin proxy (the gateway's stand-in) to one API
 * process, then to two on the same database; then subscribers spread over both processes by the
 * proxy, each receiving every change whichever process committed it.
 */
async function benchScaleOut(
  ports: number[],
  tokenFor: TokenFor,
  toConfirm: string[],
): Promise<Record<string, unknown>[]> {
  const concurrency = Number(process.env['BENCH_SCALE_OUT_CONCURRENCY'] ?? 16);
  const requests = REQUESTS * 2;
  const rows: Record<string, unknown>[] = [];
  for (const backends of [ports.slice(0, 1), ports]) {
    const proxy = await startRoundRobinProxy(backends);
    try {
      const measured = await measure(`http://127.0.0.1:${proxy.port}`, scenarios[0]!, tokenFor, requests, concurrency);
      rows.push({ run: `doctor's week, ${backends.length} API process(es)`, concurrency, ...measured });
    } finally {
      await proxy.close();
    }
  }
  const proxy = await startRoundRobinProxy(ports);
  try {
    const base = `http://127.0.0.1:${proxy.port}`;
    const adminToken = tokenFor('admin', Role.ADMIN);
    // One more change than measured: the first warms up (see measureLiveDelivery).
    const events = Math.min(20, toConfirm.length - 1);
    const live = await measureLiveDelivery({
      url: `${base.replace('http', 'ws')}/graphql`,
      token: () => adminToken,
      count: Number(process.env['BENCH_SCALE_OUT_SUBSCRIBERS'] ?? 200),
      events,
      change: async (index) => {
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({
            query: 'mutation ($id: ID!) { confirmAppointment(id: $id) { id } }',
            variables: { id: toConfirm[index] },
          }),
        });
      },
    });
    rows.push({ run: 'live updates across 2 processes (round-robin sockets and changes)', ...live });
  } finally {
    await proxy.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const started = Date.now();
  const directory = mkdtempSync(join(tmpdir(), 'hc-bench-'));
  chmodSync(directory, 0o755);
  const port = await freePort();
  const database = await startEmbeddedPostgres({
    directory: join(directory, 'pg'),
    port: 40000 + (process.pid % 5000),
    persistent: false,
    ephemeral: true,
    extraFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track=top',
      // BENCH_PG_TOP=1 (a diagnosis): each statement's planning too, in its table's `plans` and
      // `plan_ms_per_call` (not by default: PostgreSQL warns of its cost on many small statements).
      ...(process.env['BENCH_PG_TOP'] ? ['-c', 'pg_stat_statements.track_planning=on'] : []),
      '-c',
      'shared_buffers=512MB',
      // BENCH_DURABLE=1: commits wait for their WAL flush, as in production (the seeding too).
      ...(process.env['BENCH_DURABLE'] ? ['-c', 'fsync=on', '-c', 'synchronous_commit=on'] : []),
    ],
  });
  let server: ChildProcess | undefined;
  let second: (ChildProcess & { port: number }) | undefined;
  let baseline: (ChildProcess & { port: number }) | undefined;
  try {
    await ensureDatabase(database.url(), 'bench');
    const url = withDatabase(database.url(), 'bench');
    const orm = await MikroORM.init(ormConfig(url));
    await migrate(orm);
    await orm.close(true);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('create extension if not exists pg_stat_statements');
    console.log(
      `Seeding ${size.doctors} doctors, ${size.patients} patients, ${size.doctors * size.appointmentsPerDoctor} appointments…`,
    );
    await seedBenchData(client, size, await hashPassword('bench-password-1', 4));
    const [{ records, prescriptions }] = (
      await client.query<{ records: string; prescriptions: string }>(
        `select (select count(*) from medical_record) as records, (select count(*) from prescription) as prescriptions`,
      )
    ).rows as [{ records: string; prescriptions: string }];
    console.log(
      `Seeded in ${Math.round((Date.now() - started) / 1000)} s (${records} records, ${prescriptions} prescriptions).`,
    );

    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    server = await startApi(url, port, directory, 'api.log');
    const reminders = await seedReminderJobs(client);
    console.log(`Queued the coming appointments' ${reminders} reminders.`);
    const base = `http://127.0.0.1:${port}`;
    const adminUserId = (await client.query<{ id: string }>(`select id from app_user where role = 'ADMIN' limit 1`))
      .rows[0]!.id;
    const tokens = new Map<string, string>();
    const tokenFor = (userId: string, role: Role) => {
      const id = userId === 'admin' ? adminUserId : userId;
      let token = tokens.get(id);
      if (!token) {
        token = signAccessToken(JWT_SECRET, {
          userId: id,
          role,
          sessionId: '00000000-0000-4000-8000-000000000001',
        }).token;
        tokens.set(id, token);
      }
      return token;
    };

    if (COMPARE) {
      // BENCH_BASELINE=<another build's api/dist/api/src/main.js>: that build runs too, in turns
      // with this one on the same data and load (before/after on a busy machine).
      const baselineMain = process.env['BENCH_BASELINE'];
      baseline = baselineMain
        ? await startApi(url, await freePort(), directory, 'api-baseline.log', undefined, baselineMain)
        : undefined;
      const rows = await runComparison({
        ...(baseline ? { baseline: { base: `http://127.0.0.1:${baseline.port}`, pid: baseline.pid } } : {}),
        size,
        databaseUrl: url,
        jwtSecret: JWT_SECRET,
        apiBase: base,
        apiPid: server.pid,
        apiScenarios: scenarios,
        tokenFor,
        client,
        postmasterPid: Number(readFileSync(join(directory, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]),
      });
      const peak = peakMemoryMb(server.pid!);
      console.log(`API process peak memory (VmHWM): ${peak} MB; total ${Math.round((Date.now() - started) / 1000)} s`);
      writeFileSync(
        join(REPO_ROOT, 'bench-results', 'compare.json'),
        JSON.stringify({ at: new Date().toISOString(), size, rows, peakMemoryMb: peak }, null, 2),
      );
      await client.end();
      return;
    }
    const results: Record<string, unknown>[] = [];
    for (const scenario of EVENTS_ONLY ? [] : scenarios) {
      await client.query('select pg_stat_statements_reset()');
      const measured = await measure(base, scenario, tokenFor, REQUESTS, CONCURRENCY, () =>
        client.query('select pg_stat_statements_reset()').then(() => undefined),
      );
      const row = {
        scenario: scenario.name,
        ...measured,
        'statements/request': +((await statementCount(client)) / REQUESTS).toFixed(2),
        'API peak MB so far': peakMemoryMb(server.pid!),
      };
      results.push(row);
      console.log(JSON.stringify(row));
    }
    console.table(results);

    // Bookings under contention: every free slot of a day wanted by two patients at once.
    if (!EVENTS_ONLY) {
      console.table([
        { ...(await benchBookings(base, tokenFor, client)), 'API peak MB so far': peakMemoryMb(server.pid!) },
      ]);
    }

    // Live updates: 1,000 subscribers, each committed change timed to its arrival everywhere.
    const adminToken = tokenFor('admin', Role.ADMIN);
    const toConfirm = (
      await client.query<{ id: string }>(
        `select id from appointment where status = 'REQUESTED' and starts_at > now() + interval '1 day' order by starts_at limit 99`,
      )
    ).rows.map((row) => row.id);
    // …and 4,000 (targets: p99 under 50 ms and 150 ms), then one subscriber resuming 10,000
    // missed events (target: 10,000 a second or better).
    const live: Record<string, unknown>[] = [];
    const confirmations = toConfirm.slice(0, 77);
    // The same admin in one session (subscriptions of one caller share one execution per event),
    // then each subscriber a session of its own (one person's sessions share it too, unless the
    // selection holds a field signed per session), then each subscriber a person of their own
    // (one execution per subscriber per event, as when as many different people watch).
    const sessionToken = (index: number) =>
      signAccessToken(JWT_SECRET, {
        userId: adminUserId,
        role: Role.ADMIN,
        sessionId: `00000000-0000-4000-8000-${String(index + 2).padStart(12, '0')}`,
      }).token;
    const personRuns = (process.env['BENCH_SUBSCRIBERS_OWN_PERSON'] ?? '1000').split(',').filter(Boolean).map(Number);
    const watchers = (
      await client.query<{ id: string }>(
        `insert into app_user (email, password_hash, role)
          select 'bench.watcher.' || g || '@clinic.test', password_hash, 'ADMIN' from app_user, generate_series(1, $2) g
          where id = $1 returning id`,
        [adminUserId, Math.max(0, ...personRuns)],
      )
    ).rows.map((row) => row.id);
    const personToken = (index: number) =>
      signAccessToken(JWT_SECRET, {
        userId: watchers[index]!,
        role: Role.ADMIN,
        sessionId: `00000000-0000-4000-9000-${String(index + 2).padStart(12, '0')}`,
      }).token;
    const runs = (process.env['BENCH_SUBSCRIBERS'] ?? '1000,4000')
      .split(',')
      .map(Number)
      .map((count) => ({ count, token: (_index: number) => adminToken, label: `commit → ${count} subscribers` }));
    for (const count of (process.env['BENCH_SUBSCRIBERS_OWN_SESSION'] ?? '1000')
      .split(',')
      .filter(Boolean)
      .map(Number)) {
      runs.push({ count, token: sessionToken, label: `commit → ${count} subscribers, a session each` });
    }
    for (const count of personRuns) {
      runs.push({ count, token: personToken, label: `commit → ${count} subscribers, a person each` });
    }
    for (const { count, token, label } of runs) {
      const batch = confirmations.splice(0, 11);
      live.push({
        run: label,
        ...(await measureLiveDelivery({
          url: `${base.replace('http', 'ws')}/graphql`,
          token,
          count,
          events: batch.length - 1,
          apiCpuMs: () => cpuMs(server?.pid),
          change: async (index) => {
            await fetch(`${base}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
              body: JSON.stringify({
                query: 'mutation ($id: ID!) { confirmAppointment(id: $id) { id } }',
                variables: { id: batch[index] },
              }),
            });
          },
        })),
        // Where in the bench the API's resident peak is reached (VmHWM so far).
        'API peak MB so far': peakMemoryMb(server.pid!),
      });
      console.table(live);
    }
    const missed = Number(process.env['BENCH_REPLAY_EVENTS'] ?? 10_000);
    // The last event before the gap is the cursor the subscriber resumes from.
    const [change] = (
      await client.query<{ id: string }>(
        `insert into appointment_change (appointment_id, kind, to_status, to_starts_at)
          select id, 'CONFIRMED', 'CONFIRMED', starts_at from appointment order by id limit 1 returning id`,
      )
    ).rows as [{ id: string }];
    const [after] = (
      await client.query<{ xid: string; seq: string }>(
        `select xid::text as xid, seq::text as seq from appointment_event where change_id = $1`,
        [change.id],
      )
    ).rows as [{ xid: string; seq: string }];
    await client.query(
      `insert into appointment_change (appointment_id, kind, to_status, to_starts_at)
        select a.id, 'CONFIRMED', 'CONFIRMED', a.starts_at from generate_series(1, $1) g
        join lateral (select id, starts_at from appointment order by id offset (g % 500) limit 1) a on true`,
      [missed],
    );
    const replay = await measureReplay({
      url: `${base.replace('http', 'ws')}/graphql`,
      token: adminToken,
      after: encodeEventCursor(after),
      events: missed,
    });
    console.table([{ ...replay, 'API peak MB so far': peakMemoryMb(server.pid!) }]);

    // The limiter's price: the same request against a second process with limits off.
    let limiter: Record<string, unknown> = {};
    if (!EVENTS_ONLY) {
      const offPort = await freePort();
      const withoutLimits = await startApi(url, offPort, directory, 'api-no-limits.log', { RATE_LIMIT_POINTS: '0' });
      try {
        limiter = await measureLimiter(base, `http://127.0.0.1:${offPort}`, tokenFor(doctorUserId(0), Role.DOCTOR));
      } finally {
        withoutLimits.kill('SIGTERM');
      }
      console.table([limiter]);
    }
    const peak = peakMemoryMb(server.pid!);

    // FHIR: search and $everything latency, then a bulk export of the whole clinic (streamed: the
    // API's peak memory is read again right after it).
    const apiPid = server.pid!;
    const fhir = await benchFhir(base, client, size, tokenFor, Math.min(REQUESTS, 100), () => peakMemoryMb(apiPid));
    console.table(fhir.latency);
    if (fhir.export) {
      console.table([fhir.export]);
    }

    // Scale-out: the doctor's week through a round-robin proxy to one, then two API processes on
    // the same PostgreSQL, and live updates delivered across both.
    let scaleOut: Record<string, unknown>[] = [];
    if (process.env['BENCH_SCALE_OUT'] !== 'false' && !EVENTS_ONLY) {
      second = await startApi(url, await freePort(), directory, 'api-2.log');
      // The live runs above take theirs (11 a run) from the first 77.
      scaleOut = await benchScaleOut([port, second.port], tokenFor, toConfirm.slice(77));
      console.table(scaleOut);
    }
    console.log(
      `API process peak memory (VmHWM): ${peak} MB; concurrency ${CONCURRENCY}; total ${Math.round((Date.now() - started) / 1000)} s`,
    );
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, 'bench-results', 'latest.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          size,
          concurrency: CONCURRENCY,
          results,
          limiter,
          live,
          replay,
          peakMemoryMb: peak,
          fhir,
          scaleOut,
        },
        null,
        2,
      ),
    );
    await client.end();
  } finally {
    server?.kill('SIGTERM');
    second?.kill('SIGTERM');
    baseline?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
