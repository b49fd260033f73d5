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
  /** To the patient's other doctors when the one who ordered the tests has left. */
  criticalCovering: (patientName: string) => ({
    title: 'Critical lab result',
    body: `A lab order for ${patientName}, placed by a doctor who has left, has a critical result. Review it now.`,
  }),
} as const;

export interface LabResultsNotice {
  readonly labOrderId: string;
  readonly patientUserId: string;
  /** Who reviews the results: the ordering doctor, or (`covering`) the patient's other doctors when they have left. */
  readonly doctorUserIds: readonly string[];
  readonly covering: boolean;
  readonly patientName: string;
  /** At least one result is CRITICAL_LOW or CRITICAL_HIGH. */
  readonly critical: boolean;
}

/**
 * Tells the patient that results are ready and, for a critical result, the ordering doctor at
 * once (or, when they have left, the patient's other doctors): in-app notifications and
 * fixed-text e-mails, all in the caller's transaction (nothing is said about results that roll
 * back). No test name, value or flag reaches any of them.
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
      ? notice.doctorUserIds.map((userId) => ({
          userId,
          kind: NotificationKind.LAB_RESULT_CRITICAL,
          notice: notice.covering ? ('LAB_RESULT_CRITICAL_COVERING' as const) : ('LAB_RESULT_CRITICAL' as const),
          ...(notice.covering ? LAB_MESSAGES.criticalCovering : LAB_MESSAGES.criticalDoctor)(notice.patientName),
        }))
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
