import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import { subscribe, wsClient } from '../../test/ws.js';
import { JOB_RUNNER_APPLICATION } from '../modules/notifications/jobs.js';
import { createLogger } from '../shared/logger.js';
import type { Application } from './bootstrap.js';

const lines: Record<string, unknown>[] = [];
let app: Application;
let database: TestDatabase;
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  app = await startTestApp(
    database.url,
    { LOG_LEVEL: 'info', DATABASE_POOL_SIZE: '7' },
    {},
    createLogger('info', sink),
  );
  factory = new Factory(app);
});

async function scrape(): Promise<string> {
  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample line, e.g. `graphql_operations_total{...}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find((row) => (row.startsWith(`${name}{`) || row.startsWith(`${name} `)) && wanted.every((l) => row.includes(l)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('/metrics', () => {
  it('counts operations by name, type, transport and outcome code, with latency, never query text', async () => {
    const patient = await factory.patient();
    expectData(await gql(app, 'query MyProfile { me { id } }', { token: patient.token }));
    expectData(await gql(app, 'query MyProfile { me { id } }', { token: patient.token }));
    expectGraphQLError(await gql(app, 'query WhoAmI { me { id } }'), 'UNAUTHENTICATED');

    const text = await scrape();
    expect(
      sample(text, 'graphql_operations_total', {
        operation: 'MyProfile',
        type: 'query',
        transport: 'http',
        code: 'OK',
      }),
    ).toBe(2);
    expect(sample(text, 'graphql_operations_total', { operation: 'WhoAmI', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'graphql_errors_total', { operation: 'WhoAmI', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'MyProfile' })).toBe(2);
    expect(sample(text, 'graphql_operation_duration_seconds_bucket', { operation: 'MyProfile', le: '+Inf' })).toBe(2);
    expect(text).not.toContain('me { id }');
  });

  it('bounds the operation label: odd names are bucketed, anonymous ones named so', async () => {
    const patient = await factory.patient();
    await gql(app, '{ me { id } }', { token: patient.token });
    const text = await scrape();
    expect(sample(text, 'graphql_operations_total', { operation: 'anonymous', code: 'OK' })).toBeGreaterThanOrEqual(1);
  });

  it('reports process, event loop, pool, job queue and subscriber figures', async () => {
    await database.query(
      `select graphile_worker.add_job('send_notification', '{}'::json, run_at := now() + interval '1 day')`,
    );
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(sample(text, 'db_pool_connections', { state: 'max' })).toBe(7); // DATABASE_POOL_SIZE
    expect(sample(text, 'db_pool_connections', { state: 'used' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'job_queue_jobs', { state: 'scheduled' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^job_queue_oldest_ready_age_seconds \d/m);
    expect(text).toMatch(/^graphql_live_subscribers 0$/m);
    expect(sample(text, 'audit_partitions_months_ahead', {})).toBe(12);
  });

  it('follows live subscribers and the delivery lag of appointment events', async () => {
    const doctor = await factory.doctor();
    const patient = await factory.patient();
    const subscriber = subscribe(
      wsClient(app, doctor.token),
      'subscription DoctorFeed { appointmentUpdated { kind appointment { id } } }',
    );
    await subscriber.ready;
    await expect.poll(async () => sample(await scrape(), 'graphql_live_subscribers', {})).toBe(1);

    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    expectData(
      await gql(app, `mutation Book($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: start.toISOString(), reason: 'Check-up' } },
      }),
    );
    await expect.poll(() => subscriber.received.length).toBe(1);
    await expect
      .poll(async () => sample(await scrape(), 'appointment_event_delivery_lag_seconds_count', {}) ?? 0)
      .toBeGreaterThanOrEqual(1);
    subscriber.close();
    await expect.poll(async () => sample(await scrape(), 'graphql_live_subscribers', {})).toBe(0);
    const text = await scrape();
    expect(
      sample(text, 'graphql_operations_total', {
        operation: 'DoctorFeed',
        type: 'subscription',
        transport: 'ws',
        code: 'OK',
      }),
    ).toBe(1);
  });
});

describe('request logs', () => {
  it('name the operation, the actor id and role and the outcome, over HTTP and WebSocket alike', async () => {
    const doctor = await factory.doctor({ firstName: 'Quillon' });
    expectData(await gql(app, 'query DoctorHome { me { id } }', { token: doctor.token }));
    const http = lines.find((line) => line['operation'] === 'DoctorHome');
    expect(http).toMatchObject({
      msg: 'graphql operation',
      transport: 'http',
      operationType: 'query',
      actorId: doctor.user.id,
      role: 'DOCTOR',
      outcome: 'OK',
    });
    expect(typeof http?.['requestId']).toBe('string');
    expect(typeof http?.['ms']).toBe('number');

    const client = wsClient(app, doctor.token);
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: 'query OverSocket { me { id } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(result).toMatchObject({ data: { me: { id: doctor.user.id } } });
    await expect
      .poll(() => lines.find((line) => line['operation'] === 'OverSocket'))
      .toMatchObject({
        transport: 'ws',
        operationType: 'query',
        actorId: doctor.user.id,
        role: 'DOCTOR',
        outcome: 'OK',
      });

    const anonymous = wsClient(app);
    await new Promise<unknown>((resolve, reject) => {
      anonymous.subscribe(
        { query: 'query DeniedOverSocket { me { id } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    await expect
      .poll(() => lines.find((line) => line['operation'] === 'DeniedOverSocket'))
      .toMatchObject({
        transport: 'ws',
        role: 'ANONYMOUS',
        outcome: 'UNAUTHENTICATED',
      });

    expectGraphQLError(await gql(app, 'query Anonymous { me { id } }'), 'UNAUTHENTICATED');
    expect(lines.find((line) => line['operation'] === 'Anonymous')).toMatchObject({
      role: 'ANONYMOUS',
      outcome: 'UNAUTHENTICATED',
    });
    expect(JSON.stringify(lines)).not.toContain('Quillon');
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics only on its own port, off the public one', async () => {
    const separate = await startTestApp(database.url, { METRICS_PORT: '0' });
    expect(separate.metricsPort).toBeGreaterThan(0);
    expect((await fetch(`${separate.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${separate.metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^# TYPE graphql_operations_total counter$/m);
    expect((await fetch(`http://127.0.0.1:${separate.metricsPort}/graphql`)).status).toBe(404);
  });
});

describe('TRUST_PROXY', () => {
  async function recordedAddress(target: Application, forwardedFor: string): Promise<string | undefined> {
    const email = `nobody-${Math.random().toString(36).slice(2)}@example.com`;
    await gql(target, `mutation { login(email: "${email}", password: "wrong-password-1") { accessToken } }`, {
      clientAddress: forwardedFor,
    });
    const rows = await database.query<{ address: string }>(
      `select client_address as address from login_failure where email = $1`,
      [email],
    );
    return rows[0]?.address;
  }

  it('believes X-Forwarded-For only from the configured proxies', async () => {
    // The default trusts loopback (a proxy on the same host): the forwarded client counts.
    expect(await recordedAddress(app, '203.0.113.9')).toBe('203.0.113.9');
    // Trusting only the gateway's address: a loopback caller cannot claim another address.
    const gatewayOnly = await startTestApp(database.url, { TRUST_PROXY: '10.9.8.7' });
    expect(await recordedAddress(gatewayOnly, '203.0.113.9')).toMatch(/127\.0\.0\.1$/);
  });
});

describe('routes', () => {
  it('answer unknown paths with 404, never the dashboards', async () => {
    for (const path of ['/metrics/extra', '/api/v1/patients', '/graphqlx', '/nope.js', '/admin.php', '/.env']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/json/);
    }
  });
});

describe('/ready', () => {
  /** Ends the server side of every connection the API opened with this application_name. */
  async function kill(application: string): Promise<number> {
    const rows = await database.query<{ killed: boolean }>(
      `select pg_terminate_backend(pid) as killed from pg_stat_activity
       where application_name = $1 and datname = current_database()`,
      [application],
    );
    return rows.length;
  }

  async function readiness(): Promise<{ status: number; checks: Record<string, boolean> }> {
    const response = await fetch(`${app.url}/ready`);
    const body = (await response.json()) as { checks: Record<string, boolean> };
    return { status: response.status, checks: body.checks };
  }

  it('is 200 with every part up', async () => {
    await expect.poll(readiness).toEqual({
      status: 200,
      checks: { database: true, eventListener: true, jobRunner: true },
    });
  });

  it('is 503 while the event listener (LISTEN connection) is down, and recovers', async () => {
    expect(await kill('healthcare-api-listener')).toBeGreaterThanOrEqual(1);
    // Killed again whenever it reconnects, until /ready has noticed.
    await expect
      .poll(async () => {
        await kill('healthcare-api-listener');
        return readiness();
      })
      .toEqual({ status: 503, checks: { database: true, eventListener: false, jobRunner: true } });
    await expect.poll(readiness, { timeout: 15_000 }).toMatchObject({ status: 200 });
  });

  it('is 503 while the job runner has lost its connection, and recovers', async () => {
    expect(await kill(JOB_RUNNER_APPLICATION)).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => {
        await kill(JOB_RUNNER_APPLICATION);
        return readiness();
      })
      .toMatchObject({ status: 503, checks: { database: true, jobRunner: false } });
    await expect.poll(readiness, { timeout: 15_000 }).toMatchObject({ status: 200 });
  });
});
