import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, openTestOrm } from '../../../test/database.js';
import { Role } from './role.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionCache, useSessionCache, type NotificationSource } from './session-cache.js';
import { User } from './user.entity.js';

/**
 * A LISTEN connection that is up but whose notifications have not arrived yet: what this process
 * forgets here, it forgets from its own commits, not from the database's announcement.
 */
const notificationsStillOnTheirWay: NotificationSource = {
  isListening: true,
  generation: 1,
  subscribe: () => Promise.resolve(() => undefined),
};

let orm: MikroORM;
let cache: SessionCache;

beforeAll(async () => {
  const database = await createTestDatabase();
  orm = await openTestOrm(database.url);
  cache = new SessionCache(notificationsStillOnTheirWay);
  await cache.start();
  useSessionCache(orm.em, cache);
});

async function rememberedUser(): Promise<{ user: User; sessionId: string }> {
  const em = orm.em.fork();
  const user = em.create(User, { email: `u-${randomUUID()}@clinic.test`, passwordHash: 'x', role: Role.DOCTOR });
  await em.flush();
  const sessionId = randomUUID();
  cache.remember(user.id, sessionId, { active: true }, cache.ticket());
  expect(cache.lookup(user.id, sessionId)).toBeDefined();
  return { user, sessionId };
}

describe("the session cache sees this process's own committed changes at once", () => {
  it('forgets a user changed in a transaction as soon as it commits (MFA enrolled, deactivated, …)', async () => {
    const { user, sessionId } = await rememberedUser();
    const other = await rememberedUser();
    await orm.em.fork().transactional(async (em) => {
      const found = await em.findOneOrFail(User, user.id);
      found.active = false;
    });
    expect(cache.lookup(user.id, sessionId)).toBeUndefined();
    expect(cache.lookup(other.user.id, other.sessionId)).toBeDefined();
  });

  it('forgets a user changed by a flush outside a transaction', async () => {
    const { user, sessionId } = await rememberedUser();
    const em = orm.em.fork();
    const found = await em.findOneOrFail(User, user.id);
    found.lastLoginAt = new Date();
    await em.flush();
    expect(cache.lookup(user.id, sessionId)).toBeUndefined();
  });

  it('does not keep a check read during the transaction: it is forgotten again at the commit', async () => {
    const { user, sessionId } = await rememberedUser();
    await orm.em.fork().transactional(async (em) => {
      const found = await em.findOneOrFail(User, user.id);
      found.active = false;
      await em.flush();
      // Another request checks the session meanwhile: it still reads the row before the commit.
      cache.remember(user.id, sessionId, { active: true }, cache.ticket());
    });
    expect(cache.lookup(user.id, sessionId)).toBeUndefined();
  });

  it("forgets a revoked session's user, and not the user of a session merely signed in", async () => {
    const { user, sessionId } = await rememberedUser();
    const em = orm.em.fork();
    const token = em.create(RefreshToken, {
      user,
      familyId: randomUUID(),
      tokenHash: randomUUID(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await em.flush();
    expect(cache.lookup(user.id, sessionId)).toBeDefined();
    token.revokedAt = new Date();
    await em.flush();
    expect(cache.lookup(user.id, sessionId)).toBeUndefined();
  });
});
