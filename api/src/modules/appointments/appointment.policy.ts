import type { EntityManager } from '@mikro-orm/postgresql';
import { chartRead } from '../identity/access-control.js';
import { mayFollowAppointmentEvents } from '../identity/access.policy.js';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { consentingPatientIds } from '../identity/consent-rule.js';
import { Role } from '../identity/role.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { forbidden } from '../../shared/errors.js';
import { andThen } from '../../shared/maybe-async.js';
import { Appointment } from './appointment.entity.js';
import { SlotHold } from './slot-hold.entity.js';

/** Row guards of the appointments module. */
export const appointmentGuards: readonly AnyRowGuard[] = [
  guardRows(
    Appointment,
    // Synchronous once the access facts are known (a list brings them): no promise per row.
    (appointment, ctx) =>
      andThen(
        ctx.access.assertAppointment({ patientId: appointment.patient.id, doctorId: appointment.doctor.id }),
        () => {},
      ),
    {
      // The visit reason: the appointment's own doctor (their own schedule: not a chart opening,
      // not logged), or whoever may read the patient's chart (logged).
      clinicalField: (appointment, ctx) => {
        const actor = ctx.access.actor;
        if (actor.kind === 'user' && actor.doctorId === appointment.doctor.id) {
          return;
        }
        return andThen(ctx.access.assertClinical(appointment.patient.id), (access) =>
          ctx.audit.read(chartRead('Appointment', appointment.id, appointment.patient.id, access)),
        );
      },
    },
  ),
  // A hold: its patient, the doctor whose slot it is, or an administrator (the rule of the
  // appointment it would become).
  guardRows(SlotHold, (hold, ctx) => {
    if (!mayFollowAppointmentEvents(ctx.access.actor, { patientId: hold.patient.id, doctorId: hold.doctor.id })) {
      throw forbidden('You may not see this hold.');
    }
  }),
];

/**
 * The appointments a caller's lists are narrowed to (GraphQL `appointments`, FHIR Appointment
 * search): a patient their own, a doctor their schedule, an administrator all.
 */
export function appointmentListScope(actor: UserActor): object[] {
  switch (actor.role) {
    case Role.PATIENT:
      return [{ patient: actor.patientId }];
    case Role.DOCTOR:
      return [{ doctor: actor.doctorId }];
    case Role.ADMIN:
      return [];
  }
}

/**
 * The narrowing of every list of appointments (and of their events) for any caller: a person's
 * by role, a partner's to the patients whose consent names it (asked afresh: a revocation counts
 * from the partner's next request).
 */
export async function appointmentScope(em: EntityManager, actor: UserActor | PartnerActor): Promise<object[]> {
  return actor.kind === 'partner'
    ? [{ patient: { $in: await consentingPatientIds(em, actor.clientId) } }]
    : appointmentListScope(actor);
}
