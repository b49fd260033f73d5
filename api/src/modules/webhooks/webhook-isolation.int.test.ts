import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';

/** Longer than the whole test: an attempt to the hanging receiver never ends on its own while we look. */
const TIMEOUT_MS = 30_000;

/**
 * A real HTTP receiver that takes each request and never answers (a dead or overloaded partner):
 * it counts the requests in flight per path, and the most ever in flight at once per path.
 */
async function hangingReceiver() {
  const open = new Map<string, number>();
  const most = new Map<string, number>();
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    const now = (open.get(path) ?? 0) + 1;
    open.set(path, now);
    most.set(path, Math.max(most.get(path) ?? 0, now));
    seen.set(path, (seen.get(path) ?? 0) + 1);
    response.on('close', () => open.set(path, (open.get(path) ?? 1) - 1));
    request.resume();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    for (const socket of sockets) {
      socket.destroy();
    }
  };
  afterAll(() => {
    release();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const inFlight = () => [...open.values()].reduce((sum, count) => sum + count, 0);
  return { base: `http://127.0.0.1:${port}`, open, most, seen, inFlight, release };
}

/** A real HTTP receiver that answers 204 at once; keeps the `webhook-id` of each delivery. */
async function healthyReceiver() {
  const ids: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      ids.push(String(request.headers['webhook-id']));
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ok`, ids };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let database: TestDatabase;
let app: Application;
let smtp: TestSmtpServer;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let clock = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, {
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://clinic.example',
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    // Three webhook workers: two dead endpoints take one each (their queues), the third stays free.
    WEBHOOK_CONCURRENCY: '3',
  });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
});

const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`;

/** One CONFIRMED event, committed through the API; answers its id. */
async function confirmedEvent(): Promise<string> {
  const appointment = await factory.appointment((await factory.patient()).profile, doctor.profile, {
    status: AppointmentStatus.REQUESTED,
    startsAt: new Date(Math.ceil(Date.now() / 1_800_000) * 1_800_000 + 300 * 86_400_000 + ++clock * 1_800_000),
  });
  expectData(
    await gql(app, 'mutation ($id: ID!) { confirmAppointment(id: $id) { status } }', {
      token: doctor.token,
      variables: { id: appointment.id },
    }),
  );
  const [change] = await database.query<{ id: string }>(
    `select id from appointment_change where appointment_id = $1 and kind = 'CONFIRMED'`,
    [appointment.id],
  );
  return change!.id;
}

describe('webhook calls that hang', () => {
  it('hold one worker per endpoint, never the e-mail workers: a password reset is mailed and a healthy endpoint served meanwhile', async () => {
    const dead = await hangingReceiver();
    const healthy = await healthyReceiver();
    for (const url of [`${dead.base}/a`, `${dead.base}/b`, healthy.url]) {
      expectData(await gql(app, CREATE, { token: admin.token, variables: { input: { url, events: ['CONFIRMED'] } } }));
    }
    // Three events: three deliveries queued for each dead endpoint, three for the healthy one.
    const events = [await confirmedEvent(), await confirmedEvent(), await confirmedEvent()];
    await until('both dead endpoints to be called', () => dead.open.get('/a') === 1 && dead.open.get('/b') === 1);

    // The healthy endpoint gets every event while the other two hang.
    await until('the healthy endpoint to get every event', () => events.every((id) => healthy.ids.includes(id)));

    // And the mail workers are free: a password reset goes out well before any hanging call could time out.
    const patient = await factory.patient();
    const asked = Date.now();
    expectData(
      await gql(app, 'mutation ($e: String!) { requestPasswordReset(email: $e) }', {
        variables: { e: patient.user.email },
      }),
    );
    await smtp.waitFor((mail) => mail.to.includes(patient.user.email), 15_000);
    expect(Date.now() - asked).toBeLessThan(TIMEOUT_MS);
    // Still hanging when the mail arrived: one call per dead endpoint, never two at once.
    expect(dead.inFlight()).toBe(2);
    expect(dead.most.get('/a')).toBe(1);
    expect(dead.most.get('/b')).toBe(1);
    const [queued] = await database.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'webhook_deliver' and locked_at is null`,
    );
    expect(queued!.n).toBeGreaterThanOrEqual(4); // the other deliveries to /a and /b wait their turn

    // Once the receiver drops the calls, each endpoint's next delivery is tried, still one at a time.
    expect(dead.seen.get('/a')).toBe(1);
    dead.release();
    await until('the next deliveries to /a and /b', () => dead.seen.get('/a')! >= 2 && dead.seen.get('/b')! >= 2);
    expect(dead.most.get('/a')).toBe(1);
    expect(dead.most.get('/b')).toBe(1);
  }, 90_000);
});
