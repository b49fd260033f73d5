import { createFileStorage } from '../modules/files/file-storage.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory, TEST_PASSWORD } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import type { Application } from './bootstrap.js';
import { createHttpServer } from './http.js';
import { loadSettings } from '../config/settings.js';
import { buildAppSchema } from './schema.js';

let database: TestDatabase;
let app: Application;
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
});

function expectHardened(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp).toContain("object-src 'none'");
}

describe('security headers', () => {
  it('are on every kind of response: GraphQL, health, errors, unknown paths', async () => {
    for (const response of [
      await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverTime }' }),
      }),
      await fetch(`${app.url}/health`),
      await fetch(`${app.url}/prescriptions/nope.pdf`),
      await fetch(`${app.url}/no-such-page`),
    ]) {
      expectHardened(response);
    }
  });

  it('keep every GraphQL answer out of caches, over POST and GET, data and errors alike', async () => {
    const doctor = await factory.doctor();
    const { profile: patient } = await factory.patient({ allergies: ['Latex'] });
    await factory.appointment(patient, doctor.profile);
    const query = `{ patient(id: "${patient.id}") { allergies } }`;
    const authorization = `Bearer ${doctor.token}`;
    const post = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query }),
    });
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization, 'apollo-require-preflight': 'true' },
    });
    for (const response of [post, get]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { patient: { allergies: ['Latex'] } } });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const refused = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(((await refused.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('leave HSTS out of development and put it into production', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const dashboards = mkdtempSync(join(tmpdir(), 'hc-dash-'));
    mkdirSync(dashboards, { recursive: true });
    writeFileSync(join(dashboards, 'index.html'), '<!doctype html><title>x</title>');
    const production = loadSettings({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      JWT_SECRET: 'a-long-random-production-value-0123456789abcdefghijklmnop',
      ADMIN_EMAIL: 'root@clinic.example',
      ADMIN_PASSWORD: 'a-long-admin-password',
      LOG_LEVEL: 'silent',
    });
    const server = await createHttpServer({
      schema: await buildAppSchema(),
      orm: app.orm,
      logger: app.logger,
      settings: production,
      bus: { subscribe: () => Promise.resolve(() => undefined) } as never,
      events: app.dependencies.events,
      messages: app.dependencies.messages,
      notifications: app.dependencies.notifications,
      bedEvents: app.dependencies.bedEvents,
      metrics: app.metrics,
      storage: createFileStorage(production),
      readiness: () => ({}),
      dashboardsDir: dashboards,
    });
    const port = await server.listen(0);
    try {
      const page = await fetch(`http://127.0.0.1:${port}/patient`);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expectHardened(page);
      expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await server.stop();
    }
  });
});

describe('the refresh cookie', () => {
  async function signIn(): Promise<{ cookie: string; setCookie: string }> {
    const patient = await factory.patient();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
        variables: { e: patient.user.email, p: TEST_PASSWORD },
      }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const body = (await response.json()) as { data: { login: { refreshToken: string } } };
    // Non-browser clients still get the token in the body.
    expect(body.data.login.refreshToken).toBeTruthy();
    return { cookie: setCookie.split(';')[0]!, setCookie };
  }

  it('is HttpOnly, Secure, SameSite=Strict and scoped to /auth', async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(/^hc_refresh=[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain('Path=/auth');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('refreshes at POST /auth/refresh with the CSRF header, rotating the cookie', async () => {
    const { cookie } = await signIn();
    const response = await fetch(`${app.url}/auth/refresh`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-protection': '1' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; user: { role: string } };
    expect(body.user.role).toBe('PATIENT');
    expectData(await gql(app, '{ me { id } }', { token: body.accessToken }));
    const rotated = response.headers.get('set-cookie')!.split(';')[0]!;
    expect(rotated).not.toBe(cookie);
    // The old cookie is spent: presenting it again ends the whole sign-in.
    const reuse = await fetch(`${app.url}/auth/refresh`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-protection': '1' },
    });
    expect(reuse.status).toBe(401);
  });

  it('refuses a request without the CSRF header or from another origin', async () => {
    const { cookie } = await signIn();
    const noHeader = await fetch(`${app.url}/auth/refresh`, { method: 'POST', headers: { cookie } });
    expect(noHeader.status).toBe(403);
    const crossSite = await fetch(`${app.url}/auth/refresh`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-protection': '1', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const none = await fetch(`${app.url}/auth/refresh`, { method: 'POST', headers: { 'x-csrf-protection': '1' } });
    expect(none.status).toBe(401);
  });

  it('signs out at POST /auth/logout and clears the cookie', async () => {
    const { cookie } = await signIn();
    const response = await fetch(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-protection': '1' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^hc_refresh=;.*Expires=Thu, 01 Jan 1970/);
    const after = await fetch(`${app.url}/auth/refresh`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-protection': '1' },
    });
    expect(after.status).toBe(401);
  });
});
