import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { AvailabilityRuleInput, CreateDoctorInput, UpdateDoctorInput } from './doctor.inputs.js';
import { User } from '../identity/user.entity.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { DoctorAccountService } from './doctor-account.service.js';
import { Doctor } from './doctor.entity.js';
import { Department } from '../organisation/department.entity.js';

@Resolver(() => Doctor)
export class DoctorAdminResolver {
  @Mutation(() => Doctor, { description: 'ADMIN. A new doctor with a sign-in account.' })
  createDoctor(
    @Arg('input', () => CreateDoctorInput, { description: 'The doctor’s account and profile.' })
    input: CreateDoctorInput,
    @Ctx() ctx: Context,
  ): Promise<Doctor> {
    return new DoctorAccountService(ctx).createDoctor(input);
  }

  @Mutation(() => Doctor, {
    description:
      'ADMIN: any field of a doctor’s profile; the doctor: their own bio and qualifications. Fields left out stay as they are.',
  })
  updateDoctor(
    @Arg('id', () => ID, { description: 'The doctor.' }) id: string,
    @Arg('input', () => UpdateDoctorInput, { description: 'The fields to change.' }) input: UpdateDoctorInput,
    @Ctx() ctx: Context,
  ): Promise<Doctor> {
    return new DoctorAccountService(ctx).updateDoctor(id, input);
  }

  @Mutation(() => Doctor, {
    description: "ADMIN, or the doctor. Replaces the weekly rules, in the doctor's time zone.",
  })
  setDoctorAvailability(
    @Arg('doctorId', () => ID, { description: 'The doctor.' }) doctorId: string,
    @Arg('rules', () => [AvailabilityRuleInput], {
      description: 'The whole weekly schedule (replaces the current one), in the doctor’s time zone.',
    })
    rules: AvailabilityRuleInput[],
    @Ctx() ctx: Context,
  ): Promise<Doctor> {
    return new DoctorAccountService(ctx).setAvailability(doctorId, rules);
  }

  @FieldResolver(() => Boolean, {
    description: 'False while the doctor’s account is deactivated: no sign-in, no bookings, not listed to patients.',
  })
  async active(@Root() doctor: Doctor): Promise<boolean> {
    // A to-one reference: MikroORM's dataloader batches every doctor's account in one statement.
    return (await doctor.user.loadOrFail()).active;
  }

  @FieldResolver(() => [AvailabilityRule], { description: 'Weekly opening windows, in the doctor’s time zone.' })
  availability(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<AvailabilityRule[]> {
    return ctx.loaders.doctors.availability.load(doctor.id);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department the doctor works in.' })
  department(@Root() doctor: Doctor): Promise<Department> {
    return doctor.department.loadOrFail();
  }
}

/** `User.doctor` lives with the child: identity knows no doctors. */
@Resolver(() => User)
export class UserDoctorResolver {
  @FieldResolver(() => Doctor, { nullable: true, description: "The doctor profile, for a doctor's account." })
  doctor(@Root() user: User, @Ctx() ctx: Context): Promise<Doctor | null> {
    return ctx.loaders.doctors.byUser.load(user.id);
  }
}
