import type { Request, RequestHandler, Response } from 'express';
import { createContext, requestIdFrom, type Context, type ContextDependencies } from '../../server/context.js';
import { describeFailure } from '../../server/errors.js';
import { AppError, forbidden, notFound, type ErrorCode } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { renderBillingPdf, type BillingDocument } from './billing-pdf.js';
import { maySeeBilling } from './billing.policy.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';

const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/i;

const STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

function sendError(response: Response, code: ErrorCode, message: string): void {
  if (code === 'UNAUTHENTICATED') {
    response.setHeader('WWW-Authenticate', 'Bearer');
  }
  response.setHeader('Cache-Control', 'no-store');
  response.status(STATUS_OF[code]).json({ errors: [{ message, extensions: { code } }] });
}

/** The invoice if the caller may see it: its patient or an admin; others get the same answer either way. */
async function visibleInvoice(ctx: Context, id: string | undefined): Promise<Invoice> {
  const actor = ctx.access.requireUser();
  const invoice = id && isUuid(id) ? await ctx.em.findOne(Invoice, id) : null;
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

function pdfRoute(
  dependencies: ContextDependencies,
  label: string,
  load: (ctx: Context, id: string | undefined) => Promise<{ document: BillingDocument; fileName: string }>,
): RequestHandler {
  return async (request: Request, response: Response) => {
    const known: unknown = response.locals['requestId'];
    const requestId = typeof known === 'string' && known ? known : requestIdFrom(request.headers['x-request-id']);
    try {
      const id = FILE_NAME.exec(String(request.params['file'] ?? ''))?.[1]?.toLowerCase();
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      const { document, fileName } = await load(ctx, id);
      const pdf = await renderBillingPdf(document);
      response.status(200);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Length', String(pdf.length));
      response.end(pdf);
    } catch (error) {
      if (error instanceof AppError && error.code !== 'INTERNAL_SERVER_ERROR') {
        sendError(response, error.code, error.message);
        return;
      }
      dependencies.logger.error({ requestId, err: describeFailure(error) }, `${label} PDF failed`);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendError(
        response,
        'INTERNAL_SERVER_ERROR',
        'Something went wrong on our side. It has been logged; please try again.',
      );
    }
  };
}

/** `GET /invoices/:id.pdf` with a bearer token: the invoice's patient or an admin. */
export function invoicePdfRoute(dependencies: ContextDependencies): RequestHandler {
  return pdfRoute(dependencies, 'invoice', async (ctx, id) => {
    const invoice = await visibleInvoice(ctx, id);
    return { document: await documentOf(ctx, invoice), fileName: `invoice-${invoice.number}.pdf` };
  });
}

/** `GET /receipts/:paymentId.pdf` with a bearer token: a receipt for one payment, same access as its invoice. */
export function receiptPdfRoute(dependencies: ContextDependencies): RequestHandler {
  return pdfRoute(dependencies, 'receipt', async (ctx, id) => {
    const actor = ctx.access.requireUser();
    const payment = id && isUuid(id) ? await ctx.em.findOne(Payment, id) : null;
    if (!payment) {
      throw actor.role === Role.ADMIN ? notFound('Payment') : forbidden('You may not see this receipt.');
    }
    const invoice = await visibleInvoice(ctx, payment.invoice.id);
    return { document: await documentOf(ctx, invoice, payment), fileName: `receipt-${payment.id}.pdf` };
  });
}
