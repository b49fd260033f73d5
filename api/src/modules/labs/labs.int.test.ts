import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, jobsSettled, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, sessionRemembered } from '../../../test/graphql.js';
import { createPartner, requestToken } from '../../../test/partners.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const ORDER_FIELDS = `id status orderedAt collectedAt cancelReason tests { code name }
  results { code name value unit referenceLow referenceHigh interpretation resultedAt version }
  patient { id } doctor { id } appointment { id }`;
const ORDER = `mutation ($input: OrderLabTestsInput!) { orderLabTests(input: $input) { ${ORDER_FIELDS} } }`;
const RECORD = `mutation ($orderId: ID!, $results: [LabResultInput!]!) {
  recordLabResults(orderId: $orderId, results: $results) { ${ORDER_FIELDS} } }`;
const LAB_RECORD = `mutation ($orderId: ID!, $results: [LabResultInput!]!) {
  recordLabResults(orderId: $orderId, results: $results) { id status
  results { code name value unit referenceLow referenceHigh interpretation resultedAt version } } }`;
const COLLECT = `mutation ($orderId: ID!) { markLabSpecimenCollected(orderId: $orderId) { id status collectedAt } }`;
const CANCEL = `mutation ($orderId: ID!, $reason: String!) { cancelLabOrder(orderId: $orderId, reason: $reason) { id status cancelReason } }`;
const PATIENT_ORDERS = `query ($id: ID!) { patient(id: $id) { labOrders(first: 20) { totalCount
  edges { node { id status doctor { lastName } tests { code } results { code value interpretation }
  attachments { id fileName } } } } } }`;
const GRANT = 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }';
const NOTIFICATIONS = '{ notifications(first: 20) { edges { node { kind title body labOrderId } } } }';

interface ResultView {
  code: string;
  name: string;
  value: string;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  interpretation: string | null;
  version: number;
}
interface OrderView {
  id: string;
  status: string;
  collectedAt: string | null;
  cancelReason: string | null;
  tests: { code: string; name: string }[];
  results: ResultView[];
  appointment: { id: string } | null;
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let smtp: TestSmtpServer;
const statements: string[] = [];
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let admin: Account<null>;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url }, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
  patient = await factory.patient({ firstName: 'Lena' });
  doctor = await factory.doctor({ lastName: 'Okafor' });
  await factory.appointment(patient.profile, doctor.profile);
}, 120_000);

async function order(codes: string[], options: { token?: string; appointmentId?: string; of?: Account<Patient> } = {}) {
  return gql<{ orderLabTests: OrderView }>(app, ORDER, {
    token: options.token ?? doctor.token,
    variables: {
      input: {
        patientId: (options.of ?? patient).profile.id,
        appointmentId: options.appointmentId,
        tests: codes.map((code) => ({ code })),
        notes: 'Fasting sample',
      },
    },
  });
}

function record(
  orderId: string,
  results: { code: string; value: string; unit?: string }[],
  token = doctor.token,
  document = RECORD,
) {
  return gql<{ recordLabResults: OrderView }>(app, document, { token, variables: { orderId, results } });
}

/** A lab's API client with these scopes, and an access token for it. */
async function labClient(scopes: string[], sharedBy?: Account<Patient>): Promise<string> {
  const client = await createPartner(app, admin.token, scopes, `Lab ${scopes.join(' ')}`);
  if (sharedBy) {
    expectData(
      await gql(app, GRANT, {
        token: sharedBy.token,
        variables: { input: { purpose: 'DATA_SHARING', apiClientId: client.id } },
      }),
    );
  }
  const answer = await requestToken(app, client);
  expect(answer.status).toBe(200);
  return String(answer.body['access_token']);
}

describe('ordering tests', () => {
  it('orders catalogue tests at a visit, expanding panels, for a patient under the doctor’s care', async () => {
    const visit = await factory.appointment(patient.profile, doctor.profile);
    const placed = expectData(await order(['58410-2', '2823-3', '718-7'], { appointmentId: visit.id })).orderLabTests;
    expect(placed.status).toBe('ORDERED');
    expect(placed.appointment).toEqual({ id: visit.id });
    expect(placed.tests.map((test) => test.code)).toEqual(['718-7', '6690-2', '777-3', '2823-3']);
    expect(placed.tests[3]!.name).toBe('Potassium [Moles/volume] in Serum or Plasma');
    expect(placed.results).toEqual([]);
    const [audit] = await database.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_entry where entity_type = 'LabOrder' and entity_id = $1`,
      [placed.id],
    );
    expect(audit).toEqual({ action: 'CREATE', actor_id: doctor.user.id });
  });

  it('refuses unknown codes, a visit with another doctor, and everyone but a caring doctor', async () => {
    const unknown = expectGraphQLError(await order(['2823-3', '9999-9']), 'BAD_USER_INPUT');
    expect(unknown.extensions.fields).toEqual([
      { field: 'input.tests.1.code', message: 'must be a test or panel of the lab catalogue' },
    ]);
    expectGraphQLError(await order([]), 'BAD_USER_INPUT');
    const colleague = await factory.doctor();
    const theirVisit = await factory.appointment(patient.profile, colleague.profile);
    const foreignVisit = expectGraphQLError(
      await order(['2823-3'], { appointmentId: theirVisit.id }),
      'BAD_USER_INPUT',
    );
    expect(foreignVisit.extensions.fields?.[0]?.field).toBe('input.appointmentId');

    const stranger = await factory.doctor();
    expectGraphQLError(await order(['2823-3'], { token: stranger.token }), 'FORBIDDEN');
    expectGraphQLError(await order(['2823-3'], { token: admin.token }), 'FORBIDDEN');
    expectGraphQLError(await order(['2823-3'], { token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(
      await gql(app, ORDER, { variables: { input: { patientId: patient.profile.id, tests: [{ code: '2823-3' }] } } }),
      'UNAUTHENTICATED',
    );
  });
});

describe('results from a laboratory', () => {
  it('takes results from a lab client with labs:write, interprets them and tells the patient and, for a critical one, the doctor', async () => {
    const lab = await labClient(['labs:write', 'clinical:read'], patient);
    const placed = expectData(await order(['58410-2', '2823-3', '94500-6'])).orderLabTests;

    const collected = expectData(
      await gql<{ markLabSpecimenCollected: { status: string; collectedAt: string } }>(app, COLLECT, {
        token: lab,
        variables: { orderId: placed.id },
      }),
    ).markLabSpecimenCollected;
    expect(collected.status).toBe('COLLECTED');
    expectGraphQLError(await gql(app, COLLECT, { token: lab, variables: { orderId: placed.id } }), 'CONFLICT');

    const resulted = expectData(
      await record(
        placed.id,
        [
          { code: '2823-3', value: '6.5', unit: 'mmol/L' },
          { code: '718-7', value: '13.1' },
          { code: '777-3', value: '120' },
          { code: '94500-6', value: 'Detected' },
        ],
        lab,
        LAB_RECORD,
      ),
    ).recordLabResults;
    expect(resulted.status).toBe('RESULTED');
    const byCode = Object.fromEntries(resulted.results.map((result) => [result.code, result]));
    expect(byCode['2823-3']).toMatchObject({
      value: '6.5',
      unit: 'mmol/L',
      referenceLow: 3.5,
      referenceHigh: 5.1,
      interpretation: 'CRITICAL_HIGH',
      version: 1,
    });
    expect(byCode['718-7']).toMatchObject({ interpretation: 'NORMAL', unit: 'g/dL' });
    expect(byCode['777-3']).toMatchObject({ interpretation: 'LOW' });
    expect(byCode['94500-6']).toMatchObject({ interpretation: 'ABNORMAL', unit: null });
    // In the order's test order.
    expect(resulted.results.map((result) => result.code)).toEqual(['718-7', '777-3', '2823-3', '94500-6']);

    // The patient: in-app and by e-mail, that results exist; nothing about them.
    const patientNotes = expectData(
      await gql<{ notifications: { edges: { node: { kind: string; body: string; labOrderId: string } }[] } }>(
        app,
        NOTIFICATIONS,
        { token: patient.token },
      ),
    ).notifications.edges.map((edge) => edge.node);
    expect(patientNotes).toContainEqual(expect.objectContaining({ kind: 'LAB_RESULTS_READY', labOrderId: placed.id }));
    // The doctor: a critical result, at once.
    const doctorNotes = expectData(
      await gql<{ notifications: { edges: { node: { kind: string; title: string; labOrderId: string } }[] } }>(
        app,
        NOTIFICATIONS,
        { token: doctor.token },
      ),
    ).notifications.edges.map((edge) => edge.node);
    expect(doctorNotes).toContainEqual(
      expect.objectContaining({ kind: 'LAB_RESULT_CRITICAL', title: 'Critical lab result', labOrderId: placed.id }),
    );
    const patientMail = mailText(await smtp.waitFor((mail) => mail.to.includes(patient.user.email)));
    const doctorMail = await smtp.waitFor((mail) => mail.to.includes(doctor.user.email));
    expect(patientMail).toContain('New results are available');
    expect(doctorMail.raw).toContain('Urgent: a lab result needs your review');
    for (const text of [patientMail, mailText(doctorMail), ...patientNotes.map((note) => note.body)]) {
      for (const clinical of ['Potassium', '6.5', 'CRITICAL', 'Detected', 'Hemoglobin', 'Platelets', 'Fasting']) {
        expect(text).not.toContain(clinical);
      }
    }
    // A correction of another value, with the critical one sent again unchanged: no second alarm.
    expectData(
      await record(
        placed.id,
        [
          { code: '2823-3', value: '6.5', unit: 'mmol/L' },
          { code: '777-3', value: '125' },
        ],
        lab,
        LAB_RECORD,
      ),
    );
    const [alarms] = await database.query<{ n: number }>(
      `select count(*)::int as n from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1`,
      [placed.id],
    );
    expect(alarms!.n).toBe(1);
    const audits = await database.query<{ action: string; actor_role: string }>(
      `select action, actor_role from audit_entry where entity_type = 'LabOrder' and entity_id = $1 order by at`,
      [placed.id],
    );
    expect(audits.filter((row) => row.actor_role === 'PARTNER').map((row) => row.action)).toEqual(
      expect.arrayContaining(['COLLECT', 'RESULT', 'CORRECT_RESULTS']),
    );
  });

  it('refuses a lab client without labs:write, one the patient does not share with, other doctors, the patient and admins', async () => {
    const placed = expectData(await order(['2823-3'])).orderLabTests;
    const result = [{ code: '2823-3', value: '4.2' }];
    const readOnly = await labClient(['clinical:read'], patient);
    expectGraphQLError(await record(placed.id, result, readOnly, LAB_RECORD), 'FORBIDDEN');
    const notShared = await labClient(['labs:write', 'clinical:read']);
    expectGraphQLError(await record(placed.id, result, notShared, LAB_RECORD), 'FORBIDDEN');
    const colleague = await factory.doctor();
    await factory.appointment(patient.profile, colleague.profile);
    expectGraphQLError(await record(placed.id, result, colleague.token), 'FORBIDDEN');
    expectGraphQLError(await record(placed.id, result, patient.token), 'FORBIDDEN');
    expectGraphQLError(await record(placed.id, result, admin.token), 'FORBIDDEN');
    expectGraphQLError(
      await gql(app, RECORD, { variables: { orderId: placed.id, results: result } }),
      'UNAUTHENTICATED',
    );
    // Nothing was stored.
    const [stored] = await database.query<{ n: number }>(
      'select count(*)::int as n from lab_result where order_id = $1',
      [placed.id],
    );
    expect(stored!.n).toBe(0);
    // An administrator does not read results either.
    expectGraphQLError(
      await gql(app, PATIENT_ORDERS, { token: admin.token, variables: { id: patient.profile.id } }),
      'FORBIDDEN',
    );
  });

  it('checks values against the catalogue: numbers only, in the test unit, for tests of the order', async () => {
    const placed = expectData(await order(['2823-3', '94500-6'])).orderLabTests;
    const error = expectGraphQLError(
      await record(placed.id, [
        { code: '2823-3', value: 'high' },
        { code: '94500-6', value: 'Detected', unit: 'mmol/L' },
        { code: '718-7', value: '13' },
      ]),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([
      { field: 'results.0.value', message: 'must be a number in mmol/L' },
      { field: 'results.1.unit', message: 'must be left out: this test has a coded value' },
      { field: 'results.2.code', message: 'must be a test of this order' },
    ]);
    const unit = expectGraphQLError(
      await record(placed.id, [{ code: '2823-3', value: '4', unit: 'mg/dL' }]),
      'BAD_USER_INPUT',
    );
    expect(unit.extensions.fields).toEqual([
      { field: 'results.0.unit', message: 'must be mmol/L (UCUM), the unit of this test' },
    ]);
    expectGraphQLError(await record(placed.id, []), 'BAD_USER_INPUT');
    expectGraphQLError(await record('not-an-id', [{ code: '2823-3', value: '4' }]), 'BAD_USER_INPUT');
  });

  it('keeps a correction as a new version, and refuses results on a cancelled order', async () => {
    const placed = expectData(await order(['2823-3'])).orderLabTests;
    expectData(await record(placed.id, [{ code: '2823-3', value: '5.4' }]));
    // The same result again (a retry) adds nothing.
    expectData(await record(placed.id, [{ code: '2823-3', value: '5.4' }]));
    const corrected = expectData(await record(placed.id, [{ code: '2823-3', value: '4.4' }])).recordLabResults;
    expect(corrected.results).toEqual([
      expect.objectContaining({ code: '2823-3', value: '4.4', interpretation: 'NORMAL', version: 2 }),
    ]);
    const versions = await database.query<{ value: string; version: number; superseded: boolean }>(
      `select value, version, superseded_at is not null as superseded from lab_result where order_id = $1 order by version`,
      [placed.id],
    );
    expect(versions).toEqual([
      { value: '5.4', version: 1, superseded: true },
      { value: '4.4', version: 2, superseded: false },
    ]);
    expectGraphQLError(
      await gql(app, CANCEL, { token: doctor.token, variables: { orderId: placed.id, reason: 'Not needed' } }),
      'CONFLICT',
    );

    const other = expectData(await order(['2345-7'])).orderLabTests;
    expectGraphQLError(
      await gql(app, CANCEL, { token: doctor.token, variables: { orderId: other.id, reason: '' } }),
      'BAD_USER_INPUT',
    );
    const lab = await labClient(['labs:write', 'clinical:read'], patient);
    expectGraphQLError(
      await gql(app, CANCEL, { token: lab, variables: { orderId: other.id, reason: 'Sample haemolysed' } }),
      'FORBIDDEN',
    );
    const cancelled = expectData(
      await gql<{ cancelLabOrder: { status: string; cancelReason: string } }>(app, CANCEL, {
        token: doctor.token,
        variables: { orderId: other.id, reason: 'Patient declined the test' },
      }),
    ).cancelLabOrder;
    expect(cancelled).toEqual({ id: other.id, status: 'CANCELLED', cancelReason: 'Patient declined the test' });
    const refused = expectGraphQLError(await record(other.id, [{ code: '2345-7', value: '90' }]), 'CONFLICT');
    expect(refused.extensions['reason']).toBe('LAB_ORDER_STATUS');
  });
});

describe('reading lab orders', () => {
  it('lists a patient’s orders for the patient and the caring doctor, audited, in one statement per level for 2 or 6 orders', async () => {
    async function statementsFor(count: number): Promise<string[]> {
      const someone = await factory.patient();
      const caring = await factory.doctor();
      await factory.appointment(someone.profile, caring.profile);
      for (let index = 0; index < count; index += 1) {
        const placed = expectData(
          await order(['2823-3', '2345-7'], { token: caring.token, of: someone }),
        ).orderLabTests;
        expectData(await record(placed.id, [{ code: '2823-3', value: '4.0' }], caring.token));
      }
      // Let the notice e-mails (jobs on this process) finish before counting.
      await jobsSettled(database, 'send-notice');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sessionRemembered(app, someone.token);
      statements.length = 0;
      const listed = expectData(
        await gql<{ patient: { labOrders: { totalCount: number; edges: { node: OrderView }[] } } }>(
          app,
          PATIENT_ORDERS,
          { token: someone.token, variables: { id: someone.profile.id } },
        ),
      ).patient.labOrders;
      expect(listed.totalCount).toBe(count);
      expect(listed.edges.every((edge) => edge.node.results.length === 1)).toBe(true);
      const used = statements.filter((sql) => !sql.includes('audit_event'));
      const reads = await database.query<{ n: number }>(
        `select count(*)::int as n from audit_entry
         where action = 'READ' and entity_type = 'LabOrder' and patient_id = $1 and actor_id = $2`,
        [someone.profile.id, someone.user.id],
      );
      expect(reads[0]!.n).toBe(count);
      return used;
    }
    const [few, many] = [await statementsFor(2), await statementsFor(6)];
    // The patient; the page of orders; their results, doctors and files.
    expect(many, many.join('\n')).toHaveLength(3);
    expect(few).toHaveLength(3);
    for (const table of ['"lab_result"', '"doctor"', '"attachment"']) {
      expect(many[2]).toContain(table);
    }
  });
});

describe("a lab order in the patient's access log", () => {
  it('names the order by the day it was placed, for the patient reading who ordered and read it', async () => {
    const someone = await factory.patient();
    const caring = await factory.doctor();
    await factory.appointment(someone.profile, caring.profile);
    const placed = expectData(await order(['2823-3'], { token: caring.token, of: someone })).orderLabTests;
    expectData(await gql(app, PATIENT_ORDERS, { token: caring.token, variables: { id: someone.profile.id } }));
    const [row] = await database.query<{ ordered_at: Date }>('select ordered_at from lab_order where id = $1', [
      placed.id,
    ]);
    const log = expectData(
      await gql<{
        myAccessLog: { edges: { node: { action: string; entityType: string; entityDate: string | null } }[] };
      }>(app, '{ myAccessLog(first: 20) { edges { node { action entityType entityDate } } } }', {
        token: someone.token,
      }),
    ).myAccessLog.edges.map((edge) => edge.node);
    const about = log.filter((entry) => entry.entityType === 'LabOrder');
    expect(about.map((entry) => entry.action).sort()).toEqual(['CREATE', 'READ']);
    expect(about.every((entry) => entry.entityDate === row!.ordered_at.toISOString())).toBe(true);
  });
});

describe('files kept with a lab order', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const UPLOAD = `mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) {
    uploadUrl attachment { id status } } }`;
  const FILES = `query ($id: ID!) { labOrder(id: $id) { id attachments { id fileName contentType sha256 downloadUrl } } }`;

  it('takes a lab report on an order of the patient, lists it once checked, and refuses an order of another patient', async () => {
    const placed = expectData(await order(['24323-8'])).orderLabTests;
    const input = {
      patientId: patient.profile.id,
      labOrderId: placed.id,
      fileName: 'lab-report.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    };
    const upload = expectData(
      await gql<{ createAttachmentUpload: { uploadUrl: string; attachment: { id: string; status: string } } }>(
        app,
        UPLOAD,
        { token: doctor.token, variables: { input } },
      ),
    ).createAttachmentUpload;
    expect(upload.attachment.status).toBe('PENDING');
    const put = await fetch(`${app.url}${upload.uploadUrl}`, {
      method: 'PUT',
      body: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBeLessThan(300);
    const files = expectData(
      await gql<{
        labOrder: { attachments: { id: string; fileName: string; contentType: string; downloadUrl: string }[] };
      }>(app, FILES, { token: patient.token, variables: { id: placed.id } }),
    ).labOrder.attachments;
    expect(files).toEqual([
      expect.objectContaining({ id: upload.attachment.id, fileName: 'lab-report.pdf', contentType: 'application/pdf' }),
    ]);
    const download = await fetch(`${app.url}${files[0]!.downloadUrl}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const other = await factory.patient();
    await factory.appointment(other.profile, doctor.profile);
    const theirs = expectData(await order(['2823-3'], { of: other })).orderLabTests;
    const foreign = expectGraphQLError(
      await gql(app, UPLOAD, { token: doctor.token, variables: { input: { ...input, labOrderId: theirs.id } } }),
      'BAD_USER_INPUT',
    );
    expect(foreign.extensions.fields).toEqual([
      { field: 'input.labOrderId', message: 'must be a lab order of this patient' },
    ]);
    const both = expectGraphQLError(
      await gql(app, UPLOAD, {
        token: doctor.token,
        variables: { input: { ...input, medicalRecordId: (await factory.record(patient.profile, doctor.profile)).id } },
      }),
      'BAD_USER_INPUT',
    );
    expect(both.extensions.fields?.map((field) => field.field)).toEqual(['input']);
    expectGraphQLError(await gql(app, FILES, { token: admin.token, variables: { id: placed.id } }), 'FORBIDDEN');
  });
});

describe('one test over time', () => {
  it('lists only the orders with a current result of the test asked for, counted the same, and refuses a code outside the catalogue', async () => {
    const someone = await factory.patient();
    await factory.appointment(someone.profile, doctor.profile);
    const place = async (codes: string[], results: { code: string; value: string }[]) => {
      const placed = expectData(await order(codes, { of: someone })).orderLabTests;
      if (results.length) {
        expectData(await record(placed.id, results));
      }
      return placed.id;
    };
    const both = await place(
      ['4548-4', '2345-7'],
      [
        { code: '4548-4', value: '7.4' },
        { code: '2345-7', value: '130' },
      ],
    );
    const glucose = await place(['2345-7'], [{ code: '2345-7', value: '118' }]);
    await place(['4548-4'], []); // still waiting: no result to draw
    const series = async (code: string) =>
      expectData(
        await gql<{ patient: { labOrders: { totalCount: number; edges: { node: { id: string } }[] } } }>(
          app,
          'query ($id: ID!, $code: String) { patient(id: $id) { labOrders(code: $code, first: 20) { totalCount edges { node { id } } } } }',
          { token: doctor.token, variables: { id: someone.profile.id, code } },
        ),
      ).patient.labOrders;
    expect(await series('4548-4')).toEqual({ totalCount: 1, edges: [{ node: { id: both } }] });
    expect(await series('2345-7')).toEqual({
      totalCount: 2,
      edges: [{ node: { id: glucose } }, { node: { id: both } }],
    });
    const refused = expectGraphQLError(
      await gql(app, 'query ($id: ID!) { patient(id: $id) { labOrders(code: "HbA1c") { totalCount } } }', {
        token: doctor.token,
        variables: { id: someone.profile.id },
      }),
      'BAD_USER_INPUT',
    );
    expect(refused.extensions?.['fields']).toEqual([
      { field: 'code', message: 'is not a test of the catalogue (labCatalogue)' },
    ]);
  });
});

describe('results to review', () => {
  const TO_REVIEW = `{ labResultsToReview { id reviewedAt patient { firstName } results { code value interpretation } } }`;
  const REVIEW = 'mutation ($orderId: ID!) { markLabResultsReviewed(orderId: $orderId) { id status reviewedAt } }';

  it("lists the doctor's own unreviewed results, critical first, until marked reviewed; a correction asks again", async () => {
    const [reviewer, colleague] = await Promise.all([factory.doctor(), factory.doctor()]);
    const someone = await factory.patient({ firstName: 'Ines' });
    await factory.appointment(someone.profile, reviewer.profile);
    await factory.appointment(someone.profile, colleague.profile);
    const resulted = async (by: Account<Doctor>, value: string) => {
      const placed = expectData(await order(['2823-3'], { token: by.token, of: someone })).orderLabTests;
      expectData(await record(placed.id, [{ code: '2823-3', value }], by.token));
      return placed.id;
    };
    const normal = await resulted(reviewer, '4.0');
    const critical = await resulted(reviewer, '6.5');
    const colleagues = await resulted(colleague, '4.4');
    const waiting = expectData(await order(['2823-3'], { token: reviewer.token, of: someone })).orderLabTests.id;
    const list = async (token: string) =>
      expectData(
        await gql<{ labResultsToReview: { id: string; reviewedAt: string | null }[] }>(app, TO_REVIEW, { token }),
      ).labResultsToReview;
    const review = (orderId: string, token = reviewer.token) =>
      gql<{ markLabResultsReviewed: { reviewedAt: string } }>(app, REVIEW, { token, variables: { orderId } });

    expect((await list(reviewer.token)).map((item) => item.id)).toEqual([critical, normal]);
    expect((await list(colleague.token)).map((item) => item.id)).toEqual([colleagues]);
    const count = async (token: string) =>
      expectData(await gql<{ labResultsToReviewCount: number }>(app, '{ labResultsToReviewCount }', { token }))
        .labResultsToReviewCount;
    expect(await count(reviewer.token)).toBe(2);
    expectGraphQLError(await gql(app, '{ labResultsToReviewCount }', { token: someone.token }), 'FORBIDDEN');
    for (const token of [someone.token, admin.token]) {
      expectGraphQLError(await gql(app, TO_REVIEW, { token }), 'FORBIDDEN');
    }
    // Only the ordering doctor, only once results are in.
    expectGraphQLError(await review(normal, colleague.token), 'FORBIDDEN');
    expectGraphQLError(await review(normal, someone.token), 'FORBIDDEN');
    expect(expectGraphQLError(await review(waiting), 'CONFLICT').extensions?.['reason']).toBe('LAB_ORDER_STATUS');

    const first = expectData(await review(normal)).markLabResultsReviewed.reviewedAt;
    expect(first).toEqual(expect.any(String));
    expect((await list(reviewer.token)).map((item) => item.id)).toEqual([critical]);
    expect(await count(reviewer.token)).toBe(1);
    // Again: the first review stands, audited once.
    expect(expectData(await review(normal)).markLabResultsReviewed.reviewedAt).toBe(first);
    const audited = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_entry where action = 'REVIEW' and entity_type = 'LabOrder' and entity_id = $1`,
      [normal],
    );
    expect(audited[0]!.n).toBe(1);

    // A corrected result is the doctor's to review again.
    expectData(await record(normal, [{ code: '2823-3', value: '3.1' }], reviewer.token));
    expect(await list(reviewer.token)).toEqual([
      expect.objectContaining({ id: critical }),
      expect.objectContaining({ id: normal, reviewedAt: null }),
    ]);
  });

  it('hands the results of a doctor who has left to the patient’s other doctors: listed, reviewed, told of a critical one', async () => {
    const [leaver, colleague, stranger] = await Promise.all([factory.doctor(), factory.doctor(), factory.doctor()]);
    const someone = await factory.patient({ firstName: 'Jo' });
    await factory.appointment(someone.profile, leaver.profile);
    await factory.appointment(someone.profile, colleague.profile);
    const lab = await labClient(['labs:write', 'clinical:read'], someone);
    const resulted = expectData(await order(['2823-3'], { token: leaver.token, of: someone })).orderLabTests.id;
    expectData(await record(resulted, [{ code: '2823-3', value: '4.2' }], leaver.token));
    const pending = expectData(await order(['2823-3'], { token: leaver.token, of: someone })).orderLabTests.id;
    const list = async (token: string) =>
      expectData(await gql<{ labResultsToReview: { id: string }[] }>(app, TO_REVIEW, { token })).labResultsToReview.map(
        (item) => item.id,
      );
    const review = (orderId: string, token: string) => gql(app, REVIEW, { token, variables: { orderId } });

    // While the ordering doctor works here, their results are theirs alone.
    expect(await list(colleague.token)).toEqual([]);
    expectGraphQLError(await review(resulted, colleague.token), 'FORBIDDEN');

    await database.query(`update app_user set active = false where id = $1`, [leaver.user.id]);
    expect(await list(colleague.token)).toEqual([resulted]);
    expect(
      expectData(
        await gql<{ labResultsToReviewCount: number }>(app, '{ labResultsToReviewCount }', { token: colleague.token }),
      ).labResultsToReviewCount,
    ).toBe(1);
    // A doctor not caring for the patient neither sees nor reviews them.
    expect(await list(stranger.token)).toEqual([]);
    expectGraphQLError(await review(resulted, stranger.token), 'FORBIDDEN');

    // A critical result arriving now alerts the colleague, not the doctor who left.
    expectData(await record(pending, [{ code: '2823-3', value: '6.6', unit: 'mmol/L' }], lab, LAB_RECORD));
    const alerts = await database.query<{ user_id: string; body: string }>(
      `select user_id, body from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1`,
      [pending],
    );
    expect(alerts).toEqual([
      { user_id: colleague.user.id, body: expect.stringContaining('placed by a doctor who has left') as unknown },
    ]);
    expect(await list(colleague.token)).toEqual([pending, resulted]);

    expectData(await review(resulted, colleague.token));
    expectData(await review(pending, colleague.token));
    expect(await list(colleague.token)).toEqual([]);
    const [who] = await database.query<{ reviewed_by_id: string }>(
      `select reviewed_by_id from lab_order where id = $1`,
      [resulted],
    );
    expect(who!.reviewed_by_id).toBe(colleague.user.id);
  });

  it('shares the results of a doctor on time off with the patient’s other doctors at work while they are away', async () => {
    const [away, colleague, alsoAway, stranger] = await Promise.all([
      factory.doctor(),
      factory.doctor(),
      factory.doctor(),
      factory.doctor(),
    ]);
    const someone = await factory.patient({ firstName: 'Kit' });
    for (const doctor of [away, colleague, alsoAway]) {
      await factory.appointment(someone.profile, doctor.profile);
    }
    const lab = await labClient(['labs:write', 'clinical:read'], someone);
    const resulted = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    expectData(await record(resulted, [{ code: '2823-3', value: '4.2' }], away.token));
    const pending = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    const list = async (token: string) =>
      expectData(await gql<{ labResultsToReview: { id: string }[] }>(app, TO_REVIEW, { token })).labResultsToReview.map(
        (item) => item.id,
      );
    const review = (orderId: string, token: string) => gql(app, REVIEW, { token, variables: { orderId } });
    const timeOff = (doctorId: string, from: string, to: string) =>
      database.query(
        `insert into time_off (doctor_id, starts_at, ends_at) values ($1, now() + $2::interval, now() + $3::interval)`,
        [doctorId, from, to],
      );

    // Time off still to come hands nothing over.
    await timeOff(away.profile.id, '1 day', '8 days');
    expect(await list(colleague.token)).toEqual([]);
    expectGraphQLError(await review(resulted, colleague.token), 'FORBIDDEN');

    await timeOff(away.profile.id, '-1 hour', '1 day');
    await timeOff(alsoAway.profile.id, '-1 hour', '2 days');
    expect(await list(colleague.token)).toEqual([resulted]);
    // The doctor on leave still has their own results listed.
    expect(await list(away.token)).toEqual([resulted]);
    expect(await list(stranger.token)).toEqual([]);
    expectGraphQLError(await review(resulted, stranger.token), 'FORBIDDEN');

    // A critical result now alerts the doctor on leave and the colleague at work, not the one also away.
    expectData(await record(pending, [{ code: '2823-3', value: '6.6', unit: 'mmol/L' }], lab, LAB_RECORD));
    const alerts = await database.query<{ user_id: string; body: string }>(
      `select user_id, body from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1 order by body`,
      [pending],
    );
    expect(alerts).toEqual(
      expect.arrayContaining([
        { user_id: away.user.id, body: expect.stringContaining('A lab order you placed') as unknown },
        { user_id: colleague.user.id, body: expect.stringContaining('placed by a colleague who is away') as unknown },
      ]),
    );
    expect(alerts).toHaveLength(2);
    const covering = mailText(await smtp.waitFor((mail) => mail.to.includes(colleague.user.email)));
    expect(covering).toContain('placed by a colleague who is away or has left');
    expect(mailText(await smtp.waitFor((mail) => mail.to.includes(away.user.email)))).toContain(
      'A lab order you placed',
    );

    // The colleague reviews the critical one; the review is theirs.
    expect(await list(colleague.token)).toEqual([pending, resulted]);
    expectData(await review(pending, colleague.token));
    const [who] = await database.query<{ reviewed_by_id: string }>(
      `select reviewed_by_id from lab_order where id = $1`,
      [pending],
    );
    expect(who!.reviewed_by_id).toBe(colleague.user.id);

    // Back at work: what is left is theirs alone again.
    await database.query(`delete from time_off where doctor_id = $1 and starts_at <= now()`, [away.profile.id]);
    expect(await list(colleague.token)).toEqual([]);
    expect(await list(away.token)).toEqual([resulted]);
    expectGraphQLError(await review(resulted, colleague.token), 'FORBIDDEN');
  });

  it('alerts the department’s doctors at work when none of the patient’s is, who review it by emergency access', async () => {
    const { department } = await factory.hospital();
    const { department: elsewhere } = await factory.hospital();
    const inDepartment = { departmentId: department.id };
    // One colleague at work; one away too; one at work in another department: only the first is alerted.
    const [away, colleague, alsoAway] = await Promise.all([
      factory.doctor(inDepartment),
      factory.doctor(inDepartment),
      factory.doctor(inDepartment),
      factory.doctor({ departmentId: elsewhere.id }),
    ]);
    const someone = await factory.patient({ firstName: 'Lou' });
    await factory.appointment(someone.profile, away.profile);
    const lab = await labClient(['labs:write', 'clinical:read'], someone);
    const placed = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    for (const doctor of [away, alsoAway]) {
      await database.query(
        `insert into time_off (doctor_id, starts_at, ends_at) values ($1, now() - interval '1 hour', now() + interval '4 days')`,
        [doctor.profile.id],
      );
    }

    expectData(await record(placed, [{ code: '2823-3', value: '6.7', unit: 'mmol/L' }], lab, LAB_RECORD));
    const alerts = await database.query<{ user_id: string; body: string; patient_id: string }>(
      `select user_id, body, patient_id from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1`,
      [placed],
    );
    expect(alerts).toHaveLength(2);
    expect(alerts).toEqual(
      expect.arrayContaining([
        {
          user_id: away.user.id,
          body: expect.stringContaining('A lab order you placed') as unknown,
          patient_id: someone.profile.id,
        },
        {
          user_id: colleague.user.id,
          body: expect.stringContaining('none of the patient’s doctors is at work') as unknown,
          patient_id: someone.profile.id,
        },
      ]),
    );
    const mail = mailText(await smtp.waitFor((sent) => sent.to.includes(colleague.user.email)));
    expect(mail).toContain("none of the patient's doctors is at work");
    expect(mail).not.toContain('Lou');

    // Not theirs to review until they open the chart by emergency access; then it is.
    const list = async (token: string) =>
      expectData(await gql<{ labResultsToReview: { id: string }[] }>(app, TO_REVIEW, { token })).labResultsToReview.map(
        (item) => item.id,
      );
    const review = (token: string) => gql(app, REVIEW, { token, variables: { orderId: placed } });
    expect(await list(colleague.token)).toEqual([]);
    expectGraphQLError(await review(colleague.token), 'FORBIDDEN');
    expectData(
      await gql(app, `mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id } }`, {
        token: colleague.token,
        variables: { p: someone.profile.id, r: 'Critical potassium, their doctor is away' },
      }),
    );
    expect(await list(colleague.token)).toEqual([placed]);
    expectData(await review(colleague.token));
    expect(await list(away.token)).toEqual([]);
  });

  it('tells the administrators when no doctor at work can review a critical result, naming no test or value', async () => {
    const { department } = await factory.hospital();
    // The ordering doctor and their only department colleague are both on time off.
    const [away, alsoAway] = await Promise.all([
      factory.doctor({ departmentId: department.id, lastName: 'Quist' }),
      factory.doctor({ departmentId: department.id }),
    ]);
    const [departmentRow] = await database.query<{ name: string }>(`select name from department where id = $1`, [
      department.id,
    ]);
    const someone = await factory.patient({ firstName: 'Noor' });
    await factory.appointment(someone.profile, away.profile);
    const lab = await labClient(['labs:write', 'clinical:read'], someone);
    const quiet = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    const placed = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    for (const doctor of [away, alsoAway]) {
      await database.query(
        `insert into time_off (doctor_id, starts_at, ends_at) values ($1, now() - interval '1 hour', now() + interval '2 days')`,
        [doctor.profile.id],
      );
    }
    const deactivated = await factory.admin();
    await database.query(`update app_user set active = false where id = $1`, [deactivated.user.id]);
    const adminAlerts = () =>
      database.query<{
        user_id: string;
        title: string;
        body: string;
        lab_order_id: string | null;
        patient_id: string | null;
      }>(
        `select user_id, title, body, lab_order_id, patient_id from notification where kind = 'LAB_RESULT_UNATTENDED'
          and body like $1`,
        [`%${someone.profile.firstName}%`],
      );

    // A normal result is no one's emergency: the administrators hear nothing of it.
    expectData(await record(quiet, [{ code: '2823-3', value: '4.4', unit: 'mmol/L' }], lab, LAB_RECORD));
    expect(await adminAlerts()).toEqual([]);

    expectData(await record(placed, [{ code: '2823-3', value: '6.8', unit: 'mmol/L' }], lab, LAB_RECORD));
    // The ordering doctor is still told (on leave, they may look); no other doctor is at work to tell.
    const doctors = await database.query<{ user_id: string }>(
      `select user_id from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1`,
      [placed],
    );
    expect(doctors).toEqual([{ user_id: away.user.id }]);
    // Every active administrator, no deactivated one: who the patient and the ordering doctor are, not the test or value.
    const alerts = await adminAlerts();
    const activeAdmins = await database.query<{ id: string }>(
      `select id from app_user where role = 'ADMIN' and active order by id`,
    );
    expect(activeAdmins.map(({ id }) => id)).toContain(admin.user.id);
    expect(alerts.map(({ user_id }) => user_id).sort()).toEqual(activeAdmins.map(({ id }) => id));
    expect(alerts.map(({ user_id }) => user_id)).not.toContain(deactivated.user.id);
    for (const alert of alerts) {
      expect(alert).toEqual({
        user_id: alert.user_id,
        title: 'Critical lab result without a doctor',
        body: expect.stringContaining(
          `placed by Dr ${away.profile.firstName} Quist (${departmentRow!.name}), who is away`,
        ) as unknown,
        // Neither is the administrator's to open.
        lab_order_id: null,
        patient_id: null,
      });
    }
    expect(alerts[0]!.body).toContain('Noor');
    expect(alerts[0]!.body).not.toMatch(/potassium|6\.8|mmol|2823/i);
    const mail = mailText(
      await smtp.waitFor((sent) => sent.to.includes(admin.user.email) && mailText(sent).includes('no doctor')),
    );
    expect(mail).toContain('ask a doctor at work to review it');
    expect(mail).not.toMatch(/Noor|Quist|potassium|6\.8/i);
    // What an administrator sees of it: the notification, not the results.
    const seen = expectData(
      await gql<{ notifications: { edges: { node: { kind: string; labOrderId: string | null } }[] } }>(
        app,
        NOTIFICATIONS,
        {
          token: admin.token,
        },
      ),
    ).notifications.edges.map(({ node }) => node);
    expect(seen).toContainEqual({
      kind: 'LAB_RESULT_UNATTENDED',
      labOrderId: null,
      title: 'Critical lab result without a doctor',
      body: alerts[0]!.body,
    });
    expectGraphQLError(
      await gql(app, PATIENT_ORDERS, { token: admin.token, variables: { id: someone.profile.id } }),
      'FORBIDDEN',
    );

    // With a colleague back at work, the next critical result goes to them, not the administrators.
    await database.query(`delete from time_off where doctor_id = $1`, [alsoAway.profile.id]);
    const next = expectData(await order(['2823-3'], { token: away.token, of: someone })).orderLabTests.id;
    expectData(await record(next, [{ code: '2823-3', value: '6.9', unit: 'mmol/L' }], lab, LAB_RECORD));
    expect(await adminAlerts()).toHaveLength(alerts.length);
    const told = await database.query<{ user_id: string }>(
      `select user_id from notification where kind = 'LAB_RESULT_CRITICAL' and lab_order_id = $1 order by user_id`,
      [next],
    );
    expect(told.map(({ user_id }) => user_id).sort()).toEqual([away.user.id, alsoAway.user.id].sort());
  });

  it('reads the worklist in the same statements for one order as for three', async () => {
    const reviewer = await factory.doctor();
    const count = async (orders: number) => {
      for (let index = 0; index < orders; index += 1) {
        const someone = await factory.patient();
        await factory.appointment(someone.profile, reviewer.profile);
        const placed = expectData(await order(['2823-3'], { token: reviewer.token, of: someone })).orderLabTests;
        expectData(await record(placed.id, [{ code: '2823-3', value: '4.1' }], reviewer.token));
      }
      await jobsSettled(database, 'send-notice');
      await sessionRemembered(app, reviewer.token);
      statements.length = 0;
      const listed = expectData(
        await gql<{ labResultsToReview: object[] }>(app, TO_REVIEW, { token: reviewer.token }),
      ).labResultsToReview;
      const used = statements.filter((sql) => !sql.includes('audit_event'));
      return { listed: listed.length, used: used.length };
    };
    const one = await count(1);
    const three = await count(2); // two more: three in all
    expect(one.listed).toBe(1);
    expect(three.listed).toBe(3);
    expect(three.used).toBe(one.used);
  });
});
