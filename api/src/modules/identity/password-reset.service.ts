import type { EntityManager } from '@mikro-orm/postgresql';
import { addJob } from '../../shared/job-queue.js';
import { badInput } from '../../shared/errors.js';
import type { Context } from '../../server/context.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { PasswordReset } from './password-reset.entity.js';
import { linkToken } from './single-use-link.entity.js';
import { SessionService } from './session.service.js';
import { hashRefreshToken } from './tokens.js';
import { User } from './user.entity.js';

/** The job that e-mails the link of one password-reset request (after its transaction commits). */
export const SEND_PASSWORD_RESET = 'send-password-reset';
export const PASSWORD_RESET_MINUTES = 30;
/** More requests for one account in an hour are recorded but send nothing (no mail bombing). */
export const MAX_RESET_MAILS_PER_HOUR = 3;

export interface SendPasswordResetPayload {
  readonly resetId: string;
}

/** The token of a reset request's link (single-use-link.entity.ts). */
export function passwordResetToken(serverSecret: string, resetId: string): string {
  return linkToken('password-reset', serverSecret, resetId);
}

const INVALID_TOKEN = [{ field: 'token', message: 'is not valid or has expired; ask for a new link' }];

/**
 * After a new password is set (by a reset link or by the signed-in person): the account's unused
 * reset links and its pending second steps of a sign-in, begun with the old password, are spent.
 */
export async function spendPendingSteps(tx: EntityManager, userId: string): Promise<void> {
  await tx.execute(
    `update password_reset set used_at = now(), updated_at = now() where user_id = ? and used_at is null`,
    [userId],
  );
  await tx.execute(`update mfa_challenge set used_at = now() where user_id = ? and used_at is null`, [userId]);
}

/** "Forgot password": a single-use, short-lived link by e-mail; using it ends every session. */
export class PasswordResetService {
  constructor(private readonly ctx: Context) {}

  /**
   * Always true, and the same work whether or not the address has an account: a request row and
   * a job are written either way (the job sends nothing for an unknown address), so neither the
   * answer nor its timing tells an attacker which addresses exist.
   */
  async request(emailInput: string): Promise<boolean> {
    const email = emailInput.trim().toLowerCase().slice(0, 254);
    await this.ctx.em.transactional(async (tx) => {
      const [row] = await tx.execute<{ user_id: string | null; recent: number }[]>(
        `select u.id as user_id,
                (select count(*)::int from password_reset r
                 where r.user_id = u.id and r.created_at > now() - interval '1 hour') as recent
         from (select 1) as one left join app_user u on u.email = ? and u.active`,
        [email],
      );
      const reset = tx.create(PasswordReset, {
        user: row?.user_id ?? null,
        tokenHash: '',
        expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
        suppressed: (row?.recent ?? 0) >= MAX_RESET_MAILS_PER_HOUR,
      });
      reset.tokenHash = hashRefreshToken(passwordResetToken(this.ctx.settings.jwtSecret, reset.id));
      this.ctx.audit.record(tx, {
        action: 'PASSWORD_RESET_REQUESTED',
        entityType: 'User',
        entityId: row?.user_id ?? undefined,
      });
      await tx.flush();
      const payload: SendPasswordResetPayload = { resetId: reset.id };
      await addJob(tx, SEND_PASSWORD_RESET, payload, { maxAttempts: 5 });
    });
    return true;
  }

  /** Sets a new password with a token from the e-mail; the token is spent and every session ends. */
  async reset(token: string, newPassword: string): Promise<boolean> {
    const reset = await this.ctx.em.findOne(
      PasswordReset,
      { tokenHash: hashRefreshToken(token.trim()), usedAt: null, expiresAt: { $gt: new Date() }, user: { $ne: null } },
      { populate: ['user'] },
    );
    const user = reset?.user?.getEntity();
    if (!reset || !user || !user.active) {
      throw badInput(INVALID_TOKEN, 'This reset link is not valid or has expired. Ask for a new one.');
    }
    const problem = passwordProblem(newPassword, user.email, 'newPassword');
    if (problem) {
      throw badInput([problem]);
    }
    const passwordHash = await hashPassword(newPassword, this.ctx.settings.bcryptCost);
    await this.ctx.em.transactional(async (tx) => {
      const spent = await tx.execute<{ id: string }[]>(
        `update password_reset set used_at = now(), updated_at = now()
         where id = ? and used_at is null and expires_at > now() returning id`,
        [reset.id],
      );
      if (spent.length === 0) {
        throw badInput(INVALID_TOKEN, 'This reset link is not valid or has expired. Ask for a new one.');
      }
      await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
      // Every other link for the account dies with this one, and so does every sign-in.
      await spendPendingSteps(tx, user.id);
      await new SessionService(this.ctx).revokeAllOf(tx, user.id);
      this.ctx.audit.record(tx, { action: 'PASSWORD_RESET', entityType: 'User', entityId: user.id });
    });
    return true;
  }
}
