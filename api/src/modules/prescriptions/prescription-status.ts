import { registerEnumType } from 'type-graphql';
import type { ChildFilter } from '../../shared/keyset.js';

export enum PrescriptionStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DISCONTINUED = 'DISCONTINUED',
}

registerEnumType(PrescriptionStatus, {
  name: 'PrescriptionStatus',
  description: 'Where a prescription stands.',
  valuesConfig: {
    ACTIVE: { description: 'To be taken now.' },
    COMPLETED: { description: 'Every item’s duration has passed.' },
    DISCONTINUED: { description: 'Stopped early by a doctor, with a reason.' },
  },
});

/** Each status as a condition on a stored prescription row `t`, derived as `Prescription.status()` derives it. */
const statusCondition = (t: string): Record<PrescriptionStatus, string> => ({
  [PrescriptionStatus.ACTIVE]: `(${t}.stored_status <> 'DISCONTINUED' and ${t}.completes_at > now())`,
  [PrescriptionStatus.COMPLETED]: `(${t}.stored_status <> 'DISCONTINUED' and ${t}.completes_at <= now())`,
  [PrescriptionStatus.DISCONTINUED]: `${t}.stored_status = 'DISCONTINUED'`,
});
const STATUS_SQL = statusCondition('t');

/** The status of the prescription row `row` as SQL text, by the same conditions (for PostgreSQL-written JSON). */
export function prescriptionStatusSql(row: string): string {
  const condition = statusCondition(row);
  return `(case when ${condition.DISCONTINUED} then 'DISCONTINUED' when ${condition.COMPLETED} then 'COMPLETED' else 'ACTIVE' end)`;
}

/** A list's filter for prescriptions in any of `statuses`; none (all) when omitted or empty. */
export function prescriptionStatusFilter(
  statuses: readonly PrescriptionStatus[] | null | undefined,
): ChildFilter | undefined {
  const wanted = [...new Set(statuses ?? [])].sort();
  if (wanted.length === 0) {
    return undefined;
  }
  return { key: `status-${wanted.join('-')}`, sql: wanted.map((status) => STATUS_SQL[status]).join(' or ') };
}
