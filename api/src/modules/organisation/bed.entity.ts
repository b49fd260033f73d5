import { Entity, Enum, ManyToOne, OptionalProps, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Department } from './department.entity.js';

export enum BedStatus {
  AVAILABLE = 'AVAILABLE',
  OCCUPIED = 'OCCUPIED',
  CLEANING = 'CLEANING',
  OUT_OF_SERVICE = 'OUT_OF_SERVICE',
}
registerEnumType(BedStatus, {
  name: 'BedStatus',
  description: 'AVAILABLE can take a patient; OCCUPIED holds one (set by admission); CLEANING follows a discharge.',
});

@ObjectType({ description: 'An in-patient bed in a ward of a department.' })
@Entity({ tableName: 'bed' })
@Unique({ properties: ['department', 'ward', 'label'] })
export class Bed extends BaseEntity {
  [OptionalProps]?: 'status';

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  department!: Ref<Department>;

  @Field({ description: 'The bed’s name within its ward, e.g. "12B".' })
  @Property({ type: 'text' })
  label!: string;

  @Field({ description: 'The ward or room the bed stands in.' })
  @Property({ type: 'text' })
  ward!: string;

  @Field(() => BedStatus, { description: 'Whether the bed can take a patient now.' })
  @Enum({ items: () => BedStatus, default: BedStatus.AVAILABLE })
  status: BedStatus = BedStatus.AVAILABLE;
}
