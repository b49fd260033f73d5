import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { enqueueNotice } from './notice-mail.js';
import { NotificationKind } from './notification.entity.js';
import { ERASE_INBOX } from './inbox-erasure.js';
import { addNotification, notifyAdministrators } from './notification.service.js';

/** The day a request is due, as the clinic reads it (UTC). */
const day = (at: Date) => at.toISOString().slice(0, 10);

/** What the administrators read of a request: when it is made, and when it is due soon and still unanswered. */
const TO_ADMINISTRATORS = {
  requested: {
    title: () => 'A patient asked to close their account',
    body: (patient: string, due: string) =>
      `${patient} asked to close their account and erase their data. Answer by ${due} under Privacy requests.`,
    mail: 'ERASURE_REQUESTED',
  },
  due: {
    title: () => 'A request to close an account is due soon',
    body: (patient: string, due: string) =>
      `${patient}’s request to close their account is still unanswered and due by ${due}. Answer it under Privacy requests.`,
    mail: 'ERASURE_DUE',
  },
} as const;

/**
 * Tells every active administrator of a patient's request to close their account, when it is made
 * (the request's transaction) or when it is due soon and still unanswered (the reminder job's):
 * in-app naming the patient (read in the console), by a fixed-text e-mail naming no one.
 */
export async function notifyAdministratorsOfErasure(
  tx: EntityManager,
  moment: keyof typeof TO_ADMINISTRATORS,
  facts: { readonly patientName: string; readonly dueAt: Date },
): Promise<void> {
  requireTransaction(tx, 'notifyAdministratorsOfErasure');
  const message = TO_ADMINISTRATORS[moment];
  await notifyAdministrators(
    tx,
    {
      kind: NotificationKind.ERASURE_REQUESTED,
      title: message.title(),
      body: message.body(facts.patientName, day(facts.dueAt)),
    },
    message.mail,
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
