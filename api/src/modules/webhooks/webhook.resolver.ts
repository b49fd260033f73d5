import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { PageArgs } from '../../shared/pagination.js';
import { Role } from '../identity/role.js';
import { ApiClient } from '../partners/api-client.entity.js';
import { Webhook, WebhookDelivery } from './webhook.entity.js';
import { CreateWebhookInput } from './webhook.inputs.js';
import { WebhookService } from './webhook.service.js';

export const WebhookDeliveryConnection = Connection('WebhookDelivery', WebhookDelivery);

@ObjectType({ description: 'A new webhook with its signing secret. The secret is shown this once.' })
export class WebhookSecret {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field({
    description:
      'The signing secret, `whsec_` and base64 (Standard Webhooks): verify each delivery with it. Store it now: it cannot be shown again.',
  })
  secret!: string;
}

@Resolver(() => Webhook)
export class WebhookResolver {
  @Mutation(() => WebhookSecret, {
    description:
      'ADMIN, or an API client with events:read. Registers an endpoint for kinds of appointment event; answers its signing secret once. A partner receives only events of patients whose consent names it.',
  })
  async createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The URL and the kinds of event.' })
    input: CreateWebhookInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookSecret> {
    return Object.assign(new WebhookSecret(), await new WebhookService(ctx).create(input));
  }

  @Mutation(() => Boolean, {
    description:
      'The owner of a webhook (administrators for the clinic’s, a partner for its own) deletes it; nothing more is sent.',
  })
  deleteWebhook(@Arg('id', () => ID, { description: 'The webhook.' }) id: string, @Ctx() ctx: Context) {
    return new WebhookService(ctx).delete(id);
  }

  @Query(() => [Webhook], {
    description: 'ADMIN: the clinic’s webhooks; an API client with events:read: its own. Oldest first.',
  })
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return new WebhookService(ctx).list();
  }

  @Query(() => WebhookDeliveryConnection, {
    description: 'The owner of a webhook: every delivery attempt, newest first, with status, duration and error class.',
  })
  webhookDeliveries(
    @Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    return new WebhookService(ctx).deliveries(webhookId, page);
  }
}

@Resolver(() => ApiClient)
export class ApiClientWebhooksResolver {
  @FieldResolver(() => [Webhook], {
    description: 'ADMIN. The client’s webhooks; one turned off for failing too long shows `active: false`.',
  })
  webhooks(@Root() client: ApiClient, @Ctx() ctx: Context): Promise<Webhook[]> {
    ctx.access.requireRole(Role.ADMIN);
    return ctx.loaders.webhooks.byClient.load(client.id);
  }
}
