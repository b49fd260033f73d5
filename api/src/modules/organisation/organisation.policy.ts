import { forbidden } from '../../shared/errors.js';
import { chartRead } from '../identity/access-control.js';
import { mayReadClinical, type ChartRelation } from '../identity/access.policy.js';
import { guardRows, publicRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Admission } from './admission.entity.js';
import { Bed } from './bed.entity.js';
import { Department } from './department.entity.js';
import { Hospital } from './hospital.entity.js';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';

/**
 * Who may do what with hospitals, departments, beds and admissions, as pure rules.
 * - Hospitals and departments are public (booking filters by them); administrators manage them.
 * - Beds and their availability: staff (administrators and doctors).
 * - Admissions are part of the chart: the patient, the doctors caring for them, and
 *   administrators, who run the wards — but never the admission's clinical reason.
 */

export function mayManageOrganisation(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === Role.ADMIN;
}

export function maySeeBeds(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.role === Role.ADMIN || actor.role === Role.DOCTOR);
}

/** Admitting and discharging: an administrator, or a doctor caring for the patient. */
export function mayAdmit(actor: Actor, relation: ChartRelation): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  return actor.role === Role.ADMIN || (actor.role === Role.DOCTOR && (relation === 'care' || relation === 'emergency'));
}

export function maySeeAdmission(actor: Actor, relation: ChartRelation): boolean {
  return actor.kind === 'user' && (relation === 'admin' || mayReadClinical(relation));
}

/** Row guards of the organisation module. */
export const organisationGuards: readonly AnyRowGuard[] = [
  publicRows(Hospital, 'Hospitals (name, address, zone) are what patients choose a site by when booking.'),
  publicRows(Department, 'Departments are what patients narrow the doctor directory by when booking.'),
  guardRows(Bed, (_bed, ctx) => {
    // One bed (ward, label, status) is no secret to anyone signed in, e.g. a patient looking at their stay.
    ctx.access.requireUser();
  }),
  guardRows(
    Admission,
    async (admission, ctx) => {
      const access = await ctx.access.chart(admission.patient.id);
      ctx.access.requireUser();
      if (!maySeeAdmission(ctx.access.actor, access.relation)) {
        throw forbidden('You may not see this admission.');
      }
      ctx.audit.read(chartRead('Admission', admission.id, admission.patient.id, access));
    },
    {
      clinicalField: async (admission, ctx) => {
        const patientId = admission.patient.id;
        ctx.audit.read(chartRead('Admission', admission.id, patientId, await ctx.access.assertClinical(patientId)));
      },
    },
  ),
];
