import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { expectData, gql } from '../../../test/graphql.js';
import { createPartner } from '../../../test/partners.js';
import { REPO_ROOT } from '../../config/settings.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';

const run = promisify(execFile);
const GUIDE = join(REPO_ROOT, 'docs', 'partners.md');

/** The guide's `sh` code blocks, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

let database: TestDatabase;
let app: Application;
let environment: Record<string, string>;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
let admin: Account<null>;
let patient: Account<Patient>;
let doctor: Account<Doctor>;

/** The partner's webhook endpoint: a real HTTP server on this machine that answers 204. */
async function webhookReceiver() {
  const received: { body: string; headers: Record<string, string> }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: request.headers as Record<string, string>,
      });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, received };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  const factory = new Factory(app);
  [admin, patient, doctor] = await Promise.all([factory.admin(), factory.patient(), factory.doctor()]);
  const client = await createPartner(
    app,
    admin.token,
    [
      'doctors:read',
      'patients:read',
      'appointments:read',
      'appointments:write',
      'clinical:read',
      'events:read',
      'claims:read',
      'claims:write',
      'fhir:read',
    ],
    'Guide Labs',
    'Guide Insurance',
  );
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patient.token,
      variables: { id: client.id },
    }),
  );
  const prescription = await factory.prescription(patient.profile, doctor.profile);
  // A lab report kept with one of the patient's records (uploaded by their doctor), for the files section.
  const record = await factory.record(
    patient.profile,
    doctor.profile,
    await factory.appointment(patient.profile, doctor.profile, { status: AppointmentStatus.COMPLETED }),
  );
  const report = Buffer.from('Potassium 4.1 mmol/L (3.5-5.1)\n');
  const upload = expectData(
    await gql<{ createAttachmentUpload: { uploadUrl: string; attachment: { id: string } } }>(
      app,
      'mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) { uploadUrl attachment { id } } }',
      {
        token: doctor.token,
        variables: {
          input: {
            patientId: patient.profile.id,
            medicalRecordId: record.id,
            fileName: 'potassium.txt',
            contentType: 'text/plain',
            sizeBytes: report.length,
          },
        },
      },
    ),
  ).createAttachmentUpload;
  expect((await fetch(`${app.url}${upload.uploadUrl}`, { method: 'PUT', body: report })).status).toBe(200);
  // A claim on the patient's policy with the client's insurer, for the claims section.
  const claim = expectData(
    await gql<{ submitClaim: { id: string } }>(
      app,
      'mutation ($i: ID!, $p: ID!) { submitClaim(invoiceId: $i, policyId: $p) { id } }',
      {
        token: admin.token,
        variables: {
          i: (await factory.invoice(patient.profile, { issued: true })).id,
          p: (await factory.policy(patient.profile, { provider: 'Guide Insurance' })).id,
        },
      },
    ),
  ).submitClaim;
  receiver = await webhookReceiver();
  environment = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    API: app.url,
    CLIENT_ID: client.id,
    CLIENT_SECRET: client.secret,
    PATIENT_ID: patient.profile.id,
    DOCTOR_ID: doctor.profile.id,
    PRESCRIPTION_ID: prescription.id,
    WEBHOOK_URL: receiver.url,
    ATTACHMENT_ID: upload.attachment.id,
    CLAIM_ID: claim.id,
  };
});

describe('docs/partners.md', () => {
  it('runs every curl example against the live server, with the answers the guide promises', async () => {
    const blocks = shellBlocks(readFileSync(GUIDE, 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const script = ['set -euo pipefail', ...blocks.map((block, index) => `echo "@@ block ${index}"\n${block}`)].join(
      '\n',
    );
    const { stdout } = await run('bash', ['-c', script], {
      env: environment,
      cwd: mkdtempSync(join(tmpdir(), 'hc-guide-')),
      timeout: 60_000,
    });
    const output = stdout.toLowerCase();
    for (const promised of [
      '"token_type":"bearer"',
      '"scope":"doctors:read"',
      '"error":"invalid_scope"',
      '"totalcount"',
      '"code":"forbidden"',
      environment['PATIENT_ID']!,
      '"code":"query_too_complex"',
      'ratelimit-remaining:',
      'idempotent-replayed: true',
      '200 application/pdf',
      '"rescheduleappointment":{',
      '"cancelappointment":{',
      '200 text/plain',
      '"policynumber":"p-',
      '"claimchanges":{"pageinfo":{"endcursor":"',
      '"decideclaim":{"status":"partially_approved"',
      `"resourcetype":"claim","id":"${environment['CLAIM_ID']!}"`,
      '"disposition":"partially approved: 75% cover"',
    ]) {
      expect(output, `the guide's examples should answer ${promised}`).toContain(promised);
    }
    const booked = await database.query<{ status: string; reschedules: number }>(
      `select a.status, (select count(*)::int from appointment_change c where c.appointment_id = a.id and c.kind = 'RESCHEDULED') as reschedules
       from appointment a where a.patient_id = $1 and a.created_at > now() - interval '1 hour' and a.status <> 'COMPLETED'`,
      [environment['PATIENT_ID']],
    );
    // Booked once (though sent twice), moved once, then cancelled.
    expect(booked).toEqual([{ status: 'CANCELLED', reschedules: 1 }]);

    // The webhook the guide registered: a booking now reaches it, signed with the secret it was shown.
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(stdout)?.[0];
    expect(secret).toBeDefined();
    const appointment = await new Factory(app).appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.REQUESTED,
    });
    expectData(
      await gql(app, 'mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Guide") { status } }', {
        token: admin.token,
        variables: { id: appointment.id },
      }),
    );
    const deadline = Date.now() + 15_000;
    while (receiver.received.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [delivery] = receiver.received;
    expect(delivery).toBeDefined();
    expect(new StandardWebhook(secret!).verify(delivery!.body, delivery!.headers)).toMatchObject({
      type: 'appointment.cancelled',
      data: { kind: 'CANCELLED', appointmentId: appointment.id },
    });
  });
});
