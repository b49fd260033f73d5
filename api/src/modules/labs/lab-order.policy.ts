import type { Actor, UserActor } from '../identity/actor.js';
import { Role } from '../identity/role.js';

/** The contract's LabOrderStatus. */
export type LabOrderStatus = 'ORDERED' | 'COLLECTED' | 'RESULTED' | 'CANCELLED';

/** What can happen to an order, and the statuses it may happen from. */
export const LAB_ORDER_TRANSITIONS = {
  /** The specimen was taken. */
  collect: ['ORDERED'],
  /** Results arrive; on a RESULTED order they are a new version (a correction), never an overwrite. */
  result: ['ORDERED', 'COLLECTED', 'RESULTED'],
  cancel: ['ORDERED', 'COLLECTED'],
  /** The ordering doctor has seen the results (new or corrected ones ask again). */
  review: ['RESULTED'],
} as const satisfies Record<string, readonly LabOrderStatus[]>;

export type LabOrderAction = keyof typeof LAB_ORDER_TRANSITIONS;

export const STATUS_AFTER: Readonly<Record<LabOrderAction, LabOrderStatus>> = {
  collect: 'COLLECTED',
  result: 'RESULTED',
  cancel: 'CANCELLED',
  review: 'RESULTED',
};

/** Whether `action` may happen to an order in `status` (else CONFLICT naming the status). */
export function mayTransition(status: LabOrderStatus, action: LabOrderAction): boolean {
  return (LAB_ORDER_TRANSITIONS[action] as readonly LabOrderStatus[]).includes(status);
}

/** The scope a lab's API client needs to record results. */
export const LABS_WRITE_SCOPE = 'labs:write';

/**
 * Who may record results for an order: the doctor who ordered it, or a lab's API client holding
 * `labs:write` for a patient who shares their data with it (`patientShares`: an active
 * DATA_SHARING consent naming the client, identity/consent-rule.ts). No other route: not the
 * patient, not another doctor, not an administrator, not a client without the scope.
 */
export function mayRecordLabResults(
  actor: Actor,
  order: { readonly doctorId: string },
  patientShares = false,
): boolean {
  if (actor.kind === 'partner') {
    return actor.scopes.includes(LABS_WRITE_SCOPE) && patientShares;
  }
  if (actor.kind !== 'user') {
    return false;
  }
  return actor.role === Role.DOCTOR && actor.doctorId !== undefined && actor.doctorId === order.doctorId;
}

/**
 * Who may take an action on an order: results and collection as `mayRecordLabResults` (the lab
 * reports both); cancelling is the ordering doctor's alone, and so is marking the results
 * reviewed — but while they are away a doctor who may open the patient's chart reviews them too
 * (`handedOver`: the ordering doctor has left or is on time off now, and the actor cares for the
 * patient or holds an emergency grant for them, identity/care-rule.ts).
 */
export function mayActOnLabOrder(
  actor: Actor,
  action: LabOrderAction,
  order: { readonly doctorId: string; readonly handedOver?: boolean },
  patientShares = false,
): boolean {
  if (action === 'review' && order.handedOver === true) {
    return actor.kind === 'user' && actor.role === Role.DOCTOR && actor.doctorId !== undefined;
  }
  if (action === 'cancel' || action === 'review') {
    return actor.kind === 'user' && mayRecordLabResults(actor, order);
  }
  return mayRecordLabResults(actor, order, patientShares);
}

/** Who has results to review: a doctor (their own orders'). */
export function mayListResultsToReview(actor: Actor): actor is UserActor & { readonly doctorId: string } {
  return actor.kind === 'user' && actor.role === Role.DOCTOR && actor.doctorId !== undefined;
}
