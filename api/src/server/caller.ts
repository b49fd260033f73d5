import type { EntityManager } from '@mikro-orm/postgresql';
import { actorFor, ANONYMOUS, resolveActor, type Actor, type SessionRiders } from '../modules/identity/actor.js';
import { bearerToken, verifiedAccessToken } from '../modules/identity/tokens.js';
import { resolvePartnerActor } from '../modules/partners/partner-actor.js';
import { looksLikePartnerToken } from '../modules/partners/partner-token.js';

/**
 * The actor behind an `Authorization` value: anonymous without one, a partner for an API client's
 * token, else a person. Each kind is verified by its own pinned rules; neither passes for the other.
 */
export async function resolveCaller(
  em: EntityManager,
  jwtSecret: string,
  authorization: unknown,
  /** What may ride along with a person's session check (a GraphQL request's rate-limit lease). */
  riders?: SessionRiders,
): Promise<Actor> {
  const token = bearerToken(authorization);
  if (!token) {
    return ANONYMOUS;
  }
  // A person's token this process verified already (and not expired): no decoding to route it.
  // Its session is still checked (actorFor), on every request.
  const verified = verifiedAccessToken(jwtSecret, token);
  if (verified) {
    return actorFor(em, verified, riders);
  }
  if (looksLikePartnerToken(token)) {
    return resolvePartnerActor(em, jwtSecret, token);
  }
  return resolveActor(em, jwtSecret, authorization, riders);
}

/** Whom a rate limit and an idempotency key belong to: the API client, else the user, else the address. */
export function callerKey(actor: Actor, clientAddress: string | undefined): string {
  switch (actor.kind) {
    case 'partner':
      return `client:${actor.clientId}`;
    case 'user':
      return userCallerKey(actor.userId);
    case 'anonymous':
      return `address:${clientAddress ?? 'unknown'}`;
  }
}

/** {@link callerKey} of a signed-in person. */
export function userCallerKey(userId: string): string {
  return `user:${userId}`;
}
