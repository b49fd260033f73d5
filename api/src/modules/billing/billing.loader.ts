import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { ClaimChange } from './claim-change.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Payment } from './payment.entity.js';

/** An invoice's lines and payments, a claim's history, batched per request. */
export function billingLoaders(em: EntityManager) {
  return {
    lines: batchLoader<string, InvoiceLine[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(InvoiceLine, { invoice: { $in: [...ids] } }, { orderBy: { invoice: 'asc', position: 'asc' } }),
        (line) => line.invoice.id,
      ),
    ),
    payments: batchLoader<string, Payment[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(Payment, { invoice: { $in: [...ids] } }, { orderBy: { paidAt: 'asc', id: 'asc' } }),
        (payment) => payment.invoice.id,
      ),
    ),
    claimHistory: batchLoader<string, ClaimChange[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(ClaimChange, { claim: { $in: [...ids] } }, { orderBy: { changedAt: 'asc', id: 'asc' } }),
        (change) => change.claim.id,
      ),
    ),
  };
}
