import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationsList } from '../../../migrations/index.js';
import { AUDIT_PARTITIONS_AHEAD, ensureDatabase, migrate, withDatabase } from './migrate.js';
import { ormConfig } from './orm-config.js';

const PARTITIONING = 'Migration20261201075955';
const server = inject('databaseServerUrl');
const name = `hc_audit_${randomBytes(6).toString('hex')}`;
let orm: MikroORM;
let client: pg.Client;
const before = [
  { id: randomUUID(), at: '2025-03-14T10:00:00Z', action: 'READ' },
  { id: randomUUID(), at: new Date().toISOString(), action: 'UPDATE' },
];

beforeAll(async () => {
  await ensureDatabase(server, name);
  orm = await MikroORM.init(ormConfig(withDatabase(server, name)));
  client = new pg.Client({ connectionString: withDatabase(server, name) });
  await client.connect();
  // The database as the previous release left it, with a trail already written.
  const previous = migrationsList[migrationsList.findIndex((migration) => migration.name === PARTITIONING) - 1]!;
  await orm.getMigrator().up({ to: previous.name });
  for (const row of before) {
    await client.query(
      `insert into audit_event (id, at, action, entity_type, patient_id) values ($1, $2, $3, 'Patient', $4)`,
      [row.id, row.at, row.action, randomUUID()],
    );
  }
  await migrate(orm);
});

afterAll(async () => {
  await client?.end();
  await orm?.close(true);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  await admin.end();
});

async function partitionOf(id: string): Promise<string | undefined> {
  const { rows } = await client.query<{ partition: string }>(
    `select tableoid::regclass::text as partition from audit_event where id = $1`,
    [id],
  );
  return rows[0]?.partition;
}

describe('the audit trail, partitioned by month', () => {
  it('is a partitioned table with one partition per month, ready months ahead', async () => {
    const { rows } = await client.query<{ kind: string }>(
      `select relkind as kind from pg_class where oid = 'audit_event'::regclass`,
    );
    expect(rows[0]?.kind).toBe('p');
    const now = new Date();
    const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + AUDIT_PARTITIONS_AHEAD, 1));
    const expected = `audit_event_y${ahead.getUTCFullYear()}m${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
    const partitions = await client.query<{ name: string }>(
      `select inhrelid::regclass::text as name from pg_inherits where inhparent = 'audit_event'::regclass`,
    );
    expect(partitions.rows.map((row) => row.name)).toContain(expected);
  });

  it('kept every row written before the change, each in its month', async () => {
    expect(await partitionOf(before[0]!.id)).toBe('audit_event_y2025m03');
    const now = new Date();
    expect(await partitionOf(before[1]!.id)).toBe(
      `audit_event_y${now.getUTCFullYear()}m${String(now.getUTCMonth() + 1).padStart(2, '0')}`,
    );
  });

  it('stays append-only through the parent and through each partition', async () => {
    const partition = (await partitionOf(before[1]!.id))!;
    for (const statement of [
      `update audit_event set action = 'X'`,
      `delete from audit_event`,
      `truncate audit_event`,
      `update ${partition} set action = 'X'`,
      `delete from ${partition}`,
      `truncate ${partition}`,
    ]) {
      await expect(client.query(statement), statement).rejects.toThrow(/append-only/);
    }
  });

  it('answers the trail’s queries from the partitions of the months asked for', async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain select * from audit_event where at >= '2025-03-01' and at < '2025-04-01' order by at desc, id desc limit 20`,
    );
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('audit_event_y2025m03');
    expect(plan).not.toContain('audit_event_y2025m04');
  });

  it('creating partitions again is a no-op', async () => {
    const { rows } = await client.query<{ created: number }>(
      `select audit_event_ensure_partitions(now(), $1) as created`,
      [AUDIT_PARTITIONS_AHEAD],
    );
    expect(rows[0]?.created).toBe(0);
  });

  it('keeps a group read in its month: found per entity until the month is detached for archiving, then gone whole', async () => {
    const id = randomUUID();
    const entities = [randomUUID(), randomUUID(), randomUUID()];
    const patients = [randomUUID(), randomUUID(), randomUUID()];
    await client.query(
      `insert into audit_event (id, at, action, entity_type, entity_ids, patient_ids)
       values ($1, '2025-03-20T08:00:00Z', 'READ', 'Appointment', $2, $3)`,
      [id, entities, patients],
    );
    expect(await partitionOf(id)).toBe('audit_event_y2025m03');
    const readsOf = async (entityId: string) =>
      (
        await client.query<{ patient_id: string }>(
          `select patient_id from audit_entry where (stored_entity_id = $1 or stored_entity_ids @> array[$1::uuid]) and entity_id = $1`,
          [entityId],
        )
      ).rows;
    expect(await readsOf(entities[1]!)).toEqual([{ patient_id: patients[1] }]);

    // The retention procedure (k8s/README.md): detach the month, archive it, drop it.
    await client.query(`alter table audit_event detach partition audit_event_y2025m03 concurrently`);
    expect(await readsOf(entities[1]!)).toEqual([]);
    const archived = await client.query(`select cardinality(entity_ids) as n from audit_event_y2025m03 where id = $1`, [
      id,
    ]);
    expect(archived.rows).toEqual([{ n: 3 }]);
    await client.query(`drop table audit_event_y2025m03`);
    // The month's other events went with it; the next month's stay.
    expect(await partitionOf(before[0]!.id)).toBeUndefined();
    expect(await partitionOf(before[1]!.id)).toBeDefined();
  });
});
