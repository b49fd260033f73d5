import 'reflect-metadata';
import { loadSettings, SettingsError } from './config/settings.js';

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

// Tracing first: the application's modules (express, graphql, pg) are imported after it. The
// OpenTelemetry SDK and its instrumentations (about 7 MB of heap, and their code) are imported
// only when a collector is named: without one the process never loads them.
const tracing = settings.otlpEndpoint
  ? (await import('./server/tracing.js')).startTracing({
      endpoint: settings.otlpEndpoint,
      serviceVersion: process.env['npm_package_version'],
    })
  : undefined;
const { describeFailure } = await import('./server/errors.js');
const { startApplication } = await import('./server/bootstrap.js');
const { createLogger } = await import('./shared/logger.js');

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
    application
      .stop()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: describeFailure(error) }, 'unclean shutdown');
          process.exit(1);
        },
      );
  });
}
