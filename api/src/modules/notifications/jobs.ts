import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger as WorkerLogger, run, runMigrations, type LogFunctionFactory, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Settings } from '../../config/settings.js';
import type { Logger } from '../../shared/logger.js';
import { handleSendNotification, SEND_NOTIFICATION, type DeliveryDependencies } from './notification.service.js';
import { JOB_SCHEMA } from './queue.js';
import { APPOINTMENT_REMINDER, handleAppointmentReminder } from './reminders.js';
import { SEND_PASSWORD_RESET } from '../identity/password-reset.service.js';
import { handleSendPasswordReset, type PasswordResetMailDependencies } from './password-reset-mail.js';
import { handleSendNotice, SEND_NOTICE } from './notice-mail.js';
import { createTransport, type Transport } from './transport.js';

export { JOB_SCHEMA } from './queue.js';

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
export function jobTasks(deps: DeliveryDependencies | PasswordResetMailDependencies): TaskList {
  return {
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
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Starts this process's job runner (graphile-worker, two jobs at a time): installs or upgrades
 * its schema, then works the queue, woken by LISTEN/NOTIFY as jobs are committed. Leaves
 * signals to the caller; `stop` waits for running jobs, then closes the transport.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { databaseUrl, logger, orm } = options;
  const transport = options.transport ?? createTransport(options.settings, logger);
  await ensureJobSchema(databaseUrl, logger);
  const runner = await run({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    concurrency: CONCURRENCY,
    maxPoolSize: CONCURRENCY + 2,
    noHandleSignals: true,
    logger: workerLogger(logger),
    taskList: jobTasks({
      orm,
      transport,
      logger,
      serverSecret: options.settings.jwtSecret,
      publicUrl: options.settings.publicUrl,
    }),
    parsedCronItems: [], // no cron jobs: reminders are scheduled per appointment
  });
  let failure: Error | undefined;
  runner.promise.catch((error: unknown) => {
    failure = error as Error;
    logger.error({ error: (error as Error).message }, 'job runner stopped with an error');
  });
  logger.info({ transport: transport.name, concurrency: CONCURRENCY }, 'job runner started');
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        if (!failure) {
          await runner.stop();
        }
        await transport.close?.();
        logger.info('job runner stopped');
      })();
      return stopped;
    },
  };
}
