import { MikroORM } from '@mikro-orm/postgresql';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';
import { ormConfig } from './orm-config.js';

/**
 * Runs `work` against a throw-away PostgreSQL with every committed migration applied: the
 * reference point for generating and checking migrations, independent of any developer database.
 */
export async function withMigratedScratchDatabase<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'hc-scratch-'));
  chmodSync(directory, 0o755); // PostgreSQL may run as another user (see embedded.ts)
  const port = 56000 + Math.floor(Math.random() * 4000);
  const database = await startEmbeddedPostgres({
    directory: join(directory, 'pg'),
    port,
    persistent: false,
    ephemeral: true,
  });
  try {
    const orm = await MikroORM.init(ormConfig(database.url()));
    try {
      await migrate(orm);
      return await work(orm);
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
