import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

const MIGRATION_LOCK = 7_302_026;

/**
 * Applies every pending migration; returns the names applied. Several processes starting at once
 * on one database take turns through an advisory lock, so each migration runs exactly once.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const lock = new pg.Client({ connectionString: orm.config.getClientUrl() });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
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
