import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import type { Appointment } from '../modules/appointments/appointment.entity.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { MedicalRecord } from '../modules/records/medical-record.entity.js';
import type { Application } from './bootstrap.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const PROFILE = `query ($id: ID!) { patient(id: $id) { id firstName email } }`;
const CHART = `query ($id: ID!) { patient(id: $id) { id allergies
  medicalRecords { edges { node { id notes diagnoses { code } } } }
  prescriptions { edges { node { id items { medication } } } } } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patientA: Account<Patient>;
let patientB: Account<Patient>;
let caring: Account<Doctor>;
let stranger: Account<Doctor>;
let formerDoctor: Account<Doctor>;
let admin: Account<null>;
let visit: Appointment;
let record: MedicalRecord;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  [patientA, patientB, caring, stranger, formerDoctor, admin] = await Promise.all([
    factory.patient({ allergies: ['Peanuts'] }),
    factory.patient(),
    factory.doctor(),
    factory.doctor(),
    factory.doctor(),
    factory.admin(),
  ]);
  visit = await factory.appointment(patientA.profile, caring.profile, { reason: 'Chest pain at night' });
  await factory.appointment(patientA.profile, formerDoctor.profile, { status: AppointmentStatus.CANCELLED });
  record = await factory.record(patientA.profile, caring.profile, visit);
  await factory.prescription(patientA.profile, caring.profile, visit);
});

describe('a patient profile, asked for directly', () => {
  it('is shown to the patient, their doctor and an administrator', async () => {
    for (const token of [patientA.token, caring.token, admin.token]) {
      expect(
        expectData(
          await gql<{ patient: { id: string } }>(app, PROFILE, { variables: { id: patientA.profile.id }, token }),
        ).patient.id,
      ).toBe(patientA.profile.id);
    }
  });

  it('is FORBIDDEN to another patient and an unrelated doctor', async () => {
    for (const token of [patientB.token, stranger.token]) {
      const response = await gql(app, PROFILE, { variables: { id: patientA.profile.id }, token });
      expectGraphQLError(response, 'FORBIDDEN');
      expect(response.data).toEqual({ patient: null });
    }
  });

  it('gives those callers the same answer for an id that does not exist', async () => {
    for (const token of [patientB.token, stranger.token]) {
      const real = expectGraphQLError(
        await gql(app, PROFILE, { variables: { id: patientA.profile.id }, token }),
        'FORBIDDEN',
      );
      const missing = expectGraphQLError(await gql(app, PROFILE, { variables: { id: MISSING }, token }), 'FORBIDDEN');
      expect(missing.message).toBe(real.message);
    }
    expectGraphQLError(await gql(app, PROFILE, { variables: { id: MISSING }, token: admin.token }), 'NOT_FOUND');
  });

  it('needs a signed-in caller', async () => {
    expectGraphQLError(await gql(app, PROFILE, { variables: { id: patientA.profile.id } }), 'UNAUTHENTICATED');
  });
});

describe('a doctor whose only appointment with the patient was cancelled', () => {
  it('still sees who booked (demographics), but not the chart', async () => {
    const profile = expectData(
      await gql<{ patient: { id: string } }>(app, PROFILE, {
        variables: { id: patientA.profile.id },
        token: formerDoctor.token,
      }),
    );
    expect(profile.patient.id).toBe(patientA.profile.id);
    expectGraphQLError(
      await gql(app, CHART, { variables: { id: patientA.profile.id }, token: formerDoctor.token }),
      'FORBIDDEN',
    );
    const history = await gql(app, `query ($id: ID!) { patient(id: $id) { appointments { edges { node { id } } } } }`, {
      variables: { id: patientA.profile.id },
      token: formerDoctor.token,
    });
    expectGraphQLError(history, 'FORBIDDEN');
  });
});

describe('clinical content', () => {
  it('is readable by the patient and the caring doctor', async () => {
    for (const token of [patientA.token, caring.token]) {
      const data = expectData(
        await gql<{
          patient: { allergies: string[]; medicalRecords: { edges: unknown[] }; prescriptions: { edges: unknown[] } };
        }>(app, CHART, { variables: { id: patientA.profile.id }, token }),
      );
      expect(data.patient.allergies).toEqual(['Peanuts']);
      expect(data.patient.medicalRecords.edges).toHaveLength(1);
      expect(data.patient.prescriptions.edges).toHaveLength(1);
    }
  });

  it('is FORBIDDEN to administrators, field by field, while demographics stay readable', async () => {
    for (const field of [
      'allergies',
      'bloodGroup',
      'chronicConditions',
      'medicalRecords { totalCount }',
      'prescriptions { totalCount }',
      'timeline { totalCount }',
    ]) {
      const response = await gql(app, `query ($id: ID!) { patient(id: $id) { firstName ${field} } }`, {
        variables: { id: patientA.profile.id },
        token: admin.token,
      });
      expect(expectGraphQLError(response, 'FORBIDDEN').message).toBe(
        'Clinical content is not available to administrators.',
      );
    }
    const reason = await gql(app, `query ($id: ID!) { appointment(id: $id) { status reason } }`, {
      variables: { id: visit.id },
      token: admin.token,
    });
    expectGraphQLError(reason, 'FORBIDDEN');
    const status = expectData(
      await gql<{ appointment: { status: string } }>(app, `query ($id: ID!) { appointment(id: $id) { status } }`, {
        variables: { id: visit.id },
        token: admin.token,
      }),
    );
    expect(status.appointment.status).toBe('CONFIRMED');
  });
});

describe('nested paths', () => {
  it('refuses another patient an appointment, whatever they select', async () => {
    const response = await gql(
      app,
      `query ($id: ID!) { appointment(id: $id) { id patient { medicalRecords { edges { node { notes } } } } } }`,
      {
        variables: { id: visit.id },
        token: patientB.token,
      },
    );
    expectGraphQLError(response, 'FORBIDDEN');
    expect(response.data).toEqual({ appointment: null });
    expect(JSON.stringify(response)).not.toContain('Secret clinical note');
  });

  it('refuses an administrator the records and prescriptions behind an appointment', async () => {
    for (const selection of [
      'medicalRecords { notes }',
      'prescriptions { id }',
      'patient { medicalRecords { edges { node { notes } } } }',
    ]) {
      const response = await gql(app, `query ($id: ID!) { appointment(id: $id) { id ${selection} } }`, {
        variables: { id: visit.id },
        token: admin.token,
      });
      expectGraphQLError(response, 'FORBIDDEN');
      expect(JSON.stringify(response)).not.toContain('Secret clinical note');
    }
  });

  it('narrows lists to what the caller may see, whatever the filter asks', async () => {
    const query = `query ($p: ID) { appointments(filter: { patientId: $p }) { totalCount edges { node { id } } } }`;
    const asStranger = expectData(
      await gql<{ appointments: { totalCount: number } }>(app, query, {
        variables: { p: patientA.profile.id },
        token: stranger.token,
      }),
    );
    expect(asStranger.appointments.totalCount).toBe(0);
    const asOtherPatient = expectData(
      await gql<{ appointments: { totalCount: number } }>(app, query, {
        variables: { p: patientA.profile.id },
        token: patientB.token,
      }),
    );
    expect(asOtherPatient.appointments.totalCount).toBe(0);
    const asAdmin = expectData(
      await gql<{ appointments: { totalCount: number } }>(app, query, {
        variables: { p: patientA.profile.id },
        token: admin.token,
      }),
    );
    expect(asAdmin.appointments.totalCount).toBe(2);
  });

  it('keeps patients out of the patient directory and doctors to their own patients', async () => {
    expectGraphQLError(await gql(app, `{ patients { totalCount } }`, { token: patientA.token }), 'FORBIDDEN');
    const mine = expectData(
      await gql<{ patients: { edges: { node: { id: string } }[] } }>(
        app,
        `{ patients(first: 100) { edges { node { id } } } }`,
        { token: caring.token },
      ),
    );
    expect(mine.patients.edges.map((edge) => edge.node.id)).toEqual([patientA.profile.id]);
    const none = expectData(
      await gql<{ patients: { totalCount: number } }>(app, `{ patients { totalCount } }`, {
        token: formerDoctor.token,
      }),
    );
    expect(none.patients.totalCount).toBe(0);
  });

  it('lets the patient follow their own appointments back to their own chart', async () => {
    const data = expectData(
      await gql<{ me: { patient: { appointments: { edges: { node: { patient: { id: string } } }[] } } } }>(
        app,
        `{ me { patient { appointments { edges { node { reason patient { id allergies } doctor { lastName } medicalRecords { notes } } } } } } }`,
        { token: patientA.token },
      ),
    );
    expect(data.me.patient.appointments.edges.every((edge) => edge.node.patient.id === patientA.profile.id)).toBe(true);
  });
});

describe('emergency access', () => {
  it('opens the chart to a doctor for the grant’s lifetime, audited as an emergency with its reason', async () => {
    const doctor = await factory.doctor();
    const { profile: patient } = await factory.patient();
    expectGraphQLError(await gql(app, CHART, { variables: { id: patient.id }, token: doctor.token }), 'FORBIDDEN');
    const grant = await factory.emergencyGrant(doctor.profile, patient);
    expectData(await gql(app, CHART, { variables: { id: patient.id }, token: doctor.token }));
    const events = await database.query<{ action: string; emergency: boolean; reason: string }>(
      `select action, emergency, reason from audit_entry where patient_id = $1 and actor_id = $2`,
      [patient.id, doctor.user.id],
    );
    expect(events).toEqual([{ action: 'READ', emergency: true, reason: grant.reason }]);

    await database.query(`update emergency_grant set expires_at = now() - interval '1 second' where id = $1`, [
      grant.id,
    ]);
    expectGraphQLError(await gql(app, CHART, { variables: { id: patient.id }, token: doctor.token }), 'FORBIDDEN');
  });
});

describe('the audit trail of reads', () => {
  it('records one event per entity per request, in one insert, without clinical text', async () => {
    const doctor = await factory.doctor();
    const { profile: patient } = await factory.patient();
    const appointment = await factory.appointment(patient, doctor.profile);
    const written = await factory.record(patient, doctor.profile, appointment);
    const twice = `query ($id: ID!) { a: patient(id: $id) { firstName medicalRecords { edges { node { notes } } } } b: patient(id: $id) { lastName } }`;
    expectData(await gql(app, twice, { variables: { id: patient.id }, token: doctor.token }));
    const events = await database.query<Record<string, unknown>>(
      `select * from audit_entry where patient_id = $1 order by entity_type`,
      [patient.id],
    );
    expect(events.map((event) => [event['action'], event['entity_type'], event['entity_id']])).toEqual([
      ['READ', 'MedicalRecord', written.id],
      ['READ', 'Patient', patient.id],
    ]);
    expect(new Set(events.map((event) => event['request_id'])).size).toBe(1);
    expect(
      events.every(
        (event) =>
          event['actor_id'] === doctor.user.id && event['actor_role'] === 'DOCTOR' && event['emergency'] === false,
      ),
    ).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Secret clinical note|J06|Cough/);
  });

  it('records reads of an appointment’s clinical detail by another doctor, not of its schedule nor the own doctor’s calendar', async () => {
    const doctor = await factory.doctor();
    const colleague = await factory.doctor();
    const { profile: patient } = await factory.patient();
    const appointment = await factory.appointment(patient, doctor.profile);
    await factory.appointment(patient, colleague.profile);
    for (const token of [doctor.token, colleague.token]) {
      expectData(
        await gql(app, `query ($id: ID!) { appointment(id: $id) { startsAt status patient { firstName } } }`, {
          variables: { id: appointment.id },
          token,
        }),
      );
    }
    expectData(
      await gql(app, `query ($id: ID!) { appointment(id: $id) { reason } }`, {
        variables: { id: appointment.id },
        token: doctor.token,
      }),
    );
    // Schedules and the own doctor's reading of why the patient comes: nothing logged.
    expect(await database.query(`select 1 from audit_entry where patient_id = $1`, [patient.id])).toHaveLength(0);
    expectData(
      await gql(app, `query ($id: ID!) { appointment(id: $id) { reason } }`, {
        variables: { id: appointment.id },
        token: colleague.token,
      }),
    );
    expect(
      await database.query(`select action, actor_id from audit_entry where entity_id = $1`, [appointment.id]),
    ).toEqual([{ action: 'READ', actor_id: colleague.user.id }]);
  });

  it('logs a chart opened again and again within minutes once, and every emergency read', async () => {
    const doctor = await factory.doctor();
    const { profile: patient } = await factory.patient();
    await factory.appointment(patient, doctor.profile);
    for (let refresh = 0; refresh < 3; refresh++) {
      expectData(await gql(app, PROFILE, { variables: { id: patient.id }, token: doctor.token }));
    }
    expect(
      await database.query(`select action, entity_type from audit_entry where patient_id = $1`, [patient.id]),
    ).toEqual([{ action: 'READ', entity_type: 'Patient' }]);
    // Ten minutes later it is a new opening.
    // (The trail is append-only: the test steps around its trigger to age the row.)
    await database.query(
      `begin; set local session_replication_role = replica;
       update audit_event set at = at - interval '11 minutes' where patient_id = '${patient.id}'; commit;`,
    );
    // The API process's clock moves on too: it remembers the reads it logged until their minutes are over.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 11 * 60_000);
      expectData(await gql(app, PROFILE, { variables: { id: patient.id }, token: doctor.token }));
    } finally {
      vi.useRealTimers();
    }
    expect(await database.query(`select 1 from audit_entry where patient_id = $1`, [patient.id])).toHaveLength(2);

    const stranger = await factory.doctor();
    await factory.emergencyGrant(stranger.profile, patient);
    for (let refresh = 0; refresh < 2; refresh++) {
      expectData(await gql(app, PROFILE, { variables: { id: patient.id }, token: stranger.token }));
    }
    expect(
      await database.query(`select emergency from audit_entry where patient_id = $1 and actor_id = $2`, [
        patient.id,
        stranger.user.id,
      ]),
    ).toEqual([{ emergency: true }, { emergency: true }]);
  });

  it('shows a patient who else looked at their chart, and an administrator everything', async () => {
    const doctor = await factory.doctor();
    const patient = await factory.patient();
    await factory.appointment(patient.profile, doctor.profile);
    expectData(await gql(app, PROFILE, { variables: { id: patient.profile.id }, token: doctor.token }));
    expectData(await gql(app, PROFILE, { variables: { id: patient.profile.id }, token: patient.token }));
    const log = expectData(
      await gql<{
        myAccessLog: { totalCount: number; edges: { node: { actorId: string; actorName: string; action: string } }[] };
      }>(app, `{ myAccessLog { totalCount edges { node { actorId actorName action entityType emergency } } } }`, {
        token: patient.token,
      }),
    );
    expect(log.myAccessLog.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        actorId: doctor.user.id,
        action: 'READ',
        actorName: `Dr ${doctor.profile.firstName} ${doctor.profile.lastName} (General Practice)`,
      }),
    ]);
    const trail = expectData(
      await gql<{ auditEvents: { totalCount: number } }>(
        app,
        `query ($p: ID) { auditEvents(patientId: $p) { totalCount } }`,
        { variables: { p: patient.profile.id }, token: admin.token },
      ),
    );
    expect(trail.auditEvents.totalCount).toBe(2);
    expectGraphQLError(await gql(app, `{ auditEvents { totalCount } }`, { token: doctor.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, `{ myAccessLog { totalCount } }`, { token: admin.token }), 'FORBIDDEN');
  });
});

describe('a record read through any path', () => {
  it('is the same record with the same guard', async () => {
    const viaChart = expectData(
      await gql<{ patient: { medicalRecords: { edges: { node: { id: string } }[] } } }>(app, CHART, {
        variables: { id: patientA.profile.id },
        token: caring.token,
      }),
    );
    expect(viaChart.patient.medicalRecords.edges[0]?.node.id).toBe(record.id);
    const viaAppointment = await gql(app, `query ($id: ID!) { appointment(id: $id) { medicalRecords { id } } }`, {
      variables: { id: visit.id },
      token: stranger.token,
    });
    expectGraphQLError(viaAppointment, 'FORBIDDEN');
  });
});

describe('the audit trail in plain words', () => {
  it('lets an administrator filter by a doctor’s or a patient’s name, and dates what a patient’s chart entry was', async () => {
    const doctor = await factory.doctor({ lastName: `Namefilter${Date.now().toString(36)}` });
    const patient = await factory.patient({ lastName: `Chartowner${Date.now().toString(36)}` });
    const appointment = await factory.appointment(patient.profile, doctor.profile);
    const written = await factory.record(patient.profile, doctor.profile, appointment);
    expectData(
      await gql(app, `query ($id: ID!) { medicalRecord(id: $id) { id } }`, {
        variables: { id: written.id },
        token: doctor.token,
      }),
    );
    const admin = await factory.admin();
    const BY_NAME = `query ($n: String) { auditEvents(name: $n) { edges { node { actorId patientId entityType } } } }`;
    type Trail = { auditEvents: { edges: { node: { actorId: string; patientId: string; entityType: string } }[] } };
    const byDoctor = expectData(
      await gql<Trail>(app, BY_NAME, { variables: { n: doctor.profile.lastName.toUpperCase() }, token: admin.token }),
    );
    expect(byDoctor.auditEvents.edges.map((e) => e.node)).toEqual([
      { actorId: doctor.user.id, patientId: patient.profile.id, entityType: 'MedicalRecord' },
    ]);
    const byPatient = expectData(
      await gql<Trail>(app, BY_NAME, { variables: { n: patient.profile.lastName }, token: admin.token }),
    );
    expect(byPatient.auditEvents.edges.map((e) => e.node.patientId)).toEqual([patient.profile.id]);
    const nobody = expectData(await gql<Trail>(app, BY_NAME, { variables: { n: 'zz-nobody-zz' }, token: admin.token }));
    expect(nobody.auditEvents.edges).toEqual([]);

    const log = expectData(
      await gql<{ myAccessLog: { edges: { node: { entityType: string; entityDate: string | null } }[] } }>(
        app,
        `{ myAccessLog { edges { node { entityType entityDate } } } }`,
        { token: patient.token },
      ),
    );
    expect(log.myAccessLog.edges.map((e) => e.node)).toEqual([
      { entityType: 'MedicalRecord', entityDate: written.recordedAt.toISOString() },
    ]);
  });
});
