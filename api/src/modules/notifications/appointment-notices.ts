import type { EntityManager } from '@mikro-orm/postgresql';
import { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import type { ChangeDetails } from '../appointments/appointment-effects.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { notifyAppointmentEvent } from './notification.service.js';
import { NotificationKind, type AppointmentNotificationKind } from './notification.entity.js';
import { dropAppointmentReminders, scheduleAppointmentReminders } from './reminders.js';
import { queueChangeText } from './text-messages.js';
import type { Actor } from '../identity/actor.js';

const NOTIFIED: Partial<Record<AppointmentEventKind, AppointmentNotificationKind>> = {
  [AppointmentEventKind.BOOKED]: NotificationKind.APPOINTMENT_BOOKED,
  [AppointmentEventKind.CONFIRMED]: NotificationKind.APPOINTMENT_CONFIRMED,
  [AppointmentEventKind.RESCHEDULED]: NotificationKind.APPOINTMENT_RESCHEDULED,
  [AppointmentEventKind.CANCELLED]: NotificationKind.APPOINTMENT_CANCELLED,
};

/**
 * The notices that follow an appointment change, written inside its transaction so they happen if
 * and only if the change commits: reminders (24 h and 2 h before; moved on reschedule, dropped
 * when the appointment ends its life) and in-app notifications with their e-mails queued; a
 * cancellation or move the patient did not make themself is texted to a patient who wants texts.
 * The request context hands it to the appointments module, which knows no notifications.
 */
export async function noticesOnAppointmentChange(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
  _eventId?: string,
  details: ChangeDetails = {},
  /** Who made the change: a patient who cancels or moves their own visit is not texted about it. */
  actor?: Actor,
): Promise<void> {
  switch (kind) {
    case AppointmentEventKind.BOOKED:
    case AppointmentEventKind.RESCHEDULED:
      scheduleAppointmentReminders(tx, appointment);
      break;
    case AppointmentEventKind.CANCELLED:
    case AppointmentEventKind.COMPLETED:
    case AppointmentEventKind.NO_SHOW:
      dropAppointmentReminders(tx, appointment.id);
      break;
    case AppointmentEventKind.CONFIRMED:
    case AppointmentEventKind.CHECKED_IN:
      break;
  }
  const notification = NOTIFIED[kind];
  if (notification) {
    await notifyAppointmentEvent(tx, {
      appointmentId: appointment.id,
      kind: notification,
      appointment,
      people: details.people,
    });
  }
  const byThePatient = actor?.kind === 'user' && actor.patientId === appointment.patient.id;
  if ((kind === AppointmentEventKind.CANCELLED || kind === AppointmentEventKind.RESCHEDULED) && !byThePatient) {
    await queueChangeText(tx, appointment, kind);
  }
}
