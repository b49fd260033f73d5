import { DataloaderType, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import { migrationsList } from '../../../migrations/index.js';
import { REPO_ROOT } from '../config/settings.js';
import type { Logger } from '../shared/logger.js';
import { coalesceRoundTrips } from '../shared/round-trips.js';
import { SessionChangeSubscriber } from '../modules/identity/session-cache.js';
import { OutboxSubscriber } from '../shared/transaction-outbox.js';
import { entities } from './entities.js';

export const MIGRATIONS_DIR = join(REPO_ROOT, 'migrations');

export interface OrmConfigOptions {
  /** Receives every SQL statement the ORM sends (tests count them). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /**
   * `transaction`: the URL leads to a transaction-mode pooler (PgBouncer's `pool_mode =
   * transaction`), so the pool's connections keep nothing across transactions: no prepared
   * statements, SQL or protocol ones (see `round-trips.ts`). Default `session`.
   */
  poolMode?: 'session' | 'transaction';
  /** Where the driver's own warnings go (lost connections and the like); silent when unset. */
  driverLogger?: Logger;
}

export function ormConfig(clientUrl: string, options: OrmConfigOptions = {}): Options<PostgreSqlDriver> {
  const { onQuery } = options;
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    // Jobs and NOTIFYs deferred in a transaction leave in one statement just before it commits;
    // a committed change to a session's facts is forgotten by this process's session cache at once.
    subscribers: [new OutboxSubscriber(), new SessionChangeSubscriber()],
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Relations a client follows batch per request (the entity manager is forked per request).
    dataloader: DataloaderType.ALL,
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      idleTimeoutMillis: 30_000,
      // BEGIN leaves with a transaction's first statement, the outbox's statement with its COMMIT.
      afterCreate: (connection: Parameters<typeof coalesceRoundTrips>[0], done: (error: null, c: unknown) => void) => {
        coalesceRoundTrips(connection, { prepare: options.poolMode !== 'transaction' });
        done(null, connection);
      },
    },
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    // graphile-worker owns its schema and migrates it itself.
    schemaGenerator: { ignoreSchema: ['graphile_worker'] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      migrationsList,
      snapshot: false,
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      safe: false,
      dropTables: true,
    },
    driverOptions: {
      log: {
        warn: (message: unknown) => options.driverLogger?.warn({ detail: String(message) }, 'database driver'),
        error: (message: unknown) => options.driverLogger?.error({ detail: String(message) }, 'database driver'),
        deprecate: () => undefined,
        debug: () => undefined,
      },
    },
    debug: onQuery ? ['query'] : false,
    logger: onQuery ? (message: string) => onQuery(message) : () => undefined,
  };
}
