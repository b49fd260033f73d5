import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, tooManyRequests } from '../../shared/errors.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { EmailVerification } from './email-verification.entity.js';
import { linkToken } from './single-use-link.entity.js';
import { hashRefreshToken } from './tokens.js';
import { User } from './user.entity.js';

/** The job that e-mails the link of one verification (after its transaction commits). */
export const SEND_EMAIL_VERIFICATION = 'send-email-verification';
/** The job that tells the address an account left that it changed (a change of address only). */
export const SEND_EMAIL_CHANGED = 'send-email-changed';
export const EMAIL_VERIFICATION_HOURS = 48;
/** More links for one account in an hour are refused (asked again) or recorded unsent (sign-up). */
export const MAX_VERIFICATION_MAILS_PER_HOUR = 3;

export interface EmailVerificationPayload {
  readonly verificationId: string;
}

/** The token of a confirmation link (single-use-link.entity.ts). */
export function emailVerificationToken(serverSecret: string, verificationId: string): string {
  return linkToken('email-verification', serverSecret, verificationId);
}

const INVALID_TOKEN = [{ field: 'token', message: 'is not valid or has expired; ask for a new link' }];

/** Links sent in the last hour for an account, and in how many seconds the oldest of them leaves that hour. */
async function recentLinks(tx: EntityManager, userId: string): Promise<{ count: number; freeInSeconds: number }> {
  const [row] = await tx.execute<{ count: number; free_in_seconds: number }[]>(
    `select count(*)::int as count,
            coalesce(ceil(extract(epoch from min(created_at) + interval '1 hour' - now())), 0)::int as free_in_seconds
     from email_verification where user_id = ? and created_at > now() - interval '1 hour'`,
    [userId],
  );
  return { count: row?.count ?? 0, freeInSeconds: Math.max(1, row?.free_in_seconds ?? 1) };
}

/**
 * Confirming a sign-in address: a single-use link by e-mail, valid two days, that marks the
 * account's address confirmed — only while it is still the address the link went to.
 */
export class EmailVerificationService {
  constructor(private readonly ctx: Context) {}

  /** A new account's first link, in its creating transaction: nothing to count or replace yet. */
  firstLink(tx: EntityManager, user: User): void {
    this.addLink(tx, user, false);
  }

  /**
   * Starts confirming `user`'s address after it changed from `previousEmail`, in the caller's
   * transaction: the address is unconfirmed, earlier links stop working, a new one goes to it and a
   * notice to the old address. Past the hourly limit the link is recorded but not sent; the notice
   * always goes.
   */
  async changed(tx: EntityManager, user: User, previousEmail: string): Promise<void> {
    const { count } = await recentLinks(tx, user.id);
    await this.replaceLinks(tx, user, count >= MAX_VERIFICATION_MAILS_PER_HOUR, previousEmail);
  }

  /** Earlier links for the account die with a new one: only the newest address can be confirmed. */
  private async replaceLinks(
    tx: EntityManager,
    user: User,
    suppressed: boolean,
    previousEmail?: string,
  ): Promise<void> {
    await tx.execute(
      `update email_verification set used_at = now(), updated_at = now() where user_id = ? and used_at is null`,
      [user.id],
    );
    this.addLink(tx, user, suppressed, previousEmail);
  }

  /**
   * A link row for `user`'s current address and its e-mail job (sent only if the transaction
   * commits), and, for a change of address, the notice to the old one. Marks the address unconfirmed.
   */
  private addLink(tx: EntityManager, user: User, suppressed: boolean, previousEmail?: string): void {
    user.emailVerifiedAt = null;
    const verification = tx.create(EmailVerification, {
      user,
      email: user.email,
      previousEmail: previousEmail ?? null,
      tokenHash: '',
      expiresAt: new Date(Date.now() + EMAIL_VERIFICATION_HOURS * 3_600_000),
      suppressed,
    });
    verification.tokenHash = hashRefreshToken(emailVerificationToken(this.ctx.settings.jwtSecret, verification.id));
    const payload: EmailVerificationPayload = { verificationId: verification.id };
    deferJob(tx, SEND_EMAIL_VERIFICATION, payload, { maxAttempts: 5 });
    if (previousEmail) {
      deferJob(tx, SEND_EMAIL_CHANGED, payload, { maxAttempts: 5 });
    }
  }

  /** "Send the link again", for the signed-in person whose address is not confirmed yet. */
  async resend(): Promise<boolean> {
    const actor = this.ctx.access.requireUser();
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, actor.userId);
      if (user.emailVerifiedAt) {
        return false;
      }
      const recent = await recentLinks(tx, user.id);
      if (recent.count >= MAX_VERIFICATION_MAILS_PER_HOUR) {
        throw tooManyRequests(
          'Several links were sent in the last hour. Look for them, or ask again later.',
          recent.freeInSeconds,
        );
      }
      await this.replaceLinks(tx, user, false);
      this.ctx.audit.record(tx, { action: 'EMAIL_VERIFICATION_SENT', entityType: 'User', entityId: user.id });
      return true;
    });
  }

  /**
   * Confirms the address a link went to. Needs no sign-in (the link may be opened on another
   * device): the token is the proof of the mailbox. Spent once; refused when expired, replaced by
   * a newer link, or when the account's address changed since.
   */
  async verify(token: string): Promise<boolean> {
    await this.ctx.em.transactional(async (tx) => {
      const [spent] = await tx.execute<{ user_id: string; email: string }[]>(
        `update email_verification set used_at = now(), updated_at = now()
         where token_hash = ? and used_at is null and expires_at > now() returning user_id, email`,
        [hashRefreshToken(token.trim())],
      );
      const confirmed =
        spent &&
        (await tx.execute<{ id: string }[]>(
          `update app_user set email_verified_at = now(), updated_at = now()
           where id = ? and email = ? and active returning id`,
          [spent.user_id, spent.email],
        ));
      if (!spent || !confirmed || confirmed.length === 0) {
        throw badInput(INVALID_TOKEN, 'This confirmation link is not valid or has expired. Ask for a new one.');
      }
      this.ctx.audit.record(tx, { action: 'EMAIL_VERIFIED', entityType: 'User', entityId: spent.user_id });
    });
    return true;
  }
}
