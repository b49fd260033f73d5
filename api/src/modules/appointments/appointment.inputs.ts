import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { AppointmentStatus } from './appointment-status.js';

@InputType({ description: 'Narrows the appointments listed; always within what the caller may see.' })
export class AppointmentFilter {
  @Field(() => ID, { nullable: true, description: 'Only this doctor’s appointments.' })
  doctorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this patient’s appointments.' })
  patientId?: string | null;

  @Field(() => [AppointmentStatus], { nullable: true, description: 'Only appointments in one of these statuses.' })
  status?: AppointmentStatus[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Starting at or after.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Starting before.' })
  to?: Date | null;
}
