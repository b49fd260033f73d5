import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { Context } from '../../server/context.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { searchTerms } from '../../shared/search.js';
import { PartParams, readTrip } from '../../shared/one-trip.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import { fromMinor, requireAmount, requireCurrency } from '../../shared/money.js';
import {
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  pageSize,
  TIME_THEN_ID,
  totalFor,
  toConnection,
  type PageArgs,
} from '../../shared/pagination.js';
import { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';
import { patientsMatching } from '../patients/patient-search.js';
import { User } from '../identity/user.entity.js';
import type { Hospital } from '../organisation/hospital.entity.js';
import { BILLING_MESSAGES, notifyBilling } from '../notifications/billing-notices.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import type { RecordPaymentInput } from './billing.inputs.js';
import { mayListBilling, mayManageBilling, maySeeBilling } from './billing.policy.js';
import { InvoiceStatus, PaymentMethod } from './billing.types.js';
import { actingOnBilling } from './insurer-access.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { INVOICE_OVERDUE_SQL, INVOICE_STATUS_SQL, Invoice } from './invoice.entity.js';
import { collectorFor } from './payment-collection.js';
import { Payment } from './payment.entity.js';
import { scheduleOverdueNotice } from './billing-jobs.js';

/** Days from issue to the due date. */
export const PAYMENT_TERM_DAYS = 30;
/** The most drafts one `issueInvoices` takes: a page of the administrator's list and then some. */
export const ISSUE_AT_ONCE = 100;

/**
 * The next invoice number of a hospital's year, taken inside the invoice's own transaction: the
 * counter row stays locked (FOR UPDATE) until that transaction ends, so concurrent invoices take
 * turns, and a rolled-back invoice gives its number back — no gaps, unlike a sequence.
 */
export async function nextInvoiceNumber(
  tx: EntityManager,
  hospital: Hospital,
  at: Date,
): Promise<{ number: string; year: number; sequence: number }> {
  const year = DateTime.fromJSDate(at, { zone: hospital.timezone }).year;
  await tx.execute(
    'insert into invoice_counter (hospital_id, year, last_number) values (?, ?, 0) on conflict do nothing',
    [hospital.id, year],
  );
  const [row] = await tx.execute<{ last_number: number }[]>(
    'select last_number from invoice_counter where hospital_id = ? and year = ? for update',
    [hospital.id, year],
  );
  const sequence = row!.last_number + 1;
  await tx.execute('update invoice_counter set last_number = ? where hospital_id = ? and year = ?', [
    sequence,
    hospital.id,
    year,
  ]);
  return { number: `${hospital.code}-${year}-${String(sequence).padStart(6, '0')}`, year, sequence };
}

/**
 * A completed visit drafts its invoice in the completion's own transaction: the doctor's fee as
 * one line (lab tests will add theirs). A doctor without a fee bills nothing. The appointment row
 * is locked by the completion and the invoice's appointment is unique, so one visit never gets
 * two invoices.
 */
export async function draftVisitInvoice(
  tx: EntityManager,
  audit: AuditTrail,
  appointment: Appointment,
  kind: AppointmentEventKind,
): Promise<void> {
  if (kind !== AppointmentEventKind.COMPLETED) {
    return;
  }
  const doctor = await tx.findOneOrFail(Doctor, appointment.doctor.id, { populate: ['department.hospital'] });
  if (doctor.feeAmount === undefined || doctor.feeAmount === null) {
    return;
  }
  if (await tx.count(Invoice, { appointment: appointment.id })) {
    return;
  }
  const hospital = doctor.department.getEntity().hospital.getEntity();
  const now = new Date();
  const numbering = await nextInvoiceNumber(tx, hospital, now);
  const unit = requireAmount(doctor.feeAmount, doctor.feeCurrency, 'fee', { allowZero: true });
  const invoice = tx.create(Invoice, {
    ...numbering,
    hospital,
    patient: appointment.patient,
    appointment,
    currency: doctor.feeCurrency,
    totalAmount: fromMinor(unit, doctor.feeCurrency),
  });
  tx.create(InvoiceLine, {
    invoice,
    position: 1,
    description: `Consultation — Dr ${doctor.firstName} ${doctor.lastName}, ${doctor.specialization}`,
    quantity: 1,
    unitAmount: fromMinor(unit, doctor.feeCurrency),
    currency: doctor.feeCurrency,
  });
  audit.record(tx, { action: 'CREATE', entityType: 'Invoice', entityId: invoice.id });
  await tx.flush();
}

export interface InvoiceFilter {
  patientId?: string | null | undefined;
  status?: readonly InvoiceStatus[] | null | undefined;
  /** True: only overdue invoices; false: none of them. */
  overdue?: boolean | null | undefined;
  /** Words: each an invoice's whole number, or a word of its patient's name, phone or e-mail. */
  search?: string | null | undefined;
}

/** Issuing, payments, voiding and the lists: admins for the changes, patients read their own. */
export class InvoiceService {
  constructor(private readonly ctx: Context) {}

  requireManager(): void {
    this.ctx.access.requireUser();
    if (!mayManageBilling(this.ctx.access.actor)) {
      throw forbidden('Only administrators handle invoices and payments.');
    }
  }

  /** The invoice locked for this transaction; anyone but an admin is FORBIDDEN before the lookup. */
  private async lockInvoice(tx: EntityManager, id: string): Promise<Invoice> {
    this.requireManager();
    const invoice = await tx.findOne(Invoice, requireId(id, 'id'), { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!invoice) {
      throw notFound('Invoice');
    }
    return invoice;
  }

  async issue(id: string): Promise<Invoice> {
    this.requireManager();
    return this.ctx.em.transactional(async (tx) => {
      const invoice = await this.lockInvoice(tx, id);
      if (invoice.status !== InvoiceStatus.DRAFT) {
        throw conflict(`Cannot issue an invoice that is ${invoice.status}.`, 'ILLEGAL_TRANSITION');
      }
      const hospital = await invoice.hospital.loadOrFail();
      this.issueDraft(tx, invoice, hospital, new Date());
      await notifyIssued(tx, [{ invoice, hospital }]);
      return invoice;
    });
  }

  /**
   * Issues several drafts at once (an administrator's batch at the end of the day), all or none: an
   * id twice counts once; one that is not a draft is CONFLICT `ILLEGAL_TRANSITION` with the ids of
   * all such in `extensions.invoiceIds`, one missing NOT_FOUND. Locked in id order, so two batches
   * that overlap wait for each other rather than deadlock.
   */
  async issueMany(ids: readonly string[]): Promise<Invoice[]> {
    this.requireManager();
    if (ids.length === 0 || ids.length > ISSUE_AT_ONCE) {
      throw badInput([{ field: 'ids', message: `must hold 1 to ${ISSUE_AT_ONCE} invoice IDs` }]);
    }
    const wanted = [...new Set(ids.map((id, index) => requireId(id, `ids[${index}]`)))];
    return this.ctx.em.transactional(async (tx) => {
      const invoices = await tx.find(
        Invoice,
        { id: { $in: wanted } },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
      if (invoices.length !== wanted.length) {
        throw notFound('Invoice');
      }
      const issued = invoices.filter((invoice) => invoice.status !== InvoiceStatus.DRAFT);
      if (issued.length > 0) {
        throw new AppError('CONFLICT', 'Only draft invoices can be issued; none was issued.', {
          reason: 'ILLEGAL_TRANSITION',
          extensions: { invoiceIds: issued.map((invoice) => invoice.id) },
        });
      }
      // Their hospitals in one more read, not locked with them (a join would lock them too).
      await tx.populate(invoices, ['hospital']);
      const now = new Date();
      for (const invoice of invoices) {
        this.issueDraft(tx, invoice, invoice.hospital.getEntity(), now);
      }
      await notifyIssued(
        tx,
        invoices.map((invoice) => ({ invoice, hospital: invoice.hospital.getEntity() })),
      );
      const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
      return wanted.map((id) => byId.get(id)!);
    });
  }

  /** A locked draft issued now: due {@link PAYMENT_TERM_DAYS} days on in its hospital's calendar. */
  private issueDraft(tx: EntityManager, invoice: Invoice, hospital: Hospital, now: Date): void {
    invoice.issuedAt = now;
    invoice.dueDate = DateTime.fromJSDate(now, { zone: hospital.timezone })
      .plus({ days: PAYMENT_TERM_DAYS })
      .toISODate()!;
    invoice.issuedBy = tx.getReference(User, this.ctx.access.requireUser().userId, { wrapped: true });
    this.ctx.audit.record(tx, { action: 'ISSUE', entityType: 'Invoice', entityId: invoice.id });
    scheduleOverdueNotice(tx, { id: invoice.id, dueDate: invoice.dueDate }, hospital.timezone);
  }

  async recordPayment(invoiceId: string, input: RecordPaymentInput): Promise<Invoice> {
    this.requireManager();
    const { reference } = collectorFor(input.method).confirm(input.reference);
    if (input.paidAt && input.paidAt.getTime() > Date.now() + 60_000) {
      throw badInput([{ field: 'input.paidAt', message: 'must not be in the future' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const invoice = await this.lockInvoice(tx, invoiceId);
      if (input.currency && requireCurrency(input.currency, 'input.currency') !== invoice.currency) {
        throw badInput([{ field: 'input.currency', message: `must be the invoice’s currency, ${invoice.currency}` }]);
      }
      const amount = requireAmount(input.amount, invoice.currency, 'input.amount');
      await this.addPayment(tx, invoice, amount, input.method, reference, input.paidAt ?? new Date());
      return invoice;
    });
  }

  /**
   * Books money onto an invoice locked by the caller's transaction: only an issued, unpaid
   * invoice takes payments, and never more than its balance.
   */
  async addPayment(
    tx: EntityManager,
    invoice: Invoice,
    amount: bigint,
    method: PaymentMethod,
    reference: string | undefined,
    paidAt: Date,
  ): Promise<Payment> {
    const status = invoice.status;
    if (status !== InvoiceStatus.ISSUED && status !== InvoiceStatus.PARTIALLY_PAID) {
      throw conflict(
        status === InvoiceStatus.DRAFT
          ? 'Issue the invoice before recording payments.'
          : `Cannot record a payment on an invoice that is ${status}.`,
        'ILLEGAL_TRANSITION',
      );
    }
    const balance = invoice.totalMinor - invoice.paidMinor;
    if (amount > balance) {
      throw new AppError(
        'CONFLICT',
        `The payment is more than the balance of ${fromMinor(balance, invoice.currency)} ${invoice.currency}.`,
        { reason: 'OVERPAYMENT', fields: [{ field: 'input.amount', message: 'is more than the balance' }] },
      );
    }
    const by = actingOnBilling(tx, this.ctx.access.actor);
    const payment = tx.create(Payment, {
      invoice,
      amountValue: fromMinor(amount, invoice.currency),
      currency: invoice.currency,
      method,
      reference,
      paidAt,
      recordedBy: by.user,
      recordedByClient: by.client,
    });
    invoice.paidAmount = fromMinor(invoice.paidMinor + amount, invoice.currency);
    this.ctx.audit.record(tx, { action: 'PAYMENT', entityType: 'Invoice', entityId: invoice.id });
    const hospital = await invoice.hospital.loadOrFail();
    await notifyBilling(tx, NotificationKind.PAYMENT_RECEIVED, [
      {
        patientId: invoice.patientId,
        message: BILLING_MESSAGES.paid(
          { number: invoice.number, hospitalName: hospital.name, currency: invoice.currency },
          {
            amount: fromMinor(amount, invoice.currency),
            balance: invoice.balance.amount,
            byInsurer: method === PaymentMethod.INSURANCE,
          },
        ),
      },
    ]);
    await tx.flush();
    return payment;
  }

  async void(id: string, reasonInput: string): Promise<Invoice> {
    this.requireManager();
    const reason = reasonInput.trim();
    if (!reason || reason.length > 500) {
      throw badInput([{ field: 'reason', message: 'is required, at most 500 characters' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const invoice = await this.lockInvoice(tx, id);
      if (invoice.voidedAt) {
        throw conflict('The invoice is already VOID.', 'ILLEGAL_TRANSITION');
      }
      if (invoice.paidMinor > 0n) {
        throw conflict('An invoice with payments cannot be voided.', 'HAS_PAYMENTS');
      }
      invoice.voidedAt = new Date();
      invoice.voidReason = reason;
      invoice.voidedBy = tx.getReference(User, this.ctx.access.requireUser().userId, { wrapped: true });
      this.ctx.audit.record(tx, { action: 'VOID', entityType: 'Invoice', entityId: invoice.id, reason });
      if (invoice.issuedAt) {
        // The patient was sent the bill: they hear it is cancelled (a draft they never owed, not).
        // Not the reason: an administrator's words, perhaps about the visit.
        const hospital = await invoice.hospital.loadOrFail();
        await notifyBilling(tx, NotificationKind.INVOICE_VOIDED, [
          {
            patientId: invoice.patientId,
            message: BILLING_MESSAGES.voided({
              number: invoice.number,
              hospitalName: hospital.name,
              currency: invoice.currency,
              total: invoice.total.amount,
            }),
          },
        ]);
      }
      return invoice;
    });
  }

  /** One invoice: the patient's own, or any for an admin; the same FORBIDDEN whether or not it exists. */
  async one(id: string): Promise<Invoice> {
    const actor = this.ctx.access.requireUser();
    const invoice = await this.ctx.em.findOne(Invoice, requireId(id, 'id'));
    if (!invoice || !maySeeBilling(actor, { patientId: invoice.patient.id })) {
      if (actor.role === Role.ADMIN) {
        throw notFound('Invoice');
      }
      throw forbidden('You may not see this invoice.');
    }
    return invoice;
  }

  /**
   * Newest first; a patient only ever their own, an admin all (optionally one patient's). The
   * page's invoices whole, as read rows (only read and serialised), and with `count` their total:
   * each one part of the request's round trip.
   */
  async list(
    filter: InvoiceFilter,
    page: PageArgs,
    { count }: { readonly count: boolean },
  ): Promise<ConnectionShape<Invoice>> {
    const actor = this.ctx.access.requireUser();
    if (!mayListBilling(actor)) {
      throw forbidden('Invoices are for administrators and the patients billed.');
    }
    let patientId = filter.patientId ? requireId(filter.patientId, 'patientId') : undefined;
    if (actor.role === Role.PATIENT) {
      if (patientId && patientId !== actor.patientId) {
        throw forbidden('Patients see only their own invoices.');
      }
      patientId = actor.patientId;
    }
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after, TIME_THEN_ID);
    const scope = (params: PartParams): string[] => [
      ...(patientId ? [`i.patient_id = ${params.bind(patientId, 'uuid')}`] : []),
      ...(filter.status?.length ? [`${INVOICE_STATUS_SQL} = any(${params.bind([...filter.status], 'text[]')})`] : []),
      ...(filter.overdue === true
        ? [INVOICE_OVERDUE_SQL]
        : filter.overdue === false
          ? [`not ${INVOICE_OVERDUE_SQL}`]
          : []),
      // Each word: the invoice's number (exact, through its unique index) or its patient's. The
      // patients as an array, so that their invoices come through the patient index (a bitmap
      // "or" with the number's), not from walking every invoice newest first until a page is full.
      ...searchTerms(filter.search).map((term) => {
        const like = params.bind(`%${term}%`, 'text');
        const number = params.bind(term.toUpperCase(), 'text');
        return `(i.number = ${number} or i.patient_id = any(array${patientsMatching(like, like)}))`;
      }),
    ];
    const whereOf = (conditions: readonly string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '');
    const counted = () => {
      const params = new PartParams();
      const where = whereOf(scope(params));
      return readTrip(this.ctx.em)
        .load({ sql: `select count(*)::int as n from invoice i ${where}`, params: params.values })
        .then(([row]) => row!['n'] as number);
    };
    const total = totalFor(count, counted);
    const listed = new PartParams();
    const conditions = scope(listed);
    if (after) {
      conditions.push(
        `(i.created_at, i.id) < (${listed.bind(after[0], 'timestamptz')}, ${listed.bind(after[1], 'uuid')})`,
      );
    }
    const rows = await readTrip(this.ctx.em).load({
      sql: `select i.* from invoice i ${whereOf(conditions)} order by i.created_at desc, i.id desc limit ${limit + 1}`,
      params: listed.values,
      order: 'p.created_at desc, p.id desc',
    });
    const reader = rowReader(this.ctx.em, Invoice);
    return toConnection(
      rows.map((row) => {
        const invoice = readRow(this.ctx.em, reader, row);
        keepMicroseconds(invoice.createdAt, row['created_at']); // for its cursor
        return invoice;
      }),
      limit,
      (invoice) => [cursorTime(invoice.createdAt), invoice.id],
      total,
    );
  }
}

/** Tells each issued invoice's patient: its number, hospital, total and due date. */
function notifyIssued(tx: EntityManager, issued: readonly { invoice: Invoice; hospital: Hospital }[]): Promise<void> {
  return notifyBilling(
    tx,
    NotificationKind.INVOICE_ISSUED,
    issued.map(({ invoice, hospital }) => ({
      patientId: invoice.patientId,
      message: BILLING_MESSAGES.issued({
        number: invoice.number,
        hospitalName: hospital.name,
        currency: invoice.currency,
        total: invoice.total.amount,
        dueDate: invoice.dueDate!,
      }),
    })),
  );
}
