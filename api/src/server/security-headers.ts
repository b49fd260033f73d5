import helmet from 'helmet';
import type { Request, RequestHandler, Response } from 'express';
import type { Settings } from '../config/settings.js';

/**
 * Security headers on every response (helmet): `X-Content-Type-Options: nosniff`, a
 * Content-Security-Policy that allows only this origin's scripts (no inline script, no eval),
 * `frame-ancestors 'none'` (and `X-Frame-Options: DENY`), `Referrer-Policy: no-referrer`, and HSTS
 * in production. Styles may be inline: Chakra UI (emotion) injects its styles at run time, and a
 * style cannot run code.
 *
 * None of these depends on the request (no nonces, no per-request directives): helmet's own chain
 * of a dozen middlewares runs once, here, and every response gets the headers it set (and loses
 * those it removed) in one step.
 */
export function securityHeaders(settings: Pick<Settings, 'env'>): RequestHandler {
  const set: [string, string][] = [];
  const removed: string[] = [];
  let finished = false;
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  helmetChain(settings)({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) {
      throw error instanceof Error ? error : new Error('helmet refused its options');
    }
    finished = true;
  });
  if (!finished) {
    throw new Error('helmet did not set its headers at once');
  }
  return (_request, response, next) => {
    for (const [name, value] of set) {
      response.setHeader(name, value);
    }
    for (const name of removed) {
      response.removeHeader(name);
    }
    next();
  };
}

/**
 * `Cache-Control: no-store` on every GraphQL answer, over POST and GET alike: an answer may hold a
 * chart, and no browser cache, back/forward cache or proxy may keep a copy of it. The routes that
 * send files and FHIR resources set the same header themselves, once they know what they send.
 */
export const noStore: RequestHandler = (_request, response, next) => {
  response.setHeader('Cache-Control', 'no-store');
  next();
};

/** Helmet's own chain of middlewares with the options above (run once by {@link securityHeaders}). */
export function helmetChain(settings: Pick<Settings, 'env'>): RequestHandler {
  const production = settings.env === 'production';
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers the WebSocket on the same host and port (CSP Level 3).
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // The dashboards load nothing cross-origin; COEP would only get in the way of PDF downloads.
    crossOriginEmbedderPolicy: false,
  });
}
