import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';

/** The job that turns one change of a claim into one delivery job per webhook listening for it. */
export const CLAIM_WEBHOOK_FANOUT = 'claim_webhook_fanout';

export interface ClaimWebhookFanoutPayload {
  /** The claim_change row written in the same transaction. */
  readonly changeId: string;
}

/**
 * Queues the webhook fan-out of one change of a claim in the change's own transaction: the
 * deliveries exist if and only if the change commits. Always queued (claims are few): which
 * webhooks listen, and which of them may see the claim, the webhooks module decides when it runs.
 */
export function enqueueClaimWebhookFanout(tx: EntityManager, changeId: string): void {
  requireTransaction(tx, 'enqueueClaimWebhookFanout');
  deferJob(tx, CLAIM_WEBHOOK_FANOUT, { changeId } satisfies ClaimWebhookFanoutPayload, { maxAttempts: 10 });
}
