import { MikroORM } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import { SettingsError, type Settings } from '../config/settings.js';
import type { Logger } from '../shared/logger.js';
import pg from 'pg';
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { ensureDatabase, withDatabase } from './migrate.js';
import { ormConfig, type OrmConfigOptions } from './orm-config.js';

export const EMBEDDED_DATABASE_NAME = 'healthcare';

export interface Database {
  readonly orm: MikroORM;
  readonly url: string;
  /**
   * Where connections that need a session of their own go (LISTEN, the job runner, the migrations'
   * lock): `DATABASE_DIRECT_URL`, else `url`.
   */
  readonly directUrl: string;
  /** True when this process started the embedded PostgreSQL. */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or, when it is unset, starts the embedded PostgreSQL with its data
 * under the data directory (kept across restarts) and creates the application database in it.
 */
export async function openDatabase(
  settings: Settings,
  logger: Logger,
  options: OrmConfigOptions = {},
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = settings.databaseUrl;
  if (!url) {
    const directory = join(settings.dataDir, 'pg');
    const running = embeddedUrl(settings.embeddedPgPort);
    if (await answers(running)) {
      // Another process of ours (the server, while `npm run seed` runs) already serves it.
      logger.info({ port: settings.embeddedPgPort }, 'using the embedded PostgreSQL already running');
    } else {
      logger.info({ directory, port: settings.embeddedPgPort }, 'starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({ directory, port: settings.embeddedPgPort, persistent: true, logger });
    }
    await ensureDatabase(running, EMBEDDED_DATABASE_NAME);
    url = withDatabase(running, EMBEDDED_DATABASE_NAME);
  }
  try {
    const orm = await MikroORM.init(
      ormConfig(url, {
        driverLogger: logger,
        poolMax: settings.databasePoolSize,
        poolMode: settings.databasePoolMode,
        ...options,
      }),
    );
    if (settings.databaseUrl !== undefined && settings.databasePoolMode === 'session') {
      await refuseSharedSessions(url).catch(async (error: unknown) => {
        await orm.close(true);
        throw error;
      });
    }
    return {
      orm,
      url,
      directUrl: settings.databaseUrl === undefined ? url : (settings.databaseDirectUrl ?? url),
      embedded: Boolean(embedded),
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Refuses a `DATABASE_URL` that leads to a transaction-mode pooler while the pool prepares
 * statements (`DATABASE_POOL_MODE=session`): there a connection's next transaction may run in
 * another server session, which lacks what the first prepared, and requests would fail now and
 * then (`prepared statement "…" does not exist`). Told at the start instead: one connection's
 * statement runs while another holds a transaction open; its session must not change, nor may the
 * two connections ever share one (a transaction-mode pooler hands the session just released to the
 * next transaction). Two connections, five short statements.
 */
export async function refuseSharedSessions(url: string): Promise<void> {
  const [one, two] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  for (const client of [one, two]) {
    client.on('error', () => undefined);
  }
  const sessionOf = async (client: pg.Client) =>
    (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  try {
    await Promise.all([one.connect(), two.connect()]);
    const first = await sessionOf(one);
    await two.query('begin');
    const other = await sessionOf(two);
    // Not awaited before the COMMIT: behind a pooler with a single server connection it waits for it.
    const [again] = await Promise.all([sessionOf(one), two.query('commit')]);
    if (other === first || again !== first) {
      throw new SettingsError(
        'DATABASE_POOL_MODE',
        'DATABASE_URL leads to a transaction-mode pooler (two connections shared one server session): ' +
          'set DATABASE_POOL_MODE=transaction, and DATABASE_DIRECT_URL to PostgreSQL itself',
      );
    }
  } finally {
    await Promise.all([one.end(), two.end()].map((ending) => ending.catch(() => undefined)));
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
