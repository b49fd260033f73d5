import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Patient } from '../patients/patient.entity.js';
import { Appointment } from './appointment.entity.js';
import { visitsDoctorOf, type VisitsAround } from './appointment.loader.js';

/**
 * A patient's last and next visit as the caller's `appointments` list sees them: a doctor their
 * own visits with the patient (their schedule, not the chart), the patient and administrators any
 * doctor's; a partner's pass the appointments' row guard as every appointment does.
 */
function visitsAround(patient: Patient, ctx: Context): Promise<VisitsAround> {
  return ctx.loaders.appointments.visitsAround(visitsDoctorOf(ctx.access.actor)).load(patient.id);
}

/** `Patient.lastVisit` and `nextVisit` live with the appointments: the patients module knows none. */
@Resolver(() => Patient)
export class PatientVisitsResolver {
  @FieldResolver(() => Appointment, {
    nullable: true,
    description:
      'The last completed visit; for a doctor, the last with them. Null when there was none. Batched for a list of patients.',
  })
  async lastVisit(@Root() patient: Patient, @Ctx() ctx: Context): Promise<Appointment | null> {
    return (await visitsAround(patient, ctx)).last;
  }

  @FieldResolver(() => Appointment, {
    nullable: true,
    description:
      'The next booked visit not yet over (requested, confirmed or checked in; one under way counts); for a doctor, the next with them. Null when none is booked.',
  })
  async nextVisit(@Root() patient: Patient, @Ctx() ctx: Context): Promise<Appointment | null> {
    return (await visitsAround(patient, ctx)).next;
  }
}
