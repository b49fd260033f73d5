import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';

@ObjectType({ description: 'A free slot a patient can book.' })
export class Slot {
  @Field(() => DateTimeScalar, { description: 'When the slot starts.' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the slot ends.' })
  endsAt!: Date;
}

/** A free interval as the API returns it. */
export function toSlot(interval: { startsAt: Date; endsAt: Date }): Slot {
  return Object.assign(new Slot(), interval);
}
