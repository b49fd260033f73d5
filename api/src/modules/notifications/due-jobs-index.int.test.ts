import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { planNodes, type PlanNode } from '../../../test/plans.js';
import { ensureJobSchema, JOB_SCHEMA } from './jobs.js';
import { APPOINTMENT_REMINDER } from './reminders.js';

let database: TestDatabase;
let client: pg.Client;

/**
 * graphile-worker 0.18's job fetch (`batchGetJobs`, no named queues, no flags, a batch of 10), as
 * its workers run it: a prepared statement, so after a few runs on its generic plan.
 */
const FETCH = `prepare fetch_jobs(int[]) as
  select jobs.job_queue_id, jobs.priority, jobs.run_at, jobs.id
    from ${JOB_SCHEMA}._private_jobs as jobs
   where jobs.is_available = true and run_at <= now() and task_id = any($1::int[])
   order by priority asc, run_at asc
   limit 10
   for update skip locked`;

const indexesOf = (node: PlanNode): string[] =>
  planNodes(node).flatMap((each) => (each['Index Name'] ? [each['Index Name']] : []));

/** The fetch's rows, then its plan's indexes and the buffers it read, on its generic plan. */
async function fetchDue(taskIds: number[]): Promise<{ ids: string[]; indexes: string[]; buffers: number }> {
  const execute = `execute fetch_jobs(array[${taskIds.map(Number).join(', ')}]::int[])`;
  await client.query('begin');
  try {
    const { rows } = await client.query<{ id: string }>(execute);
    const [explained] = (
      await client.query<{
        'QUERY PLAN': [{ Plan: PlanNode & { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }];
      }>(`explain (analyze, buffers, format json) ${execute}`)
    ).rows;
    const plan = explained!['QUERY PLAN'][0].Plan;
    return {
      ids: rows.map((row) => row.id),
      indexes: indexesOf(plan),
      buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
    };
  } finally {
    await client.query('rollback');
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureJobSchema(database.url);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // A clinic's queue: reminders due in the coming days (thousands), and three jobs due now.
  await client.query(
    `select count(*) from ${JOB_SCHEMA}.add_jobs(array(
       select row($1, json_build_object('n', n), null, now() + n * interval '1 minute' + interval '3 hours', 5,
                  'due-index-test:' || n, null, null)::${JOB_SCHEMA}.job_spec
         from generate_series(1, 5000) n))`,
    [APPOINTMENT_REMINDER],
  );
  await client.query(
    `select count(*) from ${JOB_SCHEMA}.add_jobs(array(
       select row('send-notifications', json_build_object('n', n), null, now() - n * interval '1 second', 10,
                  null, null, null)::${JOB_SCHEMA}.job_spec
         from generate_series(1, 3) n))`,
  );
  await client.query(`analyze ${JOB_SCHEMA}._private_jobs`);
  await client.query(FETCH);
});

afterAll(async () => {
  await client.end();
});

describe('the index of due jobs', () => {
  it("serves graphile-worker's job fetch: the due jobs, oldest first, read without the thousands due later", async () => {
    const taskIds = (await client.query<{ id: number }>(`select id from ${JOB_SCHEMA}._private_tasks`)).rows.map(
      (row) => row.id,
    );
    // Past the prepared statement's first runs: from then on its generic plan.
    let fetched = await fetchDue(taskIds);
    for (let run = 0; run < 6; run += 1) {
      fetched = await fetchDue(taskIds);
    }
    const due = (
      await client.query<{ id: string }>(
        `select id::text from ${JOB_SCHEMA}._private_jobs where run_at <= now() order by run_at`,
      )
    ).rows.map((row) => row.id);
    expect(due).toHaveLength(3);
    expect(fetched.ids.map(String)).toEqual(due);
    expect(fetched.indexes).toEqual(['jobs_due_index']);
    expect(fetched.buffers).toBeLessThan(20);

    // Without it, graphile-worker's own index reads every available job for a batch it cannot fill.
    await client.query('begin');
    try {
      await client.query(`drop index ${JOB_SCHEMA}.jobs_due_index`);
      const [explained] = (
        await client.query<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
          `explain (analyze, buffers, format json)
           select id from ${JOB_SCHEMA}._private_jobs
            where is_available = true and run_at <= now() and task_id = any($1::int[])
            order by priority, run_at limit 10`,
          [taskIds],
        )
      ).rows;
      const plan = explained!['QUERY PLAN'][0].Plan;
      expect(plan['Shared Hit Blocks'] + plan['Shared Read Blocks']).toBeGreaterThan(5 * fetched.buffers);
    } finally {
      await client.query('rollback');
    }
  });

  it('is made once, by whichever process installs the schema first', async () => {
    await Promise.all([ensureJobSchema(database.url), ensureJobSchema(database.url)]);
    const { rows } = await client.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = $1 and indexname = 'jobs_due_index'`,
      [JOB_SCHEMA],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.indexdef).toMatch(/\(run_at\) INCLUDE \(priority, id, task_id, job_queue_id\) WHERE is_available/);
  });
});
