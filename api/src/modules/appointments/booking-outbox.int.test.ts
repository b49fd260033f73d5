import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, nextLocal } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { outboxDrainer } from '../../shared/transaction-outbox.js';

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00', slotMinutes: 30 }));

let database: TestDatabase;
let smtp: TestSmtpServer;
let first: Application;
let second: Application;
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  // Two API processes on one database and one job queue, mailing through the test's SMTP server.
  [first, second] = await Promise.all([
    startTestApp(database.url, { SMTP_URL: smtp.url }),
    startTestApp(database.url, { SMTP_URL: smtp.url }),
  ]);
  factory = new Factory(first);
  // A drainer "crash" on demand: while `outbox_test_crash` has a row, no entry can be taken.
  await database.query(`create table outbox_test_crash (crashed boolean)`);
  await database.query(`create function outbox_test_crash() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from outbox_test_crash) then raise exception 'the drainer crashed'; end if;
      return old;
    end $$`);
  await database.query(`create trigger outbox_test_crash before delete on transaction_outbox
    for each row execute function outbox_test_crash()`);
});

/** Next Monday (at least two days ahead) at `time`, Berlin. */
const nextMonday = (time: string) => nextLocal(1, time);

const entriesOf = async (appointmentId: string) =>
  (
    await database.query<{ n: number }>(
      `select count(*)::int as n from transaction_outbox where body::text like '%' || $1 || '%'`,
      [appointmentId],
    )
  )[0]!.n;

const remindersOf = (appointmentId: string) =>
  database.query<{ key: string }>(`select key from graphile_worker.jobs where key like $1 order by key`, [
    `reminder:${appointmentId}:%`,
  ]);

describe("a booking's jobs and notices, through the outbox", () => {
  it('wait in the outbox while the drainer is down, then are queued and run exactly once by the other process', async () => {
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const patient = await factory.patient();
    await database.query(`insert into outbox_test_crash values (true)`);
    // The booking commits (its answer does not depend on the drain): its jobs are in the outbox only.
    const booked = expectData(
      await gql<{ bookAppointment: { id: string } }>(first, BOOK, {
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextMonday('09:00').toISOString() } },
        token: patient.token,
      }),
    ).bookAppointment;
    expect(await entriesOf(booked.id)).toBeGreaterThan(0);
    expect(await remindersOf(booked.id)).toEqual([]);
    const notifications = await database.query<{ id: string }>(
      `select id from notification where appointment_id = $1`,
      [booked.id],
    );
    expect(notifications).toHaveLength(2);
    // The process that committed it goes away before it could drain (its last drain fails too).
    await first.stop();
    await database.query(`delete from outbox_test_crash`);
    // The other process's sweep moves everything on, once.
    await expect.poll(() => entriesOf(booked.id), { timeout: 15_000 }).toBe(0);
    expect((await remindersOf(booked.id)).map((job) => job.key)).toEqual([
      `reminder:${booked.id}:24h`,
      `reminder:${booked.id}:2h`,
    ]);
    // The e-mails of both notifications (patient and doctor) are sent, each exactly once.
    const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.to.includes(email)).length;
    await expect.poll(() => mailsTo(patient.user.email) + mailsTo(doctor.user.email), { timeout: 15_000 }).toBe(2);
    // More drains, side by side, find nothing left to move.
    await Promise.all([outboxDrainer(second.orm.em).drain(), outboxDrainer(second.orm.em).drain()]);
    await sleep(500);
    expect(mailsTo(patient.user.email)).toBe(1);
    expect(mailsTo(doctor.user.email)).toBe(1);
    expect(await remindersOf(booked.id)).toHaveLength(2);
  });
});
