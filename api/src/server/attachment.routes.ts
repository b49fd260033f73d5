import express, { type Request, type RequestHandler, type Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { openDownload, receiveUpload } from '../modules/files/attachment-transfer.js';
import { DOWNLOAD_PATH, UPLOAD_PATH, verifyDownloadToken, verifyUploadToken } from '../modules/files/file-links.js';
import type { FileStorage } from '../modules/files/file-storage.js';
import { actorFor } from '../modules/identity/actor.js';
import { partnerActorFor } from '../modules/partners/partner-actor.js';
import { AppError, badInput, forbidden } from '../shared/errors.js';
import { contextOf, requestIdOfResponse, type ContextDependencies } from './context.js';
import { failRoute, sendError, type ErrorFormatter } from './errors.js';

const DOWNLOAD_REFUSED = 'This download link is not valid or has expired.';

function contentLengthOf(request: Request): number | undefined {
  const header = request.headers['content-length'];
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** `attachment; filename="…"` with a plain-ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The signed file links: `PUT /files/upload/<token>` takes an attachment's bytes (streamed and
 * checked, never buffered; the body-size limit of the JSON routes does not apply here) and
 * `GET /files/download/<token>` sends a READY attachment as a download. Errors leave through the
 * one formatter, with the same body GraphQL answers with.
 */
export function attachmentRoutes(
  dependencies: ContextDependencies,
  storage: FileStorage,
  formatError: ErrorFormatter,
): Router {
  const router = express.Router();
  router.put(`${UPLOAD_PATH}/:token`, uploadRoute(dependencies, storage, formatError));
  router.get(`${DOWNLOAD_PATH}/:token`, downloadRoute(dependencies, storage, formatError));
  return router;
}

function uploadRoute(
  dependencies: ContextDependencies,
  storage: FileStorage,
  formatError: ErrorFormatter,
): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOfResponse(request, response);
    try {
      const attachmentId = verifyUploadToken(dependencies.settings.jwtSecret, String(request.params['token'] ?? ''));
      if (!attachmentId) {
        throw forbidden('This upload link is not valid, has expired or has been used.');
      }
      const outcome = await receiveUpload(
        dependencies.em.fork({ useContext: false }),
        storage,
        dependencies.settings.attachmentMaxBytes,
        attachmentId,
        request,
        contentLengthOf(request),
      );
      response.setHeader('Cache-Control', 'no-store');
      if (outcome.kind === 'accepted') {
        const { id, status, contentType, sizeBytes, sha256 } = outcome.attachment;
        response.status(200).json({ attachment: { id, status, contentType, sizeBytes, sha256 } });
        return;
      }
      const formatted = formatError(
        badInput([{ field: 'body', message: outcome.reason }], `The file was refused: ${outcome.reason}`),
        requestId,
      );
      if (outcome.tooLarge) {
        // The rest of the body stays unread: answer, then close the connection.
        response.setHeader('Connection', 'close');
        response.once('finish', () => request.socket.destroy());
        sendError(response, formatted, 413);
        return;
      }
      sendError(response, formatted, 422);
    } catch (error) {
      if (!request.complete && !response.headersSent) {
        // The body was never read: answer, then close the connection.
        response.setHeader('Connection', 'close');
        response.once('finish', () => request.socket.destroy());
      }
      failRoute(response, formatError, error, requestId);
    }
  };
}

function downloadRoute(
  dependencies: ContextDependencies,
  storage: FileStorage,
  formatError: ErrorFormatter,
): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOfResponse(request, response);
    try {
      const claims = verifyDownloadToken(dependencies.settings.jwtSecret, String(request.params['token'] ?? ''));
      if (!claims) {
        throw forbidden(DOWNLOAD_REFUSED);
      }
      const em = dependencies.em.fork({ useContext: false });
      const actor = await (claims.kind === 'partner' ? partnerActorFor(em, claims) : actorFor(em, claims)).catch(
        (error: unknown) => {
          throw error instanceof AppError ? forbidden(DOWNLOAD_REFUSED) : error;
        },
      );
      // The context keeps the entity manager the check used (as createContext does).
      const ctx = contextOf(
        dependencies,
        { requestId, clientAddress: request.ip ?? request.socket.remoteAddress },
        actor,
        em,
      );
      const file = await openDownload(ctx, storage, claims.attachmentId);
      response.status(200);
      response.setHeader('Content-Type', file.contentType);
      response.setHeader('Content-Length', String(file.sizeBytes));
      response.setHeader('Content-Disposition', contentDisposition(file.fileName));
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cache-Control', 'private, no-store');
      response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      await pipeline(file.body, response);
    } catch (error) {
      failRoute(response, formatError, error, requestId);
    }
  };
}
