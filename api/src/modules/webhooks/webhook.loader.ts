import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { Webhook, WebhookDelivery } from './webhook.entity.js';

/** Webhooks per API client and delivery pages per webhook, batched per request. */
export function webhookLoaders(em: EntityManager) {
  return {
    /** An API client's webhooks, oldest first. */
    byClient: batchLoader<string, Webhook[]>(async (clientIds) => {
      const hooks = await em.find(Webhook, { apiClient: { $in: [...clientIds] } }, { orderBy: { createdAt: 'asc' } });
      return clientIds.map((id) => hooks.filter((hook) => hook.apiClient?.id === id));
    }),
    /** A webhook's delivery attempts, newest first. */
    deliveries: childPages<WebhookDelivery>(
      em,
      { table: 'webhook_delivery', parentColumn: 'webhook_id', sortColumn: 'attempted_at', direction: 'desc' },
      WebhookDelivery,
    ),
  };
}
