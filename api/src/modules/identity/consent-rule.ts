import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The one definition of "this patient shares their data with this API client": an active
 * (unrevoked) DATA_SHARING consent naming the client. The partners module owns the consents; the
 * rule lives here, beside the care rule, so the access check and the lists a partner reads
 * (patients, appointments) cannot disagree. Asked afresh on every request: a revocation counts
 * from the partner's next one.
 */
export const consentRule = {
  /** SQL: the patient (`patient`, an SQL expression) shares with API client `?` (one parameter). */
  shares: (patient: string): string =>
    `exists (select 1 from consent c where c.patient_id = ${patient} and c.api_client_id = ? and c.purpose = 'DATA_SHARING' and c.revoked_at is null)`,
} as const;

/** The patients among `patientIds` who share with the client. */
export async function consentingPatients(
  em: EntityManager,
  clientId: string,
  patientIds: readonly string[],
): Promise<Set<string>> {
  const rows = await em.execute<{ id: string }[]>(
    `select x.id from unnest(?::uuid[]) as x(id) where ${consentRule.shares('x.id')}`,
    [`{${patientIds.join(',')}}`, clientId],
  );
  return new Set(rows.map((row) => row.id));
}

/** Every patient who shares with the client. */
export async function consentingPatientIds(em: EntityManager, clientId: string): Promise<string[]> {
  const rows = await em.execute<{ patient_id: string }[]>(
    `select distinct patient_id from consent where api_client_id = ? and purpose = 'DATA_SHARING' and revoked_at is null`,
    [clientId],
  );
  return rows.map((row) => row.patient_id);
}
