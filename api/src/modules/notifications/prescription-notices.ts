import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { NotificationKind } from './notification.entity.js';
import { addNotification, enqueueSend } from './notification.service.js';
import type { MessageText } from './messages.js';

/** The kinds about a patient's prescriptions, told to the patient. */
export type PrescriptionNotificationKind =
  NotificationKind.PRESCRIPTION_ISSUED | NotificationKind.PRESCRIPTION_DISCONTINUED | NotificationKind.REPEAT_DECLINED;

/**
 * What a prescription notification may say: who prescribed or stopped, and where to look — never
 * which medication, dose or why (the e-mail carries the same text). `doctor`: "Dr Ada Lovelace",
 * or undefined when no doctor is named.
 */
export function prescriptionMessage(kind: PrescriptionNotificationKind, doctor: string | undefined): MessageText {
  const who = doctor ?? 'Your care team';
  switch (kind) {
    case NotificationKind.PRESCRIPTION_ISSUED:
      return {
        title: 'New prescription',
        body: `${who} issued a prescription for you. See it under Prescriptions in your patient portal.`,
      };
    case NotificationKind.PRESCRIPTION_DISCONTINUED:
      return {
        title: 'Prescription stopped',
        body: `${who} stopped one of your prescriptions. See which under Prescriptions in your patient portal, and ask your doctor if anything is unclear.`,
      };
    case NotificationKind.REPEAT_DECLINED:
      return {
        title: 'Repeat prescription not issued',
        body: `${who} did not issue the repeat prescription you asked for. See why under Prescriptions in your patient portal.`,
      };
  }
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

/**
 * Tells the doctor who issued a prescription that its patient asked for a repeat, in the caller's
 * transaction: in-app only (the request waits on their Today page; no e-mail per request). Names
 * the patient, never the medication. Nothing for a doctor who has left: the patient's other
 * doctors find it on their Today page.
 */
export async function notifyRepeatRequested(
  tx: EntityManager,
  facts: { readonly patientId: string; readonly doctorId: string },
): Promise<void> {
  requireTransaction(tx, 'notifyRepeatRequested');
  const [row] = await tx.execute<{ user_id: string; first_name: string; last_name: string }[]>(
    `select d.user_id, p.first_name, p.last_name from doctor d join app_user u on u.id = d.user_id, patient p
      where d.id = ? and u.active and p.id = ?`,
    [facts.doctorId, facts.patientId],
  );
  if (!row) {
    return;
  }
  await addNotification(tx, row.user_id, {
    kind: NotificationKind.REPEAT_REQUESTED,
    title: 'Repeat prescription asked for',
    body: `${row.first_name} ${row.last_name} asked for a repeat of a prescription you issued. See Repeat requests on your Today page.`,
  });
}
