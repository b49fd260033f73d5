import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import type { AppointmentEventKind } from './appointment-event.type.js';

/** The job that turns one appointment event into one delivery job per matching webhook. */
export const WEBHOOK_FANOUT = 'webhook_fanout';

/**
 * The advisory lock (transaction-scoped) that orders webhook registrations against appointment
 * changes. A change that wants to skip its fan-out when no webhook listens takes it shared in
 * an early statement; registering or turning a webhook back on takes it exclusively before
 * writing. So a webhook that starts listening either committed before the change's shared lock
 * was granted, and the change's later outbox statement (a newer snapshot) sees it, or it waits
 * until the change committed, and the event precedes it (it was never meant to get it).
 */
export const WEBHOOK_LISTENERS_LOCK = 7_302_031;

/** Some enabled webhook listens for events of `j.arg` (the kind): the fan-out has work. */
const SOMEONE_LISTENS = 'exists (select 1 from webhook w where w.disabled_at is null and j.arg = any(w.events))';

export interface WebhookFanoutPayload {
  /** The event's id: the appointment_change row written in the same transaction. */
  readonly eventId: string;
}

/**
 * Queues the webhook fan-out of one event in the change's own transaction (sent at its commit with
 * its other deferred jobs): the deliveries exist if and only if the change commits. Which webhooks
 * match is decided by the job (webhooks module). With `listenersHeld` (the transaction holds
 * {@link WEBHOOK_LISTENERS_LOCK} shared since an earlier statement), the job is left out when no
 * enabled webhook listens for the event's kind.
 */
export function enqueueWebhookFanout(
  tx: EntityManager,
  eventId: string,
  listenersHeld?: { readonly kind: AppointmentEventKind },
): void {
  requireTransaction(tx, 'enqueueWebhookFanout');
  deferJob(
    tx,
    WEBHOOK_FANOUT,
    { eventId } satisfies WebhookFanoutPayload,
    { maxAttempts: 10 },
    listenersHeld ? { sql: SOMEONE_LISTENS, arg: listenersHeld.kind } : undefined,
  );
}

/**
 * Takes {@link WEBHOOK_LISTENERS_LOCK} exclusively for the caller's transaction: call it before a
 * webhook starts listening (registration, reactivation).
 */
export async function lockWebhookListeners(tx: EntityManager): Promise<void> {
  requireTransaction(tx, 'lockWebhookListeners');
  await tx.execute('select pg_advisory_xact_lock(?) is null as held', [WEBHOOK_LISTENERS_LOCK]);
}
