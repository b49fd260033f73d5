import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, oneByKey } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { LabOrder } from './lab-order.entity.js';
import { LabResult } from './lab-result.entity.js';

/** Lab orders by id and by patient (pages), and their current results, batched per request. */
export function labLoaders(em: EntityManager) {
  return {
    byId: batchLoader<string, LabOrder | null>(async (ids) =>
      oneByKey(ids, await em.find(LabOrder, { id: { $in: [...ids] } }), (order) => order.id),
    ),
    /** A patient's orders, newest first: only read, so read rows (their doctor, results and files join one round trip). */
    byPatient: childPages(
      em,
      { table: 'lab_order', parentColumn: 'patient_id', sortColumn: 'ordered_at', direction: 'desc' },
      LabOrder,
      'read',
    ),
    /**
     * The current version of each result (corrections replace earlier ones), in the order they
     * came: read rows, one part of the request's round trip.
     */
    results: batchLoader<string, LabResult[]>((orderIds) =>
      readChildrenInOrder(em, LabResult, 'order', orderIds, 'p.resulted_at, p.code, p.id', 'superseded_at is null'),
    ),
  };
}
