import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { Patient } from './patient.entity.js';

/** Patients loaded by something other than their id (ids go through MikroORM references). */
export function patientLoaders(em: EntityManager) {
  return {
    /** The patient profile of a user account, `null` for other roles: read rows, one part of the request's round trip. */
    byUser: batchLoader<string, Patient | null>(async (userIds) =>
      (await readChildrenInOrder(em, Patient, 'user', userIds, 'p.id')).map((profiles) => profiles[0] ?? null),
    ),
  };
}
