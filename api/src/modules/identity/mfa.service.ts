import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, unauthenticated } from '../../shared/errors.js';
import type { Context } from '../../server/context.js';
import type { AuthPayload } from './auth-payload.type.js';
import { MfaChallenge } from './mfa-challenge.entity.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { SessionService } from './session.service.js';
import { assertNotThrottled, recordFailure } from './throttle.js';
import { hashRefreshToken } from './tokens.js';
import { TotpEnrollment } from './totp-enrollment.type.js';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  sealSecret,
} from './totp.js';
import { User } from './user.entity.js';

const WRONG_CODE = 'The code is not correct.';
const CHALLENGE_ENDED = 'This sign-in has expired or was already completed; sign in again.';
const CODE_FIELD = [{ field: 'code', message: 'must be a 6-digit code from your authenticator app' }];

/** TOTP (RFC 6238): enrolment, recovery codes, the second step of a sign-in, switching it off. */
export class MfaService {
  constructor(private readonly ctx: Context) {}

  private get secret(): string {
    return this.ctx.settings.jwtSecret;
  }

  private get clientAddress(): string {
    return this.ctx.clientAddress ?? 'unknown';
  }

  /** A new secret for the signed-in user, not in force until confirmed with a code. */
  async startEnrollment(): Promise<TotpEnrollment> {
    const actor = this.ctx.access.requireUser();
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, actor.userId);
      if (user.totpEnabledAt) {
        throw conflict(
          'Two-step sign-in is already on. Turn it off first to set up a new authenticator.',
          'MFA_ALREADY_ENABLED',
        );
      }
      const secret = newTotpSecret();
      user.totpPendingSecret = sealSecret(this.secret, secret);
      this.ctx.audit.record(tx, { action: 'MFA_ENROLLMENT_STARTED', entityType: 'User', entityId: user.id });
      return Object.assign(new TotpEnrollment(), { secret, otpauthUri: otpauthUri(secret, user.email) });
    });
  }

  /** Turns TOTP on once a code from the new secret matches; answers ten recovery codes, shown once. */
  async confirmEnrollment(code: string): Promise<string[]> {
    const actor = this.ctx.access.requireUser();
    const user = await this.ctx.em.findOneOrFail(User, actor.userId, {
      populate: ['totpPendingSecret', 'passwordHash'],
    });
    if (user.totpEnabledAt) {
      throw conflict('Two-step sign-in is already on.', 'MFA_ALREADY_ENABLED');
    }
    if (!user.totpPendingSecret) {
      throw conflict('Start the set-up first (startTotpEnrollment).', 'MFA_NOT_STARTED');
    }
    await assertNotThrottled(this.ctx.em, user.email, this.clientAddress);
    const step = await matchTotp(openSecret(this.secret, user.totpPendingSecret), code);
    if (step === undefined) {
      await this.fail(user);
      throw badInput(CODE_FIELD, WRONG_CODE);
    }
    const codes = newRecoveryCodes();
    await this.ctx.em.transactional(async (tx) => {
      user.totpSecret = user.totpPendingSecret;
      user.totpPendingSecret = null;
      user.totpEnabledAt = new Date();
      user.totpLastStep = step;
      await tx.nativeDelete(RecoveryCode, { user: user.id });
      for (const recovery of codes) {
        tx.create(RecoveryCode, { user, codeHash: hashRecoveryCode(this.secret, recovery) });
      }
      this.ctx.audit.record(tx, { action: 'MFA_ENABLED', entityType: 'User', entityId: user.id });
    });
    this.ctx.access.signedInAs({ ...actor, mfaEnabled: true });
    return codes;
  }

  /** Turns TOTP off, proven with a current code or a recovery code; not for roles that require it. */
  async disable(code: string): Promise<boolean> {
    const actor = this.ctx.access.requireUser();
    if (this.ctx.settings.mfaRequiredRoles.includes(actor.role)) {
      throw forbidden('Two-step sign-in is required for your role and cannot be turned off.');
    }
    const user = await this.ctx.em.findOneOrFail(User, actor.userId, { populate: ['totpSecret'] });
    if (!user.totpEnabledAt || !user.totpSecret) {
      throw conflict('Two-step sign-in is not on.', 'MFA_NOT_ENABLED');
    }
    await assertNotThrottled(this.ctx.em, user.email, this.clientAddress);
    await this.ctx.em.transactional(async (tx) => {
      if (!(await this.spendCode(tx, user, code))) {
        return;
      }
      user.totpSecret = null;
      user.totpEnabledAt = null;
      user.totpLastStep = null;
      await tx.nativeDelete(RecoveryCode, { user: user.id });
      this.ctx.audit.record(tx, { action: 'MFA_DISABLED', entityType: 'User', entityId: user.id });
    });
    if (user.totpEnabledAt) {
      await this.fail(user);
      throw badInput([{ field: 'code', message: 'must be a current code or an unused recovery code' }], WRONG_CODE);
    }
    this.ctx.access.signedInAs({ ...actor, mfaEnabled: false });
    return true;
  }

  /**
   * The second step of a sign-in: the challenge from `login`'s MFA_REQUIRED and a TOTP code or a
   * recovery code (spent). Wrong codes count against the account like wrong passwords.
   */
  async completeLogin(challenge: string, code: string): Promise<AuthPayload> {
    const pending = await this.ctx.em.findOne(
      MfaChallenge,
      { tokenHash: hashRefreshToken(challenge), usedAt: null, expiresAt: { $gt: new Date() } },
      { populate: ['user', 'user.totpSecret'] },
    );
    if (!pending) {
      throw unauthenticated(CHALLENGE_ENDED);
    }
    const user = pending.user.getEntity();
    await assertNotThrottled(this.ctx.em, user.email, this.clientAddress);
    const outcome = await this.ctx.em.transactional(async (tx) => {
      // Spent first, atomically: two racing requests with one challenge cannot both sign in.
      const spent = await tx.execute<{ id: string }[]>(
        `update mfa_challenge set used_at = now(), updated_at = now()
         where id = ? and used_at is null and expires_at > now() returning id`,
        [pending.id],
      );
      if (spent.length === 0) {
        return 'ended' as const;
      }
      if (!user.active || !user.totpEnabledAt) {
        return 'ended' as const;
      }
      if (!(await this.spendCode(tx, user, code))) {
        // The challenge stays usable for another try (the throttle bounds how many).
        await tx.execute(`update mfa_challenge set used_at = null where id = ?`, [pending.id]);
        return 'wrong' as const;
      }
      user.lastLoginAt = new Date();
      const payload = await new SessionService(this.ctx).startSession(tx, user);
      this.ctx.audit.record(tx, { action: 'SIGN_IN', entityType: 'User', entityId: user.id });
      return payload;
    });
    if (outcome === 'ended') {
      throw unauthenticated(CHALLENGE_ENDED);
    }
    if (outcome === 'wrong') {
      await this.fail(user);
      throw badInput([{ field: 'code', message: 'must be a current code or an unused recovery code' }], WRONG_CODE);
    }
    return outcome;
  }

  /** True when `code` is the current TOTP (not seen before) or an unused recovery code, now spent. */
  private async spendCode(tx: EntityManager, user: User, code: string): Promise<boolean> {
    if (looksLikeRecoveryCode(code)) {
      const spent = await tx.execute<{ id: string }[]>(
        `update recovery_code set used_at = now(), updated_at = now()
         where user_id = ? and code_hash = ? and used_at is null returning id`,
        [user.id, hashRecoveryCode(this.secret, code)],
      );
      if (spent.length > 0) {
        this.ctx.audit.record(tx, { action: 'MFA_RECOVERY_CODE_USED', entityType: 'User', entityId: user.id });
      }
      return spent.length > 0;
    }
    if (!user.totpSecret) {
      return false;
    }
    const step = await matchTotp(openSecret(this.secret, user.totpSecret), code, user.totpLastStep);
    if (step === undefined) {
      return false;
    }
    // Compare-and-set: the same code racing in twice is accepted once.
    const moved = await tx.execute<{ id: string }[]>(
      `update app_user set totp_last_step = ? where id = ? and coalesce(totp_last_step, 0) < ? returning id`,
      [step, user.id, step],
    );
    user.totpLastStep = step;
    return moved.length > 0;
  }

  private async fail(user: User): Promise<void> {
    await this.ctx.em.transactional(async (tx) => {
      await recordFailure(tx, user.email, this.clientAddress);
      this.ctx.audit.record(tx, { action: 'MFA_CODE_FAILED', entityType: 'User', entityId: user.id });
    });
  }
}
