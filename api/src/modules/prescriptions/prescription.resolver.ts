import { Arg, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { requireId } from '../../shared/ids.js';
import { CLINICAL } from '../../shared/clinical.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';
import { IssuePrescriptionInput } from './prescription.inputs.js';
import { PrescriptionService } from './prescription.service.js';
import { jsonComputed, jsonToMany } from '../../shared/json-select.js';
import { PRESCRIPTION_ITEMS } from './prescription.loader.js';
import { prescriptionStatusSql } from './prescription-status.js';

// PostgreSQL writes a prescription's items and status for the JSON path (server/json-read.ts)
// as `items` and `Prescription.status()` resolve them.
jsonToMany('Prescription', 'items', PRESCRIPTION_ITEMS);
jsonComputed('Prescription', 'status', prescriptionStatusSql);

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
    const prescription = await ctx.loaders.prescriptions.byId.load(requireId(id, 'id'));
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
  patient(@Root() prescription: Prescription): Promise<Patient> {
    return prescription.patient.loadOrFail();
  }

  @FieldResolver(() => Doctor, { description: 'Who issued the prescription.' })
  doctor(@Root() prescription: Prescription): Promise<Doctor> {
    return prescription.doctor.loadOrFail();
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit it was issued at, if any.' })
  async appointment(@Root() prescription: Prescription): Promise<Appointment | null> {
    return prescription.appointment ? prescription.appointment.loadOrFail() : null;
  }

  @FieldResolver(() => [PrescriptionItem], { description: 'The medications, in the order they were prescribed.' })
  items(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<PrescriptionItem[]> {
    return ctx.loaders.prescriptions.items.load(prescription.id);
  }
}

/** `Appointment.prescriptions` lives with the child: the appointments module knows no prescriptions. */
@Resolver(() => Appointment)
export class AppointmentPrescriptionsResolver {
  @FieldResolver(() => [Prescription], { description: 'Prescriptions issued at this visit. Clinical.' })
  @Extensions(CLINICAL)
  prescriptions(@Root() appointment: Appointment, @Ctx() ctx: Context): Promise<Prescription[]> {
    return ctx.loaders.prescriptions.byAppointment.load(appointment.id);
  }
}
