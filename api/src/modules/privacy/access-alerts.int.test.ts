import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken } from '../../../test/partners.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { ACCESS_ALERT_SCAN, detectAccessAlerts } from './access-alert-jobs.js';

const PER_HOUR = 20;
const LIST = `query ($status: [AccessAlertStatus!]) { accessAlerts(status: $status, first: 50) { totalCount
  edges { node { id rule status actorId actorRole actorName windowStart windowEnd patientCount usualCount
    reviewedAt note patientsNotified reportDueAt } } } }`;
const REVIEW = `mutation ($id: ID!, $input: ReviewAccessAlertInput!) { reviewAccessAlert(id: $id, input: $input) {
  id status note reviewedAt patientsNotified reportDueAt } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

interface AlertView {
  id: string;
  rule: string;
  status: string;
  actorId: string;
  actorRole: string;
  actorName: string;
  patientCount: number;
  usualCount: number | null;
  note: string | null;
  reviewedAt: string | null;
  patientsNotified: number | null;
  reportDueAt: string | null;
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let smtp: TestSmtpServer;
let admin: Account<null>;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url, ACCESS_ALERT_PATIENTS_PER_HOUR: String(PER_HOUR) });
  factory = new Factory(app);
  admin = await factory.admin();
});

const detect = () => detectAccessAlerts(app.orm.em, { patientsPerHour: PER_HOUR });

async function alertsAbout(actorId: string): Promise<AlertView[]> {
  const data = expectData(
    await gql<{ accessAlerts: { edges: { node: AlertView }[] } }>(app, LIST, { token: admin.token }),
  );
  return data.accessAlerts.edges.map((edge) => edge.node).filter((alert) => alert.actorId === actorId);
}

/** What the audit trail holds of a request's read of these patients' charts by `actorId`, `minutesAgo`. */
async function auditedRead(actorId: string, role: string, patientIds: readonly string[], minutesAgo = 5) {
  await database.query(
    `insert into audit_event (at, actor_id, actor_role, action, entity_type, entity_ids, patient_ids)
     values (now() - make_interval(mins => $4), $1, $2, 'READ', 'Patient', $3::uuid[], $3::uuid[])`,
    [actorId, role, patientIds, minutesAgo],
  );
}

const patients = (count: number) => Promise.all(Array.from({ length: count }, () => factory.patient()));
const ids = (accounts: readonly Account<Patient>[]) => accounts.map((account) => account.profile.id);

function review(id: string, input: { breach: boolean; note: string }, token = admin.token) {
  return gql<{ reviewAccessAlert: AlertView }>(app, REVIEW, { token, variables: { id, input } });
}

async function emergencyAccesses(doctor: Account<Doctor>, count: number): Promise<Account<Patient>[]> {
  const read = await patients(count);
  for (const patient of read) {
    expectData(
      await gql(app, 'mutation ($id: ID!, $r: String!) { requestEmergencyAccess(patientId: $id, reason: $r) { id } }', {
        token: doctor.token,
        variables: { id: patient.profile.id, r: 'Unconscious in the emergency room' },
      }),
    );
  }
  return read;
}

describe('finding unusual access', () => {
  it('is a job every ten minutes', async () => {
    const [known] = await database.query<{ identifier: string }>(
      'select identifier from graphile_worker._private_known_crontabs where identifier = $1',
      [ACCESS_ALERT_SCAN],
    );
    expect(known?.identifier).toBe(ACCESS_ALERT_SCAN);
  });

  it('raises one alert for an account reading many more charts than it ever did, told to administrators by an e-mail naming no one', async () => {
    const doctor = await factory.doctor({ firstName: 'Wanda', lastName: 'Widereader' });
    const read = await patients(PER_HOUR + 5);
    await auditedRead(doctor.user.id, 'DOCTOR', ids(read).slice(0, 15), 40);
    await auditedRead(doctor.user.id, 'DOCTOR', ids(read).slice(10), 5);
    // Reads before the hour do not count towards it (they are its usual hours).
    await auditedRead(doctor.user.id, 'DOCTOR', ids(read).slice(0, 2), 24 * 60);

    const raised = await detect();
    expect(raised.map((alert) => alert.actorId)).toContain(doctor.user.id);
    const [alert, ...more] = await alertsAbout(doctor.user.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      rule: 'MANY_CHARTS',
      status: 'OPEN',
      actorRole: 'DOCTOR',
      actorName: 'Dr Wanda Widereader',
      patientCount: PER_HOUR + 5,
      usualCount: 2,
      reportDueAt: null,
    });
    const [notice] = await database.query<{ kind: string; body: string }>(
      `select kind, body from notification where user_id = $1 and kind = 'ACCESS_ALERT' and body like '%Widereader%'`,
      [admin.user.id],
    );
    expect(notice!.body).toBe(
      `Dr Wanda Widereader (doctor) read the charts of ${PER_HOUR + 5} patients within an hour, against at most 2 in any hour of the four weeks before. Review it under Access alerts.`,
    );
    const mail = await smtp.waitFor(
      (candidate) => candidate.to.includes(admin.user.email) && mailText(candidate).includes('under Access alerts'),
    );
    expect(mailText(mail)).not.toContain('Widereader');
    for (const patient of read) {
      expect(mailText(mail)).not.toContain(patient.profile.lastName);
    }

    // Looked at again (the next run), the same reads raise nothing more.
    await detect();
    expect(await alertsAbout(doctor.user.id)).toHaveLength(1);
  });

  it('leaves alone an account as busy as in its usual hours, a few reads, and patients reading their own charts', async () => {
    const busy = await factory.doctor();
    const quiet = await factory.doctor();
    const patient = await factory.patient();
    const read = await patients(PER_HOUR + 2);
    // Three days ago, a busier hour than this one.
    await auditedRead(busy.user.id, 'DOCTOR', ids(read), 3 * 24 * 60);
    await auditedRead(busy.user.id, 'DOCTOR', ids(read), 10);
    await auditedRead(quiet.user.id, 'DOCTOR', ids(read).slice(0, PER_HOUR - 1), 10);
    await auditedRead(patient.user.id, 'PATIENT', ids(read), 10);
    await detect();
    expect(await alertsAbout(busy.user.id)).toEqual([]);
    expect(await alertsAbout(quiet.user.id)).toEqual([]);
    expect(await alertsAbout(patient.user.id)).toEqual([]);
  });

  it('raises an alert for a doctor opening three charts with emergency access within a day', async () => {
    const doctor = await factory.doctor({ firstName: 'Glenn', lastName: 'Glassbreaker' });
    await emergencyAccesses(doctor, 2);
    await detect();
    expect(await alertsAbout(doctor.user.id)).toEqual([]);
    await emergencyAccesses(doctor, 1);
    await detect();
    expect(await alertsAbout(doctor.user.id)).toEqual([
      expect.objectContaining({
        rule: 'REPEATED_EMERGENCY_ACCESS',
        actorName: 'Dr Glenn Glassbreaker',
        patientCount: 3,
        usualCount: null,
      }),
    ]);
  });
});

describe('reviewing an alert', () => {
  it('dismissed: keeps what the review found; reviewed once; the same reads raise nothing again', async () => {
    const doctor = await factory.doctor();
    await emergencyAccesses(doctor, 3);
    await detect();
    const [alert] = await alertsAbout(doctor.user.id);
    const short = expectGraphQLError(await review(alert!.id, { breach: false, note: 'fine' }), 'BAD_USER_INPUT');
    expect(short.extensions['fields']).toEqual([expect.objectContaining({ field: 'input.note' })]);

    const dismissed = expectData(
      await review(alert!.id, {
        breach: false,
        note: 'Night shift in the emergency department, confirmed by the head nurse.',
      }),
    ).reviewAccessAlert;
    expect(dismissed).toMatchObject({ status: 'DISMISSED', patientsNotified: null, reportDueAt: null });
    expect(dismissed.note).toContain('head nurse');
    const again = expectGraphQLError(
      await review(alert!.id, { breach: true, note: 'Changed my mind about it.' }),
      'CONFLICT',
    );
    expect(again.extensions['reason']).toBe('ACCESS_ALERT_ALREADY_REVIEWED');
    // The doctor still signs in.
    expectData(await gql(app, '{ me { id } }', { token: doctor.token }));
    await detect();
    expect(await alertsAbout(doctor.user.id)).toHaveLength(1);
    const [audited] = await database.query<{ actor_id: string }>(
      `select actor_id from audit_event where action = 'ACCESS_ALERT_DISMISSED' and entity_id = $1`,
      [alert!.id],
    );
    expect(audited!.actor_id).toBe(admin.user.id);
  });

  it('a breach: locks the doctor out, tells every patient read, and starts the 72 hours for the authority', async () => {
    const doctor = await factory.doctor({ firstName: 'Mallory', lastName: 'Misused' });
    // Signed in for real: a session the lock-out ends.
    const signedIn = expectData(
      await gql<{ login: { accessToken: string } }>(app, LOGIN, {
        variables: { email: doctor.user.email, password: TEST_PASSWORD },
      }),
    ).login.accessToken;
    const read = await emergencyAccesses(doctor, 3);
    await detect();
    const [alert] = await alertsAbout(doctor.user.id);
    const breach = expectData(
      await review(alert!.id, { breach: true, note: 'The doctor was on leave: the account was used by someone else.' }),
    ).reviewAccessAlert;
    expect(breach).toMatchObject({ status: 'BREACH', patientsNotified: 3 });
    expect(Date.parse(breach.reportDueAt!) - Date.parse(breach.reviewedAt!)).toBe(72 * 3_600_000);

    // Locked out: the live token stops, the password no longer works; the account stays (its visits too).
    expectGraphQLError(await gql(app, '{ me { id } }', { token: signedIn }), 'UNAUTHENTICATED');
    const login = await gql(app, LOGIN, { variables: { email: doctor.user.email, password: TEST_PASSWORD } });
    expect(login.errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    const [account] = await database.query<{ active: boolean }>('select active from app_user where id = $1', [
      doctor.user.id,
    ]);
    expect(account!.active).toBe(true);

    for (const patient of read) {
      const [told] = await database.query<{ body: string }>(
        `select body from notification where user_id = $1 and kind = 'DATA_BREACH'`,
        [patient.user.id],
      );
      expect(told!.body).not.toContain('Misused');
    }
    const mail = await smtp.waitFor(
      (candidate) => candidate.to.includes(read[0]!.user.email) && mailText(candidate).includes('was misused'),
    );
    expect(mailText(mail)).not.toContain('Misused');
    const audited = await database.query<{ action: string }>(
      `select action from audit_event where entity_id in ($1, $2) and action in ('ACCESS_ALERT_BREACH', 'LOCK_OUT') order by action`,
      [alert!.id, doctor.user.id],
    );
    expect(audited.map((row) => row.action)).toEqual(['ACCESS_ALERT_BREACH', 'LOCK_OUT']);
  });

  it('a breach by a partner: its API client is revoked', async () => {
    const partner = await createPartner(app, admin.token, ['doctors:read'], 'Leaky Labs');
    const token = await partnerToken(app, partner);
    const read = await patients(PER_HOUR);
    await auditedRead(partner.id, 'PARTNER', ids(read), 5);
    await detect();
    const [alert] = await alertsAbout(partner.id);
    expect(alert).toMatchObject({ actorRole: 'PARTNER', actorName: 'Leaky Labs', patientCount: PER_HOUR });
    expectData(await gql(app, '{ doctors(first: 1) { totalCount } }', { token }));
    expectData(await review(alert!.id, { breach: true, note: 'The lab reported its secret stolen.' }));
    expectGraphQLError(await gql(app, '{ doctors(first: 1) { totalCount } }', { token }), 'UNAUTHENTICATED');
  });

  it('is not for the administrator the alert is about', async () => {
    const suspect = await factory.admin();
    await auditedRead(suspect.user.id, 'ADMIN', ids(await patients(PER_HOUR)), 5);
    await detect();
    const [alert] = await alertsAbout(suspect.user.id);
    expect(alert!.actorName).toBe(suspect.user.email);
    expectGraphQLError(
      await review(alert!.id, { breach: false, note: 'Nothing to see here, honestly.' }, suspect.token),
      'FORBIDDEN',
    );
    expect(
      expectData(await review(alert!.id, { breach: false, note: 'A bulk address check, agreed.' })).reviewAccessAlert
        .status,
    ).toBe('DISMISSED');
  });
});
