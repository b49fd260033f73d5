import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { subscribe, wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const EVENTS = `subscription ($p: ID) { appointmentUpdated(patientId: $p) { kind at appointment { id status patient { id } } } }`;

interface EventData {
  appointmentUpdated: { kind: string; appointment: { id: string; status: string; patient: { id: string } } };
}

let database: TestDatabase;
/** Two API processes' worth of server (own pools, own LISTEN connections) on one database. */
let processA: Application;
let processB: Application;
let factory: Factory;
let doctor: Account<Doctor>;
let hour = 0;

/** A distinct future half hour for each test. */
const nextSlot = () =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (48 + ++hour) * 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  [processA, processB] = await Promise.all([startTestApp(database.url), startTestApp(database.url)]);
  factory = new Factory(processA);
  doctor = await factory.doctor();
});

describe('one slot, fifty patients, two API processes', () => {
  it('lets exactly one booking through; the other 49 get CONFLICT, never an internal error', async () => {
    const startsAt = nextSlot();
    const patients: Account<Patient>[] = await Promise.all(Array.from({ length: 50 }, () => factory.patient()));
    const results = await Promise.all(
      patients.map((patient, index) =>
        gql(index % 2 === 0 ? processA : processB, BOOK, {
          variables: { input: { doctorId: doctor.profile.id, startsAt } },
          token: patient.token,
        }),
      ),
    );
    const codes = results.map((result) => result.errors?.[0]?.extensions.code ?? 'BOOKED');
    expect(codes.filter((code) => code === 'BOOKED')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(49);
    const active = await database.query(
      `select id from appointment where doctor_id = $1 and starts_at = $2 and status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN')`,
      [doctor.profile.id, startsAt],
    );
    expect(active).toHaveLength(1);
  });
});

describe('live appointment updates across processes', () => {
  it('reach a subscriber on process B within a second of a booking committed through process A — and only those allowed', async () => {
    const [booker, bystander, admin] = await Promise.all([factory.patient(), factory.patient(), factory.admin()]);
    const asDoctor = subscribe<EventData>(wsClient(processB, doctor.token), EVENTS);
    const asBystander = subscribe<EventData>(wsClient(processB, bystander.token), EVENTS);
    const asBystanderSnooping = subscribe<EventData>(wsClient(processB, bystander.token), EVENTS, {
      p: booker.profile.id,
    });
    const asAdmin = subscribe<EventData>(wsClient(processB, admin.token), EVENTS);
    const asBooker = subscribe<EventData>(wsClient(processA, booker.token), EVENTS);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBe(4);
    await expect.poll(() => processA.dependencies.events.size, { timeout: 5_000 }).toBe(1);

    const committedAt = Date.now();
    const booked = expectData(
      await gql<{ bookAppointment: { id: string } }>(processA, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } },
        token: booker.token,
      }),
    ).bookAppointment;

    await expect.poll(() => asDoctor.received.length, { timeout: 1_000, interval: 10 }).toBe(1);
    expect(Date.now() - committedAt).toBeLessThan(1_000);
    expect(asDoctor.received[0]!.appointmentUpdated).toMatchObject({
      kind: 'BOOKED',
      appointment: { id: booked.id, status: 'REQUESTED' },
    });
    await expect.poll(() => asAdmin.received.length, { timeout: 1_000 }).toBe(1);
    await expect.poll(() => asBooker.received.length, { timeout: 1_000 }).toBe(1);

    // The doctor confirms through process B; the patient's subscriber on process A sees it.
    expectData(
      await gql(processB, `mutation ($id: ID!) { confirmAppointment(id: $id) { id } }`, {
        variables: { id: booked.id },
        token: doctor.token,
      }),
    );
    await expect
      .poll(() => asBooker.received.map((event) => event.appointmentUpdated.kind), { timeout: 1_000 })
      .toEqual(['BOOKED', 'CONFIRMED']);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asBystander.received).toEqual([]);
    expect(asBystanderSnooping.received).toEqual([]);
    expect([...asDoctor.errors, ...asBooker.errors, ...asAdmin.errors]).toEqual([]);
  });

  it('publishes nothing for a change that rolled back', async () => {
    const patient = await factory.patient();
    const watcher = subscribe<EventData>(wsClient(processB, doctor.token), EVENTS);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    const startsAt = nextSlot();
    const booked = Date.now();
    expectData(
      await gql(processA, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt } },
        token: patient.token,
      }),
    );
    // The committed booking arrives first (however long the way between processes takes now)…
    await expect.poll(() => watcher.received.length, { timeout: 5_000 }).toBe(1);
    const way = Date.now() - booked;
    const other = await factory.patient();
    const refused = await gql(processA, BOOK, {
      variables: { input: { doctorId: doctor.profile.id, startsAt } },
      token: other.token,
    });
    expect(refused.errors?.[0]?.extensions.code).toBe('CONFLICT');
    // …and the refused one, rolled back, sends nothing in twice that time.
    await new Promise((resolve) => setTimeout(resolve, Math.max(300, 2 * way)));
    expect(watcher.received.map((event) => event.appointmentUpdated.kind)).toEqual(['BOOKED']);
  });

  it('refuses a WebSocket whose token is not valid, and closes the sockets of a deactivated user', async () => {
    const rejected = subscribe<EventData>(wsClient(processB, 'not-a-token'), EVENTS);
    await expect.poll(() => rejected.errors.length, { timeout: 2_000 }).toBeGreaterThan(0);

    const [patient, admin] = await Promise.all([factory.patient(), factory.admin()]);
    const client = wsClient(processB, patient.token);
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    subscribe<EventData>(client, EVENTS);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    expectData(
      await gql(processA, `mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, {
        variables: { id: patient.user.id },
        token: admin.token,
      }),
    );
    expect(await closed).toBe(4403);
  });

  it('closes a subscriber’s socket when its access token expires', async () => {
    const patient = await factory.patient();
    const shortLived = jwt.sign({ role: 'PATIENT', sid: randomUUID() }, processB.settings.jwtSecret, {
      algorithm: 'HS256',
      subject: patient.user.id,
      issuer: 'healthcare-api',
      audience: 'healthcare-clients',
      expiresIn: 2,
    });
    const client = wsClient(processB, shortLived);
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    subscribe<EventData>(client, EVENTS);
    expect(await closed).toBe(4401);
  });
});
