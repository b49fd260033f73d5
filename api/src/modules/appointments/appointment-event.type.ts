import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Appointment } from './appointment.entity.js';

export enum AppointmentEventKind {
  BOOKED = 'BOOKED',
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
  RESCHEDULED = 'RESCHEDULED',
}

registerEnumType(AppointmentEventKind, { name: 'AppointmentEventKind' });

@ObjectType({ description: 'A committed change to an appointment, delivered live.' })
export class AppointmentEvent {
  @Field(() => AppointmentEventKind)
  kind!: AppointmentEventKind;

  @Field(() => Appointment)
  appointment!: Appointment;

  @Field(() => DateTimeScalar)
  at!: Date;
}
