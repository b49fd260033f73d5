import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../../shared/errors.js';

export const PARTNER_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'healthcare-api';
/** Not a person's audience (`healthcare-clients`): neither kind of token passes for the other. */
export const PARTNER_AUDIENCE = 'healthcare-partners';
/** RFC 9068's type for OAuth access tokens, in the JOSE header. */
const TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

export interface PartnerClaims {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date;
}

export function signPartnerToken(
  secret: string,
  claims: { clientId: string; scopes: readonly string[] },
): { token: string; expiresIn: number } {
  const token = jwt.sign({ client_id: claims.clientId, scope: claims.scopes.join(' ') }, secret, {
    algorithm: ALGORITHM,
    header: { alg: ALGORITHM, typ: TOKEN_TYPE },
    subject: claims.clientId,
    issuer: ISSUER,
    audience: PARTNER_AUDIENCE,
    expiresIn: PARTNER_TOKEN_TTL_SECONDS,
    jwtid: randomUUID(),
  });
  return { token, expiresIn: PARTNER_TOKEN_TTL_SECONDS };
}

/** Whether a bearer token claims to be a partner's (only routes it: verification follows). */
export function looksLikePartnerToken(token: string): boolean {
  const decoded = jwt.decode(token, { complete: true });
  return decoded !== null && typeof decoded.payload === 'object' && decoded.payload.aud === PARTNER_AUDIENCE;
}

/** Verifies a partner's token with the algorithm, issuer, audience and type pinned. */
export function verifyPartnerToken(secret: string, token: string): PartnerClaims {
  let verified: jwt.Jwt;
  try {
    verified = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: PARTNER_AUDIENCE,
      complete: true,
    });
  } catch (error) {
    throw unauthenticated(
      error instanceof jwt.TokenExpiredError
        ? 'The access token has expired; request a new one at /oauth/token.'
        : 'The access token is not valid.',
    );
  }
  const payload = verified.payload;
  if (
    verified.header.typ !== TOKEN_TYPE ||
    typeof payload === 'string' ||
    typeof payload.sub !== 'string' ||
    payload['client_id'] !== payload.sub ||
    typeof payload['scope'] !== 'string' ||
    typeof payload.exp !== 'number'
  ) {
    throw unauthenticated('The access token is not valid.');
  }
  return {
    clientId: payload.sub,
    scopes: payload['scope'] === '' ? [] : payload['scope'].split(' '),
    expiresAt: new Date(payload.exp * 1000),
  };
}
