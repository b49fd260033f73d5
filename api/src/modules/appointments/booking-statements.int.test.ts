import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, nextLocal } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { observeRoundTrips } from '../../shared/round-trips.js';
import { WEBHOOK_LISTENERS_LOCK } from './webhook-fanout.js';

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00', slotMinutes: 30 }));

let app: Application;
let database: TestDatabase;
let factory: Factory;
const statements: string[] = [];
/** The messages the API's pooled connections sent (round trips), in order. */
const messages: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // eslint-disable-next-line no-control-regex -- the query log colours its lines
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql.replace(/\x1b\[[0-9;]*m/g, '')) });
  factory = new Factory(app);
  observeRoundTrips((text) => messages.push(text));
  return () => observeRoundTrips(undefined);
});

/** Next Monday (at least two days ahead) at `time`, Berlin. */
const nextMonday = (time: string) => nextLocal(1, time);

/** Waits until the job runner has done every job that is due (their statements are not the booking's). */
async function drainJobs(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [due] = await database.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where run_at <= now() and attempts = 0`,
    );
    if (due?.n === 0) {
      await sleep(50);
      return;
    }
    await sleep(25);
  }
  throw new Error('the job runner did not drain');
}

describe('a booking', () => {
  it('sends six statements in three round trips: the checks in two statements with the BEGIN, every write with its jobs and wake-ups in one with the COMMIT (none notifying)', async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    // A first booking warms the caches; the second is counted.
    expectData(
      await gql(app, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextMonday('09:00').toISOString() } },
        token: other.token,
      }),
    );
    await drainJobs();
    statements.length = 0;
    const earlier = messages.splice(0);
    const startsAt = nextMonday('09:30');
    const booked = expectData(
      await gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: startsAt.toISOString() } },
        token: patient.token,
      }),
    ).bookAppointment;
    // From the request's session check up to the booking's commit: nothing else runs meanwhile (the
    // job queue was drained; a late read of the previous booking's event comes before).
    // (The patient's first request here: the rate limit's lease rides along with the session check.)
    const start = statements.findIndex((sql) =>
      /^\[query\] (?:select|with rider as \(insert into rate_limit\b.*\bselect\b).*\bapp_user u\b/s.test(sql),
    );
    const commit = statements.findIndex((sql, index) => index > start && /^\[query\] commit/.test(sql));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(commit).toBeGreaterThan(start);
    // The job runner and the event hub, woken by the commit, may log their reads (the notifications
    // to send; the stream's newest position) before the commit's own line (logged once it
    // returns): those are not the booking's.
    const booking = statements
      .slice(start, commit + 1)
      .filter((sql) => !/^\[query\] select n\.id, n\.kind, n\.title, n\.body, u\.email, u\.active\b/.test(sql))
      .filter(
        (sql) => !/^\[query\] select e\.xid::text as xid, e\.seq::text as seq from appointment_event e\b/.test(sql),
      );
    // The session check; begin; the doctor locked with the doctor and patient rows; the slot's facts;
    // every write (appointment, event, audit row, notifications, jobs, wake-ups) in one; commit.
    expect(booking.length, booking.join('\n')).toBeLessThanOrEqual(6);
    // Round trips: the session check and the caller's rate-limit lease are one message, then the
    // transaction is two messages — BEGIN, the lock and the slot's facts; then every
    // write and the COMMIT. No BEGIN or COMMIT of its own.
    // After the commit, the outbox drain (a transaction of its own) moves the jobs and notices on.
    const beforeBegin = messages.slice(
      0,
      messages.findIndex((text) => /^BEGIN\b/.test(text)),
    );
    expect(
      beforeBegin.filter((text) => /\brate_limit\b|\bapp_user u\b/.test(text)),
      beforeBegin.join('\n---\n'),
    ).toEqual([expect.stringMatching(/^with rider as \(insert into rate_limit\b.*\bleft join app_user u\b/s)]);
    const transactions = messages.filter((text) => /^BEGIN\b|COMMIT;?$/.test(text));
    const transaction = transactions.slice(0, 2);
    // Both prepared statements (parsed once per connection: their PREPARE leads the first message
    // that runs them on a connection), executed with the booking's values; the slot's facts on
    // their generic plan (planned once per connection too).
    const executed =
      /^BEGIN;\n(?:prepare "sql-\w+" as .*;\n)?(?:prepare "sql-\w+" as .*;\n)?execute "(sql-\w+)"\([^;]*\);\nset plan_cache_mode = force_generic_plan;\nexecute "(sql-\w+)"\([^;]*\);\nreset plan_cache_mode$/s.exec(
        transaction[0]!,
      );
    expect(executed, transaction[0]).not.toBeNull();
    // What they run, from the message that prepared each (this file's first booking on the connection).
    const [lockText, factsText] = [executed![1], executed![2]].map(
      (name) =>
        new RegExp(`prepare "${name}" as ([^]*?);\\n(?:prepare|execute) "`).exec(
          [...earlier, ...messages].join('\n'),
        )?.[1],
    );
    expect(lockText).toMatch(/for share of d\b/);
    expect(factsText).toMatch(/pg_try_advisory_xact_lock/);
    // Every write in one prepared statement (its text fixed by the tables and columns written; the
    // rows are its values), executed in the message with the COMMIT.
    // (The PREPARE leads it when this booking's connection had not run it before: the text has lines.)
    const writes = /^(?:prepare "sql-\w+" as [^]*?;\n)?execute "(sql-\w+)"\([^]*\);\nCOMMIT;$/.exec(transaction[1]!);
    expect(writes, transaction[1]).not.toBeNull();
    expect(
      new RegExp(`prepare "${writes![1]}" as ([^]*?);\\n(?:prepare|execute) "`).exec(
        [...earlier, ...messages].join('\n'),
      )?.[1],
    ).toMatch(/^with inserted_0 as \(insert into "appointment".*insert into "transaction_outbox"/s);
    expect(transaction[1]).toContain(`"kind":"BOOKED"`);
    // No NOTIFY in the booking's transaction (its commit would wait for every other notifying one).
    expect(transaction.join('\n')).not.toMatch(/pg_notify|add_jobs/);
    const drain = messages.findIndex((text) => /^with taken as \(\s*delete from "transaction_outbox"/.test(text));
    expect(drain).toBeGreaterThan(messages.indexOf(transaction[1]!));

    // Everything that follows a booking committed with it.
    const jobs = await database.query<{ task_identifier: string; key: string | null }>(
      `select j.task_identifier, j.key from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where p.payload::text like '%' || $1 || '%' order by j.key`,
      [booked.id],
    );
    expect(jobs).toEqual([
      { task_identifier: 'appointment-reminder', key: `reminder:${booked.id}:24h` },
      { task_identifier: 'appointment-reminder', key: `reminder:${booked.id}:2h` },
    ]);
    const notices = await database.query<{ kind: string }>(`select kind from notification where appointment_id = $1`, [
      booked.id,
    ]);
    expect(notices.map((n) => n.kind)).toEqual(['APPOINTMENT_BOOKED', 'APPOINTMENT_BOOKED']);
    const [audit] = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_entry where entity_id = $1 and action = 'CREATE'`,
      [booked.id],
    );
    expect(audit?.n).toBe(1);
  });

  it("reads only the names and accounts of the doctor and the patient for an answer without them (none of the patient's chart), and both whole, with no statement after the commit, for one that shows them", async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    const lockOf = (booking: readonly string[]) => {
      const found = booking.filter((sql) => /for share of d\b/.test(sql));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    statements.length = 0;
    expectData(
      await gql(app, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextMonday('10:30').toISOString() } },
        token: patient.token,
      }),
    );
    const bare = lockOf(statements);
    expect(bare).toMatch(/\bp\.first_name\b/);
    expect(bare).not.toMatch(/allergies|chronic_conditions|date_of_birth|license_number/);
    // Its notices still name both, in their own words.
    const notices = await database.query<{ body: string }>(
      `select n.body from notification n join appointment a on a.id = n.appointment_id
        where a.patient_id = $1 order by n.body`,
      [patient.profile.id],
    );
    expect(notices.map((notice) => notice.body).join('\n')).toContain(doctor.profile.lastName);
    expect(notices.map((notice) => notice.body).join('\n')).toContain(patient.profile.firstName);

    await drainJobs();
    statements.length = 0;
    const shown = expectData(
      await gql<{
        bookAppointment: {
          doctor: { lastName: string; timezone: string };
          patient: { firstName: string; allergies: string[] };
        };
      }>(
        app,
        `mutation ($input: BookAppointmentInput!) {
          bookAppointment(input: $input) { id doctor { lastName timezone } patient { firstName allergies } } }`,
        {
          variables: { input: { doctorId: doctor.profile.id, startsAt: nextMonday('11:30').toISOString() } },
          token: other.token,
        },
      ),
    ).bookAppointment;
    expect({ doctor: shown.doctor, patient: shown.patient }).toEqual({
      doctor: { lastName: doctor.profile.lastName, timezone: 'Europe/Berlin' },
      patient: { firstName: other.profile.firstName, allergies: other.profile.allergies },
    });
    expect(lockOf(statements)).toMatch(/allergies/);
    const commit = statements.findIndex((sql) => /^\[query\] commit/.test(sql));
    expect(
      statements.slice(commit + 1).filter((sql) => /\b(from|join) "?(doctor|patient)"?\b/.test(sql)),
      statements.join('\n'),
    ).toEqual([]);
  });

  it('lets one of two simultaneous bookings of a slot win; the other is CONFLICT SLOT_TAKEN, with nothing of its own left behind', async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const patients = await Promise.all([factory.patient(), factory.patient(), factory.patient(), factory.patient()]);
    const startsAt = nextMonday('10:00').toISOString();
    const answers = await Promise.all(
      patients.map((patient) =>
        gql<{ bookAppointment: { id: string } }>(app, BOOK, {
          variables: { input: { doctorId: doctor.profile.id, startsAt } },
          token: patient.token,
        }),
      ),
    );
    const winners = answers.filter((answer) => !answer.errors);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((answer) => answer.errors)) {
      expect(expectGraphQLError(loser, 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
    }
    const rows = await database.query<{ id: string }>(`select id from appointment where doctor_id = $1`, [
      doctor.profile.id,
    ]);
    expect(rows.map((row) => row.id)).toEqual([winners[0]!.data!.bookAppointment.id]);
    // Only the winner's jobs were queued; nothing of the losers waits in the outbox.
    expect(await database.query(`select id from transaction_outbox`)).toEqual([]);
    const reminders = await database.query<{ key: string }>(
      `select j.key from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where j.task_identifier = 'appointment-reminder' and p.payload->>'startsAt' = $1`,
      [startsAt],
    );
    expect(reminders).toHaveLength(2);
    expect(reminders.every((job) => job.key.includes(rows[0]!.id))).toBe(true);
    const [notices] = await database.query<{ n: number }>(
      `select count(*)::int as n from notification n join appointment a on a.id = n.appointment_id where a.doctor_id = $1`,
      [doctor.profile.id],
    );
    expect(notices?.n).toBe(2);

    // Once the winner has committed, the slot is simply taken (the constraint answers).
    const late = await gql(app, BOOK, {
      variables: { input: { doctorId: doctor.profile.id, startsAt } },
      token: (await factory.patient()).token,
    });
    expect(expectGraphQLError(late, 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
  });

  it('answers a second booking of a slot CONFLICT at once while the first is still committing, and a late one before writing anything', async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const [winner, loser, late] = await Promise.all([factory.patient(), factory.patient(), factory.patient()]);
    const startsAt = nextMonday('11:00').toISOString();
    const book = (token: string) =>
      gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt } },
        token,
      });
    // Hold the first booking open inside its commit: its rows leave with the COMMIT, and the
    // doctor's notice's reference to the doctor's account waits for that account's row, locked here
    // until this test lets go (the patient's rows the booking holds from its first statement on).
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select 1 from app_user where id = $1 for update`, [doctor.user.id]);
      let winnerAnswered = false;
      const first = book(winner.token).finally(() => {
        winnerAnswered = true;
      });
      // The booking's message with the COMMIT is the only one that starts with its writes' prepared
      // statement (the others open the transaction with BEGIN).
      for (let attempt = 0; ; attempt += 1) {
        const [waiting] = await database.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query ~ '^(prepare|execute) "sql-'`,
        );
        if (waiting?.n === 1) {
          break;
        }
        expect(attempt, 'the first booking never reached its commit').toBeLessThan(400);
        await sleep(25);
      }
      // The first booking holds the slot, uncommitted: the second is refused without waiting for it,
      // and without a transaction of its own: this process knows the first holds the slot's claim.
      messages.length = 0;
      const second = await book(loser.token);
      expect(expectGraphQLError(second, 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
      expect(winnerAnswered).toBe(false);
      expect(messages.filter((text) => /^BEGIN\b|pg_try_advisory_xact_lock|^ROLLBACK/.test(text))).toEqual([]);
      await holder.query('commit');
      expectData(await first);
    } finally {
      await holder.end();
    }
    // Once it committed, a third is refused by the slot's facts: nothing of it is written.
    statements.length = 0;
    const third = await book(late.token);
    expect(expectGraphQLError(third, 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
    expect(statements.filter((sql) => /insert into "appointment"/.test(sql))).toEqual([]);
  });

  it("answers CONFLICT at once, from the database's claim, while another process's booking of the slot is in flight", async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const [patient, admin] = await Promise.all([factory.patient(), factory.admin()]);
    const startsAt = nextMonday('11:30');
    // Another process's booking: its transaction holds the slot's claim (nothing of it in this process).
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `booking:${doctor.profile.id}@${startsAt.toISOString()}`,
      ]);
      statements.length = 0;
      for (const [token, patientId] of [
        [patient.token, undefined],
        [admin.token, patient.profile.id],
      ] as const) {
        const refused = await gql(app, BOOK, {
          variables: { input: { doctorId: doctor.profile.id, startsAt: startsAt.toISOString(), patientId } },
          token,
        });
        expect(expectGraphQLError(refused, 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
      }
      // Refused by the try-lock in the transaction's first round trip: nothing written, no waiting.
      expect(statements.filter((sql) => /pg_try_advisory_xact_lock/.test(sql))).toHaveLength(2);
      expect(statements.filter((sql) => /insert into "appointment"/.test(sql))).toEqual([]);
      await other.query('rollback');
    } finally {
      await other.end();
    }
    // Its transaction gone without booking, the slot is free again.
    expectData(
      await gql(app, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: startsAt.toISOString() } },
        token: patient.token,
      }),
    );
  });

  it('orders webhook registrations after bookings in flight: a booking decides with the lock held whether anyone listens', async () => {
    // A booking in flight holds the listeners' lock shared from its first statement to its commit.
    const booking = new pg.Client({ connectionString: database.url });
    await booking.connect();
    try {
      await booking.query('begin');
      await booking.query('select pg_advisory_xact_lock_shared($1)', [WEBHOOK_LISTENERS_LOCK]);
      const admin = await factory.admin();
      const registering = gql<{ createWebhook: { webhook: { id: string } } }>(
        app,
        `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
        { token: admin.token, variables: { input: { url: 'http://127.0.0.1:9/hooks', events: ['BOOKED'] } } },
      );
      // The registration waits for the lock (exclusive) until the booking commits.
      for (let attempt = 0; ; attempt += 1) {
        const [waiting] = await database.query<{ n: number }>(
          `select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted and mode = 'ExclusiveLock'`,
          [WEBHOOK_LISTENERS_LOCK],
        );
        if (waiting?.n === 1) {
          break;
        }
        expect(attempt, 'the registration never waited for the booking').toBeLessThan(400);
        await sleep(25);
      }
      const [before] = await database.query<{ n: number }>(`select count(*)::int as n from webhook`);
      expect(before?.n).toBe(0);
      await booking.query('commit');
      expectData(await registering);
    } finally {
      await booking.end();
    }
  });
});
