import { MikroORM } from '@mikro-orm/postgresql';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded.js';
import { ensureDatabase, migrate, withDatabase } from '../src/database/migrate.js';
import { ormConfig } from '../src/database/orm-config.js';
import { ensureJobSchema } from '../src/modules/notifications/jobs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the test PostgreSQL server (any database on it). */
    databaseServerUrl: string;
    /** A database with every migration applied, to clone per test file. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: the embedded one in a throw-away directory, or the server of
 * DATABASE_URL when it is set. Migrations are applied once to a template database; each test
 * file clones it (see test/database.ts), so files run in parallel without seeing each other.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  let directory: string | undefined;
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    directory = mkdtempSync(join(tmpdir(), 'hc-test-'));
    chmodSync(directory, 0o755);
    const port = 45000 + (process.pid % 5000);
    embedded = await startEmbeddedPostgres({
      directory: join(directory, 'pg'),
      port,
      persistent: false,
      ephemeral: true,
    });
    serverUrl = embedded.url();
  }
  const templateDatabase = `hc_template_${process.pid}`;
  await ensureDatabase(serverUrl, templateDatabase);
  const orm = await MikroORM.init(ormConfig(withDatabase(serverUrl, templateDatabase)));
  await migrate(orm);
  await orm.close(true);
  await ensureJobSchema(withDatabase(serverUrl, templateDatabase));

  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    if (embedded) {
      await embedded.stop();
      rmSync(directory!, { recursive: true, force: true });
      return;
    }
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${pg.escapeIdentifier(templateDatabase)} with (force)`);
    await client.end();
  };
}
