import { Arg, Args, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { CLINICAL } from '../../shared/clinical.js';
import type { ConnectionShape } from '../../shared/connection.js';
import {
  AppointmentConnection,
  MedicalRecordConnection,
  PatientConnection,
  PrescriptionConnection,
} from '../../shared/connections.js';
import { childPage } from '../../shared/keyset.js';
import { byKey } from '../../shared/loaders.js';
import { cursorTime, decodeCursor, pageSize, PageArgs, toConnection } from '../../shared/pagination.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { User } from '../identity/user.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { Patient } from './patient.entity.js';
import { UpdatePatientInput } from './patient.inputs.js';
import { PatientService } from './patient.service.js';
import { TimelineEntry, TimelineEntryConnection, TimelineEntryKind } from './timeline.types.js';

function userOf(ctx: Context, patient: Patient): Promise<User> {
  return ctx.loaders
    .get<string, User>('userById', async (ids) =>
      byKey(
        ids,
        await ctx.em.find(User, { id: { $in: [...ids] } }),
        (u) => u.id,
        () => {
          throw new Error('user of a patient is missing');
        },
      ),
    )
    .load(patient.user.id);
}

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => PatientConnection, {
    description:
      'ADMIN: every patient; DOCTOR: patients under their care. `search` matches name, email or phone, any case, partial words.',
  })
  patients(
    @Arg('search', () => String, {
      nullable: true,
      description: 'Words matched against name, email and phone (any case, partial words).',
    })
    search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Patient>> {
    return new PatientService(ctx).list(search, page);
  }

  @Query(() => Patient, {
    nullable: true,
    description: 'A patient, for the patient themself, their doctors and administrators.',
  })
  patient(@Arg('id', () => ID, { description: 'The patient.' }) id: string, @Ctx() ctx: Context): Promise<Patient> {
    return new PatientService(ctx).get(id);
  }

  @Mutation(() => Patient, {
    description: 'The patient changes their profile and history; an administrator changes demographics only.',
  })
  updatePatient(
    @Arg('id', () => ID, { description: 'The patient.' }) id: string,
    @Arg('input', () => UpdatePatientInput, { description: 'The fields to change; the others stay.' })
    input: UpdatePatientInput,
    @Ctx() ctx: Context,
  ): Promise<Patient> {
    return new PatientService(ctx).update(id, input);
  }

  @FieldResolver(() => String, { description: 'Sign-in and contact address.' })
  async email(@Root() patient: Patient, @Ctx() ctx: Context): Promise<string> {
    return (await userOf(ctx, patient)).email;
  }

  @FieldResolver(() => Boolean, { description: 'False once the account was deactivated; the chart stays.' })
  async active(@Root() patient: Patient, @Ctx() ctx: Context): Promise<boolean> {
    return (await userOf(ctx, patient)).active;
  }

  @FieldResolver(() => AppointmentConnection, { description: 'Appointments, newest first.' })
  appointments(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Appointment>> {
    return childPage(
      ctx,
      { table: 'appointment', parentColumn: 'patient_id', sortColumn: 'starts_at', direction: 'desc' },
      (em, ids) => em.find(Appointment, { id: { $in: ids } }),
      patient.id,
      page,
    );
  }

  @FieldResolver(() => PrescriptionConnection, { description: 'Prescriptions, newest first. Clinical.' })
  @Extensions(CLINICAL)
  prescriptions(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Prescription>> {
    return childPage(
      ctx,
      { table: 'prescription', parentColumn: 'patient_id', sortColumn: 'issued_at', direction: 'desc' },
      (em, ids) => em.find(Prescription, { id: { $in: ids } }),
      patient.id,
      page,
    );
  }

  @FieldResolver(() => MedicalRecordConnection, { description: 'Medical records, newest first. Clinical.' })
  @Extensions(CLINICAL)
  medicalRecords(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<MedicalRecord>> {
    return childPage(
      ctx,
      { table: 'medical_record', parentColumn: 'patient_id', sortColumn: 'recorded_at', direction: 'desc' },
      (em, ids) => em.find(MedicalRecord, { id: { $in: ids } }),
      patient.id,
      page,
    );
  }

  @FieldResolver(() => TimelineEntryConnection, {
    description: 'The chart as a timeline: appointments, prescriptions and records, newest first. Clinical.',
  })
  @Extensions(CLINICAL)
  async timeline(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<TimelineEntry>> {
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after, 2);
    const rows = await ctx.em.execute<{ kind: TimelineEntryKind; id: string; at: Date }[]>(
      `select kind, id, at from (
         select 'APPOINTMENT' as kind, id, starts_at as at from appointment where patient_id = ?
         union all select 'PRESCRIPTION', id, issued_at from prescription where patient_id = ?
         union all select 'MEDICAL_RECORD', id, recorded_at from medical_record where patient_id = ?
       ) entries
       ${after ? 'where (at, id) < (?::timestamptz, ?::uuid)' : ''}
       order by at desc, id desc
       limit ?`,
      [patient.id, patient.id, patient.id, ...(after ?? []), limit + 1],
    );
    const idsOf = (kind: TimelineEntryKind) => rows.filter((row) => row.kind === kind).map((row) => row.id);
    const [appointments, prescriptions, records] = await Promise.all([
      idsOf(TimelineEntryKind.APPOINTMENT).length
        ? ctx.em.find(Appointment, { id: { $in: idsOf(TimelineEntryKind.APPOINTMENT) } })
        : [],
      idsOf(TimelineEntryKind.PRESCRIPTION).length
        ? ctx.em.find(Prescription, { id: { $in: idsOf(TimelineEntryKind.PRESCRIPTION) } })
        : [],
      idsOf(TimelineEntryKind.MEDICAL_RECORD).length
        ? ctx.em.find(MedicalRecord, { id: { $in: idsOf(TimelineEntryKind.MEDICAL_RECORD) } })
        : [],
    ]);
    const find = <T extends { id: string }>(list: T[], id: string) => list.find((item) => item.id === id) ?? null;
    const entries = rows.map((row) =>
      Object.assign(new TimelineEntry(), {
        id: row.id,
        kind: row.kind,
        at: new Date(row.at),
        appointment: row.kind === TimelineEntryKind.APPOINTMENT ? find(appointments, row.id) : null,
        prescription: row.kind === TimelineEntryKind.PRESCRIPTION ? find(prescriptions, row.id) : null,
        medicalRecord: row.kind === TimelineEntryKind.MEDICAL_RECORD ? find(records, row.id) : null,
      }),
    );
    return toConnection(
      entries,
      limit,
      (entry) => [cursorTime(entry.at), entry.id],
      async () => {
        const [count] = await ctx.em.execute<{ total: number }[]>(
          `select (select count(*) from appointment where patient_id = ?) + (select count(*) from prescription where patient_id = ?)
              + (select count(*) from medical_record where patient_id = ?) as total`,
          [patient.id, patient.id, patient.id],
        );
        return Number(count?.total ?? 0);
      },
    );
  }
}
