import type { RequestHandler } from 'express';
import { invoiceDocument, receiptDocument } from '../modules/billing/billing-document.js';
import { renderBillingPdf } from '../modules/billing/billing-pdf.js';
import type { ContextDependencies } from './context.js';
import type { ErrorFormatter } from './errors.js';
import { pdfRoute } from './pdf-route.js';

/** `GET /invoices/:id.pdf` with a bearer token: the invoice, for its patient and administrators. */
export function invoicePdfRoute(dependencies: ContextDependencies, formatError: ErrorFormatter): RequestHandler {
  return pdfRoute(dependencies, formatError, 'Invoice', async (ctx, id) => {
    const document = await invoiceDocument(ctx, id);
    return { pdf: await renderBillingPdf(document), fileName: `invoice-${document.number}.pdf` };
  });
}

/** `GET /receipts/:paymentId.pdf` with a bearer token: the receipt of one payment, same access as its invoice. */
export function receiptPdfRoute(dependencies: ContextDependencies, formatError: ErrorFormatter): RequestHandler {
  return pdfRoute(dependencies, formatError, 'Payment', async (ctx, id) => ({
    pdf: await renderBillingPdf(await receiptDocument(ctx, id)),
    fileName: `receipt-${id}.pdf`,
  }));
}
