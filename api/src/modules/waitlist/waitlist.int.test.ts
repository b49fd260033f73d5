import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const JOIN = `mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id status from to specialization doctor { id } offer { id } } }`;
const MINE = `{ myWaitlist { id status offer { id doctorId startsAt expiresAt } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptWaitlistOffer(id: $id) { id status startsAt patient { id } } }`;
const LEAVE = `mutation ($id: ID!) { leaveWaitlist(id: $id) { id status } }`;
const CANCEL = `mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Doctor unwell") { id } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const DOCTOR_LIST = `query ($d: ID!) { doctorWaitlist(doctorId: $d) { id status patientName specialization offer { expiresAt } } }`;

interface Entry {
  id: string;
  status: string;
  offer: { id: string; doctorId: string; startsAt: string; expiresAt: string } | null;
}

/** Offers here last six seconds, so the test sees the next patient get the slot. */
const OFFER_MINUTES = 0.1;

let database: TestDatabase;
let app: Application;
let smtp: TestSmtpServer;
let factory: Factory;
let admin: Account<null>;
let hour = 0;

const nextSlot = () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (72 + ++hour) * 3_600_000);
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url, WAITLIST_OFFER_MINUTES: String(OFFER_MINUTES) });
  factory = new Factory(app);
  admin = await factory.admin();
});

/** The only slot of the window [startsAt, +30 min) for `doctor`, booked by a patient; its id. */
async function bookedSlot(doctor: Account<Doctor>, startsAt: Date): Promise<string> {
  const holder = await factory.patient();
  const appointment = await factory.appointment(holder.profile, doctor.profile, {
    startsAt,
    status: AppointmentStatus.CONFIRMED,
    reason: 'Chest pain when climbing stairs',
  });
  return appointment.id;
}

const join = (patient: Account<Patient>, input: Record<string, unknown>) =>
  gql<{ joinWaitlist: Entry }>(app, JOIN, { token: patient.token, variables: { input } });

async function mine(patient: Account<Patient>): Promise<Entry[]> {
  return expectData(await gql<{ myWaitlist: Entry[] }>(app, MINE, { token: patient.token })).myWaitlist;
}

/** Weekly hours 08:00–16:00 (the doctor's zone) on the weekday of `at`. */
async function openHoursAround(doctor: Account<Doctor>, at: Date): Promise<void> {
  expectData(
    await gql(
      app,
      `mutation ($d: ID!, $r: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $d, rules: $r) { id } }`,
      {
        token: admin.token,
        variables: {
          d: doctor.profile.id,
          r: [{ weekday: ((at.getUTCDay() + 6) % 7) + 1, startTime: '08:00', endTime: '16:00', slotMinutes: 30 }],
        },
      },
    ),
  );
}

const cancel = (appointmentId: string) => gql(app, CANCEL, { token: admin.token, variables: { id: appointmentId } });

describe('joinWaitlist', () => {
  it('refuses a window that ends before it starts, lies in the past, or is too long; and an unknown specialisation', async () => {
    const [patient, doctor] = await Promise.all([factory.patient(), factory.doctor()]);
    const at = nextSlot();
    const cases: [Record<string, unknown>, string][] = [
      [{ doctorId: doctor.profile.id, from: at, to: at }, 'input.to'],
      [{ doctorId: doctor.profile.id, from: plus(new Date(), -120), to: plus(new Date(), -60) }, 'input.to'],
      [{ doctorId: doctor.profile.id, from: at, to: plus(at, 32 * 24 * 60) }, 'input.to'],
      [{ specialization: 'Astrology', from: at, to: plus(at, 60) }, 'input.specialization'],
      [{ doctorId: doctor.profile.id, specialization: 'Cardiology', from: at, to: plus(at, 60) }, 'input'],
      [{ from: at, to: plus(at, 60) }, 'input'],
    ];
    for (const [input, field] of cases) {
      const error = expectGraphQLError(await join(patient, input), 'BAD_USER_INPUT');
      expect(error.extensions.fields?.[0]?.field).toBe(field);
    }
  });

  it('refuses a second place for the same doctor', async () => {
    const [patient, doctor] = await Promise.all([factory.patient(), factory.doctor()]);
    const at = nextSlot();
    await bookedSlot(doctor, at);
    expectData(await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    const again = expectGraphQLError(
      await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }),
      'CONFLICT',
    );
    expect(again.extensions['reason']).toBe('ALREADY_WAITING');
  });

  it('offers a slot already free in the window at once', async () => {
    const [patient, doctor] = await Promise.all([factory.patient(), factory.doctor()]);
    const at = nextSlot();
    const entry = expectData(
      await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }),
    ).joinWaitlist;
    expect(entry.status).toBe('OFFERED');
    expect(entry.offer).not.toBeNull();
  });
});

describe('the offer chain', () => {
  it('offers a freed slot to the first patient waiting, then to the next when the offer runs out', async () => {
    const doctor = await factory.doctor({ specialization: 'Cardiology' });
    const at = nextSlot();
    const appointmentId = await bookedSlot(doctor, at);
    const first = await factory.patient();
    const second = await factory.patient();
    const stranger = await factory.patient();
    expect(
      expectData(await join(first, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) })).joinWaitlist,
    ).toMatchObject({ status: 'WAITING', offer: null });
    // The second waits for the specialisation: any cardiologist will do.
    expectData(await join(second, { specialization: 'cardiology', from: at, to: plus(at, 30) }));

    expectData(await cancel(appointmentId));
    const [offered] = await mine(first);
    expect(offered).toMatchObject({
      status: 'OFFERED',
      offer: { doctorId: doctor.profile.id, startsAt: at.toISOString() },
    });
    expect((await mine(second))[0]).toMatchObject({ status: 'WAITING', offer: null });
    // Held for the first patient: nobody else may book it meanwhile.
    const taken = expectGraphQLError(
      await gql(app, BOOK, {
        token: stranger.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: at.toISOString() } },
      }),
      'CONFLICT',
    );
    expect(taken.extensions['reason']).toBe('SLOT_HELD');

    // The in-app notification and the e-mail: who and when, nothing medical.
    const [notice] = await database.query<{ title: string; body: string }>(
      `select title, body from notification where user_id = $1 and kind = 'WAITLIST_OFFER'`,
      [first.user.id],
    );
    expect(notice!.body).toContain(doctor.profile.lastName);
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(first.user.email));
    const text = mailText(mail);
    expect(text).toContain('held for you until');
    expect(text).toContain(doctor.profile.lastName);
    for (const medical of ['Chest pain', 'Cardiology', 'Asthma', 'Penicillin']) {
      expect(mail.raw).not.toContain(medical);
    }

    // The offer runs out unanswered: the slot-freed job passes it to the next patient.
    await expect.poll(async () => (await mine(second))[0]?.status, { timeout: 30_000, interval: 500 }).toBe('OFFERED');
    expect((await mine(first))[0]).toMatchObject({ status: 'EXPIRED', offer: null });
    expect(
      expectGraphQLError(await gql(app, ACCEPT, { token: first.token, variables: { id: offered!.id } }), 'CONFLICT'),
    ).toBeTruthy();

    const secondEntry = (await mine(second))[0]!;
    const appointment = expectData(
      await gql<{ acceptWaitlistOffer: { status: string; startsAt: string; patient: { id: string } } }>(app, ACCEPT, {
        token: second.token,
        variables: { id: secondEntry.id },
      }),
    ).acceptWaitlistOffer;
    expect(appointment).toMatchObject({
      status: 'REQUESTED',
      startsAt: at.toISOString(),
      patient: { id: second.profile.id },
    });
    expect((await mine(second))[0]).toMatchObject({ status: 'BOOKED', offer: null });
  }, 60_000);

  it('passes a declined offer (leaveWaitlist) to the next patient at once', async () => {
    const doctor = await factory.doctor();
    const at = nextSlot();
    const appointmentId = await bookedSlot(doctor, at);
    const [first, second] = [await factory.patient(), await factory.patient()];
    const entry = expectData(
      await join(first, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }),
    ).joinWaitlist;
    expectData(await join(second, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    expectData(await cancel(appointmentId));
    expect((await mine(first))[0]!.status).toBe('OFFERED');

    expectGraphQLError(await gql(app, LEAVE, { token: second.token, variables: { id: entry.id } }), 'NOT_FOUND');
    expect(
      expectData(await gql<{ leaveWaitlist: Entry }>(app, LEAVE, { token: first.token, variables: { id: entry.id } }))
        .leaveWaitlist.status,
    ).toBe('CANCELLED');
    expect((await mine(second))[0]).toMatchObject({ status: 'OFFERED', offer: { startsAt: at.toISOString() } });
  });

  it('counts a booking of the offered slot by bookAppointment as accepting it', async () => {
    const doctor = await factory.doctor();
    const at = nextSlot();
    const appointmentId = await bookedSlot(doctor, at);
    const patient = await factory.patient();
    expectData(await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    expectData(await cancel(appointmentId));
    const offer = (await mine(patient))[0]!.offer!;
    expectData(
      await gql(app, BOOK, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: at.toISOString(), holdId: offer.id } },
      }),
    );
    expect((await mine(patient))[0]).toMatchObject({ status: 'BOOKED', offer: null });
  });

  it('offers time that new working hours open', async () => {
    // No hours on any day yet.
    const doctor = await factory.doctor({}, []);
    const patient = await factory.patient();
    // 10:00 UTC, days ahead: 11:00 or 12:00 in the doctor's zone (Berlin), on the same weekday.
    const today = new Date();
    const at = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 5, 10));
    expect(
      expectData(await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) })).joinWaitlist,
    ).toMatchObject({ status: 'WAITING' });
    await openHoursAround(doctor, at);
    await expect.poll(async () => (await mine(patient))[0]?.status, { timeout: 20_000, interval: 500 }).toBe('OFFERED');
  }, 40_000);
});

describe('every path that frees a slot', () => {
  const RESOLVE = `mutation ($r: [AffectedAppointmentResolutionInput!]!) {
    resolveAffectedAppointments(resolutions: $r) { id startsAt doctor { id } } }`;

  it('offers the slot an administrator frees by moving the visit to another doctor — to those waiting for the old one', async () => {
    const [doctor, colleague] = await Promise.all([factory.doctor(), factory.doctor()]);
    const at = nextSlot();
    const appointmentId = await bookedSlot(doctor, at);
    const [waitingForOld, waitingForNew] = [await factory.patient(), await factory.patient()];
    expect(
      expectData(await join(waitingForOld, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) })).joinWaitlist
        .status,
    ).toBe('WAITING');
    // The colleague's next slot is booked, so once the visit moves in nothing of theirs in the window is free.
    await bookedSlot(colleague, plus(at, 30));
    expectData(
      await gql(app, RESOLVE, {
        token: admin.token,
        variables: {
          r: [{ appointmentId, action: 'MOVE', doctorId: colleague.profile.id, startsAt: at.toISOString() }],
        },
      }),
    );
    const [offered] = await mine(waitingForOld);
    expect(offered).toMatchObject({
      status: 'OFFERED',
      offer: { doctorId: doctor.profile.id, startsAt: at.toISOString() },
    });
    // Someone waiting for the new doctor at that time gets nothing: the moved visit holds it now.
    expect(
      expectData(await join(waitingForNew, { doctorId: colleague.profile.id, from: at, to: plus(at, 60) })).joinWaitlist
        .status,
    ).toBe('WAITING');
    const [notice] = await database.query<{ n: number }>(
      `select count(*)::int as n from notification where user_id = $1 and kind = 'WAITLIST_OFFER'`,
      [waitingForOld.user.id],
    );
    expect(notice!.n).toBe(1);
  });

  it('offers what a batch of resolutions frees only once all are in: a visit moved into a cancelled one’s time keeps it', async () => {
    const doctor = await factory.doctor();
    const at = nextSlot();
    const later = plus(at, 60);
    const [cancelledId, movedId] = [await bookedSlot(doctor, at), await bookedSlot(doctor, later)];
    // The slot between them is booked too: nothing in the window is free yet.
    await bookedSlot(doctor, plus(at, 30));
    const patient = await factory.patient();
    // The patient would take any time of the three; the earliest, freed by the cancellation, goes to the moved visit.
    expect(
      expectData(await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(later, 30) })).joinWaitlist
        .status,
    ).toBe('WAITING');
    const resolved = expectData(
      await gql<{ resolveAffectedAppointments: { id: string; startsAt: string }[] }>(app, RESOLVE, {
        token: admin.token,
        variables: {
          r: [
            { appointmentId: movedId, action: 'MOVE', startsAt: at.toISOString() },
            { appointmentId: cancelledId, action: 'CANCEL', reason: 'The doctor is needed elsewhere' },
          ],
        },
      }),
    ).resolveAffectedAppointments;
    expect(resolved[0]).toMatchObject({ id: movedId, startsAt: at.toISOString() });
    expect((await mine(patient))[0]).toMatchObject({ status: 'OFFERED', offer: { startsAt: later.toISOString() } });
  });

  it('offers the time of a doctor whose account is reactivated', async () => {
    const doctor = await factory.doctor({}, []);
    const patient = await factory.patient();
    const today = new Date();
    const at = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 6, 10));
    expectData(await join(patient, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    expectData(
      await gql(app, `mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, {
        token: admin.token,
        variables: { id: doctor.user.id },
      }),
    );
    await openHoursAround(doctor, at);
    // The new hours' job finds the doctor away: nothing is offered.
    const pending = async () =>
      (
        await database.query<{ n: number }>(
          `select count(*)::int as n from graphile_worker._private_jobs p join graphile_worker._private_tasks t on t.id = p.task_id
            where t.identifier = 'slot-freed' and p.payload->>'doctorId' = $1`,
          [doctor.profile.id],
        )
      )[0]!.n;
    await expect.poll(pending, { timeout: 20_000, interval: 200 }).toBe(0);
    expect((await mine(patient))[0]!.status).toBe('WAITING');
    expectData(
      await gql(app, `mutation ($id: ID!) { reactivateUser(id: $id) { id } }`, {
        token: admin.token,
        variables: { id: doctor.user.id },
      }),
    );
    await expect.poll(async () => (await mine(patient))[0]?.status, { timeout: 20_000, interval: 300 }).toBe('OFFERED');
  }, 60_000);
});

describe('doctorWaitlist', () => {
  it('shows the doctor and administrators who waits, by name, in queue order; not other doctors', async () => {
    const [doctor, otherDoctor] = await Promise.all([
      factory.doctor(),
      factory.doctor({ specialization: 'Dermatology' }),
    ]);
    const at = nextSlot();
    await bookedSlot(doctor, at);
    const first = await factory.patient();
    const second = await factory.patient();
    expectData(await join(first, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    expectData(await join(second, { doctorId: doctor.profile.id, from: at, to: plus(at, 30) }));
    for (const token of [doctor.token, admin.token]) {
      const list = expectData(
        await gql<{ doctorWaitlist: { patientName: string; status: string }[] }>(app, DOCTOR_LIST, {
          token,
          variables: { d: doctor.profile.id },
        }),
      ).doctorWaitlist;
      expect(list.map((entry) => entry.patientName).slice(-2)).toEqual([
        `${first.profile.firstName} ${first.profile.lastName}`,
        `${second.profile.firstName} ${second.profile.lastName}`,
      ]);
    }
    expectGraphQLError(
      await gql(app, DOCTOR_LIST, { token: otherDoctor.token, variables: { d: doctor.profile.id } }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, DOCTOR_LIST, { token: first.token, variables: { d: doctor.profile.id } }),
      'FORBIDDEN',
    );
  });
});
