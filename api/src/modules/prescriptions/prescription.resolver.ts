import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';
import { IssuePrescriptionInput } from './prescription.inputs.js';
import { PrescriptionService } from './prescription.service.js';

/**
 * The request's loader of one entity type by id (`null` when missing): one statement for every
 * id asked for in the same tick, whichever prescriptions asked.
 */
function entityById<T extends { id: string }>(
  ctx: Context,
  name: string,
  find: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return ctx.loaders.get<string, T | null>(name, async (ids) => {
    const rows = await find([...ids]);
    return byKey<string, T | null>(ids, rows, (row) => row?.id ?? '', null);
  });
}

/**
 * Prescriptions: issue, discontinue, read one. Reads only return entities: the global access
 * guard checks every Prescription, Patient and Appointment a field returns and audits the read.
 * Relations go through per-request loaders, so N prescriptions cost one statement per relation.
 */
@Resolver(() => Prescription)
export class PrescriptionResolver {
  @Query(() => Prescription, {
    nullable: true,
    description: 'One prescription: for its patient and the doctors caring for them (never administrators).',
  })
  async prescription(
    @Arg('id', () => ID, { description: 'The prescription.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Prescription> {
    ctx.access.requireUser();
    // Through a loader too, so several prescriptions asked for in one document load together.
    const prescription = await entityById(ctx, 'prescriptionById', (ids) =>
      ctx.em.find(Prescription, { id: { $in: ids } }),
    ).load(requireId(id, 'id'));
    if (!prescription) {
      throw ctx.access.missing('Prescription');
    }
    return prescription;
  }

  @Mutation(() => Prescription, {
    description:
      'DOCTOR, for a patient under their care (or an emergency grant). Issues a prescription of 1 to 30 items; ' +
      "it is ACTIVE until its longest item's course ends, then COMPLETED. Items never change afterwards.",
  })
  issuePrescription(
    @Arg('input', () => IssuePrescriptionInput, { description: 'The prescription to issue.' })
    input: IssuePrescriptionInput,
    @Ctx() ctx: Context,
  ): Promise<Prescription> {
    return new PrescriptionService(ctx).issue(input);
  }

  @Mutation(() => Prescription, {
    description:
      'DOCTOR caring for the patient. Stops an ACTIVE prescription, with a reason of 3 to 500 characters; ' +
      'a prescription already DISCONTINUED or COMPLETED is CONFLICT.',
  })
  discontinuePrescription(
    @Arg('id', () => ID, { description: 'The prescription.' }) id: string,
    @Arg('reason', { description: 'Why it is stopped, 3 to 500 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Prescription> {
    return new PrescriptionService(ctx).discontinue(id, reason);
  }

  @FieldResolver(() => Patient, { description: 'Whom the prescription is for.' })
  async patient(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<Patient> {
    const patient = await entityById(ctx, 'patientById', (ids) => ctx.em.find(Patient, { id: { $in: ids } })).load(
      prescription.patient.id,
    );
    if (!patient) {
      throw notFound('Patient');
    }
    return patient;
  }

  @FieldResolver(() => Doctor, { description: 'Who issued the prescription.' })
  async doctor(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<Doctor> {
    const doctor = await entityById(ctx, 'doctorById', (ids) => ctx.em.find(Doctor, { id: { $in: ids } })).load(
      prescription.doctor.id,
    );
    if (!doctor) {
      throw notFound('Doctor');
    }
    return doctor;
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit it was issued at, if any.' })
  async appointment(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<Appointment | null> {
    if (!prescription.appointment) {
      return null;
    }
    return entityById(ctx, 'appointmentById', (ids) => ctx.em.find(Appointment, { id: { $in: ids } })).load(
      prescription.appointment.id,
    );
  }

  @FieldResolver(() => [PrescriptionItem], { description: 'The medications, in the order they were prescribed.' })
  items(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<PrescriptionItem[]> {
    return ctx.loaders
      .get<string, PrescriptionItem[]>('prescriptionItemsByPrescription', async (ids) => {
        const items = await ctx.em.find(
          PrescriptionItem,
          { prescription: { $in: [...ids] } },
          { orderBy: { prescription: 'asc', position: 'asc' } },
        );
        return groupByKey(ids, items, (item) => item.prescription.id);
      })
      .load(prescription.id);
  }
}
