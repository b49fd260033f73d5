import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { notFound } from '../../shared/errors.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { AccountService } from './account.service.js';
import { AuthPayload } from './auth-payload.type.js';
import { EmergencyGrant } from './emergency-grant.entity.js';
import { RegisterPatientInput } from './identity.inputs.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

@Resolver()
export class IdentityResolver {
  @Mutation(() => AuthPayload, { description: 'Sign up as a patient; signs you in.' })
  registerPatient(
    @Arg('input', () => RegisterPatientInput, { description: 'The new patient’s account and profile.' })
    input: RegisterPatientInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new AccountService(ctx).registerPatient(input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Sign in. Wrong email and wrong password get the same answer; repeated failures are throttled.',
  })
  login(
    @Arg('email', { description: 'The account’s email address (any case).' }) email: string,
    @Arg('password', { description: 'The account’s password.' }) password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new SessionService(ctx).login(email, password);
  }

  @Mutation(() => AuthPayload, { description: 'Trade a refresh token for a new session; the old token stops working.' })
  refreshSession(
    @Arg('refreshToken', { description: 'The current refresh token; it stops working once used.' })
    refreshToken: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new SessionService(ctx).refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'End the sign-in this refresh token belongs to.' })
  logout(
    @Arg('refreshToken', { description: 'The refresh token of the session to end.' }) refreshToken: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new SessionService(ctx).logout(refreshToken);
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: Context): Promise<User> {
    const actor = ctx.access.requireUser();
    const user = await ctx.em.findOne(User, actor.userId);
    if (!user) {
      throw notFound('User');
    }
    return user;
  }

  @Mutation(() => User, { description: 'ADMIN. The user can no longer sign in and their tokens stop working.' })
  deactivateUser(
    @Arg('id', () => ID, { description: 'The user to deactivate.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return new AccountService(ctx).deactivate(id);
  }

  @Mutation(() => EmergencyGrant, {
    description: "DOCTOR. Break-glass access to a patient's chart for 60 minutes, with a stated reason; audited.",
  })
  requestEmergencyAccess(
    @Arg('patientId', () => ID, { description: 'The patient whose chart is needed.' }) patientId: string,
    @Arg('reason', { description: 'Why the chart is needed now (audited, shown to the patient).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<EmergencyGrant> {
    return new AccountService(ctx).requestEmergencyAccess(patientId, reason);
  }
}

@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => Patient, { nullable: true, description: "The patient profile, for a patient's account." })
  patient(@Root() user: User, @Ctx() ctx: Context): Promise<Patient | null> {
    return ctx.loaders
      .get<string, Patient | null>('patientByUser', async (userIds) => {
        const patients = await ctx.em.find(Patient, { user: { $in: [...userIds] } });
        const byUser = new Map(patients.map((patient) => [patient.user.id, patient]));
        return userIds.map((id) => byUser.get(id) ?? null);
      })
      .load(user.id);
  }

  @FieldResolver(() => Doctor, { nullable: true, description: "The doctor profile, for a doctor's account." })
  doctor(@Root() user: User, @Ctx() ctx: Context): Promise<Doctor | null> {
    return ctx.loaders
      .get<string, Doctor | null>('doctorByUser', async (userIds) => {
        const doctors = await ctx.em.find(Doctor, { user: { $in: [...userIds] } });
        const byUser = new Map(doctors.map((doctor) => [doctor.user.id, doctor]));
        return userIds.map((id) => byUser.get(id) ?? null);
      })
      .load(user.id);
  }
}
