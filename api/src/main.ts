import 'reflect-metadata';
import { loadSettings, SettingsError } from './config/settings.js';
import { describeFailure } from './server/errors.js';
import { startApplication } from './server/bootstrap.js';
import { createLogger } from './shared/logger.js';

let settings;
try {
  settings = loadSettings();
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(settings.logLevel);
let application;
try {
  application = await startApplication(settings, { logger });
} catch (error) {
  logger.fatal(
    { err: describeFailure(error), message: error instanceof Error ? error.message : undefined },
    'could not start',
  );
  process.exit(1);
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    application.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: describeFailure(error) }, 'unclean shutdown');
        process.exit(1);
      },
    );
  });
}
