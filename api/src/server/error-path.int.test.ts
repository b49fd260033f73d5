import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql, type GraphQLErrorShape } from '../../test/graphql.js';
import { RawSocket, type ServerMessage } from '../../test/raw-ws.js';
import { encodeCursor } from '../shared/pagination.js';
import type { Application } from './bootstrap.js';

let app: Application;
let factory: Factory;

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
});

const errorsOf = (message: ServerMessage | undefined): GraphQLErrorShape[] =>
  Array.isArray(message?.payload) ? message.payload : (message?.payload?.errors ?? []);

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** A query nested `depth` fields deep, through real fields. */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = 1; level < depth; level += 1) {
    selection = level % 2 ? `patient { ${selection} }` : `appointments { edges { node { ${selection} } } }`;
  }
  return `{ me { ${selection} } }`;
}

describe('GraphQL over WebSocket', () => {
  it('answers a broken subscribe message with an error for that operation only; the others live on', async () => {
    const { token } = await factory.patient();
    const socket = await RawSocket.open(app, token);
    socket.subscribe('live', { query: 'subscription { appointmentUpdated { kind } }' });
    const broken: Record<string, string> = {
      syntax: 'subscription { appointmentUpdated { kind }',
      empty: '',
      deep: nested(20),
      unknown: '{ noSuchField }',
      twoOperations: 'query A { serverTime } query B { serverTime }',
      nul: '{ serverTime \u0000 }',
    };
    for (const [id, query] of Object.entries(broken)) {
      socket.subscribe(id, { query });
    }
    for (const id of Object.keys(broken)) {
      await socket.ended(id);
      const [message] = socket.of(id);
      expect(message?.type, id).toBe('error');
      const errors = errorsOf(message);
      expect(errors.length, id).toBeGreaterThan(0);
      expect(
        errors.map((error) => error.extensions.code),
        id,
      ).toEqual(errors.map(() => 'BAD_USER_INPUT'));
    }
    expect(errorsOf(socket.of('deep')[0]).some((error) => /nested \d+ levels deep/.test(error.message))).toBe(true);

    // The socket and the live subscription are untouched: a query on it still runs.
    socket.subscribe('after', { query: '{ serverTime }' });
    await socket.ended('after');
    expect(socket.of('after')[0]?.type).toBe('next');
    expect(socket.of('live')).toEqual([]);
    expect(socket.open).toBe(true);
    socket.close();
  });

  it('formats errors exactly like HTTP: code, fields, reason', async () => {
    const one = await factory.patient();
    const other = await factory.patient();
    const socket = await RawSocket.open(app, one.token);
    const cases: { query: string; variables?: Record<string, unknown> }[] = [
      { query: `{ patient(id: "${other.profile.id}") { id } }` },
      { query: '{ patient(id: "not-a-uuid") { id } }' },
      {
        query: 'query ($from: DateTime!) { availableSlots(doctorId: "x", from: $from, to: $from) { startsAt } }',
        variables: { from: '0000-01-01T00:00:00Z' },
      },
      {
        query: 'mutation ($reason: String) { cancelAppointment(id: "x", reason: $reason) { id } }',
        variables: { reason: 'a\u0000b' },
      },
    ];
    for (const [index, operation] of cases.entries()) {
      const overHttp = await gql(app, operation.query, { token: one.token, variables: operation.variables });
      const id = `case-${index}`;
      socket.subscribe(id, { query: operation.query, variables: operation.variables ?? {} });
      await socket.ended(id);
      const overWs = errorsOf(socket.of(id).find((message) => message.type !== 'complete'));
      expect(overHttp.errors, operation.query).toBeDefined();
      expect(overWs, operation.query).toEqual(overHttp.errors);
    }
    expect(socket.open).toBe(true);
    socket.close();
  });
});

describe('client input never becomes INTERNAL_SERVER_ERROR', () => {
  it('refuses forged and stale cursors as BAD_USER_INPUT naming `after`', async () => {
    const forged = [
      encodeCursor(['Smith', 'Ann', 'not-a-uuid']),
      encodeCursor(['Smith', 'Ann']),
      encodeCursor([1, 2, 3]),
      encodeCursor(['2026-03-02T09:30:00.000Z', '3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a9b']),
      'not base64 at all!',
      Buffer.from('{"a":1}').toString('base64url'),
    ];
    for (const after of forged) {
      const response = await gql(app, 'query ($after: String) { doctors(first: 5, after: $after) { totalCount } }', {
        variables: { after },
      });
      const error = expectGraphQLError(response, 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ field: 'after', message: 'is not a cursor from this list' }]);
    }
  });

  it('refuses a DateTime in year 0000 as BAD_USER_INPUT naming the argument, as a variable or a literal', async () => {
    const { profile } = await factory.doctor();
    const asVariable = await gql(
      app,
      'query ($from: DateTime!, $to: DateTime!) { availableSlots(doctorId: $d, from: $from, to: $to) { startsAt } }'.replace(
        '$d',
        `"${profile.id}"`,
      ),
      { variables: { from: '0000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
    );
    expect(expectGraphQLError(asVariable, 'BAD_USER_INPUT').extensions.fields?.[0]?.field).toBe('from');
    const asLiteral = await gql(
      app,
      `{ availableSlots(doctorId: "${profile.id}", from: "2026-01-01T00:00:00Z", to: "0000-01-01T00:00:00Z") { startsAt } }`,
    );
    expect(expectGraphQLError(asLiteral, 'BAD_USER_INPUT').extensions.fields?.[0]?.field).toBe('to');
  });

  it('refuses text PostgreSQL cannot hold, naming the field, in any argument', async () => {
    const { token } = await factory.admin();
    const nulInScalar = await gql(app, 'query ($s: String) { patients(search: $s) { totalCount } }', {
      token,
      variables: { s: 'ab\u0000c' },
    });
    expect(expectGraphQLError(nulInScalar, 'BAD_USER_INPUT').extensions.fields).toEqual([
      { field: 'search', message: 'must not contain a NUL character' },
    ]);
    const nulInInput = await gql(
      app,
      'mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }',
      {
        variables: {
          input: {
            email: 'nul@example.com',
            password: 'long-enough-passphrase',
            firstName: 'A\u0000',
            lastName: 'B',
            dateOfBirth: '1980-01-01',
          },
        },
      },
    );
    expect(expectGraphQLError(nulInInput, 'BAD_USER_INPUT').extensions.fields?.[0]?.field).toBe('input.firstName');
    // A lone surrogate (as a JSON escape) has no UTF-8 form.
    const lone = await post(
      '{"query":"query ($s: String) { doctors(search: $s) { totalCount } }","variables":{"s":"x\\ud800y"}}',
    );
    const body = JSON.parse(lone.text) as { errors: GraphQLErrorShape[] };
    expect(body.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'search', message: 'is not valid UTF-8 text' }],
    });
    // Bytes that are not UTF-8 at all are refused with the body.
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"query":"{ doctors(search: \\"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('\\") { totalCount } }"}'),
      ]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: GraphQLErrorShape[] }).errors[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses a subscription over HTTP with a clear code', async () => {
    const { token } = await factory.patient();
    const response = await gql(app, 'subscription { appointmentUpdated { kind } }', { token });
    expect(response.status).toBe(400);
    const error = expectGraphQLError(response, 'BAD_USER_INPUT');
    expect(error.extensions['detail']).toBe('SUBSCRIPTION_OVER_HTTP');
    expect(error.message).toMatch(/WebSocket/);
  });

  it('answers a persisted-query hash mismatch with a client code', async () => {
    const query = '{ serverTime }';
    const wrong = createHash('sha256').update('{ somethingElse }').digest('hex');
    const response = await post(
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }),
    );
    expect(response.status).toBe(400);
    const error = (JSON.parse(response.text) as { errors: GraphQLErrorShape[] }).errors[0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', detail: 'PERSISTED_QUERY_HASH_MISMATCH' });
    const right = createHash('sha256').update(query).digest('hex');
    const matching = await post(
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: right } } }),
    );
    expect(matching.status).toBe(200);
  });

  it('answers refused bodies without stack traces or paths', async () => {
    const refused = [
      await post('{"query": "{ serverTime }"'),
      await post('{"query": "Grundlewick'),
      await post(JSON.stringify({ query: `{ serverTime } # ${'x'.repeat(300_000)}` })),
      await post('{}', { 'content-type': 'application/json; charset=latin1' }),
    ];
    for (const response of refused) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const body = JSON.parse(response.text) as { errors: GraphQLErrorShape[] };
      expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(response.text).not.toMatch(/\s{2,}at \S|\/work\/|node_modules|Grundlewick|"stack/i);
    }
    expect(refused.map((response) => response.status)).toEqual([400, 400, 413, 415]);
  });

  it('keeps answering known errors as before', async () => {
    expectData(await gql(app, '{ serverTime }'));
    expectGraphQLError(await gql(app, '{ patients { totalCount } }'), 'UNAUTHENTICATED');
    const bad = await gql(app, '{ serverTime }', { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    expectGraphQLError(bad, 'UNAUTHENTICATED');
  });
});
