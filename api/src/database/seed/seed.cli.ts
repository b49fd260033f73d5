import 'reflect-metadata';
import { loadSettings, SettingsError } from '../../config/settings.js';
import { ensureAdminAccount } from '../../modules/identity/admin-account.js';
import { createLogger } from '../../shared/logger.js';
import { openDatabase } from '../database.js';
import { migrate } from '../migrate.js';
import { seedDemoData } from './demo-seed.js';
import { ensureJobSchema } from '../../modules/notifications/jobs.js';

/** `npm run seed`: wipes the clinic data and fills the database with fresh demo data. */
async function main(): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger(settings.logLevel);
  const database = await openDatabase(settings, logger);
  try {
    const { orm } = database;
    await migrate(orm, database.directUrl);
    await ensureJobSchema(database.directUrl, logger);
    const tables = Object.values(orm.getMetadata().getAll())
      .filter((meta) => !meta.abstract && meta.tableName)
      .map((meta) => `"${meta.tableName}"`);
    // Append-only tables refuse TRUNCATE through a trigger; re-creating demo data is the one
    // deliberate exception, done by the owner with those triggers off inside the transaction.
    const appendOnly = (
      await orm.em
        .fork()
        .getConnection()
        .execute<{ name: string }[]>(
          `select distinct tgrelid::regclass::text as name from pg_trigger where tgname like '%\\_append\\_only'`,
        )
    ).map((row) => row.name);
    await orm.em.fork().transactional(async (tx) => {
      for (const table of appendOnly) {
        await tx.execute(`alter table ${table} disable trigger user`);
      }
      await tx.execute(`truncate ${tables.join(', ')} cascade`);
      for (const table of appendOnly) {
        await tx.execute(`alter table ${table} enable trigger user`);
      }
    });
    await ensureAdminAccount(orm.em.fork(), {
      email: settings.adminEmail,
      password: settings.adminPassword,
      bcryptCost: settings.bcryptCost,
    });
    const counts = await seedDemoData(orm.em.fork(), {
      bcryptCost: settings.bcryptCost,
      checkInEarliestMinutes: settings.checkInEarliestMinutes,
    });
    logger.info(counts, 'demo data re-created');
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exitCode = 1;
}
