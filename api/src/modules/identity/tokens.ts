import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { unauthenticated } from '../../shared/errors.js';
import { Role, type PersonRole } from './role.js';

/** The default lifetime of an access token (setting `ACCESS_TOKEN_TTL_SECONDS`). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 30;
const ISSUER = 'healthcare-api';
const AUDIENCE = 'healthcare-clients';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  /** The user id. */
  readonly userId: string;
  readonly role: PersonRole;
  /** The refresh-token family (sign-in) the token belongs to. */
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export function signAccessToken(
  secret: string,
  claims: { userId: string; role: Role; sessionId: string },
  ttlSeconds: number = ACCESS_TOKEN_TTL_SECONDS,
): { token: string; expiresAt: Date } {
  const token = jwt.sign({ role: claims.role, sid: claims.sessionId }, secret, {
    algorithm: ALGORITHM,
    subject: claims.userId,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
    jwtid: randomUUID(),
  });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * The secret as a key object, made once per secret: jsonwebtoken otherwise builds one from the
 * string on every verification (a measurable share of a small request's CPU).
 */
const verificationKeys = new Map<string, KeyObject>();
function verificationKey(secret: string): KeyObject {
  let key = verificationKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    verificationKeys.set(secret, key);
  }
  return key;
}

/** Access tokens verified by this process, at most (the oldest verified is forgotten first). */
const VERIFIED_TOKENS = 10_000;
const verifiedTokens = new Map<string, Map<string, AccessClaims>>();

/**
 * Verifies an access token with the algorithm pinned: a token signed another way, with
 * `alg: none`, expired, or for another issuer or audience is UNAUTHENTICATED.
 *
 * A token's signature and claims cannot change, so a token this process verified with the same
 * secret is not verified again (an HMAC and two JSON parses per request) until it expires: its
 * expiry is checked on every use, and an expired one is verified afresh, which refuses it. Only
 * tokens that passed are remembered. Whether its session still holds is checked on every request
 * all the same (actor.ts).
 */
export function verifyAccessToken(secret: string, token: string): AccessClaims {
  const known = verifiedAccessToken(secret, token);
  if (known) {
    return known;
  }
  let verified = verifiedTokens.get(secret);
  if (!verified) {
    verified = new Map();
    verifiedTokens.set(secret, verified);
  }
  verified.delete(token);
  const claims = verifyAccessTokenSignature(secret, token);
  if (verified.size >= VERIFIED_TOKENS) {
    verified.delete(verified.keys().next().value!);
  }
  verified.set(token, claims);
  return claims;
}

/**
 * The claims of a person's access token this process already verified with `secret` and that has
 * not expired yet; undefined otherwise (verify it: {@link verifyAccessToken}). A token found here
 * is a person's: a partner's token never passes {@link verifyAccessToken}.
 */
export function verifiedAccessToken(secret: string, token: string): AccessClaims | undefined {
  const known = verifiedTokens.get(secret)?.get(token);
  return known && Date.now() < known.expiresAt.getTime() ? known : undefined;
}

function verifyAccessTokenSignature(secret: string, token: string): AccessClaims {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, verificationKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  } catch (error) {
    throw unauthenticated(
      error instanceof jwt.TokenExpiredError
        ? 'Your session has expired; sign in again.'
        : 'The access token is not valid.',
    );
  }
  if (
    typeof payload === 'string' ||
    typeof payload.sub !== 'string' ||
    typeof payload.sid !== 'string' ||
    typeof payload.exp !== 'number' ||
    !Object.values(Role).includes(payload['role'] as Role) ||
    payload['role'] === Role.PARTNER
  ) {
    throw unauthenticated('The access token is not valid.');
  }
  return Object.freeze({
    userId: payload.sub,
    role: payload['role'] as PersonRole,
    sessionId: payload.sid,
    expiresAt: new Date(payload.exp * 1000),
  });
}

/** A new opaque refresh token; only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The bearer token of an `Authorization` header (or WebSocket connection parameter). */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string' || header.trim() === '') {
    return undefined;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw unauthenticated('Send the access token as "Authorization: Bearer <token>".');
  }
  return match[1];
}
