import type { EntityManager } from '@mikro-orm/postgresql';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../shared/logger.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Role } from '../identity/role.js';
import { authenticateClient } from './api-client.service.js';
import { signPartnerToken } from './partner-token.js';
import { grantedScopes } from './partners.policy.js';
import { parseScopeParameter } from './scopes.js';

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope';

interface TokenRouteDependencies {
  readonly em: EntityManager;
  readonly logger: Logger;
  readonly settings: { readonly jwtSecret: string };
}

const REALM = 'Basic realm="healthcare-api", charset="UTF-8"';

/** RFC 6749 §5.1/§5.2: token answers are never cached. */
function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Pragma', 'no-cache');
}

/** An error as RFC 6749 §5.2 writes it: 400, or 401 with a challenge for a client that failed to authenticate. */
function fail(response: Response, error: OAuthError, description: string): void {
  noStore(response);
  if (error === 'invalid_client') {
    response.setHeader('WWW-Authenticate', REALM);
  }
  response.status(error === 'invalid_client' ? 401 : 400).json({ error, error_description: description });
}

/** A form parameter given at most once (RFC 6749 §3.2); `null` when repeated. */
function single(body: Record<string, unknown>, name: string): string | undefined | null {
  const value = body[name];
  if (value === undefined) {
    return undefined;
  }
  return typeof value === 'string' ? value : null;
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1: each part form-encoded, then base64). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  if (!header) {
    return undefined;
  }
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match) {
    return 'malformed';
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return 'malformed';
  }
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/**
 * `POST /oauth/token`: the OAuth 2.0 client credentials grant (RFC 6749 §4.4), with client
 * authentication by HTTP Basic or by `client_id`/`client_secret` form fields (one, not both).
 */
export function oauthTokenRoute(dependencies: TokenRouteDependencies): RequestHandler[] {
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const handler: RequestHandler = async (request: Request, response: Response) => {
    try {
      if (!request.is('application/x-www-form-urlencoded')) {
        fail(response, 'invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
        return;
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      const names = ['grant_type', 'scope', 'client_id', 'client_secret'] as const;
      const given = Object.fromEntries(names.map((name) => [name, single(body, name)]));
      const repeated = names.filter((name) => given[name] === null);
      if (repeated.length > 0) {
        fail(response, 'invalid_request', `A parameter is given more than once: ${repeated.join(', ')}.`);
        return;
      }
      const params = given as Record<(typeof names)[number], string | undefined>;
      const basic = basicCredentials(request.headers.authorization);
      if (basic === 'malformed') {
        fail(response, 'invalid_client', 'The Authorization header is not valid HTTP Basic credentials.');
        return;
      }
      if (basic && (params['client_id'] !== undefined || params['client_secret'] !== undefined)) {
        fail(response, 'invalid_request', 'Authenticate the client one way: HTTP Basic or form fields, not both.');
        return;
      }
      if (!params['grant_type']) {
        fail(response, 'invalid_request', 'grant_type is required.');
        return;
      }
      const credentials =
        basic ??
        (params['client_id'] && params['client_secret']
          ? { id: params['client_id'], secret: params['client_secret'] }
          : undefined);
      if (!credentials) {
        fail(
          response,
          'invalid_client',
          'Client authentication is required (HTTP Basic or client_id and client_secret).',
        );
        return;
      }
      const em = dependencies.em.fork({ useContext: false });
      const client = await authenticateClient(em, credentials.id, credentials.secret);
      if (!client) {
        fail(response, 'invalid_client', 'Unknown client, wrong secret, or a revoked client.');
        return;
      }
      if (params['grant_type'] !== 'client_credentials') {
        fail(response, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
        return;
      }
      let requested: string[] | undefined;
      if (params['scope'] !== undefined) {
        requested = parseScopeParameter(params['scope']);
        if (!requested) {
          fail(response, 'invalid_scope', 'scope must be scope names separated by single spaces.');
          return;
        }
      }
      const scopes = grantedScopes(client.scopes, requested);
      if (!scopes) {
        fail(response, 'invalid_scope', `The client may request only: ${client.scopes.join(' ')}.`);
        return;
      }
      const { token, expiresIn } = signPartnerToken(dependencies.settings.jwtSecret, { clientId: client.id, scopes });
      await em.insert(AuditEvent, {
        at: new Date(),
        actorId: client.id,
        actorRole: Role.PARTNER,
        action: 'ISSUE_TOKEN',
        entityType: 'ApiClient',
        entityId: client.id,
        emergency: false,
        clientAddress: request.ip,
        requestId: typeof response.locals['requestId'] === 'string' ? response.locals['requestId'] : undefined,
      });
      noStore(response);
      response
        .status(200)
        .json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') });
    } catch (error) {
      // The error's type only: a driver's message may quote values.
      dependencies.logger.error({ type: error instanceof Error ? error.name : typeof error }, 'token endpoint failed');
      noStore(response);
      response.status(500).json({ error: 'server_error', error_description: 'Something went wrong on our side.' });
    }
  };
  return [form, handler];
}
