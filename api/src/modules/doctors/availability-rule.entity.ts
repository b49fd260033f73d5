import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { WallClockType } from '../../shared/wall-clock.type.js';
import { Doctor } from './doctor.entity.js';

/** A weekly window, in the doctor's own time zone, cut into slots of `slotMinutes`. */
@ObjectType({ description: "A weekly opening window in the doctor's own time zone." })
@Entity({ tableName: 'availability_rule' })
@Index({ properties: ['doctor', 'weekday'] })
@Check({ name: 'availability_rule_weekday_check', expression: 'weekday >= 1 and weekday <= 7' })
@Check({ name: 'availability_rule_window_check', expression: 'start_time < end_time' })
@Check({ name: 'availability_rule_slot_minutes_check', expression: 'slot_minutes >= 5 and slot_minutes <= 480' })
export class AvailabilityRule extends BaseEntity {
  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'cascade' })
  doctor!: Ref<Doctor>;

  @Field(() => Int, { description: '1 = Monday … 7 = Sunday.' })
  @Property({ type: 'smallint' })
  weekday!: number;

  @Field({ description: 'Local start, `HH:MM`.' })
  @Property({ type: WallClockType })
  startTime!: string;

  @Field({ description: 'Local end, `HH:MM`.' })
  @Property({ type: WallClockType })
  endTime!: string;

  @Field(() => Int, { description: 'Length of each bookable slot, in minutes.' })
  @Property({ type: 'smallint' })
  slotMinutes!: number;
}
