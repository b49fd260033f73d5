import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import type { Application } from './bootstrap.js';
import { contextOf, createContext, type RequestOrigin } from './context.js';

let app: Application;
let adminToken: string;

beforeAll(async () => {
  const database = await createTestDatabase();
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
});
