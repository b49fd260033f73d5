import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Patient } from '../patients/patient.entity.js';
import { sessionCacheOf, type SessionCache } from './session-cache.js';
import { signAccessToken } from './tokens.js';

const ME = '{ me { id email mfaEnabled } }';
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`;

let database: TestDatabase;
/** Two API processes' worth of server (own pools, own LISTEN connections, own session caches). */
let processA: Application;
let processB: Application;
let cacheB: SessionCache;
/** What process B sends to the database. */
const sentByB: string[] = [];
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  [processA, processB] = await Promise.all([
    startTestApp(database.url),
    startTestApp(database.url, {}, { onQuery: (sql) => sentByB.push(sql) }),
  ]);
  cacheB = sessionCacheOf(processB.orm.em)!;
  factory = new Factory(processA);
});

/** `me` on process B, with the statements B sent for it. */
async function meOnB(token: string) {
  sentByB.length = 0;
  const response = await gql<{ me: { id: string; email: string; mfaEnabled: boolean } }>(processB, ME, { token });
  return { response, sent: sentByB.filter((sql) => !/^\[query\] (begin|commit|rollback)/.test(sql)) };
}

/**
 * Uses `token` on process B until B answers its session check from memory (a sign-in's own
 * change notifications may still be on their way when the first request is checked).
 */
async function rememberedOnB(token: string): Promise<void> {
  await expect.poll(async () => (await meOnB(token)).sent.length, { timeout: 5_000, interval: 10 }).toBe(0);
}

/**
 * Process B refuses `token` as soon as the change's notification reaches it: PostgreSQL sends it to
 * every listening process when the change commits, so within milliseconds (it may trail the
 * changing request's own answer by as much when the machine is busy).
 */
async function refusedOnB(token: string): Promise<void> {
  await expect
    .poll(async () => (await meOnB(token)).response.errors?.[0]?.extensions.code, { timeout: 1_000, interval: 5 })
    .toBe('UNAUTHENTICATED');
}

/** Two sign-ins of one patient through process A: two sessions. */
async function twoSessions(patient: Account<Patient>) {
  const signIn = async () =>
    expectData(
      await gql<{ login: { accessToken: string; refreshToken: string } }>(processA, LOGIN, {
        variables: { email: patient.user.email, password: TEST_PASSWORD },
      }),
    ).login;
  return [await signIn(), await signIn()] as const;
}

describe('session checks remembered per process', () => {
  it("answers a signed-in caller's next requests without asking the database", async () => {
    const patient = await factory.patient();
    const first = await meOnB(patient.token);
    expect(expectData(first.response).me.id).toBe(patient.user.id);
    expect(first.sent).toHaveLength(1);
    // `me` answers from the remembered session check itself: at once, or after the sign-in's own
    // change notifications (which make B distrust a check read before they arrived) have reached B.
    await rememberedOnB(patient.token);
    const again = await meOnB(patient.token);
    expect(expectData(again.response).me.id).toBe(patient.user.id);
    expect(again.sent, again.sent.join('\n')).toHaveLength(0);
  });

  it('refuses on process B a session ended on process A as soon as it ends — and keeps the other session', async () => {
    const patient = await factory.patient();
    const [kept, ended] = await twoSessions(patient);
    await rememberedOnB(ended.accessToken);
    await rememberedOnB(kept.accessToken);

    const sessions = expectData(
      await gql<{ mySessions: { id: string; current: boolean }[] }>(processA, '{ mySessions { id current } }', {
        token: kept.accessToken,
      }),
    ).mySessions;
    const other = sessions.find((session) => !session.current)!;
    expectData(
      await gql(processA, 'mutation ($id: ID!) { revokeSession(id: $id) }', {
        variables: { id: other.id },
        token: kept.accessToken,
      }),
    );

    await refusedOnB(ended.accessToken);
    expectData((await meOnB(kept.accessToken)).response);
  });

  it('refuses on process B, as soon as they end, a session signed out on A and every session of an account deactivated on A', async () => {
    const patient = await factory.patient();
    const [kept, signedOut] = await twoSessions(patient);
    for (const session of [kept, signedOut]) {
      await rememberedOnB(session.accessToken);
    }
    expectData(
      await gql(processA, 'mutation ($t: String!) { logout(refreshToken: $t) }', {
        variables: { t: signedOut.refreshToken },
      }),
    );
    await refusedOnB(signedOut.accessToken);
    expectData((await meOnB(kept.accessToken)).response);

    const admin = await factory.admin();
    expectData(
      await gql(processA, 'mutation ($id: ID!) { deactivateUser(id: $id) { id } }', {
        variables: { id: patient.user.id },
        token: admin.token,
      }),
    );
    await refusedOnB(kept.accessToken);
    await refusedOnB(patient.token);
  });

  it('sees any change to the account as soon as it commits, whoever made it (the database announces it, not the services)', async () => {
    const patient = await factory.patient();
    const before = expectData((await meOnB(patient.token)).response).me;
    expect(before.mfaEnabled).toBe(false);
    await database.query(
      "update app_user set totp_enabled_at = now(), email = 'changed-' || email, updated_at = now() where id = $1",
      [patient.user.id],
    );
    // Hand-written SQL commits without the API knowing: its notification reaches process B within
    // milliseconds, and B reads the row again.
    await expect
      .poll(async () => expectData((await meOnB(patient.token)).response).me, { timeout: 2_000, interval: 5 })
      .toEqual({ id: patient.user.id, email: `changed-${before.email}`, mfaEnabled: true });

    // A session revoked by hand in SQL: refused at once.
    const sessionId = randomUUID();
    const token = signAccessToken(processA.settings.jwtSecret, {
      userId: patient.user.id,
      role: patient.user.role,
      sessionId,
    }).token;
    await database.query(
      `insert into refresh_token (id, created_at, updated_at, user_id, family_id, token_hash, expires_at)
       values (gen_random_uuid(), now(), now(), $1, $2, 'hand-made-' || gen_random_uuid(), now() + interval '1 day')`,
      [patient.user.id, sessionId],
    );
    await rememberedOnB(token);
    await database.query('update refresh_token set revoked_at = now() where family_id = $1', [sessionId]);
    await refusedOnB(token);
  });

  it('forgets every session when its LISTEN connection drops: a revocation missed meanwhile still counts', async () => {
    const [revoked, bystander] = await Promise.all([factory.patient(), factory.patient()]);
    for (const account of [revoked, bystander]) {
      await rememberedOnB(account.token);
    }
    expect(cacheB.size).toBeGreaterThanOrEqual(2);

    await database.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = 'healthcare-api-listener' and datname = current_database()`,
    );
    await expect.poll(() => cacheB.active, { timeout: 5_000, interval: 5 }).toBe(false);
    // Its notification goes nowhere: process B is not listening.
    await database.query('update app_user set active = false where id = $1', [revoked.user.id]);
    expect(cacheB.active).toBe(false);
    await expect.poll(() => cacheB.active, { timeout: 10_000, interval: 20 }).toBe(true);

    expect(cacheB.size).toBe(0);
    expectGraphQLError((await meOnB(revoked.token)).response, 'UNAUTHENTICATED');
    // The cache started empty: the bystander's session is checked in the database again.
    const bystanderAgain = await meOnB(bystander.token);
    expectData(bystanderAgain.response);
    expect(bystanderAgain.sent).toHaveLength(1);
  });
});
