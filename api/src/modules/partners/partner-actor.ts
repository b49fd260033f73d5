import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../../shared/errors.js';
import type { PartnerActor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { verifyPartnerToken } from './partner-token.js';

/**
 * A partner's token as an actor. The client is read on every request, so a revoked client's
 * tokens stop at once on every process, and a scope taken away is gone from the next request.
 */
export async function resolvePartnerActor(em: EntityManager, jwtSecret: string, token: string): Promise<PartnerActor> {
  return partnerActorFor(em, verifyPartnerToken(jwtSecret, token));
}

/**
 * The partner actor of verified claims (a token's, or a signed file link's), re-read from the
 * database: a revoked client is UNAUTHENTICATED, and scopes it no longer holds are dropped.
 */
export async function partnerActorFor(
  em: EntityManager,
  claims: { readonly clientId: string; readonly scopes: readonly string[]; readonly expiresAt: Date },
): Promise<PartnerActor> {
  const [row] = await em.execute<{ scopes: string[]; revoked_at: Date | null }[]>(
    'select scopes, revoked_at from api_client where id = ?',
    [claims.clientId],
  );
  if (!row || row.revoked_at) {
    throw unauthenticated('This API client is no longer active.');
  }
  return Object.freeze({
    kind: 'partner',
    role: Role.PARTNER,
    clientId: claims.clientId,
    scopes: Object.freeze(claims.scopes.filter((scope) => row.scopes.includes(scope))),
    tokenExpiresAt: claims.expiresAt,
  });
}
