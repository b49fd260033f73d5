import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Hospital } from './hospital.entity.js';

/** The department every doctor without one was moved into (created by the migration). */
export const DEFAULT_DEPARTMENT_ID = '00000000-0000-4000-8000-00000000d001';
export const DEFAULT_HOSPITAL_ID = '00000000-0000-4000-8000-00000000a001';

@ObjectType({ description: 'A department of a hospital (cardiology, paediatrics …); every doctor belongs to one.' })
@Entity({ tableName: 'department' })
@Unique({ properties: ['hospital', 'name'] })
export class Department extends BaseEntity {
  @ManyToOne({ entity: () => Hospital, ref: true, deleteRule: 'restrict' })
  hospital!: Ref<Hospital>;

  @Field({ description: 'E.g. "Cardiology"; unique within its hospital.' })
  @Property({ type: 'text' })
  name!: string;
}
