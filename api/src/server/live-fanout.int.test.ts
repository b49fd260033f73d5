import { createClient } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { Application } from './bootstrap.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import { verifyDownloadToken } from '../modules/files/file-links.js';
import { publishSessionsEnded } from '../modules/identity/sessions-ended.js';

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const CONFIRM = `mutation ($id: ID!) { confirmAppointment(id: $id) { id } }`;
const EVENTS = `subscription ($after: String) { appointmentUpdated(after: $after) { id cursor kind appointment { id patient { id } } } }`;

interface Event {
  id: string;
  cursor: string;
  kind: string;
  appointment: { id: string; patient: { id: string }; reason?: string | null };
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let doctor: Account<Doctor>;
let hour = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  doctor = await factory.doctor();
});

const nextSlot = () =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (48 + ++hour) * 3_600_000).toISOString();

async function book(patient: Account<Patient>): Promise<string> {
  const result = await gql<{ bookAppointment: { id: string } }>(app, BOOK, {
    variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } },
    token: patient.token,
  });
  return expectData(result).bookAppointment.id;
}

/** A subscription on a socket of its own; `stop` ends the socket. */
function follow(token: string, variables: Record<string, unknown> = {}, query = EVENTS) {
  const received: Event[] = [];
  const errors: GraphQLFormattedError[][] = [];
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  client.subscribe<{ appointmentUpdated: Event }>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) {
          errors.push([...value.errors]);
        }
        if (value.data) {
          received.push(value.data.appointmentUpdated);
        }
      },
      error: (error) => errors.push([{ message: String(error) }]),
      complete: () => undefined,
    },
  );
  return { received, errors, stop: () => client.dispose() };
}

/** The session an access token names (its `sid` claim). */
const sessionIdOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

const sharedGroups = async () =>
  (await app.metrics.registry.getSingleMetric('graphql_live_subscription_groups')!.get()).values[0]?.value;

async function listening(count: number): Promise<void> {
  await expect.poll(() => app.dependencies.events.size, { timeout: 5_000 }).toBe(count);
}

describe('shared execution of live appointment events', () => {
  it('gives two patients with identical documents only their own events; one patient’s two subscriptions share one execution', async () => {
    const [alice, bob] = await Promise.all([factory.patient(), factory.patient()]);
    const alice1 = follow(alice.token);
    const alice2 = follow(alice.token);
    const bobs = follow(bob.token);
    await listening(3);
    // Alice's two subscriptions are one caller with one document; Bob is another caller.
    expect(await sharedGroups()).toBe(2);

    const aliceVisit = await book(alice);
    const bobVisit = await book(bob);
    expectData(await gql(app, CONFIRM, { variables: { id: aliceVisit }, token: doctor.token }));

    for (const own of [alice1, alice2]) {
      await expect.poll(() => own.received.length, { timeout: 5_000 }).toBe(2);
    }
    await expect.poll(() => bobs.received.length, { timeout: 5_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing else arrives
    for (const own of [alice1, alice2]) {
      expect(own.errors).toEqual([]);
      expect(own.received.map((event) => [event.kind, event.appointment.id, event.appointment.patient.id])).toEqual([
        ['BOOKED', aliceVisit, alice.profile.id],
        ['CONFIRMED', aliceVisit, alice.profile.id],
      ]);
    }
    expect(bobs.received.map((event) => [event.kind, event.appointment.id, event.appointment.patient.id])).toEqual([
      ['BOOKED', bobVisit, bob.profile.id],
    ]);
    await Promise.all([alice1.stop(), alice2.stop(), bobs.stop()]);
    await listening(0);
    expect(await sharedGroups()).toBe(0);
  });

  it('shares one execution between one person’s sessions unless the selection is signed per session (a download link)', async () => {
    const patient = await factory.patient();
    const visit = await factory.appointment(patient.profile, doctor.profile, { status: AppointmentStatus.REQUESTED });
    const record = await factory.record(patient.profile, doctor.profile, visit);
    const attachment = await factory.attachment(record, doctor.user);
    // Two sign-ins of one patient: two sessions, two tokens.
    const sessions = [factory.token(patient.user), factory.token(patient.user)];
    const LINKS = `subscription { appointmentUpdated { kind appointment { id medicalRecords { attachments { id downloadUrl } } } } }`;
    const plain = sessions.map((token) => follow(token));
    const links = sessions.map((token) => follow(token, {}, LINKS));
    await listening(4);
    // The plain document: one group for both sessions; the download links: one group per session.
    expect(await sharedGroups()).toBe(3);

    expectData(await gql(app, CONFIRM, { variables: { id: visit.id }, token: doctor.token }));
    for (const member of [...plain, ...links]) {
      await expect.poll(() => member.received.length, { timeout: 5_000 }).toBe(1);
      expect(member.errors).toEqual([]);
    }
    // The same selection: the same message to both sessions.
    expect(plain[0]!.received).toEqual(plain[1]!.received);
    expect(plain[0]!.received[0]).toMatchObject({ kind: 'CONFIRMED', appointment: { id: visit.id } });
    // Each session's link is signed for that session alone.
    const linkOf = (member: (typeof links)[number]) => {
      const appointment = member.received[0]!.appointment as unknown as {
        medicalRecords: { attachments: { id: string; downloadUrl: string }[] }[];
      };
      const [only] = appointment.medicalRecords.flatMap((each) => each.attachments);
      expect(only?.id).toBe(attachment.id);
      // `…/files/download/<token>`
      return only!.downloadUrl.split('/').at(-1)!;
    };
    const [first, second] = links.map(linkOf) as [string, string];
    expect(first).not.toBe(second);
    const sessionOf = (token: string) => {
      const claims = verifyDownloadToken(app.settings.jwtSecret, token);
      return claims?.kind === 'user' ? claims.sessionId : undefined;
    };
    const sessionIds = sessions.map(sessionIdOf);
    expect([sessionOf(first), sessionOf(second)]).toEqual(sessionIds);
    await Promise.all(
      [...plain, ...links].map(async (member) => {
        await member.stop();
      }),
    );
    await listening(0);
  });

  it('ends one session of a shared group alone: its socket closes, the other session goes on receiving', async () => {
    const patient = await factory.patient();
    const [ending, staying] = [factory.token(patient.user), factory.token(patient.user)];
    const ended = follow(ending);
    const stays = follow(staying);
    await listening(2);
    expect(await sharedGroups()).toBe(1);
    await publishSessionsEnded(app.orm.em.fork(), { userId: patient.user.id, sessionId: sessionIdOf(ending) });
    await listening(1);
    expect(await sharedGroups()).toBe(1);
    const visit = await book(patient);
    await expect.poll(() => stays.received.map((event) => event.appointment.id), { timeout: 5_000 }).toEqual([visit]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ended.received).toEqual([]);
    expect(stays.errors).toEqual([]);
    await Promise.all([ended.stop(), stays.stop()]);
    await listening(0);
  });

  it('shares one group between a replaying and a live subscription of one caller: each gets every event once, in order', async () => {
    const [admin, patient] = await Promise.all([factory.admin(), factory.patient()]);
    const first = await book(patient);
    const live = follow(admin.token);
    await listening(1);
    expectData(await gql(app, CONFIRM, { variables: { id: first }, token: doctor.token }));
    // A live subscription starts where this process's event feed stands: the first booking's own
    // event may still be on its way then, and arrive too. Only what follows it is asserted.
    const confirmed = () => live.received.find((event) => event.kind === 'CONFIRMED');
    await expect.poll(confirmed, { timeout: 5_000 }).toBeDefined();
    const cursor = confirmed()!.cursor;
    const since = () => live.received.slice(live.received.indexOf(confirmed()!));

    // Resumes from the confirmation: nothing to replay yet, then changes committed while both listen.
    const resumed = follow(admin.token, { after: cursor });
    await listening(2);
    expect(await sharedGroups()).toBe(1);
    const second = await book(patient);
    const third = await book(patient);
    await expect.poll(() => resumed.received.length, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => since().length, { timeout: 5_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.received.map((event) => event.appointment.id)).toEqual([second, third]);
    expect(since().map((event) => [event.kind, event.appointment.id])).toEqual([
      ['CONFIRMED', first],
      ['BOOKED', second],
      ['BOOKED', third],
    ]);
    expect([...live.errors, ...resumed.errors]).toEqual([]);
    await Promise.all([live.stop(), resumed.stop()]);
    await listening(0);
  });

  it('answers a field the caller may not see with that operation’s own error, and goes on', async () => {
    const [admin, patient] = await Promise.all([factory.admin(), factory.patient()]);
    // The visit reason is clinical: administrators get FORBIDDEN for it, event by event.
    const query = `subscription { appointmentUpdated { id appointment { id reason } } }`;
    const one = follow(admin.token, {}, query);
    const two = follow(admin.token, {}, query);
    await listening(2);
    expect(await sharedGroups()).toBe(1);
    const visits = [await book(patient), await book(patient)];
    for (const member of [one, two]) {
      await expect.poll(() => member.errors.length, { timeout: 5_000 }).toBe(2);
      expect(member.errors.flat().map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(
        member.errors.flat().every((error) => error.path?.join('.') === 'appointmentUpdated.appointment.reason'),
      ).toBe(true);
    }
    // The socket and the operation stayed open: both events came, each with its error.
    expect(one.received.map((event) => event.appointment.id)).toEqual(visits);
    expect(two.received.map((event) => event.appointment.id)).toEqual(visits);
    await Promise.all([one.stop(), two.stop()]);
  });

  it('runs each caller’s own checks through the compiled document: the doctor and the patient read the reason, the administrator is refused', async () => {
    const [admin, patient] = await Promise.all([factory.admin(), factory.patient()]);
    const query = `subscription { appointmentUpdated { kind appointment { id reason } } }`;
    const ofDoctor = follow(doctor.token, {}, query);
    const ofAdmin = follow(admin.token, {}, query);
    const ofPatient = [follow(patient.token, {}, query), follow(patient.token, {}, query)];
    await listening(4);
    // Three callers with one document: three groups, one compiled document run three times.
    expect(await sharedGroups()).toBe(3);
    const booked = await gql<{ bookAppointment: { id: string } }>(app, BOOK, {
      variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot(), reason: 'Recurring headaches' } },
      token: patient.token,
    });
    const visit = expectData(booked).bookAppointment.id;
    for (const member of [ofDoctor, ...ofPatient]) {
      await expect.poll(() => member.received.length, { timeout: 5_000 }).toBe(1);
      expect(member.received[0]!.appointment).toEqual({ id: visit, reason: 'Recurring headaches' });
      expect(member.errors).toEqual([]);
    }
    await expect.poll(() => ofAdmin.errors.length, { timeout: 5_000 }).toBe(1);
    expect(ofAdmin.received.map((event) => event.appointment)).toEqual([{ id: visit, reason: null }]);
    expect(ofAdmin.errors[0]).toEqual([
      expect.objectContaining({
        path: ['appointmentUpdated', 'appointment', 'reason'],
        locations: [{ line: 1, column: 59 }],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }) as unknown,
      }),
    ]);
    await Promise.all([ofDoctor.stop(), ofAdmin.stop(), ...ofPatient.map((member) => member.stop())]);
    await listening(0);
  });
});
