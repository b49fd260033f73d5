import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { exportCall, exportedLines, exportOf, type ExportManifest } from '../../../test/fhir-export.js';
import { expectData, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken } from '../../../test/partners.js';
import { startS3Server } from '../../../test/s3.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';

/**
 * Bulk export with the files store on S3 (S3_BUCKET set): the NDJSON files go to a real
 * S3-compatible server (s3rver on loopback), are served from there with the requester's token,
 * and leave the bucket when cancelled or expired. Nothing stays on the local disk but the empty
 * staging folder.
 */
const BUCKET = 'exports';
let app: Application;
let database: TestDatabase;
let factory: Factory;
let s3: S3Client;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let admin: Account<null>;
let partner: string;

beforeAll(async () => {
  const settings = await startS3Server(BUCKET);
  database = await createTestDatabase();
  app = await startTestApp(database.url, settings);
  s3 = new S3Client({
    region: settings['S3_REGION']!,
    endpoint: settings['S3_ENDPOINT']!,
    forcePathStyle: true,
    credentials: { accessKeyId: settings['S3_ACCESS_KEY_ID']!, secretAccessKey: settings['S3_SECRET_ACCESS_KEY']! },
  });
  factory = new Factory(app);
  [patient, doctor, admin] = await Promise.all([factory.patient(), factory.doctor(), factory.admin()]);
  const visit = await factory.appointment(patient.profile, doctor.profile, {
    status: AppointmentStatus.COMPLETED,
    startsAt: new Date(Date.now() - 2 * 86_400_000),
  });
  const record = await factory.record(patient.profile, doctor.profile, visit);
  const em = app.orm.em.fork();
  const row = await em.findOneOrFail(MedicalRecord, record.id);
  row.vitals = { heartRate: 64, temperatureC: 36.8 };
  row.diagnoses = [{ code: 'I10', description: 'Essential (primary) hypertension' }];
  await em.flush();
  await factory.prescription(patient.profile, doctor.profile, visit);
  const client = await createPartner(
    app,
    admin.token,
    ['fhir:read', 'fhir:export', 'patients:read', 'doctors:read', 'appointments:read', 'clinical:read'],
    'Export to S3',
  );
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patient.token,
      variables: { id: client.id },
    }),
  );
  partner = await partnerToken(app, client);
}, 120_000);

afterAll(() => s3?.destroy());

/** The keys in the bucket under one export. */
async function keysOf(exportId: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${exportId}/` }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

async function objectText(key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return object.Body!.transformToString('utf8');
}

const idOf = (status: string) => status.split('/').at(-1)!;
const fileIdOf = (url: string) => url.split('/').at(-1)!;
const expectedKeys = (exportId: string, manifest: ExportManifest) =>
  manifest.output.map((file) => `${exportId}/${fileIdOf(file.url)}`).sort();

describe('FHIR bulk export on S3', () => {
  it('writes each NDJSON file to the bucket, serves it from there to the requester only, valid line by line', async () => {
    const { status, manifest } = await exportOf(app, 'Patient/$export', partner);
    const exportId = idOf(status);
    expect(manifest.output.map((file) => file.type)).toEqual(
      expect.arrayContaining(['Patient', 'Appointment', 'Observation', 'Condition', 'MedicationRequest']),
    );
    expect(await keysOf(exportId)).toEqual(expectedKeys(exportId, manifest));

    const byType = await exportedLines(app, manifest, partner);
    expect(byType.get('Patient')!.map((resource) => resource.id)).toEqual([patient.profile.id]);
    for (const file of manifest.output) {
      // What the API serves is the object in the bucket, byte for byte.
      const served = await (await exportCall(app, file.url, partner)).text();
      expect(served).toBe(await objectText(`${exportId}/${fileIdOf(file.url)}`));
    }
    expect((await exportCall(app, manifest.output[0]!.url)).status).toBe(401);
    expect((await exportCall(app, manifest.output[0]!.url, admin.token)).status).toBe(404);

    // Nothing of the export is left on the local disk: not as files, not in the staging folder.
    const root = join(app.settings.dataDir, 'attachments');
    expect(existsSync(join(root, exportId))).toBe(false);
    const staging = join(root, '.staging');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
  });

  it('removes the objects when the export is cancelled with DELETE', async () => {
    const { status, manifest } = await exportOf(app, '$export?_type=Patient,Practitioner', admin.token);
    const exportId = idOf(status);
    expect(await keysOf(exportId)).toEqual(expectedKeys(exportId, manifest));
    expect(manifest.output).toHaveLength(2);
    expect((await exportCall(app, status, admin.token, { method: 'DELETE' })).status).toBe(202);
    expect(await keysOf(exportId)).toEqual([]);
    expect((await exportCall(app, manifest.output[0]!.url, admin.token)).status).toBe(404);
  });

  it('removes the objects when the files expire (the expiry job), keeping the record of the export', async () => {
    const { status, manifest } = await exportOf(app, '$export?_type=Patient', admin.token);
    const exportId = idOf(status);
    expect(await keysOf(exportId)).toHaveLength(1);
    await database.query(`update fhir_export set expires_at = now() - interval '1 second' where id = $1`, [exportId]);
    await database.query(`update graphile_worker._private_jobs set run_at = now() where payload->>'exportId' = $1`, [
      exportId,
    ]);
    await database.query(`select pg_notify('jobs:insert', '{}')`);
    let keys = await keysOf(exportId);
    for (let attempt = 0; attempt < 100 && keys.length; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      keys = await keysOf(exportId);
    }
    expect(keys).toEqual([]);
    expect((await exportCall(app, manifest.output[0]!.url, admin.token)).status).toBe(404);
    const [row] = await database.query<{ status: string }>(`select status from fhir_export where id = $1`, [exportId]);
    expect(row!.status).toBe('COMPLETED');
  });
});
