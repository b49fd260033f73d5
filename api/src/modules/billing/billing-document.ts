import type { Context } from '../../server/context.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import type { BillingDocument } from './billing-pdf.js';
import { maySeeBilling } from './billing.policy.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';

/** The invoice if the caller may see it: its patient or an admin; others get the same answer either way. */
async function visibleInvoice(ctx: Context, id: string): Promise<Invoice> {
  const actor = ctx.access.requireUser();
  const invoice = await ctx.em.findOne(Invoice, id);
  if (!invoice || !maySeeBilling(actor, { patientId: invoice.patient.id })) {
    throw actor.role === Role.ADMIN ? notFound('Invoice') : forbidden('You may not see this invoice.');
  }
  return invoice;
}

async function documentOf(ctx: Context, invoice: Invoice, receipt?: Payment): Promise<BillingDocument> {
  const [hospital, patient, lines, payments] = await Promise.all([
    invoice.hospital.loadOrFail(),
    ctx.em.findOneOrFail(Patient, invoice.patient.id),
    ctx.em.find(InvoiceLine, { invoice: invoice.id }, { orderBy: { position: 'asc' } }),
    ctx.em.find(Payment, { invoice: invoice.id }, { orderBy: { paidAt: 'asc', id: 'asc' } }),
  ]);
  return {
    kind: receipt ? 'RECEIPT' : 'INVOICE',
    number: invoice.number,
    status: invoice.status,
    hospital: { name: hospital.name, address: hospital.address ?? null, timezone: hospital.timezone },
    patient: { firstName: patient.firstName, lastName: patient.lastName, address: patient.address ?? null },
    issuedAt: invoice.issuedAt ?? null,
    dueDate: invoice.dueDate ?? null,
    currency: invoice.currency,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice.amount,
      total: line.total.amount,
    })),
    total: invoice.total.amount,
    paid: invoice.paid.amount,
    balance: invoice.balance.amount,
    payments: payments.map((p) => ({
      paidAt: p.paidAt,
      method: p.method,
      reference: p.reference ?? null,
      amount: p.amount.amount,
    })),
    ...(receipt
      ? {
          receipt: {
            id: receipt.id,
            paidAt: receipt.paidAt,
            method: receipt.method,
            reference: receipt.reference ?? null,
            amount: receipt.amount.amount,
          },
        }
      : {}),
  };
}

/** What an invoice PDF prints; the invoice's patient and administrators only. */
export async function invoiceDocument(ctx: Context, invoiceId: string): Promise<BillingDocument> {
  return documentOf(ctx, await visibleInvoice(ctx, invoiceId));
}

/** What a receipt PDF prints for one payment; the same access as its invoice. */
export async function receiptDocument(ctx: Context, paymentId: string): Promise<BillingDocument> {
  const actor = ctx.access.requireUser();
  const payment = await ctx.em.findOne(Payment, paymentId);
  if (!payment) {
    throw actor.role === Role.ADMIN ? notFound('Payment') : forbidden('You may not see this receipt.');
  }
  return documentOf(ctx, await visibleInvoice(ctx, payment.invoice.id), payment);
}
