import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { tooManyRequests, unauthenticated } from '../../shared/errors.js';
import type { Context } from '../../server/context.js';
import type { UserActor } from './actor.js';
import { AuthPayload } from './auth-payload.type.js';
import { LoginFailure } from './login-failure.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_DAYS, signAccessToken } from './tokens.js';
import { User } from './user.entity.js';

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_LOGIN_FAILURES = 10;
const DAY = 86_400_000;
const WRONG_CREDENTIALS = 'The email or password is incorrect.';

let dummyHash: Promise<string> | undefined;

/** Signing in, rotating and ending sessions. */
export class SessionService {
  constructor(private readonly ctx: Context) {}

  /**
   * Same answer for an unknown email and a wrong password. Throttled per account and per client
   * address before any hashing: after 10 failures in 15 minutes every attempt, even with the
   * right password, is TOO_MANY_REQUESTS until the window has passed.
   */
  async login(emailInput: string, password: string): Promise<AuthPayload> {
    const email = emailInput.trim().toLowerCase();
    const clientAddress = this.ctx.clientAddress ?? 'unknown';
    await this.assertNotThrottled(email, clientAddress);

    const user = await this.ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
    const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword(randomUUID(), this.ctx.settings.bcryptCost)));
    const matches = await verifyPassword(password, hash);
    if (!user || !matches || !user.active) {
      await this.ctx.em.transactional(async (tx) => {
        tx.create(LoginFailure, { email, clientAddress });
        this.ctx.audit.record(tx, { action: 'SIGN_IN_FAILED', entityType: 'User', entityId: user?.id });
        if (Math.random() < 0.02) {
          await tx.execute(`delete from login_failure where at < now() - interval '1 day'`);
        }
      });
      throw unauthenticated(WRONG_CREDENTIALS);
    }
    return this.ctx.em.transactional(async (tx) => {
      user.lastLoginAt = new Date();
      const payload = await this.startSession(tx, user);
      this.ctx.audit.record(tx, { action: 'SIGN_IN', entityType: 'User', entityId: user.id });
      return payload;
    });
  }

  /**
   * Rotates: the presented token is spent and a new one issued in the same family. A spent token
   * presented again is the signature of theft: the whole family is revoked, and every access
   * token of that sign-in stops working with it.
   */
  async refresh(presented: string): Promise<AuthPayload> {
    const tokenHash = hashRefreshToken(presented);
    const outcome = await this.ctx.em.transactional(async (tx) => {
      const spent = await tx.execute<{ id: string }[]>(
        `update refresh_token set used_at = now(), updated_at = now()
         where token_hash = ? and used_at is null and revoked_at is null and expires_at > now()
         returning id`,
        [tokenHash],
      );
      const token = await tx.findOne(RefreshToken, { tokenHash }, { populate: ['user'] });
      if (!token) {
        return { error: 'The refresh token is not valid.' } as const;
      }
      if (spent.length === 0) {
        if (token.usedAt && !token.revokedAt) {
          await this.revokeFamily(tx, token.familyId);
          this.ctx.audit.record(tx, { action: 'SESSION_REUSE_DETECTED', entityType: 'User', entityId: token.user.id });
          return {
            error: 'This refresh token was already used, so the session has been ended for your safety. Sign in again.',
          } as const;
        }
        return { error: 'Your session has ended; sign in again.' } as const;
      }
      const user = token.user.getEntity();
      if (!user.active) {
        await this.revokeFamily(tx, token.familyId);
        return { error: 'Your session has ended; sign in again.' } as const;
      }
      return { payload: await this.startSession(tx, user, token.familyId) } as const;
    });
    if ('error' in outcome) {
      throw unauthenticated(outcome.error);
    }
    return outcome.payload;
  }

  /** Ends the sign-in the refresh token belongs to; true whether or not it was still valid. */
  async logout(presented: string): Promise<boolean> {
    await this.ctx.em.transactional(async (tx) => {
      const token = await tx.findOne(RefreshToken, { tokenHash: hashRefreshToken(presented) });
      if (token) {
        await this.revokeFamily(tx, token.familyId);
        this.ctx.audit.record(tx, { action: 'SIGN_OUT', entityType: 'User', entityId: token.user.id });
      }
    });
    return true;
  }

  /** Issues a session for a user inside the caller's transaction; the rest of the request runs as them. */
  async startSession(tx: EntityManager, user: User, familyId: string = randomUUID()): Promise<AuthPayload> {
    const refreshToken = newRefreshToken();
    tx.create(RefreshToken, {
      user,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * DAY),
    });
    const access = signAccessToken(this.ctx.settings.jwtSecret, {
      userId: user.id,
      role: user.role,
      sessionId: familyId,
    });
    await tx.flush();
    const [profile] = await tx.execute<{ patient_id: string | null; doctor_id: string | null }[]>(
      `select (select id from patient where user_id = ?) as patient_id, (select id from doctor where user_id = ?) as doctor_id`,
      [user.id, user.id],
    );
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      role: user.role,
      sessionId: familyId,
      patientId: profile?.patient_id ?? undefined,
      doctorId: profile?.doctor_id ?? undefined,
      tokenExpiresAt: access.expiresAt,
    };
    this.ctx.access.signedInAs(actor);
    return Object.assign(new AuthPayload(), {
      accessToken: access.token,
      refreshToken,
      expiresAt: access.expiresAt,
      user,
    });
  }

  /** Ends every session of a user (deactivation). */
  async revokeAllOf(tx: EntityManager, userId: string): Promise<void> {
    await tx.execute(
      `update refresh_token set revoked_at = now(), updated_at = now() where user_id = ? and revoked_at is null`,
      [userId],
    );
  }

  private async revokeFamily(tx: EntityManager, familyId: string): Promise<void> {
    await tx.execute(
      `update refresh_token set revoked_at = now(), updated_at = now() where family_id = ? and revoked_at is null`,
      [familyId],
    );
  }

  private async assertNotThrottled(email: string, clientAddress: string): Promise<void> {
    const [row] = await this.ctx.em.execute<{ by_email: number; by_address: number; retry_after: number | null }[]>(
      `select count(*) filter (where email = ?)::int as by_email,
              count(*) filter (where client_address = ?)::int as by_address,
              ceil(extract(epoch from min(at) + interval '${LOGIN_WINDOW_MINUTES} minutes' - now()))::int as retry_after
       from login_failure
       where at > now() - interval '${LOGIN_WINDOW_MINUTES} minutes' and (email = ? or client_address = ?)`,
      [email, clientAddress, email, clientAddress],
    );
    if (row && (row.by_email >= MAX_LOGIN_FAILURES || row.by_address >= MAX_LOGIN_FAILURES)) {
      const retryAfter = Math.max(1, row.retry_after ?? LOGIN_WINDOW_MINUTES * 60);
      throw tooManyRequests(
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute${retryAfter > 60 ? 's' : ''}.`,
        retryAfter,
      );
    }
  }
}
