import { Check, Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref, OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money } from '../../shared/money.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { ApiClient } from '../partners/api-client.entity.js';
import { ClaimStatus } from './billing.types.js';
import { InsuranceClaim } from './insurance-claim.entity.js';

/**
 * One change of a claim, who made it and when: a person's account, or an insurer's API client
 * deciding through the API (exactly one). Append-only: a trigger refuses UPDATE and DELETE.
 */
@ObjectType({ description: 'One change of an insurance claim: who, when, from which status to which.' })
@Entity({ tableName: 'claim_change' })
@Index({ properties: ['claim', 'changedAt'] })
@Index({ name: 'claim_change_feed', properties: ['xid', 'id'] })
@Check({
  name: 'claim_change_one_author',
  expression: '(changed_by_id is null) <> (changed_by_client_id is null)',
})
export class ClaimChange extends BaseEntity {
  [OptionalProps]?: 'amountApproved' | 'changedById' | 'xid';

  @ManyToOne({ entity: () => InsuranceClaim, ref: true, deleteRule: 'restrict' })
  claim!: Ref<InsuranceClaim>;

  @Field(() => ClaimStatus, { nullable: true, description: 'The status before; null for the submission.' })
  @Enum({ items: () => ClaimStatus, nullable: true })
  fromStatus?: ClaimStatus;

  @Field(() => ClaimStatus, { description: 'The status after.' })
  @Enum({ items: () => ClaimStatus })
  toStatus!: ClaimStatus;

  @Property({ type: 'decimal', precision: 16, scale: 4, nullable: true })
  approvedAmount?: string;

  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Money, { nullable: true, description: 'The approved amount this change set, if any.' })
  get amountApproved(): Money | null {
    return this.approvedAmount ? Money.fromStored(this.approvedAmount, this.currency) : null;
  }

  @Field(() => String, { nullable: true, description: 'The insurer’s note with this change.' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true, nullable: true })
  changedBy?: Ref<User> | null;

  /** The insurer's API client, when it decided through the API. */
  @ManyToOne({ entity: () => ApiClient, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  changedByClient?: Ref<ApiClient> | null;

  @Field(() => ID, {
    description:
      'Who made the change: the account, or the API client when the insurer decided through the API (see `changedByPartner`).',
  })
  get changedById(): string {
    return (this.changedBy ?? this.changedByClient)!.id;
  }

  @Field(() => DateTimeScalar, { description: 'When.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Opt<Date> = new Date();

  /**
   * The writing transaction's id (PostgreSQL's, set by the column's default): the change feed's
   * order. A feed reads only changes of transactions older than every one still running, so a
   * change that commits late is never skipped by a cursor already past it.
   */
  @Property({ type: 'string', columnType: 'xid8', defaultRaw: 'pg_current_xact_id()', hidden: true, lazy: true })
  xid?: string;
}
