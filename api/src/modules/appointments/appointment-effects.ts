import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppointmentEventKind } from './appointment-event.type.js';
import { ACTIVE_STATUSES, type AppointmentStatus } from './appointment-status.js';
import { publishAppointmentEvent } from './appointment-events.js';
import type { Appointment } from './appointment.entity.js';

/**
 * Work that follows an appointment change inside its transaction (reminders, notifications),
 * supplied by the modules above this one through the request context.
 */
export type AppointmentChangeFollower = (
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
  /** The durable event's id (its `appointment_change` row): the key of work done once per event. */
  eventId: string,
  details?: ChangeDetails,
) => Promise<void>;

/**
 * Who an appointment is between, as far as a notice names and addresses them: what a booking
 * reads of the two accounts with its lock, so its followers need neither entity (nor the
 * patient's chart columns) to write their messages.
 */
export interface AppointmentPeople {
  readonly doctor: {
    readonly userId: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly specialization: string;
    readonly timezone: string;
  };
  readonly patient: { readonly userId: string; readonly firstName: string; readonly lastName: string };
}

/** What a follower may skip work by knowing; unset means "unknown" (do the work). */
export interface ChangeDetails {
  /** BOOKED: whether the booking used up a hold of the patient's (a waitlist offer is one). */
  readonly usedHold?: boolean;
  /** The appointment's doctor and patient, read in this transaction (else the entities are). */
  readonly people?: AppointmentPeople;
}

/**
 * Offers a doctor's free time to the patients waiting for it, in the caller's transaction (the
 * waitlist, a module above this one, supplies it through the request context).
 */
export type FreedTimeHandler = (tx: EntityManager, doctorIds: Iterable<string>) => Promise<unknown>;

/** Where an appointment stood: its doctor, time and status, before or after a change. */
export interface AppointmentPlace {
  readonly doctorId: string;
  readonly startsAt: Date;
  readonly status: AppointmentStatus | undefined;
}

/**
 * The one rule for which changes give time back: the doctor whose slot an appointment held
 * before the change and no longer holds after it — cancelled, moved to another time, or moved to
 * another doctor — while that slot is still ahead (a no-show or a completed visit gives back no
 * time anyone could book). Undefined when nothing was freed.
 */
export function doctorFreedBy(before: AppointmentPlace, after: AppointmentPlace, now = new Date()): string | undefined {
  const held = (place: AppointmentPlace) => place.status !== undefined && ACTIVE_STATUSES.includes(place.status);
  if (!held(before) || before.startsAt <= now) {
    return undefined;
  }
  const stillHeld =
    held(after) && after.doctorId === before.doctorId && after.startsAt.getTime() === before.startsAt.getTime();
  return stillHeld ? undefined : before.doctorId;
}

/**
 * What follows a change, written inside its transaction so it happens if and only if the change
 * commits: each follower's work, then the wake-up of every process's event hub. The event itself
 * is the change's row, placed in the stream by its transaction as it commits (`appointment_event`).
 */
export async function appointmentSideEffects(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
  eventId: string,
  followers: readonly AppointmentChangeFollower[],
  details: ChangeDetails = {},
): Promise<void> {
  for (const follow of followers) {
    await follow(tx, appointment, kind, eventId, details);
  }
  publishAppointmentEvent(tx, eventId, appointment.id);
}
