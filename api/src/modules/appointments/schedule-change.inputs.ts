import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { AvailabilityRuleInput } from '../doctors/doctor.inputs.js';

export enum AffectedAppointmentAction {
  CANCEL = 'CANCEL',
  MOVE = 'MOVE',
}

registerEnumType(AffectedAppointmentAction, {
  name: 'AffectedAppointmentAction',
  description: 'What to do with an appointment a schedule change would strand.',
  valuesConfig: {
    CANCEL: { description: 'Cancel it with a reason; the patient (and the doctor) are notified.' },
    MOVE: { description: 'Move it to another time, with the same doctor or another one; the patient is notified.' },
  },
});

@InputType({ description: 'A period of time off, for finding the appointments it would cover.' })
export class TimeRangeInput {
  @Field(() => DateTimeScalar, { description: 'Start of the period.' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'End of the period, after startsAt.' })
  endsAt!: Date;
}

@InputType({
  description:
    'A planned change to a doctor’s time: exactly one of timeOff, availability (the new weekly rules), timezone or deactivate.',
})
export class ScheduleChangeInput {
  @Field(() => ID, { description: 'The doctor whose time changes.' })
  doctorId!: string;

  @Field(() => TimeRangeInput, { nullable: true, description: 'Time off to be added.' })
  @IsOptional()
  @ValidateNested()
  timeOff?: TimeRangeInput | null;

  @Field(() => [AvailabilityRuleInput], {
    nullable: true,
    description: 'The weekly rules that would replace the current ones.',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  availability?: AvailabilityRuleInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'ADMIN: the IANA time zone the doctor would move to; their weekly hours, as they are, read there.',
  })
  @IsOptional()
  @IsString()
  timezone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: the doctor’s account is to be deactivated.' })
  @IsOptional()
  deactivate?: boolean | null;
}

@InputType({ description: 'What to do with one appointment a schedule change would strand.' })
export class AffectedAppointmentResolutionInput {
  @Field(() => ID, { description: 'The appointment (REQUESTED or CONFIRMED).' })
  appointmentId!: string;

  @Field(() => AffectedAppointmentAction, { description: 'Cancel it, or move it.' })
  action!: AffectedAppointmentAction;

  @Field(() => String, {
    nullable: true,
    description: 'CANCEL: the reason the patient is told (3 to 500 characters, required). MOVE: an optional note.',
  })
  @IsOptional()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'MOVE: the new start, a free slot of the (new) doctor.' })
  startsAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'MOVE: another doctor to see the patient (administrators only); default: the same doctor.',
  })
  doctorId?: string | null;
}
