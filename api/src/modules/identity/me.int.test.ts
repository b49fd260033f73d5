import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';

const ME = `{ me { id email role active deactivatedAt createdAt updatedAt mfaEnabled mfaEnrollmentRequired
  patient { id firstName } doctor { id lastName } } }`;

let database: TestDatabase;
let app: Application;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

interface Me {
  me: {
    id: string;
    email: string;
    role: string;
    active: boolean;
    deactivatedAt: string | null;
    createdAt: string;
    updatedAt: string;
    mfaEnabled: boolean;
    patient: { id: string; firstName: string } | null;
    doctor: { id: string; lastName: string } | null;
  };
}

describe('me', () => {
  it("answers from the request's session check: one statement, the same values as the table", async () => {
    const doctor = await factory.doctor();
    statements.length = 0;
    const { me } = expectData(
      await gql<Me>(app, '{ me { id email role active deactivatedAt createdAt updatedAt mfaEnabled } }', {
        token: doctor.token,
      }),
    );
    expect(statements, statements.join('\n')).toHaveLength(1);
    const [row] = await database.query<{ email: string; created_at: Date; updated_at: Date }>(
      'select email, created_at, updated_at from app_user where id = $1',
      [doctor.user.id],
    );
    expect(me).toEqual({
      id: doctor.user.id,
      email: row!.email,
      role: 'DOCTOR',
      active: true,
      deactivatedAt: null,
      createdAt: row!.created_at.toISOString(),
      updatedAt: row!.updated_at.toISOString(),
      mfaEnabled: false,
    });
  });

  it("follows the account's profile, and sees a change made since the last request", async () => {
    const patient = await factory.patient();
    const first = expectData(await gql<Me>(app, ME, { token: patient.token })).me;
    expect(first.patient).toEqual({ id: patient.profile.id, firstName: patient.profile.firstName });
    expect(first.doctor).toBeNull();
    await database.query("update app_user set email = 'renamed-' || email, updated_at = now() where id = $1", [
      patient.user.id,
    ]);
    // This process remembers the session check; the database's notification of the change (sent
    // at its commit, here by hand-written SQL) makes it read the row again.
    await expect
      .poll(async () => expectData(await gql<Me>(app, ME, { token: patient.token })).me.email, { timeout: 2_000 })
      .toBe(`renamed-${first.email}`);
    const second = expectData(await gql<Me>(app, ME, { token: patient.token })).me;
    expect(second.updatedAt > first.updatedAt).toBe(true);
  });

  it("reads the account's patient and doctor profiles in one statement, with a remembered session", async () => {
    for (const account of [await factory.patient(), await factory.doctor()]) {
      await sessionRemembered(app, account.token);
      statements.length = 0;
      const { me } = expectData(await gql<Me>(app, ME, { token: account.token }));
      expect(me.patient?.id ?? me.doctor?.id).toBe(account.profile.id);
      expect(statements, statements.join('\n')).toHaveLength(1);
      expect(statements[0]).toMatch(/from "patient" where "user_id"[\s\S]*from "doctor" where "user_id"/);
    }
  });

  it('refuses the token of a deactivated account at once', async () => {
    const patient = await factory.patient();
    expectData(await gql(app, ME, { token: patient.token }));
    await database.query('update app_user set active = false where id = $1', [patient.user.id]);
    // As soon as the change's notification arrives (the same moment it reaches every API process).
    await expect
      .poll(async () => (await gql(app, ME, { token: patient.token })).errors?.[0]?.extensions.code, { timeout: 2_000 })
      .toBe('UNAUTHENTICATED');
    expectGraphQLError(await gql(app, ME, { token: patient.token }), 'UNAUTHENTICATED');
  });
});
