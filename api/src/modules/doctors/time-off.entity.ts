import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from './doctor.entity.js';

@ObjectType({ description: 'A period the doctor is away: no slots are offered inside it.' })
@Entity({ tableName: 'time_off' })
@Index({ properties: ['doctor', 'startsAt'] })
@Check({ name: 'time_off_range_check', expression: 'starts_at < ends_at' })
export class TimeOff extends BaseEntity {
  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'cascade' })
  doctor!: Ref<Doctor>;

  @Field(() => DateTimeScalar, { description: 'When the leave starts.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the leave ends.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why, for administrators (e.g. a conference).' })
  @Property({ type: 'text', nullable: true })
  reason?: string;
}
