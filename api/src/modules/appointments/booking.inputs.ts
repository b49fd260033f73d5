import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { AppointmentType } from './appointment-status.js';

@InputType({
  description: 'A booking: a free slot of a doctor. A patient books for themself; an administrator names the patient.',
})
export class BookAppointmentInput {
  @Field(() => ID, { description: 'The doctor to see.' })
  doctorId!: string;

  @Field(() => DateTimeScalar, { description: 'The start of a slot `availableSlots` offers.' })
  startsAt!: Date;

  @Field(() => AppointmentType, {
    nullable: true,
    defaultValue: AppointmentType.REGULAR,
    description: 'What kind of visit (default REGULAR).',
  })
  type?: AppointmentType;

  @Field(() => String, { nullable: true, description: 'Why the patient comes, in their words.' })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required for an administrator; a patient books for themself.' })
  patientId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A hold on this slot (holdSlot) of the patient booked for: the booking succeeds while it is in force; a hold that ran out is CONFLICT `HOLD_EXPIRED`.',
  })
  holdId?: string | null;
}
