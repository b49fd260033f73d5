import type { Request, RequestHandler, Response } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { helmetChain, securityHeaders } from './security-headers.js';

/** The headers `handler` leaves on a fresh response (one with an X-Powered-By to remove), and whether it went on. */
function headersOf(handler: RequestHandler): { headers: Record<string, unknown>; next: boolean } {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.setHeader('X-Powered-By', 'Express');
  let next = false;
  void handler(request as Request, response as unknown as Response, () => {
    next = true;
  });
  return { headers: response.getHeaders(), next };
}

describe('security headers', () => {
  for (const env of ['development', 'production'] as const) {
    it(`sets on every response exactly what helmet's own chain sets (${env})`, () => {
      const helmet = headersOf(helmetChain({ env }));
      const ours = headersOf(securityHeaders({ env }));
      expect(ours).toEqual(helmet);
      expect(ours.next).toBe(true);
      expect(ours.headers['x-powered-by']).toBeUndefined();
      expect(ours.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(Boolean(ours.headers['strict-transport-security'])).toBe(env === 'production');
    });
  }
});
