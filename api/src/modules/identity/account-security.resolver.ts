import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { AuthPayload } from './auth-payload.type.js';
import { EMAIL_VERIFICATION_HOURS, EmailVerificationService } from './email-verification.service.js';
import { MfaService } from './mfa.service.js';
import { mustEnrolMfa } from './mfa-enrollment.js';
import { PasswordChangeService } from './password-change.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionService } from './session.service.js';
import { SessionInfo } from './session.type.js';
import { TotpEnrollment } from './totp-enrollment.type.js';
import { User } from './user.entity.js';

/** Short strings only: a code, a challenge or a token is never long. */
function short(value: string, field: string, max = 200): string {
  if (value.length > max) {
    throw badInput([{ field, message: `must be at most ${max} characters` }]);
  }
  return value;
}

@Resolver()
export class AccountSecurityResolver {
  @Mutation(() => TotpEnrollment, {
    description:
      'Starts two-step sign-in (TOTP, RFC 6238) for the signed-in user: a new secret and its otpauth URI for a QR code. Not in force until confirmed.',
  })
  startTotpEnrollment(@Ctx() ctx: Context): Promise<TotpEnrollment> {
    return new MfaService(ctx).startEnrollment();
  }

  @Mutation(() => [String], {
    description:
      'Confirms the new authenticator with a current code and turns two-step sign-in on. Answers ten single-use recovery codes: shown this once, stored only as hashes.',
  })
  confirmTotpEnrollment(
    @Arg('code', { description: 'The 6-digit code the authenticator app shows now.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<string[]> {
    return new MfaService(ctx).confirmEnrollment(short(code, 'code'));
  }

  @Mutation(() => Boolean, {
    description:
      'Turns two-step sign-in off, proven with a current code or a recovery code. Refused for roles that require it (MFA_REQUIRED_ROLES).',
  })
  disableTotp(
    @Arg('code', { description: 'A current TOTP code or an unused recovery code.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new MfaService(ctx).disable(short(code, 'code'));
  }

  @Mutation(() => AuthPayload, {
    description:
      "Finishes a sign-in that answered MFA_REQUIRED: the challenge from that error's extensions and a TOTP code or a recovery code (which is then spent). Wrong codes are throttled like wrong passwords.",
  })
  completeMfaLogin(
    @Arg('challenge', { description: '`extensions.challenge` of the MFA_REQUIRED answer; valid a few minutes, once.' })
    challenge: string,
    @Arg('code', { description: 'A 6-digit TOTP code, or a recovery code.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new MfaService(ctx).completeLogin(short(challenge, 'challenge'), short(code, 'code'));
  }

  @Mutation(() => Boolean, {
    description:
      'E-mails a single-use password-reset link (valid 30 minutes) if the address has an account. Always answers true, the same way and after the same work, so it reveals nothing about which addresses exist.',
  })
  requestPasswordReset(
    @Arg('email', { description: 'The account’s e-mail address; the answer is the same whether or not it exists.' })
    email: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new PasswordResetService(ctx).request(short(email, 'email', 254));
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the token from the reset e-mail. The token is spent and every session of the account ends.',
  })
  resetPassword(
    @Arg('token', { description: 'The token from the link in the e-mail.' }) token: string,
    @Arg('newPassword', { description: 'At least 10 characters, and not the email address.' }) newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new PasswordResetService(ctx).reset(short(token, 'token'), newPassword);
  }

  @Mutation(() => Boolean, {
    description:
      "Changes the signed-in person's password. The current password is asked first and throttled like sign-in (BAD_USER_INPUT, field currentPassword, when wrong; TOO_MANY_REQUESTS past the limit); the new one follows the password rules (field newPassword). Every other session of the account ends, this one stays, and the account's address is told by e-mail.",
  })
  changePassword(
    @Arg('currentPassword', { description: 'The password the account signs in with now.' }) currentPassword: string,
    @Arg('newPassword', {
      description: 'At least 10 characters, not the email address, and not the current password.',
    })
    newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new PasswordChangeService(ctx).change(short(currentPassword, 'currentPassword', 1000), newPassword);
  }

  @Mutation(() => Boolean, {
    description: `Confirms the sign-in address with the token from the link e-mailed to it (valid ${EMAIL_VERIFICATION_HOURS} hours, once). Needs no sign-in: the link may be opened on another device. BAD_USER_INPUT (field token) when the link is not valid, has expired, was replaced by a newer one, or the address changed since.`,
  })
  verifyEmail(
    @Arg('token', { description: 'The token from the link in the e-mail.' }) token: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new EmailVerificationService(ctx).verify(short(token, 'token'));
  }

  @Mutation(() => Boolean, {
    description:
      'E-mails a new confirmation link to the signed-in user’s address (earlier links stop working). False when the address is already confirmed; TOO_MANY_REQUESTS after three links in an hour.',
  })
  resendEmailVerification(@Ctx() ctx: Context): Promise<boolean> {
    return new EmailVerificationService(ctx).resend();
  }

  @Query(() => [SessionInfo], {
    description: "The signed-in user's signed-in devices: each session's start, last renewal and browser.",
  })
  mySessions(@Ctx() ctx: Context): Promise<SessionInfo[]> {
    return new SessionService(ctx).mySessions();
  }

  @Mutation(() => Boolean, {
    description:
      'Ends one of your sessions: refused from its next request on, and its live connections close. Your current one too, if you name it.',
  })
  revokeSession(
    @Arg('id', () => ID, { description: 'The session (signed-in device) to end.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new SessionService(ctx).revokeSession(id);
  }

  @Mutation(() => Int, { description: 'Ends every session of yours but this one; answers how many ended.' })
  revokeOtherSessions(@Ctx() ctx: Context): Promise<number> {
    return new SessionService(ctx).revokeOtherSessions();
  }
}

@Resolver(() => User)
export class UserSecurityFieldsResolver {
  @FieldResolver(() => Boolean, {
    description:
      'The sign-in address is confirmed (a link e-mailed to it was opened, or an administrator created the account). E-mails about appointments, results and messages go only to a confirmed address.',
  })
  emailVerified(@Root() user: User): boolean {
    return Boolean(user.emailVerifiedAt);
  }

  @FieldResolver(() => Boolean, { description: 'The account signs in with a second factor (TOTP).' })
  mfaEnabled(@Root() user: User): boolean {
    return Boolean(user.totpEnabledAt);
  }

  @FieldResolver(() => Boolean, {
    description:
      'The account must set up two-step sign-in before anything else (its role is in MFA_REQUIRED_ROLES and it has none).',
  })
  mfaEnrollmentRequired(@Root() user: User, @Ctx() ctx: Context): boolean {
    return mustEnrolMfa({ role: user.role, mfaEnabled: Boolean(user.totpEnabledAt) }, ctx.settings.mfaRequiredRoles);
  }
}
