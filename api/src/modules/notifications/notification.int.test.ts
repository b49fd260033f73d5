import type { MikroORM } from '@mikro-orm/postgresql';
import { graphql, parse, type GraphQLResolveInfo, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { loadSettings, type Settings } from '../../config/settings.js';
import type { Application } from '../../server/bootstrap.js';
import { createContext, type Context } from '../../server/context.js';
import { buildAppSchema } from '../../server/schema.js';
import { AppError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { PageArgs } from '../../shared/pagination.js';
import { BedEventHub } from '../organisation/bed-events.js';
import { AppointmentEventHub } from '../appointments/appointment-events.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { ensureJobSchema, startJobRunner } from './jobs.js';
import { MessageHub } from '../messages/message-events.js';
import { NotificationHub } from './notification-events.js';
import { NotificationKind, type AppointmentNotificationKind, type Notification } from './notification.entity.js';
import { NotificationResolver } from './notification.resolver.js';
import { notifyAppointmentEvent } from './notification.service.js';
import type { OutgoingMessage, Transport } from './transport.js';

const REASON = 'Quokka-3 recurring migraine';

class StubTransport implements Transport {
  readonly name = 'stub';
  readonly sent: OutgoingMessage[] = [];

  send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}

let database: TestDatabase;
let orm: MikroORM;
let settings: Settings;
let factory: Factory;
const logger = createLogger('silent');
const resolver = new NotificationResolver();
const statements: string[] = [];
/** What the resolver is told of a client's selection when called directly: `{ totalCount }` (read with the first page). */
const ASKS_TOTAL = {
  fieldNodes: [
    (parse('{ notifications { totalCount } }').definitions[0] as OperationDefinitionNode).selectionSet.selections[0],
  ],
  fragments: {},
} as unknown as GraphQLResolveInfo;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureJobSchema(database.url);
  orm = await openTestOrm(database.url, { onQuery: (sql) => statements.push(sql) });
  settings = loadSettings({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-notifications-')),
    LOG_LEVEL: 'silent',
  });
  factory = new Factory({ settings } as Application, orm);
});

function contextOf(account?: Account<unknown>): Promise<Context> {
  return createContext(
    {
      em: orm.em,
      logger,
      settings,
      events: new AppointmentEventHub(orm, logger),
      messages: new MessageHub(orm, logger),
      notifications: new NotificationHub(orm, logger),
      bedEvents: new BedEventHub(logger),
    },
    {
      requestId: randomUUID(),
      clientAddress: '127.0.0.1',
      authorization: account ? `Bearer ${account.token}` : undefined,
    },
  );
}

function page(first?: number, after?: string): PageArgs {
  return Object.assign(new PageArgs(), { first, after });
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function booking() {
  const patient = await factory.patient({ firstName: 'Ada', lastName: 'Lovelace' });
  const doctor = await factory.doctor({ firstName: 'Ana', lastName: 'Ruiz', specialization: 'Cardiology' });
  const appointment = await factory.appointment(patient.profile, doctor.profile, {
    startsAt: new Date('2027-03-02T08:30:00.000Z'),
    reason: REASON,
  });
  return { patient, doctor, appointment };
}

function notify(appointmentId: string, kind: AppointmentNotificationKind): Promise<Notification[]> {
  return orm.em.fork().transactional((tx) => notifyAppointmentEvent(tx, { appointmentId, kind }));
}

function sendJobsFor(notificationIds: string[]) {
  return database.query<{ notification_id: string }>(
    `select e->>'notificationId' as notification_id
     from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id,
          json_array_elements(case when json_typeof(p.payload) = 'array' then p.payload else json_build_array(p.payload) end) e
     where j.task_identifier = 'send-notifications' and e->>'notificationId' = any($1::text[])`,
    [notificationIds],
  );
}

describe('notifyAppointmentEvent', () => {
  it('tells the patient and the doctor of a booking, in their own words, and queues one e-mail each', async () => {
    const { patient, doctor, appointment } = await booking();
    const created = await notify(appointment.id, NotificationKind.APPOINTMENT_BOOKED);
    expect(created.map((n) => n.user.id).sort()).toEqual([patient.user.id, doctor.user.id].sort());

    const rows = await database.query<{ user_id: string; kind: string; title: string; body: string }>(
      `select user_id, kind, title, body from notification where appointment_id = $1 order by title`,
      [appointment.id],
    );
    expect(rows).toEqual([
      {
        user_id: patient.user.id,
        kind: 'APPOINTMENT_BOOKED',
        title: 'Appointment booked',
        body: "Your appointment with Dr Ana Ruiz (Cardiology) on Tuesday 2 March 2027, 09:30 (Europe/Berlin) is booked and awaits the doctor's confirmation.",
      },
      {
        user_id: doctor.user.id,
        kind: 'APPOINTMENT_BOOKED',
        title: 'New appointment request',
        body: 'Ada Lovelace booked an appointment with you on Tuesday 2 March 2027, 09:30 (Europe/Berlin).',
      },
    ]);
    expect((await sendJobsFor(created.map((n) => n.id))).map((j) => j.notification_id).sort()).toEqual(
      created.map((n) => n.id).sort(),
    );
  });

  it('tells only the patient of a confirmation, and says nothing clinical', async () => {
    const { patient, appointment } = await booking();
    const [confirmed, ...others] = await notify(appointment.id, NotificationKind.APPOINTMENT_CONFIRMED);
    expect(others).toEqual([]);
    expect(confirmed!.user.id).toBe(patient.user.id);
    expect(confirmed!.title).toBe('Appointment confirmed');
    expect(confirmed!.body).toBe(
      'Your appointment with Dr Ana Ruiz (Cardiology) on Tuesday 2 March 2027, 09:30 (Europe/Berlin) is confirmed.',
    );
    const appointmentKinds = Object.values(NotificationKind).filter((kind): kind is AppointmentNotificationKind =>
      kind.startsWith('APPOINTMENT_'),
    );
    for (const kind of appointmentKinds) {
      for (const notification of await notify(appointment.id, kind)) {
        for (const clinical of [REASON, 'Quokka', 'migraine', 'Penicillin', 'Asthma']) {
          expect(`${notification.title} ${notification.body}`).not.toContain(clinical);
        }
      }
    }
  });

  it('writes nothing and queues nothing when the transaction rolls back', async () => {
    const { appointment } = await booking();
    let created: Notification[] = [];
    await expect(
      orm.em.fork().transactional(async (tx) => {
        created = await notifyAppointmentEvent(tx, {
          appointmentId: appointment.id,
          kind: NotificationKind.APPOINTMENT_CANCELLED,
        });
        throw new Error('the cancellation failed');
      }),
    ).rejects.toThrow('the cancellation failed');
    expect(created).toHaveLength(2);
    expect(await database.query(`select 1 from notification where appointment_id = $1`, [appointment.id])).toEqual([]);
    expect(await sendJobsFor(created.map((n) => n.id))).toEqual([]);
  });
});

describe('notifications, unreadNotificationCount and markNotificationRead', () => {
  let patient: Account<Patient>;
  let doctor: Account<Doctor>;
  let other: Account<Patient>;
  let newestFirst: string[];

  beforeAll(async () => {
    const booked = await booking();
    patient = booked.patient;
    doctor = booked.doctor;
    other = await factory.patient();
    const otherAppointment = await factory.appointment(other.profile, doctor.profile);
    await notify(otherAppointment.id, NotificationKind.APPOINTMENT_BOOKED);
    const ids: string[] = [];
    for (const kind of <AppointmentNotificationKind[]>[
      NotificationKind.APPOINTMENT_BOOKED,
      NotificationKind.APPOINTMENT_CONFIRMED,
      NotificationKind.APPOINTMENT_RESCHEDULED,
      NotificationKind.APPOINTMENT_REMINDER,
    ]) {
      const created = await notify(booked.appointment.id, kind);
      ids.push(created.find((n) => n.user.id === patient.user.id)!.id);
      await sleep(5);
    }
    newestFirst = ids.reverse();
  });

  it("lists the signed-in user's own notifications, newest first, page by page", async () => {
    const first = await resolver.notifications(null, page(3), await contextOf(patient), ASKS_TOTAL);
    expect(first.edges.map((e) => e.node.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(await Promise.resolve(first.totalCount)).toBe(4);
    const second = await resolver.notifications(
      null,
      page(3, first.pageInfo.endCursor!),
      await contextOf(patient),
      ASKS_TOTAL,
    );
    expect(second.edges.map((e) => e.node.id)).toEqual(newestFirst.slice(3));
    expect(second.pageInfo.hasNextPage).toBe(false);

    const doctors = await resolver.notifications(null, page(), await contextOf(doctor), ASKS_TOTAL);
    expect(doctors.edges.map((e) => e.node.kind)).toEqual([
      NotificationKind.APPOINTMENT_BOOKED,
      NotificationKind.APPOINTMENT_BOOKED,
    ]);
    const others = await resolver.notifications(null, page(), await contextOf(other), ASKS_TOTAL);
    expect(others.edges.map((e) => e.node.title)).toEqual(['Appointment booked']);
  });

  it('marks read for the owner only, idempotently, and filters and counts unread', async () => {
    const ctx = await contextOf(patient);
    expect(await resolver.unreadNotificationCount(ctx)).toBe(4);
    const read = await resolver.markNotificationRead(newestFirst[1]!, await contextOf(patient));
    expect(read.readAt).toBeInstanceOf(Date);
    const again = await resolver.markNotificationRead(newestFirst[1]!, await contextOf(patient));
    expect(again.readAt!.getTime()).toBe(read.readAt!.getTime());

    const unread = await resolver.notifications(true, page(), await contextOf(patient), ASKS_TOTAL);
    expect(unread.edges.map((e) => e.node.id)).toEqual([newestFirst[0], newestFirst[2], newestFirst[3]]);
    expect(await Promise.resolve(unread.totalCount)).toBe(3);
    expect(await resolver.unreadNotificationCount(await contextOf(patient))).toBe(3);
    const all = await resolver.notifications(false, page(), await contextOf(patient), ASKS_TOTAL);
    expect(all.edges).toHaveLength(4);

    const someoneElses = await rejection(resolver.markNotificationRead(newestFirst[0]!, await contextOf(other)));
    const missing = await rejection(resolver.markNotificationRead(randomUUID(), await contextOf(other)));
    expect([someoneElses.code, someoneElses.message]).toEqual(['NOT_FOUND', 'Notification not found.']);
    expect([missing.code, missing.message]).toEqual([someoneElses.code, someoneElses.message]);
    const [row] = await database.query<{ read_at: Date | null }>(`select read_at from notification where id = $1`, [
      newestFirst[0],
    ]);
    expect(row!.read_at).toBeNull();
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const anonymous = await contextOf();
    for (const call of [
      () => resolver.notifications(null, page(), anonymous, ASKS_TOTAL),
      () => resolver.unreadNotificationCount(anonymous),
      () => resolver.markNotificationRead(newestFirst[0]!, anonymous),
    ]) {
      expect((await rejection(call)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers through GraphQL with the fields of the type', async () => {
    const schema: GraphQLSchema = await buildAppSchema();
    const contextValue = await contextOf(patient);
    statements.length = 0;
    const result = await graphql({
      schema,
      source: `query { unreadNotificationCount notifications(unreadOnly: true, first: 1) {
        totalCount pageInfo { hasNextPage } edges { cursor node { id kind title body appointmentId createdAt readAt } } } }`,
      contextValue,
    });
    expect(result.errors).toBeUndefined();
    // The bell's count and page, with its total: one statement (no job runs on this ORM).
    expect(statements, statements.join('\n')).toHaveLength(1);
    expect(result.data).toMatchObject({
      unreadNotificationCount: 3,
      notifications: {
        totalCount: 3,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { id: newestFirst[0], kind: 'APPOINTMENT_REMINDER', readAt: null } }],
      },
    });
    const marked = await graphql({
      schema,
      source: `mutation ($id: ID!) { markNotificationRead(id: $id) { id readAt } }`,
      variableValues: { id: newestFirst[0] },
      contextValue: await contextOf(other),
    });
    expect((marked.errors?.[0]?.originalError as AppError | undefined)?.code).toBe('NOT_FOUND');
  });
});

describe('the job runner', () => {
  it('starts again by itself when graphile-worker stops it, and runs the jobs that stopped with it', async () => {
    // Completing a job fails while `refuse_completion` holds a row: graphile-worker then shuts the
    // pool down ("queue is in an inconsistent state"), the job left locked in its name.
    await database.query(`create table refuse_completion (id int)
      ; insert into refuse_completion values (1)
      ; create function refuse_completion() returns trigger language plpgsql as $$
        begin
          if old.payload->>'test' = 'completion' and exists (select 1 from refuse_completion) then
            raise exception 'completion refused by the test';
          end if;
          return old;
        end $$
      ; create trigger refuse_completion before delete on graphile_worker._private_jobs
          for each row execute function refuse_completion()`);
    const runs: number[] = [];
    const runner = await startJobRunner({
      databaseUrl: database.url,
      logger,
      settings,
      orm,
      transport: new StubTransport(),
      tasks: { 'test-completion': () => void runs.push(Date.now()) },
    });
    try {
      await expect.poll(() => runner.isHealthy(), { timeout: 5_000 }).toBe(true);
      await database.query(`select graphile_worker.add_job('test-completion', '{"test": "completion"}')`);
      await expect.poll(() => runs.length, { timeout: 5_000 }).toBe(1);
      await expect.poll(() => runner.isHealthy(), { timeout: 5_000 }).toBe(false);
      const [stuck] = await database.query<{ locked: boolean }>(
        `select locked_at is not null as locked from graphile_worker._private_jobs where payload->>'test' = 'completion'`,
      );
      expect(stuck).toEqual({ locked: true });

      // Completions work again: the runner comes back, frees the job and runs it to its end.
      await database.query('delete from refuse_completion');
      await expect.poll(() => runner.isHealthy(), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => runs.length, { timeout: 5_000 }).toBe(2);
      await expect
        .poll(
          () => database.query(`select id from graphile_worker._private_jobs where payload->>'test' = 'completion'`),
          {
            timeout: 5_000,
          },
        )
        .toEqual([]);
    } finally {
      await runner.stop();
      await database.query('drop trigger refuse_completion on graphile_worker._private_jobs');
    }
  });

  it('sends a committed notification through the transport and completes the job', async () => {
    const transport = new StubTransport();
    const runner = await startJobRunner({ databaseUrl: database.url, logger, settings, orm, transport });
    try {
      const { patient, appointment } = await booking();
      const [notification] = await notify(appointment.id, NotificationKind.APPOINTMENT_CONFIRMED);
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && !transport.sent.some((m) => m.notificationId === notification!.id)) {
        await sleep(50);
      }
      expect(transport.sent.find((m) => m.notificationId === notification!.id)).toEqual({
        to: patient.user.email,
        subject: 'Appointment confirmed',
        text: notification!.body,
        kind: NotificationKind.APPOINTMENT_CONFIRMED,
        notificationId: notification!.id,
      });
      while (Date.now() < deadline && (await sendJobsFor([notification!.id])).length > 0) {
        await sleep(50);
      }
      expect(await sendJobsFor([notification!.id])).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it("sends a booking's two e-mails from one job, and retries only the one that failed", async () => {
    const { patient, doctor, appointment } = await booking();
    const created = await notify(appointment.id, NotificationKind.APPOINTMENT_BOOKED);
    const jobs = await database.query<{ id: string; payload: unknown }>(
      `select p.id, p.payload from graphile_worker._private_jobs p
        where p.payload::text like '%' || $1 || '%' and p.payload::text like '%' || $2 || '%'`,
      [created[0]!.id, created[1]!.id],
    );
    expect(jobs).toHaveLength(1);
    // The doctor's mail server refuses once: the patient's e-mail is not sent twice.
    const transport = new StubTransport();
    let refused = false;
    const send = transport.send.bind(transport);
    transport.send = (message) => {
      if (message.to === doctor.user.email && !refused) {
        refused = true;
        return Promise.reject(new Error('mailbox busy'));
      }
      return send(message);
    };
    const runner = await startJobRunner({ databaseUrl: database.url, logger, settings, orm, transport });
    try {
      const sentTo = (email: string) => transport.sent.filter((m) => m.to === email).length;
      await expect.poll(() => sentTo(patient.user.email), { timeout: 5_000 }).toBe(1);
      // The failed entry waits for its retry, alone. The worker records the failure after the
      // patient's e-mail has gone, so wait for the job's first attempt to be written back.
      const retryPayload = async () => {
        const [job] = await database.query<{ payload: { notificationId: string }[]; last_error: string | null }>(
          `select payload, last_error from graphile_worker._private_jobs where id = $1`,
          [jobs[0]!.id],
        );
        return !job?.last_error ? null : job.payload.map((item) => item.notificationId);
      };
      await expect
        .poll(retryPayload, { timeout: 5_000 })
        .toEqual([created.find((n) => n.user.id === doctor.user.id)!.id]);
      await database.query(`update graphile_worker._private_jobs set run_at = now() where id = $1`, [jobs[0]!.id]);
      await expect.poll(() => sentTo(doctor.user.email), { timeout: 10_000 }).toBe(1);
      expect(sentTo(patient.user.email)).toBe(1);
    } finally {
      await runner.stop();
    }
  });
});
