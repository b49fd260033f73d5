import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Extensions, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { UpdatePatientInput } from './patient.inputs.js';
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { PatientService } from './patient.service.js';
import { Patient, PatientConnection } from './patient.entity.js';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { lookUpPatients, PatientLookupResult } from './patient-lookup.js';
import { jsonReadable } from '../../shared/json-select.js';
import { PatientOrder } from './patient-order.js';
import { CLINICAL } from '../../shared/clinical.js';
import { MedicalHistoryChange, MedicalHistoryChangeConnection } from './medical-history-change.entity.js';

// `patient(id)` reads its JSON and its chart lists' when asked (server/json-read.ts).
jsonReadable('patient', Patient);

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
    @Arg('orderBy', () => PatientOrder, {
      defaultValue: PatientOrder.NAME,
      description:
        'By name (the default), or those seen last or coming next first. A partner orders by visits only with appointments:read.',
    })
    orderBy: PatientOrder,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Patient>> {
    return new PatientService(ctx).list(
      search,
      page,
      {
        count: selects(info, ['totalCount']),
        account: ['email', 'active', 'emailVerified'].some((field) => selects(info, ['edges', 'node', field])),
      },
      orderBy,
    );
  }

  @Query(() => [PatientLookupResult], {
    description:
      'DOCTOR. Finds any patient by name (at least 3 letters; every word must match) and optionally date of birth, ' +
      'at most 20, with whether the chart opens (CARE, EMERGENCY) or is RESTRICTED: then only requestEmergencyAccess. ' +
      'Identity only, never clinical content.',
  })
  patientLookup(
    @Arg('search', { description: 'Words of the patient’s name.' }) search: string,
    @Arg('dateOfBirth', () => CalendarDateScalar, { nullable: true, description: 'Narrows to this date of birth.' })
    dateOfBirth: string | null,
    @Ctx() ctx: Context,
  ): Promise<PatientLookupResult[]> {
    return lookUpPatients(ctx, search, dateOfBirth);
  }

  @Query(() => Patient, {
    nullable: true,
    description: 'A patient, for the patient themself, their doctors and administrators.',
  })
  patient(
    @Arg('id', () => ID, { description: 'The patient.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Patient> {
    return new PatientService(ctx).get(id, info);
  }

  @Mutation(() => Patient, {
    description:
      'The patient changes their profile and history; an administrator changes demographics only; a doctor caring for the patient (or under an emergency grant) the medical history only, audited.',
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
  async email(@Root() patient: Patient): Promise<string> {
    return (await patient.user.loadOrFail()).email;
  }

  @FieldResolver(() => Boolean, {
    description:
      'The sign-in address is confirmed (see User.emailVerified): until it is, nothing about their care is e-mailed to it — what the front desk checks when a patient says e-mails do not arrive.',
  })
  async emailVerified(@Root() patient: Patient): Promise<boolean> {
    return Boolean((await patient.user.loadOrFail()).emailVerifiedAt);
  }

  @FieldResolver(() => Boolean, { description: 'False once the account was deactivated; the chart stays.' })
  async active(@Root() patient: Patient): Promise<boolean> {
    return (await patient.user.loadOrFail()).active;
  }

  @FieldResolver(() => MedicalHistoryChangeConnection, {
    description:
      'Every change of the medical history (blood group, allergies, conditions, medications, surgeries, family history), newest first: what the part held before and after, who changed it and when. Clinical.',
  })
  @Extensions(CLINICAL)
  medicalHistoryChanges(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<MedicalHistoryChange>> {
    return ctx.loaders.patients.historyChanges.page(patient.id, page);
  }
}
