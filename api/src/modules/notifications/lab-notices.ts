import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { enqueueNotice } from './notice-mail.js';
import { NotificationKind } from './notification.entity.js';
import { addNotifications } from './notification.service.js';

/** What a lab notification may say: that results exist, never which tests or values. */
export const LAB_MESSAGES = {
  patient: {
    title: 'New results are available',
    body: 'New lab results are available in your chart.',
  },
  criticalDoctor: (patientName: string) => ({
    title: 'Critical lab result',
    body: `A lab order you placed for ${patientName} has a critical result. Review it now.`,
  }),
} as const;

export interface LabResultsNotice {
  readonly labOrderId: string;
  readonly patientUserId: string;
  readonly doctorUserId: string;
  readonly patientName: string;
  /** At least one result is CRITICAL_LOW or CRITICAL_HIGH. */
  readonly critical: boolean;
}

/**
 * Tells the patient that results are ready and, for a critical result, the ordering doctor at
 * once: in-app notifications and fixed-text e-mails, all in the caller's transaction (nothing is
 * said about results that roll back). No test name, value or flag reaches any of them.
 */
export async function notifyLabResults(tx: EntityManager, notice: LabResultsNotice): Promise<void> {
  requireTransaction(tx, 'notifyLabResults');
  const rows = [
    {
      userId: notice.patientUserId,
      kind: NotificationKind.LAB_RESULTS_READY,
      notice: 'LAB_RESULTS_READY' as const,
      ...LAB_MESSAGES.patient,
    },
    ...(notice.critical
      ? [
          {
            userId: notice.doctorUserId,
            kind: NotificationKind.LAB_RESULT_CRITICAL,
            notice: 'LAB_RESULT_CRITICAL' as const,
            ...LAB_MESSAGES.criticalDoctor(notice.patientName),
          },
        ]
      : []),
  ];
  await addNotifications(
    tx,
    rows.map((row) => ({
      userId: row.userId,
      fields: { kind: row.kind, title: row.title, body: row.body, labOrderId: notice.labOrderId },
    })),
  );
  for (const row of rows) {
    enqueueNotice(tx, row.userId, row.notice);
  }
}
