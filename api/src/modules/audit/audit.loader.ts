import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { readTrip } from '../../shared/one-trip.js';

/** `Type:id` of an audited chart entity. */
export type AuditedEntityKey = `${DatedEntityType}:${string}`;

/** The audited chart entities whose date the patient's access log names. */
export const DATED_ENTITY_TYPES = [
  'MedicalRecord',
  'Prescription',
  'Appointment',
  'LabOrder',
  'Admission',
  'MedicalHistoryChange',
  'InsuranceClaim',
] as const;
export type DatedEntityType = (typeof DATED_ENTITY_TYPES)[number];

export function isDatedEntityType(type: string): type is DatedEntityType {
  return (DATED_ENTITY_TYPES as readonly string[]).includes(type);
}

/**
 * When each audited chart entity happened (a record's date, a prescription's issue, a visit's
 * start, a lab order's ordering, a hospital stay's admission, a history change's, an insurance claim's submission), for the patient's plain-words
 * access log. One part of the request's round trip per batch; plain SQL, since the audit trail
 * sits beside the modules it records.
 */
export function auditLoaders(em: EntityManager) {
  return {
    entityDate: batchLoader<AuditedEntityKey, Date | null>(async (keys) => {
      const ids = (type: string) =>
        `{${keys
          .filter((key) => key.startsWith(`${type}:`))
          .map((key) => key.slice(type.length + 1))
          .join(',')}}`;
      const rows = await readTrip(em).load({
        sql: `select 'MedicalRecord:' || id as key, recorded_at as at from medical_record where id = any($1::uuid[])
              union all
              select 'Prescription:' || id, issued_at from prescription where id = any($2::uuid[])
              union all
              select 'Appointment:' || id, starts_at from appointment where id = any($3::uuid[])
              union all
              select 'LabOrder:' || id, ordered_at from lab_order where id = any($4::uuid[])
              union all
              select 'Admission:' || id, admitted_at from admission where id = any($5::uuid[])
              union all
              select 'MedicalHistoryChange:' || id, changed_at from medical_history_change where id = any($6::uuid[])
              union all
              select 'InsuranceClaim:' || id, coalesce(submitted_at, created_at) from insurance_claim where id = any($7::uuid[])`,
        params: [
          ids('MedicalRecord'),
          ids('Prescription'),
          ids('Appointment'),
          ids('LabOrder'),
          ids('Admission'),
          ids('MedicalHistoryChange'),
          ids('InsuranceClaim'),
        ],
      });
      const found = new Map(rows.map((row) => [row['key'] as string, new Date(row['at'] as string)]));
      return keys.map((key) => found.get(key) ?? null);
    }),
    /**
     * Which account acted, for an administrator reading the trail: an administrator's e-mail, a
     * patient's name (null for an account that is gone). One part of the request's round trip.
     */
    actorAccount: batchLoader<string, { email: string; patientName: string | null } | null>(async (userIds) => {
      const rows = await readTrip(em).load({
        sql: `select u.id, u.email, p.first_name || ' ' || p.last_name as patient_name
                from app_user u left join patient p on p.user_id = u.id where u.id = any($1::uuid[])`,
        params: [`{${userIds.join(',')}}`],
      });
      const found = new Map(
        rows.map((row) => [
          row['id'] as string,
          { email: row['email'] as string, patientName: (row['patient_name'] as string | null) ?? null },
        ]),
      );
      return userIds.map((id) => found.get(id) ?? null);
    }),
  };
}
