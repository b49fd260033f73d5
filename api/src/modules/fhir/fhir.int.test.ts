import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { allPages, expectValidFhir, fhirGet } from '../../../test/fhir.js';
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
    { code: 'R05', description: 'Cough' },
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
      'Appointment',
      'MedicationRequest',
      'Observation',
      'Condition',
      'AllergyIntolerance',
      'DiagnosticReport',
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
      `select entity_type, emergency, reason from audit_event
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
  type Caller = 'anonymous' | 'patient' | 'otherPatient' | 'caringDoctor' | 'emergencyDoctor' | 'otherDoctor' | 'admin';
  const account = (caller: Caller) =>
    ({ anonymous: undefined, patient, otherPatient, caringDoctor: caring, emergencyDoctor, otherDoctor, admin })[
      caller
    ];
  /** The facts of the setup: who has an appointment or a grant (what AccessControl looks up). */
  const CARE_FACTS: Partial<Record<Caller, ChartRelation>> = {
    caringDoctor: 'care',
    emergencyDoctor: 'emergency',
    otherDoctor: 'none',
  };
  const actorOf = (caller: Caller): Actor => {
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
    const direct = directRelation(actorOf(caller), patient.profile.id);
    return direct === 'ask-care' ? CARE_FACTS[caller]! : direct;
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
  ];

  it.each(callers)('%s gets what the policy allows on every read and search', async (caller) => {
    const token = account(caller)?.token;
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
  });

  it('leaves the visit reason out for administrators, as the GraphQL field does', async () => {
    const asAdmin = await fhirGet(app, `Appointment/${appointmentIds[0]}`, admin.token);
    const asDoctor = await fhirGet(app, `Appointment/${appointmentIds[0]}`, caring.token);
    expect(asAdmin.body).not.toHaveProperty('reasonCode');
    expect(asDoctor.body).toMatchObject({ reasonCode: [{ text: 'Persistent cough' }] });
  });
});
