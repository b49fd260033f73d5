import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { NotificationKind } from './notification.entity.js';
import { addNotification, enqueueSend } from './notification.service.js';
import type { MessageText } from './messages.js';

/** The kinds about a patient's prescriptions. */
export type PrescriptionNotificationKind =
  NotificationKind.PRESCRIPTION_ISSUED | NotificationKind.PRESCRIPTION_DISCONTINUED;

/**
 * What a prescription notification may say: who prescribed or stopped, and where to look — never
 * which medication, dose or why (the e-mail carries the same text). `doctor`: "Dr Ada Lovelace",
 * or undefined when no doctor is named.
 */
export function prescriptionMessage(kind: PrescriptionNotificationKind, doctor: string | undefined): MessageText {
  const who = doctor ?? 'Your care team';
  return kind === NotificationKind.PRESCRIPTION_ISSUED
    ? {
        title: 'New prescription',
        body: `${who} issued a prescription for you. See it under Prescriptions in your patient portal.`,
      }
    : {
        title: 'Prescription stopped',
        body: `${who} stopped one of your prescriptions. See which under Prescriptions in your patient portal, and ask your doctor if anything is unclear.`,
      };
}

/**
 * Tells the patient that a doctor issued or stopped one of their prescriptions, in the caller's
 * transaction: in-app, and by e-mail once it commits (nothing is said about a change that rolls
 * back). One statement reads the patient's account and the doctor's name.
 */
export async function notifyPrescription(
  tx: EntityManager,
  kind: PrescriptionNotificationKind,
  facts: { readonly patientId: string; readonly doctorId: string | undefined },
): Promise<void> {
  requireTransaction(tx, 'notifyPrescription');
  const [row] = await tx.execute<{ user_id: string; first_name: string | null; last_name: string | null }[]>(
    `select p.user_id, d.first_name, d.last_name
       from patient p left join doctor d on d.id = ?::uuid
      where p.id = ?`,
    [facts.doctorId ?? null, facts.patientId],
  );
  if (!row) {
    return;
  }
  const doctor = row.first_name && row.last_name ? `Dr ${row.first_name} ${row.last_name}` : undefined;
  const notification = await addNotification(tx, row.user_id, { kind, ...prescriptionMessage(kind, doctor) });
  enqueueSend(tx, notification.id);
}
