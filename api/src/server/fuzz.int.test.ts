import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import type { GraphQLErrorShape } from '../../test/graphql.js';
import { int, pick, random, type Rng } from '../../test/random.js';
import { RawSocket, type ServerMessage } from '../../test/raw-ws.js';
import { ERROR_CODES } from '../shared/errors.js';
import { encodeCursor } from '../shared/pagination.js';
import type { Application } from './bootstrap.js';

/**
 * Malformed requests from a fixed seed, over HTTP and over WebSocket: no client input of any
 * shape may yield INTERNAL_SERVER_ERROR (or a 5xx), a code outside the contract, a stack trace,
 * or a closed socket.
 */
const SEED = 0x9b_e7707;
const HTTP_REQUESTS = 320;
const WS_OPERATIONS = 240;

const UUID = '3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a9b';

/** Values of every wrong kind for any argument. */
function badValue(rng: Rng): unknown {
  return pick<() => unknown>(rng, [
    () => 'a\u0000b',
    () => `x\ud800y`,
    () => '\udc00',
    () => '',
    () => ' '.repeat(int(rng, 1, 5)),
    () => 'x'.repeat(int(rng, 1_000, 20_000)),
    () => -int(rng, 1, 1e9),
    () => 2 ** int(rng, 31, 60),
    () => 1.5,
    () => Number.MAX_SAFE_INTEGER,
    () => null,
    () => true,
    () => [],
    () => [1, 'two', null],
    () => ({}),
    () => ({ nested: { deeper: ['\u0000'] } }),
    () => '0000-01-01T00:00:00Z',
    () => '2026-13-45T25:61:61Z',
    () => '2026-02-30',
    () => '9999-12-31T23:59:59.999+14:00',
    () => 'not-a-uuid',
    () => UUID,
    () => UUID.toUpperCase(),
    () => `${UUID}\u0000`,
    () => "'; drop table patient; --",
    () => '%_\\',
    () => encodeCursor(['0000-01-01T00:00:00.000Z', UUID]),
    () => encodeCursor(['2026-03-02T09:30:00.000Z', 'nope']),
    () => encodeCursor(['Smith', 'Ann', UUID]),
    () => encodeCursor([1e308, -1]),
    () => Buffer.from('[[[[[[]]]]]]').toString('base64url'),
    () => '!!!not base64!!!',
    () => 'J06.9',
    () => 'UTC',
    () => 'Mars/Olympus_Mons',
  ])();
}

/** Operations with their variables' declared types, from the real schema. */
const OPERATIONS: readonly { query: string; variables: readonly string[] }[] = [
  {
    query:
      'query ($first: Int, $after: String, $search: String) { doctors(first: $first, after: $after, search: $search) { totalCount edges { cursor node { id } } } }',
    variables: ['first', 'after', 'search'],
  },
  {
    query:
      'query ($first: Int, $after: String, $search: String) { patients(first: $first, after: $after, search: $search) { totalCount edges { node { id } } } }',
    variables: ['first', 'after', 'search'],
  },
  { query: 'query ($id: ID!) { patient(id: $id) { id timeline(first: 3) { edges { cursor } } } }', variables: ['id'] },
  {
    query:
      'query ($id: ID!, $first: Int, $after: String) { patient(id: $id) { appointments(first: $first, after: $after) { totalCount } } }',
    variables: ['id', 'first', 'after'],
  },
  {
    query:
      'query ($d: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(doctorId: $d, from: $from, to: $to) { startsAt } }',
    variables: ['d', 'from', 'to'],
  },
  {
    query:
      'query ($from: DateTime!, $to: DateTime!, $tz: String) { analytics(from: $from, to: $to, timezone: $tz) { __typename } }',
    variables: ['from', 'to', 'tz'],
  },
  {
    query:
      'query ($first: Int, $after: String, $from: DateTime, $p: ID) { auditEvents(first: $first, after: $after, from: $from, patientId: $p) { totalCount } }',
    variables: ['first', 'after', 'from', 'p'],
  },
  {
    query:
      'query ($first: Int, $after: String, $u: Boolean) { notifications(first: $first, after: $after, unreadOnly: $u) { totalCount } }',
    variables: ['first', 'after', 'u'],
  },
  {
    query:
      'query ($id: ID!) { appointment(id: $id) { id } medicalRecord(id: $id) { id } prescription(id: $id) { id } doctor(id: $id) { id } }',
    variables: ['id'],
  },
  {
    query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: ['e', 'p'],
  },
  {
    query: 'mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }',
    variables: ['input'],
  },
  { query: 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }', variables: ['input'] },
  {
    query: 'mutation ($id: ID!, $r: String) { cancelAppointment(id: $id, reason: $r) { id } }',
    variables: ['id', 'r'],
  },
  {
    query: 'mutation ($id: ID!, $s: DateTime!) { rescheduleAppointment(id: $id, startsAt: $s) { id } }',
    variables: ['id', 's'],
  },
  {
    query: 'mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { id } }',
    variables: ['input'],
  },
  {
    query: 'mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }',
    variables: ['input'],
  },
  {
    query: 'mutation ($id: ID!, $n: String) { requestRepeatPrescription(prescriptionId: $id, note: $n) { id } }',
    variables: ['id', 'n'],
  },
  {
    query: 'mutation ($id: ID!, $r: String!) { declineRepeatRequest(id: $id, reason: $r) { id } }',
    variables: ['id', 'r'],
  },
  { query: 'mutation ($id: ID!) { withdrawRepeatRequest(id: $id) { id } }', variables: ['id'] },
  { query: 'mutation ($r: String) { requestErasure(reason: $r) { id } }', variables: ['r'] },
  { query: 'mutation ($id: ID!) { withdrawErasureRequest(id: $id) { id } }', variables: ['id'] },
  {
    query:
      'mutation ($id: ID!, $input: DecideErasureRequestInput!) { decideErasureRequest(id: $id, input: $input) { id } }',
    variables: ['id', 'input'],
  },
  {
    query: 'query ($s: [AccessAlertStatus!], $a: String) { accessAlerts(status: $s, after: $a) { totalCount } }',
    variables: ['s', 'a'],
  },
  {
    query: 'mutation ($id: ID!, $input: ReviewAccessAlertInput!) { reviewAccessAlert(id: $id, input: $input) { id } }',
    variables: ['id', 'input'],
  },
  {
    query: 'query ($s: [ErasureRequestStatus!], $a: String) { erasureRequests(status: $s, after: $a) { totalCount } }',
    variables: ['s', 'a'],
  },
  { query: 'mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id } }', variables: ['input'] },
  {
    query: 'mutation ($id: ID!, $input: UpdateDoctorInput!) { updateDoctor(id: $id, input: $input) { id } }',
    variables: ['id', 'input'],
  },
  {
    query:
      'mutation ($d: ID!, $rules: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $d, rules: $rules) { id } }',
    variables: ['d', 'rules'],
  },
  { query: 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', variables: ['t'] },
  {
    query: 'mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id } }',
    variables: ['p', 'r'],
  },
];

/** Ids of rows that exist (so a request gets past "not found" to the SQL behind it). */
const realIds: string[] = [];

/** A value aimed at one kind of argument, else any wrong value. */
function valueFor(name: string, rng: Rng): unknown {
  const time = () =>
    pick(rng, ['0000-01-01T00:00:00.000Z', '2026-02-30T00:00:00.000Z', 'yesterday', '2026-03-02T09:30:00.000Z']);
  const id = () => pick(rng, [...realIds, 'nope', `${UUID}'`, '', UUID]);
  switch (name) {
    case 'after':
      return pick<() => unknown>(rng, [
        () => encodeCursor([time(), id()]),
        () => encodeCursor([pick(rng, ['', 'a\u0000', 'Smith']), pick(rng, ['Ann', 1]), id()]),
        () => encodeCursor([time(), id(), time()]),
        () => Buffer.from(JSON.stringify([time(), id()])).toString('base64'),
      ])();
    case 'first':
      return pick(rng, [-1, 0, 101, 2 ** 31, -(2 ** 31), 1e20, 0.5, '10']);
    case 'id':
    case 'p':
    case 'd':
      return id();
    case 'from':
    case 'to':
    case 's':
      return time();
    default:
      return badValue(rng);
  }
}

/** A well-typed, plausible value, so that one bad value next to it reaches the code behind. */
function goodValue(name: string, rng: Rng): unknown {
  switch (name) {
    case 'first':
      return 5;
    case 'id':
    case 'p':
    case 'd':
      return pick(rng, realIds);
    case 'from':
    case 's':
      return '2026-03-02T09:30:00.000Z';
    case 'to':
      return '2026-03-09T09:30:00.000Z';
    case 'tz':
      return 'Europe/Berlin';
    case 'u':
      return true;
    case 'e':
      return 'someone@example.com';
    default:
      return undefined;
  }
}

/** Input objects with wrong, missing, extra and hostile fields. */
function badInput(rng: Rng): unknown {
  const fields = [
    'email',
    'password',
    'firstName',
    'lastName',
    'dateOfBirth',
    'doctorId',
    'patientId',
    'startsAt',
    'type',
    'reason',
    'items',
    'diagnoses',
    'notes',
    'specialization',
    'licenseNumber',
    'timezone',
    'unknownField',
  ];
  const input: Record<string, unknown> = {};
  for (let count = int(rng, 0, 8); count > 0; count -= 1) {
    input[pick(rng, fields)] = rng() < 0.2 ? [{ medication: badValue(rng), code: badValue(rng) }] : badValue(rng);
  }
  return rng() < 0.1 ? badValue(rng) : input;
}

function nestedQuery(rng: Rng): string {
  let selection = 'id';
  for (let level = int(rng, 12, 60); level > 0; level -= 1) {
    selection = level % 2 ? `patient { ${selection} }` : `appointments { edges { node { ${selection} } } }`;
  }
  return `{ me { ${selection} } }`;
}

const GARBAGE_ALPHABET = '{}()[]:$!@#.,"\\ \n\tqueryfragmentonsubscriptionmutation__typename0123456789\u0000\u00e9';

/** One malformed GraphQL request: its JSON body (as an object), and what kind it is. */
function malformedOperation(rng: Rng): { kind: string; body: Record<string, unknown> } {
  const operation = pick(rng, OPERATIONS);
  // One targeted value among plausible ones: gets past coercion to the resolver and its SQL.
  const withOneBadVariable = () => {
    const target = pick(rng, operation.variables);
    return Object.fromEntries(
      operation.variables.map((name) => [
        name,
        name === target
          ? name === 'input' || name === 'rules'
            ? badInput(rng)
            : valueFor(name, rng)
          : goodValue(name, rng),
      ]),
    );
  };
  const withBadVariables = () => {
    const variables: Record<string, unknown> = {};
    for (const name of operation.variables) {
      if (rng() < 0.8) {
        variables[name] = name === 'input' || name === 'rules' ? badInput(rng) : badValue(rng);
      }
    }
    if (rng() < 0.2) {
      variables['undeclared'] = badValue(rng);
    }
    return variables;
  };
  return pick<() => { kind: string; body: Record<string, unknown> }>(rng, [
    () => ({ kind: 'one bad variable', body: { query: operation.query, variables: withOneBadVariable() } }),
    () => ({ kind: 'one bad variable', body: { query: operation.query, variables: withOneBadVariable() } }),
    () => ({ kind: 'one bad variable', body: { query: operation.query, variables: withOneBadVariable() } }),
    () => ({ kind: 'bad variables', body: { query: operation.query, variables: withBadVariables() } }),
    () => ({
      kind: 'literal first',
      body: {
        query: `{ doctors(first: ${pick(rng, ['-1', '0', '101', '99999999999', '1.5', '"ten"', 'null'])}) { totalCount } }`,
      },
    }),
    () => ({
      kind: 'literal cursor',
      body: {
        query: `{ doctors(after: ${JSON.stringify(String(rng() < 0.5 ? badValue(rng) : valueFor('after', rng)))}) { totalCount } }`,
      },
    }),
    () => ({
      kind: 'literal date',
      body: {
        query:
          `{ availableSlots(doctorId: "${UUID}", from: ${JSON.stringify(badValue(rng))}, to: "2026-01-01T00:00:00Z") { startsAt } }`.replace(
            /"(\w+)":/g,
            '$1:',
          ),
      },
    }),
    () => ({
      kind: 'literal NUL',
      body: { query: `{ doctors(search: "a\\u0000b") { totalCount } patients(search: "\\ud800") { totalCount } }` },
    }),
    () => ({
      kind: 'unknown field',
      body: {
        query: `{ ${pick(rng, ['nope', '__schema { nope }', 'doctors { nope }', 'me { password }', 'doctors(nope: 1) { totalCount }'])} }`,
      },
    }),
    () => ({ kind: 'deep', body: { query: nestedQuery(rng) } }),
    () => ({
      kind: 'aliases',
      body: { query: `{ ${Array.from({ length: int(rng, 31, 400) }, (_, i) => `a${i}: serverTime`).join(' ')} }` },
    }),
    () => ({
      kind: 'fragment cycle',
      body: { query: 'query { me { ...A } } fragment A on User { ...B } fragment B on User { ...A }' },
    }),
    () => ({
      kind: 'garbage text',
      body: { query: Array.from({ length: int(rng, 0, 200) }, () => pick(rng, [...GARBAGE_ALPHABET])).join('') },
    }),
    () => ({ kind: 'empty document', body: { query: pick(rng, ['', ' ', '#comment', '\u0000']) } }),
    () => ({ kind: 'query of wrong type', body: { query: badValue(rng) } }),
    () => ({
      kind: 'variables of wrong type',
      body: { query: operation.query, variables: pick(rng, ['{}', [], 1, true, 'x']) },
    }),
    () => ({
      kind: 'operation name',
      body: {
        query: 'query A { serverTime } query B { serverTime }',
        operationName: pick(rng, [undefined, 'C', 1, {}, '\u0000']),
      },
    }),
    () => ({ kind: 'subscription over HTTP', body: { query: 'subscription { appointmentUpdated { kind } }' } }),
    () => ({
      kind: 'persisted query',
      body: {
        query: '{ serverTime }',
        extensions: {
          persistedQuery: { version: pick(rng, [1, 2, 'x']), sha256Hash: pick(rng, ['00', 'x'.repeat(64), UUID]) },
        },
      },
    }),
    () => ({
      kind: 'persisted query',
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
    }),
    () => ({ kind: 'unknown keys', body: { query: '{ serverTime }', extensions: badValue(rng), nope: badValue(rng) } }),
  ])();
}

/** Every byte of the text's UTF-8 form as %XX (a lone surrogate becomes U+FFFD). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Raw HTTP requests that never reach GraphQL intact. */
function malformedHttp(rng: Rng): { kind: string; init: RequestInit; path?: string } {
  const json = { 'content-type': 'application/json' };
  return pick<() => { kind: string; init: RequestInit; path?: string }>(rng, [
    () => ({
      kind: 'truncated JSON',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify(malformedOperation(rng).body).slice(0, int(rng, 0, 30)),
      },
    }),
    () => ({
      kind: 'JSON of wrong shape',
      init: {
        method: 'POST',
        headers: json,
        body: pick(rng, ['[]', '1', '"x"', 'null', 'true', '[{"query":"{ serverTime }"}]']),
      },
    }),
    () => ({
      kind: 'random bytes',
      init: {
        method: 'POST',
        headers: json,
        body: Buffer.from(Array.from({ length: int(rng, 1, 300) }, () => int(rng, 0, 255))),
      },
    }),
    () => ({
      kind: 'too large',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: `{ serverTime } #${'x'.repeat(300_000)}` }),
      },
    }),
    () => ({
      kind: 'wrong content type',
      init: {
        method: 'POST',
        headers: {
          'content-type': pick(rng, [
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
            'multipart/form-data',
          ]),
        },
        body: '{"query":"{ serverTime }"}',
      },
    }),
    () => ({
      kind: 'GET',
      init: { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
      path: `/graphql?query=${encodeURIComponent(pick(rng, ['{ serverTime', 'mutation { logout(refreshToken: "x") }', '{ doctors(first: -1) { totalCount } }']))}&variables=${encodeURIComponent(pick(rng, ['{', '[]', '{"a":1}']))}`,
    }),
    () => ({
      kind: 'bad token',
      init: {
        method: 'POST',
        headers: {
          ...json,
          authorization: pick(rng, ['Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(5000)}`]),
        },
        body: '{"query":"{ serverTime }"}',
      },
    }),
    () => ({
      kind: 'PDF route',
      init: { method: 'GET' },
      path: `/prescriptions/${pick(rng, ['%ZZ', '%C3%28', '%00', percentEncoded(String(badValue(rng)).slice(0, 200))])}.pdf`,
    }),
  ])();
}

function expectClean(errors: readonly GraphQLErrorShape[] | undefined, what: string): void {
  for (const error of errors ?? []) {
    expect(error.extensions?.code, `${what}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    expect(ERROR_CODES as readonly string[], what).toContain(error.extensions?.code);
    expect(JSON.stringify(error), what).not.toMatch(/\s{2,}at \S|node_modules|\/work\/|"stack/);
  }
}

let app: Application;
let tokens: (string | undefined)[];

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  const factory = new Factory(app);
  const [admin, doctor, patient] = await Promise.all([factory.admin(), factory.doctor(), factory.patient()]);
  tokens = [undefined, admin.token, doctor.token, patient.token];
  realIds.push(doctor.profile.id, patient.profile.id, admin.user.id);
  // The doctor cares for the patient, so the doctor's requests reach the chart's lists.
  await factory.appointment(patient.profile, doctor.profile);
});

describe('fuzz: malformed requests never become internal errors', () => {
  it(`over HTTP: ${HTTP_REQUESTS} requests from seed ${SEED}`, async () => {
    const rng = random(SEED);
    const kinds = new Map<string, number>();
    for (let index = 0; index < HTTP_REQUESTS; index += 1) {
      const token = pick(rng, tokens);
      const raw = rng() < 0.3;
      const request = raw
        ? malformedHttp(rng)
        : (() => {
            const { kind, body } = malformedOperation(rng);
            return {
              kind,
              path: undefined,
              init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
            };
          })();
      kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
      const headers = new Headers(request.init.headers);
      if (token && !headers.has('authorization')) {
        headers.set('authorization', `Bearer ${token}`);
      }
      const response = await fetch(`${app.url}${request.path ?? '/graphql'}`, { ...request.init, headers });
      const text = await response.text();
      const what = `#${index} ${request.kind}: ${(typeof request.init.body === 'string' ? request.init.body : (request.path ?? 'bytes')).slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
      expect(response.status, what).toBeLessThan(500);
      expect(text, what).not.toMatch(/\s{2,}at \S|node_modules|\/work\/|<pre>/);
      if (response.headers.get('content-type')?.includes('json')) {
        expectClean((JSON.parse(text) as { errors?: GraphQLErrorShape[] }).errors, what);
      }
    }
    // Every shape was tried at least once.
    expect(kinds.size).toBeGreaterThanOrEqual(25);
  });

  it(`over WebSocket: ${WS_OPERATIONS} subscribe messages from seed ${SEED} on one socket`, async () => {
    const rng = random(SEED ^ 0x5eed);
    const socket = await RawSocket.open(app, tokens[1]);
    socket.subscribe('live', { query: 'subscription { appointmentUpdated { kind } }' });
    const sent: { id: string; what: string }[] = [];
    const live: { id: string; what: string }[] = [{ id: 'live', what: 'the first subscription' }];
    for (let index = 0; index < WS_OPERATIONS; index += 1) {
      const id = `op-${index}`;
      const { kind, body } = malformedOperation(rng);
      if (
        kind === 'subscription over HTTP' ||
        typeof body['query'] !== 'string' ||
        (body['variables'] !== undefined && (typeof body['variables'] !== 'object' || Array.isArray(body['variables'])))
      ) {
        // Not a subscribe message the protocol allows (graphql-ws closes with 4400 by design);
        // send the same document as a string, with its variables dropped.
        body['query'] = typeof body['query'] === 'string' ? body['query'] : String(body['query']);
        delete body['variables'];
      }
      const { query, variables, operationName } = body as {
        query: string;
        variables?: unknown;
        operationName?: unknown;
      };
      socket.subscribe(id, {
        query,
        ...(variables ? { variables } : {}),
        ...(typeof operationName === 'string' ? { operationName } : {}),
      });
      // A valid subscription stays live beside the broken ones, like the first.
      (kind === 'subscription over HTTP' ? live : sent).push({
        id,
        what: `${kind}: ${JSON.stringify(body).slice(0, 300)}`,
      });
    }
    const ended = (id: string) =>
      socket.of(id).some((message) => message.type === 'error' || message.type === 'complete');
    await socket
      .until(() => sent.every(({ id }) => ended(id)), 30_000)
      .catch((error: unknown) => {
        const running = sent.filter(({ id }) => !ended(id)).map(({ id, what }) => `${id} ${what}`);
        throw new Error(`${String(error)}; still running:\n${running.join('\n')}`);
      });
    for (const { id, what } of sent) {
      const messages = socket.of(id);
      for (const message of messages) {
        const errors = Array.isArray(message.payload)
          ? message.payload
          : (message.payload as ServerMessage['payload'] & { errors?: GraphQLErrorShape[] })?.errors;
        expectClean(errors, `${id} ${what}`);
      }
    }
    for (const { id } of live) {
      expect(socket.of(id), id).toEqual([]);
    }
    expect(live.length).toBeGreaterThan(1);
    expect(socket.open).toBe(true);
    socket.close();
  }, 60_000);
});
