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
  const claims = verifyPartnerToken(jwtSecret, token);
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

/** The patients among `patientIds` whose active DATA_SHARING consent names the client. */
export async function consentingPatients(
  em: EntityManager,
  clientId: string,
  patientIds: readonly string[],
): Promise<Set<string>> {
  const rows = await em.execute<{ patient_id: string }[]>(
    `select patient_id from consent
     where api_client_id = ? and purpose = 'DATA_SHARING' and revoked_at is null and patient_id = any(?::uuid[])`,
    [clientId, `{${patientIds.join(',')}}`],
  );
  return new Set(rows.map((row) => row.patient_id));
}

/** SQL condition: patient `column` consents to sharing with API client `?` (one parameter). */
export const CONSENTING_PATIENT_SQL = (column: string) =>
  `exists (select 1 from consent c where c.patient_id = ${column} and c.api_client_id = ? and c.purpose = 'DATA_SHARING' and c.revoked_at is null)`;

/** Every patient whose active DATA_SHARING consent names the client. */
export async function consentingPatientIds(em: EntityManager, clientId: string): Promise<string[]> {
  const rows = await em.execute<{ patient_id: string }[]>(
    `select distinct patient_id from consent where api_client_id = ? and purpose = 'DATA_SHARING' and revoked_at is null`,
    [clientId],
  );
  return rows.map((row) => row.patient_id);
}
