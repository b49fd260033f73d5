import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { startS3Server } from '../../../test/s3.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import type { MedicalRecord } from '../records/medical-record.entity.js';
import { signDownloadUrl, signUploadUrl } from './file-links.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
/** A Windows executable's first bytes ("MZ" header), as a renamed .exe would start. */
const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
const TEXT = Buffer.from('Potassium 4.1 mmol/L (3.5-5.1)\nSodium 139 mmol/L (135-145)\n');

const CREATE = `mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) {
  uploadUrl expiresAt attachment { id fileName contentType sizeBytes sha256 status } } }`;
const READ = `query ($id: ID!) { attachment(id: $id) { id fileName contentType sizeBytes sha256 status rejectionReason } }`;
const RECORD_FILES = `query ($id: ID!) { medicalRecord(id: $id) { id attachments { id fileName contentType sha256 downloadUrl } } }`;

interface Upload {
  uploadUrl: string;
  expiresAt: string;
  attachment: { id: string; status: string; sizeBytes: number };
}
interface AttachmentShape {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  status: string;
  rejectionReason: string | null;
}

const LARGE_LIMIT = 160 * 1024 * 1024;
/** The server's RSS must grow by less than the bytes it streamed: it never holds the body. */
const RSS_BOUND_MB = LARGE_LIMIT / 1024 / 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each([
  { driver: 'local disk', s3: false },
  { driver: 'S3 (s3rver)', s3: true },
])('attachments on the $driver', ({ s3 }) => {
  let app: Application;
  let database: TestDatabase;
  let factory: Factory;
  let patient: Account<Patient>;
  let caring: Account<Doctor>;
  let stranger: Account<Doctor>;
  let admin: Account<null>;
  let record: MedicalRecord;
  let s3Settings: Record<string, string> = {};

  beforeAll(async () => {
    s3Settings = s3 ? await startS3Server() : {};
    database = await createTestDatabase();
    // The local app takes files up to 160 MB, so the 200 MB attempt below streams 160 MB before the
    // cut-off: holding it in memory would show as RSS growth far above the bound the test sets.
    app = await startTestApp(database.url, s3 ? s3Settings : { ATTACHMENT_MAX_BYTES: String(LARGE_LIMIT) });
    factory = new Factory(app);
    [patient, caring, stranger, admin] = await Promise.all([
      factory.patient(),
      factory.doctor(),
      factory.doctor(),
      factory.admin(),
    ]);
    const visit = await factory.appointment(patient.profile, caring.profile);
    record = await factory.record(patient.profile, caring.profile, visit);
  });

  async function requestUpload(file: { name: string; type: string; size: number }, token = caring.token) {
    return gql<{ createAttachmentUpload: Upload }>(app, CREATE, {
      token,
      variables: {
        input: {
          patientId: patient.profile.id,
          medicalRecordId: record.id,
          fileName: file.name,
          contentType: file.type,
          sizeBytes: file.size,
        },
      },
    });
  }

  async function uploaded(bytes: Buffer, name: string, type: string): Promise<Upload> {
    return expectData(await requestUpload({ name, type, size: bytes.length })).createAttachmentUpload;
  }

  const put = (url: string, body: Buffer) =>
    fetch(`${app.url}${url}`, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });

  async function readAttachment(id: string, token = caring.token): Promise<AttachmentShape> {
    return expectData(await gql<{ attachment: AttachmentShape }>(app, READ, { token, variables: { id } })).attachment;
  }

  async function storedBytes(id: string): Promise<Buffer | undefined> {
    const key = `${patient.profile.id}/${id}`;
    if (s3) {
      const client = new S3Client({
        region: 'us-east-1',
        endpoint: s3Settings['S3_ENDPOINT']!,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: 'attachments', Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch {
        return undefined;
      } finally {
        client.destroy();
      }
    }
    const path = join(app.settings.dataDir, 'attachments', key);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  it('takes a PDF through the signed URL, keeps its SHA-256 and serves it as a download, audited', async () => {
    const upload = await uploaded(PDF, 'Lab report März.pdf', 'application/pdf');
    expect(upload.attachment).toMatchObject({ status: 'PENDING', sizeBytes: PDF.length });
    expect(upload.uploadUrl).toMatch(/^\/files\/upload\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(new Date(upload.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const response = await put(upload.uploadUrl, PDF);
    expect(response.status).toBe(200);
    expect(await readAttachment(upload.attachment.id)).toMatchObject({
      status: 'READY',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      rejectionReason: null,
    });
    expect(await storedBytes(upload.attachment.id)).toEqual(PDF);

    // The patient reads the record's files and downloads through a fresh signed link.
    const files = expectData(
      await gql<{ medicalRecord: { attachments: { id: string; downloadUrl: string }[] } }>(app, RECORD_FILES, {
        token: patient.token,
        variables: { id: record.id },
      }),
    ).medicalRecord.attachments;
    const file = files.find((candidate) => candidate.id === upload.attachment.id)!;
    expect(file).toBeDefined();
    const downloadsAudited = async () =>
      Number(
        (
          await database.query(
            `select count(*)::int as n from audit_entry where entity_type = 'Attachment' and entity_id = $1
             and action = 'DOWNLOAD' and actor_id = $2 and patient_id = $3 and not emergency`,
            [upload.attachment.id, patient.user.id, patient.profile.id],
          )
        )[0]!['n'],
      );
    const before = await downloadsAudited();
    const download = await fetch(`${app.url}${file.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Lab report M_rz.pdf"; filename*=UTF-8''Lab%20report%20M%C3%A4rz.pdf`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    // The download itself is one more chart access, written before the bytes left.
    expect(await downloadsAudited()).toBe(before + 1);
  });

  it('accepts plain text and refuses the same upload URL a second time', async () => {
    const upload = await uploaded(TEXT, 'potassium.txt', 'text/plain');
    expect((await put(upload.uploadUrl, TEXT)).status).toBe(200);
    expect(await readAttachment(upload.attachment.id)).toMatchObject({ status: 'READY', contentType: 'text/plain' });

    const again = await put(upload.uploadUrl, PDF);
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await readAttachment(upload.attachment.id)).toMatchObject({ status: 'READY', sha256: sha256(TEXT) });
  });

  it('rejects a renamed executable with a .pdf name, deletes it and says why', async () => {
    const upload = await uploaded(EXECUTABLE, 'results.pdf', 'application/pdf');
    const response = await put(upload.uploadUrl, EXECUTABLE);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { extensions: { code: string; fields: unknown[] } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');

    const attachment = await readAttachment(upload.attachment.id);
    expect(attachment.status).toBe('REJECTED');
    expect(attachment.rejectionReason).toContain('application/x-msdownload');
    expect(await storedBytes(upload.attachment.id)).toBeUndefined();
    expect(readdirSync(join(app.settings.dataDir, 'attachments', '.staging'))).toEqual([]);
    // A rejected file is not listed with the record and has no download link.
    const files = expectData(
      await gql<{ medicalRecord: { attachments: { id: string }[] } }>(app, RECORD_FILES, {
        token: caring.token,
        variables: { id: record.id },
      }),
    ).medicalRecord.attachments;
    expect(files.map((file) => file.id)).not.toContain(upload.attachment.id);
  });

  it('rejects bytes that are not what the uploader declared, and a size that differs', async () => {
    const mismatch = await uploaded(TEXT, 'scan.png', 'image/png');
    expect((await put(mismatch.uploadUrl, TEXT)).status).toBe(422);
    expect((await readAttachment(mismatch.attachment.id)).rejectionReason).toContain('text/plain, not the image/png');

    const short = await uploaded(Buffer.concat([PDF, PDF]), 'report.pdf', 'application/pdf');
    expect((await put(short.uploadUrl, PDF)).status).toBe(422);
    expect((await readAttachment(short.attachment.id)).status).toBe('REJECTED');
  });

  it('refuses an expired upload URL, and one whose attachment has passed its time', async () => {
    const upload = await uploaded(PDF, 'late.pdf', 'application/pdf');
    const expiredToken = signUploadUrl(
      app.settings.jwtSecret,
      undefined,
      upload.attachment.id,
      new Date(Date.now() - 1000),
    );
    const refused = await put(expiredToken, PDF);
    expect(refused.status).toBe(403);
    expect(await readAttachment(upload.attachment.id)).toMatchObject({ status: 'PENDING' });

    await database.query(`update attachment set upload_expires_at = now() - interval '1 second' where id = $1`, [
      upload.attachment.id,
    ]);
    expect((await put(upload.uploadUrl, PDF)).status).toBe(403);
    expect(await readAttachment(upload.attachment.id)).toMatchObject({ status: 'PENDING' });
    expect(await storedBytes(upload.attachment.id)).toBeUndefined();
  });

  it('gives nothing to callers without access to the chart', async () => {
    const upload = await uploaded(PDF, 'private.pdf', 'application/pdf');
    expect((await put(upload.uploadUrl, PDF)).status).toBe(200);

    for (const token of [stranger.token, admin.token]) {
      const answer = await gql(app, READ, { token, variables: { id: upload.attachment.id } });
      expectGraphQLError(answer, 'FORBIDDEN');
      expect(answer.data?.['attachment'] ?? null).toBeNull();
    }
    // A link signed for a doctor who has no care relationship (or no longer has one) is refused at download.
    const audits = async () =>
      Number(
        (
          await database.query(
            `select count(*)::int as n from audit_entry where entity_type = 'Attachment' and entity_id = $1 and actor_id = $2`,
            [upload.attachment.id, stranger.user.id],
          )
        )[0]!['n'],
      );
    const strangerLink = signDownloadUrl(
      app.settings.jwtSecret,
      undefined,
      upload.attachment.id,
      { kind: 'user', userId: stranger.user.id, role: stranger.user.role, sessionId: randomUUID() } as never,
      new Date(Date.now() + 60_000),
    );
    const response = await fetch(`${app.url}${strangerLink}`);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).not.toContain('%PDF');
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await audits()).toBe(0);

    // A tampered link, and an expired one, get nothing either.
    const files = expectData(
      await gql<{ medicalRecord: { attachments: { id: string; downloadUrl: string }[] } }>(app, RECORD_FILES, {
        token: caring.token,
        variables: { id: record.id },
      }),
    ).medicalRecord.attachments;
    const link = files.find((file) => file.id === upload.attachment.id)!.downloadUrl;
    expect((await fetch(`${app.url}${link.slice(0, -2)}xx`)).status).toBe(403);
    const expired = signDownloadUrl(
      app.settings.jwtSecret,
      undefined,
      upload.attachment.id,
      { kind: 'user', userId: caring.user.id, role: caring.user.role, sessionId: randomUUID() } as never,
      new Date(Date.now() - 1000),
    );
    expect((await fetch(`${app.url}${expired}`)).status).toBe(403);
  });

  it('checks the request: types outside the allowlist, sizes over the limit, a record of another patient', async () => {
    const other = await factory.patient();
    const otherRecord = await factory.record(other.profile, caring.profile);
    const answer = await gql(app, CREATE, {
      token: caring.token,
      variables: {
        input: {
          patientId: patient.profile.id,
          medicalRecordId: otherRecord.id,
          fileName: '../../etc/passwd',
          contentType: 'application/x-msdownload',
          sizeBytes: app.settings.attachmentMaxBytes + 1,
        },
      },
    });
    const error = expectGraphQLError(answer, 'BAD_USER_INPUT');
    expect(error.extensions.fields?.map((field) => field.field).sort()).toEqual([
      'input.contentType',
      'input.fileName',
      'input.sizeBytes',
    ]);
    const foreign = await gql(app, CREATE, {
      token: caring.token,
      variables: {
        input: {
          patientId: patient.profile.id,
          medicalRecordId: otherRecord.id,
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          sizeBytes: 10,
        },
      },
    });
    expect(expectGraphQLError(foreign, 'BAD_USER_INPUT').extensions.fields).toEqual([
      { field: 'input.medicalRecordId', message: 'must be a medical record of this patient' },
    ]);
    expectGraphQLError(
      await requestUpload({ name: 'a.pdf', type: 'application/pdf', size: 10 }, stranger.token),
      'FORBIDDEN',
    );
  });

  it.skipIf(s3)(
    'streams a 200 MB upload to the limit and cuts it off there, without holding it in memory',
    async () => {
      const limit = app.settings.attachmentMaxBytes;
      const upload = expectData(
        await requestUpload({ name: 'huge.pdf', type: 'application/pdf', size: limit }),
      ).createAttachmentUpload;
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      const total = 200 * 1024 * 1024;
      let sent = 0;
      async function* body() {
        while (sent < total) {
          sent += chunk.length;
          yield chunk;
        }
      }
      // Sampled while the body streams, garbage included (V8 collects the 64 KB socket chunks
      // lazily: ~100 MB of swing). Holding the body would add the 160 MB streamed on top of that.
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${app.url}${upload.uploadUrl}`);
        // Chunked, with no Content-Length: the server learns the size only by counting as it reads.
        const req = httpRequest(url, { method: 'PUT', headers: { 'content-type': 'application/pdf' } });
        req.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        req.on('error', reject);
        Readable.from(body()).pipe(req);
      });
      clearInterval(sampler);
      const growthMb = (peak - baseline) / 1024 / 1024;
      console.info(
        `200 MB upload attempt: cut off after ${sent / 1024 / 1024} MB sent; RSS growth ${growthMb.toFixed(1)} MB`,
      );

      expect(status).toBe(413);
      expect(sent).toBeLessThan(total);
      expect(limit).toBe(LARGE_LIMIT);
      expect(sent).toBeGreaterThanOrEqual(limit);
      expect(growthMb).toBeLessThan(RSS_BOUND_MB);
      const attachment = await readAttachment(upload.attachment.id);
      expect(attachment.status).toBe('REJECTED');
      expect(attachment.rejectionReason).toContain('larger than');
      expect(readdirSync(join(app.settings.dataDir, 'attachments', '.staging'))).toEqual([]);
    },
  );
});
