import type { ErrorRequestHandler, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { AppError } from '../shared/errors.js';
import { sendError, type ErrorFormatter } from './errors.js';

/** The largest request body read, in bytes (`express.json`'s limit and the direct path's). */
export const MAX_BODY_BYTES = 256 * 1024;

/** A body-parser error: its HTTP status and kind (`entity.too.large`, `entity.parse.failed`, …). */
interface BodyError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly type?: unknown;
}

/** Written here, never taken from the parser: its message can quote the body it refused. */
const BODY_MESSAGES: Readonly<Record<string, string>> = {
  'entity.too.large': `The request body is too large (at most ${MAX_BODY_BYTES / 1024}kb).`,
  'entity.parse.failed': 'The request body is not valid JSON.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body must be UTF-8.',
  'entity.verify.failed': 'The request body is not valid UTF-8.',
  'request.aborted': 'The request body was not received completely.',
  'request.size.invalid': 'The request body does not match its Content-Length.',
  'stream.encoding.set': 'The request body could not be read.',
};

/**
 * `express.json`'s `verify`: PostgreSQL text holds only valid UTF-8, and the parser would
 * silently replace invalid bytes; refuse the body instead.
 */
export function verifyUtf8(_request: Request, _response: Response, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'entity.verify.failed' });
  }
}

/**
 * The last error handler: a refused body (too large, malformed JSON, bad encoding) is answered
 * with its status and BAD_USER_INPUT; anything else goes through the one formatter (logged,
 * masked). Never a stack trace or a path, in any mode.
 */
export function refusedRequestHandler(formatError: ErrorFormatter): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const requestId = String(response.locals['requestId'] ?? '');
    const { status, statusCode, type } = (error ?? {}) as BodyError;
    const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
    if (httpStatus >= 400 && httpStatus < 500) {
      const message =
        (typeof type === 'string' ? BODY_MESSAGES[type] : undefined) ?? 'The request was refused as malformed.';
      sendError(response, formatError(new AppError('BAD_USER_INPUT', message), requestId), httpStatus);
      return;
    }
    sendError(response, formatError(error, requestId || undefined));
  };
}
