import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { forbidden } from '../../shared/errors.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { ApiClient } from './api-client.entity.js';
import { Consent } from './consent.entity.js';

/**
 * Row guards of the partners module. API clients: people see them by name and scopes
 * (administrators manage them, patients choose whom to share with); partners never see other
 * clients. Consents: only the patient who gave them.
 */
export const partnerGuards: readonly AnyRowGuard[] = [
  guardRows(ApiClient, (_client, ctx) => {
    if (ctx.access.actor.kind !== 'user') {
      throw forbidden('You may not see this API client.');
    }
  }),
  guardRows(Consent, (consent, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind !== 'user' || actor.patientId !== consent.patient.id) {
      throw forbidden('You may not see this consent.');
    }
  }),
];

/** Rotation grace: default a day, at most thirty. */
export const DEFAULT_GRACE_SECONDS = 86_400;
export const MAX_GRACE_SECONDS = 30 * 86_400;

/** A new client secret: 256 random bits, recognisable by its prefix in logs and secret scanners. */
export function newClientSecret(): string {
  return `hcs_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are high-entropy random strings, so one SHA-256 is enough (no password hashing). */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, hash: string | null | undefined): boolean {
  if (!hash) {
    return false;
  }
  const given = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Whether `secret` opens a client: its current secret, or the previous one within its grace. */
export function clientSecretValid(
  client: { secretHash: string; previousSecretHash?: string | null; previousSecretExpiresAt?: Date | null },
  secret: string,
  now: Date = new Date(),
): boolean {
  const current = secretMatches(secret, client.secretHash);
  const previous =
    Boolean(client.previousSecretExpiresAt && client.previousSecretExpiresAt > now) &&
    secretMatches(secret, client.previousSecretHash);
  return current || previous;
}

/**
 * The scopes a token gets: all of the client's when none are asked for (RFC 6749 §3.3 lets the
 * server choose a default), else exactly the ones asked for — undefined when one is not the client's.
 */
export function grantedScopes(clientScopes: readonly string[], requested: readonly string[] | undefined) {
  if (!requested) {
    return [...clientScopes];
  }
  return requested.every((scope) => clientScopes.includes(scope)) ? [...requested] : undefined;
}
