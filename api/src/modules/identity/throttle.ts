import type { EntityManager } from '@mikro-orm/postgresql';
import { tooManyRequests } from '../../shared/errors.js';
import { LoginFailure } from './login-failure.entity.js';

export const LOGIN_WINDOW_MINUTES = 15;
/** Failed attempts on one account (password, TOTP or recovery code) per window: strict. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/**
 * Failed attempts from one client address per window: generous, because a clinic's staff or a
 * partner's network share one public address (NAT). An attacker on that address still meets the
 * per-account limit on every account they try.
 */
export const MAX_FAILURES_PER_ADDRESS = 100;

/**
 * Refuses an attempt while the account or the address is over its limit, before any password or
 * code is checked (bcrypt is slow: never hash for a throttled caller).
 */
export async function assertNotThrottled(em: EntityManager, email: string, clientAddress: string): Promise<void> {
  const [row] = await em.execute<{ by_email: number; by_address: number; retry_after: number | null }[]>(
    `select count(*) filter (where email = ?)::int as by_email,
            count(*) filter (where client_address = ?)::int as by_address,
            ceil(extract(epoch from min(at) + interval '${LOGIN_WINDOW_MINUTES} minutes' - now()))::int as retry_after
     from login_failure
     where at > now() - interval '${LOGIN_WINDOW_MINUTES} minutes' and (email = ? or client_address = ?)`,
    [email, clientAddress, email, clientAddress],
  );
  if (row && (row.by_email >= MAX_FAILURES_PER_ACCOUNT || row.by_address >= MAX_FAILURES_PER_ADDRESS)) {
    const retryAfter = Math.max(1, row.retry_after ?? LOGIN_WINDOW_MINUTES * 60);
    throw tooManyRequests(
      `Too many failed attempts. Try again in ${Math.ceil(retryAfter / 60)} minute${retryAfter > 60 ? 's' : ''}.`,
      retryAfter,
    );
  }
}

/** Counts one failed attempt against the account and the address, in the caller's transaction. */
export async function recordFailure(tx: EntityManager, email: string, clientAddress: string): Promise<void> {
  tx.create(LoginFailure, { email, clientAddress });
  if (Math.random() < 0.02) {
    await tx.execute(`delete from login_failure where at < now() - interval '1 day'`);
  }
}
