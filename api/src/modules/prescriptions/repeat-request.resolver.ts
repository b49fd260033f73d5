import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Prescription } from './prescription.entity.js';
import { RepeatRequest } from './repeat-request.entity.js';
import {
  DECLINE_REASON_MAX,
  DECLINE_REASON_MIN,
  REPEAT_NOTE_MAX,
  REPEAT_QUEUE_MAX,
  RepeatRequestService,
} from './repeat-request.service.js';

/**
 * Repeat prescriptions a patient asks for, and the doctor's answer. The rows are guarded like the
 * chart (the patient, the doctors caring for them; every read audited); relations load per request.
 */
@Resolver(() => RepeatRequest)
export class RepeatRequestResolver {
  @Query(() => [RepeatRequest], {
    description: `DOCTOR. The repeat requests waiting for the signed-in doctor (REQUESTED; and those asked of a doctor who is away: has left, or is on time off now), of patients whose chart they may open, oldest first, at most ${REPEAT_QUEUE_MAX}.`,
  })
  repeatRequests(@Ctx() ctx: Context): Promise<RepeatRequest[]> {
    return new RepeatRequestService(ctx).waiting();
  }

  @Query(() => Int, {
    description: `DOCTOR. How many repeat requests wait for the signed-in doctor (as \`repeatRequests\` lists them), all of them (the list stops at ${REPEAT_QUEUE_MAX}): for a badge; reads no request.`,
  })
  repeatRequestCount(@Ctx() ctx: Context): Promise<number> {
    return new RepeatRequestService(ctx).waitingCount();
  }

  @Mutation(() => RepeatRequest, {
    description:
      'PATIENT, for one of their own prescriptions that a doctor has not stopped. Asks the doctor who issued it for a ' +
      'repeat; the doctor is told in-app. CONFLICT `REPEAT_ALREADY_REQUESTED` while an earlier request waits, ' +
      '`PRESCRIPTION_NOT_REPEATABLE` for a DISCONTINUED prescription.',
  })
  requestRepeatPrescription(
    @Arg('prescriptionId', () => ID, { description: 'The prescription to repeat.' }) prescriptionId: string,
    @Arg('note', () => String, {
      nullable: true,
      description: `Anything the doctor should know (at most ${REPEAT_NOTE_MAX} characters).`,
    })
    note: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RepeatRequest> {
    return new RepeatRequestService(ctx).request(prescriptionId, note);
  }

  @Mutation(() => RepeatRequest, {
    description:
      'PATIENT. Takes back one of their repeat requests before the doctor answers it (WITHDRAWN); ' +
      'CONFLICT `REPEAT_ALREADY_ANSWERED` once issued, declined or withdrawn.',
  })
  withdrawRepeatRequest(
    @Arg('id', () => ID, { description: 'The repeat request.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<RepeatRequest> {
    return new RepeatRequestService(ctx).withdraw(id);
  }

  @Mutation(() => RepeatRequest, {
    description:
      'DOCTOR caring for the patient. Declines a waiting repeat request with a reason the patient reads in the portal ' +
      '(told in-app and by e-mail, without the reason). To issue it instead: `issuePrescription` with `repeatRequestId`. ' +
      'CONFLICT `REPEAT_ALREADY_ANSWERED` once issued, declined or withdrawn.',
  })
  declineRepeatRequest(
    @Arg('id', () => ID, { description: 'The repeat request.' }) id: string,
    @Arg('reason', { description: `Why, for the patient: ${DECLINE_REASON_MIN} to ${DECLINE_REASON_MAX} characters.` })
    reason: string,
    @Ctx() ctx: Context,
  ): Promise<RepeatRequest> {
    return new RepeatRequestService(ctx).decline(id, reason);
  }

  @FieldResolver(() => Prescription, { description: 'The prescription the patient asked to repeat.' })
  prescription(@Root() request: RepeatRequest): Promise<Prescription> {
    return request.prescription.loadOrFail();
  }

  @FieldResolver(() => Patient, { description: 'Who asked.' })
  patient(@Root() request: RepeatRequest): Promise<Patient> {
    return request.patient.loadOrFail();
  }

  @FieldResolver(() => Doctor, { description: 'The doctor asked: the one who issued the prescription.' })
  doctor(@Root() request: RepeatRequest): Promise<Doctor> {
    return request.doctor.loadOrFail();
  }

  @FieldResolver(() => Prescription, { nullable: true, description: 'The prescription issued for it, once ISSUED.' })
  async issuedPrescription(@Root() request: RepeatRequest): Promise<Prescription | null> {
    return request.issuedPrescription ? request.issuedPrescription.loadOrFail() : null;
  }
}

/** A prescription's repeat request, as its patient follows it. */
@Resolver(() => Prescription)
export class PrescriptionRepeatResolver {
  @FieldResolver(() => RepeatRequest, {
    nullable: true,
    description: 'The latest repeat the patient asked for of this prescription, answered or not; null if none.',
  })
  repeatRequest(@Root() prescription: Prescription, @Ctx() ctx: Context): Promise<RepeatRequest | null> {
    return ctx.loaders.prescriptions.latestRepeatRequest.load(prescription.id);
  }
}
