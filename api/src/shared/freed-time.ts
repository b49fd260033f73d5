import type { EntityManager } from '@mikro-orm/postgresql';
import { deferJob } from './transaction-outbox.js';

/**
 * The job that says a doctor may have free time someone is waiting for: new hours, time off
 * removed, a doctor's account reactivated, a hold let go or run out. The waitlist (a module far
 * above) handles it by offering free slots to the patients waiting, in turn; the job only moves
 * things on, so one running late changes nothing about who may book what. It lives here, below
 * every module, so that each of those paths (identity's reactivation included) announces freed
 * time the same way. Appointment changes offer it in their own transaction instead
 * (`Context.offerFreedTime`); both end in the waitlist's one `offerFreedTime`.
 */
export const SLOT_FREED = 'slot-freed';

export interface SlotFreedPayload {
  readonly doctorId: string;
}

/**
 * Enqueues {@link SLOT_FREED} in the caller's transaction (at `runAt`, or at once), sent with its
 * other deferred jobs in one statement at the commit.
 */
export function announceFreedTime(tx: EntityManager, doctorId: string, runAt?: Date): void {
  const payload: SlotFreedPayload = { doctorId };
  deferJob(tx, SLOT_FREED, payload, { maxAttempts: 5, ...(runAt ? { runAt } : {}) });
}
