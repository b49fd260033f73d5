import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from '../notifications/notification.entity.js';
import { notifyAdministrators } from '../notifications/notification.service.js';

/**
 * Tells the owner of an endpoint that was turned off. The clinic's own: every administrator, in
 * the app and by e-mail. A partner's: the webhook itself is the record (`active: false` and
 * `disabledAt`, on the partner's `webhooks` and on the API client that administrators look at).
 */
export async function notifyWebhookDisabled(
  tx: EntityManager,
  what: { readonly host: string; readonly apiClientId: string | null; readonly hours: number },
): Promise<void> {
  if (what.apiClientId) {
    return;
  }
  await notifyAdministrators(tx, {
    kind: NotificationKind.WEBHOOK_DISABLED,
    title: 'Webhook turned off',
    body: `Deliveries to ${what.host} failed for ${what.hours} hours without a success, so the webhook was turned off. Once the endpoint works, open Webhooks in the admin console, send a test event, and choose "Turn back on" (or call reactivateWebhook). Events from while it was off are not resent; the change feed has them.`,
  });
}
