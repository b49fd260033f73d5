import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { AppointmentStatus } from './appointment-status.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const ADD_TIME_OFF = `mutation ($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
  addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: "Conference") { id } }`;
const AFFECTED = `query ($input: ScheduleChangeInput!) { affectedAppointments(input: $input) { id startsAt status patient { id } } }`;
const RESOLVE = `mutation ($resolutions: [AffectedAppointmentResolutionInput!]!) {
  resolveAffectedAppointments(resolutions: $resolutions) { id status startsAt cancellationReason doctor { id } } }`;
const SET_HOURS = `mutation ($id: ID!, $rules: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $id, rules: $rules) { id } }`;
const DEACTIVATE = `mutation ($id: ID!) { deactivateUser(id: $id) { id active } }`;
const REACTIVATE = `mutation ($id: ID!) { reactivateUser(id: $id) { id active } }`;
const DOCTORS = `query ($search: String, $all: Boolean) {
  doctors(search: $search, includeInactive: $all) { totalCount edges { node { id active } } } }`;

interface Resolved {
  id: string;
  status: string;
  startsAt: string;
  cancellationReason: string | null;
  doctor: { id: string };
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let counter = 0;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url });
  factory = new Factory(app);
  admin = await factory.admin();
});

/** A whole hour about `days` ahead (distinct per call), in UTC. */
function hourAhead(days: number): Date {
  return new Date(Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR + ++counter * 2 * HOUR);
}

async function booked(doctor: Account<Doctor>, patient?: Account<Patient>, startsAt = hourAhead(10)) {
  const who = patient ?? (await factory.patient());
  const appointment = await factory.appointment(who.profile, doctor.profile, {
    status: AppointmentStatus.CONFIRMED,
    startsAt,
  });
  return { patient: who, appointment };
}

function notificationsOf(userId: string, appointmentId: string) {
  return database.query<{ kind: string; body: string }>(
    `select kind, body from notification where user_id = $1 and appointment_id = $2 order by created_at`,
    [userId, appointmentId],
  );
}

describe('time off over a booked appointment', () => {
  it('is refused with CONFLICT listing the appointment; cancelling it with a reason notifies the patient; then the time off goes in', async () => {
    const doctor = await factory.doctor();
    const { patient, appointment } = await booked(doctor);
    const outside = await booked(doctor, undefined, new Date(appointment.startsAt.getTime() + 5 * DAY));
    const range = {
      startsAt: new Date(appointment.startsAt.getTime() - DAY).toISOString(),
      endsAt: new Date(appointment.startsAt.getTime() + DAY).toISOString(),
    };

    const refused = expectGraphQLError(
      await gql(app, ADD_TIME_OFF, { variables: { doctorId: doctor.profile.id, ...range }, token: admin.token }),
      'CONFLICT',
    );
    expect(refused.extensions).toMatchObject({ reason: 'APPOINTMENTS_AFFECTED', appointmentIds: [appointment.id] });
    expect(refused.message).toBe(
      'This time off covers 1 booked appointment. Cancel or move it first, so no patient is left without a doctor.',
    );
    const [stored] = await database.query<{ n: number }>(
      `select count(*)::int as n from time_off where doctor_id = $1`,
      [doctor.profile.id],
    );
    expect(stored?.n).toBe(0);

    const affected = expectData(
      await gql<{ affectedAppointments: { id: string; patient: { id: string } }[] }>(app, AFFECTED, {
        variables: { input: { doctorId: doctor.profile.id, timeOff: range } },
        token: admin.token,
      }),
    ).affectedAppointments;
    expect(affected).toEqual([expect.objectContaining({ id: appointment.id, patient: { id: patient.profile.id } })]);

    const [cancelled] = expectData(
      await gql<{ resolveAffectedAppointments: Resolved[] }>(app, RESOLVE, {
        variables: {
          resolutions: [{ appointmentId: appointment.id, action: 'CANCEL', reason: 'Dr away at a conference' }],
        },
        token: admin.token,
      }),
    ).resolveAffectedAppointments;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Dr away at a conference' });
    const notices = await notificationsOf(patient.user.id, appointment.id);
    expect(notices.map((n) => n.kind)).toEqual(['APPOINTMENT_CANCELLED']);
    // The e-mail goes out through the job queue (whether the worker ran yet or not, it arrives).
    const email = await smtp.waitFor((mail) => mail.to.includes(patient.user.email));
    expect(email.raw).toContain('Subject:');

    expectData(
      await gql(app, ADD_TIME_OFF, { variables: { doctorId: doctor.profile.id, ...range }, token: admin.token }),
    );
    const [untouched] = await database.query<{ status: string }>(`select status from appointment where id = $1`, [
      outside.appointment.id,
    ]);
    expect(untouched?.status).toBe('CONFIRMED');
  });

  it('lets an administrator move the appointment to another doctor, notifying the patient of the new doctor', async () => {
    const [doctor, colleague] = await Promise.all([
      factory.doctor(),
      factory.doctor({ firstName: 'Miriam', lastName: 'Colleague' }),
    ]);
    const { patient, appointment } = await booked(doctor);
    const [moved] = expectData(
      await gql<{ resolveAffectedAppointments: Resolved[] }>(app, RESOLVE, {
        variables: {
          resolutions: [
            {
              appointmentId: appointment.id,
              action: 'MOVE',
              doctorId: colleague.profile.id,
              startsAt: appointment.startsAt.toISOString(),
            },
          ],
        },
        token: admin.token,
      }),
    ).resolveAffectedAppointments;
    expect(moved).toMatchObject({ id: appointment.id, status: 'CONFIRMED', doctor: { id: colleague.profile.id } });
    const notices = await notificationsOf(patient.user.id, appointment.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'APPOINTMENT_RESCHEDULED' });
    expect(notices[0]!.body).toContain('Colleague');
    const [change] = await database.query<{ kind: string; changed_by_id: string }>(
      `select kind, changed_by_id from appointment_change where appointment_id = $1`,
      [appointment.id],
    );
    expect(change).toEqual({ kind: 'RESCHEDULED', changed_by_id: admin.user.id });
  });

  it('lets the doctor move their own appointment to another time, but not to another doctor', async () => {
    const [doctor, colleague] = await Promise.all([factory.doctor(), factory.doctor()]);
    const { appointment } = await booked(doctor);
    const later = new Date(appointment.startsAt.getTime() + 2 * DAY);
    const toColleague = await gql(app, RESOLVE, {
      variables: {
        resolutions: [
          { appointmentId: appointment.id, action: 'MOVE', doctorId: colleague.profile.id, startsAt: later },
        ],
      },
      token: doctor.token,
    });
    expectGraphQLError(toColleague, 'FORBIDDEN');
    const [moved] = expectData(
      await gql<{ resolveAffectedAppointments: Resolved[] }>(app, RESOLVE, {
        variables: { resolutions: [{ appointmentId: appointment.id, action: 'MOVE', startsAt: later }] },
        token: doctor.token,
      }),
    ).resolveAffectedAppointments;
    expect(Date.parse(moved!.startsAt)).toBe(later.getTime());
  });

  it('refuses a cancellation without a reason, a move without a time, other callers, and does all or nothing', async () => {
    const [doctor, stranger] = await Promise.all([factory.doctor(), factory.doctor()]);
    const { patient, appointment } = await booked(doctor);
    const second = await booked(doctor);
    const noReason = expectGraphQLError(
      await gql(app, RESOLVE, {
        variables: { resolutions: [{ appointmentId: appointment.id, action: 'CANCEL' }] },
        token: admin.token,
      }),
      'BAD_USER_INPUT',
    );
    expect(noReason.extensions.fields?.map((f) => f.field)).toEqual(['resolutions.0.reason']);
    const noTime = expectGraphQLError(
      await gql(app, RESOLVE, {
        variables: { resolutions: [{ appointmentId: appointment.id, action: 'MOVE' }] },
        token: admin.token,
      }),
      'BAD_USER_INPUT',
    );
    expect(noTime.extensions.fields?.map((f) => f.field)).toEqual(['resolutions.0.startsAt']);
    const cancel = { appointmentId: appointment.id, action: 'CANCEL', reason: 'Clinic closed' };
    expectGraphQLError(
      await gql(app, RESOLVE, { variables: { resolutions: [cancel] }, token: stranger.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, RESOLVE, { variables: { resolutions: [cancel] }, token: patient.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(await gql(app, RESOLVE, { variables: { resolutions: [cancel] } }), 'UNAUTHENTICATED');

    // The second one moves into the past: refused, and the first one's cancellation rolls back.
    const failing = await gql(app, RESOLVE, {
      variables: {
        resolutions: [
          cancel,
          { appointmentId: second.appointment.id, action: 'MOVE', startsAt: new Date(Date.now() - DAY) },
        ],
      },
      token: admin.token,
    });
    expect(expectGraphQLError(failing, 'BAD_USER_INPUT').extensions.fields?.map((f) => f.field)).toEqual([
      'resolutions.1.startsAt',
    ]);
    const statuses = await database.query<{ status: string }>(
      `select status from appointment where id = any($1::uuid[])`,
      [[appointment.id, second.appointment.id]],
    );
    expect(statuses.map((row) => row.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
  });
});

describe('new weekly hours that leave appointments out', () => {
  it('are refused listing them until they are resolved', async () => {
    const doctor = await factory.doctor({ timezone: 'UTC' });
    // A Monday-to-Friday 09:00–17:00 week leaves out an appointment at 20:00 UTC.
    const evening = hourAhead(20);
    evening.setUTCHours(20, 0, 0, 0);
    const { appointment } = await booked(doctor, undefined, evening);
    const rules = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startTime: '09:00',
      endTime: '17:00',
      slotMinutes: 30,
    }));
    const refused = expectGraphQLError(
      await gql(app, SET_HOURS, { variables: { id: doctor.profile.id, rules }, token: admin.token }),
      'CONFLICT',
    );
    expect(refused.extensions).toMatchObject({ reason: 'APPOINTMENTS_AFFECTED', appointmentIds: [appointment.id] });
    const listed = expectData(
      await gql<{ affectedAppointments: { id: string }[] }>(app, AFFECTED, {
        variables: { input: { doctorId: doctor.profile.id, availability: rules } },
        token: doctor.token,
      }),
    ).affectedAppointments;
    expect(listed.map((a) => a.id)).toEqual([appointment.id]);
    // Hours that still hold the evening leave nothing out.
    const wide = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startTime: '08:00',
      endTime: '22:00',
      slotMinutes: 30,
    }));
    expectData(await gql(app, SET_HOURS, { variables: { id: doctor.profile.id, rules: wide }, token: admin.token }));
  });
});

describe('deactivating a doctor', () => {
  it('is refused while appointments are booked; once resolved the doctor is deactivated, still found by admins, and reactivated', async () => {
    const doctor = await factory.doctor({ lastName: 'Deactivatable' });
    const { appointment } = await booked(doctor);
    const refused = expectGraphQLError(
      await gql(app, DEACTIVATE, { variables: { id: doctor.user.id }, token: admin.token }),
      'CONFLICT',
    );
    expect(refused.extensions).toMatchObject({ reason: 'APPOINTMENTS_AFFECTED', appointmentIds: [appointment.id] });
    expectData(
      await gql(app, RESOLVE, {
        variables: {
          resolutions: [{ appointmentId: appointment.id, action: 'CANCEL', reason: 'Doctor left the clinic' }],
        },
        token: admin.token,
      }),
    );
    expect(
      expectData(
        await gql<{ deactivateUser: { active: boolean } }>(app, DEACTIVATE, {
          variables: { id: doctor.user.id },
          token: admin.token,
        }),
      ).deactivateUser.active,
    ).toBe(false);

    type Listing = { doctors: { totalCount: number; edges: { node: { id: string; active: boolean } }[] } };
    const publicList = expectData(await gql<Listing>(app, DOCTORS, { variables: { search: 'Deactivatable' } }));
    expect(publicList.doctors.totalCount).toBe(0);
    const adminList = expectData(
      await gql<Listing>(app, DOCTORS, { variables: { search: 'Deactivatable', all: true }, token: admin.token }),
    );
    expect(adminList.doctors.edges.map((e) => e.node)).toEqual([{ id: doctor.profile.id, active: false }]);
    const patient = await factory.patient();
    expectGraphQLError(
      await gql(app, DOCTORS, { variables: { search: 'Deactivatable', all: true }, token: patient.token }),
      'FORBIDDEN',
    );

    expectGraphQLError(
      await gql(app, REACTIVATE, { variables: { id: doctor.user.id }, token: patient.token }),
      'FORBIDDEN',
    );
    expect(
      expectData(
        await gql<{ reactivateUser: { active: boolean } }>(app, REACTIVATE, {
          variables: { id: doctor.user.id },
          token: admin.token,
        }),
      ).reactivateUser.active,
    ).toBe(true);
    const again = expectData(await gql<Listing>(app, DOCTORS, { variables: { search: 'Deactivatable' } }));
    expect(again.doctors.edges.map((e) => e.node)).toEqual([{ id: doctor.profile.id, active: true }]);
    const audit = await database.query<{ action: string }>(
      `select action from audit_entry where entity_id = $1 order by at`,
      [doctor.user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['DEACTIVATE', 'REACTIVATE']);
  });
});
