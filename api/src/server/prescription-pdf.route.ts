import type { RequestHandler } from 'express';
import { prescriptionDocument } from '../modules/prescriptions/prescription-document.js';
import { renderPrescriptionPdf } from '../modules/prescriptions/prescription-pdf.js';
import type { ContextDependencies } from './context.js';
import type { ErrorFormatter } from './errors.js';
import { pdfRoute } from './pdf-route.js';

/** `GET /prescriptions/:id.pdf` with a bearer token: the printable prescription (access and audit as in `prescriptionDocument`). */
export function prescriptionPdfRoute(dependencies: ContextDependencies, formatError: ErrorFormatter): RequestHandler {
  return pdfRoute(dependencies, formatError, 'Prescription', async (ctx, id) => ({
    pdf: await renderPrescriptionPdf(await prescriptionDocument(ctx, id)),
    fileName: `prescription-${id}.pdf`,
  }));
}
