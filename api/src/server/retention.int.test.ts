import type { MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { ensureJobSchema, JOB_SCHEMA, RETENTION_CLEANUP, startJobRunner } from '../modules/notifications/jobs.js';
import { createFileStorage } from '../modules/files/file-storage.js';
import { createLogger } from '../shared/logger.js';
import { pruneExpiredRows } from '../shared/retention.js';
import type { Application } from './bootstrap.js';
import { RETENTION_RULES } from './retention.js';

let database: TestDatabase;
let orm: MikroORM;
let settings: Settings;
let userId: string;
let patientId: string;
const client = () => new pg.Client({ connectionString: database.url });

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureJobSchema(database.url);
  orm = await openTestOrm(database.url);
  settings = loadSettings({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-retention-')),
    LOG_LEVEL: 'silent',
  });
  const factory = new Factory({ settings } as Application, orm);
  userId = (await factory.admin()).user.id;
  patientId = (await factory.patient()).profile.id;
});

/** `expired` rows past retention and `kept` ones still in use (or too recent to go), per table. */
async function fill(label: string, expired: number, kept: number): Promise<void> {
  const rows = (count: number, age: string) => Array.from({ length: count }, (_, i) => [`${label}-${age}-${i}`, age]);
  for (const [key, age] of [...rows(expired, '25 hours'), ...rows(kept, '23 hours')]) {
    await database.query(
      `insert into idempotency_key (caller, key, request_hash, created_at) values ($1, $2, 'h', now() - $3::interval)`,
      ['retention-test', key, age],
    );
  }
  // Expired more than a day ago goes; expired an hour ago (still in the reset throttle's window) or live stays.
  for (const [key, age] of [...rows(expired, '2 days'), ...rows(kept, '1 hour'), ...rows(1, '-10 minutes')]) {
    await database.query(
      `insert into mfa_challenge (user_id, token_hash, expires_at) values ($1, $2, now() - $3::interval)`,
      [userId, key, age],
    );
    await database.query(
      `insert into password_reset (user_id, token_hash, expires_at) values ($1, $2, now() - $3::interval)`,
      [userId, key, age],
    );
    await database.query(
      `insert into email_verification (user_id, email, token_hash, expires_at) values ($1, 'a@example.com', $2, now() - $3::interval)`,
      [userId, key, age],
    );
    await database.query(
      `insert into phone_confirmation (patient_id, phone, expires_at) values ($1, $2, now() - $3::interval)`,
      [patientId, key, age],
    );
  }
  // Rate-limit windows that ended over an hour ago go; one that ended 30 minutes ago or is running stays.
  for (const [key, age] of [...rows(expired, '2 hours'), ...rows(kept, '30 minutes'), ...rows(1, '-1 minute')]) {
    await database.query(
      `insert into rate_limit (key, points, expire)
       values ($1, 1, (extract(epoch from now() - $2::interval) * 1000)::bigint)`,
      [`cost:${key}`, age],
    );
  }
}

interface Counts {
  idempotency_key: number;
  mfa_challenge: number;
  password_reset: number;
  email_verification: number;
  phone_confirmation: number;
  rate_limit: number;
}

async function counts(label: string): Promise<Counts> {
  const [row] = await database.query<Counts>(
    `select (select count(*)::int from idempotency_key where key like $1) as idempotency_key,
            (select count(*)::int from mfa_challenge where token_hash like $1) as mfa_challenge,
            (select count(*)::int from password_reset where token_hash like $1) as password_reset,
            (select count(*)::int from email_verification where token_hash like $1) as email_verification,
            (select count(*)::int from phone_confirmation where phone like $1) as phone_confirmation,
            (select count(*)::int from rate_limit where key like 'cost:' || $1) as rate_limit`,
    [`${label}-%`],
  );
  return row!;
}

describe('the retention cleanup', () => {
  it('deletes only expired idempotency keys, MFA challenges, password resets, address links, phone codes and rate-limit windows, in batches', async () => {
    await fill('batch', 7, 2);
    const db = client();
    await db.connect();
    const statements: string[] = [];
    try {
      const deleted = await pruneExpiredRows(
        async (sql, values) => {
          statements.push(sql);
          return db.query(sql, values);
        },
        RETENTION_RULES.filter((rule) => !rule.storedFile),
        3,
      );
      expect(deleted).toEqual({
        idempotency_key: 7,
        rate_limit: 7,
        mfa_challenge: 7,
        password_reset: 7,
        email_verification: 7,
        phone_confirmation: 7,
      });
    } finally {
      await db.end();
    }
    // 7 rows in batches of 3: 3 + 3 + 1, per table.
    expect(statements).toHaveLength(18);
    expect(await counts('batch')).toEqual({
      idempotency_key: 2,
      mfa_challenge: 3,
      password_reset: 3,
      email_verification: 3,
      phone_confirmation: 3,
      rate_limit: 3,
    });
  });

  it('runs as a recurring graphile-worker job of the job runner', async () => {
    await fill('job', 4, 1);
    const runner = await startJobRunner({
      databaseUrl: database.url,
      logger: createLogger('silent'),
      settings,
      orm,
      transport: { name: 'none', send: () => Promise.resolve() },
      retention: RETENTION_RULES,
      removeStoredFile: (key) => createFileStorage(settings).remove(key),
    });
    try {
      // Scheduled by the runner's cron (one process per tick)…
      const deadline = Date.now() + 10_000;
      let known: { identifier: string }[] = [];
      while (Date.now() < deadline && known.length === 0) {
        known = await database.query(`select identifier from ${JOB_SCHEMA}._private_known_crontabs`);
        await sleep(50);
      }
      expect(known).toEqual([{ identifier: RETENTION_CLEANUP }]);
      // …and run now, as the hourly tick would.
      await database.query(`select ${JOB_SCHEMA}.add_job($1)`, [RETENTION_CLEANUP]);
      const left = {
        idempotency_key: 1,
        mfa_challenge: 2,
        password_reset: 2,
        email_verification: 2,
        phone_confirmation: 2,
        rate_limit: 2,
      };
      let now = await counts('job');
      while (Date.now() < deadline && JSON.stringify(now) !== JSON.stringify(left)) {
        await sleep(50);
        now = await counts('job');
      }
      expect(now).toEqual(left);
    } finally {
      await runner.stop();
    }
  });
});
