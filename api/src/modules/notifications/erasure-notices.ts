import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { enqueueNotice } from './notice-mail.js';
import { NotificationKind } from './notification.entity.js';
import { ERASE_INBOX } from './inbox-erasure.js';
import { addNotification, notifyAdministrators } from './notification.service.js';

/** The day a request is due, as the clinic reads it (UTC). */
const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Tells every active administrator that a patient asked to close their account: in-app, naming
 * the patient (read in the console), and by a fixed-text e-mail naming no one. In the request's
 * transaction.
 */
export async function notifyErasureRequested(
  tx: EntityManager,
  facts: { readonly patientName: string; readonly dueAt: Date },
): Promise<void> {
  requireTransaction(tx, 'notifyErasureRequested');
  await notifyAdministrators(
    tx,
    {
      kind: NotificationKind.ERASURE_REQUESTED,
      title: 'A patient asked to close their account',
      body: `${facts.patientName} asked to close their account and erase their data. Answer by ${day(facts.dueAt)} under Privacy requests.`,
    },
    'ERASURE_REQUESTED',
  );
}

/**
 * Tells the patient their request was answered, in the answer's transaction. Refused: in-app and
 * by a fixed-text e-mail (the answer itself is read in the portal). Carried out: by e-mail only,
 * to the account it just closed — its last.
 */
export async function notifyErasureAnswered(
  tx: EntityManager,
  patientUserId: string,
  outcome: 'carried out' | 'refused',
): Promise<void> {
  requireTransaction(tx, 'notifyErasureAnswered');
  if (outcome === 'carried out') {
    enqueueNotice(tx, patientUserId, 'ERASURE_CARRIED_OUT');
    // After the commit: the closing's own notices (a cancelled visit's) are written at the commit.
    deferJob(tx, ERASE_INBOX, { userId: patientUserId }, { maxAttempts: 10 });
    return;
  }
  await addNotification(tx, patientUserId, {
    kind: NotificationKind.ERASURE_REFUSED,
    title: 'Your request to erase your data was answered',
    body: 'The clinic did not carry out your request to close your account and erase your data. Its answer, with the reason, is under Privacy in your portal.',
  });
  enqueueNotice(tx, patientUserId, 'ERASURE_REFUSED');
}
