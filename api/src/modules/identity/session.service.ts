import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AppError, notFound, unauthenticated } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { Context } from '../../server/context.js';
import type { UserActor } from './actor.js';
import { AuthPayload } from './auth-payload.type.js';
import { MfaChallenge } from './mfa-challenge.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionInfo } from './session.type.js';
import { publishSessionsEnded } from './sessions-ended.js';
import { assertNotThrottled, recordFailure } from './throttle.js';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_DAYS, signAccessToken } from './tokens.js';
import { User } from './user.entity.js';

const DAY = 86_400_000;
const WRONG_CREDENTIALS = 'The email or password is incorrect.';
/** How long the second step of a sign-in may take. */
export const MFA_CHALLENGE_MINUTES = 5;

let dummyHash: Promise<string> | undefined;

/** The browser of a request, shortened: enough to tell devices apart, never a fingerprint. */
export function shortUserAgent(userAgent: string | undefined): string | null {
  // Printable characters only (no control characters; PostgreSQL text cannot hold NUL).
  const value = userAgent?.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '').trim();
  return value ? value.slice(0, 300) : null;
}

/** Signing in, rotating and ending sessions, and the list of signed-in devices. */
export class SessionService {
  constructor(private readonly ctx: Context) {}

  private get clientAddress(): string {
    return this.ctx.clientAddress ?? 'unknown';
  }

  /**
   * Same answer for an unknown email and a wrong password. Throttled per account (strict) and per
   * client address (generous: see throttle.ts) before any hashing. An account with TOTP gets
   * MFA_REQUIRED with a short-lived, single-use `challenge` for `completeMfaLogin`.
   */
  async login(emailInput: string, password: string): Promise<AuthPayload> {
    const email = emailInput.trim().toLowerCase();
    await assertNotThrottled(this.ctx.em, email, this.clientAddress);

    const user = await this.ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
    const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword(randomUUID(), this.ctx.settings.bcryptCost)));
    const matches = await verifyPassword(password, hash);
    if (!user || !matches || !user.active) {
      await this.ctx.em.transactional(async (tx) => {
        await recordFailure(tx, email, this.clientAddress);
        this.ctx.audit.record(tx, { action: 'SIGN_IN_FAILED', entityType: 'User', entityId: user?.id });
      });
      throw unauthenticated(WRONG_CREDENTIALS);
    }
    if (user.totpEnabledAt) {
      const challenge = newRefreshToken();
      const expiresAt = new Date(Date.now() + MFA_CHALLENGE_MINUTES * 60_000);
      await this.ctx.em.transactional((tx) => {
        tx.create(MfaChallenge, { user, tokenHash: hashRefreshToken(challenge), expiresAt });
        this.ctx.audit.record(tx, { action: 'SIGN_IN_PASSWORD_OK', entityType: 'User', entityId: user.id });
        return Promise.resolve();
      });
      throw new AppError('MFA_REQUIRED', 'Enter the code from your authenticator app (or a recovery code).', {
        extensions: { challenge, challengeExpiresAt: expiresAt.toISOString() },
      });
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
          await this.revokeFamily(tx, token.familyId, token.user.id);
          this.ctx.audit.record(tx, { action: 'SESSION_REUSE_DETECTED', entityType: 'User', entityId: token.user.id });
          return {
            error: 'This refresh token was already used, so the session has been ended for your safety. Sign in again.',
          } as const;
        }
        return { error: 'Your session has ended; sign in again.' } as const;
      }
      const user = token.user.getEntity();
      if (!user.active) {
        await this.revokeFamily(tx, token.familyId, user.id);
        return { error: 'Your session has ended; sign in again.' } as const;
      }
      return { payload: await this.startSession(tx, user, token.familyId) } as const;
    });
    if ('error' in outcome) {
      this.ctx.refreshCookie?.clear();
      throw unauthenticated(outcome.error);
    }
    return outcome.payload;
  }

  /** Ends the sign-in the refresh token belongs to; true whether or not it was still valid. */
  async logout(presented: string): Promise<boolean> {
    await this.ctx.em.transactional(async (tx) => {
      const token = await tx.findOne(RefreshToken, { tokenHash: hashRefreshToken(presented) });
      if (token) {
        await this.revokeFamily(tx, token.familyId, token.user.id);
        this.ctx.audit.record(tx, { action: 'SIGN_OUT', entityType: 'User', entityId: token.user.id });
      }
    });
    this.ctx.refreshCookie?.clear();
    return true;
  }

  /** Issues a session for a user inside the caller's transaction; the rest of the request runs as them. */
  async startSession(tx: EntityManager, user: User, familyId: string = randomUUID()): Promise<AuthPayload> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * DAY);
    tx.create(RefreshToken, {
      user,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt,
      userAgent: shortUserAgent(this.ctx.userAgent),
    });
    const access = signAccessToken(
      this.ctx.settings.jwtSecret,
      {
        userId: user.id,
        role: user.role,
        sessionId: familyId,
      },
      this.ctx.settings.accessTokenTtlSeconds,
    );
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
      mfaEnabled: Boolean(user.totpEnabledAt),
    };
    this.ctx.access.signedInAs(actor);
    this.ctx.refreshCookie?.set(refreshToken, expiresAt);
    return Object.assign(new AuthPayload(), {
      accessToken: access.token,
      refreshToken,
      expiresAt: access.expiresAt,
      user,
    });
  }

  /** The signed-in user's live sessions (sign-ins whose refresh token still works), newest use first. */
  async mySessions(): Promise<SessionInfo[]> {
    const actor = this.ctx.access.requireUser();
    const rows = await this.ctx.em.execute<
      { family_id: string; created_at: Date; last_used_at: Date; user_agent: string | null }[]
    >(
      `select family_id, min(created_at) as created_at, max(created_at) as last_used_at,
              (array_agg(user_agent order by created_at desc))[1] as user_agent
       from refresh_token
       where user_id = ?
       group by family_id
       having bool_and(revoked_at is null)
          and bool_or(used_at is null and expires_at > now())
       order by max(created_at) desc`,
      [actor.userId],
    );
    return rows.map((row) =>
      Object.assign(new SessionInfo(), {
        id: row.family_id,
        createdAt: new Date(row.created_at),
        lastUsedAt: new Date(row.last_used_at),
        userAgent: row.user_agent,
        current: row.family_id === actor.sessionId,
      }),
    );
  }

  /**
   * Ends one of the signed-in user's sessions: its refresh token stops working, its access
   * tokens are refused from the next request on, and its sockets close (on every process).
   */
  async revokeSession(idInput: string): Promise<boolean> {
    const actor = this.ctx.access.requireUser();
    const id = requireId(idInput, 'id');
    await this.ctx.em.transactional(async (tx) => {
      const revoked = await tx.execute<{ id: string }[]>(
        `update refresh_token set revoked_at = now(), updated_at = now()
         where family_id = ? and user_id = ? and revoked_at is null returning id`,
        [id, actor.userId],
      );
      if (revoked.length === 0) {
        throw notFound('Session');
      }
      await publishSessionsEnded(tx, { userId: actor.userId, sessionId: id });
      this.ctx.audit.record(tx, { action: 'SESSION_REVOKED', entityType: 'User', entityId: actor.userId });
    });
    return true;
  }

  /** Ends every session of the signed-in user but the current one. */
  async revokeOtherSessions(): Promise<number> {
    const actor = this.ctx.access.requireUser();
    return this.ctx.em.transactional(async (tx) => {
      const ended = await this.endOtherSessions(tx, actor);
      this.ctx.audit.record(tx, { action: 'SESSIONS_REVOKED', entityType: 'User', entityId: actor.userId });
      return ended;
    });
  }

  /** Ends every session of the actor but the current one (their sockets close too); how many ended. */
  async endOtherSessions(tx: EntityManager, actor: Pick<UserActor, 'userId' | 'sessionId'>): Promise<number> {
    const families = await tx.execute<{ family_id: string }[]>(
      `update refresh_token set revoked_at = now(), updated_at = now()
       where user_id = ? and family_id <> ? and revoked_at is null returning family_id`,
      [actor.userId, actor.sessionId],
    );
    const ended = [...new Set(families.map((row) => row.family_id))];
    for (const sessionId of ended) {
      await publishSessionsEnded(tx, { userId: actor.userId, sessionId });
    }
    return ended.length;
  }

  /** Ends every session of a user (deactivation, password reset); their sockets close too. */
  async revokeAllOf(tx: EntityManager, userId: string, reason?: 'deactivated'): Promise<void> {
    await tx.execute(
      `update refresh_token set revoked_at = now(), updated_at = now() where user_id = ? and revoked_at is null`,
      [userId],
    );
    await publishSessionsEnded(tx, { userId, ...(reason ? { reason } : {}) });
  }

  private async revokeFamily(tx: EntityManager, familyId: string, userId: string): Promise<void> {
    await tx.execute(
      `update refresh_token set revoked_at = now(), updated_at = now() where family_id = ? and revoked_at is null`,
      [familyId],
    );
    await publishSessionsEnded(tx, { userId, sessionId: familyId });
  }
}
