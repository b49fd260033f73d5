import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';

@ObjectType({ description: 'A free slot a patient can book.' })
export class Slot {
  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;
}
