import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadSettings, SettingsError } from '../config/settings.js';
import { ensureJobSchema } from '../modules/notifications/jobs.js';
import { createLogger } from '../shared/logger.js';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';
import { grantRuntimeRole, readMigrationStatus } from './schema-version.js';

const USAGE = `usage: migrate up [--grant-to ROLE] | migrate status

  up       apply every pending migration (ours and the job queue's) to DATABASE_URL; with
           --grant-to (or MIGRATE_GRANT_TO) let that runtime role read and write the tables
           without owning them. Run it as the schema owner, once per release, before the rollout.
  status   list applied and pending migrations; exit code 3 when some are pending.`;

/** `npm run migrate -- up|status` (in the image: `node api/dist/api/src/database/migrate.cli.js up`). */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'grant-to': { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'up' && command !== 'status') {
    console.error(USAGE);
    return 2;
  }
  // Only DATABASE_URL matters here (the Job has no API secrets); unset: the development database.
  const settings = loadSettings({ ...process.env, NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(32) });
  const logger = createLogger(settings.logLevel);
  const database = await openDatabase(settings, logger);
  try {
    if (command === 'up') {
      const applied = await migrate(database.orm, database.directUrl);
      await ensureJobSchema(database.directUrl, logger);
      const role = values['grant-to'] ?? process.env['MIGRATE_GRANT_TO'];
      if (role) {
        await grantRuntimeRole(database.url, role);
      }
      logger.info({ migrations: applied, grantedTo: role }, applied.length ? 'applied migrations' : 'nothing to apply');
      return 0;
    }
    const status = await readMigrationStatus(database.url);
    console.log(
      JSON.stringify(
        {
          applied: status.applied.length,
          pending: status.pending,
          unknownToThisBuild: status.unknown,
          jobSchemaInstalled: status.jobSchemaInstalled,
        },
        null,
        2,
      ),
    );
    return status.pending.length > 0 || !status.jobSchemaInstalled ? 3 : 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
