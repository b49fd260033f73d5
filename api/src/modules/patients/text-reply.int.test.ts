import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../../test/database.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { Patient } from './patient.entity.js';
import { applyTextReply } from './phone-confirmation.service.js';

let orm: MikroORM;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await openTestOrm(database.url);
});

/** A patient whose `phone` is as typed and whose confirmed number is `confirmed`. */
async function patientWith(phone: string, confirmed: string | null): Promise<Patient> {
  const em = orm.em.fork();
  const user = em.create(User, { email: `p-${randomUUID()}@example.com`, passwordHash: 'x', role: Role.PATIENT });
  const patient = em.create(Patient, {
    user,
    firstName: 'Ada',
    lastName: 'Reply',
    dateOfBirth: '1980-04-12',
    phone,
    phoneConfirmedNumber: confirmed,
    smsRemindersWanted: true,
  });
  await em.flush();
  return patient;
}

describe('a text reply (STOP, START)', () => {
  it('finds the patients whose confirmed number it came from, however they typed it, through an index', async () => {
    const typed = await patientWith('+49 (151) 234-567.89', '+49 (151) 234-567.89');
    const unconfirmed = await patientWith('+49 151 23456789', null);
    const changed = await patientWith('+49 151 99999999', '+49 151 23456789');
    const other = await patientWith('+49 151 23456788', '+49 151 23456788');

    const { stopped, indexScans } = await orm.em.fork().transactional(async (tx) => {
      // Sequential scans made to look hopeless: the update takes the index if its condition can.
      await tx.execute('set local enable_seqscan = off');
      const stopped = await applyTextReply(tx, '+4915123456789', false);
      const [row] = await tx.execute<{ scans: string }[]>(
        `select pg_stat_get_xact_numscans('patient_confirmed_phone_digits'::regclass) as scans`,
      );
      return { stopped, indexScans: Number(row!.scans) };
    });

    // Only the number confirmed and still the patient's phone: never one typed but not confirmed,
    // nor one confirmed before the phone changed.
    expect(stopped).toEqual([typed.id]);
    expect(indexScans).toBeGreaterThan(0);
    const wanted = await database.query<{ id: string; wanted: boolean }>(
      'select id, sms_reminders_wanted as wanted from patient where id = any($1)',
      [[typed.id, unconfirmed.id, changed.id, other.id]],
    );
    expect(Object.fromEntries(wanted.map((row) => [row.id, row.wanted]))).toEqual({
      [typed.id]: false,
      [unconfirmed.id]: true,
      [changed.id]: true,
      [other.id]: true,
    });
    // Asked again, nothing is left to change.
    expect(await orm.em.fork().transactional((tx) => applyTextReply(tx, '+4915123456789', false))).toEqual([]);
  });
});
