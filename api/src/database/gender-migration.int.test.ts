import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261201093142 } from '../../../migrations/Migration20261201093142.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { ormConfig } from './orm-config.js';

/** The migration that turns the dashboards' former gender labels into AdministrativeGender codes. */
describe('gender migration', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await MikroORM.init(ormConfig(database.url));
  });
  afterAll(() => orm.close(true));

  it('maps every former label, in any case, onto a code and then allows only codes', async () => {
    // The database as it was before the migration: free labels.
    await database.query('alter table patient drop constraint patient_gender_check');
    const labels = ['Female', 'MALE', 'Non-binary', 'Other', 'Prefer not to say', 'f', 'Robot', '', null];
    const ids: string[] = [];
    for (const [index, gender] of labels.entries()) {
      const [user] = await database.query<{ id: string }>(
        `insert into app_user (email, password_hash, role) values ($1, 'x', 'PATIENT') returning id`,
        [`gender-${index}@example.com`],
      );
      const [patient] = await database.query<{ id: string }>(
        `insert into patient (user_id, first_name, last_name, date_of_birth, gender)
         values ($1, 'A', 'B', '1980-01-01', $2) returning id`,
        [user!.id, gender],
      );
      ids.push(patient!.id);
    }

    const migration = new Migration20261201093142(orm.em.getDriver(), orm.config);
    await migration.up();
    for (const sql of migration.getQueries()) {
      await database.query(typeof sql === 'string' ? sql : sql.toQuery());
    }

    const rows = await database.query<{ id: string; gender: string | null }>(
      'select id, gender from patient where id = any($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row.gender]));
    expect(ids.map((id) => byId.get(id))).toEqual([
      'female',
      'male',
      'other',
      'other',
      'unknown',
      'female',
      'other',
      null,
      null,
    ]);
    await expect(database.query(`update patient set gender = 'Female' where id = $1`, [ids[0]])).rejects.toThrow(
      /patient_gender_check/,
    );
  });
});
