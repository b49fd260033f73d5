import type { Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { unauthenticated } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { User } from '../identity/user.entity.js';
import { ApiClient } from '../partners/api-client.entity.js';

/** An insurer's name as claims are matched on it: trimmed, inner spacing collapsed, lower case. */
function matchable(expression: string): string {
  return `lower(regexp_replace(btrim(${expression}), '\\s+', ' ', 'g'))`;
}

/**
 * The one rule of what an insurer's API client sees of billing, as an SQL condition on `claim`
 * (the alias of an `insurance_claim` row) for the client whose id `client` binds: claims against a
 * policy whose provider is the client's insurer, of a patient who shares their data with the
 * client (an active DATA_SHARING consent). An invoice or policy is the insurer's when such a claim
 * is on it. The claims list, its count and totals, the decision and the row guards all use it.
 */
export function insurerSeesClaim(claim: string, client: string): string {
  return `exists (select 1 from insurance_policy ip
      join api_client ac on ac.id = ${client} and ac.revoked_at is null and ac.insurer is not null
       and ${matchable('ac.insurer')} = ${matchable('ip.provider')}
      join consent cs on cs.patient_id = ip.patient_id and cs.api_client_id = ac.id
       and cs.purpose = 'DATA_SHARING' and cs.revoked_at is null
     where ip.id = ${claim}.policy_id)`;
}

export type InsurerRow = 'claim' | 'invoice' | 'policy';

export interface InsurerRowKey {
  readonly clientId: string;
  readonly row: InsurerRow;
  readonly id: string;
}

/**
 * Whose a claim, invoice or policy is when an insurer's client sees it ({@link insurerSeesClaim}):
 * the patient's id, else null. Batched per request: one statement for every row a page's guards ask about.
 */
export function insurerRowsLoader(em: EntityManager) {
  return batchLoader<InsurerRowKey, string | null, string>(async (keys) => {
    const seen = new Map<string, string>();
    for (const clientId of new Set(keys.map((key) => key.clientId))) {
      const ids = (row: InsurerRow) =>
        `{${keys
          .filter((key) => key.clientId === clientId && key.row === row)
          .map((key) => key.id)
          .join(',')}}`;
      const rows = await em.execute<{ id: string; invoice_id: string; policy_id: string; patient_id: string }[]>(
        `select c.id, c.invoice_id, c.policy_id, i.patient_id from insurance_claim c
             join invoice i on i.id = c.invoice_id
            where (c.id = any(?::uuid[]) or c.invoice_id = any(?::uuid[]) or c.policy_id = any(?::uuid[]))
              and ${insurerSeesClaim('c', '?::uuid')}`,
        [ids('claim'), ids('invoice'), ids('policy'), clientId],
      );
      for (const row of rows) {
        seen.set(`${clientId}:claim:${row.id}`, row.patient_id);
        seen.set(`${clientId}:invoice:${row.invoice_id}`, row.patient_id);
        seen.set(`${clientId}:policy:${row.policy_id}`, row.patient_id);
      }
    }
    return keys.map((key) => seen.get(insurerRowCacheKey(key)) ?? null);
  }, insurerRowCacheKey);
}

function insurerRowCacheKey(key: InsurerRowKey): string {
  return `${key.clientId}:${key.row}:${key.id}`;
}

/** Who a billing change is by: a person's account, or the insurer's API client deciding through the API. */
export function actingOnBilling(
  tx: EntityManager,
  actor: Actor,
): { readonly user: Ref<User> | null; readonly client: Ref<ApiClient> | null } {
  if (actor.kind === 'partner') {
    return { user: null, client: tx.getReference(ApiClient, actor.clientId, { wrapped: true }) };
  }
  if (actor.kind !== 'user') {
    throw unauthenticated();
  }
  return { user: tx.getReference(User, actor.userId, { wrapped: true }), client: null };
}
