import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppointmentEventKind } from './appointment-event.type.js';
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

/** What a follower may skip work by knowing; unset means "unknown" (do the work). */
export interface ChangeDetails {
  /** BOOKED: whether the booking used up a hold of the patient's (a waitlist offer is one). */
  readonly usedHold?: boolean;
}

/**
 * What follows a change, written inside its transaction so it happens if and only if the change
 * commits: each follower's work, then the wake-up of every process's event hub. The event itself
 * is the change's row, numbered in commit order as the transaction commits (`appointment_event`).
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
