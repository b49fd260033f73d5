import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';

/** The job that turns one appointment event into one delivery job per matching webhook. */
export const WEBHOOK_FANOUT = 'webhook_fanout';

export interface WebhookFanoutPayload {
  /** The event's id: the appointment_change row written in the same transaction. */
  readonly eventId: string;
}

/**
 * Queues the webhook fan-out of one event in the change's own transaction (sent at its commit with
 * its other deferred jobs): the deliveries exist if and only if the change commits. Which webhooks match is decided by the job (webhooks module).
 */
export function enqueueWebhookFanout(tx: EntityManager, eventId: string): void {
  requireTransaction(tx, 'enqueueWebhookFanout');
  deferJob(tx, WEBHOOK_FANOUT, { eventId } satisfies WebhookFanoutPayload, { maxAttempts: 10 });
}
