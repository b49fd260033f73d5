import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../test/database.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { deferJob } from './transaction-outbox.js';

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase();
  // The app installs graphile-worker's schema; its worker knows no task of the names used here.
  await startTestApp(database.url);
  orm = await openTestOrm(database.url);
});

describe('jobs deferred to the commit', () => {
  it('are added with every part of their spec, the queue included, only when the transaction commits', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    await orm.em.fork().transactional(async (tx) => {
      deferJob(tx, 'outbox-test-queued', { n: 1 }, { queueName: 'outbox-test', maxAttempts: 3, runAt, jobKey: 'k1' });
    });
    await expect(
      orm.em.fork().transactional(async (tx) => {
        deferJob(tx, 'outbox-test-rolled-back', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const jobs = await database.query<{
      task_identifier: string;
      queue_name: string | null;
      max_attempts: number;
      key: string | null;
      run_at: Date;
    }>(
      `select task_identifier, queue_name, max_attempts, key, run_at from graphile_worker.jobs
        where task_identifier like 'outbox-test-%'`,
    );
    expect(jobs).toEqual([
      { task_identifier: 'outbox-test-queued', queue_name: 'outbox-test', max_attempts: 3, key: 'k1', run_at: runAt },
    ]);
  });
});
