import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { readChildren } from '../../shared/read-rows.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';

/** Records by visit and their versions, batched per request. */
export function recordLoaders(em: EntityManager) {
  return {
    /** Only read and serialised: read rows, in the request's round trip of their level. */
    byAppointment: batchLoader<string, MedicalRecord[]>((ids) =>
      readChildren(em, MedicalRecord, 'appointment', ids, 'recordedAt'),
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
