import { badInput } from '../../shared/errors.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import type { Context } from '../../server/context.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { spendPendingSteps } from './password-reset.service.js';
import { SessionService } from './session.service.js';
import { assertNotThrottled, recordFailure } from './throttle.js';
import { User } from './user.entity.js';

/** The job that tells the account's address its password was changed (after the change commits). */
export const SEND_PASSWORD_CHANGED = 'send-password-changed';

export interface PasswordChangedPayload {
  readonly userId: string;
  readonly changedAt: string;
}

/** A signed-in person changes their password: the current one first, then every other sign-in ends. */
export class PasswordChangeService {
  constructor(private readonly ctx: Context) {}

  /**
   * The new password is checked first (no hashing for one the rules refuse); the current one is
   * then checked under the sign-in throttle (a wrong one counts as a failed sign-in of the
   * account, so a stolen session cannot guess it), the new one stored, every other session,
   * reset link and pending second step ended, and the address told — all in one transaction.
   */
  async change(currentPassword: string, newPassword: string): Promise<boolean> {
    const actor = this.ctx.access.requireUser();
    const user = await this.ctx.em.findOneOrFail(User, actor.userId, { populate: ['passwordHash'] });
    const problem = passwordProblem(newPassword, user.email, 'newPassword');
    if (problem) {
      throw badInput([problem]);
    }
    if (newPassword === currentPassword) {
      throw badInput([{ field: 'newPassword', message: 'must differ from the current password' }]);
    }
    const clientAddress = this.ctx.clientAddress ?? 'unknown';
    await assertNotThrottled(this.ctx.em, user.email, clientAddress);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.ctx.em.transactional(async (tx) => {
        await recordFailure(tx, user.email, clientAddress);
        this.ctx.audit.record(tx, { action: 'PASSWORD_CHANGE_FAILED', entityType: 'User', entityId: user.id });
      });
      throw badInput(
        [{ field: 'currentPassword', message: 'is not your current password' }],
        'The current password is not right.',
      );
    }
    const passwordHash = await hashPassword(newPassword, this.ctx.settings.bcryptCost);
    await this.ctx.em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
      await spendPendingSteps(tx, user.id);
      await new SessionService(this.ctx).endOtherSessions(tx, actor);
      this.ctx.audit.record(tx, { action: 'PASSWORD_CHANGED', entityType: 'User', entityId: user.id });
      const payload: PasswordChangedPayload = { userId: user.id, changedAt: new Date().toISOString() };
      deferJob(tx, SEND_PASSWORD_CHANGED, payload, { maxAttempts: 5 });
    });
    return true;
  }
}
