import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { AppointmentConnection } from './appointment.entity.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { related } from '../../shared/read-rows.js';
import { fieldsAt, selects } from '../../shared/selection.js';
import { jsonReadable, jsonRowsOf, jsonToOne } from '../../shared/json-select.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Appointment } from './appointment.entity.js';
import { AppointmentFilter } from './appointment.inputs.js';
import { appointmentScope } from './appointment.policy.js';

// The list reads its nodes' JSON when asked (server/json-read.ts); its relations resolve to the joined rows.
jsonReadable('appointments', Appointment);
jsonToOne('Appointment', 'patient');
jsonToOne('Appointment', 'doctor');

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Query(() => AppointmentConnection, {
    description:
      'Appointments in start order, always narrowed to what the caller may see: a patient their own, a doctor their schedule, an administrator all, a partner those of consenting patients.',
  })
  async appointments(
    @Arg('filter', () => AppointmentFilter, {
      nullable: true,
      description: 'Narrows the list further (doctor, patient, statuses, time range).',
    })
    filter: AppointmentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Appointment>> {
    const actor = ctx.access.requireSignedIn();
    // A partner's list is narrowed to consenting patients, not refused.
    const where = await appointmentScope(ctx.em, actor);
    if (filter?.doctorId) {
      where.push({ doctor: requireId(filter.doctorId, 'filter.doctorId') });
    }
    if (filter?.patientId) {
      where.push({ patient: requireId(filter.patientId, 'filter.patientId') });
    }
    if (filter?.status?.length) {
      where.push({ status: { $in: filter.status } });
    }
    if (filter?.from) {
      where.push({ startsAt: { $gte: filter.from } });
    }
    if (filter?.to) {
      where.push({ startsAt: { $lt: filter.to } });
    }
    // Only read: rows without entity tracking. Patients and doctors the client asked for, and
    // the total count, come in the same statement; the row guards check every row as before.
    const join = [
      // Of the patient, only the columns of the fields asked for (a week's names and allergies).
      ...(selects(info, ['edges', 'node', 'patient'])
        ? [{ name: 'patient', fields: fieldsAt(info, ['edges', 'node', 'patient']) }]
        : []),
      ...(selects(info, ['edges', 'node', 'doctor']) ? ['doctor'] : []),
    ];
    return readTimePage(ctx.em, Appointment, where, 'startsAt', 'asc', page, {
      join,
      // What the row guards will ask about each patient comes with the rows: the list is
      // authorised without another round trip.
      facts: ctx.access.careFactsAbout('patient', 'appointments'),
      count: selects(info, ['totalCount']),
      // Of the appointments too, only the columns of the fields asked for.
      fields: fieldsAt(info, ['edges', 'node']),
      // On the JSON path (server/json-read.ts), each row's JSON too.
      json: jsonRowsOf(info),
    });
  }

  @Query(() => Appointment, {
    nullable: true,
    description: 'An appointment, for its patient, its doctor and administrators.',
  })
  async appointment(
    @Arg('id', () => ID, { description: 'The appointment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    ctx.access.requireSignedIn();
    const appointment = await ctx.em.findOne(Appointment, requireId(id, 'id'));
    if (!appointment) {
      throw ctx.access.missing('Appointment');
    }
    return appointment;
  }

  @FieldResolver(() => Patient, { description: 'The patient who comes.' })
  patient(@Root() appointment: Appointment): Patient | Promise<Patient> {
    return related(appointment.patient);
  }

  @FieldResolver(() => Doctor, { description: 'The doctor seen.' })
  doctor(@Root() appointment: Appointment): Doctor | Promise<Doctor> {
    return related(appointment.doctor);
  }
}
