import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Settings } from '../config/settings.js';
import { openDatabase } from '../database/database.js';
import { migrate } from '../database/migrate.js';
import { assertMigrated } from '../database/schema-version.js';
import type { OrmConfigOptions } from '../database/orm-config.js';
import { ensureAdminAccount } from '../modules/identity/admin-account.js';
import { SessionCache, useSessionCache } from '../modules/identity/session-cache.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { PgBus } from '../shared/pg-bus.js';
import { startOutboxSweep } from '../shared/transaction-outbox.js';
import { startJobRunner } from '../modules/notifications/jobs.js';
import { FhirExportTask } from '../modules/fhir/fhir-export.service.js';
import { createFileStorage } from '../modules/files/file-storage.js';
import { webhookTasks } from '../modules/webhooks/webhook-delivery.js';
import { waitlistTasks } from '../modules/waitlist/waitlist-jobs.js';
import { billingTasks } from '../modules/billing/billing-jobs.js';
import { privacyTasks } from '../modules/privacy/erasure-jobs.js';
import { ACCESS_ALERT_SCAN, ACCESS_ALERT_SCHEDULE, accessAlertTasks } from '../modules/privacy/access-alert-jobs.js';
import { retentionRules } from './retention.js';
import { AppointmentEventHub } from '../modules/appointments/appointment-events.js';
import { MessageHub } from '../modules/messages/message-events.js';
import { NotificationHub } from '../modules/notifications/notification-events.js';
import { BedEventHub } from '../modules/organisation/bed-events.js';
import { contextOf, type ContextDependencies } from './context.js';
import { createHttpServer } from './http.js';
import { ApiMetrics, serveMetrics } from './metrics.js';
import { buildAppSchema } from './schema.js';

export interface Application {
  readonly port: number;
  readonly url: string;
  readonly orm: MikroORM;
  readonly logger: Logger;
  readonly settings: Settings;
  /** What every request's context is made from (tests build contexts with it). */
  readonly dependencies: ContextDependencies;
  /** This process's Prometheus registry and instruments. */
  readonly metrics: ApiMetrics;
  /** Where /metrics is served when METRICS_PORT sets a port of its own. */
  readonly metricsPort: number | undefined;
  /** What this start did to the database; a second start on the same database does nothing. */
  readonly startup: {
    readonly migrationsApplied: string[];
    readonly adminCreated: boolean;
    readonly demoSeeded: boolean;
  };
  stop(): Promise<void>;
}

/**
 * settings → database (embedded when no DATABASE_URL) → migrations → admin → demo data →
 * schema → HTTP + WebSocket. Used by `main.ts` and by the tests.
 */
export async function startApplication(
  settings: Settings,
  options: { logger?: Logger; orm?: OrmConfigOptions } = {},
): Promise<Application> {
  const logger = options.logger ?? createLogger(settings.logLevel);
  const database = await openDatabase(settings, logger, options.orm);
  // What has started so far, stopped in reverse order if a later step fails.
  const started: { stop(): Promise<void> }[] = [{ stop: () => database.close() }];
  try {
    const { orm } = database;
    let migrationsApplied: string[] = [];
    if (settings.migrateOnStart) {
      migrationsApplied = await migrate(orm, database.directUrl);
    } else {
      await assertMigrated(database.url); // a runtime role without DDL rights cannot migrate anyway
    }
    if (migrationsApplied.length > 0) {
      logger.info({ migrations: migrationsApplied }, 'applied migrations');
    }
    const adminCreated = await ensureAdminAccount(orm.em.fork(), {
      email: settings.adminEmail,
      password: settings.adminPassword,
      bcryptCost: settings.bcryptCost,
    });
    if (adminCreated) {
      logger.info('created the first admin account');
    }
    // The job queue's schema exists before anything (the demo data included) enqueues reminders.
    const exportTask = new FhirExportTask();
    const storage = createFileStorage(settings);
    const jobs = await startJobRunner({
      // graphile-worker LISTENs and takes session locks: past any transaction-mode pooler.
      databaseUrl: database.directUrl,
      logger,
      settings,
      orm,
      tasks: {
        ...exportTask.tasks,
        ...waitlistTasks({ orm, settings }),
        ...billingTasks({ orm }),
        ...privacyTasks({ orm }),
        ...accessAlertTasks({ orm, patientsPerHour: settings.accessAlertPatientsPerHour }),
      },
      recurring: [{ task: ACCESS_ALERT_SCAN, match: ACCESS_ALERT_SCHEDULE }],
      // Webhook calls wait on other people's servers: their own workers, so e-mails never queue behind them.
      lanes: [
        {
          name: 'webhooks',
          tasks: webhookTasks({ orm, logger, settings }),
          concurrency: settings.webhooks.concurrency,
        },
      ],
      installSchema: settings.migrateOnStart,
      retention: retentionRules(settings),
      removeStoredFile: (key) => storage.remove(key),
    });
    started.push(jobs);
    // Jobs and notices committed by changes reach graphile-worker and LISTEN through the outbox.
    const outbox = startOutboxSweep(orm.em, (error) =>
      logger.error(
        { type: (error as Error).name, code: (error as { code?: string }).code },
        'could not drain the outbox',
      ),
    );
    started.push(outbox);
    let demoSeeded = false;
    // The demo data (and faker, a development dependency) load only when they are wanted.
    const demo = settings.seedDemo ? await import('../database/seed/demo-seed.js') : undefined;
    if (demo && (await demo.isDatabaseEmpty(orm.em.fork()))) {
      const counts = await demo.seedDemoData(orm.em.fork(), {
        bcryptCost: settings.bcryptCost,
        checkInEarliestMinutes: settings.checkInEarliestMinutes,
      });
      logger.info(counts, 'filled the empty database with demo data');
      demoSeeded = true;
    }

    const bus = new PgBus(database.directUrl, logger);
    started.push(bus);
    await bus.start();
    // Session checks answered from memory while the database's change notifications flow.
    const sessions = new SessionCache(bus);
    await sessions.start();
    useSessionCache(orm.em, sessions);
    const events = new AppointmentEventHub(orm, logger);
    await events.start(bus);
    const messages = new MessageHub(orm, logger);
    await messages.start(bus);
    const notifications = new NotificationHub(orm, logger);
    await notifications.start(bus);
    const bedEvents = new BedEventHub(logger);
    await bedEvents.start(bus);
    const contextDependencies = { em: orm.em, logger, settings, events, messages, notifications, bedEvents };
    exportTask.attach({
      em: orm.em,
      logger,
      storage,
      contextFor: (actor, requestId) =>
        Promise.resolve(contextOf(contextDependencies, { requestId, clientAddress: undefined }, actor)),
    });
    const schema = await buildAppSchema();
    const metrics = new ApiMetrics({ orm, liveSubscribers: () => events.size });
    events.onDelivered = (lag) => metrics.eventDeliveryLag.observe(lag);
    const readiness = () => ({ eventListener: bus.isListening, jobRunner: jobs.isHealthy() });
    const http = await createHttpServer({
      schema,
      orm,
      logger,
      settings,
      bus,
      events,
      messages,
      notifications,
      bedEvents,
      metrics,
      storage,
      readiness,
    });
    const port = await http.listen(settings.port);
    const metricsServer =
      settings.metricsPort === undefined ? undefined : await serveMetrics(metrics, settings.metricsPort);
    if (metricsServer) {
      started.push(metricsServer);
    }
    logger.info(
      { port, embeddedDatabase: database.embedded, node: process.version },
      `serving http://localhost:${port}/graphql`,
    );

    let stopped: Promise<void> | undefined;
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      orm,
      logger,
      settings,
      dependencies: contextDependencies,
      metrics,
      metricsPort: metricsServer?.port,
      startup: { migrationsApplied, adminCreated, demoSeeded },
      stop() {
        stopped ??= (async () => {
          await http.stop();
          await metricsServer?.stop();
          await outbox.stop();
          await jobs.stop();
          events.stop();
          await bus.stop();
          await database.close();
          logger.info('stopped');
        })();
        return stopped;
      },
    };
  } catch (error) {
    for (const part of started.reverse()) {
      await part.stop().catch(() => undefined);
    }
    throw error;
  }
}
