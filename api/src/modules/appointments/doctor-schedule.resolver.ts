import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { assertManages } from '../doctors/doctor.policy.js';
import { Appointment } from './appointment.entity.js';

/** A doctor's appointments seen from the schedule: lives with the appointments, not the doctor. */
@Resolver(() => Doctor)
export class DoctorAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    description:
      'ADMIN, or the doctor. Upcoming active appointments the weekly rules no longer cover (kept when availability changed), to rebook or keep.',
  })
  appointmentsOutsideAvailability(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Appointment[]> {
    assertManages(ctx, doctor.id);
    return ctx.loaders.appointments.outsideAvailability.load(doctor);
  }
}
