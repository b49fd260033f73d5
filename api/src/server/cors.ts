import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for browser apps of partners: only the origins listed in `CORS_ORIGINS` (none by
 * default), bearer tokens in a header (no cookies), and the limit headers readable by scripts.
 */
export function corsMiddleware(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Apollo-Require-Preflight'],
    exposedHeaders: [
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'Retry-After',
      'Idempotent-Replayed',
      'X-Request-Id',
    ],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
