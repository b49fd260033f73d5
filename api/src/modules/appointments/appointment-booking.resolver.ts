import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { selects } from '../../shared/selection.js';
import { AppointmentBookingService } from './appointment-booking.service.js';
import { Appointment } from './appointment.entity.js';
import { BookAppointmentInput } from './booking.inputs.js';

@Resolver(() => Appointment)
export class AppointmentBookingResolver {
  @Mutation(() => Appointment, {
    description:
      'Books a free slot (REQUESTED). A taken slot is CONFLICT; a time in the past or outside the doctor’s hours is BAD_USER_INPUT.',
  })
  bookAppointment(
    @Arg('input', () => BookAppointmentInput, { description: 'Who, with whom, when.' }) input: BookAppointmentInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).book(input, {
      doctor: selects(info, ['doctor']),
      patient: selects(info, ['patient']),
    });
  }

  @Mutation(() => Appointment, { description: 'The doctor or an administrator: REQUESTED → CONFIRMED.' })
  confirmAppointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).transition(id, 'confirm');
  }

  @Mutation(() => Appointment, { description: 'The doctor or an administrator: CONFIRMED → CHECKED_IN.' })
  checkInAppointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).transition(id, 'checkIn');
  }

  @Mutation(() => Appointment, { description: 'The doctor: CHECKED_IN or CONFIRMED → COMPLETED.' })
  completeAppointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).transition(id, 'complete');
  }

  @Mutation(() => Appointment, {
    description: 'The doctor or an administrator, once the start has passed: CONFIRMED → NO_SHOW.',
  })
  markNoShow(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).transition(id, 'markNoShow');
  }

  @Mutation(() => Appointment, {
    description:
      'The patient (until the cut-off before the start), the doctor or an administrator: REQUESTED or CONFIRMED → CANCELLED.',
  })
  cancelAppointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in a few words (no clinical detail).' })
    reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).transition(id, 'cancel', reason);
  }

  @Mutation(() => Appointment, {
    description:
      'Moves an appointment to another free slot, atomically, keeping its id. A patient’s new time needs confirming again.',
  })
  rescheduleAppointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Arg('startsAt', () => DateTimeScalar, { description: 'The start of a free slot of the same doctor.' })
    startsAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new AppointmentBookingService(ctx).reschedule(id, startsAt);
  }
}
