import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import { ClaimStatus } from '../billing/billing.types.js';
import { ApiClient } from '../partners/api-client.entity.js';

/**
 * An HTTPS endpoint that is sent appointment events, signed per the Standard Webhooks spec. Owned
 * either by the clinic's administrators (no API client: every admin manages it) or by one API
 * client. The signing secret is kept sealed (AES-256-GCM under the server secret) and shown once.
 */
@ObjectType({ description: 'An endpoint that receives appointment events, signed per the Standard Webhooks spec.' })
@Entity({ tableName: 'webhook' })
export class Webhook extends BaseEntity {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt' | 'claimEvents';

  @Field({ description: 'Where events are POSTed: an https URL (plain http to this machine in development only).' })
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [AppointmentEventKind], { description: 'The kinds of appointment event sent to it.' })
  @Property({ type: 'text[]' })
  events!: AppointmentEventKind[];

  @Field(() => [ClaimStatus], {
    description:
      'What insurance claims becoming this sends it (`claim.submitted`, `claim.approved`…): the clinic’s claims, or an insurer’s client’s own.',
  })
  @Property({ type: 'text[]', default: '{}' })
  claimEvents: ClaimStatus[] = [];

  /** The owner when a partner registered it; empty: the clinic's administrators own it. */
  @ManyToOne({ entity: () => ApiClient, ref: true, nullable: true, deleteRule: 'cascade', index: true })
  apiClient?: Ref<ApiClient> | null;

  /** The administrator who registered it (kept for the record). */
  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'text', hidden: true, lazy: true })
  sealedSecret!: string;

  /**
   * What had committed when it started listening (registered, or turned back on): PostgreSQL's
   * snapshot then. A change's fan-out job may run after that, so it skips the webhooks whose
   * snapshot shows the change committed already: a webhook is sent the events of changes that
   * committed after it started listening, never older ones. Empty for webhooks registered before
   * it existed (sent everything, as before).
   */
  @Property({
    type: 'string',
    columnType: 'pg_snapshot',
    nullable: true,
    defaultRaw: 'pg_current_snapshot()',
    hidden: true,
    lazy: true,
  })
  listeningSince?: string | null;

  /** Since when every attempt has failed; cleared by a success. */
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Since when every delivery has failed (no success since); empty while it is healthy.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  failingSince?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was turned off for failing too long (WEBHOOK_DISABLE_AFTER_HOURS); empty while active.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  @Field(() => Boolean, { description: 'False once it was turned off for failing too long: nothing more is sent.' })
  get active(): boolean {
    return !this.disabledAt;
  }
}

/** An event's Standard Webhooks `type`: `appointment.<kind>`, or `claim.<what it became>`. */
export function webhookEventType(kinds: {
  readonly eventKind?: AppointmentEventKind | null;
  readonly claimKind?: ClaimStatus | null;
}): string {
  return kinds.claimKind
    ? `claim.${kinds.claimKind.toLowerCase()}`
    : `appointment.${(kinds.eventKind ?? '').toLowerCase()}`;
}

/**
 * One attempt to deliver one event to one endpoint: its outcome, status code, duration and the
 * class of error — never the payload (which holds ids, a kind and a time, nothing clinical, anyway).
 */
@ObjectType({ description: 'One attempt to deliver an event to a webhook, with its outcome.' })
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['webhook', 'attemptedAt'] })
@Check({ name: 'webhook_delivery_one_kind', expression: '(event_kind is null) <> (claim_kind is null)' })
export class WebhookDelivery extends BaseEntity {
  [OptionalProps]?: 'type' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Webhook, ref: true, deleteRule: 'cascade' })
  webhook!: Ref<Webhook>;

  @Field({ description: 'The event delivered: the `webhook-id` header and `data.id` of the payload.' })
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => AppointmentEventKind, {
    nullable: true,
    description: 'The kind of appointment event; empty for a claim’s.',
  })
  @Enum({ items: () => AppointmentEventKind, nullable: true })
  eventKind?: AppointmentEventKind | null;

  @Field(() => ClaimStatus, { nullable: true, description: 'What the claim became, for a claim’s event; else empty.' })
  @Enum({ items: () => ClaimStatus, nullable: true })
  claimKind?: ClaimStatus | null;

  @Field({ description: 'The event’s `type` as delivered: `appointment.booked`, `claim.submitted`…' })
  get type(): string {
    return webhookEventType(this);
  }

  @Field(() => Int, { description: 'Which attempt for this event and endpoint (1 is the first).' })
  @Property({ type: 'integer' })
  attempt!: number;

  @Field(() => Boolean, { description: 'The endpoint answered with a 2xx status.' })
  @Property({ type: 'boolean' })
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered; empty when none came.' })
  @Property({ type: 'smallint', nullable: true })
  statusCode?: number | null;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it failed: HTTP_STATUS, REDIRECT (never followed), TIMEOUT, CONNECTION, DNS, TLS or REFUSED_ADDRESS (not a public address); empty on success.',
  })
  @Property({ type: 'text', nullable: true })
  errorClass?: string | null;

  @Field(() => DateTimeScalar, { description: 'When the attempt started.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  attemptedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due; empty when none is.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;
}
