import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { AppointmentStatus } from './appointment-status.js';

/** The contract's lifecycle, written out independently of the implementation. */
const CONTRACT: Record<string, { mutation: string; from: AppointmentStatus[]; to: AppointmentStatus; by: Party[] }> = {
  confirm: {
    mutation: 'confirmAppointment(id: $id)',
    from: [AppointmentStatus.REQUESTED],
    to: AppointmentStatus.CONFIRMED,
    by: ['ownDoctor', 'admin'],
  },
  checkIn: {
    mutation: 'checkInAppointment(id: $id)',
    from: [AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.CHECKED_IN,
    by: ['ownDoctor', 'admin'],
  },
  complete: {
    mutation: 'completeAppointment(id: $id)',
    from: [AppointmentStatus.CHECKED_IN, AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.COMPLETED,
    by: ['ownDoctor'],
  },
  noShow: {
    mutation: 'markNoShow(id: $id)',
    from: [AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.NO_SHOW,
    by: ['ownDoctor', 'admin'],
  },
  cancel: {
    mutation: 'cancelAppointment(id: $id, reason: "Schedule conflict")',
    from: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.CANCELLED,
    by: ['ownPatient', 'ownDoctor', 'admin'],
  },
};
type Party = 'anonymous' | 'ownPatient' | 'otherPatient' | 'ownDoctor' | 'otherDoctor' | 'admin';
const PARTIES: Party[] = ['anonymous', 'ownPatient', 'otherPatient', 'ownDoctor', 'otherDoctor', 'admin'];
const HOUR = 3_600_000;

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let tokens: Record<Party, string>;
let slot = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  patient = await factory.patient();
  doctor = await factory.doctor();
  const [otherPatient, otherDoctor, admin] = await Promise.all([factory.patient(), factory.doctor(), factory.admin()]);
  tokens = {
    anonymous: '',
    ownPatient: patient.token,
    otherPatient: otherPatient.token,
    ownDoctor: doctor.token,
    otherDoctor: otherDoctor.token,
    admin: admin.token,
  };
});

/**
 * An appointment in `status`, starting about `hoursAhead` from now. Far starts are spread half an
 * hour apart and past ones an hour apart, so no two active ones overlap.
 */
async function appointmentIn(status: AppointmentStatus, hoursAhead: number) {
  slot += 1;
  const base = Math.ceil((Date.now() + hoursAhead * HOUR) / 1_800_000) * 1_800_000;
  const spread = hoursAhead >= 24 ? slot * 1_800_000 : hoursAhead < 0 ? -slot * HOUR : 0;
  return factory.appointment(patient.profile, doctor.profile, { status, startsAt: new Date(base + spread) });
}

function expected(transition: keyof typeof CONTRACT, status: AppointmentStatus, party: Party): string {
  const rule = CONTRACT[transition]!;
  if (party === 'anonymous') {
    return 'UNAUTHENTICATED';
  }
  if (!rule.by.includes(party)) {
    return 'FORBIDDEN';
  }
  if (!rule.from.includes(status)) {
    return 'CONFLICT';
  }
  return rule.to;
}

describe('the appointment lifecycle', () => {
  const statuses = Object.values(AppointmentStatus);
  const cases = Object.keys(CONTRACT).flatMap((transition) =>
    statuses.flatMap((status) => PARTIES.map((party) => [transition, status, party] as const)),
  );

  it(`allows exactly the contract's transitions: ${cases.length} cases of status × transition × role`, async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const [transition, status, party] of cases) {
      // No-shows, check-ins and completions happen once the start has come; the rest start in three days.
      const started = transition === 'noShow' || transition === 'checkIn' || transition === 'complete';
      const appointment = await appointmentIn(status, started ? -1 : 72);
      const response = await gql<Record<string, { status: string }>>(
        app,
        `mutation ($id: ID!) { result: ${CONTRACT[transition]!.mutation} { status } }`,
        {
          variables: { id: appointment.id },
          token: tokens[party],
        },
      );
      const outcome = response.errors ? response.errors[0]!.extensions.code : response.data!['result']!.status;
      outcomes.push(`${transition} ${status} by ${party}: ${outcome}`);
      wanted.push(`${transition} ${status} by ${party}: ${expected(transition, status, party)}`);
      const [stored] = await database.query<{ status: string }>(`select status from appointment where id = $1`, [
        appointment.id,
      ]);
      expect(stored?.status).toBe(response.errors ? status : CONTRACT[transition]!.to);
    }
    expect(outcomes).toEqual(wanted);
  });

  it('names the current status when a transition is illegal', async () => {
    const appointment = await appointmentIn(AppointmentStatus.COMPLETED, 72);
    const response = await gql(app, `mutation ($id: ID!) { confirmAppointment(id: $id) { status } }`, {
      variables: { id: appointment.id },
      token: doctor.token,
    });
    expect(response.errors?.[0]?.message).toBe('Cannot confirm an appointment that is COMPLETED.');
  });

  it('refuses a no-show before the appointment has started', async () => {
    const appointment = await appointmentIn(AppointmentStatus.CONFIRMED, 72);
    const response = await gql(app, `mutation ($id: ID!) { markNoShow(id: $id) { status } }`, {
      variables: { id: appointment.id },
      token: doctor.token,
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_STARTED' });
  });

  it('refuses a check-in earlier than the check-in window before the start', async () => {
    const tomorrow = await appointmentIn(AppointmentStatus.CONFIRMED, 72);
    const early = await gql(app, `mutation ($id: ID!) { checkInAppointment(id: $id) { status } }`, {
      variables: { id: tomorrow.id },
      token: doctor.token,
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TOO_EARLY' });
    expect(early.errors?.[0]?.message).toBe('Check-in opens 60 minutes before the appointment starts.');
    const [stored] = await database.query<{ status: string }>(`select status from appointment where id = $1`, [
      tomorrow.id,
    ]);
    expect(stored?.status).toBe('CONFIRMED');

    // Inside the window (twenty minutes ahead) the same check-in goes through.
    const startsAt = new Date(Math.ceil((Date.now() + 20 * 60_000) / 60_000) * 60_000);
    const soon = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt,
    });
    const inWindow = await gql<{ checkInAppointment: { status: string } }>(
      app,
      `mutation ($id: ID!) { checkInAppointment(id: $id) { status } }`,
      { variables: { id: soon.id }, token: tokens.admin },
    );
    expect(inWindow.data?.checkInAppointment.status).toBe('CHECKED_IN');
  });

  it('refuses to complete a visit before it starts', async () => {
    const later = await appointmentIn(AppointmentStatus.CONFIRMED, 72);
    const response = await gql(app, `mutation ($id: ID!) { completeAppointment(id: $id) { status } }`, {
      variables: { id: later.id },
      token: doctor.token,
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_STARTED' });
    expect(response.errors?.[0]?.message).toBe('Cannot complete an appointment that has not started yet.');
  });

  it('holds a patient to the cut-off before the start, but not the doctor', async () => {
    const soon = await appointmentIn(AppointmentStatus.CONFIRMED, 1);
    const late = await gql(app, `mutation ($id: ID!) { cancelAppointment(id: $id) { status } }`, {
      variables: { id: soon.id },
      token: patient.token,
    });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CUTOFF_PASSED' });
    const moved = await gql(
      app,
      `mutation ($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { status } }`,
      {
        variables: {
          id: soon.id,
          at: new Date(Date.now() + 30 * 86_400_000)
            .toISOString()
            .replace(/:\d\d\.\d+Z$/, ':00.000Z')
            .replace(/T(\d\d):\d\d/, 'T$1:00'),
        },
        token: patient.token,
      },
    );
    expect(moved.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const byDoctor = await gql<{ cancelAppointment: { status: string } }>(
      app,
      `mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Doctor unwell") { status } }`,
      {
        variables: { id: soon.id },
        token: doctor.token,
      },
    );
    expect(byDoctor.data?.cancelAppointment.status).toBe('CANCELLED');
  });

  it('records who changed what, when and why', async () => {
    const appointment = await appointmentIn(AppointmentStatus.REQUESTED, 72);
    await gql(app, `mutation ($id: ID!) { confirmAppointment(id: $id) { status } }`, {
      variables: { id: appointment.id },
      token: doctor.token,
    });
    await gql(app, `mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Travelling") { status } }`, {
      variables: { id: appointment.id },
      token: patient.token,
    });
    const changes = await database.query(
      `select kind, from_status, to_status, changed_by_id, reason from appointment_change where appointment_id = $1 order by created_at`,
      [appointment.id],
    );
    expect(changes).toEqual([
      {
        kind: 'CONFIRMED',
        from_status: 'REQUESTED',
        to_status: 'CONFIRMED',
        changed_by_id: doctor.user.id,
        reason: null,
      },
      {
        kind: 'CANCELLED',
        from_status: 'CONFIRMED',
        to_status: 'CANCELLED',
        changed_by_id: patient.user.id,
        reason: 'Travelling',
      },
    ]);
    const [stored] = await database.query(`select cancellation_reason from appointment where id = $1`, [
      appointment.id,
    ]);
    expect(stored).toEqual({ cancellation_reason: 'Travelling' });
  });
});
