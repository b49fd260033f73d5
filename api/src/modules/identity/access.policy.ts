import type { Actor } from './actor.js';
import { Role } from './role.js';

/**
 * The role table of the contract, as pure rules. Facts that need the database (is this doctor
 * caring for this patient?) are looked up by AccessControl and passed in as a ChartRelation.
 *
 * - PATIENT: their own profile, history, appointments, prescriptions and records.
 * - DOCTOR: their own schedule; the charts of patients under their care (a non-cancelled
 *   appointment with them, past or future) or under an active emergency grant.
 * - ADMIN: accounts, schedules, demographics and all appointments — never clinical content.
 */

/**
 * How the actor stands to one patient's chart. `schedule`: a doctor whose only appointments with
 * the patient were cancelled — they may still see who booked, never the clinical content.
 */
export type ChartRelation = 'self' | 'care' | 'emergency' | 'schedule' | 'admin' | 'consent' | 'none';
// `consent`: a partner whose API client the patient's active DATA_SHARING consent names; what it
// may read of the chart is then a matter of its scopes (checked before execution).

export function isSignedIn(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user';
}

/** The relation that needs no database: self, admin, or none for anonymous and other patients. */
export function directRelation(actor: Actor, patientId: string): ChartRelation | 'ask-care' {
  if (actor.kind !== 'user') {
    return 'none';
  }
  switch (actor.role) {
    case Role.PATIENT:
      return actor.patientId === patientId ? 'self' : 'none';
    case Role.ADMIN:
      return 'admin';
    case Role.DOCTOR:
      return 'ask-care';
  }
}

/** Demographics and contact details: the patient, doctors they booked with, administrators. */
export function mayReadProfile(relation: ChartRelation): boolean {
  return relation !== 'none';
}

/** Clinical content (history, records, prescriptions, diagnoses): the patient and their doctors. */
export function mayReadClinical(relation: ChartRelation): boolean {
  return relation === 'self' || relation === 'care' || relation === 'emergency' || relation === 'consent';
}

/** Writing records and prescriptions: a doctor caring for the patient (or under a grant). */
export function mayWriteClinical(actor: Actor, relation: ChartRelation): boolean {
  return actor.kind === 'user' && actor.role === Role.DOCTOR && (relation === 'care' || relation === 'emergency');
}

/**
 * Which part of a patient's profile the actor may change, by how they stand to the patient: the
 * patient themself all of it, an administrator the demographics, a doctor who may write to the
 * chart (caring for them, or under an emergency grant) the medical history (allergies, conditions,
 * medications, surgeries, family history, blood group). Undefined: nothing.
 */
export function profileReach(actor: Actor, relation: ChartRelation): 'all' | 'demographics' | 'history' | undefined {
  if (relation === 'self') {
    return 'all';
  }
  if (relation === 'admin') {
    return 'demographics';
  }
  return mayWriteClinical(actor, relation) ? 'history' : undefined;
}

/**
 * An appointment: its patient, its doctor, any administrator, and doctors who may read the
 * patient's chart (appointments with other doctors are part of the clinical history).
 */
export function maySeeAppointment(
  actor: Actor,
  appointment: { patientId: string; doctorId: string },
  relation: ChartRelation,
): boolean {
  if (actor.kind === 'partner') {
    return relation === 'consent';
  }
  if (actor.kind !== 'user') {
    return false;
  }
  if (actor.role === Role.DOCTOR && actor.doctorId === appointment.doctorId) {
    return true;
  }
  return relation === 'admin' || mayReadClinical(relation);
}

/** A user account: its owner and administrators. */
export function maySeeUser(actor: Actor, userId: string): boolean {
  return actor.kind === 'user' && (actor.userId === userId || actor.role === Role.ADMIN);
}

/** The audit trail: administrators all of it; a patient the events about their own chart. */
export function maySeeAuditEvent(actor: Actor, event: { patientId?: string | null | undefined }): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  return (
    actor.role === Role.ADMIN ||
    (actor.role === Role.PATIENT && Boolean(event.patientId) && event.patientId === actor.patientId)
  );
}

/** An emergency grant: the doctor who holds it, the patient it concerns, administrators. */
export function maySeeEmergencyGrant(actor: Actor, grant: { doctorId: string; patientId: string }): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  return actor.role === Role.ADMIN || actor.doctorId === grant.doctorId || actor.patientId === grant.patientId;
}

/**
 * Live appointment events: a patient their own appointments, a doctor their own schedule, an
 * administrator all of them. A partner's events depend on consent, a database fact: they are
 * checked per event by the event hub through the request's access control, not here.
 */
export function mayFollowAppointmentEvents(
  actor: Actor,
  appointment: { patientId: string; doctorId: string },
): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  switch (actor.role) {
    case Role.ADMIN:
      return true;
    case Role.DOCTOR:
      return actor.doctorId === appointment.doctorId;
    case Role.PATIENT:
      return actor.patientId === appointment.patientId;
  }
}
