import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrationsList } from '../../../migrations/index.js';
import { ensureDatabase, migrate, pendingSchemaDiff, withDatabase } from './migrate.js';
import { ormConfig } from './orm-config.js';

describe('migrations', () => {
  const server = inject('databaseServerUrl');
  const name = `hc_empty_${randomBytes(6).toString('hex')}`;
  let orm: MikroORM;

  afterAll(async () => {
    await orm?.close(true);
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await client.end();
  });

  it('apply to an empty database, every one of them, in order', async () => {
    await ensureDatabase(server, name);
    orm = await MikroORM.init(ormConfig(withDatabase(server, name)));
    const applied = await migrate(orm);
    expect(migrationsList.length).toBeGreaterThan(0);
    expect(applied).toEqual(migrationsList.map((migration) => migration.name));
  });

  it('leave nothing pending: the entities and the migrations agree', async () => {
    expect(await pendingSchemaDiff(orm)).toBe('');
  });

  it('apply nothing the second time', async () => {
    expect(await migrate(orm)).toEqual([]);
  });

  it('never delete clinical data by cascade', async () => {
    const rows = await orm.em.execute<{ table: string; column: string; rule: string }[]>(`
      select tc.table_name as "table", kcu.column_name as "column", rc.delete_rule as rule
      from information_schema.referential_constraints rc
      join information_schema.table_constraints tc on tc.constraint_name = rc.constraint_name
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
      where tc.table_schema = 'public'`);
    const clinical = [
      'patient',
      'appointment',
      'prescription',
      'prescription_item',
      'medical_record',
      'medical_record_version',
      'emergency_grant',
    ];
    const cascading = rows.filter((row) => clinical.includes(row.table) && row.rule === 'CASCADE');
    expect(rows.length).toBeGreaterThan(10);
    expect(cascading).toEqual([]);
  });

  it('index every foreign key column', async () => {
    const unindexed = await orm.em.execute<{ table: string; column: string }[]>(`
      select c.conrelid::regclass::text as "table", a.attname as "column"
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f'
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('store every timestamp with its time zone', async () => {
    const naive = await orm.em.execute(`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp without time zone'`);
    expect(naive).toEqual([]);
  });
});
