import type { EntityManager } from '@mikro-orm/postgresql';

/** The answer to the patient's own change when their account closed while it was under way. */
export const ACCOUNT_CLOSED = 'Your account is closed.';

/**
 * What a hold on a patient reads of the patient's row `p` and account `pu`: the account's state and
 * the names a notice uses.
 */
export const HELD_PATIENT_COLUMNS = `p.user_id as patient_user_id, p.first_name as patient_first_name,
    p.last_name as patient_last_name, pu.active as patient_active`;

/**
 * The rest of a hold's statement (the patient's id its one parameter): the patient's row locked
 * with `lock`, the account's row shared, both for the caller's transaction.
 *
 * A change that adds to a patient's chart or account (a booking, a held slot, a waitlist place, a
 * consent, a repeat request) holds the patient so that an account closed meanwhile is seen. Closing an account at its
 * owner's request locks the patient's row for update first (`ErasureRequestService.decide`), then
 * ends what the patient has. A change that took its hold first commits before the closing goes on,
 * which then ends it too; one that comes second waits for the closing's commit, then reads the
 * account as the closing left it (a statement reads the rows it locks at their newest) and is
 * refused. The patient's row alone would not do: the account's row would still be read as it was
 * before the wait. Both in this order (the patient's row first), as the closing takes them.
 */
export function heldPatientFrom(lock: 'share' | 'no key update'): string {
  return `from patient p join app_user pu on pu.id = p.user_id where p.id = ? for ${lock} of p for share of pu`;
}

/**
 * Holds the patient ({@link heldPatientFrom}) and answers the hold's row (with `select`'s columns
 * too, over `p`), or undefined when there is no such patient or the account is closed.
 */
export async function holdPatient(
  tx: EntityManager,
  patientId: string,
  options: { lock?: 'share' | 'no key update'; select?: string } = {},
): Promise<Record<string, unknown> | undefined> {
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `select ${HELD_PATIENT_COLUMNS}${options.select ? `, ${options.select}` : ''} ${heldPatientFrom(options.lock ?? 'share')}`,
    [patientId],
  );
  return row?.['patient_active'] ? row : undefined;
}
