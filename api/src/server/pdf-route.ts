import type { RequestHandler, Response } from 'express';
import { notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { createContext, requestIdOfResponse, type Context, type ContextDependencies } from './context.js';
import { failRoute, type ErrorFormatter } from './errors.js';

/** `<uuid>.pdf`, nothing else. */
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/i;

/** The request id the access log gave this request (or one from its header). */
export const requestIdOf = requestIdOfResponse;

/**
 * `GET /<kind>/:id.pdf` with a bearer token: `render` checks access (in the request's context)
 * and draws the document. Errors leave through the one formatter, with the same body GraphQL
 * answers with, so clients handle both alike.
 */
export function pdfRoute(
  dependencies: ContextDependencies,
  formatError: ErrorFormatter,
  kind: string,
  render: (ctx: Context, id: string) => Promise<{ pdf: Buffer; fileName: string }>,
  /** Runs first in the request's context (the record download charges the rate limit here). */
  before?: (ctx: Context, response: Response) => Promise<void>,
): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOfResponse(request, response);
    try {
      const id = FILE_NAME.exec(String(request.params['file'] ?? ''))?.[1]?.toLowerCase();
      if (!id || !isUuid(id)) {
        throw notFound(kind);
      }
      // A bad or expired token throws UNAUTHENTICATED here; no token is anonymous, refused by `render`.
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      await before?.(ctx, response);
      const { pdf, fileName } = await render(ctx, id);
      response.status(200);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Length', String(pdf.length));
      response.end(pdf);
    } catch (error) {
      failRoute(response, formatError, error, requestId);
    }
  };
}
