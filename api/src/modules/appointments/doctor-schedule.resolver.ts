import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { readRowsById } from '../../shared/read-rows.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { assertManages } from '../doctors/doctor.policy.js';
import { uncovered } from '../doctors/weekly-slots.js';
import { Appointment } from './appointment.entity.js';

/** A doctor's appointments seen from the schedule: lives with the appointments, not the doctor. */
@Resolver(() => Doctor)
export class DoctorAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    description:
      'ADMIN, or the doctor. Upcoming active appointments the weekly rules no longer cover (kept when availability changed), to rebook or keep.',
  })
  async appointmentsOutsideAvailability(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Appointment[]> {
    assertManages(ctx, doctor.id);
    // The rules the doctor's `availability` field reads too: one statement for both. Then the
    // appointments outside them, read whole (the times of all the coming ones came first).
    const [rules, coming] = await Promise.all([
      ctx.loaders.doctors.availability.load(doctor.id),
      ctx.loaders.appointments.comingTimes.load(doctor.id),
    ]);
    const byId = readRowsById(ctx.em, Appointment);
    const outside = await Promise.all(uncovered(rules, doctor.timezone, coming).map(({ id }) => byId.load(id)));
    // One no longer there when its row is read is left out.
    return outside.filter((appointment) => appointment !== null);
  }
}
