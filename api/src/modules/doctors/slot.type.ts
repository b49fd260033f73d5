import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from './doctor.entity.js';

@ObjectType({ description: 'A free slot a patient can book.' })
export class Slot {
  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;
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
