import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TaskList } from 'graphile-worker';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { fromMinor, toMinor } from '../../shared/money.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { BILLING_MESSAGES, notifyBilling } from '../notifications/billing-notices.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { INVOICE_OVERDUE_SQL } from './invoice.entity.js';

/** The job that tells a patient their bill is overdue, the morning after its due date. */
export const INVOICE_OVERDUE = 'invoice-overdue';
/** The hour of the hospital's day the overdue notice goes out. */
const NOTICE_HOUR = 9;

const payloadSchema = z.object({ invoiceId: z.string().refine(isUuid, 'must be a UUID') });

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
  const runAt = DateTime.fromISO(invoice.dueDate, { zone: timezone })
    .plus({ days: 1 })
    .set({ hour: NOTICE_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
  deferJob(
    tx,
    INVOICE_OVERDUE,
    { invoiceId: invoice.id },
    { runAt, jobKey: `${INVOICE_OVERDUE}:${invoice.id}`, maxAttempts: 5 },
  );
}

interface OverdueRow {
  patient_id: string;
  number: string;
  currency: string;
  due_date: string;
  total: string;
  paid: string;
  hospital_name: string;
}

/**
 * The billing's job: an invoice's due date passed — if it is still owed (issued, not paid in full,
 * not void, due before today in its hospital's zone), its patient is told how much remains, in
 * one transaction with the notice's e-mail.
 */
export function billingTasks(deps: { readonly orm: MikroORM }): TaskList {
  return {
    [INVOICE_OVERDUE]: async (payload) => {
      const { invoiceId } = payloadSchema.parse(payload);
      await deps.orm.em.fork().transactional(async (tx) => {
        const [row] = await tx.execute<OverdueRow[]>(
          `select i.patient_id, i.number, i.currency, to_char(i.due_date, 'YYYY-MM-DD') as due_date,
                  i.total_amount::text as total, i.paid_amount::text as paid, h.name as hospital_name
             from invoice i join hospital h on h.id = i.hospital_id
            where i.id = ? and ${INVOICE_OVERDUE_SQL}`,
          [invoiceId],
        );
        if (!row) {
          return;
        }
        const invoice = {
          patientId: row.patient_id,
          number: row.number,
          hospitalName: row.hospital_name,
          currency: row.currency,
        };
        await notifyBilling(tx, NotificationKind.INVOICE_OVERDUE, [
          {
            patientId: row.patient_id,
            message: BILLING_MESSAGES.overdue(invoice, {
              dueDate: row.due_date,
              balance: fromMinor(
                (toMinor(row.total, row.currency) ?? 0n) - (toMinor(row.paid, row.currency) ?? 0n),
                row.currency,
              ),
            }),
          },
        ]);
      });
    },
  };
}
