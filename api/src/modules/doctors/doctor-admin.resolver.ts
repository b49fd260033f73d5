import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { groupByKey } from '../../shared/loaders.js';
import { AccountService } from '../identity/account.service.js';
import { AvailabilityRuleInput, CreateDoctorInput } from '../identity/identity.inputs.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';

@Resolver(() => Doctor)
export class DoctorAdminResolver {
  @Mutation(() => Doctor, { description: 'ADMIN. A new doctor with a sign-in account.' })
  createDoctor(
    @Arg('input', () => CreateDoctorInput, { description: 'The doctor’s account and profile.' })
    input: CreateDoctorInput,
    @Ctx() ctx: Context,
  ): Promise<Doctor> {
    return new AccountService(ctx).createDoctor(input);
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
    return new AccountService(ctx).setAvailability(doctorId, rules);
  }

  @FieldResolver(() => [AvailabilityRule], { description: 'Weekly opening windows, in the doctor’s time zone.' })
  availability(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<AvailabilityRule[]> {
    return ctx.loaders
      .get<string, AvailabilityRule[]>('availabilityByDoctor', async (doctorIds) => {
        const rules = await ctx.em.find(
          AvailabilityRule,
          { doctor: { $in: [...doctorIds] } },
          { orderBy: { weekday: 'asc', startTime: 'asc' } },
        );
        return groupByKey(doctorIds, rules, (rule) => rule.doctor.id);
      })
      .load(doctor.id);
  }
}
