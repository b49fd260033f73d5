import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../test/database.js';
import { planNodes, type PlanNode } from '../../test/plans.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { observeRoundTrips } from './round-trips.js';
import { deferBatchedJob, deferInsert, deferJob, DRAIN, outboxDrainer } from './transaction-outbox.js';

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

describe('keyed operations of several transactions', () => {
  it('leave, per job key, only the last one drained together: an add replaces, a removal drops', async () => {
    const add = (key: string, n: number) => ({
      kind: 'job',
      body: {
        identifier: 'outbox-test-keyed',
        payload: { n },
        run_at: null,
        max_attempts: 3,
        job_key: key,
        queue_name: null,
      },
    });
    const remove = (key: string) => ({ kind: 'remove', body: { job_key: key } });
    // A job of key D waits already; the entries below come from several committed transactions.
    await orm.em.fork().transactional(async (tx) => {
      deferJob(tx, 'outbox-test-keyed', { n: 0 }, { jobKey: 'keyed-d' });
    });
    const entries = [
      add('keyed-a', 1),
      add('keyed-b', 1),
      { kind: 'notice', body: { channel: 'outbox_test', payload: '{}' } },
      add('keyed-a', 2),
      remove('keyed-b'),
      add('keyed-c', 1),
      remove('keyed-d'),
      add('keyed-d', 3),
      add('keyed-e', 1),
      remove('keyed-e'),
    ];
    await database.query(
      `insert into transaction_outbox (kind, body)
        select e.value->>'kind', e.value->'body' from jsonb_array_elements($1::jsonb) with ordinality as e(value, n) order by e.n`,
      [JSON.stringify(entries)],
    );
    await outboxDrainer(orm.em).drain();
    const jobs = await database.query<{ key: string; payload: object }>(
      `select j.key, p.payload from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where j.task_identifier = 'outbox-test-keyed' order by j.key`,
    );
    expect(jobs).toEqual([
      { key: 'keyed-a', payload: { n: 2 } },
      { key: 'keyed-c', payload: { n: 1 } },
      { key: 'keyed-d', payload: { n: 3 } },
    ]);
    expect(await database.query(`select id from transaction_outbox`)).toEqual([]);
  });
});

describe('batch jobs of several transactions', () => {
  it('are joined by the drain into one job per task and spec, their items in entry order; other jobs stay apart', async () => {
    // Entries as committed transactions leave them (deferBatchedJob marks its job a batch), all
    // drained together: written in one statement, so whichever drain (this process's or the
    // app's sweep) takes them, it takes them all.
    const job = (payload: object[], options: { batch?: boolean; maxAttempts?: number } = {}) => ({
      kind: 'job',
      body: {
        identifier: 'outbox-test-batch',
        payload,
        run_at: null,
        max_attempts: options.maxAttempts ?? 3,
        job_key: null,
        queue_name: null,
        ...(options.batch === false ? {} : { batch: true }),
      },
    });
    const entries = [
      job([{ n: 1 }]),
      job([{ n: 2 }, { n: 3 }]),
      job([{ n: 4 }], { maxAttempts: 5 }),
      job([{ n: 5 }], { batch: false }),
      job([{ n: 6 }]),
    ];
    await database.query(
      `insert into transaction_outbox (kind, body)
        select e.value->>'kind', e.value->'body' from jsonb_array_elements($1::jsonb) with ordinality as e(value, n) order by e.n`,
      [JSON.stringify(entries)],
    );
    await outboxDrainer(orm.em).drain();
    const jobs = await database.query<{ payload: object[]; max_attempts: number }>(
      `select p.payload, j.max_attempts from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where j.task_identifier = 'outbox-test-batch' order by (p.payload->0->>'n')::int`,
    );
    expect(jobs).toEqual([
      { payload: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 6 }], max_attempts: 3 },
      { payload: [{ n: 4 }], max_attempts: 5 },
      { payload: [{ n: 5 }], max_attempts: 3 },
    ]);
  });

  it('are marked as batches in the outbox by deferBatchedJob, and only they', async () => {
    // The outbox statement's values carry the entries (sent with the COMMIT: the message's
    // EXECUTE of the prepared statement has them).
    const sent: string[] = [];
    observeRoundTrips((text) => sent.push(text));
    try {
      await orm.em.fork().transactional(async (tx) => {
        deferBatchedJob(tx, 'outbox-test-marked', { n: 1 });
        deferJob(tx, 'outbox-test-unmarked', [{ n: 2 }]);
      });
    } finally {
      observeRoundTrips(undefined);
    }
    const outbox = sent.find((text) => /\bexecute "sql-\w+"\(.*outbox-test-marked.*;\nCOMMIT;$/s.test(text));
    expect(outbox).toMatch(/"identifier":"outbox-test-marked","payload":\[\{"n":1\}\],[^}]*"batch":true\}/);
    expect(outbox).toMatch(/"identifier":"outbox-test-unmarked","payload":\[\{"n":2\}\],[^}]*"queue_name":null\}/);
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

describe('the drain', () => {
  it('deletes the entries it locked by their ids: it never scans the whole outbox, however many dead rows it holds', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // An outbox that churned (entries added and drained, no vacuum yet): its heap holds the dead
      // rows, which a scan of the whole table reads on every drain.
      await client.query('begin');
      const notices = (count: number) =>
        client.query(
          `insert into transaction_outbox (kind, body) select 'notice', json_build_object('channel', 'nobody', 'payload', n::text) from generate_series(1, ${count}) n`,
        );
      await notices(5_000);
      await client.query(`delete from transaction_outbox where body->>'channel' = 'nobody'`);
      await notices(15);
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${DRAIN}`);
      const scans = planNodes(rows[0]!['QUERY PLAN'][0].Plan)
        .filter((node) => node['Relation Name'] === 'transaction_outbox')
        .map((node) => node['Node Type']);
      expect(scans.length).toBeGreaterThan(0);
      expect(scans).not.toContain('Seq Scan');
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
