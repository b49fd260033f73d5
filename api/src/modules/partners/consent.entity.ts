import { Entity, OptionalProps, Enum, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Patient } from '../patients/patient.entity.js';
import { ApiClient } from './api-client.entity.js';

export enum ConsentPurpose {
  DATA_SHARING = 'DATA_SHARING',
  TREATMENT = 'TREATMENT',
  RESEARCH = 'RESEARCH',
}

registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a patient agrees to.',
  valuesConfig: {
    DATA_SHARING: { description: 'Sharing their data with one partner (API client), within its scopes.' },
    TREATMENT: { description: 'Being treated at the clinic.' },
    RESEARCH: { description: 'Their de-identified data being used for research.' },
  },
});

/**
 * A patient's consent, kept forever: revoking sets `revokedAt`, and granting again makes a new
 * row, so the history of who could see what, and when, stays readable.
 */
@ObjectType({ description: "A patient's consent, e.g. to share their data with one partner." })
@Entity({ tableName: 'consent' })
@Unique({
  name: 'consent_one_active',
  expression:
    'create unique index "consent_one_active" on "consent" ("patient_id", "purpose", "api_client_id") nulls not distinct where "revoked_at" is null',
})
@Index({ name: 'consent_client_active', properties: ['apiClient', 'revokedAt'] })
export class Consent extends BaseEntity {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt';

  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict', index: true })
  patient!: Ref<Patient>;

  @Field(() => ConsentPurpose, { description: 'What the patient agreed to.' })
  @Enum({ items: () => ConsentPurpose })
  purpose!: ConsentPurpose;

  @ManyToOne({ entity: () => ApiClient, ref: true, deleteRule: 'restrict', nullable: true })
  apiClient?: Ref<ApiClient> | null;

  @Field(() => DateTimeScalar, { description: 'When the patient agreed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  grantedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the patient withdrew it; empty while active.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Boolean, { description: 'True until revoked.' })
  get active(): boolean {
    return !this.revokedAt;
  }
}
