import { randomBytes } from 'node:crypto';
import { forbidden } from '../../shared/errors.js';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { guardRows, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { Webhook, WebhookDelivery } from './webhook.entity.js';

/** Who owns webhooks: the clinic (any administrator) or one API client. */
export type WebhookOwner = { readonly kind: 'clinic' } | { readonly kind: 'client'; readonly clientId: string };

/**
 * The owner a caller acts for: an administrator for the clinic, a partner for its own client
 * (the scope table has already required `events:read`). Anyone else is FORBIDDEN.
 */
export function webhookOwnerOf(actor: UserActor | PartnerActor): WebhookOwner {
  if (actor.kind === 'partner') {
    return { kind: 'client', clientId: actor.clientId };
  }
  if (actor.role === Role.ADMIN) {
    return { kind: 'clinic' };
  }
  throw forbidden('Only administrators and partners with events:read manage webhooks.');
}

/** Whether `owner` owns the webhook (the one rule for seeing its deliveries and deleting it). */
export function ownsWebhook(owner: WebhookOwner, webhook: { apiClientId: string | null }): boolean {
  return owner.kind === 'clinic' ? webhook.apiClientId === null : webhook.apiClientId === owner.clientId;
}

/**
 * Row guards: a webhook is seen by its owner, and by administrators (who look after every API
 * client, and so see a partner's endpoints on the client); its deliveries only through it.
 */
export const webhookGuards: readonly AnyRowGuard[] = [
  guardRows(Webhook, (webhook, ctx) => {
    const actor = ctx.access.actor;
    const admin = actor.kind === 'user' && actor.role === Role.ADMIN;
    const ownClient = actor.kind === 'partner' && webhook.apiClient?.id === actor.clientId;
    if (!admin && !ownClient) {
      throw forbidden('You may not see this webhook.');
    }
  }),
  rowsViaParent(WebhookDelivery, Webhook),
];

/**
 * A new signing secret in the Standard Webhooks format: `whsec_` and the base64 of 32 random
 * bytes (the spec asks for 24 to 64).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The sealing purpose of webhook secrets (see shared/sealing.ts). */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

/** The delay before attempt `next` (2, 3, …): doubling from the base, capped at six hours, with jitter. */
export function retryDelayMs(next: number, baseSeconds: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseSeconds * 1000 * 2 ** Math.max(0, next - 2), 6 * 3_600_000);
  // "Equal jitter": at least half the step, so retries spread out yet still back off.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
