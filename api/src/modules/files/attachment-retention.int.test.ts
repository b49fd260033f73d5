import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { startS3Server } from '../../../test/s3.js';
import type { Application } from '../../server/bootstrap.js';
import { pruneExpiredRows, type RunQuery } from '../../shared/retention.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { ATTACHMENT_RETENTION } from './attachment-retention.js';
import { createFileStorage } from './file-storage.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const CREATE = `mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) {
  uploadUrl attachment { id } } }`;

let database: TestDatabase;
let app: Application;
let s3: Record<string, string>;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let threadId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startS3Server();
  app = await startTestApp(database.url, s3);
  const factory = new Factory(app);
  [patient, doctor] = await Promise.all([factory.patient(), factory.doctor()]);
  await factory.appointment(patient.profile, doctor.profile);
  threadId = expectData(
    await gql<{ startThread: { id: string } }>(
      app,
      `mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }`,
      {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, subject: 'Scan', body: 'The scan follows.' } },
      },
    ),
  ).startThread.id;
});

/** An upload into the conversation; with `bytes`, the bytes PUT (READY and stored), else left PENDING. */
async function upload(bytes?: Buffer): Promise<{ id: string; key: string }> {
  const created = expectData(
    await gql<{ createAttachmentUpload: { uploadUrl: string; attachment: { id: string } } }>(app, CREATE, {
      token: patient.token,
      variables: {
        input: {
          patientId: patient.profile.id,
          fileName: 'scan.pdf',
          contentType: 'application/pdf',
          sizeBytes: PDF.length,
          messageThreadId: threadId,
        },
      },
    }),
  ).createAttachmentUpload;
  if (bytes) {
    expect((await fetch(`${app.url}${created.uploadUrl}`, { method: 'PUT', body: bytes })).status).toBe(200);
  }
  const [row] = await database.query<{ storage_key: string }>('select storage_key from attachment where id = $1', [
    created.attachment.id,
  ]);
  return { id: created.attachment.id, key: row!.storage_key };
}

/** Whether the S3-compatible server still holds the object. */
async function stored(key: string): Promise<boolean> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: s3['S3_ENDPOINT']!,
    forcePathStyle: true,
    credentials: { accessKeyId: s3['S3_ACCESS_KEY_ID']!, secretAccessKey: s3['S3_SECRET_ACCESS_KEY']! },
  });
  try {
    await client.send(new HeadObjectCommand({ Bucket: s3['S3_BUCKET']!, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') {
      return false;
    }
    throw error;
  } finally {
    client.destroy();
  }
}

/** One run of the attachment rules, as the hourly job runs them, against the app's own file store. */
async function prune(remove = (key: string) => createFileStorage(app.settings).remove(key)) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const run: RunQuery = (sql, values) => client.query(sql, values);
    return await pruneExpiredRows(run, ATTACHMENT_RETENTION, undefined, {
      remove,
      transaction: async (work) => {
        await client.query('begin');
        try {
          const result = await work(run);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      },
    });
  } finally {
    await client.end();
  }
}

const exists = async (id: string) =>
  (await database.query('select 1 from attachment where id = $1', [id])).length === 1;

describe('pruning attachments that never became part of anything', () => {
  it('removes expired uploads and day-old unsent ones with their bytes in the S3 store; keeps sent and fresh ones', async () => {
    const unsent = await upload(PDF);
    const lapsed = await upload();
    const sent = await upload(PDF);
    const fresh = await upload(PDF);
    const waiting = await upload();
    expectData(
      await gql(
        app,
        `mutation ($t: ID!, $a: [ID!]) { sendMessage(threadId: $t, body: "Scan.", attachmentIds: $a) { id } }`,
        {
          token: patient.token,
          variables: { t: threadId, a: [sent.id] },
        },
      ),
    );
    // Two days pass for all but the fresh ones; the lapsed upload's link ran out a day and more ago.
    await database.query(
      `update attachment set uploaded_at = now() - interval '2 days', upload_expires_at = now() - interval '2 days'
        where id = any($1::uuid[])`,
      [[unsent.id, lapsed.id, sent.id]],
    );
    expect(await Promise.all([stored(unsent.key), stored(sent.key), stored(fresh.key)])).toEqual([true, true, true]);

    // The store is down for a moment: nothing goes, neither rows nor bytes.
    const down = await prune(() => Promise.reject(new Error('store unavailable')));
    expect(down).toEqual({ attachment: 0 });
    expect(await exists(unsent.id)).toBe(true);

    expect(await prune()).toEqual({ attachment: 2 });
    expect(await exists(unsent.id)).toBe(false);
    expect(await exists(lapsed.id)).toBe(false);
    expect(await stored(unsent.key)).toBe(false);
    for (const kept of [sent, fresh, waiting]) {
      expect(await exists(kept.id)).toBe(true);
    }
    expect(await stored(sent.key)).toBe(true);
    expect(await stored(fresh.key)).toBe(true);
    // Nothing more to do on the next run.
    expect(await prune()).toEqual({ attachment: 0 });
  });
});
