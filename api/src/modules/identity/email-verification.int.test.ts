import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, nextLocal, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type CapturedMail, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import { MAX_VERIFICATION_MAILS_PER_HOUR } from './email-verification.service.js';

const REGISTER = `mutation ($input: RegisterPatientInput!) {
  registerPatient(input: $input) { accessToken user { id emailVerified patient { id } } } }`;
const ME = `{ me { id email emailVerified } }`;
const VERIFY = `mutation ($t: String!) { verifyEmail(token: $t) }`;
const RESEND = `mutation { resendEmailVerification }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { id email } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Feeling better") { id status } }`;
const NOTIFICATIONS = `{ notifications(first: 10) { edges { node { kind } } } }`;
const LINK = /https:\/\/clinic\.example\/verify-email#token=([A-Za-z0-9_-]+)/;

let database: TestDatabase;
let app: Application;
let smtp: TestSmtpServer;
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://clinic.example' });
  factory = new Factory(app);
}, 120_000);

interface SignedUp {
  readonly email: string;
  readonly token: string;
  readonly userId: string;
  readonly patientId: string;
}

async function signUp(): Promise<SignedUp> {
  const email = `new.patient.${randomUUID().slice(0, 8)}@example.com`;
  const { registerPatient } = expectData(
    await gql<{
      registerPatient: { accessToken: string; user: { id: string; emailVerified: boolean; patient: { id: string } } };
    }>(app, REGISTER, {
      variables: {
        input: {
          email,
          password: 'a sturdy passphrase',
          firstName: 'Nora',
          lastName: 'Quist',
          dateOfBirth: '1990-02-03',
        },
      },
    }),
  );
  expect(registerPatient.user.emailVerified).toBe(false);
  return {
    email,
    token: registerPatient.accessToken,
    userId: registerPatient.user.id,
    patientId: registerPatient.user.patient.id,
  };
}

const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.to.includes(email));
const linkIn = (mail: CapturedMail) => LINK.exec(mailText(mail))?.[1];
const confirmedOf = async (token: string) =>
  expectData(await gql<{ me: { emailVerified: boolean } }>(app, ME, { token })).me.emailVerified;
/** Until the job queue has nothing left to run: what was going to be sent has been. */
async function queueDrained(): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    const [row] = await database.query<{ waiting: number }>(
      `select count(*)::int as waiting from graphile_worker.jobs where task_identifier not in ('appointment-reminder')`,
    );
    if (row!.waiting === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the job queue did not drain');
}

describe('confirming the sign-in address', () => {
  it('mails a link at sign-up that confirms the address once, without signing in; only its hash is stored', async () => {
    const patient = await signUp();
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(patient.email));
    expect(mailText(mail)).toContain('Confirm that it is yours');
    const token = linkIn(mail);
    expect(token).toBeTruthy();
    const stored = await database.query<{ token_hash: string; email: string }>(
      `select token_hash, email from email_verification where user_id = $1`,
      [patient.userId],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.email).toBe(patient.email);
    expect(stored[0]!.token_hash).not.toBe(token);

    // Opened on another device: no sign-in needed.
    expect(expectData(await gql(app, VERIFY, { variables: { t: token } }))).toEqual({ verifyEmail: true });
    expect(await confirmedOf(patient.token)).toBe(true);
    const again = expectGraphQLError(await gql(app, VERIFY, { variables: { t: token } }), 'BAD_USER_INPUT');
    expect(again.extensions.fields?.[0]?.field).toBe('token');
    const audited = await database.query<{ action: string; actor_id: string | null }>(
      `select action, actor_id from audit_event where entity_id = $1 and action = 'EMAIL_VERIFIED'`,
      [patient.userId],
    );
    expect(audited).toEqual([{ action: 'EMAIL_VERIFIED', actor_id: null }]);
  });

  it('e-mails nothing about care to an unconfirmed address (the app still shows it), and does once confirmed', async () => {
    const patient = await signUp();
    const doctor: Account<Doctor> = await factory.doctor();
    const { bookAppointment } = expectData(
      await gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextLocal(2, '10:00').toISOString() } },
      }),
    );
    // The doctor's address is confirmed (an administrator created the account): their e-mail goes out.
    await smtp.waitFor((mail) => mail.to.includes(doctor.user.email));
    await queueDrained();
    expect(mailsTo(patient.email).map((mail) => mailText(mail))).toEqual([
      expect.stringContaining('Confirm that it is yours'),
    ]);
    const notes = expectData(
      await gql<{ notifications: { edges: { node: { kind: string } }[] } }>(app, NOTIFICATIONS, {
        token: patient.token,
      }),
    ).notifications.edges.map((edge) => edge.node.kind);
    expect(notes).toContain('APPOINTMENT_BOOKED');

    expectData(await gql(app, VERIFY, { variables: { t: linkIn(mailsTo(patient.email)[0]!) } }));
    expectData(await gql(app, CANCEL, { token: patient.token, variables: { id: bookAppointment.id } }));
    const cancelled = await smtp.waitFor(
      (mail) => mail.to.includes(patient.email) && mailText(mail).includes('has been cancelled'),
    );
    expect(cancelled).toBeTruthy();
  });

  it('after a change of address: the new one is unconfirmed and gets a link, the old one is told (masked), old links die', async () => {
    const patient = await signUp();
    const first = linkIn(await smtp.waitFor((mail) => mail.to.includes(patient.email)));
    const moved = `moved.${randomUUID().slice(0, 8)}@example.org`;
    expectData(
      await gql(app, UPDATE, { token: patient.token, variables: { id: patient.patientId, input: { email: moved } } }),
    );
    expect(await confirmedOf(patient.token)).toBe(false);
    const link = linkIn(await smtp.waitFor((mail) => mail.to.includes(moved)));
    const notice = mailText(
      await smtp.waitFor((mail) => mail.to.includes(patient.email) && mailText(mail).includes('was changed')),
    );
    expect(notice).toContain('m***@example.org');
    expect(notice).not.toContain(moved);

    // The first link went to the old address: it cannot confirm the new one.
    expectGraphQLError(await gql(app, VERIFY, { variables: { t: first } }), 'BAD_USER_INPUT');
    expectData(await gql(app, VERIFY, { variables: { t: link } }));
    expect(await confirmedOf(patient.token)).toBe(true);
  });

  it('an administrator changing the address also sends a link and tells the old one', async () => {
    const patient = await factory.patient();
    const admin = await factory.admin();
    const moved = `desk.${randomUUID().slice(0, 8)}@example.org`;
    expectData(
      await gql(app, UPDATE, { token: admin.token, variables: { id: patient.profile.id, input: { email: moved } } }),
    );
    expect(linkIn(await smtp.waitFor((mail) => mail.to.includes(moved)))).toBeTruthy();
    await smtp.waitFor((mail) => mail.to.includes(patient.user.email) && mailText(mail).includes('was changed'));
    expect(await confirmedOf(patient.token)).toBe(false);
    // The front desk sees it, in the list and on the patient.
    const { patients, patient: one } = expectData(
      await gql<{
        patients: { edges: { node: { id: string; email: string; emailVerified: boolean } }[] };
        patient: { emailVerified: boolean };
      }>(
        app,
        `query ($s: String!, $id: ID!) { patients(search: $s) { edges { node { id email emailVerified } } } patient(id: $id) { emailVerified } }`,
        {
          token: admin.token,
          variables: { s: moved, id: patient.profile.id },
        },
      ),
    );
    expect(patients.edges.map((edge) => edge.node)).toEqual([
      { id: patient.profile.id, email: moved, emailVerified: false },
    ]);
    expect(one.emailVerified).toBe(false);
    const others = expectData(
      await gql<{ patients: { edges: { node: { emailVerified: boolean } }[] } }>(
        app,
        `{ patients(first: 5) { edges { node { emailVerified } } } }`,
        { token: admin.token },
      ),
    );
    expect(others.patients.edges.some((edge) => edge.node.emailVerified)).toBe(true);
  });

  it('sends the link again on request (the earlier one stops working), up to three an hour; never for a confirmed address', async () => {
    const patient = await signUp();
    const first = linkIn(await smtp.waitFor((mail) => mail.to.includes(patient.email)));
    expect(expectData(await gql(app, RESEND, { token: patient.token }))).toEqual({ resendEmailVerification: true });
    await smtp.waitFor((mail) => mail.to.includes(patient.email) && linkIn(mail) !== first);
    expectGraphQLError(await gql(app, VERIFY, { variables: { t: first } }), 'BAD_USER_INPUT');

    for (let sent = 2; sent < MAX_VERIFICATION_MAILS_PER_HOUR; sent += 1) {
      expectData(await gql(app, RESEND, { token: patient.token }));
    }
    const tooMany = expectGraphQLError(await gql(app, RESEND, { token: patient.token }), 'TOO_MANY_REQUESTS');
    // Until the first of the hour's links is an hour old.
    expect(tooMany.extensions['retryAfterSeconds']).toBeGreaterThan(3_500);
    expect(tooMany.extensions['retryAfterSeconds']).toBeLessThanOrEqual(3_600);
    await database.query(
      `update email_verification set created_at = created_at - interval '50 minutes' where user_id = $1`,
      [patient.userId],
    );
    const later = expectGraphQLError(await gql(app, RESEND, { token: patient.token }), 'TOO_MANY_REQUESTS');
    expect(later.extensions['retryAfterSeconds']).toBeGreaterThan(500);
    expect(later.extensions['retryAfterSeconds']).toBeLessThanOrEqual(600);

    const confirmed = await factory.patient();
    expect(expectData(await gql(app, RESEND, { token: confirmed.token }))).toEqual({ resendEmailVerification: false });
    expectGraphQLError(await gql(app, RESEND), 'UNAUTHENTICATED');
  });

  it('refuses made-up tokens and text PostgreSQL cannot store, naming the field', async () => {
    for (const token of ['made-up', 'nul\u0000char', '']) {
      const refused = expectGraphQLError(await gql(app, VERIFY, { variables: { t: token } }), 'BAD_USER_INPUT');
      expect(refused.extensions.fields?.[0]?.field).toBe('token');
    }
  });
});
