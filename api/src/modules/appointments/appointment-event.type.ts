import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../shared/connection.js';
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

registerEnumType(AppointmentEventKind, {
  name: 'AppointmentEventKind',
  description: 'What happened to an appointment.',
  valuesConfig: {
    BOOKED: { description: 'It was booked (REQUESTED).' },
    CONFIRMED: { description: 'It was confirmed.' },
    CHECKED_IN: { description: 'The patient checked in.' },
    COMPLETED: { description: 'The visit was completed.' },
    NO_SHOW: { description: 'The patient did not come.' },
    CANCELLED: { description: 'It was cancelled.' },
    RESCHEDULED: { description: 'It moved to another time (same id).' },
  },
});

@ObjectType({
  description:
    'A committed change to an appointment: delivered live, replayed after a cursor, and listed by `appointmentChanges`, in stream order.',
})
export class AppointmentEvent {
  @Field(() => ID, { description: 'Stable id of the event (the same in every stream and webhook delivery).' })
  id!: string;

  @Field({
    description: 'Opaque position of the event in the stream: pass it as `after` to resume just after it.',
  })
  cursor!: string;

  /** The position the cursor is made of (not in the schema): the writing transaction's id… */
  xid!: string;

  /** …and the event's order within it. */
  seq!: string;

  @Field(() => AppointmentEventKind, { description: 'What happened.' })
  kind!: AppointmentEventKind;

  @Field(() => Appointment, { description: 'The appointment as it is after the change.' })
  appointment!: Appointment;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  at!: Date;
}

export const AppointmentEventConnection = Connection('AppointmentEvent', AppointmentEvent);
