import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { EmailVerification } from '../identity/email-verification.entity.js';
import { EMAIL_VERIFICATION_HOURS, emailVerificationToken } from '../identity/email-verification.service.js';
import { maskEmail } from './transport.js';
import type { PasswordResetMailDependencies } from './password-reset-mail.js';

const payloadSchema = z.object({ verificationId: z.string().refine(isUuid, 'must be a UUID') });

/** The e-mail with the confirmation link. The token rides in the fragment: never sent to a server or a Referer. */
export function emailVerificationMail(
  publicUrl: string,
  token: string,
  changed: boolean,
): { subject: string; text: string } {
  return {
    subject: 'Confirm your e-mail address',
    text: [
      changed
        ? 'This address was given as the new sign-in address of a Healthcare Platform account.'
        : 'Welcome to the Healthcare Platform. This address was given when an account was created.',
      '',
      'Confirm that it is yours, so that we can e-mail you about your appointments and results:',
      `${publicUrl}/verify-email#token=${token}`,
      '',
      `The link works once, for ${EMAIL_VERIFICATION_HOURS} hours.`,
      'If this was not you, ignore this e-mail: nothing more will be sent to this address.',
    ].join('\n'),
  };
}

/** The notice to the address an account left: where it went (masked), and what to do if unexpected. */
export function emailChangedMail(newEmail: string): { subject: string; text: string } {
  return {
    subject: 'Your sign-in address was changed',
    text: [
      `The sign-in address of your Healthcare Platform account was changed to ${maskEmail(newEmail)}.`,
      '',
      'If you made this change, there is nothing more to do.',
      'If you did not, contact the clinic at once: someone else may be using your account.',
    ].join('\n'),
  };
}

async function loadVerification(deps: PasswordResetMailDependencies, payload: unknown) {
  const { verificationId } = payloadSchema.parse(payload);
  const verification = await deps.orm.em.fork().findOne(EmailVerification, verificationId, { populate: ['user'] });
  const user = verification?.user.getEntity();
  return verification && user?.active ? { verification, user } : undefined;
}

/**
 * The `send-email-verification` task: e-mails the link, unless it was suppressed (too many),
 * spent, replaced or expired, or the account's address changed again since.
 */
export async function handleSendEmailVerification(
  deps: PasswordResetMailDependencies,
  payload: unknown,
): Promise<void> {
  const found = await loadVerification(deps, payload);
  if (!found) {
    return;
  }
  const { verification, user } = found;
  if (verification.suppressed || verification.usedAt || verification.expiresAt <= new Date()) {
    return;
  }
  if (user.email !== verification.email) {
    return;
  }
  const { subject, text } = emailVerificationMail(
    deps.publicUrl,
    emailVerificationToken(deps.serverSecret, verification.id),
    Boolean(verification.previousEmail),
  );
  await deps.transport.send({
    to: verification.email,
    subject,
    text,
    kind: 'EMAIL_VERIFICATION',
    notificationId: verification.id,
  });
}

/** The `send-email-changed` task: tells the previous address, whatever became of the link since. */
export async function handleSendEmailChanged(deps: PasswordResetMailDependencies, payload: unknown): Promise<void> {
  const found = await loadVerification(deps, payload);
  const previous = found?.verification.previousEmail;
  if (!found || !previous) {
    return;
  }
  const { subject, text } = emailChangedMail(found.verification.email);
  await deps.transport.send({
    to: previous,
    subject,
    text,
    kind: 'EMAIL_CHANGED',
    notificationId: found.verification.id,
  });
}
