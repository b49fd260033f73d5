import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { allPages, expectValidFhir, fhirGet } from '../../../test/fhir.js';
import { expectData, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken, type PartnerClient } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import { Doctor } from '../doctors/doctor.entity.js';
import {
  directRelation,
  mayReadClinical,
  mayReadProfile,
  maySeeAppointment,
  type ChartRelation,
} from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from '../prescriptions/prescription-item.entity.js';
import { PrescriptionStatus } from '../prescriptions/prescription-status.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { VITAL_SIGNS } from './fhir-vocabulary.js';

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patient: Account<Patient>;
let otherPatient: Account<Patient>;
let caring: Account<Doctor>;
let emergencyDoctor: Account<Doctor>;
let otherDoctor: Account<Doctor>;
let admin: Account<null>;
/** Partners holding every FHIR read scope: one the patient consented to share with, one not. */
let partner: { client: PartnerClient; token: string };
let strangerPartner: { client: PartnerClient; token: string };
const PARTNER_SCOPES = ['fhir:read', 'patients:read', 'doctors:read', 'appointments:read', 'clinical:read'];
let record: MedicalRecord;
let prescription: Prescription;
let appointmentIds: string[];

const HOUR = 3_600_000;
let hour = 0;
const distinctTime = (pastDays: number) =>
  new Date(Math.floor(Date.now() / HOUR) * HOUR - pastDays * 24 * HOUR + ++hour * HOUR);

/** A chart with every kind of data the FHIR API serves. */
async function fullChart(): Promise<void> {
  const em = app.orm.em.fork();
  const profile = await em.findOneOrFail(Patient, patient.profile.id);
  em.assign(profile, {
    gender: 'female',
    phone: '+49 30 1234567',
    address: 'Hauptstraße 1, 10115 Berlin',
    allergies: ['Penicillin', 'Peanuts'],
    chronicConditions: ['Asthma'],
    emergencyContacts: [{ name: 'Max Muster', relationship: 'Brother', phone: '+49 30 7654321' }],
  });
  const doctor = await em.findOneOrFail(Doctor, caring.profile.id);
  em.assign(doctor, { qualifications: ['MD', 'Board certified in internal medicine'] });
  await em.flush();

  const appointments = await Promise.all(
    Object.values(AppointmentStatus).map((status, index) =>
      factory.appointment(patient.profile, caring.profile, { status, startsAt: distinctTime(30 - index) }),
    ),
  );
  appointmentIds = appointments.map((appointment) => appointment.id);
  const completed = appointments.find((appointment) => appointment.status === AppointmentStatus.COMPLETED)!;
  record = await factory.record(patient.profile, caring.profile, completed);
  const recordRow = await em.findOneOrFail(MedicalRecord, record.id);
  recordRow.vitals = {
    temperatureC: 37.9,
    systolic: 128,
    diastolic: 84,
    heartRate: 88,
    respiratoryRate: 16,
    oxygenSaturation: 97,
    weightKg: 71.5,
    heightCm: 172,
  };
  recordRow.diagnoses = [
    { code: 'J06.9', description: 'Acute upper respiratory infection, unspecified' },
    { code: 'J45.909', description: 'Unspecified asthma, uncomplicated' },
  ];
  prescription = await factory.prescription(patient.profile, caring.profile, completed);
  const prescriptionRow = await em.findOneOrFail(Prescription, prescription.id);
  prescriptionRow.notes = 'Take with food.';
  em.create(PrescriptionItem, {
    prescription: prescriptionRow,
    position: 1,
    medication: 'Ibuprofen',
    dosage: '400 mg',
    frequency: 'as needed, up to three times daily',
    durationDays: 1,
    instructions: 'Not on an empty stomach',
  });
  const stopped = await factory.prescription(patient.profile, caring.profile);
  const stoppedRow = await em.findOneOrFail(Prescription, stopped.id);
  Object.assign(stoppedRow, {
    storedStatus: PrescriptionStatus.DISCONTINUED,
    discontinuedAt: new Date(),
    discontinuedReason: 'Rash',
  });
  await em.flush();
  await factory.emergencyGrant(emergencyDoctor.profile, patient.profile);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  [patient, otherPatient, caring, emergencyDoctor, otherDoctor, admin] = await Promise.all([
    factory.patient(),
    factory.patient(),
    factory.doctor({ specialization: 'Internal Medicine' }),
    factory.doctor(),
    factory.doctor(),
    factory.admin(),
  ]);
  await fullChart();
  const [client, strangerClient] = await Promise.all([
    createPartner(app, admin.token, PARTNER_SCOPES, 'Consented Labs'),
    createPartner(app, admin.token, PARTNER_SCOPES, 'Stranger Labs'),
  ]);
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patient.token,
      variables: { id: client.id },
    }),
  );
  partner = { client, token: await partnerToken(app, client) };
  strangerPartner = { client: strangerClient, token: await partnerToken(app, strangerClient) };
});

const entries = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((entry) => entry.resource!);

describe('FHIR R4 resources', () => {
  it('has a validator that refuses what FHIR R4 refuses', () => {
    expect(() => expectValidFhir({ resourceType: 'Observation', id: 'x' } as Resource)).toThrow(/status|code/);
    expect(() => expectValidFhir({ resourceType: 'Patient', id: 'x', birthDate: '12/04/1980' })).toThrow(/birthDate/);
  });

  it('serves a CapabilityStatement that validates and lists every served type', async () => {
    const response = await fhirGet<CapabilityStatement>(app, 'metadata');
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('application/fhir+json');
    expectValidFhir(response.body);
    expect(response.body.rest![0]!.resource!.map((resource) => resource.type)).toEqual([
      'Patient',
      'Practitioner',
      'PractitionerRole',
      'Schedule',
      'Slot',
      'Appointment',
      'MedicationRequest',
      'Observation',
      'Condition',
      'AllergyIntolerance',
      'DiagnosticReport',
      'Coverage',
      'Claim',
      'ClaimResponse',
    ]);
  });

  it('answers $everything with every kind of resource of the chart, each valid FHIR R4', async () => {
    const response = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token);
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    const resources = entries(response.body);
    resources.forEach(expectValidFhir);
    const count = (type: string) => resources.filter((resource) => resource.resourceType === type).length;
    expect(count('Patient')).toBe(1);
    expect(count('Practitioner')).toBe(1);
    expect(count('Appointment')).toBe(Object.values(AppointmentStatus).length);
    expect(count('Observation')).toBe(VITAL_SIGNS.length);
    expect(count('Condition')).toBe(3); // two diagnoses and the chronic condition
    expect(count('AllergyIntolerance')).toBe(2);
    expect(count('MedicationRequest')).toBe(3);
  });

  it('codes vitals in LOINC and UCUM on the vital-signs profiles, and diagnoses in ICD-10', async () => {
    const observations = await allPages(app, `Observation?patient=Patient/${patient.profile.id}`, caring.token);
    const byCode = new Map(
      (observations as Observation[]).map((observation) => [observation.code.coding![0]!.code, observation]),
    );
    const heartRate = byCode.get('8867-4')!;
    expect(heartRate.meta?.profile).toEqual(['http://hl7.org/fhir/StructureDefinition/heartrate']);
    expect(heartRate.category![0]!.coding![0]).toMatchObject({ code: 'vital-signs' });
    expect(heartRate.valueQuantity).toEqual({
      value: 88,
      unit: 'beats/min',
      system: 'http://unitsofmeasure.org',
      code: '/min',
    });
    const bloodPressure = byCode.get('85354-9')!;
    expect(
      bloodPressure.component?.map((part) => [
        part.code.coding![0]!.code,
        part.valueQuantity?.code,
        part.valueQuantity?.value,
      ]),
    ).toEqual([
      ['8480-6', 'mm[Hg]', 128],
      ['8462-4', 'mm[Hg]', 84],
    ]);
    expect(byCode.get('8310-5')!.valueQuantity).toMatchObject({ code: 'Cel', value: 37.9 });

    const conditions = await fhirGet<Bundle>(app, `Condition?patient=${patient.profile.id}`, patient.token);
    const coded = entries(conditions.body).flatMap((condition) =>
      condition.resourceType === 'Condition' ? (condition.code?.coding ?? []) : [],
    );
    expect(coded).toContainEqual(expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J06.9' }));
    // A code WHO's ICD-10 cannot hold (two or more characters after the dot) is stated as ICD-10-CM.
    expect(coded).toContainEqual(
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J45.909' }),
    );
  });

  it('searches observations by LOINC code and category', async () => {
    const byCode = await fhirGet<Bundle>(
      app,
      `Observation?patient=${patient.profile.id}&code=http://loinc.org|8867-4`,
      patient.token,
    );
    expect(entries(byCode.body).map((resource) => resource.id)).toEqual([`${record.id}-hr`]);
    const labs = await fhirGet<Bundle>(
      app,
      `Observation?patient=${patient.profile.id}&category=laboratory`,
      patient.token,
    );
    expect(labs.status).toBe(200);
    expect(entries(labs.body)).toEqual([]);
  });

  it('reads every resource of the chart by its id, the same as in the bundle', async () => {
    const everything = entries(
      (await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token)).body,
    );
    for (const resource of everything) {
      const read = await fhirGet(app, `${resource.resourceType}/${resource.id}`, patient.token);
      expect(read.status, `${resource.resourceType}/${resource.id}`).toBe(200);
      expect(read.body).toEqual(resource);
    }
    const role = await fhirGet(app, `PractitionerRole/${caring.profile.id}`, patient.token);
    expectValidFhir(role.body);
    expect(role.body).toMatchObject({ specialty: [{ text: 'Internal Medicine' }] });
  });

  it('serves Schedules and free Slots from the same computation as availableSlots', async () => {
    const from = new Date(Date.now() + 2 * 24 * HOUR);
    const to = new Date(from.getTime() + 2 * 24 * HOUR);
    const graphql = expectData(
      await gql<{ availableSlots: { startsAt: string; endsAt: string }[] }>(
        app,
        'query ($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(doctorId: $id, from: $from, to: $to) { startsAt endsAt } }',
        { token: patient.token, variables: { id: otherDoctor.profile.id, from, to } },
      ),
    ).availableSlots;
    expect(graphql.length).toBeGreaterThan(3);
    const window = `start=ge${from.toISOString()}&start=lt${to.toISOString()}`;
    const slots = await allPages(
      app,
      `Slot?schedule=Schedule/${otherDoctor.profile.id}&${window}&_count=3`,
      partner.token,
    );
    slots.forEach(expectValidFhir);
    expect(slots.map((slot) => (slot.resourceType === 'Slot' ? [slot.start, slot.end, slot.status] : []))).toEqual(
      graphql.map((slot) => [slot.startsAt, slot.endsAt, 'free']),
    );
    const byPractitioner = await fhirGet<Bundle>(
      app,
      `Slot?practitioner=Practitioner/${otherDoctor.profile.id}&${window}&_count=100`,
      patient.token,
    );
    expect(entries(byPractitioner.body)).toEqual(slots);
    const read = await fhirGet(app, `Slot/${slots[0]!.id}`, patient.token);
    expect(read.body).toEqual(slots[0]);

    const schedule = await fhirGet(app, `Schedule/${otherDoctor.profile.id}`, patient.token);
    expect(schedule.status).toBe(200);
    expectValidFhir(schedule.body);
    expect(schedule.body).toMatchObject({ actor: [{ reference: `Practitioner/${otherDoctor.profile.id}` }] });
    const found = await fhirGet<Bundle>(app, `Schedule?actor=Practitioner/${otherDoctor.profile.id}`, admin.token);
    expect(entries(found.body)).toEqual([schedule.body]);

    for (const path of [
      `Slot?${window}`,
      `Slot?schedule=Schedule/${otherDoctor.profile.id}&start=ge2026-01-01&start=lt2026-06-01`,
    ]) {
      const refused = await fhirGet<OperationOutcome>(app, path, patient.token);
      expect(refused.status, path).toBe(400);
    }
  });

  it('lets a patient download their whole record as the $everything bundle and as a PDF, audited', async () => {
    const get = (path: string, token?: string) =>
      fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const json = await get(`/health-record/${patient.profile.id}.json`, patient.token);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="health-record-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const bundle = (await json.json()) as Bundle;
    expectValidFhir(bundle);
    const everything = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token);
    expect(entries(bundle)).toEqual(entries(everything.body));

    const pdf = await get(`/health-record/${patient.profile.id}.pdf`, patient.token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await get(`/health-record/${patient.profile.id}.json`, otherPatient.token)).status).toBe(403);
    expect((await get(`/health-record/${patient.profile.id}.pdf`, admin.token)).status).toBe(403);
    expect((await get(`/health-record/${patient.profile.id}.pdf`)).status).toBe(401);
    const audit = await database.query<{ entity_type: string }>(
      `select entity_type from audit_entry where action = 'DOWNLOAD' and patient_id = $1 and actor_id = $2`,
      [patient.profile.id, patient.user.id],
    );
    expect(audit.map((row) => row.entity_type).sort()).toEqual(['HealthRecordBundle', 'HealthRecordSummary']);
    // Listed in the patient's access log, which otherwise shows only what others did.
    const log = expectData(
      await gql<{ myAccessLog: { edges: { node: { action: string; entityType: string; actorRole: string } }[] } }>(
        app,
        '{ myAccessLog(first: 100) { edges { node { action entityType actorRole } } } }',
        { token: patient.token },
      ),
    ).myAccessLog.edges.map((edge) => edge.node);
    expect(log.filter((entry) => entry.actorRole === 'PATIENT')).toEqual(
      expect.arrayContaining([
        { action: 'DOWNLOAD', entityType: 'HealthRecordBundle', actorRole: 'PATIENT' },
        { action: 'DOWNLOAD', entityType: 'HealthRecordSummary', actorRole: 'PATIENT' },
      ]),
    );
    expect(log.every((entry) => entry.actorRole !== 'PATIENT' || entry.action === 'DOWNLOAD')).toBe(true);
  });

  it('states gender as an AdministrativeGender code', async () => {
    const read = await fhirGet(app, `Patient/${patient.profile.id}`, patient.token);
    expect(read.body).toMatchObject({ gender: 'female', birthDate: '1980-04-12' });
  });

  it('pages searches with next links and caps _count', async () => {
    const first = await fhirGet<Bundle>(app, `Appointment?patient=Patient/${patient.profile.id}&_count=2`, admin.token);
    expect(first.status).toBe(200);
    expectValidFhir(first.body);
    expect(entries(first.body)).toHaveLength(2);
    const next = first.body.link?.find((link) => link.relation === 'next')?.url;
    expect(next).toContain('_cursor=');
    const all = await allPages(app, `Appointment?patient=Patient/${patient.profile.id}&_count=2`, admin.token);
    expect(all.map((resource) => resource.id).sort()).toEqual([...appointmentIds].sort());
    const starts = all.map((resource) => (resource.resourceType === 'Appointment' ? resource.start! : ''));
    expect(starts).toEqual([...starts].sort());

    const capped = await fhirGet<Bundle>(app, `Patient?_count=100000`, admin.token);
    expect(capped.status).toBe(200);
    expect(entries(capped.body).length).toBeLessThanOrEqual(100);
  });

  it('answers _elements with SUBSETTED summaries (asked and mandatory elements) on search and read, paged', async () => {
    const tagged = (resource: Resource) =>
      resource.meta?.tag?.some((tag) => tag.code === 'SUBSETTED' && tag.system?.endsWith('v3-ObservationValue'));
    const first = await fhirGet<Bundle>(
      app,
      `Observation?patient=${patient.profile.id}&_elements=effective,subject`,
      caring.token,
    );
    expect(first.status).toBe(200);
    const observations = entries(first.body);
    expect(observations).toHaveLength(VITAL_SIGNS.length);
    for (const observation of observations) {
      expectValidFhir(observation);
      expect(tagged(observation)).toBe(true);
      // status and code are mandatory in R4: kept; the value, category and profile's other parts are not.
      expect(Object.keys(observation).sort()).toEqual(
        ['code', 'effectiveDateTime', 'id', 'meta', 'resourceType', 'status', 'subject'].sort(),
      );
    }
    // Paged: the next link carries _elements, and its page is subsetted too.
    const visits = await fhirGet<Bundle>(
      app,
      `Appointment?patient=${patient.profile.id}&_elements=start,end&_count=2`,
      caring.token,
    );
    const next = visits.body.link?.find((link) => link.relation === 'next')?.url;
    expect(next).toContain('_elements=start%2Cend');
    const later = entries((await fhirGet<Bundle>(app, next!, caring.token)).body);
    expect(later.length).toBeGreaterThan(0);
    for (const visit of [...entries(visits.body), ...later]) {
      expectValidFhir(visit);
      expect(Object.keys(visit).sort()).toEqual([
        'end',
        'id',
        'meta',
        'participant',
        'resourceType',
        'start',
        'status',
      ]);
    }

    const patients = await fhirGet<Bundle>(app, `Patient?_elements=Patient.gender&_count=5`, admin.token);
    expect(entries(patients.body).some((resource) => 'gender' in resource)).toBe(true);
    for (const resource of entries(patients.body)) {
      expectValidFhir(resource);
      expect(['gender', 'id', 'meta', 'resourceType']).toEqual(expect.arrayContaining(Object.keys(resource)));
    }
    const read = await fhirGet<Resource>(app, `Patient/${patient.profile.id}?_elements=birthDate`, caring.token);
    expect(read.status).toBe(200);
    expectValidFhir(read.body);
    expect(read.body).toMatchObject({ resourceType: 'Patient', id: patient.profile.id });
    expect(read.body.resourceType === 'Patient' && read.body.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tagged(read.body)).toBe(true);
    expect('name' in read.body).toBe(false);
    // Without _elements, the whole resource, untagged.
    const whole = await fhirGet<Resource>(app, `Patient/${patient.profile.id}`, caring.token);
    expect(tagged(whole.body)).toBeFalsy();
    expect('name' in whole.body).toBe(true);
  });

  it('filters appointments by date and status', async () => {
    const booked = await fhirGet<Bundle>(app, `Appointment?patient=${patient.profile.id}&status=booked`, admin.token);
    expect(entries(booked.body).map((resource) => resource.resourceType === 'Appointment' && resource.status)).toEqual([
      'booked',
    ]);
    const none = await fhirGet<Bundle>(
      app,
      `Appointment?patient=${patient.profile.id}&date=ge2999-01-01&date=lt2999-02-01`,
      admin.token,
    );
    expect(entries(none.body)).toEqual([]);
  });

  it('answers bad input as an OperationOutcome naming the parameter, with status 400', async () => {
    for (const [path, field] of [
      ['Patient?shoe-size=44', 'shoe-size'],
      ['Patient?_count=abc', '_count'],
      ['Patient?_cursor=forged', '_cursor'],
      ['Appointment?date=yesterday', 'date'],
      ['Appointment?status=arrived', 'status'],
      ['Observation?patient=nobody', 'patient'],
      ['Observation', 'patient'],
      ['Patient?_elements=name.given', '_elements'],
      [`Patient/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?_elements=1x`, '_elements'],
    ] as const) {
      const response = await fhirGet<OperationOutcome>(app, path, caring.token);
      expect(response.status, path).toBe(400);
      expectValidFhir(response.body);
      expect(response.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: [field] });
    }
  });

  it('answers unknown types and ids with 404, a bad token with 401', async () => {
    const unknownType = await fhirGet<OperationOutcome>(app, 'Spaceship/1', admin.token);
    expect(unknownType.status).toBe(404);
    expect(unknownType.body.issue[0]!.code).toBe('not-found');
    const missing = await fhirGet<OperationOutcome>(app, `Practitioner/${crypto.randomUUID()}`, admin.token);
    expect(missing.status).toBe(404);
    const badToken = await fhirGet<OperationOutcome>(app, 'Patient', 'not-a-token');
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('www-authenticate')).toBe('Bearer');
    expect(badToken.body.issue[0]!.code).toBe('login');
  });

  it('audits every chart read as a READ of the patient', async () => {
    await fhirGet(app, `MedicationRequest?patient=${patient.profile.id}`, emergencyDoctor.token);
    const rows = await database.query<{ entity_type: string; emergency: boolean; reason: string | null }>(
      `select entity_type, emergency, reason from audit_entry
        where action = 'READ' and patient_id = $1 and actor_id = $2`,
      [patient.profile.id, emergencyDoctor.user.id],
    );
    expect(rows.map((row) => row.entity_type)).toContain('Prescription');
    expect(rows.every((row) => row.emergency && row.reason === 'Unconscious in the emergency room')).toBe(true);
  });
});

/**
 * Access: the callers of the GraphQL role matrix, each standing in a chart relation to the
 * patient; what they may read is asked of the same pure rules (access.policy.ts) GraphQL uses.
 */
describe('FHIR access follows the GraphQL policy', () => {
  type Caller =
    | 'anonymous'
    | 'patient'
    | 'otherPatient'
    | 'caringDoctor'
    | 'emergencyDoctor'
    | 'otherDoctor'
    | 'admin'
    | 'partner'
    | 'strangerPartner';
  const account = (caller: Exclude<Caller, 'partner' | 'strangerPartner'>) =>
    ({ anonymous: undefined, patient, otherPatient, caringDoctor: caring, emergencyDoctor, otherDoctor, admin })[
      caller
    ];
  const tokenOf = (caller: Caller): string | undefined =>
    caller === 'partner'
      ? partner.token
      : caller === 'strangerPartner'
        ? strangerPartner.token
        : account(caller)?.token;
  /** The facts of the setup: who has an appointment or a grant (what AccessControl looks up). */
  const CARE_FACTS: Partial<Record<Caller, ChartRelation>> = {
    caringDoctor: 'care',
    emergencyDoctor: 'emergency',
    otherDoctor: 'none',
    partner: 'consent',
    strangerPartner: 'none',
  };
  const actorOf = (caller: Caller): Actor => {
    if (caller === 'partner' || caller === 'strangerPartner') {
      const { client } = caller === 'partner' ? partner : strangerPartner;
      return {
        kind: 'partner',
        role: Role.PARTNER,
        clientId: client.id,
        scopes: PARTNER_SCOPES,
        tokenExpiresAt: new Date(Date.now() + HOUR),
      };
    }
    const who = account(caller);
    if (!who) {
      return { kind: 'anonymous' };
    }
    return {
      kind: 'user',
      userId: who.user.id,
      role: who.user.role,
      sessionId: 'test',
      patientId: who.user.role === Role.PATIENT ? (who.profile as Patient).id : undefined,
      doctorId: who.user.role === Role.DOCTOR ? (who.profile as Doctor).id : undefined,
      tokenExpiresAt: new Date(Date.now() + HOUR),
      mfaEnabled: false,
    };
  };
  const relationOf = (caller: Caller): ChartRelation => {
    const actor = actorOf(caller);
    const direct = directRelation(actor, patient.profile.id);
    return direct === 'ask-care' || actor.kind === 'partner' ? CARE_FACTS[caller]! : direct;
  };
  /** The status each request must get, from the rule that governs the resource. */
  const expected = (caller: Caller, rule: 'profile' | 'clinical' | 'appointment'): number => {
    const actor = actorOf(caller);
    if (actor.kind === 'anonymous') {
      return 401;
    }
    const relation = relationOf(caller);
    const allowed =
      rule === 'profile'
        ? mayReadProfile(relation)
        : rule === 'clinical'
          ? mayReadClinical(relation)
          : maySeeAppointment(actor, { patientId: patient.profile.id, doctorId: caring.profile.id }, relation);
    return allowed ? 200 : 403;
  };
  const requests = (): [string, 'profile' | 'clinical' | 'appointment'][] => [
    [`Patient/${patient.profile.id}`, 'profile'],
    [`Appointment/${appointmentIds[0]}`, 'appointment'],
    [`Patient/${patient.profile.id}/$everything`, 'clinical'],
    [`Observation/${record.id}-hr`, 'clinical'],
    [`Observation?patient=${patient.profile.id}`, 'clinical'],
    [`Condition/${record.id}-dx0`, 'clinical'],
    [`Condition?patient=${patient.profile.id}`, 'clinical'],
    [`AllergyIntolerance/${patient.profile.id}-al0`, 'clinical'],
    [`AllergyIntolerance?patient=${patient.profile.id}`, 'clinical'],
    [`MedicationRequest?patient=${patient.profile.id}`, 'clinical'],
  ];
  const callers: Caller[] = [
    'anonymous',
    'patient',
    'otherPatient',
    'caringDoctor',
    'emergencyDoctor',
    'otherDoctor',
    'admin',
    'partner',
    'strangerPartner',
  ];

  it.each(callers)('%s gets what the policy allows on every read and search', async (caller) => {
    const token = tokenOf(caller);
    for (const [path, rule] of requests()) {
      const response = await fhirGet(app, path, token);
      expect(response.status, `${caller} GET ${path}`).toBe(expected(caller, rule));
      if (response.status !== 200) {
        expect(response.body.resourceType).toBe('OperationOutcome');
      }
    }
  });

  it('narrows Patient search to who the caller may see', async () => {
    const ids = async (token: string) =>
      (await allPages(app, 'Patient?_count=100', token)).map((resource) => resource.id);
    expect(await ids(patient.token)).toEqual([patient.profile.id]);
    expect(await ids(caring.token)).toEqual([patient.profile.id]);
    expect(await ids(otherDoctor.token)).toEqual([]);
    expect(await ids(admin.token)).toEqual(expect.arrayContaining([patient.profile.id, otherPatient.profile.id]));
    expect(await ids(partner.token)).toEqual([patient.profile.id]);
    expect(await ids(strangerPartner.token)).toEqual([]);
  });

  it("narrows a partner's Appointment search to consenting patients and audits its reads as PARTNER", async () => {
    const seen = await allPages(app, 'Appointment?_count=100', partner.token);
    expect(seen.map((resource) => resource.id).sort()).toEqual([...appointmentIds].sort());
    expect(await allPages(app, 'Appointment?_count=100', strangerPartner.token)).toEqual([]);
    await fhirGet(app, `Condition?patient=${patient.profile.id}`, partner.token);
    const rows = await database.query<{ actor_role: string; entity_type: string }>(
      `select actor_role, entity_type from audit_entry where action = 'READ' and patient_id = $1 and actor_id = $2`,
      [patient.profile.id, partner.client.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.actor_role === 'PARTNER')).toBe(true);
    expect(rows.map((row) => row.entity_type)).toContain('MedicalRecord');
  });

  it('refuses a partner without fhir:read, and one without the scope of the data asked for', async () => {
    const noFhir = await createPartner(app, admin.token, ['patients:read', 'clinical:read'], 'Graph Only');
    const noClinical = await createPartner(app, admin.token, ['fhir:read', 'patients:read'], 'Demographics Only');
    for (const client of [noFhir, noClinical]) {
      expectData(
        await gql(
          app,
          'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }',
          {
            token: patient.token,
            variables: { id: client.id },
          },
        ),
      );
    }
    const graphOnly = await partnerToken(app, noFhir);
    const demographics = await partnerToken(app, noClinical);
    expect((await fhirGet(app, `Patient/${patient.profile.id}`, graphOnly)).status).toBe(403);
    expect((await fhirGet(app, `Patient/${patient.profile.id}`, demographics)).status).toBe(200);
    const clinical = await fhirGet<OperationOutcome>(app, `Condition?patient=${patient.profile.id}`, demographics);
    expect(clinical.status).toBe(403);
    expect(clinical.body.issue[0]!.code).toBe('forbidden');
  });

  it('leaves the visit reason out for administrators, as the GraphQL field does', async () => {
    const asAdmin = await fhirGet(app, `Appointment/${appointmentIds[0]}`, admin.token);
    const asDoctor = await fhirGet(app, `Appointment/${appointmentIds[0]}`, caring.token);
    expect(asAdmin.body).not.toHaveProperty('reasonCode');
    expect(asDoctor.body).toMatchObject({ reasonCode: [{ text: 'Persistent cough' }] });
  });
});
