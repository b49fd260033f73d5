import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from '../prescriptions/prescription-item.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecordVersion } from '../records/medical-record-version.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { RecordType } from '../records/record.types.js';
import { AppointmentStatus } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';

const QUERY = `{ appointments(first: 100) { edges { node {
  patient { firstName allergies }
  doctor { lastName }
  prescriptions { items { medication } }
  medicalRecords { diagnoses { code } } } } } }`;

interface Page {
  appointments: { edges: { node: { prescriptions: { items: unknown[] }[]; medicalRecords: unknown[] } }[] };
}

let app: Application;
let factory: Factory;
const statements: string[] = [];

/** A doctor with `count` past visits of distinct patients, each with a record and a prescription. */
async function doctorWithVisits(count: number): Promise<Account<Doctor>> {
  const doctor = await factory.doctor();
  const em = app.orm.em.fork();
  const doctorRef = em.getReference(Doctor, doctor.profile.id);
  for (let index = 0; index < count; index += 1) {
    const user = em.create(User, {
      email: `visit-${count}-${index}-${doctor.profile.id.slice(0, 6)}@example.com`,
      passwordHash: 'x',
      role: Role.PATIENT,
    });
    const patient = em.create(Patient, {
      user,
      firstName: `P${index}`,
      lastName: 'Load',
      dateOfBirth: '1970-01-01',
      allergies: ['Latex'],
    });
    const startsAt = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000);
    const appointment = em.create(Appointment, {
      patient,
      doctor: doctorRef,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      status: AppointmentStatus.COMPLETED,
    });
    const content = {
      type: RecordType.CONSULTATION,
      recordedAt: startsAt,
      diagnoses: [{ code: 'J06.9', description: 'URI' }],
    };
    const record = em.create(MedicalRecord, { ...content, patient, doctor: doctorRef, appointment });
    em.create(MedicalRecordVersion, { ...content, record, author: doctorRef });
    const prescription = em.create(Prescription, {
      patient,
      doctor: doctorRef,
      appointment,
      issuedAt: startsAt,
      completesAt: startsAt,
    });
    em.create(PrescriptionItem, {
      prescription,
      position: 0,
      medication: 'Amoxicillin',
      dosage: '500 mg',
      frequency: 'tid',
      durationDays: 5,
    });
    em.create(PrescriptionItem, {
      prescription,
      position: 1,
      medication: 'Ibuprofen',
      dosage: '400 mg',
      frequency: 'tid',
      durationDays: 3,
    });
  }
  await em.flush();
  return doctor;
}

/** The SQL statements one request sends, captured from the ORM's query log. */
async function statementsOf(token: string): Promise<{ count: number; page: Page }> {
  statements.length = 0;
  const page = expectData(await gql<Page>(app, QUERY, { token }));
  return { count: statements.length, page };
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

describe('appointments with everything a client can follow', () => {
  it('sends the same few statements for 10 and for 200 appointments (no N+1)', async () => {
    const small = await doctorWithVisits(10);
    const large = await doctorWithVisits(200);

    const ten = await statementsOf(small.token);
    const hundred = await statementsOf(large.token);

    expect(ten.page.appointments.edges).toHaveLength(10);
    expect(hundred.page.appointments.edges).toHaveLength(100);
    expect(
      hundred.page.appointments.edges.every(
        ({ node }) => node.prescriptions[0]?.items.length === 2 && node.medicalRecords.length === 1,
      ),
    ).toBe(true);
    expect(hundred.count).toBe(ten.count);
    // The session, then one statement per level: the page (with patients, doctors and the access
    // facts), the visits' prescriptions and records, the prescriptions' items; then the audit.
    expect(hundred.count, statements.join('\n')).toBe(5);
  });
});

const WEEK = `query ($from: DateTime!, $to: DateTime!) {
  appointments(filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }, first: 100) {
    totalCount edges { node { id startsAt status reason patient { id firstName allergies } } } } }`;

describe("the doctor's week", () => {
  it('is one statement with its patients, total and access facts, whatever its size; every chart read audited', async () => {
    const doctor = await doctorWithVisits(30);
    const week = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' };
    const read = async (variables: Record<string, string>) => {
      statements.length = 0;
      const data = expectData(
        await gql<{
          appointments: { totalCount: number; edges: { node: { patient: { id: string; allergies: string[] } } }[] };
        }>(app, WEEK, { token: doctor.token, variables }),
      );
      return { data, sent: [...statements] };
    };
    const all = await read(week);
    const few = await read({ from: week.from, to: '2026-01-01T03:00:00.000Z' });

    expect(all.data.appointments.totalCount).toBe(24);
    expect(all.data.appointments.edges.every(({ node }) => node.patient.allergies[0] === 'Latex')).toBe(true);
    expect(few.data.appointments.totalCount).toBe(3);
    // A token's first request: the session check, the page (patients joined as columns, count as a
    // window, care facts joined laterally: one index probe per patient), the audit.
    expect(all.sent, all.sent.join('\n')).toHaveLength(3);
    expect(all.sent[1]).toMatch(/j0\."allergies" as "j0\.allergies".*count\(\*\) over \(\)/s);
    // Over HTTP, the JSON path (server/json-read.ts) answers; the nodes being plain columns, it
    // writes their JSON from the rows read: PostgreSQL only reads them.
    expect(all.sent[1]).not.toContain('"__json"');
    expect(all.sent[1]).toMatch(/left join lateral .*"__care"/s);
    // Of the patients, only the columns of the fields asked for (and the account's id).
    expect(all.sent[1]).toContain('j0."first_name"');
    for (const unasked of ['last_name', 'insurance', 'emergency_contacts', 'surgeries', 'search_text']) {
      expect(all.sent[1]).not.toContain(`j0."${unasked}"`);
    }
    // And of the appointments (ids of every relation kept: the row guards and resolvers follow them).
    expect(all.sent[1]).toContain('"t"."reason"');
    expect(all.sent[1]).toContain('"t"."doctor_id"');
    expect(all.sent[1]).not.toContain('"t"."cancellation_reason"');
    expect(all.sent[1]).not.toContain('"t".*');
    // Then the page alone: this process remembers the session's check (session-cache.ts) and that
    // these three patients' reads by this doctor were logged minutes ago (audit-trail.ts).
    expect(few.sent, few.sent.join('\n')).toHaveLength(1);
    expect(few.sent[0]).toContain('"__care"');
    // Reading the allergies opened each patient's chart: one audit row per patient, by this doctor.
    const audited = await app.orm.em
      .fork()
      .execute<{ patient_id: string }[]>(
        `select patient_id from audit_entry where action = 'READ' and entity_type = 'Patient' and actor_id = ?`,
        [doctor.user.id],
      );
    expect(new Set(audited.map((row) => row.patient_id))).toEqual(
      new Set(all.data.appointments.edges.map(({ node }) => node.patient.id)),
    );
    // Stored as one row per request and entity type, the patients' ids as an array.
    const stored = await app.orm.em
      .fork()
      .execute<{ entity_type: string; patients: number }[]>(
        `select entity_type, cardinality(patient_ids) as patients from audit_event where action = 'READ' and actor_id = ?`,
        [doctor.user.id],
      );
    expect(stored).toEqual([{ entity_type: 'Patient', patients: audited.length }]);
  });

  it('reads every column of the patient when a field is computed (email through the account), and answers it', async () => {
    const doctor = await doctorWithVisits(2);
    statements.length = 0;
    const data = expectData(
      await gql<{
        appointments: { edges: { node: { patient: { lastName: string; email: string; insurance: unknown } } }[] };
      }>(
        app,
        `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to }, first: 10) {
          edges { node { patient { lastName email insurance { provider } } } } } }`,
        { token: doctor.token, variables: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' } },
      ),
    );
    expect(data.appointments.edges).toHaveLength(2);
    for (const { node } of data.appointments.edges) {
      expect(node.patient.lastName).toBeTruthy();
      expect(node.patient.email).toContain('@');
    }
    expect(statements.some((sql) => sql.includes('j0."search_text"'))).toBe(true);
  });

  it("brings each patient's standing with the rows: care, a cancelled visit only, an emergency grant", async () => {
    const doctor = await factory.doctor();
    const [cared, cancelledOnly, granted] = [await factory.patient(), await factory.patient(), await factory.patient()];
    const day = Date.UTC(2026, 2, 3, 8);
    await factory.appointment(cared.profile, doctor.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: new Date(day),
    });
    await factory.appointment(cancelledOnly.profile, doctor.profile, {
      status: AppointmentStatus.CANCELLED,
      startsAt: new Date(day + 3_600_000),
    });
    await factory.appointment(granted.profile, doctor.profile, {
      status: AppointmentStatus.CANCELLED,
      startsAt: new Date(day + 7_200_000),
    });
    const grant = await factory.emergencyGrant(doctor.profile, granted.profile);
    const week = (fields: string, from = day, to = day + 86_400_000) => {
      statements.length = 0;
      return gql<{ appointments: { edges: { node: { patient: { id: string } } }[] } }>(
        app,
        `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to, status: [CONFIRMED, CANCELLED] }, first: 10) {
          edges { node { id patient { ${fields} } } } } }`,
        { token: doctor.token, variables: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } },
      );
    };
    // Each booking shows its patient's name to the doctor.
    const names = expectData(await week('id firstName'));
    expect(names.appointments.edges.map(({ node }) => node.patient.id)).toEqual([
      cared.profile.id,
      cancelledOnly.profile.id,
      granted.profile.id,
    ]);
    // The chart: open under care and under the grant, not for a cancelled visit only. The page with
    // the facts, then the audit (the session's check is remembered from the first request): no
    // check asked the database again.
    const charts = await week('id allergies');
    expect(statements, statements.join('\n')).toHaveLength(2);
    expect(charts.errors?.map((error) => [error.path?.join('.'), error.extensions?.['code']])).toEqual([
      ['appointments.edges.1.node.patient.allergies', 'FORBIDDEN'],
    ]);
    // Read under the grant: audited as an emergency, with its reason.
    expectData(await week('id allergies', day + 7_200_000));
    const audited = await app.orm.em
      .fork()
      .execute<{ emergency: boolean; reason: string | null }[]>(
        `select emergency, reason from audit_entry where action = 'READ' and actor_id = ? and patient_id = ?`,
        [doctor.user.id, granted.profile.id],
      );
    expect(audited).toContainEqual({ emergency: true, reason: grant.reason });
  });

  it('guards read rows as entities: an administrator sees the week but not its clinical fields', async () => {
    await doctorWithVisits(2);
    const admin = await factory.admin();
    const result = await gql<{ appointments: unknown }>(
      app,
      `{ appointments(first: 5) { edges { node { id patient { firstName allergies } } } } }`,
      { token: admin.token },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const names = expectData(
      await gql<{ appointments: { edges: { node: { patient: { firstName: string } } }[] } }>(
        app,
        `{ appointments(first: 5) { edges { node { id patient { firstName } } } } }`,
        { token: admin.token },
      ),
    );
    expect(names.appointments.edges.length).toBeGreaterThan(0);
  });
});
