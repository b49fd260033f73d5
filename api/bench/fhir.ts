import type pg from 'pg';
import { Role } from '../src/modules/identity/role.js';
import { cancelled, doctorUserId, patientId, patientOf, type BenchSize } from './bench-data.js';
import { percentile, statementCount, type TokenFor } from './measure.js';

/** `requests` FHIR GETs (path of the i-th) one after another: latency percentiles and statements. */
async function timeGets(
  base: string,
  client: pg.Client,
  name: string,
  requests: number,
  request: (i: number) => { path: string; token: string },
): Promise<Record<string, unknown>> {
  const get = async (i: number) => {
    const { path, token } = request(i);
    const t0 = performance.now();
    const response = await fetch(`${base}/fhir/R4/${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`${name}: GET ${path} answered ${response.status}`);
    }
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i += 1) {
    await get(i + 10_000);
  }
  await client.query('select pg_stat_statements_reset()');
  const latencies: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    latencies.push(await get(i));
  }
  latencies.sort((a, b) => a - b);
  return {
    scenario: name,
    requests,
    'p50 ms': +percentile(latencies, 50).toFixed(1),
    'p95 ms': +percentile(latencies, 95).toFixed(1),
    'statements/request': +((await statementCount(client)) / requests).toFixed(2),
  };
}

/**
 * FHIR: Patient search and `$everything` latency, then a system bulk export of the whole bench
 * clinic by an administrator (kick-off to manifest), with its rows per second and the API
 * process's peak memory (VmHWM) read right after it: the export streams pages, so the peak
 * must not grow with the clinic.
 */
export async function benchFhir(
  base: string,
  client: pg.Client,
  size: BenchSize,
  tokenFor: TokenFor,
  requests: number,
  peakMemoryMb: () => number,
): Promise<{ latency: Record<string, unknown>[]; export: Record<string, unknown> | undefined }> {
  const admin = tokenFor('admin', Role.ADMIN);
  const names = ['Schm', 'Web', 'Kr', 'Hart', 'Olga', 'Anna', 'Lukas'];
  const latency = [
    await timeGets(base, client, 'FHIR Patient?name= (admin)', requests, (i) => ({
      path: `Patient?name=${names[i % names.length]}&_count=20`,
      token: admin,
    })),
    await timeGets(base, client, "FHIR Patient/$everything (the patient's doctor)", requests, (i) => {
      const d = i % size.doctors;
      let k = (i * 37) % size.appointmentsPerDoctor;
      while (cancelled(d, k)) {
        k = (k + 1) % size.appointmentsPerDoctor;
      }
      return {
        path: `Patient/${patientId(patientOf(size, d, k))}/$everything`,
        token: tokenFor(doctorUserId(d), Role.DOCTOR),
      };
    }),
  ];
  if (process.env['BENCH_FHIR_EXPORT'] === 'false') {
    return { latency, export: undefined };
  }
  await client.query('select pg_stat_statements_reset()');
  const t0 = performance.now();
  const kickOff = await fetch(`${base}/fhir/R4/$export`, {
    headers: { authorization: `Bearer ${admin}`, prefer: 'respond-async' },
  });
  if (kickOff.status !== 202) {
    throw new Error(`$export kick-off answered ${kickOff.status}: ${await kickOff.text()}`);
  }
  const status = kickOff.headers.get('content-location')!;
  let manifest: { output: { type: string; count: number }[] } | undefined;
  while (!manifest) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const poll = await fetch(status, { headers: { authorization: `Bearer ${admin}` } });
    if (poll.status === 200) {
      manifest = (await poll.json()) as { output: { type: string; count: number }[] };
    } else if (poll.status !== 202) {
      throw new Error(`$export status answered ${poll.status}: ${await poll.text()}`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = manifest.output.reduce((sum, file) => sum + file.count, 0);
  return {
    latency,
    export: {
      scenario: 'FHIR $export (admin, whole clinic)',
      seconds: +seconds.toFixed(1),
      resources: rows,
      'resources/s': Math.round(rows / seconds),
      files: manifest.output.map((file) => `${file.type} ${file.count}`).join(', '),
      statements: await statementCount(client),
      'API peak memory MB after export': peakMemoryMb(),
    },
  };
}
