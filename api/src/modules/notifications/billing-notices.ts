import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { type NotificationKind } from './notification.entity.js';
import { addNotifications, enqueueSend } from './notification.service.js';
import type { MessageText } from './messages.js';

/** An invoice as its notices name it: its number, its hospital, its currency (amounts as decimal text). */
export interface InvoiceFacts {
  readonly number: string;
  readonly hospitalName: string;
  readonly currency: string;
}

const DUE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A calendar date as a notice writes it: "5 January 2027". */
function formatDue(isoDate: string): string {
  return DUE_FORMAT.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * What a billing notification says: the bill's number, hospital, amounts and due date — never its
 * lines (they name the visit's doctor and service) nor anything clinical; the e-mail carries the
 * same text.
 */
export const BILLING_MESSAGES = {
  issued: (invoice: InvoiceFacts & { readonly total: string; readonly dueDate: string }): MessageText => ({
    title: 'New bill',
    body:
      `Your bill ${invoice.number} from ${invoice.hospitalName} is ready: ${invoice.total} ${invoice.currency}, ` +
      `due ${formatDue(invoice.dueDate)}. See it under Bills in your patient portal.`,
  }),
  /** The first notice (`notice` 1) the morning after the due date; reminders after; the last (`of`) says whom to ask. */
  overdue: (
    invoice: InvoiceFacts,
    owed: { readonly dueDate: string; readonly balance: string },
    { notice, of }: { readonly notice: number; readonly of: number },
  ): MessageText => ({
    title: notice === 1 ? 'Bill overdue' : 'Bill still overdue',
    body:
      `${notice === 1 ? 'Your' : 'Reminder: your'} bill ${invoice.number} from ${invoice.hospitalName} was due on ` +
      `${formatDue(owed.dueDate)}: ${owed.balance} ${invoice.currency} remains to pay. ` +
      'See it under Bills in your patient portal.' +
      (notice > 1 && notice === of
        ? ` This is the last reminder: if you cannot pay it now, contact ${invoice.hospitalName}'s billing office to agree a plan.`
        : ''),
  }),
  voided: (invoice: InvoiceFacts & { readonly total: string }): MessageText => ({
    title: 'Bill cancelled',
    body:
      `Your bill ${invoice.number} from ${invoice.hospitalName} for ${invoice.total} ${invoice.currency} was ` +
      `cancelled: you owe nothing on it. It stays under Bills in your patient portal, marked void.`,
  }),
  paid: (
    invoice: InvoiceFacts,
    payment: { readonly amount: string; readonly balance: string; readonly byInsurer: boolean },
  ): MessageText => ({
    title: 'Payment received',
    body:
      `${payment.byInsurer ? 'Your insurer paid' : 'We received'} ${payment.amount} ${invoice.currency} ` +
      `for your bill ${invoice.number}. ` +
      (Number(payment.balance) === 0
        ? 'It is now paid in full.'
        : `${payment.balance} ${invoice.currency} remains to pay.`),
  }),
} as const;

/**
 * Tells each invoice's patient its message, in the caller's transaction: in-app, and by e-mail once
 * it commits. One statement reads the patients' accounts, however many invoices (a batch's).
 */
export async function notifyBilling(
  tx: EntityManager,
  kind:
    | NotificationKind.INVOICE_ISSUED
    | NotificationKind.PAYMENT_RECEIVED
    | NotificationKind.INVOICE_OVERDUE
    | NotificationKind.INVOICE_VOIDED,
  messages: readonly { readonly patientId: string; readonly message: MessageText }[],
): Promise<void> {
  requireTransaction(tx, 'notifyBilling');
  if (messages.length === 0) {
    return;
  }
  const rows = await tx.execute<{ id: string; user_id: string }[]>(
    `select id, user_id from patient where id = any(?::uuid[])`,
    // An array literal: the query builder would spread an array into a list of values.
    [`{${[...new Set(messages.map((each) => each.patientId))].join(',')}}`],
  );
  const userOf = new Map(rows.map((row) => [row.id, row.user_id]));
  const notifications = await addNotifications(
    tx,
    messages
      .filter((each) => userOf.has(each.patientId))
      .map((each) => ({ userId: userOf.get(each.patientId)!, fields: { kind, ...each.message } })),
  );
  for (const notification of notifications) {
    enqueueSend(tx, notification.id);
  }
}
