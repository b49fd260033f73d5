import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';

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

@ObjectType({ description: 'A free slot of a particular doctor ("first available" across a specialisation).' })
export class DoctorSlot {
  @Field(() => Doctor, { description: 'Whose slot it is.' })
  doctor!: Doctor;

  @Field(() => DateTimeScalar, { description: 'Start, UTC.' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'End, UTC.' })
  endsAt!: Date;
}
