import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { User } from '../identity/user.entity.js';
import type { DeliveryDependencies } from './notification.service.js';

/** The job that sends one fixed-text notice e-mail to a user. */
export const SEND_NOTICE = 'send-notice';

/**
 * Notices whose whole text is fixed here: they say that something is waiting, never what (a
 * message's subject or body never leaves the platform by e-mail).
 */
export const NOTICES = {
  NEW_MESSAGE: {
    subject: 'You have a new message',
    text: 'You have a new message in the Healthcare Platform. Sign in to read it.',
  },
  LAB_RESULTS_READY: {
    subject: 'New results are available',
    text: 'New results are available in the Healthcare Platform. Sign in to see them.',
  },
  LAB_RESULT_CRITICAL: {
    subject: 'Urgent: a lab result needs your review',
    text: 'A lab order you placed has a result that needs your review now. Sign in to see it.',
  },
  LAB_RESULT_CRITICAL_UNCOVERED: {
    subject: "Urgent: a lab result needs a doctor's review",
    text: "A lab order placed by a colleague in your department who is away has a result that needs a doctor's review now, and none of the patient's doctors is at work. Sign in to see it.",
  },
  LAB_RESULT_CRITICAL_UNATTENDED: {
    subject: 'Urgent: a lab result has no doctor at work to review it',
    text: "A lab order has a result that needs a doctor's review now, and its doctor is away with no doctor of the patient's or of that department at work. Sign in to see which, and ask a doctor at work to review it.",
  },
  LAB_RESULT_CRITICAL_COVERING: {
    subject: 'Urgent: a lab result needs your review',
    text: 'A lab order for one of your patients, placed by a colleague who is away or has left, has a result that needs your review now. Sign in to see it.',
  },
  ERASURE_REQUESTED: {
    subject: 'A patient asked to close their account',
    text: 'A patient asked to close their account and erase their data. The clinic answers within a month. Sign in to review the request.',
  },
  ERASURE_DUE: {
    subject: 'A request to close an account is due soon',
    text: 'A patient’s request to close their account and erase their data is due for an answer in a few days. Sign in to answer it.',
  },
  ERASURE_REFUSED: {
    subject: 'Your request to erase your data was answered',
    text: 'The clinic answered your request to close your account and erase your data. Sign in to read the answer.',
  },
  ACCESS_ALERT: {
    subject: 'Unusual access to patients’ charts',
    text: 'An account read patients’ charts in an unusual way. Sign in to review the alert under Access alerts.',
  },
  DATA_BREACH: {
    subject: 'Your medical data may have been seen without authorisation',
    text:
      'An account with access to your chart was misused, and may have read it. The account is locked out, and the clinic reports the incident as the law requires. ' +
      'You do not need to do anything; if you have questions, contact the clinic. Sign in to see who accessed your chart under Access log.',
  },
  // Sent to the account it closes: the last e-mail it gets, with no sign-in link.
  ERASURE_CARRIED_OUT: {
    subject: 'Your account is closed',
    text:
      'As you asked, your Healthcare Platform account is closed: you can no longer sign in, your upcoming appointments are cancelled, ' +
      'no partner sees your data any more, and your phone number and emergency contacts are erased. ' +
      'Your medical record and bills are kept for as long as the law requires, and stay available to you on request.',
    toClosedAccount: true,
  },
} as const;
export type NoticeKind = keyof typeof NOTICES;

const payloadSchema = z.object({
  userId: z.string().refine(isUuid, 'must be a UUID'),
  kind: z.enum(Object.keys(NOTICES) as [NoticeKind, ...NoticeKind[]]),
});

/**
 * Enqueues a notice in the caller's transaction (with its other deferred jobs, in one statement at
 * the commit): it goes out only if that commits.
 */
export function enqueueNotice(tx: EntityManager, userId: string, kind: NoticeKind): void {
  requireTransaction(tx, 'enqueueNotice');
  deferJob(tx, SEND_NOTICE, { userId, kind }, { maxAttempts: 10 });
}

/**
 * The `send-notice` task: nothing for a vanished account or an unconfirmed address, nor for a
 * deactivated one but the notice of its own closing.
 */
export async function handleSendNotice(
  deps: DeliveryDependencies,
  payload: unknown,
  publicUrl?: string,
): Promise<void> {
  const { userId, kind } = payloadSchema.parse(payload);
  const user = await deps.orm.em.fork().findOne(User, userId);
  const notice: { subject: string; text: string; toClosedAccount?: boolean } = NOTICES[kind];
  if (!user || (!user.active && !notice.toClosedAccount) || !user.emailVerifiedAt) {
    return;
  }
  await deps.transport.send({
    to: user.email,
    subject: notice.subject,
    text: publicUrl && !notice.toClosedAccount ? `${notice.text}\n\n${publicUrl}/login` : notice.text,
    kind,
    notificationId: userId,
  });
}
