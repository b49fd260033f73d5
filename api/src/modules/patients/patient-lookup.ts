import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { searchTerms } from '../../shared/search.js';

export enum PatientAccess {
  CARE = 'CARE',
  EMERGENCY = 'EMERGENCY',
  RESTRICTED = 'RESTRICTED',
}

registerEnumType(PatientAccess, {
  name: 'PatientAccess',
  description: 'What the searching doctor may open of a patient’s chart.',
  valuesConfig: {
    CARE: { description: 'The patient is under the doctor’s care: the chart opens.' },
    EMERGENCY: { description: 'An active emergency grant of the doctor: the chart opens, audited as an emergency.' },
    RESTRICTED: { description: 'Outside the doctor’s care: only "request emergency access" (break-the-glass).' },
  },
});

@ObjectType({
  description:
    'A patient found by name, for identification only: never any clinical content. The chart opens only under care or an emergency grant.',
})
export class PatientLookupResult {
  @Field(() => ID, { description: 'The patient’s id (for patient() and requestEmergencyAccess).' })
  patientId!: string;

  @Field({ description: 'Given name.' })
  firstName!: string;

  @Field({ description: 'Family name.' })
  lastName!: string;

  @Field(() => CalendarDateScalar, { description: 'Date of birth, to tell namesakes apart.' })
  dateOfBirth!: string;

  @Field(() => PatientAccess, {
    description: 'Whether the doctor may open the chart, or must request emergency access.',
  })
  access!: PatientAccess;
}

const MAX_RESULTS = 20;
const MIN_SEARCH = 3;

/**
 * Break-the-glass search: a doctor finds any patient by name (and date of birth), outside their
 * care too, to request emergency access. Answers identity and access only; at most 20 people, and
 * only for a search of at least three letters, so the directory cannot be paged through.
 */
export async function lookUpPatients(
  ctx: Context,
  search: string,
  dateOfBirth: string | null | undefined,
): Promise<PatientLookupResult[]> {
  const actor = ctx.access.requireRole(Role.DOCTOR);
  const terms = searchTerms(search);
  if (terms.join('').length < MIN_SEARCH) {
    throw badInput([{ field: 'search', message: `must have at least ${MIN_SEARCH} letters of the name` }]);
  }
  return query(ctx.em, actor.doctorId!, terms, dateOfBirth ?? undefined);
}

async function query(
  em: EntityManager,
  doctorId: string,
  terms: readonly string[],
  dateOfBirth: string | undefined,
): Promise<PatientLookupResult[]> {
  const conditions = terms.map(() => `lower(p.first_name || ' ' || p.last_name) like ?`);
  const params: unknown[] = [doctorId, doctorId, ...terms.map((term) => `%${term}%`)];
  if (dateOfBirth) {
    conditions.push('p.date_of_birth = ?');
    params.push(dateOfBirth);
  }
  const rows = await em.execute<
    { id: string; first_name: string; last_name: string; date_of_birth: string; care: boolean; grant: boolean }[]
  >(
    `select p.id, p.first_name, p.last_name, p.date_of_birth::text as date_of_birth,
            exists (select 1 from appointment a where a.patient_id = p.id and a.doctor_id = ? and a.status <> 'CANCELLED') as care,
            exists (select 1 from emergency_grant g where g.patient_id = p.id and g.doctor_id = ? and g.expires_at > now()) as "grant"
     from patient p join app_user u on u.id = p.user_id
     where u.active and ${conditions.join(' and ')}
     order by p.last_name, p.first_name, p.id
     limit ${MAX_RESULTS}`,
    params,
  );
  return rows.map((row) =>
    Object.assign(new PatientLookupResult(), {
      patientId: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      dateOfBirth: row.date_of_birth,
      access: row.care ? PatientAccess.CARE : row.grant ? PatientAccess.EMERGENCY : PatientAccess.RESTRICTED,
    }),
  );
}
