import { DateTime } from 'luxon';
import { cachedZone } from '../../shared/zone-cache.js';
import { NotificationKind, type AppointmentNotificationKind } from './notification.entity.js';

/** How long before the start a reminder goes out. */
export type ReminderLead = '24h' | '2h';

/** Who a message is written for. */
export type Audience = 'patient' | 'doctor';

/**
 * Everything a message may say about an appointment: who, and when. Deliberately no reason,
 * diagnosis, note or medication, so no message can carry clinical detail.
 */
export interface AppointmentFacts {
  readonly startsAt: Date;
  readonly doctor: {
    readonly firstName: string;
    readonly lastName: string;
    readonly specialization: string;
    /** IANA zone every time is written in, and named. */
    readonly timezone: string;
  };
  readonly patient: { readonly firstName: string; readonly lastName: string };
}

export interface MessageText {
  readonly title: string;
  readonly body: string;
}

/** "Tuesday 3 March 2026, 09:30 (Europe/Berlin)": the doctor's zone, named. */
export function formatWhen(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone: cachedZone(zone) }).setLocale('en-GB');
  const inZone = local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' }).setLocale('en-GB');
  return `${inZone.toFormat('cccc d LLLL yyyy, HH:mm')} (${inZone.zoneName ?? 'UTC'})`;
}

const LEAD_WORDS: Record<ReminderLead, string> = { '24h': 'in 24 hours', '2h': 'in 2 hours' };

/** The title and body of one notification: what happened and when, in the recipient's words. */
export function appointmentMessage(
  kind: AppointmentNotificationKind,
  audience: Audience,
  facts: AppointmentFacts,
  lead?: ReminderLead,
): MessageText {
  const when = formatWhen(facts.startsAt, facts.doctor.timezone);
  const doctor = `Dr ${facts.doctor.firstName} ${facts.doctor.lastName} (${facts.doctor.specialization})`;
  const patient = `${facts.patient.firstName} ${facts.patient.lastName}`;
  if (audience === 'patient') {
    switch (kind) {
      case NotificationKind.APPOINTMENT_BOOKED:
        return {
          title: 'Appointment booked',
          body: `Your appointment with ${doctor} on ${when} is booked and awaits the doctor's confirmation.`,
        };
      case NotificationKind.APPOINTMENT_CONFIRMED:
        return { title: 'Appointment confirmed', body: `Your appointment with ${doctor} on ${when} is confirmed.` };
      case NotificationKind.APPOINTMENT_CANCELLED:
        return {
          title: 'Appointment cancelled',
          body: `Your appointment with ${doctor} on ${when} has been cancelled.`,
        };
      case NotificationKind.APPOINTMENT_RESCHEDULED:
        return { title: 'Appointment rescheduled', body: `Your appointment with ${doctor} has moved to ${when}.` };
      case NotificationKind.APPOINTMENT_REMINDER:
        return {
          title: 'Appointment reminder',
          body: `Reminder: your appointment with ${doctor} is on ${when}${lead ? `, ${LEAD_WORDS[lead]}` : ''}.`,
        };
      case NotificationKind.WAITLIST_OFFER:
        return waitlistOfferMessage(facts, facts.startsAt);
    }
  }
  switch (kind) {
    case NotificationKind.APPOINTMENT_BOOKED:
      return { title: 'New appointment request', body: `${patient} booked an appointment with you on ${when}.` };
    case NotificationKind.APPOINTMENT_CONFIRMED:
      return { title: 'Appointment confirmed', body: `Your appointment with ${patient} on ${when} is confirmed.` };
    case NotificationKind.APPOINTMENT_CANCELLED:
      return {
        title: 'Appointment cancelled',
        body: `The appointment with ${patient} on ${when} has been cancelled.`,
      };
    case NotificationKind.APPOINTMENT_RESCHEDULED:
      return { title: 'Appointment rescheduled', body: `The appointment with ${patient} has moved to ${when}.` };
    case NotificationKind.APPOINTMENT_REMINDER:
      return {
        title: 'Appointment reminder',
        body: `Reminder: your appointment with ${patient} is on ${when}${lead ? `, ${LEAD_WORDS[lead]}` : ''}.`,
      };
    case NotificationKind.WAITLIST_OFFER:
      return waitlistOfferMessage(facts, facts.startsAt);
  }
}

/**
 * A waitlist offer, to the patient: which doctor, when, and until when it is held. Names neither
 * the specialisation nor anything the patient said (the e-mail carries the same text).
 */
export function waitlistOfferMessage(
  facts: Pick<AppointmentFacts, 'startsAt' | 'doctor'>,
  expiresAt: Date,
): MessageText {
  const when = formatWhen(facts.startsAt, facts.doctor.timezone);
  const until = formatWhen(expiresAt, facts.doctor.timezone);
  return {
    title: 'A slot you waited for is free',
    body:
      `A slot with Dr ${facts.doctor.firstName} ${facts.doctor.lastName} on ${when} is held for you until ${until}. ` +
      'Sign in to accept it; after that it goes to the next person waiting.',
  };
}
