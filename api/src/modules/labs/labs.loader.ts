import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, oneByKey } from '../../shared/batch.js';
import { badInput } from '../../shared/errors.js';
import { childPages, type ChildFilter } from '../../shared/keyset.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { LabOrder } from './lab-order.entity.js';
import { LabResult } from './lab-result.entity.js';
import { catalogueTest } from './loinc-catalogue.js';

/**
 * A list's filter for the orders with a current result of one test of the catalogue (one test's
 * history, for a trend). The code is checked against the catalogue first, so only its own codes
 * (digits and a hyphen) are ever written into the statement.
 */
export function resultCodeFilter(code: string | null | undefined, field = 'code'): ChildFilter | undefined {
  if (code === null || code === undefined) {
    return undefined;
  }
  const test = catalogueTest(code);
  if (!test || !/^[0-9A-Za-z-]+$/.test(test.code)) {
    throw badInput([{ field, message: 'is not a test of the catalogue (labCatalogue)' }]);
  }
  return {
    key: `result-${test.code}`,
    sql: `exists (select 1 from lab_result r where r.order_id = t.id and r.code = '${test.code}' and r.superseded_at is null)`,
  };
}

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
