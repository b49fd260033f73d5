import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, jobsSettled, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const TEXT = Buffer.from('Peak flow 420 L/min this morning\n');

const CREATE = `mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) {
  uploadUrl attachment { id status } } }`;
const START = `mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }`;
const SEND = `mutation ($t: ID!, $b: String!, $a: [ID!]) { sendMessage(threadId: $t, body: $b, attachmentIds: $a) {
  id body attachments { id fileName contentType sizeBytes sha256 downloadUrl } } }`;
const READ = `query ($id: ID!) { attachment(id: $id) { id status downloadUrl } }`;
const THREAD = `query ($id: ID!) { messageThread(id: $id) { messages(first: 50) { edges { node {
  id body attachments { id fileName downloadUrl } } } } } }`;
const GRANT = 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }';

let database: TestDatabase;
let app: Application;
let factory: Factory;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let otherDoctor: Account<Doctor>;
let otherPatient: Account<Patient>;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [patient, doctor, otherDoctor, otherPatient, admin] = await Promise.all([
    factory.patient(),
    factory.doctor(),
    factory.doctor(),
    factory.patient(),
    factory.admin(),
  ]);
  // Both doctors care for the patient; only `doctor` is in the conversation.
  await Promise.all([
    factory.appointment(patient.profile, doctor.profile),
    factory.appointment(patient.profile, otherDoctor.profile),
    factory.appointment(otherPatient.profile, doctor.profile),
  ]);
});

async function startThread(as: Account<Patient> = patient, subject = 'Peak flow readings'): Promise<string> {
  return expectData(
    await gql<{ startThread: { id: string } }>(app, START, {
      token: as.token,
      variables: { input: { doctorId: doctor.profile.id, subject, body: 'Here are my readings.' } },
    }),
  ).startThread.id;
}

function requestUpload(
  token: string,
  owner: Record<string, string>,
  file = { name: 'peak-flow.pdf', type: 'application/pdf', bytes: PDF },
  patientId = patient.profile.id,
) {
  return gql<{ createAttachmentUpload: { uploadUrl: string; attachment: { id: string; status: string } } }>(
    app,
    CREATE,
    {
      token,
      variables: {
        input: { patientId, fileName: file.name, contentType: file.type, sizeBytes: file.bytes.length, ...owner },
      },
    },
  );
}

/** Upload into the thread (createAttachmentUpload, then PUT the bytes): READY, not sent yet. */
async function uploadInto(threadId: string, token = patient.token, bytes = PDF, name = 'peak-flow.pdf') {
  const type = bytes === PDF ? 'application/pdf' : 'text/plain';
  const upload = expectData(
    await requestUpload(token, { messageThreadId: threadId }, { name, type, bytes }),
  ).createAttachmentUpload;
  const put = await fetch(`${app.url}${upload.uploadUrl}`, { method: 'PUT', body: bytes });
  expect(put.status).toBe(200);
  return upload.attachment.id;
}

async function messageCount(threadId: string): Promise<number> {
  const rows = await database.query<{ n: number }>('select count(*)::int as n from message where thread_id = $1', [
    threadId,
  ]);
  return rows[0]!.n;
}

type Sent = {
  sendMessage: {
    id: string;
    attachments: { id: string; fileName: string; sha256: string; downloadUrl: string }[];
  };
};

const send = (threadId: string, attachmentIds: string[] | null, token = patient.token, body = 'Attached.') =>
  gql<Sent>(app, SEND, { token, variables: { t: threadId, b: body, a: attachmentIds } });

describe('sending files in a conversation', () => {
  it('uploads first, then sends them with the message; the doctor reads and downloads them, audited', async () => {
    const thread = await startThread();
    const [pdf, text] = [await uploadInto(thread), await uploadInto(thread, patient.token, TEXT, 'notes.txt')];
    // Before it is sent, the upload is its uploader's alone.
    expectGraphQLError(await gql(app, READ, { token: doctor.token, variables: { id: pdf } }), 'FORBIDDEN');
    expect(
      expectData(
        await gql<{ attachment: { status: string } }>(app, READ, { token: patient.token, variables: { id: pdf } }),
      ).attachment.status,
    ).toBe('READY');

    // One file named twice (ids in any letter case) is sent once.
    const sent = expectData(await send(thread, [pdf, text, pdf.toUpperCase()], patient.token, '')).sendMessage;
    expect(sent.attachments.map((file) => file.fileName)).toEqual(['peak-flow.pdf', 'notes.txt']);

    const read = expectData(
      await gql<{ messageThread: { messages: { edges: { node: Sent['sendMessage'] }[] } } }>(app, THREAD, {
        token: doctor.token,
        variables: { id: thread },
      }),
    );
    const files = read.messageThread.messages.edges.find((edge) => edge.node.id === sent.id)!.node.attachments;
    expect(files.map((file) => file.id)).toEqual([pdf, text]);
    const download = await fetch(`${app.url}${files[0]!.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    const audit = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_entry where entity_type = 'Attachment' and entity_id = $1
         and action = 'DOWNLOAD' and actor_id = $2 and patient_id = $3`,
      [pdf, doctor.user.id, patient.profile.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('refuses files that are not the sender’s own READY, unsent uploads of this conversation, and sends nothing', async () => {
    const thread = await startThread();
    const elsewhere = await startThread(patient, 'Another question');
    const doctorsOwn = await uploadInto(thread, doctor.token);
    const otherThreads = await uploadInto(elsewhere);
    const pending = expectData(await requestUpload(patient.token, { messageThreadId: thread })).createAttachmentUpload
      .attachment.id;
    const alreadySent = await uploadInto(thread);
    expectData(await send(thread, [alreadySent]));
    const visit = await factory.appointment(patient.profile, doctor.profile, { status: AppointmentStatus.COMPLETED });
    const recordFile = await factory.record(patient.profile, doctor.profile, visit).then(async (record) => {
      const upload = expectData(
        await requestUpload(doctor.token, { medicalRecordId: record.id }),
      ).createAttachmentUpload;
      await fetch(`${app.url}${upload.uploadUrl}`, { method: 'PUT', body: PDF });
      return upload.attachment.id;
    });
    const before = await messageCount(thread);
    for (const ids of [[doctorsOwn], [otherThreads], [pending], [alreadySent], [recordFile], ['not-an-id']]) {
      const refused = expectGraphQLError(await send(thread, ids), 'BAD_USER_INPUT');
      expect(refused.extensions.fields?.[0]?.field).toBe('attachmentIds');
    }
    const after = await messageCount(thread);
    expect(after).toBe(before);
    // An empty message needs a file.
    expect(
      expectGraphQLError(await send(thread, [], patient.token, ' '), 'BAD_USER_INPUT').extensions.fields?.[0]?.field,
    ).toBe('body');
  });

  it('keeps a conversation’s files to its two participants: never another doctor, patient, admin or partner', async () => {
    const thread = await startThread();
    const file = await uploadInto(thread);
    const sent = expectData(await send(thread, [file])).sendMessage;
    const link = sent.attachments[0]!.downloadUrl;
    for (const outsider of [otherDoctor, otherPatient, admin]) {
      expectGraphQLError(await gql(app, READ, { token: outsider.token, variables: { id: file } }), 'FORBIDDEN');
      expectGraphQLError(await requestUpload(outsider.token, { messageThreadId: thread }), 'FORBIDDEN');
    }
    // The participant's own link works; the outsiders above never got one.
    expect((await fetch(`${app.url}${link}`)).status).toBe(200);
    const partner = await createPartner(app, admin.token, ['clinical:read'], 'Curious Labs');
    expectData(
      await gql(app, GRANT, {
        token: patient.token,
        variables: { input: { purpose: 'DATA_SHARING', apiClientId: partner.id } },
      }),
    );
    const token = await partnerToken(app, partner);
    expectGraphQLError(await gql(app, READ, { token, variables: { id: file } }), 'FORBIDDEN');
  });

  it('checks the upload: one owner, the conversation’s patient, an open conversation, one’s own message', async () => {
    const thread = await startThread();
    const sent = expectData(await send(thread, null, patient.token, 'Text first')).sendMessage;
    // Adding a file to one's own sent message works; to the other participant's, not.
    expectData(await requestUpload(patient.token, { messageId: sent.id }));
    expectGraphQLError(await requestUpload(doctor.token, { messageId: sent.id }), 'FORBIDDEN');
    const mismatch = expectGraphQLError(
      await requestUpload(patient.token, { messageThreadId: thread }, undefined, otherPatient.profile.id),
      'BAD_USER_INPUT',
    );
    expect(mismatch.extensions.fields?.[0]?.field).toBe('input.patientId');
    const two = expectGraphQLError(
      await requestUpload(patient.token, { messageThreadId: thread, messageId: sent.id }),
      'BAD_USER_INPUT',
    );
    expect(two.extensions.fields?.[0]?.field).toBe('input');

    const ending = await factory.patient();
    const visit = await factory.appointment(ending.profile, doctor.profile);
    const frozen = await startThread(ending, 'Goodbye');
    await database.query('update appointment set status = $1 where id = $2', [AppointmentStatus.CANCELLED, visit.id]);
    const closed = expectGraphQLError(
      await requestUpload(ending.token, { messageThreadId: frozen }, undefined, ending.profile.id),
      'CONFLICT',
    );
    expect(closed.extensions['reason']).toBe('THREAD_READ_ONLY');
  });

  it('reads a thread’s files in the same number of statements for 2 or 6 messages with files', async () => {
    async function statementsFor(messages: number): Promise<number> {
      const thread = await startThread(patient, `Files ×${messages}`);
      for (let index = 0; index < messages; index += 1) {
        expectData(await send(thread, [await uploadInto(thread)]));
      }
      // Notice e-mails run as jobs on this process: let them finish before counting.
      await jobsSettled(database, 'send-notice');
      statements.length = 0;
      const read = expectData(
        await gql<{ messageThread: { messages: { edges: { node: { attachments: unknown[] } }[] } } }>(app, THREAD, {
          token: doctor.token,
          variables: { id: thread },
        }),
      );
      expect(read.messageThread.messages.edges.flatMap((edge) => edge.node.attachments)).toHaveLength(messages);
      return statements.length;
    }
    expect(await statementsFor(6)).toBe(await statementsFor(2));
  });
});

describe('a partner and record files', () => {
  it('reads and downloads a consenting patient’s record file with clinical:read, and loses it at revocation', async () => {
    const visit = await factory.appointment(patient.profile, doctor.profile, { status: AppointmentStatus.COMPLETED });
    const record = await factory.record(patient.profile, doctor.profile, visit);
    const upload = expectData(await requestUpload(doctor.token, { medicalRecordId: record.id })).createAttachmentUpload;
    expect((await fetch(`${app.url}${upload.uploadUrl}`, { method: 'PUT', body: PDF })).status).toBe(200);
    const partner = await createPartner(app, admin.token, ['clinical:read', 'patients:read'], 'Records Bridge');
    const token = await partnerToken(app, partner);
    const read = () =>
      gql<{ attachment: { downloadUrl: string } }>(app, READ, { token, variables: { id: upload.attachment.id } });
    expectGraphQLError(await read(), 'FORBIDDEN');
    const consent = expectData(
      await gql<{ grantConsent: { id: string } }>(app, GRANT, {
        token: patient.token,
        variables: { input: { purpose: 'DATA_SHARING', apiClientId: partner.id } },
      }),
    ).grantConsent;
    const link = expectData(await read()).attachment.downloadUrl;
    const download = await fetch(`${app.url}${link}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    const [audit] = await database.query<{ actor_id: string; actor_role: string }>(
      `select actor_id, actor_role from audit_entry where entity_id = $1 and action = 'DOWNLOAD'`,
      [upload.attachment.id],
    );
    expect(audit).toEqual({ actor_id: partner.id, actor_role: 'PARTNER' });
    // Without clinical:read: refused before it runs.
    const narrow = await partnerToken(app, partner, 'patients:read');
    expectGraphQLError(await gql(app, READ, { token: narrow, variables: { id: upload.attachment.id } }), 'FORBIDDEN');
    // Revoked: the same link, and the query, get nothing.
    expectData(
      await gql(app, 'mutation ($id: ID!) { revokeConsent(id: $id) { id } }', {
        token: patient.token,
        variables: { id: consent.id },
      }),
    );
    expect((await fetch(`${app.url}${link}`)).status).toBe(403);
    expectGraphQLError(await read(), 'FORBIDDEN');
  });
});
