import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { Admission } from './admission.entity.js';
import { Bed } from './bed.entity.js';
import { Department } from './department.entity.js';

/** Departments of hospitals, beds of departments, admissions of beds and patients, batched per request. */
export function organisationLoaders(em: EntityManager) {
  return {
    departmentsByHospital: batchLoader<string, Department[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(Department, { hospital: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } }),
        (department) => department.hospital.id,
      ),
    ),
    bedsByDepartment: batchLoader<string, Bed[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(Bed, { department: { $in: [...ids] } }, { orderBy: { ward: 'asc', label: 'asc', id: 'asc' } }),
        (bed) => bed.department.id,
      ),
    ),
    /** The admission holding each bed now, or null. */
    openAdmissionByBed: batchLoader<string, Admission | null>(async (ids) =>
      oneByKey(ids, await em.find(Admission, { bed: { $in: [...ids] }, dischargedAt: null }), (a) => a.bed.id),
    ),
    admissionsByPatient: batchLoader<string, Admission[]>(async (ids) =>
      groupByKey(
        ids,
        await em.find(Admission, { patient: { $in: [...ids] } }, { orderBy: { admittedAt: 'desc', id: 'desc' } }),
        (admission) => admission.patient.id,
      ),
    ),
  };
}
