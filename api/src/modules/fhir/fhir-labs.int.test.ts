import type {
  Bundle,
  CapabilityStatement,
  DiagnosticReport,
  Observation,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { allPages, expectValidFhir, fhirGet } from '../../../test/fhir.js';
import { expectData, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patient: Account<Patient>;
let caring: Account<Doctor>;
let orderId: string;

const entries = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((entry) => entry.resource!);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  patient = await factory.patient();
  caring = await factory.doctor();
  await factory.appointment(patient.profile, caring.profile);
  orderId = expectData(
    await gql<{ orderLabTests: { id: string } }>(
      app,
      'mutation ($input: OrderLabTestsInput!) { orderLabTests(input: $input) { id } }',
      {
        token: caring.token,
        variables: {
          input: {
            patientId: patient.profile.id,
            tests: [{ code: '2823-3' }, { code: '94500-6' }, { code: '2085-9' }],
          },
        },
      },
    ),
  ).orderLabTests.id;
  const record = (results: { code: string; value: string }[]) =>
    gql(
      app,
      'mutation ($id: ID!, $results: [LabResultInput!]!) { recordLabResults(orderId: $id, results: $results) { id } }',
      {
        token: caring.token,
        variables: { id: orderId, results },
      },
    );
  expectData(
    await record([
      { code: '2823-3', value: '6.4' },
      { code: '94500-6', value: 'Not detected' },
      { code: '2085-9', value: '35' },
    ]),
  );
  // A correction: version 2 of potassium.
  expectData(await record([{ code: '2823-3', value: '6.6' }]));
}, 120_000);

describe('lab results in FHIR', () => {
  it('serves results as valid laboratory Observations with LOINC, UCUM, interpretation and reference range', async () => {
    const response = await fhirGet<Bundle>(
      app,
      `Observation?patient=${patient.profile.id}&category=laboratory`,
      patient.token,
    );
    expect(response.status).toBe(200);
    const observations = entries(response.body) as Observation[];
    observations.forEach(expectValidFhir);
    expect(observations).toHaveLength(3);
    const potassium = observations.find((resource) => resource.code.coding?.[0]?.code === '2823-3')!;
    expect(potassium).toMatchObject({
      status: 'corrected',
      category: [{ coding: [{ code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
      subject: { reference: `Patient/${patient.profile.id}` },
      valueQuantity: { value: 6.6, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      interpretation: [{ coding: [{ code: 'HH' }] }],
      referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }],
    });
    const covid = observations.find((resource) => resource.code.coding?.[0]?.code === '94500-6')!;
    expect(covid).toMatchObject({ valueString: 'Not detected', interpretation: [{ coding: [{ code: 'N' }] }] });
    expect(covid.referenceRange).toBeUndefined();
    const hdl = observations.find((resource) => resource.code.coding?.[0]?.code === '2085-9')!;
    expect(hdl.referenceRange).toEqual([
      { low: { value: 40, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } },
    ]);
    expect(hdl.interpretation?.[0]?.coding?.[0]?.code).toBe('L');

    const byCode = await fhirGet<Bundle>(
      app,
      `Observation?patient=${patient.profile.id}&category=laboratory&code=http://loinc.org|2085-9`,
      caring.token,
    );
    expect(entries(byCode.body).map((resource) => resource.id)).toEqual([hdl.id]);
    const read = await fhirGet<Observation>(app, `Observation/${potassium.id}`, caring.token);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(potassium);
  });

  it('serves the order as a valid DiagnosticReport found by patient, pointing at its Observations', async () => {
    const response = await fhirGet<Bundle>(
      app,
      `DiagnosticReport?patient=Patient/${patient.profile.id}`,
      patient.token,
    );
    expect(response.status).toBe(200);
    const reports = entries(response.body) as DiagnosticReport[];
    reports.forEach(expectValidFhir);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      id: orderId,
      status: 'corrected',
      category: [{ coding: [{ code: 'LAB' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '11502-2' }] },
      subject: { reference: `Patient/${patient.profile.id}` },
    });
    expect(reports[0]!.result).toHaveLength(3);
    for (const reference of reports[0]!.result!) {
      const observation = await fhirGet<Observation>(app, reference.reference!, patient.token);
      expect(observation.status).toBe(200);
    }
    expect((await fhirGet<DiagnosticReport>(app, `DiagnosticReport/${orderId}`, caring.token)).body).toEqual(
      reports[0],
    );
    const metadata = await fhirGet<CapabilityStatement>(app, 'metadata');
    expect(metadata.body.rest?.[0]?.resource?.map((resource) => resource.type)).toContain('DiagnosticReport');
  });

  it('puts the lab reports and results in Patient/$everything, valid, as their own reads serve them, audited', async () => {
    // A second doctor of the patient who has read nothing of this chart yet (reads are audited once per 10 minutes).
    const colleague = await factory.doctor();
    await factory.appointment(patient.profile, colleague.profile);
    const response = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, colleague.token);
    expect(response.status).toBe(200);
    const resources = entries(response.body);
    resources.forEach(expectValidFhir);
    const reports = resources.filter(
      (resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport',
    );
    const labs = resources.filter(
      (resource): resource is Observation =>
        resource.resourceType === 'Observation' && resource.category?.[0]?.coding?.[0]?.code === 'laboratory',
    );
    expect(reports.map((report) => report.id)).toEqual([orderId]);
    // The current results only: the corrected potassium once, at version 2.
    expect(labs.map((observation) => observation.code.coding![0]!.code).sort()).toEqual([
      '2085-9',
      '2823-3',
      '94500-6',
    ]);
    expect(labs.find((observation) => observation.code.coding![0]!.code === '2823-3')!.valueQuantity?.value).toBe(6.6);
    // Every report's result is in the bundle, and each is what its own read answers.
    const ids = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id}`));
    expect(reports[0]!.result!.every((reference) => ids.has(reference.reference!))).toBe(true);
    expect((await fhirGet(app, `DiagnosticReport/${orderId}`, caring.token)).body).toEqual(reports[0]);
    for (const observation of labs) {
      expect((await fhirGet(app, `Observation/${observation.id}`, caring.token)).body).toEqual(observation);
    }
    const audit = await database.query<{ entity_type: string }>(
      `select entity_type from audit_entry where action = 'READ' and patient_id = $1 and actor_id = $2`,
      [patient.profile.id, colleague.user.id],
    );
    expect(audit.map((row) => row.entity_type)).toContain('LabOrder');
    // The patient's own $everything holds them too; a stranger's is refused as before.
    const own = entries((await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token)).body);
    expect(own.filter((resource) => resource.resourceType === 'DiagnosticReport')).toHaveLength(1);
    const stranger = await factory.doctor();
    expect((await fhirGet(app, `Patient/${patient.profile.id}/$everything`, stranger.token)).status).toBe(403);
  });

  it('refuses a doctor without a care relationship and an administrator', async () => {
    const stranger = await factory.doctor();
    const admin = await factory.admin();
    for (const token of [stranger.token, admin.token]) {
      expect((await fhirGet(app, `DiagnosticReport?patient=${patient.profile.id}`, token)).status).toBe(403);
      expect((await fhirGet(app, `DiagnosticReport/${orderId}`, token)).status).toBe(403);
      expect((await fhirGet(app, `Observation?patient=${patient.profile.id}&category=laboratory`, token)).status).toBe(
        403,
      );
    }
  });
});

describe('Observation search across vital signs and lab results', () => {
  let subject: Account<Patient>;
  let reader: Account<Doctor>;

  beforeAll(async () => {
    subject = await factory.patient();
    reader = await factory.doctor();
    await factory.appointment(subject.profile, reader.profile);
    const orders = await Promise.all(
      [4.1, 4.2, 4.3].map((value) => factory.labOrder(subject.profile, reader.profile, value)),
    );
    const records = await Promise.all([1, 2, 3].map(() => factory.record(subject.profile, reader.profile)));
    // Ties on purpose: a lab result and a record at one instant, two lab results at one instant,
    // two records at another; then an older lab result.
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 10, 9, minutes)).toISOString();
    const labAt = [at(30), at(30), at(10)];
    const recordAt = [at(30), at(20), at(20)];
    for (const [index, order] of orders.entries()) {
      await database.query('update lab_result set resulted_at = $2 where order_id = $1', [order.id, labAt[index]]);
    }
    for (const [index, record] of records.entries()) {
      await database.query('update medical_record set recorded_at = $2 where id = $1', [record.id, recordAt[index]]);
    }
  });

  const search = (query: string, count: number) =>
    allPages(app, `Observation?patient=${subject.profile.id}&_count=${count}${query}`, reader.token);

  it('without a category serves both kinds, newest first, and pages them without skipping or repeating', async () => {
    const whole = await search('', 100);
    whole.forEach(expectValidFhir);
    const category = (resource: Resource) => (resource as Observation).category![0]!.coding![0]!.code;
    // Three lab results and three records of two vital signs each.
    expect(whole.filter((resource) => category(resource) === 'laboratory')).toHaveLength(3);
    expect(whole.filter((resource) => category(resource) === 'vital-signs')).toHaveLength(6);
    const times = whole.map((resource) => Date.parse((resource as Observation).effectiveDateTime!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const count of [1, 2, 4]) {
      expect((await search('', count)).map((resource) => resource.id)).toEqual(whole.map((resource) => resource.id));
    }
    const audit = await database.query<{ entity_type: string }>(
      `select distinct entity_type from audit_entry where action = 'READ' and patient_id = $1 and actor_id = $2`,
      [subject.profile.id, reader.user.id],
    );
    expect(audit.map((row) => row.entity_type)).toEqual(expect.arrayContaining(['LabOrder', 'MedicalRecord']));
  });

  it('narrows by code across both kinds and by category to one kind; a forged cursor is a 400 on _cursor', async () => {
    const potassium = await search('&code=http://loinc.org|2823-3', 2);
    expect(potassium.map((resource) => (resource as Observation).valueQuantity?.value).sort()).toEqual([4.1, 4.2, 4.3]);
    expect(await search('&code=8867-4', 1)).toHaveLength(3);
    expect(await search('&category=vital-signs', 1)).toHaveLength(6);
    expect(await search('&category=laboratory', 1)).toHaveLength(3);
    expect(await search('&category=vital-signs,laboratory', 2)).toHaveLength(9);
    expect(await search('&category=survey', 2)).toHaveLength(0);
    const forged = await fhirGet<OperationOutcome>(
      app,
      `Observation?patient=${subject.profile.id}&_cursor=${Buffer.from(JSON.stringify(['2026-01-10T09:30:00.000Z', 'other', subject.profile.id])).toString('base64url')}`,
      reader.token,
    );
    expect(forged.status).toBe(400);
    expect(forged.body.issue[0]).toMatchObject({ expression: ['_cursor'] });
  });
});
