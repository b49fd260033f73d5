import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';

/** Prescriptions by id, by visit, and their items, batched per request. */
export function prescriptionLoaders(em: EntityManager) {
  return {
    /** Several `prescription(id:)` in one document load together; `null` when missing. */
    byId: batchLoader<string, Prescription | null>(async (ids) =>
      oneByKey(ids, await em.find(Prescription, { id: { $in: [...ids] } }), (prescription) => prescription.id),
    ),
    byAppointment: batchLoader<string, Prescription[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(Prescription, { appointment: { $in: [...ids] } }, { orderBy: { issuedAt: 'asc' } }),
        (prescription) => prescription.appointment!.id,
      ),
    ),
    items: batchLoader<string, PrescriptionItem[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(
          PrescriptionItem,
          { prescription: { $in: [...ids] } },
          { orderBy: { prescription: 'asc', position: 'asc' } },
        ),
        (item) => item.prescription.id,
      ),
    ),
  };
}
