import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, inject } from 'vitest';
import { ensureDatabase, withDatabase } from '../src/database/migrate.js';
import { ormConfig, type OrmConfigOptions } from '../src/database/orm-config.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A plain client on the database, for assertions in SQL. */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
}

/**
 * A database of this test file's own, cloned from the migrated template, dropped after the file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('databaseServerUrl');
  const name = `hc_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(server, name, inject('templateDatabase'));
  const url = withDatabase(server, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  afterAll(async () => {
    await pool.end();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.end();
  });
  return {
    name,
    url,
    async query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]> {
      const result = await pool.query<R>(sql, values);
      return result.rows;
    },
  };
}

/** An ORM on a test database; closed after the file. */
export async function openTestOrm(url: string, options: OrmConfigOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url, options));
  afterAll(() => orm.close(true));
  return orm;
}

/**
 * Waits until no job of the task is left in the queue (they run on the test app's own ORM): then
 * counting the statements of a request counts that request's alone.
 */
export async function jobsSettled(database: TestDatabase, task: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await database.query<{ n: number }>(
            'select count(*)::int as n from graphile_worker.jobs where task_identifier = $1',
            [task],
          )
        )[0]!.n,
      { timeout: 20_000 },
    )
    .toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
