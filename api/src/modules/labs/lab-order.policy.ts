import type { Actor } from '../identity/actor.js';
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
} as const satisfies Record<string, readonly LabOrderStatus[]>;

export type LabOrderAction = keyof typeof LAB_ORDER_TRANSITIONS;

export const STATUS_AFTER: Readonly<Record<LabOrderAction, LabOrderStatus>> = {
  collect: 'COLLECTED',
  result: 'RESULTED',
  cancel: 'CANCELLED',
};

/** Whether `action` may happen to an order in `status` (else CONFLICT naming the status). */
export function mayTransition(status: LabOrderStatus, action: LabOrderAction): boolean {
  return (LAB_ORDER_TRANSITIONS[action] as readonly LabOrderStatus[]).includes(status);
}

/** The scope a lab's API client needs to record results. */
export const LABS_WRITE_SCOPE = 'labs:write';

/**
 * Who may record results for an order: the doctor who ordered it, and (once partner API clients
 * exist, issue 12) a lab's client holding `labs:write` — add that actor kind here, the one place
 * this rule lives. No other route: not the patient, not another doctor, not an administrator.
 */
export function mayRecordLabResults(actor: Actor, order: { readonly doctorId: string }): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  return actor.role === Role.DOCTOR && actor.doctorId !== undefined && actor.doctorId === order.doctorId;
}
