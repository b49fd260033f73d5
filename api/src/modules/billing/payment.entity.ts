import { Check, Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money } from '../../shared/money.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { ApiClient } from '../partners/api-client.entity.js';
import { PaymentMethod } from './billing.types.js';
import { Invoice } from './invoice.entity.js';

@ObjectType({ description: 'Money received against an invoice.' })
@Entity({ tableName: 'payment' })
@Index({ properties: ['invoice', 'paidAt'] })
@Check({ name: 'payment_amount_positive_check', expression: 'amount_value > 0' })
// Recorded by a person, or by an insurer's API client whose approval it is (exactly one).
@Check({ name: 'payment_one_recorder', expression: '(recorded_by_id is null) <> (recorded_by_client_id is null)' })
export class Payment extends BaseEntity {
  [OptionalProps]?: 'amount';

  @ManyToOne({ entity: () => Invoice, ref: true, deleteRule: 'restrict' })
  invoice!: Ref<Invoice>;

  @Property({ type: 'decimal', precision: 16, scale: 4 })
  amountValue!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Field(() => PaymentMethod, { description: 'How the money came in.' })
  @Enum({ items: () => PaymentMethod })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'Receipt, card slip, bank transfer or claim reference.' })
  @Property({ type: 'text', nullable: true })
  reference?: string;

  @Field(() => DateTimeScalar, { description: 'When the money came in.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  paidAt: Opt<Date> = new Date();

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true, nullable: true })
  recordedBy?: Ref<User> | null;

  /** The insurer's API client, when its approval through the API became this payment. */
  @ManyToOne({ entity: () => ApiClient, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  recordedByClient?: Ref<ApiClient> | null;

  @Field(() => Money, { description: 'The amount received.' })
  get amount(): Money {
    return Money.fromStored(this.amountValue, this.currency);
  }
}
