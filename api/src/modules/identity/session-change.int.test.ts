import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createTestDatabase, openTestOrm, type TestDatabase } from '../../../test/database.js';
import { Patient } from '../patients/patient.entity.js';
import { Role } from './role.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SESSION_ACTOR_CHANNEL, SessionCache, useSessionCache, type NotificationSource } from './session-cache.js';
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
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
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

describe("the database's triggers and this process's rules name the same users", () => {
  let listener: pg.Client;
  const notified: string[] = [];
  const forgotten: string[] = [];
  let sentinels = 0;

  beforeAll(async () => {
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (message) => notified.push(message.payload ?? ''));
    await listener.query(`listen ${SESSION_ACTOR_CHANNEL}`);
    const changedHere = cache.changedHere.bind(cache);
    cache.changedHere = (userId) => {
      forgotten.push(userId);
      changedHere(userId);
    };
  });

  afterAll(async () => {
    await listener.end();
  });

  /** Commits `change` and returns whom the triggers notified and whom this process forgot. */
  async function namedBy(change: (em: EntityManager) => Promise<void>) {
    notified.length = 0;
    forgotten.length = 0;
    await orm.em.fork().transactional(change);
    // Notifications arrive in commit order: once this one is in, the change's are too.
    const sentinel = `sentinel-${(sentinels += 1)}`;
    await database.query(`select pg_notify('${SESSION_ACTOR_CHANNEL}', '${sentinel}')`);
    await expect.poll(() => notified.includes(sentinel)).toBe(true);
    return {
      triggers: [...new Set(notified.filter((payload) => payload !== sentinel))].sort(),
      process: [...new Set(forgotten)].sort(),
    };
  }

  const newUser = (em: EntityManager) =>
    em.create(User, { email: `u-${randomUUID()}@clinic.test`, passwordHash: 'x', role: Role.PATIENT });

  it('for every kind of change to users, sessions and profiles', async () => {
    const em = orm.em.fork();
    const [first, second] = [newUser(em), newUser(em)];
    await em.flush();
    const ids = (...users: User[]) => users.map((user) => user.id).sort();
    let tokenId = '';
    let patientId = '';
    const cases: [string, (tx: EntityManager) => Promise<void>, string[]][] = [
      ['a new user', async (tx) => void newUser(tx), []],
      [
        'a user changed',
        async (tx) => void ((await tx.findOneOrFail(User, first.id)).lastLoginAt = new Date()),
        ids(first),
      ],
      [
        'a session begun',
        async (tx) => {
          const token = tx.create(RefreshToken, {
            user: tx.getReference(User, first.id),
            familyId: randomUUID(),
            tokenHash: randomUUID(),
            expiresAt: new Date(Date.now() + 60_000),
          });
          await tx.flush();
          tokenId = token.id;
        },
        [],
      ],
      ['a session used', async (tx) => void ((await tx.findOneOrFail(RefreshToken, tokenId)).usedAt = new Date()), []],
      [
        'a session revoked',
        async (tx) => void ((await tx.findOneOrFail(RefreshToken, tokenId)).revokedAt = new Date()),
        ids(first),
      ],
      [
        'a revoked session revoked again',
        async (tx) => void ((await tx.findOneOrFail(RefreshToken, tokenId)).revokedAt = new Date()),
        [],
      ],
      [
        'a profile made',
        async (tx) => {
          const patient = tx.create(Patient, {
            user: tx.getReference(User, first.id),
            firstName: 'Ada',
            lastName: 'Lovelace',
            dateOfBirth: '1990-01-01',
          });
          await tx.flush();
          patientId = patient.id;
        },
        ids(first),
      ],
      [
        'a profile changed',
        async (tx) => void ((await tx.findOneOrFail(Patient, patientId)).phone = '+44 20 7946 0000'),
        [],
      ],
      [
        'a profile moved to another user',
        async (tx) =>
          void ((await tx.findOneOrFail(Patient, patientId)).user = tx.getReference(User, second.id, {
            wrapped: true,
          })),
        ids(first, second),
      ],
      ['a profile removed', async (tx) => tx.remove(await tx.findOneOrFail(Patient, patientId)).flush(), ids(second)],
      ['a session removed', async (tx) => tx.remove(await tx.findOneOrFail(RefreshToken, tokenId)).flush(), []],
      ['a user removed', async (tx) => tx.remove(await tx.findOneOrFail(User, second.id)).flush(), ids(second)],
    ];
    for (const [name, change, expected] of cases) {
      const named = await namedBy(change);
      expect(named.triggers, `${name}: the triggers`).toEqual(expected);
      expect(named.process, `${name}: this process`).toEqual(named.triggers);
    }
  });
});
