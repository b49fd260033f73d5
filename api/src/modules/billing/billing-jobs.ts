import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TaskList } from 'graphile-worker';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { BILLING_MESSAGES, notifyBilling } from '../notifications/billing-notices.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { UNDECIDED_CLAIMS } from './billing.types.js';
import { InsuranceClaim } from './insurance-claim.entity.js';
import { Invoice, isPastDue, owedBy } from './invoice.entity.js';

/** The job that tells a patient their bill is overdue, the morning after its due date. */
export const INVOICE_OVERDUE = 'invoice-overdue';
/** The hour of the hospital's day the overdue notice goes out. */
const NOTICE_HOUR = 9;
/** While an insurer is still deciding on a claim for the bill, the notice waits this many days at a time. */
export const CLAIM_WAIT_DAYS = 7;

/** How many overdue notices a bill gets at most: the first the morning after its due date, then reminders. */
export const OVERDUE_NOTICES = 3;
/** Days from one overdue notice to the next reminder. */
export const REMINDER_DAYS = 30;

const payloadSchema = z.object({
  invoiceId: z.string().refine(isUuid, 'must be a UUID'),
  /** Which notice this is, 1 to {@link OVERDUE_NOTICES} (the first when left out, as jobs queued before had it). */
  notice: z.number().int().min(1).max(OVERDUE_NOTICES).default(1),
});

/**
 * Schedules, in the transaction, the overdue notice of an invoice due on `dueDate` (the
 * hospital's calendar): at {@link NOTICE_HOUR} the day after, in the hospital's zone. One per
 * invoice (its job key); it says nothing if the bill is paid or void by then.
 */
export function scheduleOverdueNotice(
  tx: EntityManager,
  invoice: { readonly id: string; readonly dueDate: string },
  timezone: string,
): void {
  deferOverdueNotice(tx, invoice.id, DateTime.fromISO(invoice.dueDate, { zone: timezone }).plus({ days: 1 }), 1);
}

/** The `notice`th overdue notice of an invoice, at {@link NOTICE_HOUR} of `day` (in the hospital's zone). */
function deferOverdueNotice(tx: EntityManager, invoiceId: string, day: DateTime, notice: number): void {
  const runAt = day.set({ hour: NOTICE_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  deferJob(
    tx,
    INVOICE_OVERDUE,
    { invoiceId, notice },
    { runAt, jobKey: `${INVOICE_OVERDUE}:${invoiceId}`, maxAttempts: 5 },
  );
}

/**
 * The billing's job: an invoice's due date passed — if it is still owed then (issued, not paid in
 * full, not void: {@link owedBy}, {@link isPastDue}), its patient is told how much remains, in one
 * transaction with the notice's e-mail, and reminded {@link REMINDER_DAYS} days later while it is,
 * {@link OVERDUE_NOTICES} notices in all (the last says whom to ask for a plan). Not while an
 * insurer is still deciding on a claim for it (it may yet pay): the notice then waits
 * {@link CLAIM_WAIT_DAYS} days and looks again.
 */
export function billingTasks(deps: { readonly orm: MikroORM }): TaskList {
  return {
    [INVOICE_OVERDUE]: async (payload) => {
      const { invoiceId, notice } = payloadSchema.parse(payload);
      await deps.orm.em.fork().transactional(async (tx) => {
        const invoice = await tx.findOne(Invoice, invoiceId, { populate: ['hospital'] });
        if (!invoice) {
          return;
        }
        const hospital = invoice.hospital.getEntity();
        const due = owedBy(invoice);
        if (!isPastDue(due, hospital.timezone)) {
          return;
        }
        if (await tx.count(InsuranceClaim, { invoice: invoiceId, status: { $in: UNDECIDED_CLAIMS } })) {
          // A new job: this one is running, so its key is given up to the next (graphile-worker).
          deferOverdueNotice(
            tx,
            invoiceId,
            DateTime.now().setZone(hospital.timezone).plus({ days: CLAIM_WAIT_DAYS }),
            notice,
          );
          return;
        }
        await notifyBilling(tx, NotificationKind.INVOICE_OVERDUE, [
          {
            patientId: invoice.patientId,
            message: BILLING_MESSAGES.overdue(
              { number: invoice.number, hospitalName: hospital.name, currency: invoice.currency },
              { dueDate: due, balance: invoice.balance.amount },
              { notice, of: OVERDUE_NOTICES },
            ),
          },
        ]);
        if (notice < OVERDUE_NOTICES) {
          deferOverdueNotice(
            tx,
            invoiceId,
            DateTime.now().setZone(hospital.timezone).plus({ days: REMINDER_DAYS }),
            notice + 1,
          );
        }
      });
    },
  };
}
