import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';

/** Records by visit and their versions, batched per request. */
export function recordLoaders(em: EntityManager) {
  return {
    byAppointment: batchLoader<string, MedicalRecord[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(MedicalRecord, { appointment: { $in: [...ids] } }, { orderBy: { recordedAt: 'asc' } }),
        (record) => record.appointment!.id,
      ),
    ),
    versions: batchLoader<string, MedicalRecordVersion[]>(async (recordIds) =>
      groupByKey(
        recordIds,
        await em.find(MedicalRecordVersion, { record: { $in: [...recordIds] } }, { orderBy: { version: 'asc' } }),
        (version) => version.record.id,
      ),
    ),
  };
}
