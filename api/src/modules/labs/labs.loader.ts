import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { LabOrder } from './lab-order.entity.js';
import { LabResult } from './lab-result.entity.js';

/** Lab orders by id and by patient (pages), and their current results, batched per request. */
export function labLoaders(em: EntityManager) {
  return {
    byId: batchLoader<string, LabOrder | null>(async (ids) =>
      oneByKey(ids, await em.find(LabOrder, { id: { $in: [...ids] } }), (order) => order.id),
    ),
    byPatient: childPages(
      em,
      { table: 'lab_order', parentColumn: 'patient_id', sortColumn: 'ordered_at', direction: 'desc' },
      LabOrder,
    ),
    /** The current version of each result (corrections replace earlier ones), in the order's test order. */
    results: batchLoader<string, LabResult[]>(async (orderIds) =>
      groupByKey(
        orderIds,
        await em.find(
          LabResult,
          { order: { $in: [...orderIds] }, supersededAt: null },
          { orderBy: { order: 'asc', resultedAt: 'asc', code: 'asc' } },
        ),
        (result) => result.order.id,
      ),
    ),
  };
}
