import type { RequestHandler } from 'express';
import { downloadRecord } from '../modules/fhir/record-download.js';
import { notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { createContext, requestIdOfResponse, type ContextDependencies } from './context.js';
import { failRoute, type ErrorFormatter } from './errors.js';
import { ROUTE_COST, type RequestCharge } from './limits.js';
import { pdfRoute } from './pdf-route.js';

/** `GET /health-record/:patientId.pdf`: the readable summary of the whole record (the PDF route). */
export function recordPdfRoute(
  dependencies: ContextDependencies,
  formatError: ErrorFormatter,
  charge: RequestCharge,
): RequestHandler {
  return pdfRoute(
    dependencies,
    formatError,
    'Patient',
    async (ctx, id) => {
      const { body, fileName } = await downloadRecord(ctx, id, 'pdf', '');
      return { pdf: body, fileName };
    },
    (ctx, response) => charge(ctx, response, ROUTE_COST.wholeChart),
  );
}

const JSON_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/i;

/** `GET /health-record/:patientId.json`: the `$everything` Bundle as a file to keep. */
export function recordBundleRoute(
  dependencies: ContextDependencies,
  formatError: ErrorFormatter,
  charge: RequestCharge,
): RequestHandler {
  return async (request, response, next) => {
    const file = String(request.params['file'] ?? '');
    if (file.toLowerCase().endsWith('.pdf')) {
      next();
      return;
    }
    const requestId = requestIdOfResponse(request, response);
    try {
      const id = JSON_FILE.exec(file)?.[1]?.toLowerCase();
      if (!id || !isUuid(id)) {
        throw notFound('Patient');
      }
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      await charge(ctx, response, ROUTE_COST.wholeChart);
      const baseUrl = `${request.protocol}://${request.get('host') ?? 'localhost'}/fhir/R4`;
      const { body, fileName } = await downloadRecord(ctx, id, 'bundle', baseUrl);
      response.status(200);
      response.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.end(JSON.stringify(body, null, 2));
    } catch (error) {
      failRoute(response, formatError, error, requestId);
    }
  };
}
