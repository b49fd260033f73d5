import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

const MIGRATION_LOCK = 7_302_026;
/** Months of audit partitions kept ready ahead of now (see the retention rule in k8s/README.md). */
export const AUDIT_PARTITIONS_AHEAD = 12;

/**
 * Applies every pending migration and makes sure the audit trail has its partitions for the
 * coming months; returns the names of the migrations applied. Several processes starting at once
 * on one database take turns through an advisory lock, so each migration runs exactly once. The
 * lock is a session's: `lockUrl` must reach PostgreSQL itself, not a transaction-mode pooler.
 */
export async function migrate(orm: MikroORM, lockUrl: string = orm.config.getClientUrl()): Promise<string[]> {
  const lock = new pg.Client({ connectionString: lockUrl });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    // The audit trail's monthly partitions, created ahead of time by the schema owner.
    await lock.query('select audit_event_ensure_partitions(now(), $1)', [AUDIT_PARTITIONS_AHEAD]);
    return applied.map((migration) => migration.name);
  } finally {
    await lock.end();
  }
}

/** SQL the entities would need beyond the migrations: empty when they agree. */
export async function pendingSchemaDiff(orm: MikroORM): Promise<string> {
  const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  return sql.trim();
}

/** Creates a database unless it exists (CREATE DATABASE cannot run inside a transaction). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) {
      return false;
    }
    await client.query(
      `create database ${pg.escapeIdentifier(name)}${template ? ` template ${pg.escapeIdentifier(template)}` : ''}`,
    );
    return true;
  } finally {
    await client.end();
  }
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
