import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, nextLocal, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import { AppointmentStatus } from './appointment-status.js';
import { TimeOff } from '../doctors/time-off.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const SLOTS = `query ($d: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(doctorId: $d, from: $from, to: $to) { startsAt endsAt } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id status startsAt endsAt type patient { id } doctor { id } } }`;
const RESCHEDULE = `mutation ($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { id status startsAt } }`;
const WEEKDAYS_9_TO_12 = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 30,
}));

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
});

async function bookAs(token: string, input: Record<string, unknown>) {
  return gql<{ bookAppointment: { id: string; status: string; startsAt: string; endsAt: string } }>(app, BOOK, {
    variables: { input },
    token,
  });
}

describe('availableSlots', () => {
  let doctor: Account<Doctor>;
  beforeAll(async () => {
    doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS_9_TO_12);
  });

  it('offers the weekly slots in UTC, minus booked ones and time off', async () => {
    const monday = nextLocal(1, '09:00');
    const patient = await factory.patient();
    expectData(
      await bookAs(patient.token, {
        doctorId: doctor.profile.id,
        startsAt: new Date(monday.getTime() + 3_600_000).toISOString(),
      }),
    );
    const em = app.orm.em.fork();
    em.create(TimeOff, {
      doctor: doctor.profile.id,
      startsAt: new Date(monday.getTime() + 2 * 3_600_000),
      endsAt: new Date(monday.getTime() + 3 * 3_600_000),
    });
    await em.flush();
    statements.length = 0;
    const data = expectData(
      await gql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
        variables: {
          d: doctor.profile.id,
          from: monday.toISOString(),
          to: new Date(monday.getTime() + 86_400_000).toISOString(),
        },
      }),
    );
    const local = data.availableSlots.map((slot) =>
      DateTime.fromISO(slot.startsAt, { zone: 'Europe/Berlin' }).toFormat('HH:mm'),
    );
    expect(local).toEqual(['09:00', '09:30', '10:30']);
    // The doctor (taking appointments?), their rules, time off, booked times and holds: one statement.
    const read = requestStatements(statements);
    expect(read, read.join('\n')).toHaveLength(1);
    expect(read[0]).toMatch(
      /from doctor d join app_user u[\s\S]*from availability_rule[\s\S]*from time_off[\s\S]*from appointment[\s\S]*from slot_hold/,
    );
  });

  it('keeps 09:00 local on both sides of a daylight-saving change (Europe/Berlin, March and October)', async () => {
    for (const [from, to, before, after] of [
      ['2027-03-22T00:00:00Z', '2027-04-03T00:00:00Z', '2027-03-26T08:00:00.000Z', '2027-03-29T07:00:00.000Z'],
      ['2027-10-25T00:00:00Z', '2027-11-06T00:00:00Z', '2027-10-29T07:00:00.000Z', '2027-11-01T08:00:00.000Z'],
    ] as const) {
      const data = expectData(
        await gql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
          variables: { d: doctor.profile.id, from, to },
        }),
      );
      const starts = data.availableSlots.map((slot) => slot.startsAt);
      expect(starts).toContain(before);
      expect(starts).toContain(after);
      expect(
        new Set(starts.map((start) => DateTime.fromISO(start, { zone: 'Europe/Berlin' }).toFormat('HH:mm'))),
      ).toEqual(new Set(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']));
    }
  });

  it('excludes the past and refuses windows over 31 days', async () => {
    const data = expectData(
      await gql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
        variables: {
          d: doctor.profile.id,
          from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
          to: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
    );
    expect(data.availableSlots.every((slot) => Date.parse(slot.startsAt) > Date.now())).toBe(true);
    const error = expectGraphQLError(
      await gql(app, SLOTS, {
        variables: { d: doctor.profile.id, from: '2027-01-01T00:00:00Z', to: '2027-02-02T00:00:00Z' },
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([{ field: 'to', message: 'must be at most 31 days after from' }]);
  });

  it('refuses a doctor who takes no appointments: no such doctor, or a deactivated account', async () => {
    const leaving = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const window = { from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() };
    expect(
      expectData(
        await gql<{ availableSlots: unknown[] }>(app, SLOTS, { variables: { d: leaving.profile.id, ...window } }),
      ).availableSlots.length,
    ).toBeGreaterThan(0);
    await database.query(`update app_user set active = false where id = '${leaving.user.id}'`);
    for (const d of [leaving.profile.id, '00000000-0000-4000-8000-000000000000']) {
      const error = expectGraphQLError(await gql(app, SLOTS, { variables: { d, ...window } }), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ field: 'doctorId', message: 'is not a doctor taking appointments' }]);
    }
  });

  it("reads the doctor's calendar page in two statements: the doctor and their free slots, then their hours and time off", async () => {
    const from = nextLocal(1, '00:00');
    const to = new Date(from.getTime() + 7 * 86_400_000);
    const em = app.orm.em.fork();
    em.create(TimeOff, {
      doctor: doctor.profile.id,
      startsAt: new Date(from.getTime() + 86_400_000),
      endsAt: new Date(from.getTime() + 2 * 86_400_000),
      reason: 'Congress',
    });
    await em.flush();
    await sessionRemembered(app, doctor.token);
    statements.length = 0;
    const data = expectData(
      await gql<{
        doctor: {
          timezone: string;
          availability: { weekday: number; startTime: string }[];
          timeOff: { reason: string }[];
        };
        availableSlots: { startsAt: string }[];
      }>(
        app,
        `query ($d: ID!, $from: DateTime!, $to: DateTime!) {
          doctor(id: $d) { id timezone availability { weekday startTime endTime slotMinutes } timeOff(from: $from, to: $to) { id startsAt endsAt reason } }
          availableSlots(doctorId: $d, from: $from, to: $to) { startsAt endsAt } }`,
        { token: doctor.token, variables: { d: doctor.profile.id, from: from.toISOString(), to: to.toISOString() } },
      ),
    );
    expect(data.doctor.timezone).toBe('Europe/Berlin');
    expect(data.doctor.availability.map((rule) => `${rule.weekday} ${rule.startTime}`)).toEqual(
      WEEKDAYS_9_TO_12.map((rule) => `${rule.weekday} ${rule.startTime}`),
    );
    expect(data.doctor.timeOff.map((period) => period.reason)).toContain('Congress');
    // No slot on the day of time off (Tuesday, local).
    const days = new Set(
      data.availableSlots.map((slot) => DateTime.fromISO(slot.startsAt, { zone: 'Europe/Berlin' }).weekday),
    );
    expect([...days].sort()).toEqual([1, 3, 4, 5]);
    const read = requestStatements(statements);
    expect(read, read.join('\n')).toHaveLength(2);
    for (const part of [
      'from "doctor" where id',
      'from availability_rule',
      'from time_off',
      'from appointment',
      'from slot_hold',
    ]) {
      expect(read[0]).toContain(part);
    }
    expect(read[1]).toMatch(/from "availability_rule"[\s\S]*from "time_off"/);
  });
});

describe('bookAppointment', () => {
  let doctor: Account<Doctor>;
  let patient: Account<Patient>;
  beforeAll(async () => {
    doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    patient = await factory.patient();
  });

  it('books a free slot as REQUESTED, with its history, audit event and slot length', async () => {
    const startsAt = nextLocal(2, '10:00');
    const data = expectData(
      await bookAs(patient.token, {
        doctorId: doctor.profile.id,
        startsAt: startsAt.toISOString(),
        reason: 'Knee pain',
      }),
    );
    expect(data.bookAppointment).toMatchObject({
      status: 'REQUESTED',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString(),
    });
    const changes = await database.query(
      `select kind, to_status, changed_by_id from appointment_change where appointment_id = $1`,
      [data.bookAppointment.id],
    );
    expect(changes).toEqual([{ kind: 'BOOKED', to_status: 'REQUESTED', changed_by_id: patient.user.id }]);
    const events = await database.query(`select action from audit_entry where entity_id = $1`, [
      data.bookAppointment.id,
    ]);
    expect(events).toEqual([{ action: 'CREATE' }]);
  });

  it('refuses a taken slot with CONFLICT, and a patient’s second appointment at the same time', async () => {
    const startsAt = nextLocal(2, '11:00').toISOString();
    expectData(await bookAs(patient.token, { doctorId: doctor.profile.id, startsAt }));
    const other = await factory.patient();
    const taken = expectGraphQLError(await bookAs(other.token, { doctorId: doctor.profile.id, startsAt }), 'CONFLICT');
    expect(taken.extensions['reason']).toBe('SLOT_TAKEN');
    const elsewhere = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const busy = expectGraphQLError(
      await bookAs(patient.token, { doctorId: elsewhere.profile.id, startsAt }),
      'CONFLICT',
    );
    expect(busy.extensions['reason']).toBe('PATIENT_BUSY');
  });

  it.each([
    ['in the past', () => nextLocal(2, '10:00', 'Europe/Berlin', -14), 'is in the past'],
    ['outside the doctor’s hours', () => nextLocal(2, '15:00'), "is not one of the doctor's slots"],
    ['off a slot boundary', () => nextLocal(2, '10:10'), "is not one of the doctor's slots"],
    ['on a weekend', () => nextLocal(6, '10:00'), "is not one of the doctor's slots"],
  ])('refuses a time %s with BAD_USER_INPUT saying why', async (_name, at, message) => {
    const error = expectGraphQLError(
      await bookAs(patient.token, { doctorId: doctor.profile.id, startsAt: at().toISOString() }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([
      { field: 'input.startsAt', message: expect.stringContaining(message) as string },
    ]);
  });

  it('refuses a slot in the doctor’s time off', async () => {
    const startsAt = nextLocal(3, '09:30');
    const em = app.orm.em.fork();
    em.create(TimeOff, {
      doctor: doctor.profile.id,
      startsAt: new Date(startsAt.getTime() - 3_600_000),
      endsAt: new Date(startsAt.getTime() + 3_600_000),
    });
    await em.flush();
    expectGraphQLError(
      await bookAs(patient.token, { doctorId: doctor.profile.id, startsAt: startsAt.toISOString() }),
      'BAD_USER_INPUT',
    );
  });

  it('lets an administrator book for a named patient; patients book for themselves; doctors and anonymous callers cannot', async () => {
    const startsAt = nextLocal(4, '09:00').toISOString();
    const missingPatient = expectGraphQLError(
      await bookAs(admin.token, { doctorId: doctor.profile.id, startsAt }),
      'BAD_USER_INPUT',
    );
    expect(missingPatient.extensions.fields).toEqual([
      { field: 'input.patientId', message: 'is required when an administrator books' },
    ]);
    const other = await factory.patient();
    expectGraphQLError(
      await bookAs(patient.token, { doctorId: doctor.profile.id, startsAt, patientId: other.profile.id }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await bookAs(doctor.token, { doctorId: doctor.profile.id, startsAt, patientId: other.profile.id }),
      'FORBIDDEN',
    );
    expectGraphQLError(await bookAs('', { doctorId: doctor.profile.id, startsAt }), 'UNAUTHENTICATED');
    const data = expectData(
      await bookAs(admin.token, { doctorId: doctor.profile.id, startsAt, patientId: other.profile.id }),
    );
    expect(data.bookAppointment.status).toBe('REQUESTED');
  });
});

describe('rescheduleAppointment', () => {
  it('moves the appointment to a free slot keeping its id, frees the old slot, and records the change', async () => {
    const doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const patient = await factory.patient();
    const from = nextLocal(1, '09:00', 'Europe/Berlin', 7);
    const to = nextLocal(1, '10:30', 'Europe/Berlin', 7);
    const booked = expectData(
      await bookAs(patient.token, { doctorId: doctor.profile.id, startsAt: from.toISOString() }),
    ).bookAppointment;
    const moved = expectData(
      await gql<{ rescheduleAppointment: { id: string; startsAt: string } }>(app, RESCHEDULE, {
        variables: { id: booked.id, at: to.toISOString() },
        token: patient.token,
      }),
    );
    expect(moved.rescheduleAppointment).toMatchObject({ id: booked.id, startsAt: to.toISOString() });
    const other = await factory.patient();
    expectData(await bookAs(other.token, { doctorId: doctor.profile.id, startsAt: from.toISOString() }));
    const [change] = await database.query(
      `select from_starts_at, to_starts_at from appointment_change where appointment_id = $1 and kind = 'RESCHEDULED'`,
      [booked.id],
    );
    expect(change).toEqual({ from_starts_at: from, to_starts_at: to });
  });

  it('refuses a taken slot with CONFLICT and leaves the appointment where it was', async () => {
    const doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const [first, second] = await Promise.all([factory.patient(), factory.patient()]);
    const a = nextLocal(2, '09:00', 'Europe/Berlin', 7);
    const b = nextLocal(2, '09:30', 'Europe/Berlin', 7);
    const mine = expectData(
      await bookAs(first.token, { doctorId: doctor.profile.id, startsAt: a.toISOString() }),
    ).bookAppointment;
    expectData(await bookAs(second.token, { doctorId: doctor.profile.id, startsAt: b.toISOString() }));
    expectGraphQLError(
      await gql(app, RESCHEDULE, { variables: { id: mine.id, at: b.toISOString() }, token: first.token }),
      'CONFLICT',
    );
    expect(await database.query(`select starts_at from appointment where id = $1`, [mine.id])).toEqual([
      { starts_at: a },
    ]);
  });
});

describe('reminders and notifications follow the appointment', () => {
  const jobsOf = (id: string) =>
    database.query<{ key: string; run_at: Date }>(
      `select key, run_at from graphile_worker.jobs where key like $1 order by key`,
      [`reminder:${id}:%`],
    );

  it('schedules reminders 24 h and 2 h before, moves them on reschedule and drops them on cancel, and notifies the patient', async () => {
    const doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const patient = await factory.patient();
    const startsAt = nextLocal(3, '09:00', 'Europe/Berlin', 5);
    const booked = expectData(
      await bookAs(patient.token, {
        doctorId: doctor.profile.id,
        startsAt: startsAt.toISOString(),
        reason: 'Migraine with aura',
      }),
    ).bookAppointment;
    expect(await jobsOf(booked.id)).toEqual([
      { key: `reminder:${booked.id}:24h`, run_at: new Date(startsAt.getTime() - 24 * 3_600_000) },
      { key: `reminder:${booked.id}:2h`, run_at: new Date(startsAt.getTime() - 2 * 3_600_000) },
    ]);

    const later = nextLocal(4, '11:00', 'Europe/Berlin', 5);
    expectData(
      await gql(app, RESCHEDULE, { variables: { id: booked.id, at: later.toISOString() }, token: patient.token }),
    );
    expect((await jobsOf(booked.id)).map((job) => job.run_at)).toEqual([
      new Date(later.getTime() - 24 * 3_600_000),
      new Date(later.getTime() - 2 * 3_600_000),
    ]);

    expectData(
      await gql(app, `mutation ($id: ID!) { cancelAppointment(id: $id) { status } }`, {
        variables: { id: booked.id },
        token: patient.token,
      }),
    );
    expect(await jobsOf(booked.id)).toEqual([]);

    const inbox = expectData(
      await gql<{ notifications: { edges: { node: { kind: string; body: string } }[] } }>(
        app,
        `{ notifications(first: 10) { edges { node { kind title body appointmentId } } } }`,
        { token: patient.token },
      ),
    );
    expect(inbox.notifications.edges.map((edge) => edge.node.kind)).toEqual([
      'APPOINTMENT_CANCELLED',
      'APPOINTMENT_RESCHEDULED',
      'APPOINTMENT_BOOKED',
    ]);
    expect(JSON.stringify(inbox)).not.toContain('Migraine');
  });
});

describe('time off and changed availability', () => {
  const OUTSIDE = `query ($id: ID!) { doctor(id: $id) { appointmentsOutsideAvailability { id } timeOff { id reason } } }`;

  it('lets the doctor add time off that removes slots, and refuses new hours that would strand a booking until it is resolved', async () => {
    const doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const patient = await factory.patient();
    const monday = nextLocal(1, '09:00', 'Europe/Berlin', 14);
    const kept = expectData(
      await bookAs(patient.token, {
        doctorId: doctor.profile.id,
        startsAt: new Date(monday.getTime() + 2 * 3_600_000).toISOString(),
      }),
    ).bookAppointment;

    const added = await gql<{ addTimeOff: { id: string } }>(
      app,
      `mutation ($d: ID!, $s: DateTime!, $e: DateTime!) { addTimeOff(doctorId: $d, startsAt: $s, endsAt: $e, reason: "Conference") { id } }`,
      {
        variables: {
          d: doctor.profile.id,
          s: monday.toISOString(),
          e: new Date(monday.getTime() + 3_600_000).toISOString(),
        },
        token: doctor.token,
      },
    );
    expectData(added);
    const slots = expectData(
      await gql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
        variables: {
          d: doctor.profile.id,
          from: monday.toISOString(),
          to: new Date(monday.getTime() + 12 * 3_600_000).toISOString(),
        },
      }),
    );
    expect(
      slots.availableSlots.map((slot) => DateTime.fromISO(slot.startsAt, { zone: 'Europe/Berlin' }).toFormat('HH:mm')),
    ).toEqual(['10:00', '10:30', '11:30']);

    // The doctor moves to afternoons: the 11:00 booking would be stranded, so the change is refused naming it.
    const SET = `mutation ($id: ID!, $r: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $id, rules: $r) { id } }`;
    const afternoons = {
      id: doctor.profile.id,
      r: [{ weekday: 1, startTime: '14:00', endTime: '17:00', slotMinutes: 30 }],
    };
    const refused = expectGraphQLError(await gql(app, SET, { variables: afternoons, token: admin.token }), 'CONFLICT');
    expect(refused.extensions).toMatchObject({ reason: 'APPOINTMENTS_AFFECTED', appointmentIds: [kept.id] });
    expect(await database.query(`select status from appointment where id = $1`, [kept.id])).toEqual([
      { status: 'REQUESTED' },
    ]);
    // Once the admin cancels it with a reason, the change goes through and nothing lies outside the hours.
    expectData(
      await gql(
        app,
        `mutation ($r: [AffectedAppointmentResolutionInput!]!) { resolveAffectedAppointments(resolutions: $r) { id } }`,
        {
          variables: {
            r: [{ appointmentId: kept.id, action: 'CANCEL', reason: 'The doctor now sees patients in the afternoon' }],
          },
          token: admin.token,
        },
      ),
    );
    expectData(await gql(app, SET, { variables: afternoons, token: admin.token }));
    const listed = expectData(
      await gql<{ doctor: { appointmentsOutsideAvailability: { id: string }[]; timeOff: { reason: string }[] } }>(
        app,
        OUTSIDE,
        {
          variables: { id: doctor.profile.id },
          token: admin.token,
        },
      ),
    );
    expect(listed.doctor.appointmentsOutsideAvailability).toEqual([]);
    expect(listed.doctor.timeOff.map((period) => period.reason)).toEqual(['Conference']);
  });

  it("lists the coming active appointments no weekly slot matches, in start order, reading the rules once with the doctor's hours", async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS_9_TO_12);
    const patient = await factory.patient();
    const at = (monday: Date, minutes: number) => new Date(monday.getTime() + minutes * 60_000);
    const book = (startsAt: Date, status?: AppointmentStatus) =>
      factory.appointment(patient.profile, doctor.profile, { startsAt, ...(status ? { status } : {}) });
    const outside: string[] = [];
    // Eight Mondays: one booking on a slot (10:00), one off the grid (09:10), one after the hours (13:00).
    for (let week = 0; week < 8; week += 1) {
      const monday = nextLocal(1, '00:00', 'Europe/Berlin', 2 + 7 * week);
      await book(at(monday, 10 * 60));
      outside.push((await book(at(monday, 9 * 60 + 10))).id, (await book(at(monday, 13 * 60))).id);
    }
    // Not listed: a cancelled one outside the hours, and one that has begun.
    await book(at(nextLocal(2, '00:00', 'Europe/Berlin', 2), 15 * 60), AppointmentStatus.CANCELLED);
    await book(new Date(Date.now() - 3_600_000));
    await sessionRemembered(app, admin.token);

    statements.length = 0;
    const { doctor: read } = expectData(
      await gql<{
        doctor: {
          availability: { weekday: number }[];
          appointmentsOutsideAvailability: { id: string; patient: { lastName: string } }[];
        };
      }>(
        app,
        `query ($id: ID!) { doctor(id: $id) { availability { weekday }
          appointmentsOutsideAvailability { id startsAt patient { lastName } } } }`,
        { variables: { id: doctor.profile.id }, token: admin.token },
      ),
    );
    expect(read.availability).toHaveLength(5);
    expect(read.appointmentsOutsideAvailability.map((appointment) => appointment.id)).toEqual(outside);
    expect(new Set(read.appointmentsOutsideAvailability.map((appointment) => appointment.patient.lastName))).toEqual(
      new Set([patient.profile.lastName]),
    );
    // The doctor; their rules (for both fields) and their coming appointments' times; the ones
    // outside, whole; their patients.
    expect(statements.filter((sql) => sql.includes('"availability_rule"'))).toHaveLength(1);
    const appointments = statements.filter((sql) => /from "?appointment"? /.test(sql));
    expect(appointments).toHaveLength(2);
    expect(appointments[0]).toContain('starts_at > now()');
    expect(appointments[1]).toMatch(/from "appointment" where id = any/);
  });

  it('keeps time off and the outside list to administrators and the doctor', async () => {
    const doctor = await factory.doctor({}, WEEKDAYS_9_TO_12);
    const [stranger, patient] = await Promise.all([factory.doctor(), factory.patient()]);
    const ADD = `mutation ($d: ID!) { addTimeOff(doctorId: $d, startsAt: "2031-01-01T00:00:00Z", endsAt: "2031-01-02T00:00:00Z") { id } }`;
    expectGraphQLError(
      await gql(app, ADD, { variables: { d: doctor.profile.id }, token: stranger.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(await gql(app, ADD, { variables: { d: doctor.profile.id }, token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(
      await gql(app, OUTSIDE, { variables: { id: doctor.profile.id }, token: patient.token }),
      'FORBIDDEN',
    );
    expectData(await gql(app, ADD, { variables: { d: doctor.profile.id }, token: admin.token }));
  });
});

describe('firstAvailableSlots', () => {
  it('merges the free slots of a specialisation’s active doctors, earliest first, skipping booked and other specialties', async () => {
    const monday = nextLocal(1, '09:00', 'Europe/Berlin', 7);
    const early = await factory.doctor({ specialization: 'Nephrology', lastName: 'Early' }, WEEKDAYS_9_TO_12);
    const late = await factory.doctor({ specialization: 'Nephrology', lastName: 'Late' }, [
      { weekday: 1, startTime: '10:00', endTime: '11:00', slotMinutes: 30 },
    ]);
    await factory.doctor({ specialization: 'Urology' }, WEEKDAYS_9_TO_12);
    const patient = await factory.patient();
    await factory.appointment(patient.profile, early.profile, { startsAt: monday });
    const FIRST = `query ($s: String!, $from: DateTime, $n: Int) {
      firstAvailableSlots(specialization: $s, from: $from, limit: $n) { startsAt doctor { id } } }`;
    const found = expectData(
      await gql<{ firstAvailableSlots: { startsAt: string; doctor: { id: string } }[] }>(app, FIRST, {
        variables: { s: 'nephrology', from: monday.toISOString(), n: 5 },
      }),
    ).firstAvailableSlots;
    const at = (minutes: number) => new Date(monday.getTime() + minutes * 60_000).toISOString();
    expect(found.map((slot) => [slot.startsAt, slot.doctor.id])).toEqual(
      [
        [at(30), early.profile.id],
        [at(60), early.profile.id],
        [at(60), late.profile.id],
        [at(90), early.profile.id],
        [at(90), late.profile.id],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!)),
    );
    expectGraphQLError(await gql(app, FIRST, { variables: { s: 'nephrology', n: 0 } }), 'BAD_USER_INPUT');
  });

  it("gives each doctor's next available slot from the same reading (the booking page: two statements), a patient's own hold free to them", async () => {
    const doctor = await factory.doctor({ specialization: 'Rheumatology' }, WEEKDAYS_9_TO_12);
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const PAGE = `query ($s: String!) { firstAvailableSlots(specialization: $s, limit: 3) {
      startsAt doctor { id nextAvailableSlot { startsAt } } } }`;
    type Page = {
      firstAvailableSlots: { startsAt: string; doctor: { nextAvailableSlot: { startsAt: string } | null } }[];
    };
    const before = expectData(await gql<Page>(app, PAGE, { token: other.token, variables: { s: 'rheumatology' } }));
    const first = before.firstAvailableSlots[0]!.startsAt;
    expect(before.firstAvailableSlots[0]!.doctor.nextAvailableSlot).toEqual({ startsAt: first });
    expectData(
      await gql(app, `mutation ($d: ID!, $s: DateTime!) { holdSlot(doctorId: $d, startsAt: $s) { id } }`, {
        token: holder.token,
        variables: { d: doctor.profile.id, s: first },
      }),
    );
    for (const [viewer, expected] of [
      [holder, first],
      [other, before.firstAvailableSlots[1]!.startsAt],
    ] as const) {
      await sessionRemembered(app, viewer.token);
      statements.length = 0;
      const page = expectData(await gql<Page>(app, PAGE, { token: viewer.token, variables: { s: 'rheumatology' } }));
      expect(page.firstAvailableSlots[0]!.startsAt).toBe(expected);
      expect(page.firstAvailableSlots.every((slot) => slot.doctor.nextAvailableSlot?.startsAt === expected)).toBe(true);
      // The specialty's doctors; their free slots (once, for both fields).
      const read = requestStatements(statements);
      expect(read, read.join('\n')).toHaveLength(2);
    }
    // The directory's "next available" follows the same rule.
    const NEXT = `query ($id: ID!) { doctor(id: $id) { nextAvailableSlot { startsAt } } }`;
    for (const [viewer, expected] of [
      [holder, first],
      [other, before.firstAvailableSlots[1]!.startsAt],
    ] as const) {
      const read = expectData(
        await gql<{ doctor: { nextAvailableSlot: { startsAt: string } } }>(app, NEXT, {
          token: viewer.token,
          variables: { id: doctor.profile.id },
        }),
      );
      expect(read.doctor.nextAvailableSlot.startsAt).toBe(expected);
    }
  });
});
