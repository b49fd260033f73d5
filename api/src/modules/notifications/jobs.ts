import type { MikroORM } from '@mikro-orm/postgresql';
import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type LogFunctionFactory,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { JobSettings, Settings } from '../../config/settings.js';
import type { Logger } from '../../shared/logger.js';
import { pruneExpiredRows, type RetentionRule } from '../../shared/retention.js';
import {
  handleSendNotification,
  handleSendNotifications,
  SEND_NOTIFICATION,
  SEND_NOTIFICATIONS,
  type DeliveryDependencies,
} from './notification.service.js';
import { JOB_SCHEMA } from './queue.js';
import { APPOINTMENT_REMINDER, handleAppointmentReminder } from './reminders.js';
import { SEND_PASSWORD_CHANGED } from '../identity/password-change.service.js';
import { SEND_PASSWORD_RESET } from '../identity/password-reset.service.js';
import {
  handleSendPasswordChanged,
  handleSendPasswordReset,
  type PasswordResetMailDependencies,
} from './password-reset-mail.js';
import { SEND_EMAIL_CHANGED, SEND_EMAIL_VERIFICATION } from '../identity/email-verification.service.js';
import { handleSendEmailChanged, handleSendEmailVerification } from './email-verification-mail.js';
import { handleSendNotice, SEND_NOTICE } from './notice-mail.js';
import { ERASE_INBOX, handleEraseInbox } from './inbox-erasure.js';
import { createTransport, type Transport } from './transport.js';
import { createSmsSender, type SmsSender } from './sms.js';
import { SEND_PHONE_CODE } from '../patients/phone-confirmation.service.js';
import {
  handleSendChangeText,
  handleSendPhoneCode,
  handleSendReminderText,
  SEND_CHANGE_SMS,
  SEND_REMINDER_SMS,
  type TextMessageDependencies,
} from './text-messages.js';

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

/**
 * An index of the due jobs by time, beside graphile-worker's own. Its job fetch asks for available
 * jobs with `run_at <= now()` in `priority, run_at` order, which its own index (`priority, run_at`,
 * available jobs only) serves by reading every available job in that order until it has enough: all
 * of them whenever fewer are due than it asks for (its batch), which is most fetches. Every active
 * appointment waits there with its two reminders, so a clinic's queue holds tens of thousands of
 * jobs due days ahead: with 89,496 of them (the bench's clinic at a fifth of its size) a fetch read
 * 650–770 buffers in 5–7.8 ms. This index reads only the due ones (their few rows then sorted):
 * 14–17 buffers in 0.12–0.18 ms. PostgreSQL picks whichever is cheaper for the jobs due (a backlog
 * of due jobs still goes by graphile-worker's). Built without CONCURRENTLY, so its first build
 * holds up adding jobs for as long as it takes (about a second for half a million jobs).
 */
const DUE_JOBS_INDEX = `create index if not exists jobs_due_index on ${JOB_SCHEMA}._private_jobs (run_at)
  include (priority, id, task_id, job_queue_id) where is_available`;

/**
 * Installs or upgrades graphile-worker's own schema (`graphile_worker`), and the product's index
 * of due jobs in it; safe to run concurrently.
 */
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
    await lock.query(DUE_JOBS_INDEX);
  } finally {
    await lock.end();
  }
}

/** The dependencies of e-mails that carry a link with a derived token (password reset, address confirmation). */
function withLinks(deps: DeliveryDependencies | PasswordResetMailDependencies): PasswordResetMailDependencies {
  if (!('serverSecret' in deps)) {
    throw new Error('e-mails with links need the server secret and public URL');
  }
  return deps;
}

/** The dependencies of text messages: the sender, and the server secret codes derive from. */
function withTexts(deps: DeliveryDependencies | PasswordResetMailDependencies): TextMessageDependencies {
  if (!('sms' in deps) || !('serverSecret' in deps)) {
    throw new Error('text messages need the SMS sender and the server secret');
  }
  return deps as TextMessageDependencies;
}

/** The task list: what each job identifier runs. */
export function jobTasks(
  deps: DeliveryDependencies | PasswordResetMailDependencies | TextMessageDependencies,
  retention: readonly RetentionRule[] = [],
  removeStoredFile?: (key: string) => Promise<void>,
): TaskList {
  return {
    [RETENTION_CLEANUP]: async (_payload, helpers) => {
      const deleted = await pruneExpiredRows(
        (sql, values) => helpers.query(sql, values),
        retention,
        undefined,
        removeStoredFile && {
          remove: removeStoredFile,
          transaction: (work) =>
            helpers.withPgClient(async (client) => {
              await client.query('begin');
              try {
                const result = await work((sql, values) => client.query(sql, values));
                await client.query('commit');
                return result;
              } catch (error) {
                await client.query('rollback');
                throw error;
              }
            }),
        },
      );
      deps.logger.info({ deleted }, 'retention cleanup');
    },
    [APPOINTMENT_REMINDER]: async (payload) => {
      await handleAppointmentReminder(deps, payload);
    },
    [SEND_NOTIFICATION]: (payload) => handleSendNotification(deps, payload),
    [SEND_NOTIFICATIONS]: (payload) => handleSendNotifications(deps, payload),
    [SEND_NOTICE]: (payload) => handleSendNotice(deps, payload, 'publicUrl' in deps ? deps.publicUrl : undefined),
    [ERASE_INBOX]: (payload) => handleEraseInbox(deps, payload),
    [SEND_PASSWORD_RESET]: (payload) => handleSendPasswordReset(withLinks(deps), payload),
    [SEND_EMAIL_VERIFICATION]: (payload) => handleSendEmailVerification(withLinks(deps), payload),
    [SEND_EMAIL_CHANGED]: (payload) => handleSendEmailChanged(withLinks(deps), payload),
    [SEND_PASSWORD_CHANGED]: (payload) => handleSendPasswordChanged(withLinks(deps), payload),
    [SEND_PHONE_CODE]: (payload) => handleSendPhoneCode(withTexts(deps), payload),
    [SEND_REMINDER_SMS]: (payload) => handleSendReminderText(withTexts(deps), payload),
    [SEND_CHANGE_SMS]: (payload) => handleSendChangeText(withTexts(deps), payload),
  };
}

export interface JobRunnerOptions {
  readonly databaseUrl: string;
  readonly logger: Logger;
  readonly settings: Pick<
    Settings,
    'env' | 'smtpUrl' | 'smtpFrom' | 'smsUrl' | 'smsFrom' | 'jwtSecret' | 'publicUrl'
  > & {
    /** Batching of job fetches and completions; unset: graphile-worker's defaults (one at a time). */
    readonly jobs?: JobSettings;
  };
  readonly orm: MikroORM;
  /** Overrides the transport chosen from the settings (tests). */
  readonly transport?: Transport;
  /** Overrides the text-message sender chosen from the settings (tests). */
  readonly sms?: SmsSender;
  /** Tasks of the modules above this one (the FHIR bulk export, the waitlist), added by the composition root. */
  readonly tasks?: TaskList;
  /**
   * Work that must never hold up the main workers (password-reset and offer e-mails): each lane
   * runs its tasks on workers of its own (its own graphile-worker runner and pool), so a slow or
   * dead webhook receiver cannot delay an e-mail.
   */
  readonly lanes?: readonly JobLane[];
  /** Install or upgrade the job schema first (default); off when `migrate up` owns that. */
  readonly installSchema?: boolean;
  /** What the hourly retention cleanup deletes; without rules it is not scheduled. */
  readonly retention?: readonly RetentionRule[];
  /**
   * Other recurring tasks (of `tasks`), each run at its `match` (a crontab time) by one process: a
   * missed run is made up by the next, never two at once.
   */
  readonly recurring?: readonly { readonly task: string; readonly match: string }[];
  /** Removes stored bytes by key (the file store), for retention rules with stored files. */
  readonly removeStoredFile?: (key: string) => Promise<void>;
}

/** Tasks worked by their own workers, apart from the main ones. */
export interface JobLane {
  /** Names its workers in logs and in pg_stat_activity (`healthcare-api-jobs-<name>`). */
  readonly name: string;
  readonly tasks: TaskList;
  /** How many of its jobs run at once. */
  readonly concurrency: number;
}

export interface JobRunner {
  /** Working and listening for new jobs; false once it failed, stopped, or lost its LISTEN connection. */
  isHealthy(): boolean;
  stop(): Promise<void>;
}

/** The application_name of the job runner's connections (what an operator sees in pg_stat_activity). */
export const JOB_RUNNER_APPLICATION = 'healthcare-api-jobs';

/**
 * graphile-worker's batching (see the README's settings): the runner fetches and locks up to
 * `batchSize` due jobs per query and hands them to its workers one by one (its local queue; a
 * named queue still gives one job at a time, in order: the query keeps one job per queue), and
 * marks finished and failed jobs together after `batchDelayMs`. On stop, jobs fetched but not
 * started are returned to the table and pending completions are written before the pool closes.
 * A fetch that found nothing is not repeated for about `idleFetchDelayMs`: every commit that adds
 * jobs wakes every runner of every process (a lane's included, for jobs it never takes, and
 * reminders due tomorrow count too), and under load most of those fetches find nothing while
 * each costs the database as much as a booking's insert. Jobs announced meanwhile wait at most
 * that long (1.5 times it); a runner that found jobs fetches again at once.
 */
export function batchingPreset(batching: JobSettings | undefined): GraphileConfig.WorkerOptions {
  if (!batching) {
    return {};
  }
  return {
    ...(batching.batchSize > 1
      ? {
          localQueue: {
            size: batching.batchSize,
            ...(batching.idleFetchDelayMs > 0
              ? {
                  refetchDelay: {
                    durationMs: batching.idleFetchDelayMs,
                    threshold: 0,
                    // Never cut short by announcements: their counts include jobs due later.
                    maxAbortThreshold: Infinity,
                  },
                }
              : {}),
          },
        }
      : {}),
    completeJobBatchDelay: batching.batchDelayMs,
    failJobBatchDelay: batching.batchDelayMs,
  };
}

/** One graphile-worker runner on its own pool: working, listening, and stopped on request. */
interface WorkerPool {
  isHealthy(): boolean;
  stop(): Promise<void>;
}

async function startWorkerPool(options: {
  readonly databaseUrl: string;
  readonly logger: Logger;
  readonly applicationName: string;
  readonly concurrency: number;
  readonly taskList: TaskList;
  readonly cron?: ReturnType<typeof parseCronItems>;
  readonly batching: JobSettings | undefined;
}): Promise<WorkerPool> {
  const { logger, concurrency, batching } = options;
  const pgPool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: concurrency + 2,
    application_name: options.applicationName,
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
  // graphile-worker's pools, by id: the jobs a pool fetched are locked in its name.
  const poolIds = new Set<string>();
  events.on('pool:create', ({ workerPool }) => {
    poolIds.add(workerPool.id);
  });
  const start = () =>
    run({
      pgPool,
      events,
      schema: JOB_SCHEMA,
      concurrency,
      noHandleSignals: true,
      logger: workerLogger(logger),
      taskList: options.taskList,
      parsedCronItems: options.cron ?? [],
      preset: { worker: batchingPreset(batching) },
    });
  let runner: Runner;
  try {
    runner = await start();
  } catch (error) {
    await pgPool.end().catch(() => undefined);
    throw error;
  }
  let stopping = false;
  let reviving: Promise<void> | undefined;
  // Cuts a pause before a new start short when the process stops.
  const halt = new AbortController();
  /**
   * A runner that stops by itself (graphile-worker shuts its pool down when it cannot record jobs
   * as completed, "queue is in an inconsistent state") is started again, after a pause that grows
   * while starts keep failing: a process whose jobs stopped would otherwise stay up, unready and
   * never restarted, its queue untouched. The jobs the stopped pool had fetched stay locked in its
   * name (graphile-worker frees them only after four hours): freed first, they run again, at least
   * once as after a crash (a webhook may arrive twice; its id lets the receiver tell).
   */
  const revive = async (error: unknown) => {
    logger.error({ error: (error as Error).message }, 'job runner stopped with an error; starting it again');
    for (let attempt = 0; !stopping; attempt += 1) {
      await sleep(Math.min(RESTART_BASE_MS * 2 ** attempt, RESTART_MAX_MS), undefined, { signal: halt.signal }).catch(
        () => undefined,
      );
      if (stopping) {
        return;
      }
      try {
        await pgPool.query(`select ${JOB_SCHEMA}.force_unlock_workers($1::text[])`, [[...poolIds]]);
        runner = await start();
        watch(runner);
        logger.info({ attempt: attempt + 1 }, 'job runner started again');
        return;
      } catch (failure) {
        logger.error({ error: (failure as Error).message }, 'job runner could not be started again');
      }
    }
  };
  // Settled without being asked to stop, with an error or without (a shutdown it decided on).
  const watch = (current: Runner) => {
    const ended = (error: unknown) => {
      if (!stopping && current === runner) {
        reviving = revive(error ?? new Error('stopped by itself')).finally(() => {
          reviving = undefined;
        });
      }
    };
    current.promise.then(() => ended(undefined), ended);
  };
  watch(runner);
  return {
    isHealthy: () => !stopping && reviving === undefined && listening,
    async stop() {
      stopping = true;
      halt.abort();
      await reviving;
      await runner.stop().catch(() => undefined); // a runner that already stopped by itself
      await pgPool.end().catch(() => undefined);
    },
  };
}

/** The first pause before starting a runner that stopped by itself again, doubled per failed start. */
const RESTART_BASE_MS = 1_000;
const RESTART_MAX_MS = 30_000;

/**
 * Starts this process's job runner (graphile-worker, two jobs at a time, plus each lane's own
 * workers): installs or upgrades its schema, then works the queue, woken by LISTEN/NOTIFY as jobs
 * are committed. A worker takes only jobs of the tasks it was given, so a lane's jobs never reach
 * the main workers and the other way round. Leaves signals to the caller; `stop` waits for
 * running jobs, then closes the transport.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { databaseUrl, logger, orm, retention = [], lanes = [] } = options;
  if (retention.some((rule) => rule.storedFile) && !options.removeStoredFile) {
    throw new Error('Retention rules with stored files need removeStoredFile (the file store).');
  }
  const transport = options.transport ?? createTransport(options.settings, logger);
  const sms = options.sms ?? createSmsSender(options.settings, logger);
  if (options.installSchema ?? true) {
    await ensureJobSchema(databaseUrl, logger);
  }
  const pools: WorkerPool[] = [];
  const stopPools = () => Promise.all(pools.map((pool) => pool.stop()));
  try {
    pools.push(
      await startWorkerPool({
        databaseUrl,
        logger,
        applicationName: JOB_RUNNER_APPLICATION,
        concurrency: CONCURRENCY,
        taskList: {
          ...jobTasks(
            {
              orm,
              transport,
              sms,
              logger,
              serverSecret: options.settings.jwtSecret,
              publicUrl: options.settings.publicUrl,
            },
            retention,
            options.removeStoredFile,
          ),
          ...options.tasks,
        },
        batching: options.settings.jobs,
        // Reminders are scheduled per appointment; the recurring jobs are the retention cleanup and `recurring`.
        cron: parseCronItems(
          [
            ...(retention.length === 0 ? [] : [{ task: RETENTION_CLEANUP, match: RETENTION_CLEANUP_SCHEDULE }]),
            ...(options.recurring ?? []),
          ].map(({ task, match }) => ({
            task,
            identifier: task,
            match,
            // A missed run is made up by the next one: no backfill; never two at once.
            options: { backfillPeriod: 0, maxAttempts: 3, jobKey: task },
          })),
        ),
      }),
    );
    for (const lane of lanes) {
      pools.push(
        await startWorkerPool({
          databaseUrl,
          logger: logger.child({ lane: lane.name }),
          applicationName: `${JOB_RUNNER_APPLICATION}-${lane.name}`,
          concurrency: lane.concurrency,
          taskList: lane.tasks,
          batching: options.settings.jobs,
        }),
      );
    }
  } catch (error) {
    await stopPools();
    await transport.close?.();
    throw error;
  }
  logger.info(
    {
      transport: transport.name,
      sms: sms.name,
      concurrency: CONCURRENCY,
      lanes: Object.fromEntries(lanes.map((lane) => [lane.name, lane.concurrency])),
    },
    'job runner started',
  );
  let stopped: Promise<void> | undefined;
  return {
    isHealthy: () => pools.every((pool) => pool.isHealthy()),
    stop() {
      stopped ??= (async () => {
        await stopPools();
        await transport.close?.();
        logger.info('job runner stopped');
      })();
      return stopped;
    },
  };
}
