import { isValidZone } from '../../shared/zone-cache.js';
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

/** Formatters per zone name (a clinic has few zones), with the name a message gives. */
const whenFormats = new Map<string, { readonly format: Intl.DateTimeFormat; readonly name: string }>();
const MAX_WHEN_FORMATS = 1_000;

function whenFormat(zone: string): { readonly format: Intl.DateTimeFormat; readonly name: string } {
  let known = whenFormats.get(zone);
  if (!known) {
    // An unknown zone is written in UTC, and named so.
    const name = isValidZone(zone) ? zone : 'UTC';
    known = {
      format: new Intl.DateTimeFormat('en-GB', {
        timeZone: name,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      name,
    };
    if (whenFormats.size >= MAX_WHEN_FORMATS) {
      whenFormats.clear();
    }
    whenFormats.set(zone, known);
  }
  return known;
}

/**
 * "Tuesday 3 March 2026, 09:30 (Europe/Berlin)": the doctor's zone, named. One `Intl` formatter per
 * zone, kept (luxon's `toFormat` asked `Intl` anew for the weekday and the month of every message).
 */
export function formatWhen(at: Date, zone: string): string {
  const { format, name } = whenFormat(zone);
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(at)) {
    part[type] = value;
  }
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} (${name})`;
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
