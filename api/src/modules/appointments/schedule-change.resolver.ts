import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Appointment } from './appointment.entity.js';
import { AffectedAppointmentResolutionInput, ScheduleChangeInput } from './schedule-change.inputs.js';
import { ScheduleChangeService } from './schedule-change.service.js';

@Resolver(() => Appointment)
export class ScheduleChangeResolver {
  @Query(() => [Appointment], {
    description:
      'ADMIN, or the doctor for their own time (deactivation: ADMIN). The booked appointments (REQUESTED, CONFIRMED, ' +
      'CHECKED_IN, still to come) a planned change would strand: time off covering them, weekly hours leaving them ' +
      'out, or deactivating the doctor. addTimeOff, setDoctorAvailability and deactivateUser refuse such a change ' +
      'with CONFLICT `APPOINTMENTS_AFFECTED` until each is resolved.',
  })
  affectedAppointments(
    @Arg('input', () => ScheduleChangeInput, {
      description: 'The change an admin is about to make: time off, new weekly hours or deactivating a doctor.',
    })
    input: ScheduleChangeInput,
    @Ctx() ctx: Context,
  ): Promise<Appointment[]> {
    return new ScheduleChangeService(ctx).affected(input);
  }

  @Mutation(() => [Appointment], {
    description:
      'ADMIN, or the doctor for their own appointments. Cancels (with a reason the patient is told) or moves (to a ' +
      'free slot, of another doctor too for an ADMIN) each listed appointment, all in one transaction; the patients ' +
      'are notified. Answers the appointments in the order given.',
  })
  resolveAffectedAppointments(
    @Arg('resolutions', () => [AffectedAppointmentResolutionInput], {
      description: 'One resolution per appointment, 1 to 200.',
    })
    resolutions: AffectedAppointmentResolutionInput[],
    @Ctx() ctx: Context,
  ): Promise<Appointment[]> {
    return new ScheduleChangeService(ctx).resolve(resolutions);
  }
}
