import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Settings } from '../config/settings.js';

/**
 * Security headers on every response (helmet): `X-Content-Type-Options: nosniff`, a
 * Content-Security-Policy that allows only this origin's scripts (no inline script, no eval),
 * `frame-ancestors 'none'` (and `X-Frame-Options: DENY`), `Referrer-Policy: no-referrer`, and HSTS
 * in production. Styles may be inline: Chakra UI (emotion) injects its styles at run time, and a
 * style cannot run code.
 */
export function securityHeaders(settings: Pick<Settings, 'env'>): RequestHandler {
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
