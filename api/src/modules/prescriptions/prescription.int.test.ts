import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { createContext } from '../../server/context.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { PrescriptionService } from './prescription.service.js';

const DAY = 86_400_000;

const FIELDS = `id status notes issuedAt completesAt discontinuedAt discontinuedReason
  items { medication dosage frequency durationDays instructions }
  patient { id firstName } doctor { id lastName } appointment { id }`;
const ISSUE = `mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { ${FIELDS} } }`;
const DISCONTINUE = `mutation ($id: ID!, $reason: String!) {
  discontinuePrescription(id: $id, reason: $reason) { id status discontinuedAt discontinuedReason } }`;
const READ = `query ($id: ID!) { prescription(id: $id) { ${FIELDS} } }`;

interface PrescriptionView {
  id: string;
  status: string;
  notes: string | null;
  issuedAt: string;
  completesAt: string;
  discontinuedAt: string | null;
  discontinuedReason: string | null;
  items: { medication: string; dosage: string; frequency: string; durationDays: number; instructions: string | null }[];
  patient: { id: string; firstName: string };
  doctor: { id: string; lastName: string };
  appointment: { id: string } | null;
}

interface AuditRow {
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  emergency: boolean;
  reason: string | null;
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

/** A patient, a doctor caring for them (a confirmed appointment), and that appointment. */
async function care(): Promise<{ patient: Account<Patient>; doctor: Account<Doctor>; appointment: Appointment }> {
  const patient = await factory.patient({ allergies: ['Latex'] });
  const doctor = await factory.doctor();
  const appointment = await factory.appointment(patient.profile, doctor.profile);
  return { patient, doctor, appointment };
}

const items = () => [
  {
    medication: 'Amoxicillin',
    dosage: '500 mg',
    frequency: 'three times daily',
    durationDays: 7,
    instructions: 'Take with food.',
  },
  { medication: 'Ibuprofen', dosage: '400 mg', frequency: 'every 8 hours as needed', durationDays: 10 },
];

function issue(token: string | undefined, input: Record<string, unknown>) {
  return gql<{ issuePrescription: PrescriptionView }>(app, ISSUE, {
    variables: { input },
    ...(token ? { token } : {}),
  });
}

function read(token: string | undefined, id: string) {
  return gql<{ prescription: PrescriptionView | null }>(app, READ, { variables: { id }, ...(token ? { token } : {}) });
}

async function prescriptionCount(patientId: string): Promise<number> {
  const [row] = await database.query<{ n: string }>(
    `select (select count(*) from prescription where patient_id = $1)
          + (select count(*) from prescription_item i join prescription p on p.id = i.prescription_id
             where p.patient_id = $1) as n`,
    [patientId],
  );
  return Number(row?.n);
}

function auditOf(entityId: string, action?: string): Promise<AuditRow[]> {
  return database.query<AuditRow>(
    `select action, actor_id, actor_role, entity_type, entity_id, patient_id, emergency, reason
     from audit_entry where entity_id = $1 ${action ? 'and action = $2' : ''} order by at`,
    action ? [entityId, action] : [entityId],
  );
}

function pdf(file: string, token?: string, authorization?: string): Promise<Response> {
  const header = authorization ?? (token ? `Bearer ${token}` : undefined);
  return fetch(`${app.url}/prescriptions/${file}`, { headers: header ? { authorization: header } : {} });
}

describe('issuePrescription', () => {
  it('lets a caring doctor issue two items: ACTIVE, completes after the longest course, items in order, audited without clinical text', async () => {
    const { patient, doctor, appointment } = await care();
    const before = Date.now();
    const data = expectData(
      await issue(doctor.token, {
        patientId: patient.profile.id,
        appointmentId: appointment.id,
        items: items(),
        notes: '  Review in two weeks.  ',
      }),
    );
    const prescription = data.issuePrescription;

    expect(prescription.status).toBe('ACTIVE');
    expect(prescription.notes).toBe('Review in two weeks.');
    const issuedAt = Date.parse(prescription.issuedAt);
    expect(issuedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(issuedAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.parse(prescription.completesAt) - issuedAt).toBe(10 * DAY);
    expect(prescription.items).toEqual([
      { ...items()[0], instructions: 'Take with food.' },
      { ...items()[1], instructions: null },
    ]);
    expect(prescription.patient.id).toBe(patient.profile.id);
    expect(prescription.doctor.id).toBe(doctor.profile.id);
    expect(prescription.appointment).toEqual({ id: appointment.id });
    expect(prescription.discontinuedAt).toBeNull();

    const stored = await database.query<{ position: number; medication: string }>(
      `select position, medication from prescription_item where prescription_id = $1 order by position`,
      [prescription.id],
    );
    expect(stored).toEqual([
      { position: 0, medication: 'Amoxicillin' },
      { position: 1, medication: 'Ibuprofen' },
    ]);

    const created = await auditOf(prescription.id, 'CREATE');
    expect(created).toEqual([
      {
        action: 'CREATE',
        actor_id: doctor.user.id,
        actor_role: 'DOCTOR',
        entity_type: 'Prescription',
        entity_id: prescription.id,
        patient_id: patient.profile.id,
        emergency: false,
        reason: null,
      },
    ]);
    const everything = JSON.stringify(await auditOf(prescription.id));
    for (const clinical of ['Amoxicillin', 'Ibuprofen', '500 mg', 'Review in two weeks', 'with food']) {
      expect(everything).not.toContain(clinical);
    }
  });

  it('works without an appointment and under an emergency grant, audited as an emergency', async () => {
    const patient = await factory.patient({ allergies: ['Latex'] });
    const doctor = await factory.doctor();
    await factory.emergencyGrant(doctor.profile, patient.profile);
    const data = expectData(await issue(doctor.token, { patientId: patient.profile.id, items: items().slice(0, 1) }));
    expect(data.issuePrescription.appointment).toBeNull();
    expect(Date.parse(data.issuePrescription.completesAt) - Date.parse(data.issuePrescription.issuedAt)).toBe(7 * DAY);
    const [created] = await auditOf(data.issuePrescription.id, 'CREATE');
    expect(created).toMatchObject({ emergency: true, reason: 'Unconscious in the emergency room' });
  });

  it('refuses an unrelated doctor, a doctor whose only appointment was cancelled, the patient and an admin with FORBIDDEN, and writes nothing', async () => {
    const { patient } = await care();
    const stranger = await factory.doctor();
    const cancelled = await factory.doctor();
    await factory.appointment(patient.profile, cancelled.profile, { status: AppointmentStatus.CANCELLED });
    const admin = await factory.admin();
    const input = { patientId: patient.profile.id, items: items() };

    for (const token of [stranger.token, cancelled.token, patient.token, admin.token]) {
      expectGraphQLError(await issue(token, input), 'FORBIDDEN');
    }
    expectGraphQLError(await issue(undefined, input), 'UNAUTHENTICATED');
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it('refuses no items, and too many, with BAD_USER_INPUT on input.items, writing nothing', async () => {
    const { patient, doctor } = await care();
    const none = expectGraphQLError(
      await issue(doctor.token, { patientId: patient.profile.id, items: [] }),
      'BAD_USER_INPUT',
    );
    expect(none.extensions.fields).toEqual([{ field: 'input.items', message: expect.any(String) as string }]);
    const many = Array.from({ length: 31 }, () => items()[0]);
    const tooMany = expectGraphQLError(
      await issue(doctor.token, { patientId: patient.profile.id, items: many }),
      'BAD_USER_INPUT',
    );
    expect(tooMany.extensions.fields?.map((f) => f.field)).toEqual(['input.items']);
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it.each([0, -3, 3651])('refuses durationDays %i with BAD_USER_INPUT naming the item field', async (durationDays) => {
    const { patient, doctor } = await care();
    const error = expectGraphQLError(
      await issue(doctor.token, {
        patientId: patient.profile.id,
        items: [items()[0], { ...items()[1], durationDays }],
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([
      { field: 'input.items.1.durationDays', message: 'must be 1 to 3650 days' },
    ]);
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it('refuses a blank medication with BAD_USER_INPUT naming the field', async () => {
    const { patient, doctor } = await care();
    const error = expectGraphQLError(
      await issue(doctor.token, { patientId: patient.profile.id, items: [{ ...items()[0], medication: '   ' }] }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields?.map((f) => f.field)).toEqual(['input.items.0.medication']);
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it("refuses another patient's appointment, and an unknown one, with BAD_USER_INPUT on input.appointmentId", async () => {
    const { patient, doctor } = await care();
    const other = await factory.patient({ allergies: ['Latex'] });
    const othersAppointment = await factory.appointment(other.profile, doctor.profile);

    for (const appointmentId of [othersAppointment.id, randomUUID()]) {
      const error = expectGraphQLError(
        await issue(doctor.token, { patientId: patient.profile.id, appointmentId, items: items() }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields?.map((f) => f.field)).toEqual(['input.appointmentId']);
    }
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });
});

describe('issuePrescription: allergy and duplicate-therapy checks', () => {
  const CHECKED = `mutation ($input: IssuePrescriptionInput!) {
    issuePrescription(input: $input) { id allergyOverrideReason overriddenConflicts items { medication } } }`;
  interface Checked {
    id: string;
    allergyOverrideReason: string | null;
    overriddenConflicts: string[];
    items: { medication: string }[];
  }
  const checked = (token: string, input: Record<string, unknown>) =>
    gql<{ issuePrescription: Checked }>(app, CHECKED, { variables: { input }, token });
  const item = (medication: string) => ({ medication, dosage: '1 tablet', frequency: 'twice daily', durationDays: 7 });

  /** A patient allergic to `allergies`, a doctor caring for them and their visit. */
  async function allergic(...allergies: string[]) {
    const patient = await factory.patient({ allergies });
    const doctor = await factory.doctor();
    const appointment = await factory.appointment(patient.profile, doctor.profile);
    return { patient, doctor, appointment };
  }

  it('refuses amoxicillin for a penicillin allergy with CONFLICT ALLERGY_CONFLICT naming the allergy and class, writing nothing', async () => {
    const { patient, doctor, appointment } = await allergic('Latex', 'Penicillin');
    const error = expectGraphQLError(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        appointmentId: appointment.id,
        items: [item('Paracetamol 500 mg'), item('Amoxicillin 500 mg capsules')],
      }),
      'CONFLICT',
    );
    expect(error.extensions).toMatchObject({
      reason: 'ALLERGY_CONFLICT',
      allergy: 'Penicillin',
      medication: 'Amoxicillin 500 mg capsules',
      drugClass: 'Penicillins',
      conflicts: [
        {
          reason: 'ALLERGY_CONFLICT',
          itemIndex: 1,
          medication: 'Amoxicillin 500 mg capsules',
          allergy: 'Penicillin',
          drugClass: 'Penicillins',
        },
      ],
    });
    // The message is for the screen and the logs: no medication, no allergy.
    expect(error.message).not.toMatch(/amoxicillin|penicillin/i);
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it.each([
    ['an allergy to the drug itself, any case, with a strength', ['ibuprofen'], 'IBUPROFEN 400MG'],
    ['a sulfa allergy and co-trimoxazole', ['Sulfa drugs'], 'Co-trimoxazole 960 mg'],
    ['an allergy to one NSAID and another NSAID', ['Aspirin'], 'Naproxen 250 mg'],
    ['a cephalosporin allergy and cefalexin', ['Cephalosporins (rash)'], 'Cefalexin'],
    ['a macrolide allergy and a brand name', ['Macrolide antibiotics'], 'Zithromax 250 mg'],
  ])('matches %s', async (_name, allergies, medication) => {
    const { patient, doctor } = await allergic(...allergies);
    const error = expectGraphQLError(
      await checked(doctor.token, { patientId: patient.profile.id, items: [item(medication)] }),
      'CONFLICT',
    );
    expect(error.extensions).toMatchObject({ reason: 'ALLERGY_CONFLICT', allergy: allergies[0], medication });
  });

  it('does not confuse unrelated drugs: a penicillin allergy allows azithromycin and a cephalosporin', async () => {
    const { patient, doctor } = await allergic('Penicillin', 'Peanuts');
    const data = expectData(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        items: [item('Azithromycin 250 mg'), item('Cefuroxime 500 mg')],
      }),
    );
    expect(data.issuePrescription.overriddenConflicts).toEqual([]);
    expect(data.issuePrescription.allergyOverrideReason).toBeNull();
  });

  it('issues with allergyOverrideReason: stores the reason and audits the override without its text', async () => {
    const { patient, doctor, appointment } = await allergic('Penicillin');
    const reason = 'Tolerated amoxicillin in 2024 without reaction; allergist cleared';
    const data = expectData(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        appointmentId: appointment.id,
        items: [item('Amoxicillin 500 mg')],
        allergyOverrideReason: `  ${reason} `,
      }),
    );
    expect(data.issuePrescription.allergyOverrideReason).toBe(reason);
    expect(data.issuePrescription.overriddenConflicts).toEqual(['ALLERGY_CONFLICT']);
    const [stored] = await database.query<{ allergy_override_reason: string }>(
      `select allergy_override_reason from prescription where id = $1`,
      [data.issuePrescription.id],
    );
    expect(stored?.allergy_override_reason).toBe(reason);
    const override = await auditOf(data.issuePrescription.id, 'OVERRIDE_ALLERGY_CONFLICT');
    expect(override).toEqual([
      {
        action: 'OVERRIDE_ALLERGY_CONFLICT',
        actor_id: doctor.user.id,
        actor_role: 'DOCTOR',
        entity_type: 'Prescription',
        entity_id: data.issuePrescription.id,
        patient_id: patient.profile.id,
        emergency: false,
        reason: null,
      },
    ]);
    expect(JSON.stringify(await auditOf(data.issuePrescription.id))).not.toMatch(/amoxicillin|allergist/i);
  });

  it('refuses a short override reason with BAD_USER_INPUT naming the field', async () => {
    const { patient, doctor } = await allergic('Penicillin');
    const error = expectGraphQLError(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        items: [item('Amoxicillin')],
        allergyOverrideReason: 'ok',
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields?.map((f) => f.field)).toEqual(['input.allergyOverrideReason']);
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
  });

  it('refuses the same drug or class as an active prescription with DUPLICATE_THERAPY naming it; a discontinued one does not count', async () => {
    const { patient, doctor } = await allergic('Latex');
    const first = expectData(
      await checked(doctor.token, { patientId: patient.profile.id, items: [item('Atorvastatin 20 mg')] }),
    ).issuePrescription;

    for (const medication of ['atorvastatin 40mg tablets', 'Simvastatin 20 mg']) {
      const error = expectGraphQLError(
        await checked(doctor.token, { patientId: patient.profile.id, items: [item(medication)] }),
        'CONFLICT',
      );
      expect(error.extensions).toMatchObject({
        reason: 'DUPLICATE_THERAPY',
        prescriptionId: first.id,
        medication,
        conflicts: [{ reason: 'DUPLICATE_THERAPY', prescriptionId: first.id, duplicateOf: 'Atorvastatin 20 mg' }],
      });
    }
    // Two of one class within the same prescription, too.
    const within = expectGraphQLError(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        items: [item('Lisinopril 10 mg'), item('Ramipril 5 mg')],
      }),
      'CONFLICT',
    );
    expect(within.extensions).toMatchObject({ reason: 'DUPLICATE_THERAPY', drugClass: 'ACE inhibitors' });

    const overridden = expectData(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        items: [item('Simvastatin 20 mg')],
        allergyOverrideReason: 'Switching statin: atorvastatin stops today',
      }),
    ).issuePrescription;
    expect(overridden.overriddenConflicts).toEqual(['DUPLICATE_THERAPY']);
    expect(await auditOf(overridden.id, 'OVERRIDE_DUPLICATE_THERAPY')).toHaveLength(1);

    // Once both are discontinued, a statin is no duplicate any more.
    for (const id of [first.id, overridden.id]) {
      expectData(await gql(app, DISCONTINUE, { variables: { id, reason: 'Switched' }, token: doctor.token }));
    }
    const after = expectData(
      await checked(doctor.token, { patientId: patient.profile.id, items: [item('Rosuvastatin 10 mg')] }),
    ).issuePrescription;
    expect(after.overriddenConflicts).toEqual([]);
  });

  it('names the allergy first when an item meets both an allergy and an active prescription', async () => {
    const { patient, doctor } = await allergic('NSAIDs');
    expectData(
      await checked(doctor.token, {
        patientId: patient.profile.id,
        items: [item('Ibuprofen 200 mg')],
        allergyOverrideReason: 'Short course agreed with the patient',
      }),
    );
    const error = expectGraphQLError(
      await checked(doctor.token, { patientId: patient.profile.id, items: [item('Diclofenac 50 mg')] }),
      'CONFLICT',
    );
    expect(error.extensions['reason']).toBe('ALLERGY_CONFLICT');
    const conflicts = error.extensions['conflicts'] as { reason: string }[];
    expect(conflicts.map((c) => c.reason)).toEqual(['ALLERGY_CONFLICT', 'DUPLICATE_THERAPY']);
  });
});

describe('issuePrescription and createMedicalRecord: the visit link', () => {
  it("refuses another doctor's visit, a cancelled visit and a no-show with BAD_USER_INPUT on input.appointmentId", async () => {
    const { patient, doctor } = await care();
    const colleague = await factory.doctor();
    const colleaguesVisit = await factory.appointment(patient.profile, colleague.profile);
    const cancelled = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.CANCELLED,
    });
    const missed = await factory.appointment(patient.profile, doctor.profile, { status: AppointmentStatus.NO_SHOW });
    const CREATE_RECORD = `mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { id } }`;
    for (const visit of [colleaguesVisit, cancelled, missed]) {
      const error = expectGraphQLError(
        await issue(doctor.token, { patientId: patient.profile.id, appointmentId: visit.id, items: items() }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields).toEqual([
        {
          field: 'input.appointmentId',
          message: 'must be a visit of this patient with you that was not cancelled or missed',
        },
      ]);
      const record = expectGraphQLError(
        await gql(app, CREATE_RECORD, {
          variables: {
            input: { patientId: patient.profile.id, appointmentId: visit.id, type: 'CONSULTATION', notes: 'Seen' },
          },
          token: doctor.token,
        }),
        'BAD_USER_INPUT',
      );
      expect(record.extensions.fields?.map((f) => f.field)).toEqual(['input.appointmentId']);
    }
    expect(await prescriptionCount(patient.profile.id)).toBe(0);
    const [records] = await database.query<{ n: number }>(
      `select count(*)::int as n from medical_record where patient_id = $1`,
      [patient.profile.id],
    );
    expect(records?.n).toBe(0);
  });
});

describe('prescription(id)', () => {
  it('shows the patient and the caring doctor everything, with relations', async () => {
    const { patient, doctor, appointment } = await care();
    const created = expectData(
      await issue(doctor.token, { patientId: patient.profile.id, appointmentId: appointment.id, items: items() }),
    ).issuePrescription;

    for (const token of [patient.token, doctor.token]) {
      const seen = expectData(await read(token, created.id)).prescription;
      expect(seen).toEqual(created);
      expect(seen?.items.map((item) => item.medication)).toEqual(['Amoxicillin', 'Ibuprofen']);
      expect(seen?.patient.firstName).toBe(patient.profile.firstName);
      expect(seen?.doctor.lastName).toBe(doctor.profile.lastName);
    }
    const reads = await auditOf(created.id, 'READ');
    expect(reads.map((row) => row.actor_id)).toEqual(expect.arrayContaining([patient.user.id, doctor.user.id]));
  });

  it('refuses another patient, an unrelated doctor and an admin with FORBIDDEN, and anonymous with UNAUTHENTICATED', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    const otherPatient = await factory.patient({ allergies: ['Latex'] });
    const stranger = await factory.doctor();
    const admin = await factory.admin();

    for (const token of [otherPatient.token, stranger.token, admin.token]) {
      const response = await read(token, prescription.id);
      expectGraphQLError(response, 'FORBIDDEN');
      expect(JSON.stringify(response)).not.toContain('Amoxicillin');
    }
    expectGraphQLError(await read(undefined, prescription.id), 'UNAUTHENTICATED');
  });

  it('answers an unknown id exactly as a prescription the caller may not see, and a malformed one with BAD_USER_INPUT', async () => {
    const { patient } = await care();
    const other = await care();
    const theirs = await factory.prescription(other.patient.profile, other.doctor.profile);
    const hidden = expectGraphQLError(await read(patient.token, theirs.id), 'FORBIDDEN');
    const unknown = expectGraphQLError(await read(patient.token, randomUUID()), 'FORBIDDEN');
    expect(unknown.message).toBe(hidden.message);
    expectGraphQLError(await read(patient.token, 'not-a-uuid'), 'BAD_USER_INPUT');
  });

  it('reads as COMPLETED once completesAt has passed', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    await database.query(`update prescription set completes_at = now() - interval '1 minute' where id = $1`, [
      prescription.id,
    ]);
    expect(expectData(await read(patient.token, prescription.id)).prescription?.status).toBe('COMPLETED');
  });

  it('loads each relation of many prescriptions in one statement', async () => {
    const doctor = await factory.doctor();
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const patient = await factory.patient({ allergies: ['Latex'] });
      const appointment = await factory.appointment(patient.profile, doctor.profile);
      ids.push((await factory.prescription(patient.profile, doctor.profile, appointment)).id);
    }
    const query = `{ ${ids
      .map(
        (id, index) =>
          `p${index}: prescription(id: "${id}") { id items { medication } patient { id } doctor { id } appointment { id } }`,
      )
      .join('\n')} }`;

    statements.length = 0;
    const data = expectData(await gql<Record<string, PrescriptionView>>(app, query, { token: doctor.token }));
    const sent = [...statements];

    expect(Object.values(data).every((p) => p.items.length === 1 && p.appointment !== null)).toBe(true);
    for (const table of ['prescription', 'prescription_item', 'patient', 'doctor', 'appointment']) {
      expect(
        sent.filter((sql) => sql.includes(`from "${table}"`)),
        sent.join('\n'),
      ).toHaveLength(1);
    }
  });
});

describe('discontinuePrescription', () => {
  it('discontinues with a reason, audits it without the reason, and refuses a second time with CONFLICT', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);

    const data = expectData(
      await gql<{ discontinuePrescription: PrescriptionView }>(app, DISCONTINUE, {
        token: doctor.token,
        variables: { id: prescription.id, reason: '  Rash after the second dose  ' },
      }),
    );
    expect(data.discontinuePrescription).toMatchObject({
      id: prescription.id,
      status: 'DISCONTINUED',
      discontinuedReason: 'Rash after the second dose',
    });
    expect(Math.abs(Date.parse(data.discontinuePrescription.discontinuedAt ?? '') - Date.now())).toBeLessThan(10_000);
    const [stored] = await database.query<{ stored_status: string; discontinued_by_id: string }>(
      `select stored_status, discontinued_by_id from prescription where id = $1`,
      [prescription.id],
    );
    expect(stored).toEqual({ stored_status: 'DISCONTINUED', discontinued_by_id: doctor.user.id });
    const audit = await auditOf(prescription.id, 'DISCONTINUE');
    expect(audit).toEqual([expect.objectContaining({ actor_id: doctor.user.id, patient_id: patient.profile.id })]);
    expect(JSON.stringify(audit)).not.toContain('Rash');

    const again = expectGraphQLError(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { id: prescription.id, reason: 'Once more' } }),
      'CONFLICT',
    );
    expect(again.message).toContain('DISCONTINUED');
    expect(expectData(await read(patient.token, prescription.id)).prescription?.status).toBe('DISCONTINUED');
  });

  it('refuses a COMPLETED prescription with CONFLICT naming the status', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    await database.query(`update prescription set completes_at = now() - interval '1 day' where id = $1`, [
      prescription.id,
    ]);
    const error = expectGraphQLError(
      await gql(app, DISCONTINUE, {
        token: doctor.token,
        variables: { id: prescription.id, reason: 'No longer needed' },
      }),
      'CONFLICT',
    );
    expect(error.message).toContain('COMPLETED');
  });

  it('refuses a short reason with BAD_USER_INPUT, others and an unknown id with FORBIDDEN', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    const stranger = await factory.doctor();
    const admin = await factory.admin();
    const variables = { id: prescription.id, reason: 'Side effects' };

    const short = expectGraphQLError(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { ...variables, reason: ' x ' } }),
      'BAD_USER_INPUT',
    );
    expect(short.extensions.fields?.map((f) => f.field)).toEqual(['reason']);
    for (const token of [patient.token, stranger.token, admin.token]) {
      expectGraphQLError(await gql(app, DISCONTINUE, { token, variables }), 'FORBIDDEN');
    }
    expectGraphQLError(await gql(app, DISCONTINUE, { variables }), 'UNAUTHENTICATED');
    expectGraphQLError(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { ...variables, id: randomUUID() } }),
      'FORBIDDEN',
    );
    const [stored] = await database.query<{ stored_status: string }>(
      `select stored_status from prescription where id = $1`,
      [prescription.id],
    );
    expect(stored?.stored_status).toBe('ACTIVE');
  });

  it('issues and discontinues in one operation, and a later flush of the request never updates items', async () => {
    const { patient, doctor } = await care();
    const existing = await factory.prescription(patient.profile, doctor.profile);
    const both = expectData(
      await gql<{ issuePrescription: { id: string }; discontinuePrescription: { status: string } }>(
        app,
        `mutation ($input: IssuePrescriptionInput!, $id: ID!) {
          discontinuePrescription(id: $id, reason: "Replaced") { status }
          issuePrescription(input: $input) { id items { medication } } }`,
        {
          token: doctor.token,
          variables: { input: { patientId: patient.profile.id, items: items() }, id: existing.id },
        },
      ),
    );
    expect(both.discontinuePrescription.status).toBe('DISCONTINUED');

    const ctx = await createContext(app.dependencies, {
      requestId: 'prescription-test',
      clientAddress: '127.0.0.1',
      authorization: `Bearer ${doctor.token}`,
    });
    const service = new PrescriptionService(ctx);
    const issued = await service.issue({
      patientId: patient.profile.id,
      items: items(),
      allergyOverrideReason: 'A second course on purpose, for the test',
    });
    await service.discontinue(issued.id, 'Replaced by another');
    statements.length = 0;
    await ctx.em.flush();
    expect(statements.filter((sql) => /update "prescription_item"/.test(sql))).toEqual([]);
  });
});

describe('prescription items', () => {
  it('cannot be changed or removed, even in SQL', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    await expect(
      database.query(`update prescription_item set dosage = '5000 mg' where prescription_id = $1`, [prescription.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.query(`delete from prescription_item where prescription_id = $1`, [prescription.id]),
    ).rejects.toThrow(/append-only/);
  });
});

describe('GET /prescriptions/:id.pdf', () => {
  async function pdfText(body: ArrayBuffer): Promise<string> {
    const task = getDocument({ data: new Uint8Array(body), isEvalSupported: false, verbosity: 0 });
    const document = await task.promise;
    try {
      const content = await (await document.getPage(1)).getTextContent();
      return content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
    } finally {
      await task.destroy();
    }
  }

  it('serves the PDF to the patient and the caring doctor, inline and uncached, and audits the download', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);

    for (const account of [patient, doctor]) {
      const response = await pdf(`${prescription.id}.pdf`, account.token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename="prescription-${prescription.id}.pdf"`,
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.arrayBuffer();
      expect(Buffer.from(body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(body);
      expect(text).toContain('Healthcare Platform Clinic');
      expect(text).toContain('Amoxicillin');
      expect(text).toContain(patient.profile.lastName);
    }

    const reads = await auditOf(prescription.id, 'READ');
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_id: patient.user.id, patient_id: patient.profile.id, emergency: false }),
        expect.objectContaining({ actor_id: doctor.user.id, patient_id: patient.profile.id, emergency: false }),
      ]),
    );
  });

  it('accepts an upper-case id and audits a grant holder as an emergency', async () => {
    const patient = await factory.patient({ allergies: ['Latex'] });
    const author = await factory.doctor();
    const prescription = await factory.prescription(patient.profile, author.profile);
    const emergencyDoctor = await factory.doctor();
    await factory.emergencyGrant(emergencyDoctor.profile, patient.profile);

    const response = await pdf(`${prescription.id.toUpperCase()}.pdf`, emergencyDoctor.token);
    expect(response.status).toBe(200);
    const [read] = await database.query<AuditRow>(
      `select * from audit_entry where entity_id = $1 and actor_id = $2 and action = 'READ'`,
      [prescription.id, emergencyDoctor.user.id],
    );
    expect(read).toMatchObject({ emergency: true, reason: 'Unconscious in the emergency room' });
  });

  it('answers 401 without a token and with a bad one', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    const forged = jwt.sign({ sub: patient.user.id, role: 'PATIENT' }, 'not-the-secret');

    for (const authorization of [undefined, `Bearer ${forged}`, 'Bearer garbage', 'Basic abc']) {
      const response = await pdf(`${prescription.id}.pdf`, undefined, authorization);
      expect(response.status, String(authorization)).toBe(401);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to another patient, an unrelated doctor and an admin', async () => {
    const { patient, doctor } = await care();
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    const others = [await factory.patient({ allergies: ['Latex'] }), await factory.doctor(), await factory.admin()];

    for (const other of others) {
      const response = await pdf(`${prescription.id}.pdf`, other.token);
      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
      expect(
        await database.query(`select 1 from audit_entry where entity_id = $1 and actor_id = $2`, [
          prescription.id,
          other.user.id,
        ]),
      ).toEqual([]);
    }
  });

  it('answers an unknown id as a prescription the caller may not see (403)', async () => {
    const { patient } = await care();
    const response = await pdf(`${randomUUID()}.pdf`, patient.token);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('answers 404 for a malformed file name', async () => {
    const { patient } = await care();
    for (const file of ['abc.pdf', `${randomUUID()}.txt`, randomUUID(), `${randomUUID()}.pdf.pdf`]) {
      const response = await pdf(file, patient.token);
      expect(response.status, file).toBe(404);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    }
  });
});

describe('Patient.prescriptions(status:)', () => {
  const LIST = `query ($id: ID!, $status: [PrescriptionStatus!], $first: Int, $after: String) {
    patient(id: $id) {
      prescriptions(status: $status, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id status items { medication } } }
      }
    }
  }`;
  interface ListView {
    patient: {
      prescriptions: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string; status: string; items: { medication: string }[] } }[];
      };
    } | null;
  }

  /**
   * A patient with 17 prescriptions, newest first: one DISCONTINUED, 15 COMPLETED, and the
   * oldest — issued 90 days ago for a long course — still ACTIVE.
   */
  async function longHistory() {
    const { patient, doctor } = await care();
    const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const oldest = await factory.prescription(patient.profile, doctor.profile);
    await database.query(`update prescription set issued_at = $2, completes_at = $3 where id = $1`, [
      oldest.id,
      at(-90),
      at(90),
    ]);
    const completed: string[] = [];
    for (let index = 0; index < 15; index += 1) {
      const prescription = await factory.prescription(patient.profile, doctor.profile);
      await database.query(`update prescription set issued_at = $2, completes_at = $3 where id = $1`, [
        prescription.id,
        at(-60 + index),
        at(-50 + index),
      ]);
      completed.push(prescription.id);
    }
    const stopped = await factory.prescription(patient.profile, doctor.profile);
    await database.query(
      `update prescription set issued_at = $2, stored_status = 'DISCONTINUED', discontinued_at = $2 where id = $1`,
      [stopped.id, at(-1)],
    );
    return { patient, doctor, oldest: oldest.id, completed: completed.reverse(), stopped: stopped.id };
  }

  function list(token: string, id: string, variables: Record<string, unknown>) {
    return gql<ListView>(app, LIST, { variables: { id, ...variables }, token });
  }

  it('lists the active ones exactly, however old: the oldest of 17 is found where the newest 15 miss it', async () => {
    const { patient, doctor, oldest } = await longHistory();
    for (const token of [doctor.token, patient.token]) {
      const newest = expectData(await list(token, patient.profile.id, { first: 15 })).patient!.prescriptions;
      expect(newest.totalCount).toBe(17);
      expect(newest.edges.map((e) => e.node.id)).not.toContain(oldest);
      expect(newest.edges.filter((e) => e.node.status === 'ACTIVE')).toEqual([]);

      const active = expectData(await list(token, patient.profile.id, { status: ['ACTIVE'], first: 15 })).patient!
        .prescriptions;
      expect(active.totalCount).toBe(1);
      expect(active.pageInfo.hasNextPage).toBe(false);
      expect(active.edges.map((e) => [e.node.id, e.node.status, e.node.items.length])).toEqual([[oldest, 'ACTIVE', 1]]);
    }
  });

  it('pages a filtered list with its own count, newest first, and takes several statuses', async () => {
    const { patient, doctor, completed, stopped, oldest } = await longHistory();
    const first = expectData(await list(doctor.token, patient.profile.id, { status: ['COMPLETED'], first: 10 }))
      .patient!.prescriptions;
    expect(first.totalCount).toBe(15);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = expectData(
      await list(doctor.token, patient.profile.id, {
        status: ['COMPLETED'],
        first: 10,
        after: first.pageInfo.endCursor,
      }),
    ).patient!.prescriptions;
    expect(rest.totalCount).toBe(15);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(completed);

    const past = expectData(
      await list(doctor.token, patient.profile.id, { status: ['DISCONTINUED', 'COMPLETED'], first: 20 }),
    ).patient!.prescriptions;
    expect(past.totalCount).toBe(16);
    expect(past.edges.map((e) => e.node.id)).toEqual([stopped, ...completed]);

    const all = expectData(await list(doctor.token, patient.profile.id, { status: [], first: 20 })).patient!
      .prescriptions;
    expect(all.totalCount).toBe(17);
    expect(all.edges.at(-1)?.node.id).toBe(oldest);
  });

  it('keeps two filters of one chart apart in one request, and a course that has ended is no longer active', async () => {
    const { patient, doctor, oldest } = await longHistory();
    const both = `query ($id: ID!) { patient(id: $id) {
      active: prescriptions(status: [ACTIVE]) { totalCount edges { node { id } } }
      stopped: prescriptions(status: [DISCONTINUED]) { totalCount edges { node { id status } } }
      all: prescriptions(first: 1) { totalCount }
    } }`;
    type Both = Record<'active' | 'stopped' | 'all', { totalCount: number; edges: { node: { id: string } }[] }>;
    const data = expectData(
      await gql<{ patient: Both }>(app, both, { variables: { id: patient.profile.id }, token: doctor.token }),
    );
    expect([data.patient.active.totalCount, data.patient.stopped.totalCount, data.patient.all.totalCount]).toEqual([
      1, 1, 17,
    ]);
    expect(data.patient.active.edges.map((e) => e.node.id)).toEqual([oldest]);

    await database.query(`update prescription set completes_at = now() - interval '1 minute' where id = $1`, [oldest]);
    const after = expectData(await list(doctor.token, patient.profile.id, { status: ['ACTIVE'] })).patient!
      .prescriptions;
    expect([after.totalCount, after.edges]).toEqual([0, []]);
  });

  it('refuses an unknown status with BAD_USER_INPUT, and another patient and an unrelated doctor as before', async () => {
    const { patient } = await longHistory();
    const other = await factory.patient();
    const stranger = await factory.doctor();
    const bad = await gql(app, LIST, {
      variables: { id: patient.profile.id, status: ['SOMETIMES'] },
      token: patient.token,
    });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    for (const token of [other.token, stranger.token]) {
      expectGraphQLError(await list(token, patient.profile.id, { status: ['ACTIVE'] }), 'FORBIDDEN');
    }
  });
});
