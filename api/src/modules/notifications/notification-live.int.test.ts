import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { subscribe, wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const LIVE = 'subscription { notificationReceived { id kind title body labOrderId readAt } }';
const ORDER = `mutation ($input: OrderLabTestsInput!) { orderLabTests(input: $input) { id } }`;
const RECORD = `mutation ($orderId: ID!, $results: [LabResultInput!]!) {
  recordLabResults(orderId: $orderId, results: $results) { id status } }`;
const NOTIFICATIONS = '{ notifications(first: 20) { edges { node { id kind } } } }';

interface Received {
  notificationReceived: {
    id: string;
    kind: string;
    title: string;
    body: string;
    labOrderId: string | null;
    readAt: string | null;
  };
}

let database: TestDatabase;
let app: Application;
let otherProcess: Application;
let factory: Factory;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let otherDoctor: Account<Doctor>;
let otherPatient: Account<Patient>;

beforeAll(async () => {
  database = await createTestDatabase();
  [app, otherProcess] = await Promise.all([startTestApp(database.url), startTestApp(database.url)]);
  factory = new Factory(app);
  [patient, doctor, otherDoctor, otherPatient] = await Promise.all([
    factory.patient({ firstName: 'Lena' }),
    factory.doctor({ lastName: 'Okafor' }),
    factory.doctor(),
    factory.patient(),
  ]);
  await factory.appointment(patient.profile, doctor.profile);
}, 120_000);

describe('notificationReceived', () => {
  it('brings a critical lab result to the ordering doctor and "results ready" to the patient, live, on another process', async () => {
    const doctorLive = subscribe<Received>(wsClient(otherProcess, doctor.token), LIVE);
    const patientLive = subscribe<Received>(wsClient(otherProcess, patient.token), LIVE);
    const strangers = [
      subscribe<Received>(wsClient(otherProcess, otherDoctor.token), LIVE),
      subscribe<Received>(wsClient(app, otherPatient.token), LIVE),
    ];
    await Promise.all([doctorLive, patientLive, ...strangers].map((live) => live.ready));
    await expect.poll(() => otherProcess.dependencies.notifications.size, { timeout: 5_000 }).toBe(3);

    const placed = expectData(
      await gql<{ orderLabTests: { id: string } }>(app, ORDER, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, tests: [{ code: '2823-3' }] } },
      }),
    ).orderLabTests;
    expectData(
      await gql(app, RECORD, {
        token: doctor.token,
        variables: { orderId: placed.id, results: [{ code: '2823-3', value: '6.5', unit: 'mmol/L' }] },
      }),
    );

    await expect.poll(() => doctorLive.received.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => patientLive.received.length, { timeout: 10_000 }).toBe(1);
    const toDoctor = doctorLive.received[0]!.notificationReceived;
    expect(toDoctor).toMatchObject({
      kind: 'LAB_RESULT_CRITICAL',
      title: 'Critical lab result',
      labOrderId: placed.id,
      readAt: null,
    });
    // The same row the doctor's list shows; no value or test name in what is pushed.
    const listed = expectData(
      await gql<{ notifications: { edges: { node: { id: string; kind: string } }[] } }>(app, NOTIFICATIONS, {
        token: doctor.token,
      }),
    ).notifications.edges.map((edge) => edge.node);
    expect(listed).toContainEqual({ id: toDoctor.id, kind: 'LAB_RESULT_CRITICAL' });
    expect(JSON.stringify(toDoctor)).not.toMatch(/6\.5|Potassium|CRITICAL_HIGH/);
    expect(patientLive.received[0]!.notificationReceived).toMatchObject({
      kind: 'LAB_RESULTS_READY',
      labOrderId: placed.id,
    });

    // Nobody else hears anything (give a stray delivery time to arrive).
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const stranger of strangers) {
      expect(stranger.received).toEqual([]);
      expect(stranger.errors).toEqual([]);
    }
    expect(doctorLive.received).toHaveLength(1);
    expect(patientLive.received).toHaveLength(1);
  });

  it('refuses an anonymous subscriber with an error for the operation, and keeps the socket open', async () => {
    const client = wsClient(app);
    const live = subscribe<Received>(client, LIVE);
    await live.ready;
    await expect.poll(() => live.errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(JSON.stringify(live.errors)).toContain('UNAUTHENTICATED');
    expect(live.received).toEqual([]);
  });
});
