import type { RequestHandler } from 'express';
import { prescriptionDocument } from '../modules/prescriptions/prescription-document.js';
import { renderPrescriptionPdf } from '../modules/prescriptions/prescription-pdf.js';
import { notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { createContext, requestIdOfResponse, type ContextDependencies } from './context.js';
import { failRoute, type ErrorFormatter } from './errors.js';

/** `<uuid>.pdf`, nothing else. */
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/i;

/**
 * `GET /prescriptions/:id.pdf` with a bearer token: the printable prescription (access and audit
 * as in `prescriptionDocument`). Errors leave through the one formatter, with the same body
 * GraphQL answers with, so clients handle both alike.
 */
export function prescriptionPdfRoute(dependencies: ContextDependencies, formatError: ErrorFormatter): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOfResponse(request, response);
    try {
      const file = FILE_NAME.exec(String(request.params['file'] ?? ''));
      const prescriptionId = file?.[1]?.toLowerCase();
      if (!prescriptionId || !isUuid(prescriptionId)) {
        throw notFound('Prescription');
      }
      // A bad or expired token throws UNAUTHENTICATED here; no token is anonymous, refused below.
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      const pdf = await renderPrescriptionPdf(await prescriptionDocument(ctx, prescriptionId));

      response.status(200);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `inline; filename="prescription-${prescriptionId}.pdf"`);
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Length', String(pdf.length));
      response.end(pdf);
    } catch (error) {
      failRoute(response, formatError, error, requestId);
    }
  };
}
