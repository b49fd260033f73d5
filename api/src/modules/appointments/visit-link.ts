import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors.js';
import { AppointmentStatus } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';

/** Statuses of a visit that never took place: nothing clinical may be filed against them. */
export const UNLINKABLE_STATUSES: readonly AppointmentStatus[] = [
  AppointmentStatus.CANCELLED,
  AppointmentStatus.NO_SHOW,
];

/**
 * A record or prescription may name only a visit of this patient with this doctor that was
 * neither cancelled nor missed. Anything else, including a visit the caller may not see, is
 * BAD_USER_INPUT naming the field (the same answer whether or not the visit exists).
 */
export async function assertLinkableVisit(
  em: EntityManager,
  visit: { readonly appointmentId: string; readonly patientId: string; readonly doctorId: string },
  field: string,
): Promise<void> {
  // Counted, not loaded: the identity map stays free of half-loaded appointments.
  const matches = await em.count(Appointment, {
    id: visit.appointmentId,
    patient: visit.patientId,
    doctor: visit.doctorId,
    status: { $nin: [...UNLINKABLE_STATUSES] },
  });
  if (matches === 0) {
    throw badInput([
      {
        field,
        message: 'must be a visit of this patient with you that was not cancelled or missed',
      },
    ]);
  }
}
