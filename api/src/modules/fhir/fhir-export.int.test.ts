import type { Condition, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { exportCall, exportedLines, exportOf as exportRun, type ExportManifest } from '../../../test/fhir-export.js';
import { expectData, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';

let app: Application;
let database: TestDatabase;
let factory: Factory;
let patient: Account<Patient>;
let otherPatient: Account<Patient>;
let doctor: Account<Doctor>;
let admin: Account<null>;
let partnerClientId: string;
let partner: string;
let readOnlyPartner: string;

const ALL_SCOPES = ['fhir:read', 'fhir:export', 'patients:read', 'doctors:read', 'appointments:read', 'clinical:read'];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  [patient, otherPatient, doctor, admin] = await Promise.all([
    factory.patient(),
    factory.patient(),
    factory.doctor(),
    factory.admin(),
  ]);
  for (const who of [patient, otherPatient]) {
    const visit = await factory.appointment(who.profile, doctor.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(Date.now() - 3 * 86_400_000),
    });
    const record = await factory.record(who.profile, doctor.profile, visit);
    const em = app.orm.em.fork();
    const row = await em.findOneOrFail(MedicalRecord, record.id);
    row.vitals = { heartRate: 72, systolic: 120, diastolic: 80 };
    row.diagnoses = [{ code: 'J06.9', description: 'Acute upper respiratory infection, unspecified' }];
    await em.flush();
    await factory.prescription(who.profile, doctor.profile, visit);
  }
  const client = await createPartner(app, admin.token, ALL_SCOPES, 'Export Labs');
  partnerClientId = client.id;
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patient.token,
      variables: { id: client.id },
    }),
  );
  partner = await partnerToken(app, client);
  readOnlyPartner = await partnerToken(
    app,
    await createPartner(app, admin.token, ['fhir:read', 'patients:read'], 'Read Only Labs'),
  );
});

const call = (path: string, token?: string, init?: { method?: string; prefer?: boolean }) =>
  exportCall(app, path, token, init);
const exportOf = (path: string, token: string) => exportRun(app, path, token);
const linesOf = (manifest: ExportManifest, token: string) => exportedLines(app, manifest, token);

describe('FHIR bulk export', () => {
  it('exports the clinic for an administrator without clinical content, files for the requester only', async () => {
    const { status, manifest } = await exportOf('$export', admin.token);
    expect(manifest).toMatchObject({ requiresAccessToken: true, error: [] });
    expect(manifest.request).toContain('/fhir/R4/$export');
    expect(Number.isNaN(Date.parse(manifest.transactionTime))).toBe(false);
    const byType = await linesOf(manifest, admin.token);
    expect([...byType.keys()].sort()).toEqual(['Appointment', 'Patient', 'Practitioner', 'PractitionerRole']);
    expect(byType.get('Patient')!.map((resource) => resource.id)).toEqual(
      expect.arrayContaining([patient.profile.id, otherPatient.profile.id]),
    );
    // Administrators read no visit reasons, in bulk as in GraphQL.
    expect(byType.get('Appointment')!.every((resource) => !('reasonCode' in resource))).toBe(true);

    const file = manifest.output[0]!.url;
    expect((await call(file)).status).toBe(401);
    const otherAdmin = await factory.admin();
    expect((await call(file, otherAdmin.token)).status).toBe(404);
    expect((await call(status, otherAdmin.token)).status).toBe(404);
    expect((await call(file, partner)).status).toBe(404);

    const audit = await database.query<{ action: string }>(
      `select action from audit_entry where actor_id = $1 and entity_type = 'FhirExport'`,
      [admin.user.id],
    );
    expect(audit.map((row) => row.action).sort()).toEqual(expect.arrayContaining(['DOWNLOAD', 'EXPORT']));
  });

  it('exports for a partner only the consenting patients, every resource valid, reads audited as PARTNER', async () => {
    const { manifest } = await exportOf('Patient/$export', partner);
    const byType = await linesOf(manifest, partner);
    expect(byType.get('Patient')!.map((resource) => resource.id)).toEqual([patient.profile.id]);
    for (const type of ['Appointment', 'Observation', 'Condition', 'MedicationRequest']) {
      expect(byType.get(type)?.length, type).toBeGreaterThan(0);
    }
    const everyLine = [...byType.values()].flat();
    expect(JSON.stringify(everyLine)).not.toContain(otherPatient.profile.id);
    expect(byType.has('Practitioner')).toBe(false); // not in a patient-level export
    const reads = await database.query<{ actor_role: string; patient_id: string }>(
      `select distinct actor_role, patient_id from audit_entry where actor_id = $1 and action = 'READ'`,
      [partnerClientId],
    );
    expect(reads).toEqual([{ actor_role: 'PARTNER', patient_id: patient.profile.id }]);
  });

  it('honours _type and _since', async () => {
    const { manifest } = await exportOf('$export?_type=Patient,Observation', partner);
    expect(manifest.output.map((file) => file.type).sort()).toEqual(['Observation', 'Patient']);
    const later = await exportOf(`$export?_since=${new Date(Date.now() + 60_000).toISOString()}`, partner);
    expect(later.manifest.output).toEqual([]);
  });

  it("honours _typeFilter (as the type's own search, filters of a type or-ed) and _elements (SUBSETTED, still valid)", async () => {
    const filter = (query: string) => `_typeFilter=${encodeURIComponent(query)}`;
    const { manifest } = await exportOf(
      `Patient/$export?_type=Patient,Observation,Condition&${filter('Observation?code=http://loinc.org|8867-4')}` +
        '&_elements=Observation.value,Patient.birthDate,Condition.recorder',
      partner,
    );
    const byType = await linesOf(manifest, partner);
    const observations = byType.get('Observation') as Observation[];
    expect(observations.map((resource) => resource.code.coding![0]!.code)).toEqual(['8867-4']);
    const subsetted = (resource: Resource) => resource.meta?.tag?.some((tag) => tag.code === 'SUBSETTED');
    expect(observations[0]).toMatchObject({ status: 'final', valueQuantity: { value: 72 } });
    expect(observations[0]!.subject).toBeUndefined();
    for (const resource of [...byType.values()].flat()) {
      expect(subsetted(resource), resource.resourceType).toBe(true);
    }
    expect(Object.keys(byType.get('Patient')![0]!).sort()).toEqual(['birthDate', 'id', 'meta', 'resourceType']);
    const conditions = byType.get('Condition') as Condition[];
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions.every((condition) => condition.subject && !condition.code)).toBe(true);

    const both = await exportOf(
      `Patient/$export?_type=Observation&${filter('Observation?code=8867-4')}&${filter('Observation?code=85354-9')}`,
      partner,
    );
    const codes = ((await linesOf(both.manifest, partner)).get('Observation') as Observation[]).map(
      (resource) => resource.code.coding![0]!.code,
    );
    expect(codes.sort()).toEqual(['85354-9', '8867-4']);
    const none = await exportOf(
      `Patient/$export?_type=Observation&${filter('Observation?category=laboratory')}`,
      partner,
    );
    expect(none.manifest.output).toEqual([]);
  });

  it('keeps lab results that a _typeFilter on a lab code finds (the search without a category holds them)', async () => {
    await factory.labOrder(patient.profile, doctor.profile, 4.4);
    const filter = `_typeFilter=${encodeURIComponent('Observation?code=http://loinc.org|2823-3')}`;
    const { manifest } = await exportOf(`Patient/$export?_type=Observation&${filter}`, partner);
    const observations = (await linesOf(manifest, partner)).get('Observation') as Observation[];
    expect(observations.map((resource) => [resource.code.coding![0]!.code, resource.valueQuantity?.value])).toEqual([
      ['2823-3', 4.4],
    ]);
  });

  it('refuses a kick-off without respond-async, bad parameters, and callers without fhir:export', async () => {
    const noPrefer = await call('$export', admin.token, { prefer: false });
    expect(noPrefer.status).toBe(400);
    expect(((await noPrefer.json()) as OperationOutcome).issue[0]).toMatchObject({ expression: ['Prefer'] });
    for (const [path, field] of [
      ['$export?_type=Spaceship', '_type'],
      ['$export?_type=Observation', '_type'], // clinical: not for administrators
      ['$export?_since=yesterday', '_since'],
      ['$export?_outputFormat=text/csv', '_outputFormat'],
      ['$export?_elements=name.given', '_elements'],
      ['$export?_typeFilter=Patient%3Fname%3Dx', '_typeFilter'], // Patient is not searched by patient
      ['$export?_typeFilter=Spaceship%3Fx%3D1', '_typeFilter'],
      ['$export?_typeFilter=Appointment', '_typeFilter'],
      ['$export?_typeFilter=Appointment%3Fshoe%3D44', '_typeFilter'],
      ['$export?_typeFilter=Appointment%3Fpatient%3Dx', '_typeFilter'],
      ['$export?_typeFilter=Appointment%3Fdate%3Dyesterday', '_typeFilter'],
      ['$export?_type=Patient&_typeFilter=Appointment%3Fstatus%3Dbooked', '_typeFilter'], // not a type exported
    ] as const) {
      const response = await call(path, admin.token);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as OperationOutcome).issue[0]!.expression).toEqual([field]);
    }
    expect((await call('$export', readOnlyPartner)).status).toBe(403);
    expect((await call('$export', doctor.token)).status).toBe(403);
    expect((await call('$export', patient.token)).status).toBe(403);
    expect((await call('$export')).status).toBe(401);
  });

  it('deletes the files of an expired export (its expiry job), keeping the record of it', async () => {
    const { status, manifest } = await exportOf('$export?_type=Patient', admin.token);
    const exportId = status.split('/').at(-1)!;
    const fileId = manifest.output[0]!.url.split('/').at(-1)!;
    const path = join(app.settings.dataDir, 'attachments', exportId, fileId);
    expect(existsSync(path)).toBe(true);
    const [job] = await database.query<{ run_at: Date }>(
      `select j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'fhir-export-expiry' and j.payload->>'exportId' = $1`,
      [exportId],
    );
    expect(job!.run_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    await database.query(`update fhir_export set expires_at = now() - interval '1 second' where id = $1`, [exportId]);
    await database.query(`update graphile_worker._private_jobs set run_at = now() where payload->>'exportId' = $1`, [
      exportId,
    ]);
    await database.query(`select pg_notify('jobs:insert', '{}')`);
    for (let attempt = 0; attempt < 100 && existsSync(path); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(path)).toBe(false);
    expect((await call(status, admin.token)).status).toBe(404);
    const [row] = await database.query<{ status: string }>(`select status from fhir_export where id = $1`, [exportId]);
    expect(row!.status).toBe('COMPLETED');
  });

  it('cancels an export with DELETE: its status and files are gone', async () => {
    const { status, manifest } = await exportOf('$export?_type=Patient', admin.token);
    const cancelled = await call(status, admin.token, { method: 'DELETE' });
    expect(cancelled.status).toBe(202);
    expect((await call(status, admin.token)).status).toBe(404);
    expect((await call(manifest.output[0]!.url, admin.token)).status).toBe(404);
  });
});
