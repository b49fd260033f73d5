import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../test/database.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { deferInsert, deferJob } from './transaction-outbox.js';

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
    // Nothing of the rolled-back transaction waits in the outbox either.
    expect(await database.query(`select id from transaction_outbox`)).toEqual([]);
  });
});

describe('conditional jobs', () => {
  it('are added only when their condition holds in the outbox statement', async () => {
    const condition = (arg: string) => ({ sql: `j.arg = 'yes'`, arg });
    await orm.em.fork().transactional(async (tx) => {
      deferJob(tx, 'outbox-test-if', { n: 1 }, {}, condition('yes'));
      deferJob(tx, 'outbox-test-if', { n: 2 }, {}, condition('no'));
      deferJob(tx, 'outbox-test-if', { n: 3 });
    });
    const jobs = await database.query<{ n: number }>(
      `select (p.payload->>'n')::int as n from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where j.task_identifier = 'outbox-test-if' order by 1`,
    );
    expect(jobs).toEqual([{ n: 1 }, { n: 3 }]);
  });
});

describe('rows deferred to the commit', () => {
  it('are written by the outbox statement with every column, and not at all when the transaction rolls back', async () => {
    const row = (entityId: string) => ({
      at: new Date('2026-01-02T03:04:05.678Z'),
      action: 'OUTBOX_TEST',
      entityType: 'Test',
      entityId,
      emergency: true,
      reason: 'a reason',
    });
    const kept = crypto.randomUUID();
    const dropped = crypto.randomUUID();
    await orm.em.fork().transactional(async (tx) => {
      const made = tx.create(AuditEvent, row(kept));
      deferInsert(tx, [made]);
      // Not in the database before the commit, and not flushed by the unit of work.
      await tx.flush();
      const [before] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as n from audit_entry where entity_id = ?`,
        [kept],
      );
      expect(before?.n).toBe(0);
    });
    await expect(
      orm.em.fork().transactional(async (tx) => {
        deferInsert(tx, [tx.create(AuditEvent, row(dropped), { persist: false })]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const rows = await database.query<Record<string, unknown>>(
      `select at, action, entity_type, entity_id, emergency, reason from audit_entry where action = 'OUTBOX_TEST'`,
    );
    expect(rows).toEqual([
      {
        at: new Date('2026-01-02T03:04:05.678Z'),
        action: 'OUTBOX_TEST',
        entity_type: 'Test',
        entity_id: kept,
        emergency: true,
        reason: 'a reason',
      },
    ]);
  });
});
