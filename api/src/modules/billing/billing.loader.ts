import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { ClaimChange } from './claim-change.entity.js';
import { insurerRowsLoader } from './insurer-access.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Payment } from './payment.entity.js';

/**
 * An invoice's lines and payments, a claim's history, batched per request: read rows (only read
 * and serialised by their field resolvers), each one part of the request's round trip.
 */
export function billingLoaders(em: EntityManager) {
  return {
    lines: batchLoader<string, InvoiceLine[]>((ids) =>
      readChildrenInOrder(em, InvoiceLine, 'invoice', ids, 'p.position, p.id'),
    ),
    payments: batchLoader<string, Payment[]>((ids) =>
      readChildrenInOrder(em, Payment, 'invoice', ids, 'p.paid_at, p.id'),
    ),
    /** Whether an insurer's client sees a claim, invoice or policy (insurer-access.ts). */
    insurerRows: insurerRowsLoader(em),
    claimHistory: batchLoader<string, ClaimChange[]>((ids) =>
      readChildrenInOrder(em, ClaimChange, 'claim', ids, 'p.changed_at, p.id'),
    ),
  };
}
