import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { conditions, type AuditFilter } from './audit-log.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // A month of a trail: single reads, group reads of one chart, reads across charts.
  await client.query(`
    insert into audit_event (at, actor_id, actor_role, action, entity_type, entity_id, patient_id, entity_ids, patient_ids)
    select now() - (n || ' minutes')::interval, gen_random_uuid(), 'DOCTOR', 'READ', 'MedicalRecord',
      case when n % 3 = 0 then gen_random_uuid() end,
      case when n % 3 <> 2 then gen_random_uuid() end,
      case when n % 3 <> 0 then array[gen_random_uuid(), gen_random_uuid()] end,
      case when n % 3 = 2 then array[gen_random_uuid(), gen_random_uuid()] end
    from generate_series(1, 3000) as n`);
  await client.query('analyze audit_event');
});

afterAll(() => client.end());

/** The plan of the listing's conditions for `filter`, as a prepared statement's generic plan runs it. */
async function planOf(filter: AuditFilter): Promise<string> {
  const { where, values } = conditions(filter, undefined);
  const name = `q_${randomUUID().replaceAll('-', '')}`;
  await client.query(`prepare ${name} as select e.id from audit_entry e ${where}`);
  const args = values.map((value) =>
    pg.Client.prototype.escapeLiteral(Array.isArray(value) ? `{${value.join(',')}}` : String(value)),
  );
  // Sequential scans are made to look hopeless: any index that the conditions can use is taken.
  await client.query('begin');
  await client.query('set local enable_seqscan = off');
  await client.query('set local plan_cache_mode = force_generic_plan');
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain execute ${name}(${args.join(', ')})`);
  await client.query('rollback');
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

describe("the audit trail's partial indexes", () => {
  it('leave out empty columns: a group read has no entity id, a single read no arrays, a read across charts no patient id', async () => {
    const { rows } = await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes where tablename = 'audit_event' order by 1`,
    );
    const partial = Object.fromEntries(
      rows.map((row) => [row.name, /where \((\w+) is not null\)/i.exec(row.definition)?.[1]]),
    );
    expect(partial).toMatchObject({
      audit_event_patient_id_at_index: 'patient_id',
      audit_event_entity_id_index: 'entity_id',
      audit_event_entity_ids_gin: 'entity_ids',
      audit_event_patient_ids_gin: 'patient_ids',
    });
  });

  it('still answer "who read this record": the entity id or the group arrays, by index', async () => {
    const plan = await planOf({ entityId: randomUUID() });
    expect(plan).toMatch(/audit_event_y\d+m\d+_entity_id_idx/);
    expect(plan).toMatch(/audit_event_y\d+m\d+_entity_ids_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("still answer a patient's access log: the patient id or the group arrays, by index", async () => {
    const plan = await planOf({ patientId: randomUUID() });
    expect(plan).toMatch(/audit_event_y\d+m\d+_patient_id_at_idx/);
    expect(plan).toMatch(/audit_event_y\d+m\d+_patient_ids_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('still answer the people of a care team (any of many patients), by index', async () => {
    const plan = await planOf({ people: { userIds: [randomUUID()], patientIds: [randomUUID(), randomUUID()] } });
    expect(plan).toMatch(/audit_event_y\d+m\d+_patient_id_at_idx/);
    expect(plan).toMatch(/audit_event_y\d+m\d+_patient_ids_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
