import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrationsList } from '../../../migrations/index.js';
import { startTestApp } from '../../test/app.js';
import { expectData, gql } from '../../test/graphql.js';
import { REPO_ROOT } from '../config/settings.js';
import { ensureDatabase, withDatabase } from './migrate.js';
import { DatabaseNotMigratedError } from './schema-version.js';

const DIST = join(REPO_ROOT, 'api', 'dist', 'api', 'src');
const server = inject('databaseServerUrl');
const suffix = randomBytes(5).toString('hex');
const role = `hc_runtime_${suffix}`;
const password = `pw-${suffix}`;
const databases: string[] = [];

async function admin<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server (dropped after the file). */
async function emptyDatabase(): Promise<string> {
  const name = `hc_role_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(server, name);
  databases.push(name);
  return withDatabase(server, name);
}

/** The same database, logged in as the runtime role. */
function asRuntimeRole(url: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

/** Runs a built CLI to the end; resolves with its exit code and output. */
function run(script: string, args: string[], environment: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(DIST, script), ...args], {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...environment },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

await admin(server, `create role ${role} login password '${password}'`);
afterAll(async () => {
  for (const name of databases) {
    await admin(server, `drop database if exists ${name} with (force)`);
  }
  await admin(server, `drop role if exists ${role}`);
});

describe('migrations as a step of their own', () => {
  let url: string;

  it('`migrate status` on an empty database lists every migration as pending (exit code 3)', async () => {
    url = await emptyDatabase();
    const result = await run('database/migrate.cli.js', ['status'], { DATABASE_URL: url });
    expect(result.code, result.stderr).toBe(3);
    const status = JSON.parse(result.stdout) as { pending: string[]; jobSchemaInstalled: boolean; applied: number };
    expect(status).toEqual({
      applied: 0,
      pending: migrationsList.map((migration) => migration.name),
      unknownToThisBuild: [],
      jobSchemaInstalled: false,
    });
  });

  it('the API with a runtime role refuses to start on it, saying what to run', async () => {
    await admin(url, `grant connect on database ${new URL(url).pathname.slice(1)} to ${role}`);
    const refused = startTestApp(asRuntimeRole(url), { MIGRATE_ON_START: 'false' });
    await expect(refused).rejects.toBeInstanceOf(DatabaseNotMigratedError);
    await expect(refused).rejects.toThrow(/not migrated: \d+ migration\(s\) pending .*Run `migrate up`/);
    // The production entry point says so in one log line and exits 1.
    const result = await run('main.js', [], {
      NODE_ENV: 'production',
      DATABASE_URL: asRuntimeRole(url),
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ADMIN_EMAIL: 'ops@clinic.test',
      ADMIN_PASSWORD: 'a-long-admin-password',
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    expect(result.code).toBe(1);
    const fatal = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; message?: string })
      .find((line) => line.level === 60);
    expect(fatal?.message).toMatch(/^The database is not migrated: .*migrate up/);
  });

  it('`migrate up --grant-to` migrates and lets the runtime role read and write', async () => {
    const up = await run('database/migrate.cli.js', ['up', '--grant-to', role], { DATABASE_URL: url });
    expect(up.code, up.stderr).toBe(0);
    const status = await run('database/migrate.cli.js', ['status'], { DATABASE_URL: url });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: [], jobSchemaInstalled: true });
  });

  it('the runtime role has no DDL rights', async () => {
    await expect(admin(asRuntimeRole(url), 'create table intruder (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(admin(asRuntimeRole(url), 'alter table app_user add column x int')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(admin(asRuntimeRole(url), 'drop table audit_event')).rejects.toMatchObject({ code: '42501' });
    await expect(admin(asRuntimeRole(url), 'create schema intruder')).rejects.toMatchObject({ code: '42501' });
  });

  it('the API starts with it on the migrated database and serves reads, writes and jobs', async () => {
    const app = await startTestApp(asRuntimeRole(url), { MIGRATE_ON_START: 'false' });
    expect(app.startup.migrationsApplied).toEqual([]);
    const signedUp = expectData(
      await gql<{ registerPatient: { accessToken: string } }>(
        app,
        `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }`,
        {
          variables: {
            input: {
              email: `runtime-${suffix}@example.com`,
              password: 'a-good-passphrase-9',
              firstName: 'Runa',
              lastName: 'Time',
              dateOfBirth: '1990-02-03',
            },
          },
        },
      ),
    ).registerPatient;
    expectData(await gql(app, 'query { me { id } }', { token: signedUp.accessToken }));
    const ready = await fetch(`${app.url}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
