import type { QueryBuilder } from '@mikro-orm/postgresql';
import { andThen } from '../../shared/maybe-async.js';
import { chartRead, clinicalRowsOf } from '../identity/access-control.js';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { mayOpenChartSql } from '../identity/care-rule.js';
import { consentRule } from '../identity/consent-rule.js';
import { Role } from '../identity/role.js';
import { guardRowLists, guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { MedicalHistoryChange } from './medical-history-change.entity.js';
import { Patient } from './patient.entity.js';

/**
 * Row guards of the patients module: demographics to whoever may see the profile, the history's
 * changes to whoever may read the chart. A chart is "opened" (and audited) when the patient is
 * asked for by id at the top of a query or their clinical fields are read; a name on a calendar
 * row or in a list is checked, not logged.
 */
export const patientGuards: readonly AnyRowGuard[] = [
  guardRows(
    Patient,
    (patient, ctx, where) =>
      andThen(ctx.access.assertProfile(patient.id), (access) => {
        if (where?.topLevel) {
          ctx.audit.read(chartRead('Patient', patient.id, patient.id, access));
        }
      }),
    // The clinical fields (allergies, history): the patient and the doctors caring for them.
    {
      clinicalField: (patient, ctx) =>
        andThen(ctx.access.assertClinical(patient.id), (access) =>
          ctx.audit.read(chartRead('Patient', patient.id, patient.id, access)),
        ),
    },
  ),
  // What the history held before each change is as clinical as what it holds now.
  guardRowLists(MedicalHistoryChange, clinicalRowsOf<MedicalHistoryChange>('MedicalHistoryChange')),
];

/**
 * Narrows a patient list (`alias` the patient table) to whom the caller may see: a patient
 * themself, a doctor the patients in their care (or under a grant), a partner the patients whose
 * consent names it, an administrator everyone. GraphQL's directory and FHIR's search both use it.
 */
export function narrowPatients<T extends object>(
  qb: QueryBuilder<T>,
  alias: string,
  actor: UserActor | PartnerActor,
): QueryBuilder<T> {
  if (actor.kind === 'partner') {
    qb.andWhere(consentRule.shares(`${alias}.id`), [actor.clientId]);
  } else if (actor.role === Role.PATIENT) {
    qb.andWhere(`${alias}.id = ?`, [actor.patientId ?? null]);
  } else if (actor.role === Role.DOCTOR) {
    qb.andWhere(mayOpenChartSql(`${alias}.id`), [actor.doctorId, actor.doctorId]);
  }
  return qb;
}
