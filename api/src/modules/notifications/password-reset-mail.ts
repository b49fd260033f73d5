import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { PasswordReset } from '../identity/password-reset.entity.js';
import { PASSWORD_RESET_MINUTES, passwordResetToken } from '../identity/password-reset.service.js';
import { User } from '../identity/user.entity.js';
import type { DeliveryDependencies } from './notification.service.js';

export interface PasswordResetMailDependencies extends DeliveryDependencies {
  /** Derives the reset token (never stored) again for the link. */
  readonly serverSecret: string;
  /** The base of links in e-mails. */
  readonly publicUrl: string;
}

const payloadSchema = z.object({ resetId: z.string().refine(isUuid, 'must be a UUID') });

/** The e-mail with the reset link. The token rides in the fragment: never sent to a server or a Referer. */
export function passwordResetMail(publicUrl: string, token: string): { subject: string; text: string } {
  return {
    subject: 'Reset your password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Healthcare Platform account.',
      '',
      `Choose a new password here within ${PASSWORD_RESET_MINUTES} minutes:`,
      `${publicUrl}/reset-password#token=${token}`,
      '',
      'The link works once. Setting a new password signs you out everywhere.',
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  };
}

/**
 * The `send-password-reset` task: e-mails the link of one request, unless the request was for an
 * unknown address, suppressed (too many), used or expired.
 */
export async function handleSendPasswordReset(deps: PasswordResetMailDependencies, payload: unknown): Promise<void> {
  const { resetId } = payloadSchema.parse(payload);
  const em = deps.orm.em.fork();
  const reset = await em.findOne(PasswordReset, resetId, { populate: ['user'] });
  const user = reset?.user?.getEntity();
  if (!reset || !user || !user.active || reset.suppressed || reset.usedAt || reset.expiresAt <= new Date()) {
    return;
  }
  const { subject, text } = passwordResetMail(deps.publicUrl, passwordResetToken(deps.serverSecret, reset.id));
  await deps.transport.send({ to: user.email, subject, text, kind: 'PASSWORD_RESET', notificationId: reset.id });
}

const changedSchema = z.object({
  userId: z.string().refine(isUuid, 'must be a UUID'),
  changedAt: z.string().datetime(),
});

/** The notice that an account's password was changed: when, and what to do if it was not them. */
export function passwordChangedMail(publicUrl: string, changedAt: Date): { subject: string; text: string } {
  return {
    subject: 'Your password was changed',
    text: [
      `The password of your Healthcare Platform account was changed on ${changedAt.toUTCString()}.`,
      'Every other device signed in to the account was signed out.',
      '',
      'If you made this change, there is nothing more to do.',
      `If you did not, choose a new password at once (${publicUrl}/forgot-password) and contact the clinic:`,
      'someone else may be using your account.',
    ].join('\n'),
  };
}

/**
 * The `send-password-changed` task: tells the account's address (confirmed or not: it is the
 * address's own security notice, like the reset link) that its password was changed.
 */
export async function handleSendPasswordChanged(deps: PasswordResetMailDependencies, payload: unknown): Promise<void> {
  const { userId, changedAt } = changedSchema.parse(payload);
  const user = await deps.orm.em.fork().findOne(User, userId);
  if (!user?.active) {
    return;
  }
  const { subject, text } = passwordChangedMail(deps.publicUrl, new Date(changedAt));
  await deps.transport.send({ to: user.email, subject, text, kind: 'PASSWORD_CHANGED', notificationId: userId });
}
