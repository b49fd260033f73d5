import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadSettings } from '../src/config/settings.js';
import type { OrmConfigOptions } from '../src/database/orm-config.js';
import { startApplication, type Application } from '../src/server/bootstrap.js';
import { createLogger, type Logger } from '../src/shared/logger.js';

/** Starts the whole server on a random port against `databaseUrl`; stopped after the file. */
export async function startTestApp(
  databaseUrl: string,
  environment: Record<string, string> = {},
  orm: OrmConfigOptions = {},
  logger?: Logger,
): Promise<Application> {
  const settings = loadSettings({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-app-')),
    SEED_DEMO: 'false',
    BCRYPT_COST: '4',
    // One secret for every process of a test, as in a real deployment.
    JWT_SECRET: 'test-secret-shared-by-every-process-of-a-test',
    LOG_LEVEL: 'silent',
    SHUTDOWN_GRACE_MS: '2000',
    ...environment,
  });
  const app = await startApplication(settings, { logger: logger ?? createLogger(settings.logLevel), orm });
  afterAll(() => app.stop());
  return app;
}
