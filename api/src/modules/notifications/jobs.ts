import type { MikroORM } from '@mikro-orm/postgresql';
import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type LogFunctionFactory,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Settings } from '../../config/settings.js';
import type { Logger } from '../../shared/logger.js';
import { pruneExpiredRows, type RetentionRule } from '../../shared/retention.js';
import { handleSendNotification, SEND_NOTIFICATION, type DeliveryDependencies } from './notification.service.js';
import { JOB_SCHEMA } from './queue.js';
import { APPOINTMENT_REMINDER, handleAppointmentReminder } from './reminders.js';
import { SEND_PASSWORD_RESET } from '../identity/password-reset.service.js';
import { handleSendPasswordReset, type PasswordResetMailDependencies } from './password-reset-mail.js';
import { handleSendNotice, SEND_NOTICE } from './notice-mail.js';
import { createTransport, type Transport } from './transport.js';

export { JOB_SCHEMA } from './queue.js';

/** The recurring retention cleanup: expired rows of the tables its rules name, in batches. */
export const RETENTION_CLEANUP = 'retention-cleanup';
/** Hourly, at a minute few other jobs pick; one process schedules each run (graphile-worker cron). */
const RETENTION_CLEANUP_SCHEDULE = '17 * * * *';

const CONCURRENCY = 2;
/** Several processes starting at once take turns installing the job schema. */
const JOB_SCHEMA_LOCK = 7_302_027;

/**
 * graphile-worker's log lines through pino. Only its scope (worker, task, job id) and message go
 * out; its metadata (which can hold job payloads) does not.
 */
export function workerLogger(logger: Logger): WorkerLogger {
  const factory: LogFunctionFactory = (scope) => {
    const child = logger.child({
      component: 'jobs',
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
    });
    return (level, message) => {
      switch (level as string) {
        case 'error':
          child.error(message);
          break;
        case 'warning':
          child.warn(message);
          break;
        case 'info':
          child.info(message);
          break;
        default:
          child.debug(message);
      }
    };
  };
  return new WorkerLogger(factory);
}

const silentLogger = new WorkerLogger(() => () => undefined);

/** Installs or upgrades graphile-worker's own schema (`graphile_worker`); safe to run concurrently. */
export async function ensureJobSchema(databaseUrl: string, logger?: Logger): Promise<void> {
  const lock = new pg.Client({ connectionString: databaseUrl, application_name: 'healthcare-api-jobs-migrate' });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [JOB_SCHEMA_LOCK]);
    await runMigrations({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      maxPoolSize: 1,
      logger: logger ? workerLogger(logger) : silentLogger,
    });
  } finally {
    await lock.end();
  }
}

/** The task list: what each job identifier runs. */
export function jobTasks(
  deps: DeliveryDependencies | PasswordResetMailDependencies,
  retention: readonly RetentionRule[] = [],
): TaskList {
  return {
    [RETENTION_CLEANUP]: async (_payload, helpers) => {
      const deleted = await pruneExpiredRows((sql, values) => helpers.query(sql, values), retention);
      deps.logger.info({ deleted }, 'retention cleanup');
    },
    [APPOINTMENT_REMINDER]: async (payload) => {
      await handleAppointmentReminder(deps, payload);
    },
    [SEND_NOTIFICATION]: (payload) => handleSendNotification(deps, payload),
    [SEND_NOTICE]: (payload) => handleSendNotice(deps, payload, 'publicUrl' in deps ? deps.publicUrl : undefined),
    [SEND_PASSWORD_RESET]: async (payload) => {
      if (!('serverSecret' in deps)) {
        throw new Error('send-password-reset needs the server secret and public URL');
      }
      await handleSendPasswordReset(deps, payload);
    },
  };
}

export interface JobRunnerOptions {
  readonly databaseUrl: string;
  readonly logger: Logger;
  readonly settings: Pick<Settings, 'smtpUrl' | 'smtpFrom' | 'jwtSecret' | 'publicUrl'>;
  readonly orm: MikroORM;
  /** Overrides the transport chosen from the settings (tests). */
  readonly transport?: Transport;
  /** Tasks of the modules above this one (the waitlist's), beside the notification tasks. */
  readonly extraTasks?: TaskList;
  /** Install or upgrade the job schema first (default); off when `migrate up` owns that. */
  readonly installSchema?: boolean;
  /** What the hourly retention cleanup deletes; without rules it is not scheduled. */
  readonly retention?: readonly RetentionRule[];
}

export interface JobRunner {
  /** Working and listening for new jobs; false once it failed, stopped, or lost its LISTEN connection. */
  isHealthy(): boolean;
  stop(): Promise<void>;
}

/** The application_name of the job runner's connections (what an operator sees in pg_stat_activity). */
export const JOB_RUNNER_APPLICATION = 'healthcare-api-jobs';

/**
 * Starts this process's job runner (graphile-worker, two jobs at a time): installs or upgrades
 * its schema, then works the queue, woken by LISTEN/NOTIFY as jobs are committed. Leaves
 * signals to the caller; `stop` waits for running jobs, then closes the transport.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { databaseUrl, logger, orm, retention = [] } = options;
  const transport = options.transport ?? createTransport(options.settings, logger);
  if (options.installSchema ?? true) {
    await ensureJobSchema(databaseUrl, logger);
  }
  const pgPool = new pg.Pool({
    connectionString: databaseUrl,
    max: CONCURRENCY + 2,
    application_name: JOB_RUNNER_APPLICATION,
  });
  // A connection that dies (idle in the pool or checked out) is logged, never an uncaught error.
  const lost = (error: Error) => logger.warn({ code: (error as { code?: string }).code }, 'job runner connection lost');
  pgPool.on('error', lost);
  pgPool.on('connect', (client) => client.on('error', lost));
  // Listening is known from graphile-worker's events: false until its LISTEN connection is up,
  // and again while a lost one is retried with backoff.
  let listening = false;
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:listen:success', () => {
    listening = true;
  });
  events.on('pool:listen:error', () => {
    listening = false;
  });
  events.on('pool:listen:release', () => {
    listening = false;
  });
  const runner = await run({
    pgPool,
    events,
    schema: JOB_SCHEMA,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    logger: workerLogger(logger),
    taskList: {
      ...jobTasks(
        {
          orm,
          transport,
          logger,
          serverSecret: options.settings.jwtSecret,
          publicUrl: options.settings.publicUrl,
        },
        retention,
      ),
      ...options.extraTasks,
    },
    // Reminders are scheduled per appointment; the only recurring job is the retention cleanup.
    parsedCronItems: parseCronItems(
      retention.length === 0
        ? []
        : [
            {
              task: RETENTION_CLEANUP,
              identifier: RETENTION_CLEANUP,
              match: RETENTION_CLEANUP_SCHEDULE,
              // A missed hour is made up by the next one: no backfill; never two at once.
              options: { backfillPeriod: 0, maxAttempts: 3, jobKey: RETENTION_CLEANUP },
            },
          ],
    ),
  });
  let failure: Error | undefined;
  let finished = false;
  runner.promise.then(
    () => {
      finished = true;
    },
    (error: unknown) => {
      finished = true;
      failure = error as Error;
      logger.error({ error: (error as Error).message }, 'job runner stopped with an error');
    },
  );
  logger.info({ transport: transport.name, concurrency: CONCURRENCY }, 'job runner started');
  let stopped: Promise<void> | undefined;
  return {
    isHealthy: () => !finished && listening,
    stop() {
      stopped ??= (async () => {
        if (!failure) {
          await runner.stop();
        }
        await pgPool.end().catch(() => undefined);
        await transport.close?.();
        logger.info('job runner stopped');
      })();
      return stopped;
    },
  };
}
