import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Patient } from './patient.entity.js';
import { PhoneConfirmationService } from './phone-confirmation.service.js';

@Resolver(() => Patient)
export class PhoneConfirmationResolver {
  @Mutation(() => DateTimeScalar, {
    description:
      'PATIENT. Texts a six-digit code to the phone in your profile (in international form, +…), to confirm it before reminders go to it; answers when the code expires. At most 3 an hour, a minute apart (else TOO_MANY_REQUESTS with retryAfterSeconds).',
  })
  startPhoneConfirmation(@Ctx() ctx: Context): Promise<Date> {
    return new PhoneConfirmationService(ctx).start();
  }

  @Mutation(() => Patient, {
    description:
      'PATIENT. Confirms your phone with the code texted to it and turns text-message reminders on. A wrong code is BAD_USER_INPUT on `code`; five wrong ones spend the code.',
  })
  confirmPhone(
    @Arg('code', { description: 'The six digits of the text message.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<Patient> {
    return new PhoneConfirmationService(ctx).confirm(code);
  }

  @Mutation(() => Patient, {
    description:
      'PATIENT. Appointment reminders by text message on or off (on needs the phone confirmed: BAD_USER_INPUT on `enabled` otherwise).',
  })
  setSmsReminders(
    @Arg('enabled', { description: 'True to receive them, false to stop.' }) enabled: boolean,
    @Ctx() ctx: Context,
  ): Promise<Patient> {
    return new PhoneConfirmationService(ctx).setReminders(enabled);
  }
}
