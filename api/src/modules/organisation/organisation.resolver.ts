import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { Connection } from '../../shared/connection.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { readAllInOrder } from '../../shared/read-rows.js';
import { selects } from '../../shared/selection.js';
import { Patient } from '../patients/patient.entity.js';
import { Admission } from './admission.entity.js';
import { Bed, BedStatus } from './bed.entity.js';
import { Department } from './department.entity.js';
import { Hospital } from './hospital.entity.js';
import {
  AdmitPatientInput,
  CreateBedInput,
  CreateDepartmentInput,
  UpdateDepartmentInput,
  UpdateHospitalInput,
  CreateHospitalInput,
} from './organisation.inputs.js';
import { OrganisationService } from './organisation.service.js';

@ObjectType({ description: 'Bed counts of one department, now.' })
export class DepartmentBeds {
  @Field(() => Department, { description: 'The department counted.' })
  department!: Department;

  @Field(() => Int, { description: 'All its beds.' })
  total!: number;

  @Field(() => Int, { description: 'Beds AVAILABLE now.' })
  available!: number;

  @Field(() => Int, { description: 'Beds OCCUPIED now.' })
  occupied!: number;
}

export const AdmissionConnection = Connection('Admission', Admission);

async function departmentBeds(ctx: Context, hospitalId: string): Promise<DepartmentBeds[]> {
  const counts = await new OrganisationService(ctx).availability(ctx.em, hospitalId);
  return counts.map((c) => Object.assign(new DepartmentBeds(), c));
}

@Resolver(() => Hospital)
export class HospitalResolver {
  @Query(() => [Hospital], { description: 'Every hospital, by name. Open to everyone (booking filters by them).' })
  hospitals(@Ctx() ctx: Context): Promise<Hospital[]> {
    // Only read: read rows, one part of the request's round trip (with the page's other root fields).
    return readAllInOrder(ctx.em, Hospital, 'p.name, p.id');
  }

  @Query(() => [DepartmentBeds], { description: 'ADMIN or DOCTOR. Beds per department of a hospital, now.' })
  bedAvailability(
    @Arg('hospitalId', () => ID, { description: 'The hospital.' }) hospitalId: string,
    @Ctx() ctx: Context,
  ): Promise<DepartmentBeds[]> {
    new OrganisationService(ctx).requireBedReader();
    return departmentBeds(ctx, requireId(hospitalId, 'hospitalId'));
  }

  @Subscription(() => [DepartmentBeds], {
    description:
      'ADMIN or DOCTOR. The hospital’s bed availability at once, then again after every committed change of its beds, from any API process.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      new OrganisationService(ctx).requireBedReader();
      return ctx.bedEvents.changes(requireId(String((args as { hospitalId: string }).hospitalId), 'hospitalId'));
    },
  })
  bedAvailabilityChanged(
    @Root() hospitalId: string,
    @Arg('hospitalId', () => ID, { description: 'The hospital to follow.' }) _hospitalId: string,
    @Ctx() ctx: Context,
  ): Promise<DepartmentBeds[]> {
    return departmentBeds(ctx, hospitalId);
  }

  @Mutation(() => Hospital, { description: 'ADMIN. A new hospital.' })
  createHospital(
    @Arg('input', () => CreateHospitalInput, { description: 'The new hospital.' }) input: CreateHospitalInput,
    @Ctx() ctx: Context,
  ): Promise<Hospital> {
    return new OrganisationService(ctx).createHospital(input);
  }

  @Mutation(() => Hospital, {
    description: 'ADMIN. Corrects a hospital’s name, address or time zone (not its invoice prefix or currency).',
  })
  updateHospital(
    @Arg('id', () => ID, { description: 'The hospital.' }) id: string,
    @Arg('input', () => UpdateHospitalInput, { description: 'The fields to change; the others stay.' })
    input: UpdateHospitalInput,
    @Ctx() ctx: Context,
  ): Promise<Hospital> {
    return new OrganisationService(ctx).updateHospital(id, input);
  }

  @FieldResolver(() => [Department], { description: 'Its departments, by name.' })
  departments(@Root() hospital: Hospital, @Ctx() ctx: Context): Promise<Department[]> {
    return ctx.loaders.organisation.departmentsByHospital.load(hospital.id);
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Mutation(() => Department, { description: 'ADMIN. A new department of a hospital.' })
  createDepartment(
    @Arg('input', () => CreateDepartmentInput, { description: 'The new department.' }) input: CreateDepartmentInput,
    @Ctx() ctx: Context,
  ): Promise<Department> {
    return new OrganisationService(ctx).createDepartment(input);
  }

  @Mutation(() => Department, { description: 'ADMIN. Renames a department.' })
  updateDepartment(
    @Arg('id', () => ID, { description: 'The department.' }) id: string,
    @Arg('input', () => UpdateDepartmentInput, { description: 'Its new name.' }) input: UpdateDepartmentInput,
    @Ctx() ctx: Context,
  ): Promise<Department> {
    return new OrganisationService(ctx).updateDepartment(id, input);
  }

  @FieldResolver(() => Hospital, { description: 'The hospital it belongs to.' })
  hospital(@Root() department: Department): Promise<Hospital> {
    return department.hospital.loadOrFail();
  }

  @FieldResolver(() => [Bed], { description: 'ADMIN or DOCTOR. Its beds by ward and label.' })
  beds(@Root() department: Department, @Ctx() ctx: Context): Promise<Bed[]> {
    new OrganisationService(ctx).requireBedReader();
    return ctx.loaders.organisation.bedsByDepartment.load(department.id);
  }
}

@Resolver(() => Bed)
export class BedResolver {
  @Mutation(() => Bed, { description: 'ADMIN. A new bed, AVAILABLE.' })
  createBed(
    @Arg('input', () => CreateBedInput, { description: 'The new bed.' }) input: CreateBedInput,
    @Ctx() ctx: Context,
  ): Promise<Bed> {
    return new OrganisationService(ctx).createBed(input);
  }

  @Mutation(() => Bed, {
    description:
      'ADMIN. AVAILABLE, CLEANING or OUT_OF_SERVICE; OCCUPIED comes only from admitPatient, and an occupied bed changes only by discharge (CONFLICT).',
  })
  setBedStatus(
    @Arg('id', () => ID, { description: 'The bed.' }) id: string,
    @Arg('status', () => BedStatus, { description: 'AVAILABLE, CLEANING or OUT_OF_SERVICE.' }) status: BedStatus,
    @Ctx() ctx: Context,
  ): Promise<Bed> {
    return new OrganisationService(ctx).setBedStatus(id, status);
  }

  @FieldResolver(() => Department, { description: 'The department the bed belongs to.' })
  department(@Root() bed: Bed): Promise<Department> {
    return bed.department.loadOrFail();
  }

  @FieldResolver(() => Admission, { nullable: true, description: 'The admission holding the bed now, if any.' })
  admission(@Root() bed: Bed, @Ctx() ctx: Context): Promise<Admission | null> {
    return ctx.loaders.organisation.openAdmissionByBed.load(bed.id);
  }
}

@Resolver(() => Admission)
export class AdmissionResolver {
  @Query(() => AdmissionConnection, {
    description:
      'ADMIN: admissions of a hospital (or all), newest first; `current` keeps those not yet discharged. A DOCTOR or PATIENT uses Patient.admissions.',
  })
  admissions(
    @Arg('hospitalId', () => ID, { nullable: true, description: 'Only this hospital’s beds.' })
    hospitalId: string | null,
    @Arg('current', () => Boolean, { nullable: true, description: 'true: only patients still in.' })
    current: boolean | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Admission>> {
    new OrganisationService(ctx).requireManager();
    const where: object[] = [];
    if (hospitalId) {
      where.push({ bed: { department: { hospital: requireId(hospitalId, 'hospitalId') } } });
    }
    if (current) {
      where.push({ dischargedAt: null });
    }
    return readTimePage(ctx.em, Admission, where, 'admittedAt', 'desc', page, { count: selects(info, ['totalCount']) });
  }

  @Mutation(() => Admission, {
    description:
      'ADMIN, or a DOCTOR caring for the patient. Admits to an AVAILABLE bed, which becomes OCCUPIED; a bed that is not available (or was just taken) is CONFLICT.',
  })
  admitPatient(
    @Arg('input', () => AdmitPatientInput, { description: 'Who goes to which bed, and why.' }) input: AdmitPatientInput,
    @Ctx() ctx: Context,
  ): Promise<Admission> {
    return new OrganisationService(ctx).admit(input);
  }

  @Mutation(() => Admission, {
    description: 'ADMIN, or a DOCTOR caring for the patient. Ends the stay; the bed goes to CLEANING.',
  })
  dischargePatient(
    @Arg('admissionId', () => ID, { description: 'The stay to end.' }) admissionId: string,
    @Ctx() ctx: Context,
  ): Promise<Admission> {
    return new OrganisationService(ctx).discharge(admissionId);
  }

  @Mutation(() => Admission, {
    description:
      'ADMIN, or a DOCTOR caring for the patient. Moves an admitted patient to an AVAILABLE bed of the same hospital: the stay in the old bed ends now (CLEANING, its `movedToId` the new stay) and one in the new bed begins (OCCUPIED), returned. A bed not available (or just taken) is CONFLICT.',
  })
  transferPatient(
    @Arg('admissionId', () => ID, { description: 'The stay the patient is in now.' }) admissionId: string,
    @Arg('bedId', () => ID, { description: 'An AVAILABLE bed of the same hospital.' }) bedId: string,
    @Ctx() ctx: Context,
  ): Promise<Admission> {
    return new OrganisationService(ctx).transfer(admissionId, bedId);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'The stay in the next bed (an id, as in the patient’s `admissions`), when this one ended by moving the patient there; null otherwise.',
  })
  movedToId(@Root() admission: Admission): string | null {
    return admission.movedTo?.id ?? null;
  }

  @FieldResolver(() => Patient, { description: 'The patient admitted.' })
  patient(@Root() admission: Admission): Promise<Patient> {
    return admission.patient.loadOrFail();
  }

  @FieldResolver(() => Bed, { description: 'The bed the patient lies in.' })
  bed(@Root() admission: Admission): Promise<Bed> {
    return admission.bed.loadOrFail();
  }
}

@Resolver(() => Patient)
export class PatientAdmissionsResolver {
  @FieldResolver(() => [Admission], {
    description: 'Hospital stays, newest first. Part of the chart: the patient, their doctors, administrators.',
  })
  admissions(@Root() patient: Patient, @Ctx() ctx: Context): Promise<Admission[]> {
    return ctx.loaders.organisation.admissionsByPatient.load(patient.id);
  }
}
