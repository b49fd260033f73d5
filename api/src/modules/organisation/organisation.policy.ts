import { mayReadClinical, type ChartRelation } from '../identity/access.policy.js';
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

/** One bed (label, ward, status): anyone signed in, e.g. a patient looking at their own stay. */
export function maySeeBed(actor: Actor): boolean {
  return actor.kind === 'user';
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
