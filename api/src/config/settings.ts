import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Values the README documents for development; production refuses them. */
export const DEVELOPMENT_ADMIN_EMAIL = 'admin@clinic.test';
export const DEVELOPMENT_ADMIN_PASSWORD = 'admin-password-1';

/** The repository's top folder (the one whose package.json declares the workspaces). */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) {
      return dir;
    }
    if (dirname(dir) === dir) {
      return process.cwd();
    }
  }
}

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(4000),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_DIRECT_URL: postgresUrl.optional(),
  DATABASE_POOL_MODE: z
    .enum(['session', 'transaction'], { message: 'must be session or transaction' })
    .default('session'),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(10),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  SEED_DEMO: booleanFromEnv.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BCRYPT_COST: z.coerce.number().int().min(4, 'must be at least 4').max(15, 'must be at most 15').optional(),
  DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  CANCELLATION_CUTOFF_HOURS: z.coerce
    .number()
    .min(0, 'must not be negative')
    .max(168, 'must be at most 168')
    .default(2),
  CHECK_IN_EARLIEST_MINUTES: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(1440, 'must be at most 1440')
    .default(60),
  // Fractions allowed (0.05 = 3 s), so tests can watch a hold run out.
  SLOT_HOLD_MINUTES: z.coerce.number().positive('must be more than 0').max(60, 'must be at most 60').default(5),
  WAITLIST_OFFER_MINUTES: z.coerce
    .number()
    .positive('must be more than 0')
    .max(1440, 'must be at most 1440')
    .default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Healthcare Platform <no-reply@clinic.test>'),
  // Twilio's Messages API (or a gateway that speaks it), its account and token as the URL's user and password.
  SMS_URL: z
    .url({ message: 'must be a URL, e.g. https://SID:TOKEN@api.twilio.com/2010-04-01/Accounts/SID/Messages.json' })
    .optional(),
  SMS_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/,
      'must be a phone number (+…) or a sender name of up to 11 letters and digits',
    )
    .default('Clinic'),
  MFA_REQUIRED_ROLES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['PATIENT', 'DOCTOR', 'ADMIN'], { message: 'must list roles: PATIENT, DOCTOR, ADMIN' })))
    .optional(),
  PUBLIC_URL: z.url({ message: 'must be a URL, e.g. https://clinic.example.com' }).optional(),
  QUERY_COST_LIMIT: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(5_000),
  RATE_LIMIT_POINTS: z.coerce.number().int('must be a whole number').min(0, 'must not be negative').default(50_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int('must be a whole number').min(1).max(3600).default(60),
  CORS_ORIGINS: z.string().optional(),
  EVENT_RETENTION_DAYS: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .default(7),
  ACCESS_ALERT_PATIENTS_PER_HOUR: z.coerce
    .number()
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .default(150),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int('must be a whole number')
    .min(5, 'must be at least 5')
    .max(86_400, 'must be at most 86400')
    .default(15 * 60),
  MIGRATE_ON_START: booleanFromEnv.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'must be an http(s) URL of an OTLP collector' }).optional(),
  TRUST_PROXY: z.string().min(1).default('loopback, linklocal, uniquelocal'),
  METRICS_PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ message: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1')
    .max(2 ** 31 - 1, 'must be at most 2147483647')
    .default(25 * 1024 * 1024),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .positive('must be more than 0')
    .max(8760, 'must be at most 8760 (a year)')
    .default(72),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .positive('must be more than 0')
    .max(3600, 'must be at most 3600')
    .default(10),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int('must be a whole number').min(1).max(100).default(24),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int('must be a whole number').min(100).max(60_000).default(10_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int('must be a whole number').min(1).max(64).default(4),
  JOB_BATCH_SIZE: z.coerce.number().int('must be a whole number').min(1).max(500).default(10),
  JOB_BATCH_DELAY_MS: z.coerce.number().int('must be a whole number').min(-1).max(5000).default(20),
  JOB_IDLE_FETCH_DELAY_MS: z.coerce.number().int('must be a whole number').min(0).max(1000).default(100),
  S3_BUCKET: z.string().min(3, 'must be a bucket name').optional(),
  S3_ENDPOINT: z.url({ message: 'must be a URL' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
});

/** `CORS_ORIGINS`: comma-separated origins (`https://app.example.com`), each exactly scheme://host[:port]. */
function parseOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new SettingsError('CORS_ORIGINS', `"${origin}" is not an origin like https://app.example.com`);
    }
  }
  return origins;
}

/** Where attachments are kept: S3-compatible when S3_BUCKET is set, else the local disk. */
export interface S3Settings {
  readonly bucket: string;
  /** Unset: AWS itself. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** Unset: the SDK's default credential chain (environment, instance role, …). */
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly forcePathStyle: boolean;
}

/** How the job runners talk to the job table (graphile-worker's batching). */
export interface JobSettings {
  /**
   * Jobs each runner fetches and locks per query (graphile-worker's local queue) and hands to its
   * workers one by one; 1 fetches one job per query.
   */
  readonly batchSize: number;
  /**
   * How long a finished (or failed) job waits for others to be marked in the same statement;
   * -1 marks each on its own.
   */
  readonly batchDelayMs: number;
  /**
   * After a fetch found no job, the runner fetches again only after about this long (half to one
   * and a half times it), however many jobs were announced meanwhile; 0 fetches on every
   * announcement. With batches only.
   */
  readonly idleFetchDelayMs: number;
}

export interface WebhookSettings {
  /** An endpoint failing without a success for this long is disabled and its owner told. */
  readonly disableAfterHours: number;
  /** The first retry's delay; each next one doubles (capped at six hours), with jitter. */
  readonly retryBaseSeconds: number;
  /** Attempts per event and endpoint before that event is given up. */
  readonly maxAttempts: number;
  /** One attempt's deadline: connect, send, status and headers. */
  readonly timeoutMs: number;
  /**
   * Deliveries in flight at once per API process, on workers of their own (never the ones that
   * send e-mail); each endpoint gets at most one of them at a time (its own job queue).
   */
  readonly concurrency: number;
}

export interface Settings {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  /** Unset: the server starts the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** The ORM pool's connections per process (the job runner's and the listener's come on top). */
  readonly databasePoolSize: number;
  /**
   * How `databaseUrl` reaches PostgreSQL: `session`, each connection a session of its own (directly,
   * or through a session-mode pooler); `transaction`, through a transaction-mode pooler, which may
   * hand each transaction to another server connection, so nothing is prepared on the pool's connections.
   */
  readonly databasePoolMode: 'session' | 'transaction';
  /**
   * Where the connections that need a session of their own go (LISTEN, the job runner, the
   * migrations' lock): PostgreSQL itself, past a transaction-mode pooler. Unset: `databaseUrl`.
   */
  readonly databaseDirectUrl: string | undefined;
  readonly jwtSecret: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly seedDemo: boolean;
  readonly logLevel: string;
  readonly bcryptCost: number;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly shutdownGraceMs: number;
  /** A patient may cancel or reschedule up to this many hours before the start. */
  readonly cancellationCutoffHours: number;
  /** A visit can be checked in from this many minutes before its start. */
  readonly checkInEarliestMinutes: number;
  /** How long a slot stays held for the patient finishing a booking. */
  readonly slotHoldMinutes: number;
  /** How long a waitlist offer (a hold) waits for the patient's answer before the next one gets it. */
  readonly waitlistOfferMinutes: number;
  /** Unset: notifications go to the log. */
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** Unset: text messages go to the log (masked number, no text). */
  readonly smsUrl: string | undefined;
  /** The sender: a number or an alphanumeric sender name. */
  readonly smsFrom: string;
  /** Roles that must sign in with a second factor; their sign-in leads straight to enrolment. */
  readonly mfaRequiredRoles: readonly ('PATIENT' | 'DOCTOR' | 'ADMIN')[];
  /** Where people open the dashboards: the base of links in e-mails (password reset). */
  readonly publicUrl: string;
  /** The most a request may cost (each field 1, a list times its `first`). */
  readonly queryCostLimit: number;
  /** Cost points per caller per window, shared by every process; 0 turns rate limiting off. */
  readonly rateLimitPoints: number;
  readonly rateLimitWindowSeconds: number;
  /** Appointment events are kept (and can be resumed from) for this many days. */
  readonly eventRetentionDays: number;
  /**
   * An account that reads this many patients' charts within an hour, and more than three times its
   * busiest hour of the four weeks before, raises an access alert.
   */
  readonly accessAlertPatientsPerHour: number;
  /** How long an access token lives; the dashboards refresh it (and their live socket) in time. */
  readonly accessTokenTtlSeconds: number;
  /** Browser origins allowed to call the API (CORS); none unless listed. */
  readonly corsOrigins: readonly string[];
  /**
   * Apply migrations at start (development, tests). Off in production: the `migrate up` step
   * (a Kubernetes Job) migrates, and the API refuses to start on an unmigrated database.
   */
  readonly migrateOnStart: boolean;
  /** OTLP/HTTP collector base URL; unset: no tracing export. */
  readonly otlpEndpoint: string | undefined;
  /** Express `trust proxy`: the addresses (CIDRs) of the proxies whose X-Forwarded-For counts. */
  readonly trustProxy: string;
  /** Serve /metrics on this port only (kept off the public route); unset: on PORT. */
  readonly metricsPort: number | undefined;
  /** The largest attachment accepted, in bytes; enforced while the upload streams. */
  readonly attachmentMaxBytes: number;
  /** Webhook deliveries: how the endpoints are called and when one is given up on. */
  readonly webhooks: WebhookSettings;
  readonly jobs: JobSettings;
  /** Unset: attachments live on the local disk under `dataDir/attachments`. */
  readonly s3: S3Settings | undefined;
  /** The API's public origin for the signed file URLs (`PUBLIC_URL` as given); unset: paths on the API's origin. */
  readonly fileLinkOrigin: string | undefined;
}

/** A setting that cannot be used: the message names the variable, on one line. */
export class SettingsError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid setting ${variable}: ${problem}`);
    this.name = 'SettingsError';
  }
}

/**
 * Parses and validates the environment once. Throws {@link SettingsError} naming the first bad
 * variable. In development a JWT secret is generated once and kept under the data directory.
 */
export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const blankAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'invalid');
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR ?? join(REPO_ROOT, '.data'));

  if (production) {
    if (!env.JWT_SECRET) {
      throw new SettingsError('JWT_SECRET', 'required when NODE_ENV=production');
    }
    if (!env.ADMIN_EMAIL) {
      throw new SettingsError('ADMIN_EMAIL', 'required when NODE_ENV=production');
    }
    if (!env.ADMIN_PASSWORD) {
      throw new SettingsError('ADMIN_PASSWORD', 'required when NODE_ENV=production');
    }
    if (env.ADMIN_PASSWORD === DEVELOPMENT_ADMIN_PASSWORD) {
      throw new SettingsError('ADMIN_PASSWORD', 'the documented development password is refused in production');
    }
    if (/dev|change-?me|secret/i.test(env.JWT_SECRET) && env.JWT_SECRET.length < 48) {
      throw new SettingsError('JWT_SECRET', 'looks like a development value; use a long random secret in production');
    }
    if (!env.DATABASE_URL) {
      throw new SettingsError(
        'DATABASE_URL',
        'required when NODE_ENV=production (the embedded database is for development)',
      );
    }
    if (env.SMS_URL && !env.SMS_URL.startsWith('https://')) {
      throw new SettingsError('SMS_URL', 'must be https:// in production (it carries the gateway’s credentials)');
    }
  }

  if (env.DATABASE_POOL_MODE === 'transaction') {
    if (!env.DATABASE_URL) {
      throw new SettingsError(
        'DATABASE_URL',
        'required when DATABASE_POOL_MODE=transaction (the pooler in front of PostgreSQL)',
      );
    }
    if (!env.DATABASE_DIRECT_URL) {
      throw new SettingsError(
        'DATABASE_DIRECT_URL',
        'required when DATABASE_POOL_MODE=transaction: LISTEN, the job runner and the migrations need sessions of their own',
      );
    }
  }

  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new SettingsError(
      env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
    );
  }
  if (env.S3_ENDPOINT && !env.S3_BUCKET) {
    throw new SettingsError('S3_BUCKET', 'required when S3_ENDPOINT is set');
  }

  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databasePoolMode: env.DATABASE_POOL_MODE,
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    jwtSecret: env.JWT_SECRET ?? developmentJwtSecret(dataDir),
    adminEmail: (env.ADMIN_EMAIL ?? DEVELOPMENT_ADMIN_EMAIL).toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD ?? DEVELOPMENT_ADMIN_PASSWORD,
    seedDemo: env.SEED_DEMO ?? !env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    bcryptCost: env.BCRYPT_COST ?? (production ? 12 : 10),
    dataDir,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    cancellationCutoffHours: env.CANCELLATION_CUTOFF_HOURS,
    checkInEarliestMinutes: env.CHECK_IN_EARLIEST_MINUTES,
    slotHoldMinutes: env.SLOT_HOLD_MINUTES,
    waitlistOfferMinutes: env.WAITLIST_OFFER_MINUTES,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
    smsUrl: env.SMS_URL,
    smsFrom: env.SMS_FROM,
    // Production asks staff for a second factor unless told otherwise; development and tests
    // keep the demo accounts usable with a password alone.
    mfaRequiredRoles: Object.freeze(env.MFA_REQUIRED_ROLES ?? (production ? (['ADMIN', 'DOCTOR'] as const) : [])),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    queryCostLimit: env.QUERY_COST_LIMIT,
    rateLimitPoints: env.RATE_LIMIT_POINTS,
    rateLimitWindowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    eventRetentionDays: env.EVENT_RETENTION_DAYS,
    accessAlertPatientsPerHour: env.ACCESS_ALERT_PATIENTS_PER_HOUR,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    corsOrigins: Object.freeze(parseOrigins(env.CORS_ORIGINS)),
    migrateOnStart: env.MIGRATE_ON_START ?? !production,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    trustProxy: env.TRUST_PROXY,
    metricsPort: env.METRICS_PORT,
    attachmentMaxBytes: env.ATTACHMENT_MAX_BYTES,
    webhooks: Object.freeze({
      disableAfterHours: env.WEBHOOK_DISABLE_AFTER_HOURS,
      retryBaseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      concurrency: env.WEBHOOK_CONCURRENCY,
    }),
    jobs: Object.freeze({
      batchSize: env.JOB_BATCH_SIZE,
      batchDelayMs: env.JOB_BATCH_DELAY_MS,
      idleFetchDelayMs: env.JOB_IDLE_FETCH_DELAY_MS,
    }),
    s3: env.S3_BUCKET
      ? Object.freeze({
          bucket: env.S3_BUCKET,
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          forcePathStyle: env.S3_FORCE_PATH_STYLE ?? Boolean(env.S3_ENDPOINT),
        })
      : undefined,
    fileLinkOrigin: env.PUBLIC_URL?.replace(/\/+$/, ''),
  });
}

function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
