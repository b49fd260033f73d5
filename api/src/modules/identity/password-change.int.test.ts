import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { MAX_FAILURES_PER_ACCOUNT } from './throttle.js';

const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const CHANGE = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const ME = `{ me { id } }`;

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

async function signIn(email: string, password: string) {
  return expectData(
    await gql<{ login: { accessToken: string; refreshToken: string } }>(app, LOGIN, {
      variables: { e: email, p: password },
    }),
  ).login;
}

describe('changing the password while signed in', () => {
  it('asks the current password, keeps this session, ends the others, and tells the address', async () => {
    const patient = await factory.patient();
    const here = await signIn(patient.user.email, TEST_PASSWORD);
    const elsewhere = await signIn(patient.user.email, TEST_PASSWORD);
    const fresh = 'a brand new passphrase';

    expect(
      expectData(await gql(app, CHANGE, { token: here.accessToken, variables: { c: TEST_PASSWORD, n: fresh } })),
    ).toEqual({ changePassword: true });

    // This device goes on; the other one is signed out at once, its refresh token refused.
    expectData(await gql(app, ME, { token: here.accessToken }));
    expectGraphQLError(await gql(app, ME, { token: elsewhere.accessToken }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, REFRESH, { variables: { t: elsewhere.refreshToken } }), 'UNAUTHENTICATED');
    expectData(await gql(app, REFRESH, { variables: { t: here.refreshToken } }));

    // Only the new password signs in now.
    expectGraphQLError(
      await gql(app, LOGIN, { variables: { e: patient.user.email, p: TEST_PASSWORD } }),
      'UNAUTHENTICATED',
    );
    await signIn(patient.user.email, fresh);

    const mail = await smtp.waitFor(
      (candidate) =>
        candidate.to.includes(patient.user.email) && mailText(candidate).includes('account was changed on'),
    );
    const text = mailText(mail);
    expect(text).toContain('Every other device signed in to the account was signed out.');
    expect(text).toContain('https://clinic.example/forgot-password');
    expect(text).not.toContain(fresh);

    const audited = await database.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_event where entity_id = $1 and action like 'PASSWORD%'`,
      [patient.user.id],
    );
    expect(audited).toEqual([{ action: 'PASSWORD_CHANGED', actor_id: patient.user.id }]);
  });

  it('refuses a wrong current password as bad input, counts it like a failed sign-in, and throttles before hashing', async () => {
    const doctor = await factory.doctor();
    const wrong = await gql(app, CHANGE, {
      token: doctor.token,
      variables: { c: 'not my password at all', n: 'a brand new passphrase' },
    });
    const error = expectGraphQLError(wrong, 'BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
    const [{ n }] = (await database.query(`select count(*)::int as n from login_failure where email = $1`, [
      doctor.user.email,
    ])) as [{ n: number }];
    expect(n).toBe(1);

    for (let attempt = 1; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1) {
      expectGraphQLError(
        await gql(app, CHANGE, {
          token: doctor.token,
          variables: { c: `guess ${attempt}`, n: 'a brand new passphrase' },
        }),
        'BAD_USER_INPUT',
      );
    }
    // Past the account's limit even the right password waits out the window.
    const throttled = expectGraphQLError(
      await gql(app, CHANGE, { token: doctor.token, variables: { c: TEST_PASSWORD, n: 'a brand new passphrase' } }),
      'TOO_MANY_REQUESTS',
    );
    expect(Number(throttled.extensions['retryAfterSeconds'])).toBeGreaterThan(0);
    const [{ changed }] = (await database.query(
      `select count(*)::int as changed from audit_event where entity_id = $1 and action = 'PASSWORD_CHANGED'`,
      [doctor.user.id],
    )) as [{ changed: number }];
    expect(changed).toBe(0);
  });

  it('checks the new password against the rules first, names the field, and changes nothing', async () => {
    const admin = await factory.admin();
    const cases: [string, string][] = [
      ['short', 'must be at least 10 characters long'],
      [admin.user.email, 'must not be your email address'],
      [TEST_PASSWORD, 'must differ from the current password'],
    ];
    for (const [candidate, message] of cases) {
      const error = expectGraphQLError(
        await gql(app, CHANGE, { token: admin.token, variables: { c: TEST_PASSWORD, n: candidate } }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields).toEqual([{ field: 'newPassword', message }]);
    }
    await signIn(admin.user.email, TEST_PASSWORD);
    expectGraphQLError(
      await gql(app, CHANGE, { variables: { c: TEST_PASSWORD, n: 'a brand new passphrase' } }),
      'UNAUTHENTICATED',
    );
  });
});
