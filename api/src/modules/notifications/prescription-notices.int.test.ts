import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const ISSUE = `mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }`;
const DISCONTINUE = `mutation ($id: ID!, $reason: String!) { discontinuePrescription(id: $id, reason: $reason) { id status } }`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { kind title body } } } }`;

interface Note {
  kind: string;
  title: string;
  body: string;
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url });
  factory = new Factory(app);
}, 120_000);

/** A patient allergic to penicillin and a doctor caring for them. */
async function care(): Promise<{ patient: Account<Patient>; doctor: Account<Doctor> }> {
  const patient = await factory.patient({ allergies: ['Penicillin'] });
  const doctor = await factory.doctor({ firstName: 'Imani', lastName: 'Oduya' });
  await factory.appointment(patient.profile, doctor.profile);
  return { patient, doctor };
}

const issue = (doctor: Account<Doctor>, patient: Account<Patient>, medication: string) =>
  gql<{ issuePrescription: { id: string } }>(app, ISSUE, {
    token: doctor.token,
    variables: {
      input: {
        patientId: patient.profile.id,
        items: [{ medication, dosage: '10 mg', frequency: 'once daily', durationDays: 30 }],
        notes: 'Recheck blood pressure in four weeks.',
      },
    },
  });

const notesOf = async (account: Account<unknown>) =>
  expectData(
    await gql<{ notifications: { edges: { node: Note }[] } }>(app, NOTIFICATIONS, { token: account.token }),
  ).notifications.edges.map((edge) => edge.node);

/** Nothing a prescription says reaches a notification or an e-mail: no medication, dose, note or reason. */
const CLINICAL = ['Lisinopril', 'Amoxicillin', '10 mg', 'once daily', 'blood pressure', 'cough', 'Penicillin'];

describe('a patient told of their prescriptions', () => {
  it('hears in-app and by e-mail who issued a prescription, never what it is', async () => {
    const { patient, doctor } = await care();
    const issued = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    expect(issued.id).toBeTruthy();

    const [note] = await notesOf(patient);
    expect(note).toEqual({
      kind: 'PRESCRIPTION_ISSUED',
      title: 'New prescription',
      body: 'Dr Imani Oduya issued a prescription for you. See it under Prescriptions in your patient portal.',
    });
    const mail = await smtp.waitFor((sent) => sent.to.includes(patient.user.email));
    expect(mail.raw).toContain('New prescription');
    for (const text of [mailText(mail), note!.body, note!.title]) {
      for (const clinical of CLINICAL) {
        expect(text).not.toContain(clinical);
      }
    }
    // The prescribing doctor is not told of their own act.
    expect((await notesOf(doctor)).map((each) => each.kind)).not.toContain('PRESCRIPTION_ISSUED');
  });

  it('hears when a doctor stops one, without the reason', async () => {
    const { patient, doctor } = await care();
    const { id } = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    expectData(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { id, reason: 'Dry cough since starting it' } }),
    );
    const notes = await notesOf(patient);
    expect(notes.map((note) => note.kind)).toEqual(['PRESCRIPTION_DISCONTINUED', 'PRESCRIPTION_ISSUED']);
    expect(notes[0]?.title).toBe('Prescription stopped');
    expect(notes[0]?.body).toMatch(/^Dr Imani Oduya stopped one of your prescriptions\. /);
    const mail = await smtp.waitFor(
      (sent) => sent.to.includes(patient.user.email) && sent.raw.includes('Prescription stopped'),
    );
    for (const text of [mailText(mail), notes[0]!.body]) {
      for (const clinical of CLINICAL) {
        expect(text).not.toContain(clinical);
      }
    }
  });

  it('hears nothing of a prescription that was not issued or stopped', async () => {
    const { patient, doctor } = await care();
    // Stopped by the allergy check: nothing written, nobody told.
    expectGraphQLError(await issue(doctor, patient, 'Amoxicillin'), 'CONFLICT');
    const { id } = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    // A reason too short: the prescription stays active, the patient hears of its issue only.
    expectGraphQLError(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { id, reason: 'x' } }),
      'BAD_USER_INPUT',
    );
    expect((await notesOf(patient)).map((note) => note.kind)).toEqual(['PRESCRIPTION_ISSUED']);
    const [row] = await database.query<{ n: string }>(
      `select count(*) as n from notification n join patient p on p.user_id = n.user_id where p.id = $1`,
      [patient.profile.id],
    );
    expect(Number(row?.n)).toBe(1);
  });
});
