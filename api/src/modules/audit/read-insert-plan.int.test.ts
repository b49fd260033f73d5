import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { READ_REPEAT_MINUTES, auditPartitionOf, insertReadsStatement } from './audit-trail.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

interface PlanNode {
  'Node Type': string;
  'Subplan Name'?: string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function find(node: PlanNode, subplan: string): PlanNode | undefined {
  return node['Subplan Name'] === subplan ? node : node.Plans?.map((child) => find(child, subplan)).find(Boolean);
}

/**
 * The buffers the insert's repeat check (`seen`) and the whole statement touch for one request's
 * first reads of a patient's chart — a patient record and two medical records — by `actor`, through
 * the generic plan every API connection keeps after its first executions.
 */
async function firstReadBuffers(actor: string): Promise<{ check: number; statement: number }> {
  const patient = randomUUID();
  const records = [randomUUID(), randomUUID()];
  const now = new Date();
  const values = [
    [now, now],
    [actor, actor],
    ['DOCTOR', 'DOCTOR'],
    ['192.0.2.7', '192.0.2.7'],
    ['request', 'request'],
    ['Patient', 'MedicalRecord'],
    [false, false],
    [null, null],
    [1, 2, 2],
    [patient, ...records],
    [patient, patient, patient],
    READ_REPEAT_MINUTES,
  ];
  // EXPLAIN EXECUTE takes its arguments as literals: arrays in PostgreSQL's text form.
  const literal = (value: unknown) =>
    client.escapeLiteral(
      Array.isArray(value)
        ? `{${value.map((item: unknown) => (item === null ? 'NULL' : `"${item instanceof Date ? item.toISOString() : String(item as string | number | boolean)}"`)).join(',')}}`
        : String(value),
    );
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `explain (analyze, buffers, format json) execute first_reads(${values.map(literal).join(', ')})`,
  );
  const plan = rows[0]!['QUERY PLAN'][0].Plan;
  const seen = find(plan, 'CTE seen');
  expect(seen).toBeDefined();
  return {
    check: seen!['Shared Hit Blocks'] + seen!['Shared Read Blocks'],
    statement: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
  };
}

describe('the insert of first reads', () => {
  it("checks for repeats in the chart's earlier reads, not in everything its person read in the window, with or without statistics", async () => {
    // A busy doctor: 4,000 charts read in the last minutes, and a colleague's as many, in the
    // month's partition — which autovacuum has not analyzed yet (every month's first minutes, a
    // bench's whole run): the plan is made on no statistics of it at all.
    const busy = randomUUID();
    await client.query(
      `insert into audit_event (at, actor_id, actor_role, action, entity_type, entity_id, patient_id)
       select now() - interval '1 minute' * random(), a, 'DOCTOR', 'READ', 'MedicalRecord', gen_random_uuid(), gen_random_uuid()
       from unnest(array[$1::uuid, gen_random_uuid()]) a, generate_series(1, 4000)`,
      [busy],
    );
    const partition = auditPartitionOf(Date.now());
    await client.query(`delete from pg_statistic where starelid = $1::regclass`, [partition]);
    await client.query(`update pg_class set reltuples = -1, relpages = 0 where oid = $1::regclass`, [partition]);
    await client.query(`set plan_cache_mode = force_generic_plan`);
    await client.query(`prepare first_reads as ${insertReadsStatement(Date.now()).text}`);

    // The busy doctor's first reads of another chart: the check reads that chart's earlier reads
    // (none) and the doctor's reads of several patients (none), a handful of index pages.
    const cold = await firstReadBuffers(busy);
    expect(cold.check).toBeLessThan(20);

    // The same once the partition has statistics (the plan made again).
    await client.query(`deallocate first_reads`);
    await client.query(`analyze ${partition}`);
    await client.query(`prepare first_reads as ${insertReadsStatement(Date.now()).text}`);
    const analyzed = await firstReadBuffers(busy);
    expect(analyzed.check).toBeLessThan(20);
    // The statement as a whole: the check and the two rows with their indexes.
    expect(analyzed.statement).toBeLessThan(80);
  });
  it('keeps its generic plan (a plan made afresh for every insert cost milliseconds)', async () => {
    const planned = new pg.Client({ connectionString: database.url });
    await planned.connect();
    try {
      const statement = insertReadsStatement(Date.now());
      for (let i = 0; i < 8; i += 1) {
        const actor = randomUUID();
        const patient = randomUUID();
        const now = new Date();
        await planned.query({
          name: statement.name,
          text: statement.text,
          values: [
            [now],
            [actor],
            ['DOCTOR'],
            [null],
            ['request'],
            ['MedicalRecord'],
            [false],
            [null],
            [1, 1],
            [randomUUID(), randomUUID()],
            [patient, patient],
            READ_REPEAT_MINUTES,
          ],
        });
      }
      const [plans] = (
        await planned.query<{ generic_plans: string; custom_plans: string }>(
          `select generic_plans, custom_plans from pg_prepared_statements where name = $1`,
          [statement.name],
        )
      ).rows;
      expect(Number(plans?.generic_plans)).toBeGreaterThan(0);
    } finally {
      await planned.end();
    }
  });
});
