import {
  Collection,
  DecimalType,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  OneToOne,
  Property,
  type Ref,
  type Opt,
  OptionalProps,
} from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money } from '../../shared/money.js';
import { Department } from '../organisation/department.entity.js';
import { User } from '../identity/user.entity.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { TimeOff } from './time-off.entity.js';
import { Connection } from '../../shared/connection.js';

@ObjectType({ description: 'A doctor who sees patients.' })
@Entity({ tableName: 'doctor' })
@Index({ name: 'doctor_last_name_first_name_index', properties: ['lastName', 'firstName'] })
@Index({
  name: 'doctor_search_trgm',
  expression:
    'create index "doctor_search_trgm" on "doctor" using gin ((lower("first_name" || \' \' || "last_name" || \' \' || "specialization")) gin_trgm_ops)',
})
export class Doctor extends BaseEntity {
  [OptionalProps]?: 'userId' | 'consultationFee' | 'fee';

  @OneToOne({ entity: () => User, ref: true, owner: true, unique: true, deleteRule: 'restrict' })
  user!: Ref<User>;

  @Field(() => ID, { description: 'The sign-in account (for deactivateUser).' })
  get userId(): string {
    return this.user.id;
  }

  @Field({ description: 'Given name.' })
  @Property({ type: 'text' })
  firstName!: string;

  @Field({ description: 'Family name.' })
  @Property({ type: 'text' })
  lastName!: string;

  @Field({ description: 'Medical specialty, e.g. Cardiology.' })
  @Property({ type: 'text' })
  @Index()
  specialization!: string;

  @Field({ description: 'The doctor’s licence number.' })
  @Property({ type: 'text', unique: true })
  licenseNumber!: string;

  @Field({ description: 'IANA time zone the availability is written in, e.g. Europe/Berlin.' })
  @Property({ type: 'text' })
  timezone!: string;

  /** Fee for one consultation: an exact decimal (numeric), in `feeCurrency`. */
  @Property({ type: new DecimalType('string'), fieldName: 'consultation_fee', precision: 16, scale: 4, nullable: true })
  feeAmount?: string | null;

  @Property({ type: 'text', default: 'EUR' })
  feeCurrency: Opt<string> = 'EUR';

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict', index: true })
  department!: Ref<Department>;

  @Field(() => Float, {
    nullable: true,
    description: 'Fee for one consultation as a float.',
    deprecationReason: 'Floats cannot hold money exactly: use `fee` (Money: a decimal string and its currency).',
  })
  get consultationFee(): number | null {
    return this.feeAmount === undefined || this.feeAmount === null ? null : Number(this.feeAmount);
  }

  @Field(() => Money, { nullable: true, description: 'Fee for one consultation, exact, with its currency.' })
  get fee(): Money | null {
    return this.feeAmount === undefined || this.feeAmount === null
      ? null
      : Money.fromStored(this.feeAmount, this.feeCurrency);
  }

  @Field(() => String, { nullable: true, description: 'A short introduction patients see.' })
  @Property({ type: 'text', nullable: true })
  bio?: string | null;

  @Field(() => [String], { description: 'Degrees and certifications.' })
  @Property({ type: 'text[]', default: '{}' })
  qualifications: Opt<string[]> = [];

  @OneToMany({ entity: () => AvailabilityRule, mappedBy: 'doctor', orderBy: { weekday: 'asc', startTime: 'asc' } })
  availabilityRules = new Collection<AvailabilityRule>(this);

  @OneToMany({ entity: () => TimeOff, mappedBy: 'doctor', orderBy: { startsAt: 'asc' } })
  timeOff = new Collection<TimeOff>(this);
}

/** A page of doctors, as the contract's lists return them. */
export const DoctorConnection = Connection('Doctor', Doctor);
