import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { NotificationKind } from './notification.entity.js';
import { addNotification, enqueueSend, notifyAdministrators } from './notification.service.js';

/**
 * What an emergency access notification says: who opened the chart, and where its record is —
 * never the reason the doctor gave (it may be clinical): the patient reads it in their access
 * log, an administrator in the audit trail.
 */
export const EMERGENCY_MESSAGES = {
  patient: (doctor: string) => ({
    title: 'Your chart was opened in an emergency',
    body: `${doctor} opened your chart with emergency access. Every emergency access is recorded with its reason and reviewed; see it under Access log in your patient portal.`,
  }),
  admin: (doctor: string, patient: string) => ({
    title: 'Emergency access to a chart',
    body: `${doctor} opened the chart of ${patient} with emergency access. Review the reason they gave in the audit trail.`,
  }),
} as const;

/**
 * Tells the patient (in-app and by e-mail) and every active administrator (in-app, for review)
 * that a doctor broke the glass on the patient's chart, in the transaction that grants it:
 * nothing is said of a grant that rolls back. One statement reads the patient and the doctor.
 */
export async function notifyEmergencyAccess(
  tx: EntityManager,
  facts: { readonly patientId: string; readonly doctorId: string },
): Promise<void> {
  requireTransaction(tx, 'notifyEmergencyAccess');
  const [row] = await tx.execute<
    {
      patient_user_id: string;
      patient_first_name: string;
      patient_last_name: string;
      doctor_first_name: string;
      doctor_last_name: string;
    }[]
  >(
    `select p.user_id as patient_user_id, p.first_name as patient_first_name, p.last_name as patient_last_name,
            d.first_name as doctor_first_name, d.last_name as doctor_last_name
       from patient p, doctor d
      where p.id = ? and d.id = ?`,
    [facts.patientId, facts.doctorId],
  );
  if (!row) {
    return;
  }
  const doctor = `Dr ${row.doctor_first_name} ${row.doctor_last_name}`;
  // The patient's by e-mail too (the same text); an administrator's names the patient, so it is
  // read in the console only.
  const toPatient = await addNotification(tx, row.patient_user_id, {
    kind: NotificationKind.EMERGENCY_ACCESS,
    ...EMERGENCY_MESSAGES.patient(doctor),
  });
  enqueueSend(tx, toPatient.id);
  await notifyAdministrators(
    tx,
    {
      kind: NotificationKind.EMERGENCY_ACCESS,
      ...EMERGENCY_MESSAGES.admin(doctor, `${row.patient_first_name} ${row.patient_last_name}`),
    },
    'none',
  );
}
