import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { REPO_ROOT } from '../src/config/settings.js';
import { Role } from '../src/modules/identity/role.js';
import {
  chartQuery,
  chartReads,
  doctorId,
  doctorUserId,
  patientId,
  patientUserId,
  type BenchSize,
} from './bench-data.js';
import {
  freePort,
  percentile,
  post,
  run,
  statementCount,
  statementTotals,
  type BenchRequest,
  type Scenario,
  type TokenFor,
} from './measure.js';

/**
 * `npm run bench -- compare`: the same scenarios against this API, PostGraphile v5 (Amber preset
 * and the connection-filter plugin, no authorization, no audit) and, for the simple read, a raw
 * Node + pg server (token verified, one statement) — each its own process on the same database,
 * run in turns (API, PostGraphile, raw, API, …) so a loaded machine's drift falls on all alike.
 * The ratios between the targets are what this measures; the absolute numbers are the machine's.
 */

type Target = 'api' | 'baseline' | 'postgraphile' | 'raw';

interface Compared {
  name: string;
  /** Per target, the i-th request; a target without one does not run the scenario. */
  requests: Partial<Record<Target, (i: number) => BenchRequest>>;
  /**
   * How many distinct reads (request indexes, `i` modulo this) the scenario has, when what a
   * request costs depends on whether its person read the same thing within the audit's repeat
   * window (a chart's first read writes audit rows, a repeat does not): then every sample draws
   * its own fresh reads, in the same mix of first reads and repeats (see {@link readSequence}).
   */
  distinctReads?: number;
}

export interface ComparisonInput {
  size: BenchSize;
  databaseUrl: string;
  jwtSecret: string;
  apiBase: string;
  /** The API process (its CPU time per request is measured from /proc). */
  apiPid?: number | undefined;
  apiScenarios: readonly Scenario[];
  tokenFor: TokenFor;
  client: pg.Client;
  /** Another build of the API (BENCH_BASELINE), sent the API's requests in turns with it. */
  baseline?: { base: string; pid: number | undefined };
  /** The PostgreSQL postmaster's pid: its backends' CPU time per booking is measured from /proc. */
  postmasterPid?: number | undefined;
}

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/**
 * Unmeasured rounds of every target before the measured ones (BENCH_WARM_ROUNDS): the first sample a
 * process or a fresh database serves (the audit table's young partition, heaps still growing) was
 * dearer than the ones after it, whichever build ran it.
 */
const WARM_ROUNDS = Number(process.env['BENCH_WARM_ROUNDS'] ?? 1);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 200);
/** Requests sent before each measured turn, not measured (BENCH_WARMUP). */
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 400);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
/** Bookings in flight at once (BENCH_BOOKING_CONCURRENCY, as in the plain bench). */
const BOOKING_CONCURRENCY = Number(process.env['BENCH_BOOKING_CONCURRENCY'] ?? 16);
const LIVE_STATUSES = ['REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW'];
/** BENCH_SCENARIOS: a comma-separated list of scenario names (or parts of them) to run; default all. */
const ONLY = (process.env['BENCH_SCENARIOS'] ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const chosen = (name: string) => ONLY.length === 0 || ONLY.some((part) => name.includes(part));
const SEARCH_TERMS = ['schm', 'olga', 'web', 'lukas', 'hart', 'kel', 'ines'];

const week = (i: number) => {
  const from = new Date(Date.now() + ((i % 8) - 4) * 7 * 86_400_000);
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
};

function apiScenario(scenarios: readonly Scenario[], name: string): (i: number) => BenchRequest {
  const scenario = scenarios.find((candidate) => candidate.name === name);
  if (!scenario) {
    throw new Error(`no bench scenario "${name}"`);
  }
  return (i) => scenario.request(i);
}

function comparedScenarios(size: BenchSize, api: readonly Scenario[]): Compared[] {
  const reads = chartReads(size);
  const chartPatient = (i: number) => patientId(reads[i % reads.length]!.patient);
  const anonymous = { userId: null, role: null };
  const apiChart = apiScenario(api, "patient's chart");
  const postgraphileChart = (i: number): BenchRequest => ({
    query: `query ($id: UUID!) { patientByRowId(rowId: $id) { rowId firstName lastName dateOfBirth bloodGroup allergies chronicConditions
            medicalRecordsByPatientId(first: 10, orderBy: RECORDED_AT_DESC) { totalCount edges { node { rowId recordedAt diagnoses vitals } } }
            prescriptionsByPatientId(first: 10, orderBy: ISSUED_AT_DESC) { edges { node { rowId storedStatus prescriptionItemsByPrescriptionId { nodes { medication dosage } } } } }
            appointmentsByPatientId(first: 10, orderBy: STARTS_AT_DESC) { edges { node { startsAt status doctorByDoctorId { lastName } } } } } }`,
    variables: { id: chartPatient(i) },
    ...anonymous,
  });
  return [
    {
      name: "doctor's week",
      requests: {
        api: apiScenario(api, "doctor's week"),
        postgraphile: (i) => ({
          query: `query ($doctor: UUID!, $from: Datetime!, $to: Datetime!, $statuses: [String!]) {
            allAppointments(condition: { doctorId: $doctor }, filter: { startsAt: { greaterThanOrEqualTo: $from, lessThan: $to }, status: { in: $statuses } },
              orderBy: STARTS_AT_ASC, first: 100) {
              totalCount edges { node { rowId startsAt endsAt status type reason patientByPatientId { rowId firstName lastName allergies } } } } }`,
          variables: { doctor: doctorId(i % size.doctors), ...week(i), statuses: LIVE_STATUSES },
          ...anonymous,
        }),
      },
    },
    {
      name: "patient's chart",
      distinctReads: reads.length,
      requests: {
        api: apiChart,
        // The same fields but the timeline (a union the API computes; PostGraphile has none).
        postgraphile: postgraphileChart,
      },
    },
    {
      // Apples to apples: the API asked exactly PostGraphile's fields (the chart without its timeline).
      name: "patient's chart (PostGraphile's fields)",
      distinctReads: reads.length,
      requests: {
        api: (i) => ({ ...apiChart(i), query: chartQuery({ timeline: false }) }),
        postgraphile: postgraphileChart,
      },
    },
    {
      name: 'me',
      requests: {
        api: apiScenario(api, 'me'),
        postgraphile: (i) => ({
          query: `query ($id: UUID!) { appUserByRowId(rowId: $id) { rowId email role active } }`,
          variables: { id: doctorUserId(i % size.doctors) },
          ...anonymous,
        }),
        raw: (i) => ({ query: 'me', variables: {}, userId: doctorUserId(i % size.doctors), role: Role.DOCTOR }),
      },
    },
    {
      name: 'patient search (one word)',
      requests: {
        api: (i) => ({
          query: `query ($s: String!) { patients(search: $s, first: 20) { totalCount edges { node { id firstName lastName phone } } } }`,
          variables: { s: SEARCH_TERMS[i % SEARCH_TERMS.length] },
          userId: 'admin',
          role: Role.ADMIN,
        }),
        postgraphile: (i) => ({
          query: `query ($s: String!) { allPatients(first: 20, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC],
            filter: { or: [{ firstName: { startsWithInsensitive: $s } }, { lastName: { startsWithInsensitive: $s } }] }) {
            totalCount edges { node { rowId firstName lastName phone } } } }`,
          variables: { s: SEARCH_TERMS[i % SEARCH_TERMS.length] },
          ...anonymous,
        }),
      },
    },
  ];
}

/** Starts `script` (under api/dist) as its own process; resolves once it answers a GraphQL query. */
async function startServer(
  script: string,
  environment: Record<string, string>,
  log: string,
): Promise<ChildProcess & { base: string }> {
  const port = await freePort();
  const output = openSync(join(REPO_ROOT, 'bench-results', log), 'w');
  const child = spawn(process.execPath, [join(REPO_ROOT, 'api/dist/api/bench', script)], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...environment },
    stdio: ['ignore', output, output],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    const ready = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return Object.assign(child, { base });
    }
    if (attempt > 300 || child.exitCode !== null) {
      throw new Error(`${script} did not start (see bench-results/${log})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Sample {
  reqPerSecond: number;
  latencies: number[];
  single: number[];
  /** The server process's CPU time (user + system) per request of the sample, in ms. */
  cpuMsPerRequest: number | undefined;
  /** SQL statements the database ran per request of the sample (pg_stat_statements). */
  statementsPerRequest: number;
  /** PostgreSQL's time per request of the sample: planning and execution (pg_stat_statements). */
  dbMsPerRequest: number;
  /**
   * Where the cores went per request of the loaded run (ms of CPU): this server, PostgreSQL's
   * processes (statements and all else: parsing, protocol, wake-ups), the bench client, and the
   * other servers (their background work woken by this run), beside 2 cores × the wall time.
   */
  loaded: Record<'server' | 'pg' | 'client' | 'others' | 'wallCores', number | undefined>;
}

/**
 * BENCH_PG_TOP=1: where PostgreSQL spent its time since the last reset, by statement: executing
 * (mean per call) and planning (how many plans were made, and their time spread over the calls:
 * a prepared statement on its generic plan makes none).
 */
async function printStatementTop(client: pg.Client, title: string): Promise<void> {
  const { rows } = await client.query(
    `select left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as statement, calls,
            round(mean_exec_time::numeric, 3) as mean_ms, plans,
            round((total_plan_time / greatest(calls, 1))::numeric, 3) as plan_ms_per_call,
            round((total_exec_time + total_plan_time)::numeric) as total_ms,
            round(rows::numeric / greatest(calls, 1), 2) as rows_per_call,
            round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1)) as blocks_per_call
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time + total_plan_time desc limit 12`,
  );
  console.log(`${title}: PostgreSQL's time by statement`);
  console.table(rows);
}

/** A process's CPU time so far (user + system, ms) from /proc; undefined where there is none. */
export function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15 of stat) in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Requests one sample sends: its warm-up, its loaded run and its single-client run. */
const SAMPLE_REQUESTS = WARMUP + REQUESTS + Math.ceil(REQUESTS / 2);
/** How many requests later a repeat follows its first read (all in flight before it have answered). */
const REPEAT_LAG = 2 * CONCURRENCY + 1;
/** Distinct reads one sample takes from a scenario with `distinctReads` (see {@link readSequence}). */
const READS_PER_SAMPLE = Math.ceil(SAMPLE_REQUESTS / 2) + REPEAT_LAG;

/**
 * The request indexes of sample number `sample` of a scenario whose reads cost more the first time
 * (`distinctReads`, the chart: a first read writes audit rows, a repeat within the audit's window
 * does not). Each sample — every target, every round — reads its own range of reads no sample read
 * before, in the same mix: its j-th request (warm-up, loaded run and single-client run counted on)
 * is a first read for even j and, for odd j, a repeat of the read first made {@link REPEAT_LAG}
 * requests before (the doctor refreshing the chart, the next page). So every build and PostGraphile
 * meet half first reads and half repeats, and no sample repeats the reads another logged (which had
 * made the build measured second the cheaper one of an A/A run). Without `distinctReads`, a sample's
 * requests are as before: the warm-up's from 50,000 on, the measured from `round` × requests.
 */
function readSequence(
  distinctReads: number | undefined,
  sample: number,
  round: number,
): { warmup: (i: number) => number; loaded: (i: number) => number; single: (i: number) => number } {
  if (distinctReads === undefined) {
    return { warmup: (i) => 50_000 + i, loaded: (i) => round * REQUESTS + i, single: (i) => round * REQUESTS + i };
  }
  const first = sample * READS_PER_SAMPLE;
  const read = (j: number) => first + (j % 2 === 0 ? j / 2 : Math.max(0, (j - REPEAT_LAG) / 2));
  return {
    warmup: (i) => read(i),
    loaded: (i) => read(WARMUP + i),
    single: (i) => read(WARMUP + REQUESTS + i),
  };
}

async function sample(
  base: string,
  request: (i: number) => BenchRequest,
  tokenFor: TokenFor,
  sequence: ReturnType<typeof readSequence>,
  round: number,
  pid: number | undefined,
  client: pg.Client,
  others: { pids: (number | undefined)[]; postmasterPid: number | undefined },
) {
  const send = async (i: number) => {
    const body = await post(base, request(i), tokenFor);
    if (body.errors) {
      throw new Error(`${base}: ${body.errors[0]?.message}`);
    }
  };
  // Warm-up, at the run's concurrency: a server just started or switched to another scenario
  // compiles its hot code first, which 200 measured requests would mostly be about.
  await run(WARMUP, CONCURRENCY, (i) => send(sequence.warmup(i)));
  await client.query('select pg_stat_statements_reset()');
  const cpuBefore = cpuMs(pid);
  const othersCpu = () => others.pids.reduce<number | undefined>((sum, other) => (sum ?? 0) + (cpuMs(other) ?? 0), 0);
  const before = { pg: clusterCpuMs(others.postmasterPid), client: clientCpuMs(), others: othersCpu() };
  const loaded = await run(REQUESTS, CONCURRENCY, (i) => send(sequence.loaded(i)));
  const cpuLoaded = cpuMs(pid);
  const after = { pg: clusterCpuMs(others.postmasterPid), client: clientCpuMs(), others: othersCpu() };
  const perRequest = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : (a - b) / REQUESTS;
  const single = await run(Math.ceil(REQUESTS / 2), 1, (i) => send(sequence.single(i)));
  const cpuAfter = cpuMs(pid);
  const statements = await statementTotals(client);
  if (process.env['BENCH_PG_TOP'] && round === 0) {
    await printStatementTop(client, base);
  }
  return {
    statementsPerRequest: statements.calls / (REQUESTS + Math.ceil(REQUESTS / 2)),
    dbMsPerRequest: statements.ms / (REQUESTS + Math.ceil(REQUESTS / 2)),
    reqPerSecond: (REQUESTS / loaded.elapsedMs) * 1000,
    latencies: loaded.latencies,
    single: single.latencies,
    cpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : (cpuAfter - cpuBefore) / (REQUESTS + Math.ceil(REQUESTS / 2)),
    loaded: {
      server: perRequest(cpuLoaded, cpuBefore),
      pg: perRequest(after.pg, before.pg),
      client: perRequest(after.client, before.client),
      others: perRequest(after.others, before.others),
      wallCores: (2 * loaded.elapsedMs) / REQUESTS,
    },
  } satisfies Sample;
}

/** /proc/<pid>/stat's fields after the command (field 3, the state, first), or undefined. */
function statFields(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

/**
 * A PostgreSQL cluster's CPU time so far (user + system, ms): the postmaster with the children it
 * has reaped (cutime, cstime) and every live child (backends, WAL writer, checkpointer, …).
 */
export function clusterCpuMs(postmasterPid: number | undefined): number | undefined {
  const postmaster = postmasterPid === undefined ? undefined : statFields(postmasterPid);
  if (!postmaster) {
    return undefined;
  }
  let ticks = Number(postmaster[11]) + Number(postmaster[12]) + Number(postmaster[13]) + Number(postmaster[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmasterPid) {
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  }
  return ticks * 10;
}

/** The bench client's own CPU time so far (ms). */
const clientCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The median; of an even count, the mean of the middle two (of two rounds, not the larger one). */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? 0
    : sorted.length % 2 === 1
      ? sorted[middle]!
      : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Bookings, `contended` or not, `attempts` slots of a day of their own per run: each slot wanted by
 * one patient (uncontended) or two at once (contended). Returns attempts/s, bookings and the
 * loser's latency (p50/p99 of CONFLICT answers).
 */
async function bookings(
  target: Target,
  base: string,
  tokenFor: TokenFor,
  size: BenchSize,
  day: number,
  contended: boolean,
  pid: number | undefined,
  client: pg.Client,
  /** Who else spends CPU on these bookings: the other API build (jobs it picks up), PostgreSQL. */
  others: { otherApiPid?: number | undefined; postmasterPid?: number | undefined } = {},
): Promise<BookingRun> {
  const doctors = Math.min(size.doctors, 40);
  const slots = 16; // 07:00–15:00 UTC: inside 08:00–18:00 Berlin, summer or winter
  const start = new Date(Date.now() + day * 86_400_000);
  start.setUTCHours(7, 0, 0, 0);
  const attempts: { doctor: number; slot: number; patient: number }[] = [];
  let patient = (day * 997) % size.patients;
  // Slot by slot across the doctors: requests in flight are for different doctors (the API holds a
  // doctor while it books one of their slots), but for the two patients of a contended slot.
  for (let s = 0; s < slots; s += 1) {
    for (let d = 0; d < doctors; d += 1) {
      for (let n = 0; n < (contended ? 2 : 1); n += 1) {
        attempts.push({ doctor: d, slot: s, patient: patient++ % size.patients });
      }
    }
  }
  const outcomes = { booked: 0, conflicts: 0, other: 0 };
  const conflictLatencies: number[] = [];
  const bookedLatencies: number[] = [];
  await client.query('select pg_stat_statements_reset()');
  const cpuBefore = cpuMs(pid);
  const otherBefore = cpuMs(others.otherApiPid);
  const pgBefore = clusterCpuMs(others.postmasterPid);
  const clientBefore = clientCpuMs();
  const { latencies, elapsedMs } = await run(attempts.length, BOOKING_CONCURRENCY, async (i) => {
    const attempt = attempts[i]!;
    const startsAt = new Date(start.getTime() + attempt.slot * 1_800_000);
    const t0 = performance.now();
    const api = target === 'api' || target === 'baseline';
    const body = api
      ? await post(
          base,
          {
            query: 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
            variables: { input: { doctorId: doctorId(attempt.doctor), startsAt: startsAt.toISOString() } },
            userId: patientUserId(attempt.patient),
            role: Role.PATIENT,
          },
          tokenFor,
        )
      : await post(
          base,
          {
            query:
              'mutation ($a: AppointmentInput!) { createAppointment(input: { appointment: $a }) { appointment { id } } }',
            variables: {
              a: {
                doctorId: doctorId(attempt.doctor),
                patientId: patientId(attempt.patient),
                startsAt: startsAt.toISOString(),
                endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString(),
              },
            },
            userId: null,
            role: null,
          },
          tokenFor,
        );
    const error = body.errors?.[0];
    if (!error) {
      outcomes.booked += 1;
      bookedLatencies.push(performance.now() - t0);
    } else if (error.extensions?.code === 'CONFLICT' || (!api && contended)) {
      // PostGraphile masks the exclusion constraint's error; in the contended run it is the loser's.
      outcomes.conflicts += 1;
      conflictLatencies.push(performance.now() - t0);
    } else {
      outcomes.other += 1;
      if (outcomes.other === 1) {
        console.warn(`${target} booking: ${error.message}`);
      }
    }
  });
  void latencies;
  const cpuAfter = cpuMs(pid);
  const otherAfter = cpuMs(others.otherApiPid);
  const pgAfter = clusterCpuMs(others.postmasterPid);
  const clientAfter = clientCpuMs();
  // What the bookings left to run after the last answer (jobs, the outbox): a second reading later.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const cpuSettled = cpuMs(pid);
  const pgSettled = clusterCpuMs(others.postmasterPid);
  const perAttempt = (after: number | undefined, before: number | undefined) =>
    after === undefined || before === undefined ? undefined : (after - before) / attempts.length;
  // The jobs the bookings queued (e-mails) run meanwhile and just after: their statements count too.
  const statements = await statementCount(client);
  if (process.env['BENCH_PG_TOP'] && target !== 'postgraphile') {
    await printStatementTop(client, `${target}, ${contended ? 'contended' : 'uncontended'}`);
  }
  conflictLatencies.sort((a, b) => a - b);
  return {
    perSecond: (attempts.length / elapsedMs) * 1000,
    ...outcomes,
    latencies: conflictLatencies,
    bookedLatencies,
    cpuMsPerAttempt:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / attempts.length,
    statementsPerAttempt: statements / attempts.length,
    accounting: {
      wallCoreMs: (2 * elapsedMs) / attempts.length,
      pg: perAttempt(pgAfter, pgBefore),
      client: perAttempt(clientAfter, clientBefore),
      otherApi: perAttempt(otherAfter, otherBefore),
      apiTail: perAttempt(cpuSettled, cpuAfter),
      pgTail: perAttempt(pgSettled, pgAfter),
    },
  };
}

interface BookingRun {
  perSecond: number;
  booked: number;
  conflicts: number;
  other: number;
  latencies: number[];
  /** The winners' latencies (what a loser's is compared with: both wait in the same queue). */
  bookedLatencies: number[];
  /** The server process's CPU time per attempt (its queued jobs included, as far as they ran). */
  cpuMsPerAttempt: number | undefined;
  statementsPerAttempt: number;
  /**
   * Where the machine's cores went per attempt (ms): 2 cores × the run's wall time, PostgreSQL's
   * processes, the bench client, the other API build, and the API's and PostgreSQL's work in the
   * second after the last answer (the tail: jobs and the outbox still running).
   */
  accounting: Record<'wallCoreMs' | 'pg' | 'client' | 'otherApi' | 'apiTail' | 'pgTail', number | undefined>;
}

/** Runs the comparison and returns its table rows (also printed). */
export async function runComparison(input: ComparisonInput): Promise<Record<string, unknown>[]> {
  const { size, databaseUrl, jwtSecret, apiBase, tokenFor } = input;
  const postgraphile = await startServer('postgraphile-server.js', { DATABASE_URL: databaseUrl }, 'postgraphile.log');
  const raw = await startServer('raw-server.js', { DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret }, 'raw.log');
  const bases: Record<Target, string> = {
    api: apiBase,
    baseline: input.baseline?.base ?? '',
    postgraphile: postgraphile.base,
    raw: raw.base,
  };
  const pids: Record<Target, number | undefined> = {
    api: input.apiPid,
    baseline: input.baseline?.pid,
    postgraphile: postgraphile.pid,
    raw: raw.pid,
  };
  const rows: Record<string, unknown>[] = [];
  // Samples of scenarios with `distinctReads` so far: the chart's two rows read the same charts, so
  // the second goes on from where the first stopped (its first reads are first reads too).
  let readSamples = 0;
  try {
    for (const scenario of comparedScenarios(size, input.apiScenarios).filter((s) => chosen(s.name))) {
      if (input.baseline && scenario.requests.api) {
        scenario.requests = { api: scenario.requests.api, baseline: scenario.requests.api, ...scenario.requests };
      }
      const targets = (Object.keys(scenario.requests) as Target[]).filter((t) => scenario.requests[t]);
      const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));
      if (scenario.distinctReads !== undefined) {
        const needed = (readSamples + (WARM_ROUNDS + ROUNDS) * targets.length) * READS_PER_SAMPLE;
        if (needed > scenario.distinctReads) {
          console.warn(
            `${scenario.name}: ${needed} distinct reads needed, the data has ${scenario.distinctReads}: later samples repeat earlier ones' reads (a larger BENCH_SCALE, or fewer requests)`,
          );
        }
      }
      for (let round = -WARM_ROUNDS; round < ROUNDS; round += 1) {
        // Each round starts one target later (a rotation), so over as many rounds as there are
        // targets each runs once in every position: what the one before leaves behind (warm pages,
        // a busy checkpoint, a fresh plan) favours each in turn. Reversing every other round kept
        // the middle target in the middle, which an A/A run measured 9-23% cheaper than the ends.
        // The warm rounds (negative) are not measured.
        for (const target of rotated(targets, round)) {
          const taken = await sample(
            bases[target],
            scenario.requests[target]!,
            tokenFor,
            readSequence(
              scenario.distinctReads,
              scenario.distinctReads === undefined ? 0 : readSamples++,
              Math.max(0, round),
            ),
            round,
            pids[target],
            input.client,
            { pids: targets.filter((t) => t !== target).map((t) => pids[t]), postmasterPid: input.postmasterPid },
          );
          if (round < 0) {
            continue;
          }
          samples.get(target)!.push(taken);
          if (process.env['BENCH_SAMPLES']) {
            // BENCH_SAMPLES=1: each round's figures, to see the spread the medians hide.
            console.log(
              `  ${scenario.name} round ${round} ${target}: ${taken.reqPerSecond.toFixed(0)} req/s, CPU ${taken.cpuMsPerRequest?.toFixed(2) ?? '?'} ms/req`,
            );
          }
        }
      }
      const summary = (target: Target) => {
        const runs = samples.get(target)!;
        const loaded = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
        const single = runs.flatMap((r) => r.single).sort((a, b) => a - b);
        return {
          reqPerSecond: median(runs.map((r) => r.reqPerSecond)),
          p50: percentile(single, 50),
          p95: percentile(single, 95),
          p99: percentile(single, 99),
          loadedP99: percentile(loaded, 99),
          statements: median(runs.map((r) => r.statementsPerRequest)),
          dbMs: median(runs.map((r) => r.dbMsPerRequest)),
          cpu: runs.every((r) => r.cpuMsPerRequest !== undefined)
            ? median(runs.map((r) => r.cpuMsPerRequest!))
            : undefined,
          loaded: Object.fromEntries(
            (['server', 'pg', 'client', 'others', 'wallCores'] as const).map((key) => [
              key,
              runs.every((r) => r.loaded[key] !== undefined) ? median(runs.map((r) => r.loaded[key]!)) : undefined,
            ]),
          ) as Sample['loaded'],
        };
      };
      const api = summary('api');
      for (const target of targets) {
        const s = summary(target);
        const row = {
          scenario: scenario.name,
          target,
          [`req/s @${CONCURRENCY}`]: Math.round(s.reqPerSecond),
          'p50 ms @1': +s.p50.toFixed(1),
          'p95 ms @1': +s.p95.toFixed(1),
          'p99 ms @1': +s.p99.toFixed(1),
          [`p99 ms @${CONCURRENCY}`]: +s.loadedP99.toFixed(1),
          'API ÷ this (req/s)': target === 'api' ? '' : +(api.reqPerSecond / s.reqPerSecond).toFixed(2),
          // CPU time is less at the mercy of the other processes on the machine than req/s.
          'CPU ms/req': s.cpu === undefined ? '' : +s.cpu.toFixed(2),
          'this ÷ API (CPU/req)': target === 'api' || !s.cpu || !api.cpu ? '' : +(s.cpu / api.cpu).toFixed(2),
          'statements/req': +s.statements.toFixed(2),
          'DB ms/req': +s.dbMs.toFixed(2),
          ...Object.fromEntries(
            (
              [
                ['server', 'server CPU'],
                ['pg', 'PG CPU'],
                ['client', 'client CPU'],
                ['others', 'others CPU'],
                ['wallCores', '2 cores'],
              ] as const
            ).map(([key, label]) => [
              `${label} ms/req @${CONCURRENCY}`,
              s.loaded[key] === undefined ? '' : +s.loaded[key].toFixed(2),
            ]),
          ),
        };
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
    // Bookings: a fresh day per target and round, so every run books free slots.
    let day = 200;
    for (const contended of [false, true].filter((c) => chosen(c ? 'bookings, contended' : 'bookings, uncontended'))) {
      const samples = new Map<Target, BookingRun[]>();
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const target of input.baseline
          ? (['api', 'baseline', 'postgraphile'] as const)
          : (['api', 'postgraphile'] as const)) {
          const result = await bookings(
            target,
            bases[target],
            tokenFor,
            size,
            day++,
            contended,
            pids[target],
            input.client,
            {
              otherApiPid: target === 'api' ? pids.baseline : target === 'baseline' ? pids.api : undefined,
              postmasterPid: input.postmasterPid,
            },
          );
          samples.set(target, [...(samples.get(target) ?? []), result]);
        }
      }
      const apiRate = median(samples.get('api')!.map((s) => s.perSecond));
      for (const [target, runs] of samples) {
        const conflicts = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
        const booked = runs.flatMap((r) => r.bookedLatencies).sort((a, b) => a - b);
        const rate = median(runs.map((r) => r.perSecond));
        const row = {
          scenario: contended ? 'bookings, contended (2 per slot)' : 'bookings, uncontended',
          target,
          [`attempts/s @${BOOKING_CONCURRENCY}`]: Math.round(rate),
          'booked/attempts': `${runs.reduce((n, r) => n + r.booked, 0)}/${runs.reduce((n, r) => n + r.booked + r.conflicts + r.other, 0)}`,
          'conflict p50 ms': conflicts.length ? +percentile(conflicts, 50).toFixed(1) : '',
          'conflict p99 ms': conflicts.length ? +percentile(conflicts, 99).toFixed(1) : '',
          'booked p50 ms': booked.length ? +percentile(booked, 50).toFixed(1) : '',
          'API ÷ this (req/s)': target === 'api' ? '' : +(apiRate / rate).toFixed(2),
          'CPU ms/attempt': runs.every((r) => r.cpuMsPerAttempt !== undefined)
            ? +median(runs.map((r) => r.cpuMsPerAttempt!)).toFixed(2)
            : '',
          'statements/attempt': +median(runs.map((r) => r.statementsPerAttempt)).toFixed(2),
          ...Object.fromEntries(
            (
              [
                ['2 cores ms/attempt', 'wallCoreMs'],
                ['PG CPU ms/attempt', 'pg'],
                ['client CPU ms/attempt', 'client'],
                ['other API CPU ms/attempt', 'otherApi'],
                ['API tail ms/attempt', 'apiTail'],
                ['PG tail ms/attempt', 'pgTail'],
              ] as const
            ).map(([label, key]) => {
              const values = runs.map((r) => r.accounting[key]);
              return [label, values.every((v) => v !== undefined) ? +median(values).toFixed(2) : ''];
            }),
          ),
        };
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    postgraphile.kill('SIGTERM');
    raw.kill('SIGTERM');
  }
  console.table(rows);
  return rows;
}

/** `targets` starting at position `round` (any integer, negative too), wrapping around. */
export function rotated<T>(targets: readonly T[], round: number): T[] {
  const start = ((round % targets.length) + targets.length) % targets.length;
  return [...targets.slice(start), ...targets.slice(0, start)];
}
