import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, oneByKey } from '../../shared/batch.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { Admission } from './admission.entity.js';
import { Bed } from './bed.entity.js';
import { Department } from './department.entity.js';

/**
 * Departments of hospitals, beds of departments, admissions of beds and patients, batched per
 * request: read rows (shared/read-rows.ts; only read and serialised by their field resolvers),
 * each list one part of the request's round trip. A hospital's bed board reads them all.
 */
export function organisationLoaders(em: EntityManager) {
  return {
    departmentsByHospital: batchLoader<string, Department[]>((ids) =>
      readChildrenInOrder(em, Department, 'hospital', ids, 'p.name, p.id'),
    ),
    bedsByDepartment: batchLoader<string, Bed[]>((ids) =>
      readChildrenInOrder(em, Bed, 'department', ids, 'p.ward, p.label, p.id'),
    ),
    /** The admission holding each bed now, or null. */
    openAdmissionByBed: batchLoader<string, Admission | null>(async (ids) =>
      oneByKey(
        ids,
        (await readChildrenInOrder(em, Admission, 'bed', ids, 'p.admitted_at, p.id', 'discharged_at is null')).flat(),
        (admission) => admission.bed.id,
      ),
    ),
    admissionsByPatient: batchLoader<string, Admission[]>((ids) =>
      readChildrenInOrder(em, Admission, 'patient', ids, 'p.admitted_at desc, p.id desc'),
    ),
  };
}
