import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';

/** API client names and consent counts, batched per request. */
export function partnerLoaders(em: EntityManager) {
  return {
    /** An API client's name by id (for the audit trail's "who acted"); null when unknown. */
    nameById: batchLoader<string, string | null>(async (ids) => {
      const rows = await em.execute<{ id: string; name: string }[]>(
        'select id, name from api_client where id = any(?::uuid[])',
        [`{${ids.join(',')}}`],
      );
      const names = new Map(rows.map((row) => [row.id, row.name]));
      return ids.map((id) => names.get(id) ?? null);
    }),
    /** How many distinct patients have an active DATA_SHARING consent naming the client. */
    consentCount: batchLoader<string, number>(async (ids) => {
      const rows = await em.execute<{ api_client_id: string; patients: string }[]>(
        `select api_client_id, count(distinct patient_id) as patients from consent
         where purpose = 'DATA_SHARING' and revoked_at is null and api_client_id = any(?::uuid[])
         group by api_client_id`,
        [`{${ids.join(',')}}`],
      );
      const counts = new Map(rows.map((row) => [row.api_client_id, Number(row.patients)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
