import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { Role } from '../modules/identity/role.js';
import { signAccessToken } from '../modules/identity/tokens.js';
import { observeRoundTrips } from '../shared/round-trips.js';
import type { Application } from './bootstrap.js';
import { userCallerKey } from './caller.js';
import { contextOf, createContext, type ContextDependencies, type RequestOrigin } from './context.js';
import { CostRateLimiter } from './rate-limit.js';

let app: Application;
let adminToken: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  adminToken = (await new Factory(app).admin()).token;
});

describe("a request's context", () => {
  it('acts as the caller its bearer token names, and only as that caller: an actor passed along is not taken', async () => {
    const origin = { requestId: randomUUID(), clientAddress: '::1' };
    const admin = await createContext(app.dependencies, { ...origin, authorization: `Bearer ${adminToken}` });
    expect(admin.access.actor).toMatchObject({ kind: 'user', role: 'ADMIN' });
    // The one way to act as an actor resolved elsewhere (a WebSocket operation, a job) is contextOf.
    const smuggled = { ...origin, actor: admin.access.actor } as RequestOrigin;
    expect((await createContext(app.dependencies, smuggled)).access.actor).toEqual({ kind: 'anonymous' });
    const resolved = contextOf(app.dependencies, origin, admin.access.actor);
    expect(resolved.access.actor).toBe(admin.access.actor);
    expect(resolved.requestId).toBe(origin.requestId);
  });

  it("takes a caller's first rate-limit lease with the session check, in its one message, valid session or not", async () => {
    const messages: string[] = [];
    // The riders the HTTP server gives its GraphQL requests (http.ts).
    const limiter = new CostRateLimiter(app.orm.em, 10_000, 60, app.logger);
    const dependencies: ContextDependencies = {
      ...app.dependencies,
      sessionRiders: (userId) => limiter.riderFor(userCallerKey(userId)),
    };
    observeRoundTrips((text) => messages.push(text));
    try {
      const factory = new Factory(app);
      const patient = await factory.patient();
      const origin = { requestId: randomUUID(), clientAddress: '::1' };
      messages.length = 0;
      const context = await createContext(dependencies, { ...origin, authorization: `Bearer ${patient.token}` });
      expect(context.access.actor).toMatchObject({ kind: 'user', role: 'PATIENT', userId: patient.user.id });
      expect(messages).toEqual([expect.stringMatching(/^with rider as \(insert into rate_limit\b.*\bapp_user u\b/s)]);
      // A token of nobody (well signed, its user gone): refused as ever, and the lease still counted.
      const ghost = randomUUID();
      const token = signAccessToken(app.settings.jwtSecret, {
        userId: ghost,
        role: Role.PATIENT,
        sessionId: randomUUID(),
      });
      messages.length = 0;
      await expect(
        createContext(dependencies, { ...origin, authorization: `Bearer ${token.token}` }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(messages).toHaveLength(1);
      const [row] = await database.query<{ points: number }>('select points from rate_limit where key = $1', [
        `cost:user:${ghost}`,
      ]);
      expect(row?.points).toBeGreaterThan(0);
    } finally {
      observeRoundTrips(undefined);
      limiter.stop();
    }
  });

  it('checks the session alone when the statement with its rider fails, and tells the rider', async () => {
    const patient = await new Factory(app).patient();
    const dropped: unknown[] = [];
    const dependencies: ContextDependencies = {
      ...app.dependencies,
      sessionRiders: () => ({
        name: 'failing_rider',
        sql: 'select 1 / (0 * $3::int) as x',
        params: [1],
        take: () => undefined,
        drop: (failure) => dropped.push(failure),
      }),
    };
    const context = await createContext(dependencies, {
      requestId: randomUUID(),
      clientAddress: '::1',
      authorization: `Bearer ${patient.token}`,
    });
    expect(context.access.actor).toMatchObject({ kind: 'user', userId: patient.user.id });
    expect(dropped).toEqual([expect.objectContaining({ code: '22012' })]);
  });
});
