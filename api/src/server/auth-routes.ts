import express, { type Request, type Response, type Router } from 'express';
import { CSRF_HEADER, refreshCookieJar } from '../modules/identity/refresh-cookie.js';
import { SessionService } from '../modules/identity/session.service.js';
import { AppError, unauthenticated } from '../shared/errors.js';
import { createContext, requestIdFrom, type ContextDependencies } from './context.js';
import { sendError, type ErrorFormatter } from './errors.js';

/**
 * Cross-site request forgery: the cookie is SameSite=Strict, and on top of that every call must
 * carry a custom header (which a cross-site form, link or image cannot send, and which makes a
 * cross-origin script need a CORS preflight we never grant) and, when the browser names an
 * Origin, come from this very host.
 */
function csrfProblem(request: Request): string | undefined {
  if (!request.headers[CSRF_HEADER]) {
    return `Send the ${CSRF_HEADER} header.`;
  }
  const origin = request.headers.origin;
  if (origin) {
    try {
      if (new URL(origin).host !== request.headers.host) {
        return 'Cross-site requests are refused.';
      }
    } catch {
      return 'Cross-site requests are refused.';
    }
  }
  return undefined;
}

/**
 * The browser's side of sessions. The dashboards keep the refresh token in an HttpOnly cookie
 * (scoped to `/auth`) that no script can read: `POST /auth/refresh` trades it for a new access
 * token (rotating the cookie), `POST /auth/logout` ends the sign-in and clears it. API clients
 * that are not browsers keep using the `refreshSession` and `logout` mutations with the token.
 */
export function authRoutes(dependencies: ContextDependencies, formatError: ErrorFormatter): Router {
  const router = express.Router();
  const contextFor = (request: Request, response: Response) =>
    createContext(dependencies, {
      requestId: String(response.locals['requestId'] ?? requestIdFrom(request.headers['x-request-id'])),
      clientAddress: request.ip ?? request.socket.remoteAddress,
      userAgent: request.headers['user-agent'],
      refreshCookie: refreshCookieJar(request, response),
    });

  router.post('/auth/refresh', async (request, response) => {
    try {
      const csrf = csrfProblem(request);
      if (csrf) {
        throw new AppError('FORBIDDEN', csrf);
      }
      const ctx = await contextFor(request, response);
      const token = ctx.refreshCookie?.read();
      if (!token) {
        throw unauthenticated('Not signed in on this browser.');
      }
      const payload = await new SessionService(ctx).refresh(token);
      response.setHeader('Cache-Control', 'no-store');
      response.json({
        accessToken: payload.accessToken,
        expiresAt: payload.expiresAt.toISOString(),
        user: { id: payload.user.id, email: payload.user.email, role: payload.user.role },
      });
    } catch (error) {
      sendError(response, formatError(error, String(response.locals['requestId'] ?? '') || undefined));
    }
  });

  router.post('/auth/logout', async (request, response) => {
    try {
      const csrf = csrfProblem(request);
      if (csrf) {
        throw new AppError('FORBIDDEN', csrf);
      }
      const ctx = await contextFor(request, response);
      const token = ctx.refreshCookie?.read();
      if (token) {
        await new SessionService(ctx).logout(token);
      } else {
        ctx.refreshCookie?.clear();
      }
      response.status(204).end();
    } catch (error) {
      sendError(response, formatError(error, String(response.locals['requestId'] ?? '') || undefined));
    }
  });
  return router;
}
