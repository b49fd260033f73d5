import { registerEnumType } from 'type-graphql';
import type { Actor } from '../identity/actor.js';

/** How the `patients` list is ordered. */
export enum PatientOrder {
  NAME = 'NAME',
  LAST_VISIT = 'LAST_VISIT',
  NEXT_VISIT = 'NEXT_VISIT',
}

registerEnumType(PatientOrder, {
  name: 'PatientOrder',
  description: 'How the patients list is ordered; ties (and patients without the visit) by name.',
  valuesConfig: {
    NAME: { description: 'By last name, then first name.' },
    LAST_VISIT: {
      description:
        'Those seen most recently first (their `lastVisit`: for a doctor, the last with them), then those never seen.',
    },
    NEXT_VISIT: {
      description:
        'Those with the soonest visit booked first (their `nextVisit`: for a doctor, the next with them), then those with none.',
    },
  },
});

/**
 * A visit order's sort key: an SQL expression of the patient's id (an instant, `null` for a patient
 * without that visit) and its direction. The visits belong to the appointments module, a floor
 * above the patients (eslint.boundaries.js): it defines them ({@link definePatientOrder}), the
 * same conditions as `Patient.lastVisit` and `nextVisit`.
 */
export interface PatientOrderKey {
  /** The key of the patient `patientId` (an SQL expression) in `reader`'s list (whose visits count is the appointments module's rule); each `?` binds the next of `params`. */
  readonly sql: (patientId: string, reader: Actor) => { sql: string; params: readonly unknown[] };
  readonly direction: 'asc' | 'desc';
}

const keys = new Map<PatientOrder, PatientOrderKey>();

/** Defines the sort key of a visit order (the appointments module, once at start). */
export function definePatientOrder(order: Exclude<PatientOrder, PatientOrder.NAME>, key: PatientOrderKey): void {
  keys.set(order, key);
}

/** The sort key of a visit order. */
export function patientOrderKey(order: Exclude<PatientOrder, PatientOrder.NAME>): PatientOrderKey {
  const key = keys.get(order);
  if (!key) {
    throw new Error(`No sort key is defined for the patient order ${order}: the appointments module defines it.`);
  }
  return key;
}
