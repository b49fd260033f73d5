import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.js';
import type { ReminderLead } from './messages.js';
import { NotificationKind, type Notification } from './notification.entity.js';
import {
  createAppointmentNotifications,
  deliverNotification,
  enqueueSend,
  loadAppointmentForNotice,
  type DeliveryDependencies,
} from './notification.service.js';
import { deferJob, deferRemoveJob, requireTransaction } from './queue.js';
import { queueReminderText } from './text-messages.js';

export type { ReminderLead } from './messages.js';

/** The job that reminds a patient of an upcoming appointment. */
export const APPOINTMENT_REMINDER = 'appointment-reminder';

/** Reminders go out this long before the start. */
export const REMINDER_LEADS: Readonly<Record<ReminderLead, number>> = {
  '24h': 24 * 60 * 60_000,
  '2h': 2 * 60 * 60_000,
};
const LEADS = Object.keys(REMINDER_LEADS) as ReminderLead[];

/** A late reminder is worthless: a few retries, then give up (the handler also skips past starts). */
export const REMINDER_ATTEMPTS = 5;

export interface AppointmentReminderPayload {
  readonly appointmentId: string;
  readonly lead: ReminderLead;
  /** The start the reminder was scheduled for (ISO): a mismatch means it is stale. */
  readonly startsAt: string;
}

const reminderPayload = z.object({
  appointmentId: z.string().refine(isUuid, 'must be a UUID'),
  lead: z.enum(['24h', '2h']),
  startsAt: z.string().optional(),
});

/** One key per appointment and lead: scheduling again moves the job, never duplicates it. */
export function reminderJobKey(appointmentId: string, lead: ReminderLead): string {
  return `reminder:${appointmentId}:${lead}`;
}

/**
 * Schedules (or moves, after a reschedule) the 24 h and 2 h reminders of an appointment, in the
 * caller's transaction (sent with its other deferred jobs at the commit): they exist if and only if
 * the booking commits. A reminder whose time has
 * passed is not scheduled, and any earlier one under its key is dropped. Returns the leads
 * scheduled.
 */
export function scheduleAppointmentReminders(
  tx: EntityManager,
  appointment: { readonly id: string; readonly startsAt: Date },
  now: Date = new Date(),
): ReminderLead[] {
  requireTransaction(tx, 'scheduleAppointmentReminders');
  const scheduled: ReminderLead[] = [];
  for (const lead of LEADS) {
    const key = reminderJobKey(appointment.id, lead);
    const runAt = new Date(appointment.startsAt.getTime() - REMINDER_LEADS[lead]);
    if (runAt.getTime() <= now.getTime()) {
      deferRemoveJob(tx, key);
      continue;
    }
    const payload: AppointmentReminderPayload = {
      appointmentId: appointment.id,
      lead,
      startsAt: appointment.startsAt.toISOString(),
    };
    deferJob(tx, APPOINTMENT_REMINDER, payload, { runAt, jobKey: key, maxAttempts: REMINDER_ATTEMPTS });
    scheduled.push(lead);
  }
  return scheduled;
}

/** Drops both reminders of an appointment (cancelled, or otherwise over), in the caller's transaction. */
export function dropAppointmentReminders(tx: EntityManager, appointmentId: string): void {
  requireTransaction(tx, 'dropAppointmentReminders');
  for (const lead of LEADS) {
    deferRemoveJob(tx, reminderJobKey(appointmentId, lead));
  }
}

/**
 * The `appointment-reminder` task. Does nothing unless the appointment is still active, still
 * starts when the reminder was scheduled for, and has not started yet; otherwise writes the
 * patient's in-app reminder (once: a re-run finds it) and hands it to the transport. A transport
 * failure does not repeat the reminder: the e-mail is queued as a `send-notification` job instead.
 * Returns the notifications written.
 */
export async function handleAppointmentReminder(
  deps: DeliveryDependencies,
  rawPayload: unknown,
  now: Date = new Date(),
): Promise<Notification[]> {
  const payload = reminderPayload.parse(rawPayload);
  const em = deps.orm.em.fork();
  const created = await em.transactional(async (tx) => {
    const appointment = await loadAppointmentForNotice(tx, payload.appointmentId);
    if (
      !appointment ||
      !ACTIVE_STATUSES.includes(appointment.status) ||
      (payload.startsAt !== undefined && appointment.startsAt.getTime() !== Date.parse(payload.startsAt)) ||
      appointment.startsAt.getTime() <= now.getTime()
    ) {
      deps.logger.debug({ appointmentId: payload.appointmentId, lead: payload.lead }, 'reminder no longer due');
      return [];
    }
    const notifications = await createAppointmentNotifications(
      tx,
      appointment,
      NotificationKind.APPOINTMENT_REMINDER,
      ['patient'],
      { lead: payload.lead, once: true },
    );
    // The day before, a text message too for a patient who asked for them (once: a re-run writes no notification).
    if (payload.lead === '24h' && notifications.length > 0) {
      await queueReminderText(tx, appointment);
    }
    return notifications;
  });
  for (const notification of created) {
    try {
      await deliverNotification(deps, notification.id);
    } catch (error) {
      deps.logger.warn(
        { notificationId: notification.id, kind: notification.kind, error: (error as Error).name },
        'sending the reminder failed; queued for retry',
      );
      await em.fork().transactional((tx) => enqueueSend(tx, notification.id));
    }
  }
  return created;
}
