import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import {
  coalesceRoundTrips,
  observeRoundTrips,
  queueWithCommit,
  sendStatements,
  type Statement,
} from './round-trips.js';

let database: TestDatabase;
let client: pg.Client;
/** Quotes values as the ORM does. */
const platform = new PostgreSqlPlatform();
const sent: string[] = [];
let overlapping = 0;
/** Told when the database answers a ROLLBACK (pg calls the coalescer back). */
let onRollbackAnswered: (() => void) | undefined;

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
  // Counts the messages handed to pg while one is still under way (pg's own queue, which pg 8
  // deprecates with a warning and pg 9 removes).
  const internals = client as unknown as { _getActiveQuery(): unknown; _queryQueue: unknown[] };
  const submit = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    if (internals._getActiveQuery() || internals._queryQueue.length > 0) {
      overlapping += 1;
    }
    const [config] = args;
    const callback = args.at(-1);
    if (typeof callback === 'function' && (config as { text?: unknown }).text === 'ROLLBACK') {
      args[args.length - 1] = (...answer: unknown[]) => {
        onRollbackAnswered?.();
        return (callback as (...a: unknown[]) => unknown)(...answer);
      };
    }
    return submit(...args);
  };
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

afterEach(() => {
  expect(overlapping, 'messages handed to pg while another was under way').toBe(0);
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
    expect(queueWithCommit(client, { sql: 'insert into round_trip_test values (2)', params: [] }, platform)).toBe(true);
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
    queueWithCommit(client, { sql: 'insert into round_trip_test values (1)', params: [] }, platform); // taken: unique violation
    await expect(run('COMMIT;')).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([1, 2]);
    // Outside any transaction again: a statement commits on its own, seen at once elsewhere.
    await run('insert into round_trip_test values (4)');
    expect(await stored()).toEqual([1, 2, 4]);
  });

  it('drops what was queued for the commit on ROLLBACK', async () => {
    await run('BEGIN;');
    await run('insert into round_trip_test values (5)');
    queueWithCommit(client, { sql: 'insert into round_trip_test values (6)', params: [] }, platform);
    await run('ROLLBACK');
    expect(sent.at(-1)).toBe('ROLLBACK');
    expect(await stored()).toEqual([1, 2, 4]);
  });

  it("answers the ROLLBACK of a transaction under way at once; the connection's next statement waits for it and runs outside the transaction", async () => {
    // An earlier test's ROLLBACK may still be under way: its turn ends before this statement's.
    await run('select 1');
    const order: string[] = [];
    onRollbackAnswered = () => order.push('database');
    try {
      await run('BEGIN;');
      await run('insert into round_trip_test values (8)');
      await run('ROLLBACK');
      order.push('caller');
      const after = await run<{ n: number; outside: boolean }>(
        'select count(*)::int as n, txid_current_if_assigned() is null as outside from round_trip_test where n = 8',
      );
      expect(order).toEqual(['caller', 'database']);
      expect(after.rows).toEqual([{ n: 0, outside: true }]);
      expect(sent.at(-2)).toBe('ROLLBACK');
    } finally {
      onRollbackAnswered = undefined;
    }
  });

  it('marks the connection disposed when its early-answered ROLLBACK fails, so the pool destroys it rather than lending it again', async () => {
    const other = new pg.Client({ connectionString: database.url });
    other.on('error', () => undefined); // the terminated connection's own report
    await other.connect();
    coalesceRoundTrips(other);
    const query = <T>(text: string) => other.query({ text }) as unknown as Promise<Rows<T>>;
    try {
      await query('BEGIN;');
      const { rows } = await query<{ pid: number }>('select pg_backend_pid() as pid');
      // The client must not learn of the termination before the ROLLBACK is sent (under load it
      // could, and would then refuse the ROLLBACK itself): its socket is read again only after.
      const socket = (other as unknown as { connection: { stream: Socket } }).connection.stream;
      socket.pause();
      await database.query('select pg_terminate_backend($1, 5000)', [rows[0]!.pid]);
      await query('ROLLBACK'); // answered at once; PostgreSQL's answer is a failure
      socket.resume();
      const disposed = () => (other as unknown as { __knex__disposed?: unknown }).__knex__disposed;
      for (let attempt = 0; disposed() === undefined; attempt += 1) {
        expect(attempt, 'the failed ROLLBACK never marked the connection').toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(disposed()).toBeInstanceOf(Error);
    } finally {
      await other.end().catch(() => undefined);
    }
  });

  it('sends a held-back BEGIN on its own before a prepared statement, which runs inside the transaction', async () => {
    await run('BEGIN;');
    const prepared = await run<{ x: string }>('select txid_current()::text as x, $1::int as one', [1]);
    const plain = await run<{ x: string }>('select txid_current()::text as x');
    await run('ROLLBACK');
    expect(sent.slice(0, 2)).toEqual(['BEGIN', 'select txid_current()::text as x, $1::int as one']);
    expect(prepared.rows[0]?.x).toBe(plain.rows[0]?.x);
  });

  it('sends nothing while a statement is under way: statements made at once wait their turn, in order, BEGIN still with the first', async () => {
    await run('BEGIN;');
    const answers = await Promise.all(
      [1, 2, 3].map((n) => run<{ n: number; x: string }>(`select ${n} as n, txid_current()::text as x`)),
    );
    const prepared = run<{ x: string }>('select txid_current()::text as x, $1::int as one', [1]);
    const plain = run<{ x: string }>('select txid_current()::text as x');
    const [one, two] = await Promise.all([prepared, plain]);
    await run('COMMIT;');
    expect(sent).toEqual([
      'BEGIN;\nselect 1 as n, txid_current()::text as x',
      'select 2 as n, txid_current()::text as x',
      'select 3 as n, txid_current()::text as x',
      'select txid_current()::text as x, $1::int as one',
      'select txid_current()::text as x',
      'COMMIT;',
    ]);
    expect(answers.map((answer) => answer.rows[0]?.n)).toEqual([1, 2, 3]);
    expect(new Set([...answers, one, two].map((answer) => answer.rows[0]?.x)).size).toBe(1);
  });

  it('goes on with the next statement after one fails', async () => {
    const [failed, next] = await Promise.allSettled([run('select 1 / 0'), run<{ n: number }>('select 7 as n')]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
    expect(next).toMatchObject({ status: 'fulfilled', value: { rows: [{ n: 7 }] } });
  });

  it('submits a query object (a cursor, a stream) at its turn, after the held-back BEGIN, and waits for it to end', async () => {
    await run('BEGIN;');
    const submitted = new Promise<Rows<{ x: string }>>((resolve, reject) => {
      const submittable = new pg.Query({ text: 'select txid_current()::text as x' }, (error, result) =>
        error ? reject(error) : resolve(result as Rows<{ x: string }>),
      );
      client.query(submittable);
    });
    const after = run<{ x: string }>('select txid_current()::text as x');
    const [own, plain] = await Promise.all([submitted, after]);
    await run('ROLLBACK');
    expect(sent).toEqual(['BEGIN', 'select txid_current()::text as x', 'select txid_current()::text as x', 'ROLLBACK']);
    expect(own.rows[0]?.x).toBe(plain.rows[0]?.x);
  });
});

describe('statements sent together, some prepared', () => {
  const send = (statements: Statement[]) => sendStatements(client, statements, platform);
  const doubled: Statement = {
    sql: `select ? ::int * 2 as n, ?::uuid is null as no_id, extract(epoch from ?::timestamptz)::int as at`,
    params: [21, null, new Date('2026-01-01T00:00:00Z')],
    prepare: true,
  };
  const divided = (by: number): Statement => ({ sql: 'select 10 / ? as n', params: [by], prepare: true });
  const prepared = async () =>
    (await run<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map((row) => row.name);

  it('prepares a statement once per connection, in the message that first runs it, and executes it after', async () => {
    const first = await send([doubled, { sql: 'select ? as plain', params: ['x'] }]);
    const second = await send([doubled]);
    expect(first.map((result) => result.rows)).toEqual([[{ n: 42, no_id: true, at: 1767225600 }], [{ plain: 'x' }]]);
    expect(second.map((result) => result.rows)).toEqual([first[0]!.rows]);
    expect(sent).toEqual([
      expect.stringMatching(
        /^prepare "sql-\w+" as select \$1 ::int \* 2 as n, \$2::uuid is null as no_id, .*\$3::timestamptz.*;\nexecute "sql-\w+"\(21, NULL, '2026-01-01T00:00:00\.000(?:Z|\+00:00)'\);\nselect 'x' as plain$/s,
      ),
      expect.stringMatching(/^execute "sql-\w+"\(21, NULL, '2026-01-01T00:00:00\.000(?:Z|\+00:00)'\)$/),
    ]);
  });

  it('learns what a failed message left prepared from the database, and prepares only what is missing', async () => {
    // The PREPAREs lead the message and ran; the second EXECUTE fails.
    await expect(send([divided(5), { ...divided(0), sql: 'select 20 / ? as n' }])).rejects.toMatchObject({
      code: '22012',
    });
    const names = await prepared();
    expect(names).toHaveLength(3);
    sent.length = 0;
    const [five, four] = await send([divided(2), { ...divided(5), sql: 'select 20 / ? as n' }]);
    expect([five!.rows, four!.rows]).toEqual([[{ n: 5 }], [{ n: 4 }]]);
    expect(sent).toEqual([
      'select name from pg_prepared_statements',
      expect.stringMatching(/^execute "sql-\w+"\(2\);\nexecute "sql-\w+"\(5\)$/),
    ]);

    // In a transaction already failed, the PREPARE does not run: it is sent again after.
    await run('BEGIN;');
    await expect(run('select 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await expect(send([{ ...divided(1), sql: 'select 30 / ? as n' }])).rejects.toMatchObject({ code: '25P02' });
    await run('ROLLBACK');
    sent.length = 0;
    const [thirty] = await send([{ ...divided(1), sql: 'select 30 / ? as n' }]);
    expect(thirty!.rows).toEqual([{ n: 30 }]);
    expect(sent).toEqual([
      'select name from pg_prepared_statements',
      expect.stringMatching(/^prepare "sql-\w+" as select 30 \/ \$1 as n;\nexecute "sql-\w+"\(1\)$/),
    ]);
    expect(await prepared()).toHaveLength(4);
  });

  it('prepares a statement queued for the commit in the COMMIT message the first time on a connection, and only executes it after', async () => {
    const queued = (n: number, floor = 0): Statement => ({
      sql: `insert into round_trip_test select ? where ? > ${floor}`,
      params: [n, n],
      prepare: true,
    });
    for (const n of [40, 41]) {
      await run('BEGIN;');
      await run('select 1');
      expect(queueWithCommit(client, queued(n), platform)).toBe(true);
      await run('COMMIT;');
    }
    const commits = () => sent.filter((text) => text.endsWith('COMMIT;'));
    expect(commits()).toEqual([
      expect.stringMatching(
        /^prepare "sql-\w+" as insert into round_trip_test select \$1 where \$2 > 0;\nexecute "sql-\w+"\(40, 40\);\nCOMMIT;$/,
      ),
      expect.stringMatching(/^execute "sql-\w+"\(41, 41\);\nCOMMIT;$/),
    ]);
    expect(await stored()).toEqual(expect.arrayContaining([40, 41]));

    // A COMMIT message with a PREPARE that fails (40 is taken): the PREPARE ran, the rest rolled
    // back; the names are unknown until read again, so the next one goes as its text.
    sent.length = 0;
    await run('BEGIN;');
    await run('select 1');
    queueWithCommit(client, queued(40, -1), platform);
    await expect(run('COMMIT;')).rejects.toMatchObject({ code: '23505' });
    await run('BEGIN;');
    await run('select 1');
    queueWithCommit(client, queued(42, -1), platform);
    await run('COMMIT;');
    expect(commits()).toEqual([
      expect.stringMatching(/^prepare "sql-\w+" as .*\$2 > -1;\nexecute "sql-\w+"\(40, 40\);\nCOMMIT;$/),
      'insert into round_trip_test select 42 where 42 > -1;\nCOMMIT;',
    ]);
    // Once a prepared statement is sent, the names are read from the database: that one is known.
    sent.length = 0;
    await send([divided(1)]);
    await run('BEGIN;');
    await run('select 1');
    queueWithCommit(client, queued(43, -1), platform);
    await run('COMMIT;');
    expect(sent[0]).toBe('select name from pg_prepared_statements');
    expect(commits()).toEqual([expect.stringMatching(/^execute "sql-\w+"\(43, 43\);\nCOMMIT;$/)]);
    expect(await stored()).toEqual(expect.arrayContaining([40, 41, 42, 43]));
  });

  it("runs a statement marked 'generic' on its generic plan every time, and leaves the connection's plan mode as it was", async () => {
    const byDay: Statement = {
      sql: 'select count(*)::int as n from generate_series(1, 10) g where g > ? and g <= ?',
      params: [2, 5],
      prepare: 'generic',
    };
    const answers = [];
    for (let i = 0; i < 7; i += 1) {
      answers.push(...(await send([byDay, { sql: 'select ? as after', params: [i] }])).map((result) => result.rows));
    }
    expect(answers.slice(0, 2)).toEqual([[{ n: 3 }], [{ after: 0 }]]);
    expect(answers.at(-1)).toEqual([{ after: 6 }]);
    const [plans] = (
      await run<{ generic_plans: string; custom_plans: string }>(
        `select generic_plans, custom_plans from pg_prepared_statements where statement like '%generate_series(1, 10)%'`,
      )
    ).rows;
    expect(plans).toEqual({ generic_plans: '7', custom_plans: '0' });
    expect((await run<{ plan_cache_mode: string }>('show plan_cache_mode')).rows).toEqual([
      { plan_cache_mode: 'auto' },
    ]);
  });
});
