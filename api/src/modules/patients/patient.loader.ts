import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { MedicalHistoryChange } from './medical-history-change.entity.js';
import { Patient } from './patient.entity.js';

/** Patients loaded by something other than their id (ids go through MikroORM references). */
export function patientLoaders(em: EntityManager) {
  return {
    /** The patient profile of a user account, `null` for other roles: read rows, one part of the request's round trip. */
    byUser: batchLoader<string, Patient | null>(async (userIds) =>
      (await readChildrenInOrder(em, Patient, 'user', userIds, 'p.id')).map((profiles) => profiles[0] ?? null),
    ),
    /** A patient's medical history changes, newest first: only read, so read rows. */
    historyChanges: childPages(
      em,
      { table: 'medical_history_change', parentColumn: 'patient_id', sortColumn: 'changed_at', direction: 'desc' },
      MedicalHistoryChange,
      'read',
    ),
    /** A patient's name by id ("Ada Lovelace"), for the audit trail's "whose chart"; null when unknown. */
    nameById: batchLoader<string, string | null>(async (ids) => {
      const rows = await em.execute<{ id: string; name: string }[]>(
        `select id, first_name || ' ' || last_name as name from patient where id = any(?::uuid[])`,
        [`{${ids.join(',')}}`],
      );
      const names = new Map(rows.map((row) => [row.id, row.name]));
      return ids.map((id) => names.get(id) ?? null);
    }),
  };
}
