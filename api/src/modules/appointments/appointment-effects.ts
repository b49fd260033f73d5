import type { EntityManager } from '@mikro-orm/postgresql';
import { notifyAppointmentEvent } from '../notifications/notification.service.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { dropAppointmentReminders, scheduleAppointmentReminders } from '../notifications/reminders.js';
import { AppointmentEventKind } from './appointment-event.type.js';
import { publishAppointmentEvent } from './appointment-events.js';
import type { Appointment } from './appointment.entity.js';

const NOTIFIED: Partial<Record<AppointmentEventKind, NotificationKind>> = {
  [AppointmentEventKind.BOOKED]: NotificationKind.APPOINTMENT_BOOKED,
  [AppointmentEventKind.CONFIRMED]: NotificationKind.APPOINTMENT_CONFIRMED,
  [AppointmentEventKind.RESCHEDULED]: NotificationKind.APPOINTMENT_RESCHEDULED,
  [AppointmentEventKind.CANCELLED]: NotificationKind.APPOINTMENT_CANCELLED,
};

/**
 * What follows a change, written inside its transaction so it happens if and only if the change
 * commits: reminders (24 h and 2 h before; moved on reschedule, dropped when the appointment
 * ends its life), in-app notifications with their e-mails queued, and the live event.
 */
export async function appointmentSideEffects(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
): Promise<void> {
  switch (kind) {
    case AppointmentEventKind.BOOKED:
    case AppointmentEventKind.RESCHEDULED:
      await scheduleAppointmentReminders(tx, appointment);
      break;
    case AppointmentEventKind.CANCELLED:
    case AppointmentEventKind.COMPLETED:
    case AppointmentEventKind.NO_SHOW:
      await dropAppointmentReminders(tx, appointment.id);
      break;
    case AppointmentEventKind.CONFIRMED:
    case AppointmentEventKind.CHECKED_IN:
      break;
  }
  const notification = NOTIFIED[kind];
  if (notification) {
    await notifyAppointmentEvent(tx, { appointmentId: appointment.id, kind: notification });
  }
  await publishAppointmentEvent(tx, appointment.id, kind);
}
