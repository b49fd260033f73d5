import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from './password.js';
import { Role } from './role.js';
import { User } from './user.entity.js';

/**
 * Creates the first administrator when the database has none. Returns true when it created one;
 * a later start with an admin in place changes nothing.
 */
export async function ensureAdminAccount(
  em: EntityManager,
  account: { email: string; password: string; bcryptCost: number },
): Promise<boolean> {
  return em.transactional(async (tx) => {
    // Serialise concurrent starts of several processes on one database.
    await tx.execute(`select pg_advisory_xact_lock(hashtext('ensure-admin-account'))`);
    if ((await tx.count(User, { role: Role.ADMIN })) > 0) {
      return false;
    }
    const email = account.email.toLowerCase();
    const existing = await tx.findOne(User, { email });
    if (existing) {
      existing.role = Role.ADMIN;
      existing.active = true;
      return true;
    }
    tx.create(User, {
      email,
      passwordHash: await hashPassword(account.password, account.bcryptCost),
      role: Role.ADMIN,
      emailVerifiedAt: new Date(), // the operator's own setting vouches for it
    });
    return true;
  });
}
