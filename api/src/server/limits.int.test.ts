import type { OperationOutcome } from '@medplum/fhirtypes';
import { getIntrospectionQuery } from 'graphql';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import { subscribe, wsClient } from '../../test/ws.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { Application } from './bootstrap.js';

const NESTED = `{ patients(first: 100) { edges { node { appointments(first: 100) { edges { node { id } } } } } } }`;
const BOOK = 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id status } }';

let database: TestDatabase;
let app: Application;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let hour = 0;
const nextSlot = () =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (96 + ++hour) * 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { QUERY_COST_LIMIT: '2000' });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
});

async function post(target: Application, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('cost limit', () => {
  it('refuses an operation over QUERY_COST_LIMIT before it runs, with the cost and the limit', async () => {
    const refused = await post(app, { query: NESTED }, { authorization: `Bearer ${admin.token}` });
    expect(refused.status).toBe(400);
    const error = (refused.body['errors'] as { extensions: Record<string, unknown> }[])[0]!;
    // patients: 1 + 100 × (edges 1 + node 1 + appointments (1 + 100 × (edges 1 + node 1 + id 1)))
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      cost: 1 + 100 * (2 + 1 + 100 * 3),
      limit: 2000,
    });
    expect(refused.body['data']).toBeUndefined();
    // Smaller pages of the same shape pass.
    expectData(await gql(app, NESTED.replaceAll('100', '5'), { token: admin.token }));
  });

  it('counts 30 aliases of a list each with its page size', async () => {
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: doctors(first: 100) { edges { node { id firstName } } }`).join(' ')} }`;
    expectGraphQLError(await gql(app, aliased, { token: admin.token }), 'QUERY_TOO_COMPLEX');
  });

  it('holds over WebSocket too, for that operation only', async () => {
    const client = wsClient(app, admin.token);
    const refused = subscribe(
      client,
      `subscription { appointmentUpdated { appointment { patient { appointments(first: 100) { edges { node { patient { appointments(first: 100) { totalCount } } } } } } } } }`,
    );
    await expect.poll(() => refused.errors.length, { timeout: 3_000 }).toBe(1);
    expect(JSON.stringify(refused.errors)).toContain('QUERY_TOO_COMPLEX');
  });
});

describe('introspection', () => {
  it("validates and answers graphql-js's own getIntrospectionQuery() (13 levels deep)", async () => {
    const answer = expectData(await gql<{ __schema: { types: unknown[] } }>(app, getIntrospectionQuery()));
    expect(answer.__schema.types.length).toBeGreaterThan(50);
    const full = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      inputValueDeprecation: true,
    });
    expectData(await gql(app, full, { token: admin.token }));
  });

  it('still refuses deep data queries', async () => {
    const deep = `{ appointments { edges { node { patient { appointments { edges { node { patient { appointments { edges { node { patient { id } } } } } } } } } } } } }`;
    expectGraphQLError(await gql(app, deep, { token: admin.token }), 'BAD_USER_INPUT');
  });
});

describe('in production', () => {
  let production: Application;
  beforeAll(async () => {
    production = await startTestApp(database.url, {
      NODE_ENV: 'production',
      JWT_SECRET: randomUUID().repeat(2),
      ADMIN_EMAIL: 'root@clinic.test',
      ADMIN_PASSWORD: 'production-password-for-tests',
    });
  });

  it('answers introspection to signed-in callers only, and never suggests field names', async () => {
    expectGraphQLError(await gql(production, getIntrospectionQuery()), 'UNAUTHENTICATED');
    const token = new Factory(production).token(admin.user);
    expectData(await gql(production, getIntrospectionQuery(), { token }));
    const typo = await gql(production, '{ doctorz { totalCount } }', { token });
    expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    const typoInDevelopment = await gql(app, '{ doctorz { totalCount } }', { token: admin.token });
    expect(typoInDevelopment.errors?.[0]?.message).toMatch(/did you mean/i);
  });

  it('allows no browser origin unless CORS_ORIGINS lists it', async () => {
    const preflight = await fetch(`${production.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS allowlist', () => {
  it('answers a preflight from a listed origin with the methods and headers a partner app needs', async () => {
    const withCors = await startTestApp(database.url, {
      CORS_ORIGINS: 'https://partner.example,http://localhost:5173',
    });
    const preflight = await fetch(`${withCors.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(preflight.headers.get('vary')).toContain('Origin');
    const actual = await post(withCors, { query: '{ serverTime }' }, { origin: 'https://partner.example' });
    expect(actual.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
    const other = await post(withCors, { query: '{ serverTime }' }, { origin: 'https://other.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit shared by two API processes', () => {
  it('answers 429 with Retry-After once the budget is spent on either process, then serves again after the window', async () => {
    const limited = { RATE_LIMIT_POINTS: '40', RATE_LIMIT_WINDOW_SECONDS: '2' };
    const [processA, processB] = await Promise.all([
      startTestApp(database.url, limited),
      startTestApp(database.url, limited),
    ]);
    const caller = await factory.patient();
    const query = { query: '{ doctors(first: 2) { edges { node { id firstName } } } }' }; // 1 + 2 × 4 = 9
    const auth = { authorization: `Bearer ${caller.token}` };
    const first = await post(processA, query, auth);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('40');
    expect(first.headers.get('ratelimit-remaining')).toBe('31');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const answers = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(await post(i % 2 === 0 ? processB : processA, query, auth));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    const refused = answers[3]!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect((refused.body['errors'] as { extensions: { code: string } }[])[0]!.extensions.code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // Another caller (here an anonymous one, by address) has their own budget.
    expect((await post(processB, query, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000 + 200));
    const again = await post(processB, query, auth);
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe('31');
  });
});

describe('rate limit of the routes outside GraphQL that read whole charts', () => {
  it('charges the record download and the $export kick-off against the caller budget: 429 with Retry-After and a clear body', async () => {
    // Room for two whole-chart reads (500 each) or one kick-off (1,000), not more.
    const limited = await startTestApp(database.url, { RATE_LIMIT_POINTS: '1200', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const patient = await factory.patient();
    const download = (kind: 'json' | 'pdf') =>
      fetch(`${limited.url}/health-record/${patient.profile.id}.${kind}`, {
        headers: { authorization: `Bearer ${patient.token}` },
      });
    const first = await download('json');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('700');
    expect((await download('pdf')).status).toBe(200);
    for (const kind of ['json', 'pdf'] as const) {
      const refused = await download(kind);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      const error = ((await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] })
        .errors[0]!;
      expect(error.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(error.extensions['retryAfterSeconds']).toBeGreaterThan(0);
      expect(error.message).toMatch(/^Too many requests: this caller's budget of 1200 cost points is spent/);
    }
    // The same budget as GraphQL's: the patient's queries are refused too.
    expect(
      (await post(limited, { query: '{ serverTime }' }, { authorization: `Bearer ${patient.token}` })).status,
    ).toBe(429);

    const exporter = await factory.admin();
    const kickOff = () =>
      fetch(`${limited.url}/fhir/R4/$export`, {
        headers: {
          authorization: `Bearer ${exporter.token}`,
          prefer: 'respond-async',
          accept: 'application/fhir+json',
        },
      });
    const started = await kickOff();
    expect(started.status).toBe(202);
    expect(started.headers.get('ratelimit-remaining')).toBe('200');
    const throttled = await kickOff();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    const issue = ((await throttled.json()) as OperationOutcome).issue[0]!;
    expect(issue).toMatchObject({
      severity: 'error',
      code: 'throttled',
      details: { coding: [{ code: 'TOO_MANY_REQUESTS' }] },
    });
    expect(issue.details?.text).toMatch(/^Too many requests: this caller's budget of 1200 cost points is spent/);
  });
});

describe('rate limit of FHIR reads and searches', () => {
  it('charges a read one resource and a search its page, from the same budget as GraphQL', async () => {
    const limited = await startTestApp(database.url, { RATE_LIMIT_POINTS: '300', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const patient = await factory.patient();
    const fhir = (path: string) =>
      fetch(`${limited.url}/fhir/R4/${path}`, {
        headers: { authorization: `Bearer ${patient.token}`, accept: 'application/fhir+json' },
      });
    const read = await fhir(`Patient/${patient.profile.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('ratelimit-remaining')).toBe('290');
    // A page of 20 (the default) costs 20 resources' worth, whatever it finds.
    const search = await fhir('Appointment');
    expect(search.status).toBe(200);
    expect(search.headers.get('ratelimit-remaining')).toBe('90');
    const refused = await fhir('Appointment?_count=10');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as OperationOutcome).issue[0]).toMatchObject({
      code: 'throttled',
      details: { coding: [{ code: 'TOO_MANY_REQUESTS' }] },
    });
    // The same budget as GraphQL's.
    expect(
      (await post(limited, { query: '{ serverTime }' }, { authorization: `Bearer ${patient.token}` })).status,
    ).toBe(429);
  });
});

describe('Idempotency-Key', () => {
  it('runs two racing identical requests once and answers both with the first answer', async () => {
    const patient: Account<Patient> = await factory.patient();
    const key = randomUUID();
    const body = { query: BOOK, variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } } };
    const headers = { authorization: `Bearer ${patient.token}`, 'idempotency-key': key };
    const [one, two] = await Promise.all([post(app, body, headers), post(app, body, headers)]);
    expect(one.body['errors']).toBeUndefined();
    expect(two.body).toEqual(one.body);
    expect([one.headers.get('idempotent-replayed'), two.headers.get('idempotent-replayed')].sort()).toEqual([
      null,
      'true',
    ]);
    const booked = await database.query('select id from appointment where patient_id = $1', [patient.profile.id]);
    expect(booked).toHaveLength(1);

    // A retry after a timeout gets the same answer; nothing is booked again.
    const retry = await post(app, body, headers);
    expect(retry.body).toEqual(one.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    // The same key with another body is refused; another caller's same key is theirs alone.
    const other = await post(
      app,
      { ...body, variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } } },
      headers,
    );
    expect(other.status).toBe(422);
    expect((other.body['errors'] as { extensions: { code: string } }[])[0]!.extensions.code).toBe('CONFLICT');
    const stranger = await factory.patient();
    const theirs = await post(
      app,
      { query: BOOK, variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } } },
      {
        authorization: `Bearer ${stranger.token}`,
        'idempotency-key': key,
      },
    );
    expect(theirs.body['errors']).toBeUndefined();
    expect(await database.query('select id from appointment where patient_id = $1', [patient.profile.id])).toHaveLength(
      1,
    );
    const stored = await database.query<{ created_at: Date }>('select created_at from idempotency_key where key = $1', [
      key,
    ]);
    expect(stored).toHaveLength(2);
  });

  it('keeps the first answer even when it was an error, and refuses keys that are not 1–255 visible characters', async () => {
    const patient = await factory.patient();
    const headers = { authorization: `Bearer ${patient.token}`, 'idempotency-key': randomUUID() };
    const past = {
      query: BOOK,
      variables: { input: { doctorId: doctor.profile.id, startsAt: '2020-01-01T09:00:00.000Z' } },
    };
    const first = await post(app, past, headers);
    expect((first.body['errors'] as { extensions: { code: string } }[])[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await post(app, past, headers)).body).toEqual(first.body);
    const tooLong = await post(app, past, { ...headers, 'idempotency-key': 'k'.repeat(256) });
    expect(
      (tooLong.body['errors'] as { extensions: { code: string; fields: unknown } }[])[0]!.extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'Idempotency-Key' }],
    });
  });
});
