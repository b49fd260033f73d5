import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, type GraphQLResponse } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const CONTENT = `id type recordedAt version notes symptoms followUpDate
  diagnoses { code description }
  vitals { temperatureC systolic diastolic heartRate respiratoryRate oxygenSaturation weightKg heightCm }
  labResults { test value unit referenceRange flag }`;
const CREATE = `mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) {
  ${CONTENT} patient { id } doctor { id } appointment { id } } }`;
const AMEND = `mutation ($id: ID!, $input: AmendMedicalRecordInput!, $reason: String!, $expectedVersion: Int) {
  amendMedicalRecord(id: $id, input: $input, reason: $reason, expectedVersion: $expectedVersion) {
  ${CONTENT} doctor { id } } }`;
const READ = `query ($id: ID!) { medicalRecord(id: $id) { ${CONTENT} patient { id } doctor { id } appointment { id }
  versions { ${CONTENT} amendmentReason createdAt } } }`;

interface Content {
  id: string;
  type: string;
  recordedAt: string;
  version: number;
  notes: string | null;
  symptoms: string[];
  followUpDate: string | null;
  diagnoses: { code: string; description: string }[];
  vitals: Record<string, number | null> | null;
  labResults: Record<string, string | null>[];
}
interface RecordShape extends Content {
  patient: { id: string };
  doctor: { id: string };
  appointment: { id: string } | null;
  versions: (Content & { amendmentReason: string | null })[];
}

const NOTES = 'Patient reports a dry cough for 5 days; lungs clear on auscultation.';

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patient: Account<Patient>;
let otherPatient: Account<Patient>;
let caring: Account<Doctor>;
let colleague: Account<Doctor>;
let stranger: Account<Doctor>;
let cancelledOnly: Account<Doctor>;
let admin: Account<null>;
let visit: Appointment;
let otherVisit: Appointment;
const statements: string[] = [];

function inFuture(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function createInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId: patient.profile.id,
    appointmentId: visit.id,
    type: 'CONSULTATION',
    diagnoses: [{ code: 'j06.9', description: 'Acute upper respiratory infection' }],
    symptoms: ['Dry cough', 'Sore throat'],
    vitals: { temperatureC: 37.8, systolic: 124, diastolic: 81, heartRate: 88, oxygenSaturation: 97 },
    labResults: [{ test: 'CRP', value: '12', unit: 'mg/L', referenceRange: '0-5', flag: 'HIGH' }],
    notes: NOTES,
    followUpDate: inFuture(14),
    ...overrides,
  };
}

async function create(token: string | undefined, overrides: Record<string, unknown> = {}) {
  return gql<{ createMedicalRecord: RecordShape }>(app, CREATE, {
    variables: { input: createInput(overrides) },
    ...(token ? { token } : {}),
  });
}

async function created(overrides: Record<string, unknown> = {}, token = caring.token): Promise<RecordShape> {
  return expectData(await create(token, overrides)).createMedicalRecord;
}

async function amend(
  token: string | undefined,
  id: string,
  input: Record<string, unknown>,
  reason = 'Corrected after the lab called back',
  expectedVersion?: number,
) {
  return gql<{ amendMedicalRecord: RecordShape }>(app, AMEND, {
    variables: { id, input, reason, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
    ...(token ? { token } : {}),
  });
}

async function read(token: string | undefined, id: string): Promise<GraphQLResponse<{ medicalRecord: RecordShape }>> {
  return gql<{ medicalRecord: RecordShape }>(app, READ, { variables: { id }, ...(token ? { token } : {}) });
}

async function recordCount(patientId = patient.profile.id): Promise<{ records: number; versions: number }> {
  const [row] = await database.query<{ records: string; versions: string }>(
    `select (select count(*) from medical_record where patient_id = $1) as records,
            (select count(*) from medical_record_version v join medical_record r on r.id = v.record_id
             where r.patient_id = $1) as versions`,
    [patientId],
  );
  return { records: Number(row?.records), versions: Number(row?.versions) };
}

/** What a record or version says: the fields a version copies, without ids and version numbers. */
function contentOf(record: Content): Omit<Content, 'id' | 'version'> {
  const { type, recordedAt, notes, symptoms, followUpDate, diagnoses, vitals, labResults } = record;
  return { type, recordedAt, notes, symptoms, followUpDate, diagnoses, vitals, labResults };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [patient, otherPatient, caring, colleague, stranger, cancelledOnly, admin] = await Promise.all([
    factory.patient(),
    factory.patient(),
    factory.doctor(),
    factory.doctor(),
    factory.doctor(),
    factory.doctor(),
    factory.admin(),
  ]);
  visit = await factory.appointment(patient.profile, caring.profile);
  await factory.appointment(patient.profile, colleague.profile);
  await factory.appointment(patient.profile, cancelledOnly.profile, { status: AppointmentStatus.CANCELLED });
  otherVisit = await factory.appointment(otherPatient.profile, caring.profile);
});

describe('createMedicalRecord', () => {
  it('writes the head and an identical version 1, authored by the acting doctor', async () => {
    const record = await created();
    expect(record).toMatchObject({
      type: 'CONSULTATION',
      version: 1,
      notes: NOTES,
      symptoms: ['Dry cough', 'Sore throat'],
      diagnoses: [{ code: 'J06.9', description: 'Acute upper respiratory infection' }],
      vitals: { temperatureC: 37.8, systolic: 124, diastolic: 81, heartRate: 88, oxygenSaturation: 97, weightKg: null },
      labResults: [{ test: 'CRP', value: '12', unit: 'mg/L', referenceRange: '0-5', flag: 'HIGH' }],
      patient: { id: patient.profile.id },
      doctor: { id: caring.profile.id },
      appointment: { id: visit.id },
    });

    const [head] = await database.query(`select * from medical_record where id = $1`, [record.id]);
    const versions = await database.query(`select * from medical_record_version where record_id = $1`, [record.id]);
    expect(head).toMatchObject({ version: 1, doctor_id: caring.profile.id, patient_id: patient.profile.id });
    expect(versions).toHaveLength(1);
    const [first] = versions;
    expect(first).toMatchObject({ version: 1, author_id: caring.profile.id, amendment_reason: null });
    for (const column of [
      'type',
      'recorded_at',
      'diagnoses',
      'symptoms',
      'vitals',
      'lab_results',
      'notes',
      'follow_up_date',
    ]) {
      expect(first?.[column], column).toEqual(head?.[column]);
    }
  });

  it('audits the creation by ids alone: no clinical text anywhere in the trail', async () => {
    const record = await created();
    const events = await database.query<{ action: string; reason: string | null; emergency: boolean }>(
      `select * from audit_entry where entity_id = $1 and action = 'CREATE'`,
      [record.id],
    );
    expect(events).toEqual([
      expect.objectContaining({
        action: 'CREATE',
        entity_type: 'MedicalRecord',
        patient_id: patient.profile.id,
        actor_id: caring.user.id,
        actor_role: 'DOCTOR',
        emergency: false,
        reason: null,
      }),
    ]);
    const leaks = await database.query(
      `select id from audit_entry a
       where position($1 in row_to_json(a)::text) > 0 or position('J06.9' in row_to_json(a)::text) > 0
          or position('Dry cough' in row_to_json(a)::text) > 0`,
      [NOTES],
    );
    expect(leaks).toEqual([]);
  });

  it('lets a doctor holding an emergency grant write, audited as an emergency', async () => {
    const emergencyDoctor = await factory.doctor();
    const unconscious = await factory.patient();
    expectGraphQLError(
      await create(emergencyDoctor.token, { patientId: unconscious.profile.id, appointmentId: null }),
      'FORBIDDEN',
    );
    await factory.emergencyGrant(emergencyDoctor.profile, unconscious.profile);
    const record = await created({ patientId: unconscious.profile.id, appointmentId: null }, emergencyDoctor.token);
    expect(record).toMatchObject({ doctor: { id: emergencyDoctor.profile.id }, appointment: null });
    const [event] = await database.query(`select * from audit_entry where entity_id = $1 and action = 'CREATE'`, [
      record.id,
    ]);
    expect(event).toMatchObject({ emergency: true, actor_id: emergencyDoctor.user.id });
  });

  it('is FORBIDDEN to an unrelated doctor, a doctor whose appointment was cancelled, patients and admins; writes nothing', async () => {
    const before = await recordCount();
    for (const token of [stranger.token, cancelledOnly.token, patient.token, otherPatient.token, admin.token]) {
      expectGraphQLError(await create(token, { appointmentId: null }), 'FORBIDDEN');
    }
    expect(await recordCount()).toEqual(before);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const before = await recordCount();
    expectGraphQLError(await create(undefined), 'UNAUTHENTICATED');
    expect(await recordCount()).toEqual(before);
  });

  it.each([
    ['an invalid ICD-10 code', { diagnoses: [{ code: 'JJ6.9', description: 'Nonsense' }] }, ['input.diagnoses.0.code']],
    ['a bare number as a code', { diagnoses: [{ code: '123', description: 'Nonsense' }] }, ['input.diagnoses.0.code']],
    [
      'out-of-range vitals',
      { vitals: { systolic: 300, heartRate: 10, temperatureC: 52 } },
      ['input.vitals.temperatureC', 'input.vitals.systolic', 'input.vitals.heartRate'],
    ],
    [
      'a diastolic pressure not below the systolic',
      { vitals: { systolic: 110, diastolic: 120 } },
      ['input.vitals.diastolic'],
    ],
    ['a follow-up in the past', { followUpDate: '2020-01-01' }, ['input.followUpDate']],
    ['an appointment of another patient', { appointmentId: 'other-visit' }, ['input.appointmentId']],
    ['an appointment that does not exist', { appointmentId: randomUUID() }, ['input.appointmentId']],
    [
      'several problems at once',
      { diagnoses: [{ code: 'J6', description: 'x' }], vitals: { oxygenSaturation: 30 }, followUpDate: '2020-01-01' },
      ['input.diagnoses.0.code', 'input.vitals.oxygenSaturation', 'input.followUpDate'],
    ],
  ])('refuses %s with BAD_USER_INPUT naming the fields, and writes nothing', async (_name, overrides, fields) => {
    const input = { ...overrides } as Record<string, unknown>;
    if (input['appointmentId'] === 'other-visit') {
      input['appointmentId'] = otherVisit.id;
    }
    const before = await recordCount();
    const error = expectGraphQLError(await create(caring.token, input), 'BAD_USER_INPUT');
    expect(error.extensions.fields?.map((problem) => problem.field)).toEqual(fields);
    expect(await recordCount()).toEqual(before);
  });

  it('gives plain messages with units', async () => {
    const error = expectGraphQLError(await create(caring.token, { vitals: { systolic: 300 } }), 'BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([
      { field: 'input.vitals.systolic', message: 'must be between 50 and 260 mmHg' },
    ]);
  });

  it('refuses more than 20 symptoms before doing anything else', async () => {
    const symptoms = Array.from({ length: 21 }, (_, index) => `Symptom ${index}`);
    const error = expectGraphQLError(await create(caring.token, { symptoms }), 'BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([
      { field: expect.stringMatching(/(^|\.)symptoms$/) as string, message: 'must list at most 20 symptoms' },
    ]);
  });
});

describe('medicalRecord', () => {
  let recordId: string;
  beforeAll(async () => {
    recordId = (await created()).id;
  });

  it('is readable by its patient and the doctors caring for them, with its relations', async () => {
    for (const token of [patient.token, caring.token, colleague.token]) {
      const { medicalRecord } = expectData(await read(token, recordId));
      expect(medicalRecord).toMatchObject({
        id: recordId,
        notes: NOTES,
        patient: { id: patient.profile.id },
        doctor: { id: caring.profile.id },
        appointment: { id: visit.id },
      });
      expect(medicalRecord.versions.map((version) => version.version)).toEqual([1]);
    }
  });

  it('is FORBIDDEN to another patient, unrelated doctors and administrators', async () => {
    for (const token of [otherPatient.token, stranger.token, cancelledOnly.token, admin.token]) {
      const response = await read(token, recordId);
      expectGraphQLError(response, 'FORBIDDEN');
      expect(JSON.stringify(response)).not.toContain(NOTES);
    }
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expectGraphQLError(await read(undefined, recordId), 'UNAUTHENTICATED');
  });

  it('answers an unknown id exactly as a record the caller may not see, to patients and administrators alike', async () => {
    const stranger = await factory.patient();
    const hidden = expectGraphQLError(await read(stranger.token, recordId), 'FORBIDDEN');
    expect(expectGraphQLError(await read(stranger.token, randomUUID()), 'FORBIDDEN').message).toBe(hidden.message);
    expectGraphQLError(await read(admin.token, randomUUID()), 'FORBIDDEN');
  });

  it('notes each read in the audit trail', async () => {
    expectData(await read(patient.token, recordId));
    const events = await database.query(
      `select * from audit_entry where action = 'READ' and entity_id = $1 and actor_id = $2`,
      [recordId, patient.user.id],
    );
    expect(events.length).toBeGreaterThan(0);
  });
});

describe('amendMedicalRecord', () => {
  it('writes version 2 with the reason and its author, keeping version 1 as it was', async () => {
    const original = await created();
    const [versionOneBefore] = await database.query(
      `select * from medical_record_version where record_id = $1 and version = 1`,
      [original.id],
    );

    const amended = expectData(
      await amend(
        colleague.token,
        original.id,
        {
          notes: 'Cough resolving; CRP repeated.',
          vitals: { temperatureC: 37.1, heartRate: 76 },
          diagnoses: [{ code: 'J20.9', description: 'Acute bronchitis' }],
        },
        'Diagnosis revised after the repeat CRP',
      ),
    ).amendMedicalRecord;
    expect(amended).toMatchObject({
      id: original.id,
      version: 2,
      notes: 'Cough resolving; CRP repeated.',
      vitals: { temperatureC: 37.1, heartRate: 76, systolic: null },
      diagnoses: [{ code: 'J20.9', description: 'Acute bronchitis' }],
      // what the amendment left out stays
      symptoms: original.symptoms,
      labResults: original.labResults,
      followUpDate: original.followUpDate,
      recordedAt: original.recordedAt,
      // the record stays the first author's
      doctor: { id: caring.profile.id },
    });

    const { medicalRecord } = expectData(await read(patient.token, original.id));
    expect(contentOf(medicalRecord)).toEqual(contentOf(amended));
    expect(medicalRecord.version).toBe(2);
    expect(medicalRecord.versions.map((version) => [version.version, version.amendmentReason])).toEqual([
      [1, null],
      [2, 'Diagnosis revised after the repeat CRP'],
    ]);
    const [v1, v2] = medicalRecord.versions;
    expect(contentOf(v1!)).toEqual(contentOf(original));
    expect(contentOf(v2!)).toEqual(contentOf(amended));

    const versionRows = await database.query(
      `select * from medical_record_version where record_id = $1 order by version`,
      [original.id],
    );
    expect(versionRows[0]).toEqual(versionOneBefore);
    expect(versionRows[1]).toMatchObject({ version: 2, author_id: colleague.profile.id });
    expect(versionRows[0]).toMatchObject({ author_id: caring.profile.id });

    const events = await database.query(`select * from audit_entry where entity_id = $1 and action = 'AMEND'`, [
      original.id,
    ]);
    expect(events).toEqual([
      expect.objectContaining({ actor_id: colleague.user.id, patient_id: patient.profile.id, reason: null }),
    ]);
  });

  it('shows each version’s author', async () => {
    const record = await created();
    expectData(await amend(colleague.token, record.id, { notes: 'Second opinion' }));
    const data = expectData(
      await gql<{ medicalRecord: { versions: { version: number; author: { id: string } }[] } }>(
        app,
        `query ($id: ID!) { medicalRecord(id: $id) { versions { version author { id } } } }`,
        { variables: { id: record.id }, token: patient.token },
      ),
    );
    expect(data.medicalRecord.versions).toEqual([
      { version: 1, author: { id: caring.profile.id } },
      { version: 2, author: { id: colleague.profile.id } },
    ]);
  });

  it('clears a field given as null and builds each amendment on the one before', async () => {
    const record = await created();
    expectData(await amend(caring.token, record.id, { notes: null, followUpDate: null }));
    const third = expectData(await amend(caring.token, record.id, { symptoms: ['Wheeze'] })).amendMedicalRecord;
    expect(third).toMatchObject({ version: 3, notes: null, followUpDate: null, symptoms: ['Wheeze'] });
  });

  it('is FORBIDDEN without care, UNAUTHENTICATED without a token; writes nothing', async () => {
    const record = await created();
    for (const token of [stranger.token, cancelledOnly.token, patient.token, admin.token]) {
      expectGraphQLError(await amend(token, record.id, { notes: 'Overwritten' }), 'FORBIDDEN');
    }
    expectGraphQLError(await amend(undefined, record.id, { notes: 'Overwritten' }), 'UNAUTHENTICATED');
    const rows = await database.query(`select version from medical_record_version where record_id = $1`, [record.id]);
    expect(rows).toEqual([{ version: 1 }]);
    expect(expectData(await read(caring.token, record.id)).medicalRecord).toMatchObject({ version: 1, notes: NOTES });
  });

  it('answers an amendment of a record that does not exist as one the doctor may not write', async () => {
    expectGraphQLError(await amend(caring.token, randomUUID(), { notes: 'x' }), 'FORBIDDEN');
  });

  it.each([
    ['a reason too short', { notes: 'New' }, 'oops', ['reason']],
    ['invalid content', { vitals: { systolic: 90, diastolic: 95 } }, 'Measured again', ['input.vitals.diastolic']],
    ['no change at all', {}, 'Nothing really', ['input']],
    ['the same content again', { notes: NOTES }, 'Nothing really', ['input']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, reason, fields) => {
    const record = await created();
    const error = expectGraphQLError(await amend(caring.token, record.id, input, reason), 'BAD_USER_INPUT');
    expect(error.extensions.fields?.map((problem) => problem.field)).toEqual(fields);
    const rows = await database.query(`select version from medical_record_version where record_id = $1`, [record.id]);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('answers CONFLICT when the record was amended since the version the caller read', async () => {
    const record = await created();
    expectData(await amend(caring.token, record.id, { notes: 'First amendment' }, 'First correction', 1));
    const stale = expectGraphQLError(
      await amend(colleague.token, record.id, { notes: 'Second amendment' }, 'Second correction', 1),
      'CONFLICT',
    );
    expect(stale.extensions['reason']).toBe('STALE_VERSION');
  });

  it('lets concurrent amendments take turns: every one gets its own version', async () => {
    const record = await created();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        amend(index % 2 ? caring.token : colleague.token, record.id, { notes: `Amendment ${index}` }),
      ),
    );
    const versions = responses.map((response) => expectData(response).amendMedicalRecord.version);
    expect([...versions].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    const { medicalRecord } = expectData(await read(caring.token, record.id));
    expect(medicalRecord.version).toBe(7);
    expect(medicalRecord.versions.map((version) => version.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(medicalRecord.notes).toBe(medicalRecord.versions[6]?.notes);
  });
});

describe('medical_record_version', () => {
  it('refuses UPDATE and DELETE from SQL: versions are append-only', async () => {
    const record = await created();
    await expect(
      database.query(`update medical_record_version set notes = 'tampered' where record_id = $1`, [record.id]),
    ).rejects.toThrow();
    await expect(
      database.query(`delete from medical_record_version where record_id = $1`, [record.id]),
    ).rejects.toThrow();
    const [row] = await database.query<{ notes: string }>(
      `select notes from medical_record_version where record_id = $1`,
      [record.id],
    );
    expect(row?.notes).toBe(NOTES);
  });
});

describe('relations of many records', () => {
  const CHART = `query ($id: ID!) { patient(id: $id) { medicalRecords(first: 100) { edges { node {
    id patient { id } doctor { id } appointment { id } versions { version amendmentReason } } } } } }`;

  /** A new patient with `count` records, each with an appointment and two versions. */
  async function chartWith(count: number): Promise<Account<Patient>> {
    const owner = await factory.patient();
    for (let index = 0; index < count; index += 1) {
      const appointment = await factory.appointment(owner.profile, caring.profile);
      const record = await factory.record(owner.profile, caring.profile, appointment);
      expectData(await amend(caring.token, record.id, { notes: `Amendment ${index}` }));
    }
    return owner;
  }

  async function statementsFor(owner: Account<Patient>): Promise<number> {
    statements.length = 0;
    const data = expectData(
      await gql<{ patient: { medicalRecords: { edges: { node: RecordShape }[] } } }>(app, CHART, {
        variables: { id: owner.profile.id },
        token: caring.token,
      }),
    );
    expect(data.patient.medicalRecords.edges.every(({ node }) => node.versions.length === 2)).toBe(true);
    return statements.length;
  }

  it('costs the same statements for 2 records as for 12 (one per relation, not one per record)', async () => {
    const few = await statementsFor(await chartWith(2));
    const many = await statementsFor(await chartWith(12));
    expect(many, statements.join('\n')).toBe(few);
  });
});
