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
) => Promise<void>;

/**
 * What follows a change, written inside its transaction so it happens if and only if the change
 * commits: each follower's work, then the live event.
 */
export async function appointmentSideEffects(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
  followers: readonly AppointmentChangeFollower[],
): Promise<void> {
  for (const follow of followers) {
    await follow(tx, appointment, kind);
  }
  await publishAppointmentEvent(tx, appointment.id, kind);
}
