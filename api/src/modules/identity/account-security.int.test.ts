import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, type GraphQLResponse } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import { wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import { MAX_FAILURES_PER_ACCOUNT } from './throttle.js';

const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id mfaEnabled mfaEnrollmentRequired } } }`;
const START = `mutation { startTotpEnrollment { secret otpauthUri } }`;
const CONFIRM = `mutation ($c: String!) { confirmTotpEnrollment(code: $c) }`;
const COMPLETE = `mutation ($ch: String!, $c: String!) { completeMfaLogin(challenge: $ch, code: $c) { accessToken user { id mfaEnabled } } }`;
const DISABLE = `mutation ($c: String!) { disableTotp(code: $c) }`;
const ME = `{ me { id mfaEnabled mfaEnrollmentRequired } }`;
const SESSIONS = `{ mySessions { id createdAt lastUsedAt userAgent current } }`;
const REVOKE = `mutation ($id: ID!) { revokeSession(id: $id) }`;
const REVOKE_OTHERS = `mutation { revokeOtherSessions }`;
const REQUEST_RESET = `mutation ($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`;
const DOCTORS = `{ doctors(first: 1) { totalCount } }`;

interface LoginData {
  login: {
    accessToken: string;
    refreshToken: string;
    user: { id: string; mfaEnabled: boolean; mfaEnrollmentRequired: boolean };
  };
}

let database: TestDatabase;
let app: Application;
let strict: Application;
let smtp: TestSmtpServer;
let factory: Factory;
let address = 0;
/** Each test signs in from its own address, so the per-address limit of one test leaves the others alone. */
const nextAddress = () => `198.51.100.${++address}`;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  [app, strict] = await Promise.all([
    startTestApp(database.url, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://clinic.example' }),
    // Both processes work the one job queue: both must mail through the test's SMTP server.
    startTestApp(database.url, {
      MFA_REQUIRED_ROLES: 'DOCTOR,ADMIN',
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://clinic.example',
    }),
  ]);
  factory = new Factory(app);
});

const login = (email: string, password = TEST_PASSWORD, clientAddress = nextAddress(), target = app) =>
  gql<LoginData>(target, LOGIN, {
    variables: { e: email, p: password },
    clientAddress,
    headers: { 'user-agent': 'TestBrowser/1.0' },
  });

/** A code of the next time step, so it is never the one enrolment just spent. */
const code = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

async function enrol(token: string): Promise<{ secret: string; recovery: string[] }> {
  const { startTotpEnrollment } = expectData(
    await gql<{ startTotpEnrollment: { secret: string; otpauthUri: string } }>(app, START, { token }),
  );
  expect(startTotpEnrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=/);
  const recovery = expectData(
    await gql<{ confirmTotpEnrollment: string[] }>(app, CONFIRM, {
      token,
      variables: { c: await code(startTotpEnrollment.secret, -1) },
    }),
  ).confirmTotpEnrollment;
  return { secret: startTotpEnrollment.secret, recovery };
}

function challengeOf(response: GraphQLResponse<unknown>): string {
  const error = expectGraphQLError(response, 'MFA_REQUIRED');
  expect(typeof error.extensions['challenge']).toBe('string');
  return error.extensions['challenge'] as string;
}

describe('TOTP', () => {
  it('enrols with a code, then sign-in asks for a code and completes with one', async () => {
    const patient = await factory.patient();
    const { secret, recovery } = await enrol(patient.token);
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const stored = await database.query<{ code_hash: string }>(
      `select code_hash from recovery_code where user_id = $1`,
      [patient.user.id],
    );
    expect(stored).toHaveLength(10);
    expect(stored.map((row) => row.code_hash)).not.toContain(recovery[0]);
    const [secretRow] = await database.query<{ totp_secret: string }>(
      `select totp_secret from app_user where id = $1`,
      [patient.user.id],
    );
    expect(secretRow!.totp_secret).not.toContain(secret);

    const first = await login(patient.user.email);
    expect(first.data).toBeFalsy();
    const challenge = challengeOf(first);
    const done = expectData(
      await gql<{ completeMfaLogin: { accessToken: string; user: { mfaEnabled: boolean } } }>(app, COMPLETE, {
        variables: { ch: challenge, c: await code(secret) },
      }),
    );
    expect(done.completeMfaLogin.user.mfaEnabled).toBe(true);
    expectData(await gql(app, ME, { token: done.completeMfaLogin.accessToken }));
    // The challenge was single-use.
    expectGraphQLError(
      await gql(app, COMPLETE, { variables: { ch: challenge, c: await code(secret, 1) } }),
      'UNAUTHENTICATED',
    );
  });

  it('signs in with a recovery code once; the same code is then spent', async () => {
    const patient = await factory.patient();
    const { recovery } = await enrol(patient.token);
    const ip = nextAddress();
    expectData(
      await gql(app, COMPLETE, {
        variables: {
          ch: challengeOf(await login(patient.user.email, TEST_PASSWORD, ip)),
          c: recovery[3]!.toUpperCase(),
        },
      }),
    );
    const again = expectGraphQLError(
      await gql(app, COMPLETE, {
        variables: { ch: challengeOf(await login(patient.user.email, TEST_PASSWORD, ip)), c: recovery[3] },
      }),
      'BAD_USER_INPUT',
    );
    expect(again.extensions.fields?.[0]?.field).toBe('code');
  });

  it('throttles wrong codes like wrong passwords, even before the right one', async () => {
    const patient = await factory.patient();
    const { secret } = await enrol(patient.token);
    const ip = nextAddress();
    const challenge = challengeOf(await login(patient.user.email, TEST_PASSWORD, ip));
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) {
      expectGraphQLError(
        await gql(app, COMPLETE, { variables: { ch: challenge, c: '000000' }, clientAddress: ip }),
        'BAD_USER_INPUT',
      );
    }
    const throttled = await gql(app, COMPLETE, {
      variables: { ch: challenge, c: await code(secret) },
      clientAddress: ip,
    });
    expectGraphQLError(throttled, 'TOO_MANY_REQUESTS');
  });

  it('refuses a code that was already used (replay)', async () => {
    const patient = await factory.patient();
    const { secret } = await enrol(patient.token);
    const current = await code(secret);
    expectData(
      await gql(app, COMPLETE, { variables: { ch: challengeOf(await login(patient.user.email)), c: current } }),
    );
    expectGraphQLError(
      await gql(app, COMPLETE, { variables: { ch: challengeOf(await login(patient.user.email)), c: current } }),
      'BAD_USER_INPUT',
    );
  });

  it('turns off with a valid code only', async () => {
    const patient = await factory.patient();
    const { recovery } = await enrol(patient.token);
    expectGraphQLError(await gql(app, DISABLE, { token: patient.token, variables: { c: '123456' } }), 'BAD_USER_INPUT');
    expect(expectData(await gql(app, DISABLE, { token: patient.token, variables: { c: recovery[0] } }))).toEqual({
      disableTotp: true,
    });
    expectData(await login(patient.user.email));
  });

  it('refuses enrolment and MFA operations to anonymous callers and wrong codes', async () => {
    expectGraphQLError(await gql(app, START), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, CONFIRM, { variables: { c: '123456' } }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, COMPLETE, { variables: { ch: 'nonsense', c: '123456' } }), 'UNAUTHENTICATED');
    const patient = await factory.patient();
    expectGraphQLError(await gql(app, CONFIRM, { token: patient.token, variables: { c: '123456' } }), 'CONFLICT');
    await gql(app, START, { token: patient.token });
    const wrong = expectGraphQLError(
      await gql(app, CONFIRM, { token: patient.token, variables: { c: '12' } }),
      'BAD_USER_INPUT',
    );
    expect(wrong.extensions.fields?.[0]?.field).toBe('code');
  });
});

describe('MFA_REQUIRED_ROLES', () => {
  it('lets a doctor without TOTP do nothing but enrol, and everything once enrolled', async () => {
    const doctor = await factory.doctor();
    const signedIn = expectData(await login(doctor.user.email, TEST_PASSWORD, nextAddress(), strict));
    expect(signedIn.login.user.mfaEnrollmentRequired).toBe(true);
    const token = signedIn.login.accessToken;
    const refused = expectGraphQLError(await gql(strict, DOCTORS, { token }), 'FORBIDDEN');
    expect(refused.extensions['reason']).toBe('MFA_ENROLLMENT_REQUIRED');
    expectData(await gql(strict, ME, { token }));
    const { startTotpEnrollment } = expectData(
      await gql<{ startTotpEnrollment: { secret: string } }>(strict, START, { token }),
    );
    expectData(await gql(strict, CONFIRM, { token, variables: { c: await code(startTotpEnrollment.secret) } }));
    expectData(await gql(strict, DOCTORS, { token }));
    expectGraphQLError(
      await gql(strict, DISABLE, { token, variables: { c: await code(startTotpEnrollment.secret, 1) } }),
      'FORBIDDEN',
    );
  });

  it('leaves patients alone', async () => {
    const patient = await factory.patient();
    const signedIn = expectData(await login(patient.user.email, TEST_PASSWORD, nextAddress(), strict));
    expect(signedIn.login.user.mfaEnrollmentRequired).toBe(false);
    expectData(await gql(strict, DOCTORS, { token: signedIn.login.accessToken }));
  });
});

describe('throttling behind one address (a clinic behind NAT)', () => {
  it('locks the attacked account but not the colleagues on the same address', async () => {
    const ip = nextAddress();
    const [victim, colleague] = await Promise.all([factory.patient(), factory.patient()]);
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) {
      expectGraphQLError(await login(victim.user.email, 'wrong-password-1', ip), 'UNAUTHENTICATED');
    }
    expectGraphQLError(await login(victim.user.email, TEST_PASSWORD, ip), 'TOO_MANY_REQUESTS');
    expectData(await login(colleague.user.email, TEST_PASSWORD, ip));
  });
});

describe('signed-in devices', () => {
  it('lists sessions with their browser and revokes one; its token stops working and its socket closes', async () => {
    const patient = await factory.patient();
    const laptop = expectData(await login(patient.user.email)).login;
    const phone = expectData(await login(patient.user.email)).login;
    const list = expectData(
      await gql<{ mySessions: { id: string; userAgent: string; current: boolean }[] }>(app, SESSIONS, {
        token: laptop.accessToken,
      }),
    ).mySessions;
    expect(list).toHaveLength(2);
    expect(list.every((session) => session.userAgent === 'TestBrowser/1.0')).toBe(true);
    const phoneSession = list.find((session) => !session.current)!;

    const socket = wsClient(strictless(), phone.accessToken);
    const closed = new Promise<number>((resolve) =>
      socket.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    await new Promise<void>((resolve) => {
      socket.on('connected', () => resolve());
      socket.subscribe(
        { query: 'subscription { messageReceived { id } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    expectData(await gql(app, REVOKE, { token: laptop.accessToken, variables: { id: phoneSession.id } }));
    expect(await closed).toBe(4401);
    expectGraphQLError(await gql(app, ME, { token: phone.accessToken }), 'UNAUTHENTICATED');
    expectGraphQLError(
      await gql(app, `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, {
        variables: { t: phone.refreshToken },
      }),
      'UNAUTHENTICATED',
    );
    expectData(await gql(app, ME, { token: laptop.accessToken }));
  });

  it('ends every other session at once, and refuses to touch someone else’s', async () => {
    const patient = await factory.patient();
    const other = await factory.patient();
    const keep = expectData(await login(patient.user.email)).login;
    const drop = expectData(await login(patient.user.email)).login;
    const theirs = expectData(await login(other.user.email)).login;
    const [theirSession] = expectData(
      await gql<{ mySessions: { id: string }[] }>(app, SESSIONS, { token: theirs.accessToken }),
    ).mySessions;
    expectGraphQLError(
      await gql(app, REVOKE, { token: keep.accessToken, variables: { id: theirSession!.id } }),
      'NOT_FOUND',
    );
    expect(expectData(await gql(app, REVOKE_OTHERS, { token: keep.accessToken }))).toEqual({ revokeOtherSessions: 1 });
    expectGraphQLError(await gql(app, ME, { token: drop.accessToken }), 'UNAUTHENTICATED');
    expectData(await gql(app, ME, { token: keep.accessToken }));
    expectData(await gql(app, ME, { token: theirs.accessToken }));
    expectGraphQLError(await gql(app, SESSIONS), 'UNAUTHENTICATED');
  });
});

/** The process the sockets of these tests talk to. */
function strictless(): Application {
  return app;
}

describe('password reset by e-mail', () => {
  it('mails a single-use link; the new password works, the old does not, and every session ends', async () => {
    const patient = await factory.patient();
    const before = expectData(await login(patient.user.email)).login;
    expect(expectData(await gql(app, REQUEST_RESET, { variables: { e: patient.user.email.toUpperCase() } }))).toEqual({
      requestPasswordReset: true,
    });
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(patient.user.email));
    const text = mailText(mail);
    const token = /https:\/\/clinic\.example\/reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(token).toBeTruthy();
    const stored = await database.query<{ token_hash: string }>(
      `select token_hash from password_reset where user_id = $1`,
      [patient.user.id],
    );
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const weak = expectGraphQLError(await gql(app, RESET, { variables: { t: token, p: 'short' } }), 'BAD_USER_INPUT');
    expect(weak.extensions.fields?.[0]?.field).toBe('newPassword');
    expectData(await gql(app, RESET, { variables: { t: token, p: 'a-brand-new-password' } }));
    expectGraphQLError(await gql(app, RESET, { variables: { t: token, p: 'another-new-password' } }), 'BAD_USER_INPUT');
    expectGraphQLError(await gql(app, ME, { token: before.accessToken }), 'UNAUTHENTICATED');
    expectGraphQLError(await login(patient.user.email), 'UNAUTHENTICATED');
    expectData(await login(patient.user.email, 'a-brand-new-password'));
  });

  it('answers the same for an unknown address, does the same work, and sends nothing', async () => {
    const unknown = `nobody-${Date.now()}@example.com`;
    const response = await gql(app, REQUEST_RESET, { variables: { e: unknown } });
    expect(expectData(response)).toEqual({ requestPasswordReset: true });
    const rows = await database.query<{ user_id: string | null }>(
      `select user_id from password_reset order by created_at desc limit 1`,
    );
    expect(rows[0]!.user_id).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.mails.some((mail) => mail.to.includes(unknown))).toBe(false);
  });

  it('refuses text PostgreSQL cannot store with BAD_USER_INPUT naming the field, on every new input', async () => {
    const patient = await factory.patient();
    const cases: [string, Record<string, unknown>, string, string | undefined][] = [
      [REQUEST_RESET, { e: 'a\u0000@example.com' }, 'e', undefined],
      [RESET, { t: 'tok\u0000en', p: 'a-brand-new-password' }, 't', undefined],
      [RESET, { t: 'token', p: 'a-brand-new\u0000password' }, 'p', undefined],
      [CONFIRM, { c: '12\u000034' }, 'c', patient.token],
      [DISABLE, { c: '12\u000034' }, 'c', patient.token],
      [COMPLETE, { ch: 'x\u0000', c: '123456' }, 'ch', undefined],
      [REVOKE, { id: 'x\u0000' }, 'id', patient.token],
    ];
    for (const [query, variables, variable, token] of cases) {
      const refused = expectGraphQLError(await gql(app, query, { variables, token }), 'BAD_USER_INPUT');
      expect(refused.extensions.fields?.length, `${query} ${variable}`).toBeGreaterThan(0);
    }
  });

  it('refuses a made-up token', async () => {
    const refused = expectGraphQLError(
      await gql(app, RESET, { variables: { t: 'made-up', p: 'a-brand-new-password' } }),
      'BAD_USER_INPUT',
    );
    expect(refused.extensions.fields?.[0]?.field).toBe('token');
  });
});
