import express, { type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import type { Application } from './bootstrap.js';
import { CompiledDocuments } from './compiled-documents.js';
import { createErrorFormatter } from './errors.js';
import { contextOfHttpRequest, directGraphQL, readJsonBody } from './graphql-http.js';
import { IdempotencyStore } from './idempotency.js';
import { CostRateLimiter } from './rate-limit.js';
import { refusedRequestHandler } from './refused-requests.js';
import { buildAppSchema } from './schema.js';
import { aliasLimit, depthLimit } from './validation-rules.js';

/**
 * The direct path (graphql-http.ts) against Apollo, over real HTTP: the application answers each
 * request once as sent (the direct path takes it) and once with an empty `extensions` object
 * (which only Apollo handles); both answers must be the same bytes, status and headers. A second
 * server runs the direct path alone, with a sentinel behind it, to show which requests it takes
 * and which it leaves to Apollo.
 */

const FELL_THROUGH = 599;

let app: Application;
let schema: GraphQLSchema;
let directOnly: Server;
let directUrl: string;
let tokens: Record<'admin' | 'doctor' | 'patient' | 'stranger', string>;
let patientId: string;
let visitId: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  schema = await buildAppSchema();
  const factory = new Factory(app);
  const [admin, doctor, stranger] = await Promise.all([factory.admin(), factory.doctor(), factory.patient()]);
  const patient = await factory.patient({ allergies: ['penicillin'] });
  patientId = patient.profile.id;
  const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 50 * 3_600_000).toISOString();
  const booked = await gql<{ bookAppointment: { id: string } }>(
    app,
    `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
    { variables: { input: { doctorId: doctor.profile.id, startsAt, reason: 'Cough' } }, token: patient.token },
  );
  visitId = expectData(booked).bookAppointment.id;
  tokens = { admin: admin.token, doctor: doctor.token, patient: patient.token, stranger: stranger.token };

  // The direct path alone: what it does not take reaches the sentinel.
  const formatError = createErrorFormatter(app.logger);
  const em = app.orm.em;
  const limits = {
    schema,
    settings: app.settings,
    logger: app.logger,
    limiter: new CostRateLimiter(em, app.settings.rateLimitPoints, app.settings.rateLimitWindowSeconds, app.logger),
    idempotency: new IdempotencyStore(em),
  };
  const direct = express();
  direct.use((_request, response, next) => {
    response.locals['requestId'] = randomUUID();
    next();
  });
  direct.use(
    '/graphql',
    readJsonBody,
    directGraphQL({
      schema,
      validationRules: [depthLimit(12), aliasLimit(30)],
      dependencies: app.dependencies,
      formatError,
      limits,
      compiled: new CompiledDocuments(schema),
      logger: app.logger,
      metrics: app.metrics,
    }),
    (_request, response) => {
      response.status(FELL_THROUGH).end();
    },
  );
  direct.use(refusedRequestHandler(formatError));
  directOnly = createServer(direct);
  await new Promise<void>((resolve) => directOnly.listen(0, resolve));
  directUrl = `http://127.0.0.1:${(directOnly.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => directOnly.close(resolve));
});

interface Sent {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly rateLimited: boolean;
  readonly retryAfter: string | null;
  readonly body: string;
}

async function send(base: string, sent: Sent, extra: Record<string, unknown> = {}): Promise<Answer> {
  const requestId = `req-${randomUUID()}`;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      ...(sent.token ? { authorization: `Bearer ${sent.token}` } : {}),
      ...sent.headers,
    },
    body: JSON.stringify({
      query: sent.query,
      variables: sent.variables ?? {},
      ...(sent.operationName ? { operationName: sent.operationName } : {}),
      ...extra,
    }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    rateLimited: response.headers.get('ratelimit-limit') !== null && response.headers.get('ratelimit-policy') !== null,
    retryAfter: response.headers.get('retry-after'),
    // The request id (in a masked error) is each request's own.
    body: (await response.text()).replaceAll(requestId, '<request id>'),
  };
}

/** The application's answer via the direct path and via Apollo (an empty `extensions` sends it there). */
async function bothWays(sent: Sent): Promise<{ direct: Answer; apollo: Answer }> {
  const direct = await send(app.url, sent);
  const apollo = await send(app.url, sent, { extensions: {} });
  return { direct, apollo };
}

const WEEK = `query Week($from: DateTime!, $to: DateTime!) {
  appointments(filter: { from: $from, to: $to }, first: 20) {
    totalCount edges { node { id startsAt status reason patient { id firstName lastName allergies } } }
  } }`;

describe('GraphQL over HTTP: the direct path answers as Apollo does', () => {
  const taken: [string, () => Sent][] = [
    ['a signed-in read', () => ({ query: '{ me { id email role active } }', token: tokens.doctor })],
    [
      "a doctor's week with nested patients and a count",
      () => ({
        query: WEEK,
        operationName: 'Week',
        variables: {
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
        token: tokens.doctor,
      }),
    ],
    [
      'a chart read (audited) with aliases, fragments and __typename',
      () => ({
        query: `query ($id: ID!) { p: patient(id: $id) { __typename ...Names allergies } }
                fragment Names on Patient { id firstName lastName }`,
        variables: { id: patientId },
        token: tokens.doctor,
      }),
    ],
    [
      'a refusal inside execution (FORBIDDEN, with its path)',
      () => ({
        query: 'query ($id: ID!) { patient(id: $id) { id firstName } }',
        variables: { id: patientId },
        token: tokens.stranger,
      }),
    ],
    [
      'a refused nested field among allowed ones',
      () => ({
        query: 'query ($id: ID!) { appointment(id: $id) { id status patient { id allergies } } }',
        variables: { id: visitId },
        token: tokens.stranger,
      }),
    ],
    [
      'a mutation that fails in its service (NOT_FOUND)',
      () => ({
        query: 'mutation ($id: ID!) { cancelAppointment(id: $id) { id } }',
        variables: { id: randomUUID() },
        token: tokens.admin,
      }),
    ],
    ['an anonymous read', () => ({ query: '{ __typename }' })],
    [
      'introspection by a signed-in caller',
      () => ({ query: '{ __schema { queryType { name } } }', token: tokens.admin }),
    ],
    [
      'variables that do not fit (BAD_USER_INPUT naming the variable, nothing run)',
      () => ({ query: 'query ($id: ID!) { patient(id: $id) { id } }', token: tokens.doctor }),
    ],
    [
      'a query over the cost limit (QUERY_TOO_COMPLEX, refused before it runs)',
      () => ({
        query: '{ patients(first: 100) { edges { node { appointments(first: 100) { edges { node { id } } } } } } }',
        token: tokens.admin,
      }),
    ],
    [
      "Apollo Client's Accept header (the GraphQL-over-HTTP media type)",
      () => ({
        query: '{ me { id } }',
        token: tokens.patient,
        headers: { accept: 'application/graphql-response+json,application/json;q=0.9' },
      }),
    ],
  ];

  it.each(taken)('%s: the direct path takes it, and its answer is byte for byte Apollo’s', async (_name, make) => {
    const sent = make();
    const alone = await send(directUrl, sent);
    expect(alone.status, alone.body).not.toBe(FELL_THROUGH);
    const { direct, apollo } = await bothWays(sent);
    expect(direct).toEqual(apollo);
    expect(direct.rateLimited).toBe(true);
    expect(alone.body).toBe(direct.body);
  });

  const leftToApollo: [string, () => Sent][] = [
    ['a document that does not parse', () => ({ query: '{ me { id ', token: tokens.doctor })],
    ['a document that does not validate', () => ({ query: '{ me { nope } }', token: tokens.doctor })],
    ['an unknown operation name', () => ({ query: '{ me { id } }', operationName: 'Other', token: tokens.doctor })],
    [
      'a subscription (refused over HTTP)',
      () => ({ query: 'subscription { appointmentChanged { id } }', token: tokens.doctor }),
    ],
    ['a bad token', () => ({ query: '{ me { id } }', token: 'not-a-token' })],
    [
      'a mutation with an Idempotency-Key',
      () => ({
        query: 'mutation ($id: ID!) { cancelAppointment(id: $id) { id } }',
        variables: { id: randomUUID() },
        token: tokens.admin,
        headers: { 'idempotency-key': randomUUID() },
      }),
    ],
    [
      'another Accept header',
      () => ({ query: '{ me { id } }', token: tokens.doctor, headers: { accept: 'text/html' } }),
    ],
  ];

  it.each(leftToApollo)('%s: left to Apollo, which answers as before', async (_name, make) => {
    const sent = make();
    expect((await send(directUrl, sent)).status).toBe(FELL_THROUGH);
    const { direct, apollo } = await bothWays(sent);
    // Parsed: an idempotent replay comes back from PostgreSQL (jsonb) with its keys reordered.
    expect({ ...direct, body: JSON.parse(direct.body) as unknown }).toEqual({
      ...apollo,
      body: JSON.parse(apollo.body) as unknown,
    });
  });

  it('hands Apollo the context (or the refusal) the direct path made: the caller is looked up once a request', async () => {
    const request = {
      ip: '127.0.0.1',
      socket: {},
      headers: { authorization: 'Bearer not-a-token' },
    } as unknown as Request;
    const response = { locals: { requestId: 'req-once' }, append: () => undefined } as unknown as Response;
    const forks = vi.spyOn(app.dependencies.em, 'fork');
    try {
      const direct = contextOfHttpRequest(app.dependencies, request, response);
      const apollo = contextOfHttpRequest(app.dependencies, request, response);
      expect(forks).toHaveBeenCalledTimes(1);
      expect(apollo).toBe(direct);
      await expect(apollo).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      // Another request, another context.
      const other = contextOfHttpRequest(app.dependencies, request, { ...response, locals: {} } as Response);
      expect(other).not.toBe(direct);
      await expect(other).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      forks.mockRestore();
    }
  });

  it('leaves batches, GET and persisted queries to Apollo', async () => {
    const batch = await fetch(`${directUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(FELL_THROUGH);
    const get = await fetch(`${directUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(FELL_THROUGH);
    const persisted = await send(directUrl, { query: '{ __typename }' }, { extensions: { persistedQuery: {} } });
    expect(persisted.status).toBe(FELL_THROUGH);
  });
});

describe('the JSON body reader', () => {
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses what express.json refuses, with the same answers', async () => {
    for (const [body, message] of [
      ['{"query": ', 'The request body is not valid JSON.'],
      ['"just a string"', 'The request body is not valid JSON.'],
      [new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'The request body is not valid UTF-8.'],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(answer.errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('leaves a body over the limit and a chunked body to express.json', async () => {
    const large = await post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300 * 1024)}` }));
    expect(large.status).toBe(413);
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":'));
        controller.enqueue(new TextEncoder().encode('"{ __typename }"}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    });
    expect(chunked.status).toBe(200);
    expect(await chunked.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
