import type { EntityManager } from '@mikro-orm/postgresql';
import { AppointmentEventKind } from './appointment-event.type.js';
import { publishAppointmentEvent } from './appointment-events.js';
import type { Appointment } from './appointment.entity.js';

/**
 * What follows a committed change, enqueued inside its transaction so it happens only if the
 * change commits: the live event to every process.
 */
export async function appointmentSideEffects(tx: EntityManager, appointment: Appointment, kind: AppointmentEventKind): Promise<void> {
  await publishAppointmentEvent(tx, appointment.id, kind);
}
