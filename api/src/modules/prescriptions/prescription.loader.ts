import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { nestedChildren, readChildren } from '../../shared/read-rows.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';
import { RepeatRequest } from './repeat-request.entity.js';

/** What `Prescription.items` are: the prescription's item rows in position order (ties by id). */
export const PRESCRIPTION_ITEMS = { entity: PrescriptionItem, relation: 'prescription', sortBy: 'position' } as const;

/** Prescriptions by id, by visit, and their items, batched per request. */
export function prescriptionLoaders(em: EntityManager) {
  const items = batchLoader<string, PrescriptionItem[]>((ids) =>
    readChildren(em, PRESCRIPTION_ITEMS.entity, PRESCRIPTION_ITEMS.relation, ids, PRESCRIPTION_ITEMS.sortBy),
  );
  return {
    /** Several `prescription(id:)` in one document load together; `null` when missing. */
    byId: batchLoader<string, Prescription | null>(async (ids) =>
      oneByKey(ids, await em.find(Prescription, { id: { $in: [...ids] } }), (prescription) => prescription.id),
    ),
    // Only read and serialised: read rows, each in the request's round trip of its level.
    byAppointment: batchLoader<string, Prescription[]>((ids) =>
      readChildren(em, Prescription, 'appointment', ids, 'issuedAt'),
    ),
    items,
    /** Each prescription's latest repeat request (`Prescription.repeatRequest`), or `null`: one statement per request. */
    latestRepeatRequest: batchLoader<string, RepeatRequest | null>(async (ids) =>
      groupByKey(
        ids,
        await em.find(
          RepeatRequest,
          { prescription: { $in: [...ids] } },
          { orderBy: { createdAt: 'desc', id: 'desc' } },
        ),
        (request) => request.prescription.id,
      ).map((requests) => requests[0] ?? null),
    ),
    /** The items read with a list of prescriptions, in its statement (into `items`). */
    itemsWithList: nestedChildren(
      em,
      PRESCRIPTION_ITEMS.entity,
      PRESCRIPTION_ITEMS.relation,
      PRESCRIPTION_ITEMS.sortBy,
      items,
    ),
  };
}
