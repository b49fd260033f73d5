import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { badInput, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import { sealText } from '../../shared/sealing.js';
import { ApiClient } from '../partners/api-client.entity.js';
import { lockWebhookListeners } from '../appointments/webhook-fanout.js';
import { Webhook, type WebhookDelivery } from './webhook.entity.js';
import { addressAllowed, hostOf, modeOf, urlProblem } from './webhook-address.js';
import type { CreateWebhookInput } from './webhook.inputs.js';
import { sendSigned, type AttemptOutcome } from './webhook-delivery.js';
import {
  newWebhookSecret,
  ownsWebhook,
  WEBHOOK_SECRET_PURPOSE,
  webhookOwnerOf,
  type WebhookOwner,
} from './webhook.policy.js';

/** The `type` of a test message (Standard Webhooks: a dotted name); appointment events are `appointment.*`. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

/** At most this many webhooks per owner: a partner cannot make the clinic call thousands of URLs. */
export const MAX_WEBHOOKS_PER_OWNER = 20;

/** Registering, listing and deleting webhooks, and reading their delivery log; owners only. */
export class WebhookService {
  constructor(private readonly ctx: Context) {}

  private owner(): WebhookOwner {
    return webhookOwnerOf(this.ctx.access.requireSignedIn());
  }

  private ownerFilter(owner: WebhookOwner) {
    return owner.kind === 'clinic' ? { apiClient: null } : { apiClient: owner.clientId };
  }

  async create(input: CreateWebhookInput): Promise<{ webhook: Webhook; secret: string }> {
    const owner = this.owner();
    const claimEvents = input.claimEvents ?? [];
    if (!input.events.length && !claimEvents.length) {
      throw badInput([{ field: 'input.events', message: 'must name at least one kind of event' }]);
    }
    if (claimEvents.length) {
      // The owner is the clinic (an administrator) or a partner: a partner's must be an insurer's
      // client (claims:read, which needs its insurer), sent its own claims' changes only.
      this.ctx.access.requireScope('claims:read');
    }
    const url = input.url.trim();
    const mode = modeOf(this.ctx.settings.env);
    const problem = urlProblem(url, mode) ?? (await this.resolutionProblem(url, mode));
    if (problem) {
      throw badInput([{ field: 'input.url', message: problem }]);
    }
    const secret = newWebhookSecret();
    const webhook = await this.ctx.em.transactional(async (tx) => {
      // Bookings decide whether anyone listens for their event: they see this one or precede it.
      await lockWebhookListeners(tx);
      if ((await tx.count(Webhook, this.ownerFilter(owner))) >= MAX_WEBHOOKS_PER_OWNER) {
        throw badInput([
          { field: 'input.url', message: `at most ${MAX_WEBHOOKS_PER_OWNER} webhooks; delete one first` },
        ]);
      }
      const actor = this.ctx.access.actor;
      const created = tx.create(Webhook, {
        url,
        events: [...input.events],
        claimEvents: [...claimEvents],
        apiClient: owner.kind === 'client' ? tx.getReference(ApiClient, owner.clientId) : null,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        sealedSecret: sealText(this.ctx.settings.jwtSecret, WEBHOOK_SECRET_PURPOSE, secret),
      });
      this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'Webhook', entityId: created.id });
      return created;
    });
    return { webhook, secret };
  }

  /** A name must resolve, and only to addresses a webhook may reach (checked again on delivery). */
  private async resolutionProblem(url: string, mode: ReturnType<typeof modeOf>): Promise<string | undefined> {
    const host = hostOf(new URL(url));
    if (isIP(host)) {
      return undefined;
    }
    try {
      const addresses = await lookup(host, { all: true });
      return addresses.every((entry) => addressAllowed(entry.address, mode))
        ? undefined
        : 'must resolve to public addresses only (not private, loopback, link-local or reserved)';
    } catch {
      return 'names a host that does not resolve';
    }
  }

  /** The caller's own webhook, else NOT_FOUND (another owner's looks the same as a missing one). */
  private async owned(em: EntityManager, id: string, options: { lock?: boolean; secret?: boolean } = {}) {
    const owner = this.owner();
    const webhookId = requireId(id, 'id');
    const webhook = await em.findOne(Webhook, webhookId, {
      ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
      ...(options.secret ? { populate: ['sealedSecret'] as const } : {}),
    });
    if (!webhook || !ownsWebhook(owner, { apiClientId: webhook.apiClient?.id ?? null })) {
      throw notFound('Webhook');
    }
    return webhook;
  }

  async delete(id: string): Promise<boolean> {
    return this.ctx.em.transactional(async (tx) => {
      const webhook = await this.owned(tx, id, { lock: true });
      tx.remove(webhook);
      this.ctx.audit.record(tx, { action: 'DELETE', entityType: 'Webhook', entityId: webhook.id });
      return true;
    });
  }

  /**
   * Turns a webhook that was turned off for failing too long back on, with a fresh failure
   * window: the next event is delivered, and it is turned off again only after failing for
   * WEBHOOK_DISABLE_AFTER_HOURS from now. Events of the time it was off are not sent; the
   * change feed (`appointmentChanges`) has them. An active webhook is answered unchanged.
   */
  async reactivate(id: string): Promise<Webhook> {
    return this.ctx.em.transactional(async (tx) => {
      // As on registration: changes in flight see it listening again, or precede it.
      await lockWebhookListeners(tx);
      const webhook = await this.owned(tx, id, { lock: true });
      if (webhook.disabledAt) {
        webhook.disabledAt = null;
        webhook.failingSince = null;
        // It listens from now: the changes of the time it was off are not sent to it, even by a
        // fan-out job that runs after this (see `Webhook.listeningSince`).
        await tx.execute('update webhook set listening_since = pg_current_snapshot() where id = ?', [webhook.id]);
        this.ctx.audit.record(tx, { action: 'REACTIVATE', entityType: 'Webhook', entityId: webhook.id });
      }
      return webhook;
    });
  }

  /**
   * Sends one signed test message (`type: "webhook.test"`) to the endpoint now, turned off or
   * not, and answers how it went; it changes nothing about the webhook and is not in its
   * delivery log. Held to the same address rules and deadline as every delivery.
   */
  async sendTest(id: string): Promise<AttemptOutcome & { readonly messageId: string }> {
    const webhook = await this.owned(this.ctx.em, id, { secret: true });
    const messageId = randomUUID();
    const at = new Date();
    const outcome = await sendSigned(this.ctx.settings, webhook, {
      id: messageId,
      at,
      body: JSON.stringify({
        type: WEBHOOK_TEST_TYPE,
        timestamp: at.toISOString(),
        data: { id: messageId, webhookId: webhook.id },
      }),
    });
    await this.ctx.em.transactional(async (tx) => {
      this.ctx.audit.record(tx, { action: 'TEST', entityType: 'Webhook', entityId: webhook.id });
      await tx.flush();
    });
    return { ...outcome, messageId };
  }

  /** The caller's own webhooks (the clinic's for an administrator), oldest first. */
  async list(): Promise<Webhook[]> {
    const owner = this.owner();
    return this.ctx.em.find(Webhook, this.ownerFilter(owner), { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async deliveries(webhookId: string, page: PageArgs): Promise<ConnectionShape<WebhookDelivery>> {
    const id = requireId(webhookId, 'webhookId');
    await this.owned(this.ctx.em, id);
    return this.ctx.loaders.webhooks.deliveries.page(id, page);
  }
}
