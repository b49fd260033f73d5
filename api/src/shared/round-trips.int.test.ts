import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { coalesceRoundTrips, observeRoundTrips, queueWithCommit } from './round-trips.js';

let database: TestDatabase;
let client: pg.Client;
const sent: string[] = [];

interface Rows<T> {
  rows: T[];
}
const run = <T = Record<string, unknown>>(text: string, values?: unknown[]) =>
  client.query(values ? { text, values } : { text }) as unknown as Promise<Rows<T>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.query('create table round_trip_test (n int primary key)');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  coalesceRoundTrips(client);
  observeRoundTrips((text) => sent.push(text));
});

afterAll(async () => {
  observeRoundTrips(undefined);
  await client.end();
});

beforeEach(() => {
  sent.length = 0;
});

const stored = async () =>
  (await database.query<{ n: number }>('select n from round_trip_test order by n')).map((row) => row.n);

describe('a coalescing connection', () => {
  it('sends nothing for a transaction that sends nothing', async () => {
    await run('BEGIN;');
    await run('COMMIT;');
    await run('BEGIN;');
    await run('ROLLBACK');
    expect(sent).toEqual([]);
  });

  it('sends BEGIN with the first statement, and every statement runs inside the transaction', async () => {
    await run('BEGIN;');
    const first = await run<{ x: string }>('select txid_current()::text as x');
    const second = await run<{ x: string }>('select txid_current()::text as x');
    await run('COMMIT;');
    expect(sent).toEqual(['BEGIN;\nselect txid_current()::text as x', 'select txid_current()::text as x', 'COMMIT;']);
    expect(first.rows[0]?.x).toBe(second.rows[0]?.x);
  });

  it('sends a statement queued for the commit with the COMMIT, and both take effect', async () => {
    await run('BEGIN;');
    await run('insert into round_trip_test values (1)');
    expect(queueWithCommit(client, 'insert into round_trip_test values (2)')).toBe(true);
    expect(await stored()).toEqual([]);
    await run('COMMIT;');
    expect(sent).toEqual([
      'BEGIN;\ninsert into round_trip_test values (1)',
      'insert into round_trip_test values (2);\nCOMMIT;',
    ]);
    expect(await stored()).toEqual([1, 2]);
  });

  it('fails the COMMIT when the queued statement fails: nothing of the transaction stays, and the connection is out of it', async () => {
    await run('BEGIN;');
    await run('insert into round_trip_test values (3)');
    queueWithCommit(client, 'insert into round_trip_test values (1)'); // taken: unique violation
    await expect(run('COMMIT;')).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([1, 2]);
    // Outside any transaction again: a statement commits on its own, seen at once elsewhere.
    await run('insert into round_trip_test values (4)');
    expect(await stored()).toEqual([1, 2, 4]);
  });

  it('drops what was queued for the commit on ROLLBACK', async () => {
    await run('BEGIN;');
    await run('insert into round_trip_test values (5)');
    queueWithCommit(client, 'insert into round_trip_test values (6)');
    await run('ROLLBACK');
    expect(sent.at(-1)).toBe('ROLLBACK');
    expect(await stored()).toEqual([1, 2, 4]);
  });

  it('sends a held-back BEGIN on its own before a prepared statement, which runs inside the transaction', async () => {
    await run('BEGIN;');
    const prepared = await run<{ x: string }>('select txid_current()::text as x, $1::int as one', [1]);
    const plain = await run<{ x: string }>('select txid_current()::text as x');
    await run('ROLLBACK');
    expect(sent.slice(0, 2)).toEqual(['BEGIN', 'select txid_current()::text as x, $1::int as one']);
    expect(prepared.rows[0]?.x).toBe(plain.rows[0]?.x);
  });
});
