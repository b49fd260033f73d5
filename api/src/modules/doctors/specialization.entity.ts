import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';

/**
 * One entry of the clinic's managed list of specialisations. A doctor's `specialization` is
 * always one of these names, spelt as here; administrators add to the list.
 */
@ObjectType({ description: 'A medical specialisation from the clinic’s managed list, e.g. "Cardiology".' })
@Entity({ tableName: 'specialization' })
@Index({
  name: 'specialization_name_lower_unique',
  expression: 'create unique index "specialization_name_lower_unique" on "specialization" (lower("name"))',
})
export class Specialization extends BaseEntity {
  @Field({ description: 'The name as shown and stored on doctors, e.g. "Cardiology".' })
  @Property({ type: 'text' })
  name!: string;
}
