import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { enqueueNotice, type NoticeKind } from './notice-mail.js';
import { NotificationKind } from './notification.entity.js';
import { addNotifications, notifyAdministrators } from './notification.service.js';

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
  /** To the patient's other doctors when the one who ordered the tests is away. */
  criticalCovering: (patientName: string, away: OrdererAway) => ({
    title: 'Critical lab result',
    body: `A lab order for ${patientName}, placed by ${away === 'LEFT' ? 'a doctor who has left' : 'a colleague who is away'}, has a critical result. Review it now.`,
  }),
  /** To the ordering doctor's department colleagues at work when none of the patient's doctors is. */
  criticalUncovered: (patientName: string) => ({
    title: 'Critical lab result',
    body: `A lab order for ${patientName}, placed by a colleague in your department who is away, has a critical result and none of the patient’s doctors is at work. Open their chart with emergency access to review it.`,
  }),
  /**
   * To the clinic's administrators when no doctor at all was told (the ordering doctor is away and
   * neither the patient's other doctors nor that doctor's department colleagues are at work): who
   * to ask, never which tests or values.
   */
  unattended: (patientName: string, ordererName: string, departmentName: string, away: OrdererAway) => ({
    title: 'Critical lab result without a doctor',
    body: `A lab order for ${patientName}, placed by Dr ${ordererName} (${departmentName}), who ${away === 'LEFT' ? 'has left' : 'is away'}, has a critical result, and none of the patient’s doctors and no one in ${departmentName} is at work to review it. Ask a doctor at work to open the patient’s chart with emergency access and review it.`,
  }),
} as const;

/** Why the ordering doctor cannot review results now: they have left, or are on time off. */
export type OrdererAway = 'LEFT' | 'TIME_OFF';

export interface LabResultsNotice {
  readonly labOrderId: string;
  readonly patientUserId: string;
  /** The ordering doctor's account; null once they have left (a deactivated account is told nothing). */
  readonly ordererUserId: string | null;
  /** Null while the ordering doctor is at work. */
  readonly ordererAway: OrdererAway | null;
  /** The patient's other doctors at work caring for them: told of a critical result while the ordering doctor is away. */
  readonly coveringUserIds: readonly string[];
  /** The ordering doctor's department colleagues at work: told instead when none of `coveringUserIds` is. */
  readonly departmentUserIds: readonly string[];
  /** The ordering doctor's name and department: what the administrators are told when no doctor is. */
  readonly ordererName: string;
  readonly departmentName: string;
  /** Whose chart a doctor's alert opens. */
  readonly patientId: string;
  readonly patientName: string;
  /** At least one result is CRITICAL_LOW or CRITICAL_HIGH. */
  readonly critical: boolean;
}

/**
 * Tells the patient that results are ready and, for a critical result, the ordering doctor at
 * once — and, while they are away (left, or on time off), the patient's other doctors at work, or
 * with none of them at work the ordering doctor's department colleagues at work, or with no one
 * there either the clinic's administrators (so a critical result never goes unseen): in-app
 * notifications and fixed-text e-mails, all in the caller's transaction (nothing is said about
 * results that roll back). No test name, value or flag reaches any of them.
 */
export async function notifyLabResults(tx: EntityManager, notice: LabResultsNotice): Promise<void> {
  requireTransaction(tx, 'notifyLabResults');
  const away = notice.ordererAway;
  const alert = (userId: string, kind: NoticeKind, message: { title: string; body: string }) => ({
    userId,
    notice: kind,
    ...message,
  });
  // Who is told of a critical result: the ordering doctor; while they are away the patient's other
  // doctors at work, or with none of them at work the department's, or with none there either the
  // administrators.
  const alerts = notice.critical
    ? [
        ...(notice.ordererUserId !== null
          ? [alert(notice.ordererUserId, 'LAB_RESULT_CRITICAL', LAB_MESSAGES.criticalDoctor(notice.patientName))]
          : []),
        ...(away === null
          ? []
          : notice.coveringUserIds.length > 0
            ? notice.coveringUserIds.map((userId) =>
                alert(userId, 'LAB_RESULT_CRITICAL_COVERING', LAB_MESSAGES.criticalCovering(notice.patientName, away)),
              )
            : notice.departmentUserIds.map((userId) =>
                alert(userId, 'LAB_RESULT_CRITICAL_UNCOVERED', LAB_MESSAGES.criticalUncovered(notice.patientName)),
              )),
      ]
    : [];
  const rows = [
    {
      userId: notice.patientUserId,
      notice: 'LAB_RESULTS_READY' as const,
      fields: { kind: NotificationKind.LAB_RESULTS_READY, ...LAB_MESSAGES.patient, labOrderId: notice.labOrderId },
    },
    // A doctor's alert opens the patient's chart.
    ...alerts.map(({ userId, notice: kind, title, body }) => ({
      userId,
      notice: kind,
      fields: {
        kind: NotificationKind.LAB_RESULT_CRITICAL,
        title,
        body,
        labOrderId: notice.labOrderId,
        patientId: notice.patientId,
      },
    })),
  ];
  await addNotifications(
    tx,
    rows.map(({ userId, fields }) => ({ userId, fields })),
  );
  for (const row of rows) {
    enqueueNotice(tx, row.userId, row.notice);
  }
  // No doctor at work was told: the administrators, to find one — no lab order or chart to open
  // (neither is theirs to read), whose it is in words, and an e-mail naming no one.
  if (
    notice.critical &&
    away !== null &&
    notice.coveringUserIds.length === 0 &&
    notice.departmentUserIds.length === 0
  ) {
    await notifyAdministrators(
      tx,
      {
        kind: NotificationKind.LAB_RESULT_UNATTENDED,
        ...LAB_MESSAGES.unattended(notice.patientName, notice.ordererName, notice.departmentName, away),
      },
      'LAB_RESULT_CRITICAL_UNATTENDED',
    );
  }
}
