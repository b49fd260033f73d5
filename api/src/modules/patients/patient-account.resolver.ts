import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { AuthPayload } from '../identity/auth-payload.type.js';
import { RegisterPatientInput } from './patient.inputs.js';
import { User } from '../identity/user.entity.js';
import { PatientAccountService } from './patient-account.service.js';
import { Patient } from './patient.entity.js';

@Resolver(() => User)
export class PatientAccountResolver {
  @Mutation(() => AuthPayload, { description: 'Sign up as a patient; signs you in.' })
  registerPatient(
    @Arg('input', () => RegisterPatientInput, { description: 'The new patient’s account and profile.' })
    input: RegisterPatientInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new PatientAccountService(ctx).registerPatient(input);
  }

  /** `User.patient` lives with the child: identity knows no patients. */
  @FieldResolver(() => Patient, { nullable: true, description: "The patient profile, for a patient's account." })
  patient(@Root() user: User, @Ctx() ctx: Context): Promise<Patient | null> {
    return ctx.loaders.patients.byUser.load(user.id);
  }
}
