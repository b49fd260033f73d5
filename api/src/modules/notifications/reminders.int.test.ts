import type { MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { loadSettings } from '../../config/settings.js';
import type { Application } from '../../server/bootstrap.js';
import { createLogger } from '../../shared/logger.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { ensureJobSchema } from './jobs.js';
import { NotificationKind } from './notification.entity.js';
import {
  APPOINTMENT_REMINDER,
  dropAppointmentReminders,
  handleAppointmentReminder,
  reminderJobKey,
  scheduleAppointmentReminders,
} from './reminders.js';
import { LogTransport, type OutgoingMessage, type Transport } from './transport.js';

const HOUR = 3_600_000;
const REASON = 'Zebra-7 chest pain after the new medication';

class StubTransport implements Transport {
  readonly name = 'stub';
  readonly sent: OutgoingMessage[] = [];
  failing = false;

  send(message: OutgoingMessage): Promise<void> {
    if (this.failing) {
      return Promise.reject(new Error('SMTP is down'));
    }
    this.sent.push(message);
    return Promise.resolve();
  }
}

interface JobRow {
  key: string;
  task_identifier: string;
  run_at: Date;
  payload: { appointmentId: string; lead: string; startsAt: string };
}

let database: TestDatabase;
let orm: MikroORM;
let factory: Factory;
const silent = createLogger('silent');

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureJobSchema(database.url);
  orm = await openTestOrm(database.url);
  const settings = loadSettings({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-reminders-')),
    LOG_LEVEL: 'silent',
  });
  factory = new Factory({ settings } as Application, orm);
});

/** A fresh patient and doctor each time: appointments of different tests never overlap. */
async function appointmentAt(startsAt: Date, status = AppointmentStatus.CONFIRMED) {
  const patient = await factory.patient({ firstName: 'Ada', lastName: 'Lovelace' });
  const doctor = await factory.doctor({ firstName: 'Ana', lastName: 'Ruiz', specialization: 'Cardiology' });
  const appointment = await factory.appointment(patient.profile, doctor.profile, { startsAt, status, reason: REASON });
  return { patient, doctor, appointment };
}

function jobsOf(appointmentId: string): Promise<JobRow[]> {
  return database.query<JobRow>(
    `select j.key, j.task_identifier, j.run_at, p.payload
     from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
     where j.key like $1 order by j.run_at`,
    [`reminder:${appointmentId}:%`],
  );
}

function schedule(appointment: { id: string; startsAt: Date }) {
  return orm.em.fork().transactional((tx) => scheduleAppointmentReminders(tx, appointment));
}

function inHours(hours: number): Date {
  // whole minutes, like real slots
  return new Date(Math.ceil((Date.now() + hours * HOUR) / 60_000) * 60_000);
}

describe('scheduleAppointmentReminders', () => {
  it('schedules two reminders, 24 h and 2 h before the start, under one key each', async () => {
    const { appointment } = await appointmentAt(inHours(72));
    expect(await schedule(appointment)).toEqual(['24h', '2h']);
    const jobs = await jobsOf(appointment.id);
    expect(jobs.map((job) => [job.task_identifier, job.key, job.run_at.getTime()])).toEqual([
      [APPOINTMENT_REMINDER, reminderJobKey(appointment.id, '24h'), appointment.startsAt.getTime() - 24 * HOUR],
      [APPOINTMENT_REMINDER, reminderJobKey(appointment.id, '2h'), appointment.startsAt.getTime() - 2 * HOUR],
    ]);
    expect(jobs[0]!.payload).toEqual({
      appointmentId: appointment.id,
      lead: '24h',
      startsAt: appointment.startsAt.toISOString(),
    });
  });

  it('moves both reminders on reschedule, and drops them on cancel', async () => {
    const { appointment } = await appointmentAt(inHours(72));
    await schedule(appointment);
    const moved = new Date(appointment.startsAt.getTime() + 26 * HOUR);
    await schedule({ id: appointment.id, startsAt: moved });
    const jobs = await jobsOf(appointment.id);
    expect(jobs.map((job) => job.run_at.getTime())).toEqual([moved.getTime() - 24 * HOUR, moved.getTime() - 2 * HOUR]);
    expect(jobs.map((job) => job.payload.startsAt)).toEqual([moved.toISOString(), moved.toISOString()]);

    await orm.em.fork().transactional((tx) => dropAppointmentReminders(tx, appointment.id));
    expect(await jobsOf(appointment.id)).toEqual([]);
  });

  it('leaves no job when the transaction rolls back', async () => {
    const { appointment } = await appointmentAt(inHours(72));
    await expect(
      orm.em.fork().transactional(async (tx) => {
        scheduleAppointmentReminders(tx, appointment);
        throw new Error('the booking failed after all');
      }),
    ).rejects.toThrow('the booking failed after all');
    expect(await jobsOf(appointment.id)).toEqual([]);
  });

  it('schedules only reminders still in the future, and drops those moved into the past', async () => {
    const soon = await appointmentAt(inHours(1.5));
    expect(await schedule(soon.appointment)).toEqual([]);
    expect(await jobsOf(soon.appointment.id)).toEqual([]);

    const later = await appointmentAt(inHours(72));
    await schedule(later.appointment);
    expect(await schedule({ id: later.appointment.id, startsAt: inHours(10) })).toEqual(['2h']);
    expect((await jobsOf(later.appointment.id)).map((job) => job.key)).toEqual([
      reminderJobKey(later.appointment.id, '2h'),
    ]);
    expect(await schedule({ id: later.appointment.id, startsAt: inHours(1) })).toEqual([]);
    expect(await jobsOf(later.appointment.id)).toEqual([]);
  });

  it('refuses to run outside a transaction', async () => {
    const { appointment } = await appointmentAt(inHours(72));
    expect(() => scheduleAppointmentReminders(orm.em.fork(), appointment)).toThrow(/transaction/);
    expect(await jobsOf(appointment.id)).toEqual([]);
  });
});

describe('the appointment-reminder task', () => {
  async function due(hoursAhead = 2) {
    const booked = await appointmentAt(inHours(hoursAhead));
    const payload = {
      appointmentId: booked.appointment.id,
      lead: '2h',
      startsAt: booked.appointment.startsAt.toISOString(),
    };
    return { ...booked, payload };
  }

  function notificationsOf(account: Account<Patient | Doctor>) {
    return database.query<{ kind: string; title: string; body: string; appointment_id: string; read_at: Date | null }>(
      `select kind, title, body, appointment_id, read_at from notification where user_id = $1`,
      [account.user.id],
    );
  }

  it('writes the patient an in-app reminder without clinical detail, and sends it', async () => {
    const { patient, doctor, appointment, payload } = await due();
    const transport = new StubTransport();
    const created = await handleAppointmentReminder({ orm, transport, logger: silent }, payload);
    expect(created).toHaveLength(1);

    const [notification, ...others] = await notificationsOf(patient);
    expect(others).toEqual([]);
    expect(notification).toMatchObject({
      kind: NotificationKind.APPOINTMENT_REMINDER,
      title: 'Appointment reminder',
      appointment_id: appointment.id,
      read_at: null,
    });
    expect(notification!.body).toContain('Dr Ana Ruiz (Cardiology)');
    expect(notification!.body).toContain('(Europe/Berlin), in 2 hours.');
    for (const clinical of [REASON, 'Zebra', 'chest', 'Penicillin', 'Asthma']) {
      expect(notification!.body).not.toContain(clinical);
      expect(notification!.title).not.toContain(clinical);
    }
    expect(await notificationsOf(doctor)).toEqual([]);

    expect(transport.sent).toEqual([
      {
        to: patient.user.email,
        subject: 'Appointment reminder',
        text: notification!.body,
        kind: NotificationKind.APPOINTMENT_REMINDER,
        notificationId: created[0]!.id,
      },
    ]);

    // A job that runs again says nothing twice.
    expect(await handleAppointmentReminder({ orm, transport, logger: silent }, payload)).toEqual([]);
    expect(await notificationsOf(patient)).toHaveLength(1);
    expect(transport.sent).toHaveLength(1);
  });

  it('logs through the log transport with a masked address and no text', async () => {
    const { patient, payload } = await due();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await handleAppointmentReminder({ orm, transport: new LogTransport(logger), logger }, payload);
    const sent = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l['msg'] === 'notification sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: NotificationKind.APPOINTMENT_REMINDER, to: `p***@example.com` });
    expect(patient.user.email).toMatch(/^p.*@example\.com$/);
    const everything = lines.join('\n');
    for (const secret of [patient.user.email, 'Lovelace', 'Ruiz', 'Reminder:', REASON]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('does nothing for a cancelled, moved or already started appointment', async () => {
    const transport = new StubTransport();
    const deps = { orm, transport, logger: silent };

    const cancelled = await appointmentAt(inHours(2), AppointmentStatus.CANCELLED);
    await handleAppointmentReminder(deps, {
      appointmentId: cancelled.appointment.id,
      lead: '2h',
      startsAt: cancelled.appointment.startsAt.toISOString(),
    });
    expect(await notificationsOf(cancelled.patient)).toEqual([]);

    const moved = await due();
    await handleAppointmentReminder(deps, {
      ...moved.payload,
      startsAt: new Date(moved.appointment.startsAt.getTime() - HOUR).toISOString(),
    });
    expect(await notificationsOf(moved.patient)).toEqual([]);

    const started = await due(-0.25);
    await handleAppointmentReminder(deps, started.payload);
    expect(await notificationsOf(started.patient)).toEqual([]);
    expect(transport.sent).toEqual([]);
  });

  it('queues the e-mail for a retry when the transport fails, without a second reminder', async () => {
    const { patient, payload } = await due();
    const transport = new StubTransport();
    transport.failing = true;
    const [created] = await handleAppointmentReminder({ orm, transport, logger: silent }, payload);
    expect(await notificationsOf(patient)).toHaveLength(1);
    const jobs = await database.query(
      `select j.task_identifier from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id,
            json_array_elements(case when json_typeof(p.payload) = 'array' then p.payload else json_build_array(p.payload) end) e
       where e->>'notificationId' = $1`,
      [created!.id],
    );
    expect(jobs).toEqual([{ task_identifier: 'send-notifications' }]);
  });

  it('rejects a malformed payload', async () => {
    await expect(
      handleAppointmentReminder({ orm, transport: new StubTransport(), logger: silent }, { appointmentId: 'x' }),
    ).rejects.toThrow();
  });
});
