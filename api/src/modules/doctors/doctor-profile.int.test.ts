import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';

const UPDATE = `mutation ($id: ID!, $input: UpdateDoctorInput!) {
  updateDoctor(id: $id, input: $input) {
    id firstName lastName specialization licenseNumber timezone bio qualifications
    fee { amount currency } department { id name }
  } }`;

interface Profile {
  id: string;
  firstName: string;
  lastName: string;
  specialization: string;
  licenseNumber: string;
  timezone: string;
  bio: string | null;
  qualifications: string[];
  fee: { amount: string; currency: string } | null;
  department: { id: string; name: string };
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let admin: Account<null>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  admin = await factory.admin();
});

const update = (token: string, id: string, input: Record<string, unknown>) =>
  gql<{ updateDoctor: Profile }>(app, UPDATE, { token, variables: { id, input } });

/** The doctor's row as stored, and the profile changes audited for them. */
async function stored(doctorId: string) {
  const [row] = await database.query(
    `select first_name, last_name, specialization, license_number, timezone, consultation_fee::text as fee,
            fee_currency, department_id, bio, qualifications
       from doctor where id = $1`,
    [doctorId],
  );
  const audited = await database.query<{ action: string; reason: string; actor_id: string }>(
    `select action, reason, actor_id from audit_event where entity_type = 'Doctor' and entity_id = $1 order by at`,
    [doctorId],
  );
  return { row, audited };
}

describe('an administrator changing a doctor’s profile', () => {
  it('changes the fields given, leaves the others, and audits which fields changed (no values)', async () => {
    const doctor = await factory.doctor({ feeAmount: '80.00', feeCurrency: 'EUR' });
    const { department } = await factory.hospital({ currency: 'GBP' });
    const changed = expectData(
      await update(admin.token, doctor.profile.id, {
        lastName: '  Hartmann ',
        specialization: 'cardiology',
        licenseNumber: 'LIC-NEW-42',
        departmentId: department.id,
        fee: { amount: '95.5', currency: 'GBP' },
        qualifications: [' MBBS ', '', 'MRCP'],
      }),
    ).updateDoctor;
    expect(changed).toMatchObject({
      firstName: 'Gregory',
      lastName: 'Hartmann',
      specialization: 'Cardiology',
      licenseNumber: 'LIC-NEW-42',
      timezone: 'Europe/Berlin',
      fee: { amount: '95.50', currency: 'GBP' },
      department: { id: department.id },
      qualifications: ['MBBS', 'MRCP'],
      bio: null,
    });
    const { row, audited } = await stored(doctor.profile.id);
    expect(row).toMatchObject({
      last_name: 'Hartmann',
      fee: '95.5000',
      fee_currency: 'GBP',
      department_id: department.id,
    });
    expect(audited).toEqual([
      {
        action: 'UPDATE',
        reason: 'Changed: lastName, specialization, licenseNumber, departmentId, fee, qualifications',
        actor_id: admin.user.id,
      },
    ]);

    // Cleared: no fee, no bio. The same values again change nothing and are not audited.
    const cleared = expectData(await update(admin.token, doctor.profile.id, { fee: null, bio: null })).updateDoctor;
    expect(cleared).toMatchObject({ fee: null, bio: null, lastName: 'Hartmann' });
    expectData(await update(admin.token, doctor.profile.id, { lastName: 'Hartmann', fee: null }));
    expect((await stored(doctor.profile.id)).audited.map((event) => event.reason)).toEqual([
      'Changed: lastName, specialization, licenseNumber, departmentId, fee, qualifications',
      'Changed: fee',
    ]);
  });

  it('refuses bad input with every field named, and writes nothing', async () => {
    const doctor = await factory.doctor();
    const before = await stored(doctor.profile.id);
    const bad = expectGraphQLError(
      await update(admin.token, doctor.profile.id, {
        firstName: null,
        lastName: '',
        timezone: 'Mars/Olympus',
        specialization: 'Astrology',
        licenseNumber: 'no spaces please',
        bio: 'x'.repeat(2001),
      }),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions.fields?.map((problem) => problem.field).sort()).toEqual(
      ['input.bio', 'input.lastName', 'input.licenseNumber'].sort(),
    );
    // The input's own shape first; then what needs the database or the zone list.
    const semantic = expectGraphQLError(
      await update(admin.token, doctor.profile.id, {
        firstName: null,
        timezone: 'Mars/Olympus',
        specialization: 'Astrology',
      }),
      'BAD_USER_INPUT',
    );
    expect(semantic.extensions.fields?.map((problem) => problem.field).sort()).toEqual([
      'input.firstName',
      'input.specialization',
      'input.timezone',
    ]);
    const fee = expectGraphQLError(
      await update(admin.token, doctor.profile.id, { fee: { amount: '80.123', currency: 'EUR' } }),
      'BAD_USER_INPUT',
    );
    expect(fee.extensions.fields?.[0]?.field).toBe('input.fee.amount');
    const department = expectGraphQLError(
      await update(admin.token, doctor.profile.id, {
        lastName: 'Changed',
        departmentId: '00000000-0000-4000-8000-00000000dead',
      }),
      'BAD_USER_INPUT',
    );
    expect(department.extensions.fields?.[0]?.field).toBe('input.departmentId');
    expect(
      (await update(admin.token, '00000000-0000-4000-8000-00000000dead', { bio: 'x' })).errors?.[0]?.extensions.code,
    ).toBe('NOT_FOUND');

    const other = await factory.doctor();
    const taken = expectGraphQLError(
      await update(admin.token, doctor.profile.id, { lastName: 'Changed', licenseNumber: other.profile.licenseNumber }),
      'CONFLICT',
    );
    expect(taken.extensions['reason']).toBe('LICENSE_TAKEN');
    expect(await stored(doctor.profile.id)).toEqual(before);
  });
});

describe('who may change a doctor’s profile', () => {
  it('lets the doctor change their own bio and qualifications only; nobody else but an administrator', async () => {
    const doctor = await factory.doctor();
    const own = expectData(
      await update(doctor.token, doctor.profile.id, { bio: 'Sees adults and teenagers.', qualifications: ['MD'] }),
    ).updateDoctor;
    expect(own).toMatchObject({ bio: 'Sees adults and teenagers.', qualifications: ['MD'] });
    expect((await stored(doctor.profile.id)).audited).toEqual([
      { action: 'UPDATE', reason: 'Changed: bio, qualifications', actor_id: doctor.user.id },
    ]);

    const licence = expectGraphQLError(
      await update(doctor.token, doctor.profile.id, { bio: 'Also this', licenseNumber: 'LIC-MINE', fee: null }),
      'FORBIDDEN',
    );
    expect(licence.message).toBe('Only an administrator may change: licenseNumber, fee.');
    const colleague = await factory.doctor();
    expectGraphQLError(await update(colleague.token, doctor.profile.id, { bio: 'Not mine' }), 'FORBIDDEN');
    const patient = await factory.patient();
    expectGraphQLError(await update(patient.token, doctor.profile.id, { bio: 'Not mine' }), 'FORBIDDEN');
    expectGraphQLError(await update('', doctor.profile.id, { bio: 'Not mine' }), 'UNAUTHENTICATED');
    expect((await stored(doctor.profile.id)).row).toMatchObject({ bio: 'Sees adults and teenagers.' });
  });
});

describe('a doctor moving to another time zone', () => {
  it('is refused while a booked appointment would fall outside their hours read there, and allowed where none would', async () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startTime: '09:00',
      endTime: '17:00',
      slotMinutes: 30,
    }));
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, weekdays);
    const patient = await factory.patient();
    // Monday at 10:00 in Berlin, more than a week ahead: 04:00 in New York, 10:00 in Paris.
    const monday = DateTime.now().setZone('Europe/Berlin').plus({ weeks: 1 }).startOf('week').set({ hour: 10 });
    const appointment = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: monday.toJSDate(),
    });

    // What the move would strand, asked first (as the dashboard lists it to cancel or move).
    const affected = async (timezone: string) =>
      expectData(
        await gql<{ affectedAppointments: { id: string }[] }>(
          app,
          'query ($input: ScheduleChangeInput!) { affectedAppointments(input: $input) { id } }',
          { token: admin.token, variables: { input: { doctorId: doctor.profile.id, timezone } } },
        ),
      ).affectedAppointments.map((a) => a.id);
    expect(await affected('America/New_York')).toEqual([appointment.id]);
    expect(await affected('Europe/Paris')).toEqual([]);
    const badZone = expectGraphQLError(
      await gql(app, 'query ($input: ScheduleChangeInput!) { affectedAppointments(input: $input) { id } }', {
        token: admin.token,
        variables: { input: { doctorId: doctor.profile.id, timezone: 'Mars/Olympus' } },
      }),
      'BAD_USER_INPUT',
    );
    expect(badZone.extensions.fields).toEqual([
      { field: 'input.timezone', message: 'must be an IANA time zone, e.g. Europe/Berlin' },
    ]);
    // The move is an administrator's, so is asking what it would strand (as updateDoctor says).
    expectGraphQLError(
      await gql(app, 'query ($input: ScheduleChangeInput!) { affectedAppointments(input: $input) { id } }', {
        token: doctor.token,
        variables: { input: { doctorId: doctor.profile.id, timezone: 'America/New_York' } },
      }),
      'FORBIDDEN',
    );

    const refused = expectGraphQLError(
      await update(admin.token, doctor.profile.id, { timezone: 'America/New_York' }),
      'CONFLICT',
    );
    expect(refused.extensions).toMatchObject({ reason: 'APPOINTMENTS_AFFECTED', appointmentIds: [appointment.id] });
    expect(refused.message).toMatch(/^In this time zone the doctor’s weekly hours leave out 1 booked appointment\./);
    expect((await stored(doctor.profile.id)).row).toMatchObject({ timezone: 'Europe/Berlin' });

    const moved = expectData(await update(admin.token, doctor.profile.id, { timezone: 'Europe/Paris' })).updateDoctor;
    expect(moved.timezone).toBe('Europe/Paris');
    expect((await stored(doctor.profile.id)).audited.map((event) => event.reason)).toEqual(['Changed: timezone']);
  });
});
