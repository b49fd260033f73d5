import { Arg, Ctx, Extensions, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { requireId } from '../../shared/ids.js';
import { CLINICAL } from '../../shared/clinical.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';
import { AmendMedicalRecordInput, CreateMedicalRecordInput } from './medical-record.inputs.js';
import { MedicalRecordService } from './medical-record.service.js';

@Resolver(() => MedicalRecord)
export class MedicalRecordResolver {
  @Query(() => MedicalRecord, {
    nullable: true,
    description:
      'One medical record in its latest version: for its patient and the doctors caring for them (never administrators).',
  })
  async medicalRecord(
    @Arg('id', () => ID, { description: 'The record.' }) idInput: string,
    @Ctx() ctx: Context,
  ): Promise<MedicalRecord> {
    ctx.access.requireUser();
    const id = requireId(idInput, 'id');
    const record = await ctx.em.findOne(MedicalRecord, id);
    if (!record) {
      throw ctx.access.missing('MedicalRecord');
    }
    // The access guard checks the record against the caller and notes the read for the audit trail.
    return record;
  }

  @Mutation(() => MedicalRecord, {
    description:
      "DOCTOR, for a patient under their care (or under an emergency grant). Writes the record's first version; " +
      'diagnoses are ICD-10 coded and vitals must be plausible (BAD_USER_INPUT names each bad field).',
  })
  createMedicalRecord(
    @Arg('input', () => CreateMedicalRecordInput, { description: 'The new record.' }) input: CreateMedicalRecordInput,
    @Ctx() ctx: Context,
  ): Promise<MedicalRecord> {
    return new MedicalRecordService(ctx).create(input);
  }

  @Mutation(() => MedicalRecord, {
    description:
      'DOCTOR, for a patient under their care. Never overwrites: writes version + 1 with the given fields laid over ' +
      'the latest version, authored by you, with your reason (5–500 characters); earlier versions stay readable ' +
      'under `versions`.',
  })
  amendMedicalRecord(
    @Arg('id', () => ID, { description: 'The record to amend.' }) id: string,
    @Arg('input', () => AmendMedicalRecordInput, { description: 'The fields to change; the others stay.' })
    input: AmendMedicalRecordInput,
    @Arg('reason', { description: 'Why the record is amended, 5–500 characters; kept on the new version.' })
    reason: string,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        'The version you amend, as you read it: CONFLICT if the record has been amended since. Left out, the ' +
        'amendment applies to whatever version is latest.',
    })
    expectedVersion: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<MedicalRecord> {
    return new MedicalRecordService(ctx).amend(id, input, reason, expectedVersion);
  }

  @FieldResolver(() => Patient, { description: 'Whose chart the record belongs to.' })
  patient(@Root() record: MedicalRecord): Promise<Patient> {
    return record.patient.loadOrFail();
  }

  @FieldResolver(() => Doctor, { description: 'The doctor who wrote the first version.' })
  doctor(@Root() record: MedicalRecord): Promise<Doctor> {
    return record.doctor.loadOrFail();
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit the record was written for, if any.' })
  appointment(@Root() record: MedicalRecord): Promise<Appointment> | null {
    return record.appointment ? record.appointment.loadOrFail() : null;
  }

  @FieldResolver(() => [MedicalRecordVersion], {
    description: 'Every version as it was written, oldest (version 1) first; the last one reads like the record.',
  })
  versions(@Root() record: MedicalRecord, @Ctx() ctx: Context): Promise<MedicalRecordVersion[]> {
    return ctx.loaders.records.versions.load(record.id);
  }
}

@Resolver(() => MedicalRecordVersion)
export class MedicalRecordVersionResolver {
  @FieldResolver(() => Doctor, { description: 'The doctor who wrote this version.' })
  author(@Root() version: MedicalRecordVersion): Promise<Doctor> {
    return version.author.loadOrFail();
  }
}

/** `Appointment.medicalRecords` lives with the child: the appointments module knows no records. */
@Resolver(() => Appointment)
export class AppointmentRecordsResolver {
  @FieldResolver(() => [MedicalRecord], { description: 'Records written for this visit. Clinical.' })
  @Extensions(CLINICAL)
  medicalRecords(@Root() appointment: Appointment, @Ctx() ctx: Context): Promise<MedicalRecord[]> {
    return ctx.loaders.records.byAppointment.load(appointment.id);
  }
}
