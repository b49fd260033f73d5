import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
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

@ObjectType({ description: 'How a test message to a webhook went (it is not in the delivery log).' })
export class WebhookTestResult {
  @Field(() => ID, { description: 'The test message’s id: its `webhook-id` header and `data.id`.' })
  messageId!: string;

  @Field(() => Boolean, { description: 'The endpoint answered with a 2xx status.' })
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered; empty when none came.' })
  statusCode!: number | null;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  durationMs!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it failed, as in the delivery log: HTTP_STATUS, REDIRECT, TIMEOUT, CONNECTION, DNS, TLS or REFUSED_ADDRESS; empty on success.',
  })
  errorClass!: string | null;
}

@Resolver(() => Webhook)
export class WebhookResolver {
  @Mutation(() => WebhookSecret, {
    description:
      'ADMIN, or an API client with events:read. Registers an endpoint for kinds of appointment event, and of insurance claims’ changes (`claimEvents`: ADMIN, or an insurer’s client with claims:read); answers its signing secret once. A partner receives only events of patients whose consent names it (and of claims, only its own).',
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

  @Mutation(() => Webhook, {
    description:
      'The owner of a webhook (administrators for the clinic’s, a partner with events:read for its own) turns one that was turned off for failing too long back on, with a fresh failure window. Events from while it was off are not sent (read them from appointmentChanges). An active webhook is answered unchanged.',
  })
  reactivateWebhook(
    @Arg('id', () => ID, { description: 'The webhook.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Webhook> {
    return new WebhookService(ctx).reactivate(id);
  }

  @Mutation(() => WebhookTestResult, {
    description:
      'The owner of a webhook sends it one signed test message now (`type: "webhook.test"`, `data: { id, webhookId }`), whether or not it is active, and sees how the endpoint answered. Changes nothing about the webhook.',
  })
  async testWebhook(
    @Arg('id', () => ID, { description: 'The webhook.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookTestResult> {
    const outcome = await new WebhookService(ctx).sendTest(id);
    return Object.assign(new WebhookTestResult(), {
      messageId: outcome.messageId,
      succeeded: outcome.succeeded,
      statusCode: outcome.statusCode ?? null,
      durationMs: outcome.durationMs,
      errorClass: outcome.errorClass ?? null,
    });
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
