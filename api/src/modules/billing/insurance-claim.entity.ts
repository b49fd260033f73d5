import { Entity, Enum, Index, ManyToOne, Property, type Ref, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money } from '../../shared/money.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { ClaimStatus } from './billing.types.js';
import { InsurancePolicy } from './insurance-policy.entity.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';

@ObjectType({ description: 'A claim to an insurer for (part of) an invoice. Every change is kept in its history.' })
@Entity({ tableName: 'insurance_claim' })
@Index({ properties: ['createdAt', 'id'] })
// At most one claim per invoice waiting for a decision.
@Index({
  name: 'insurance_claim_one_open_per_invoice',
  expression:
    'create unique index "insurance_claim_one_open_per_invoice" on "insurance_claim" ("invoice_id") where "status" in (\'DRAFT\', \'SUBMITTED\')',
})
export class InsuranceClaim extends BaseEntity {
  [OptionalProps]?: 'amountClaimed' | 'amountApproved';

  @ManyToOne({ entity: () => Invoice, ref: true, deleteRule: 'restrict', index: true })
  invoice!: Ref<Invoice>;

  @ManyToOne({ entity: () => InsurancePolicy, ref: true, deleteRule: 'restrict', index: true })
  policy!: Ref<InsurancePolicy>;

  @Field(() => ClaimStatus, { description: 'Where the claim stands.' })
  @Enum({ items: () => ClaimStatus })
  @Index()
  status!: ClaimStatus;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'decimal', precision: 16, scale: 4 })
  claimedAmount!: string;

  @Property({ type: 'decimal', precision: 16, scale: 4, nullable: true })
  approvedAmount?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was sent to the insurer.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the insurer’s decision was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt?: Date;

  @Field(() => String, { nullable: true, description: 'The insurer’s note, e.g. why it was rejected.' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  /** The insurance payment an approval became. */
  @ManyToOne({ entity: () => Payment, ref: true, deleteRule: 'restrict', nullable: true, unique: true })
  payment?: Ref<Payment>;

  @Field(() => Money, { description: 'What was claimed: the invoice’s balance at submission.' })
  get amountClaimed(): Money {
    return Money.fromStored(this.claimedAmount, this.currency);
  }

  @Field(() => Money, { nullable: true, description: 'What the insurer approved; set with the decision.' })
  get amountApproved(): Money | null {
    return this.approvedAmount === undefined || this.approvedAmount === null
      ? null
      : Money.fromStored(this.approvedAmount, this.currency);
  }
}
