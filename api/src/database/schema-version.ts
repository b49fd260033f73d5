import pg from 'pg';
import { migrationsList } from '../../../migrations/index.js';
import { JOB_SCHEMA } from '../modules/notifications/queue.js';

/** Where a database stands against the migrations this build ships. */
export interface MigrationStatus {
  /** Migrations recorded as applied, in order. */
  readonly applied: string[];
  /** Migrations of this build not applied yet, in order. */
  readonly pending: string[];
  /** Applied migrations this build does not know: the database is ahead (a newer release ran). */
  readonly unknown: string[];
  /** graphile-worker's schema is installed. */
  readonly jobSchemaInstalled: boolean;
}

/**
 * Reads the migration state with plain SELECTs: works for a role without DDL rights (MikroORM's
 * own migrator would create its bookkeeping table when it is missing).
 */
export async function readMigrationStatus(databaseUrl: string): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'healthcare-api-migrations' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ migrations: string | null; jobs: string | null }>(
      `select to_regclass('public.mikro_orm_migrations')::text as migrations,
              to_regclass($1)::text as jobs`,
      [`${pg.escapeIdentifier(JOB_SCHEMA)}.migrations`],
    );
    const applied = tables[0]?.migrations
      ? (await client.query<{ name: string }>('select name from mikro_orm_migrations order by id')).rows.map(
          (row) => row.name,
        )
      : [];
    const known = migrationsList.map((migration) => migration.name);
    return {
      applied,
      pending: known.filter((name) => !applied.includes(name)),
      unknown: applied.filter((name) => !known.includes(name)),
      jobSchemaInstalled: Boolean(tables[0]?.jobs),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The database lacks migrations this build needs; the message says what to run. */
export class DatabaseNotMigratedError extends Error {
  constructor(readonly status: MigrationStatus) {
    const missing = [
      ...(status.pending.length > 0
        ? [`${status.pending.length} migration(s) pending (${status.pending.join(', ')})`]
        : []),
      ...(status.jobSchemaInstalled ? [] : [`the job queue schema "${JOB_SCHEMA}" is not installed`]),
    ];
    super(
      `The database is not migrated: ${missing.join('; ')}. Run \`migrate up\` ` +
        '(npm run migrate -- up; in Kubernetes the api-migrate Job) with the schema owner role first; ' +
        'this process does not change the schema (MIGRATE_ON_START=false).',
    );
    this.name = 'DatabaseNotMigratedError';
  }
}

/** Throws {@link DatabaseNotMigratedError} unless every migration of this build is applied. */
export async function assertMigrated(databaseUrl: string): Promise<MigrationStatus> {
  const status = await readMigrationStatus(databaseUrl);
  if (status.pending.length > 0 || !status.jobSchemaInstalled) {
    throw new DatabaseNotMigratedError(status);
  }
  return status;
}

/**
 * Lets `role` (the API's runtime login) read and write every table, sequence and function of the
 * application and job schemas, now and for objects later migrations create, without owning them:
 * it cannot create, alter or drop anything.
 */
export async function grantRuntimeRole(databaseUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'healthcare-api-migrations' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const who = pg.escapeIdentifier(role);
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    await client.query(`grant connect on database ${pg.escapeIdentifier(rows[0]!.db)} to ${who}`);
    for (const schema of ['public', JOB_SCHEMA].map((name) => pg.escapeIdentifier(name))) {
      await client.query(`revoke create on schema ${schema} from ${who}`);
      await client.query(`grant usage on schema ${schema} to ${who}`);
      await client.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${who}`);
      await client.query(`grant usage, select, update on all sequences in schema ${schema} to ${who}`);
      await client.query(`grant execute on all functions in schema ${schema} to ${who}`);
      await client.query(
        `alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${who}`,
      );
      await client.query(
        `alter default privileges in schema ${schema} grant usage, select, update on sequences to ${who}`,
      );
      await client.query(`alter default privileges in schema ${schema} grant execute on functions to ${who}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
