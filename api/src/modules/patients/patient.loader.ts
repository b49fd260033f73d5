import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, oneByKey } from '../../shared/batch.js';
import { Patient } from './patient.entity.js';

/** Patients loaded by something other than their id (ids go through MikroORM references). */
export function patientLoaders(em: EntityManager) {
  return {
    /** The patient profile of a user account, `null` for other roles. */
    byUser: batchLoader<string, Patient | null>(async (userIds) =>
      oneByKey(userIds, await em.find(Patient, { user: { $in: [...userIds] } }), (patient) => patient.user.id),
    ),
  };
}
