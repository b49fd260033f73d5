import { announceFreedTime } from '../../shared/freed-time.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { appointmentsAffected, conflict, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { EmailVerificationService } from './email-verification.service.js';
import type { NewAccountInput } from './identity.inputs.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { Role, type PersonRole } from './role.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

/** Not a bcrypt hash: no password matches it (a closed account's, forgotten). */
const FORGOTTEN_PASSWORD = '!forgotten';

/** A new account's email as stored: trimmed, lower-cased. */
export function emailOf(input: NewAccountInput): string {
  return input.email.trim().toLowerCase();
}

/**
 * Accounts, the one primitive under patient sign-up and doctor creation (their own modules add the
 * profile): the sign-in part of a new account is checked, hashed and stored here, and deactivation.
 */
export class AccountService {
  constructor(private readonly ctx: Context) {}

  /** Problems with a new account's sign-in: the password against the policy (and the email). */
  credentialProblems(input: NewAccountInput): FieldProblem[] {
    const problem = passwordProblem(input.password, emailOf(input), 'input.password');
    return problem ? [problem] : [];
  }

  /** The password's hash; slow by design, so call it only once the input passed its checks. */
  hashPassword(input: NewAccountInput): Promise<string> {
    return hashPassword(input.password, this.ctx.settings.bcryptCost);
  }

  /**
   * Inserts the user in the caller's transaction; EMAIL_TAKEN when the address has an account.
   * `confirmed`: who vouches for the address — an administrator creating the account, or a link
   * e-mailed to it (a person's own sign-up), sent if the transaction commits.
   */
  async createUser(
    tx: EntityManager,
    input: NewAccountInput,
    passwordHash: string,
    role: PersonRole,
    confirmed: 'by the administrator' | 'by a link',
  ): Promise<User> {
    const email = emailOf(input);
    if (await tx.count(User, { email })) {
      throw conflict('An account with this email already exists.', 'EMAIL_TAKEN');
    }
    const byLink = confirmed === 'by a link';
    const user = tx.create(User, { email, passwordHash, role, emailVerifiedAt: byLink ? null : new Date() });
    if (byLink) {
      new EmailVerificationService(this.ctx).firstLink(tx, user);
    }
    return user;
  }

  /** Ends a user's access at once: no sign-in, no refresh, and their live tokens stop working. */
  async deactivate(userIdInput: string): Promise<User> {
    const actor = this.ctx.access.requireRole(Role.ADMIN);
    const userId = requireId(userIdInput, 'id');
    if (userId === actor.userId) {
      throw conflict('You cannot deactivate your own account.', 'SELF_DEACTIVATION');
    }
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOne(User, userId);
      if (!user) {
        throw notFound('User');
      }
      if (user.active) {
        // A doctor's booked patients are never stranded: they are cancelled or moved first. Identity
        // imports no domain, so it asks the tables (the doctor's row is locked against new bookings).
        const stranded = await tx.execute<{ id: string }[]>(
          `select a.id from appointment a
           where a.doctor_id = (select d.id from doctor d where d.user_id = ? for update)
             and a.status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN') and a.ends_at > now()
           order by a.starts_at`,
          [user.id],
        );
        if (stranded.length > 0) {
          throw appointmentsAffected(
            'This doctor still has',
            stranded.map((row) => row.id),
          );
        }
        // The audit event names the patient's chart when the account is a patient's. Identity
        // imports no domain, so it asks the table, not the Patient entity.
        const [patient] = await tx.execute<{ id: string }[]>('select id from patient where user_id = ?', [user.id]);
        await this.close(tx, user, patient?.id);
      }
      return user;
    });
  }

  /**
   * Closes an active account in the caller's transaction: no sign-in, every session ended (its
   * sockets too), every process told, the audit event written. With `forget` (an account closed
   * at its owner's request), also its password and second factor: reopening it takes an
   * administrator (`reactivateUser`) and a password reset.
   */
  async close(tx: EntityManager, user: User, patientId: string | undefined, options: { forget?: boolean } = {}) {
    user.active = false;
    user.deactivatedAt = new Date();
    if (options.forget) {
      // In SQL: the secrets are lazy properties, not loaded here.
      await tx.execute(
        `update app_user set password_hash = ?, totp_secret = null, totp_pending_secret = null,
                totp_enabled_at = null, totp_last_step = null where id = ?`,
        [FORGOTTEN_PASSWORD, user.id],
      );
      await tx.nativeDelete(RecoveryCode, { user: user.id });
    }
    await new SessionService(this.ctx).revokeAllOf(tx, user.id, 'deactivated');
    this.ctx.audit.record(tx, { action: 'DEACTIVATE', entityType: 'User', entityId: user.id, patientId });
    await tx.execute(`select pg_notify('user_deactivated', ?)`, [user.id]);
  }

  /**
   * Locks a misused account out in the caller's transaction, keeping it open (a doctor's visits
   * stay): every session ends and the password stops working, so only its owner, through a
   * password reset sent to their address, gets back in. Audited.
   */
  async lockOut(tx: EntityManager, userId: string): Promise<void> {
    await tx.execute('update app_user set password_hash = ?, updated_at = now() where id = ?', [
      FORGOTTEN_PASSWORD,
      userId,
    ]);
    await new SessionService(this.ctx).revokeAllOf(tx, userId);
    this.ctx.audit.record(tx, { action: 'LOCK_OUT', entityType: 'User', entityId: userId });
  }

  /** Lets a deactivated user sign in again; nothing else of theirs changes. */
  async reactivate(userIdInput: string): Promise<User> {
    this.ctx.access.requireRole(Role.ADMIN);
    const userId = requireId(userIdInput, 'id');
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOne(User, userId);
      if (!user) {
        throw notFound('User');
      }
      if (!user.active) {
        user.active = true;
        user.deactivatedAt = undefined;
        const [patient] = await tx.execute<{ id: string }[]>('select id from patient where user_id = ?', [user.id]);
        // A doctor back at work has free time again: the waitlist hears of it like of new hours.
        const [doctor] = await tx.execute<{ id: string }[]>('select id from doctor where user_id = ?', [user.id]);
        if (doctor) {
          announceFreedTime(tx, doctor.id);
        }
        this.ctx.audit.record(tx, {
          action: 'REACTIVATE',
          entityType: 'User',
          entityId: user.id,
          patientId: patient?.id,
        });
      }
      return user;
    });
  }
}
