import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { Patient } from '../patients/patient.entity.js';

@ObjectType({
  description: "A patient's insurance cover: valid from validFrom to validTo (inclusive; open when null).",
})
@Entity({ tableName: 'insurance_policy' })
@Index({ properties: ['patient', 'validFrom'] })
export class InsurancePolicy extends BaseEntity {
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  @Field({ description: 'The insurer.' })
  @Property({ type: 'text' })
  provider!: string;

  @Field({ description: 'The policy number.' })
  @Property({ type: 'text' })
  policyNumber!: string;

  @Field(() => String, { nullable: true, description: 'The patient’s member id with the insurer.' })
  @Property({ type: 'text', nullable: true })
  memberId?: string;

  @Field(() => CalendarDateScalar, { description: 'First day of cover.' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day of cover; null when open-ended.' })
  @Property({ type: 'date', nullable: true })
  validTo?: string;
}

/**
 * The reference of the payment an approved claim becomes, as the patient and the clinic read it on
 * the invoice and its receipt: the insurer and the policy (the claim itself is linked to the payment).
 */
export function claimPaymentReference(policy: Pick<InsurancePolicy, 'provider' | 'policyNumber'>): string {
  return `${policy.provider} claim, policy ${policy.policyNumber}`;
}
