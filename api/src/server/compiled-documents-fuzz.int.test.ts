import { randomUUID } from 'node:crypto';
import { execute, getNamedType, parse, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import { consentTo, createPartner, partnerToken } from '../../test/partners.js';
import { pick, random } from '../../test/random.js';
import { randomArguments, randomSelection, type SelectionOptions } from '../../test/selections.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import { createLogger } from '../shared/logger.js';
import type { Application } from './bootstrap.js';
import { CompiledDocuments } from './compiled-documents.js';
import { createContext } from './context.js';
import { createErrorFormatter } from './errors.js';
import { buildAppSchema } from './schema.js';

/**
 * graphql-jit against graphql-js on queries drawn at random from the whole schema (a fixed seed):
 * any root field with its arguments, any fields below it, as every kind of caller. The API runs
 * every everyday document through graphql-jit (compiled-documents.ts), so whatever the schema's
 * resolvers and guards decide must come out as graphql-js would send it: the same data, the same
 * nulls where a refusal or a missing row cut a branch (and how far a non-null field carries the
 * null up), the same errors with their paths and codes, in the same order.
 * compiled-documents.int.test.ts checks one document; this covers the combinations nobody chose.
 */
const SEED = Number(process.env['JIT_FUZZ_SEED'] || 0x0c0d_e2ed);
const QUERIES_PER_CALLER = Number(process.env['JIT_FUZZ_QUERIES'] || 60);

let app: Application;
let schema: GraphQLSchema;
const formatError = createErrorFormatter(createLogger('silent'));
const callers: { name: string; token: string }[] = [];
const ids: string[] = [];
const day = Date.UTC(2026, 4, 4, 8);
const instants = [new Date(day - 10 * 86_400_000).toISOString(), new Date(day + 10 * 86_400_000).toISOString()];

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  schema = await buildAppSchema();
  const factory = new Factory(app);
  const admin = await factory.admin();
  const carer = await factory.doctor();
  const stranger = await factory.doctor();
  const charted = await factory.patient({ allergies: ['Penicillin'] });
  const other = await factory.patient({ allergies: [] });
  for (let index = 0; index < 2; index += 1) {
    const visit = await factory.appointment(charted.profile, carer.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(day - (index + 1) * 86_400_000),
    });
    const record = await factory.record(charted.profile, carer.profile, visit);
    const prescription = await factory.prescription(charted.profile, carer.profile, visit);
    ids.push(visit.id, record.id, prescription.id);
  }
  const order = await factory.labOrder(charted.profile, carer.profile, 5.6);
  const invoice = await factory.invoice(charted.profile, { issued: true });
  const { hospital } = await factory.hospital({ beds: 2 });
  const cancelled = await factory.appointment(other.profile, stranger.profile, {
    status: AppointmentStatus.CANCELLED,
    startsAt: new Date(day + 86_400_000),
  });
  // A booking through the API: its notifications, events and audit exist too.
  const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 50 * 3_600_000).toISOString();
  const booked = expectData(
    await gql<{ bookAppointment: { id: string } }>(
      app,
      `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
      { variables: { input: { doctorId: carer.profile.id, startsAt, reason: 'Cough' } }, token: charted.token },
    ),
  );
  const scopes = ['patients:read', 'doctors:read', 'appointments:read', 'clinical:read'];
  const consented = await createPartner(app, admin.token, scopes, 'Consented Labs');
  await consentTo(app, charted.token, consented);
  callers.push(
    { name: "the patient's doctor", token: carer.token },
    { name: 'a doctor without care', token: stranger.token },
    { name: 'the patient', token: charted.token },
    { name: 'another patient', token: other.token },
    { name: 'an administrator', token: admin.token },
    { name: 'a partner with consent', token: await partnerToken(app, consented) },
  );
  ids.push(
    carer.profile.id,
    stranger.profile.id,
    charted.profile.id,
    other.profile.id,
    charted.user.id,
    order.id,
    invoice.id,
    hospital.id,
    cancelled.id,
    booked.bookAppointment.id,
    consented.id,
    randomUUID(),
    'not-an-id',
  );
});

/** What a client would be sent: data, and the errors through the one formatter. */
async function answer(result: ExecutionResult | Promise<ExecutionResult>) {
  const { data, errors } = await result;
  return { data, errors: errors?.map((error) => formatError(error, 'request-1')) };
}

type Answer = Awaited<ReturnType<typeof answer>>;

/** Whether the value at some proper prefix of `path` is null in `data`: the error's branch was cut. */
function underNull(data: unknown, path: readonly (string | number)[] | undefined): boolean {
  if (data === null) {
    return true; // the cut reached the root
  }
  let value: unknown = data;
  for (const key of (path ?? []).slice(0, -1)) {
    value = (value as Record<string | number, unknown> | null | undefined)?.[key];
    if (value === null) {
      return true;
    }
  }
  return false;
}

/**
 * The same answer, but for one known difference: once a non-null field's error cuts a branch (its
 * nearest nullable parent becomes null), which errors of the other fields under that branch are
 * still reported depends on the order each engine settles them in (graphql-js stops at the first
 * to reach the cut, graphql-jit goes on). Such an error is the same refusal and carries no data.
 * So: the same data; every error only one of them reports lies under a null; the errors both report
 * are the same ones. Not in the same order: errors of sibling branches come as each engine settles
 * them (a branch that waits on a loader — `Patient.nextVisit` — settles a tick later in one than in
 * the other), and GraphQL gives the `errors` list no order.
 */
function expectAlike(viaJit: Answer, viaGraphql: Answer, context: string): void {
  expect(viaJit.data, context).toEqual(viaGraphql.data);
  const text = (error: unknown) => JSON.stringify(error);
  const jitErrors = (viaJit.errors ?? []).map(text);
  const graphqlErrors = (viaGraphql.errors ?? []).map(text);
  for (const [errors, others] of [
    [viaJit.errors ?? [], graphqlErrors],
    [viaGraphql.errors ?? [], jitErrors],
  ] as const) {
    for (const error of errors) {
      if (!others.includes(text(error))) {
        expect(underNull(viaJit.data, error.path), `${context}: ${text(error)} from one engine only`).toBe(true);
      }
    }
  }
  expect(jitErrors.filter((error) => graphqlErrors.includes(error)).sort(), context).toEqual(
    graphqlErrors.filter((error) => jitErrors.includes(error)).sort(),
  );
}

const contextOf = (token: string) =>
  createContext(app.dependencies, { requestId: randomUUID(), clientAddress: '::1', authorization: `Bearer ${token}` });

describe('graphql-jit against graphql-js, on random queries', () => {
  it('answers every caller alike: data, nulls, errors, their paths and codes', async () => {
    const rng = random(SEED);
    const compiled = new CompiledDocuments(schema, 10_000);
    const options: SelectionOptions = { schema, ids, instants, maxDepth: 4 };
    // Every root field but the clock's.
    const roots = Object.values(schema.getQueryType()!.getFields()).filter((field) => field.name !== 'serverTime');
    let compared = 0;
    let withData = 0;
    let withErrors = 0;
    for (const caller of callers) {
      for (let index = 0; index < QUERIES_PER_CALLER; index += 1) {
        const root = pick(rng, roots);
        const args = randomArguments(rng, root, options);
        if (args === undefined) {
          continue;
        }
        const named = getNamedType(root.type);
        const source = `{ ${root.name}${args} ${'getFields' in named ? randomSelection(rng, named, options) : ''} }`;
        const document = parse(source);
        if (validate(schema, document).length > 0) {
          continue; // aliases that clash, a value of the wrong kind: refused before either runs
        }
        const viaJit = await answer(
          compiled.executionOf(source, document, undefined)(undefined, await contextOf(caller.token), {}),
        );
        const viaGraphql = await answer(execute({ schema, document, contextValue: await contextOf(caller.token) }));
        expectAlike(viaJit, viaGraphql, `${caller.name}: ${source}`);
        compared += 1;
        withData += viaJit.data && Object.values(viaJit.data).some((value) => value !== null) ? 1 : 0;
        withErrors += viaJit.errors ? 1 : 0;
      }
    }
    // Neither all refusals nor all answers: both kinds were compared, many times.
    expect(compared).toBeGreaterThan(callers.length * QUERIES_PER_CALLER * 0.6);
    expect(withData, `${withData} of ${compared} with data`).toBeGreaterThan(compared / 4);
    expect(withErrors, `${withErrors} of ${compared} with errors`).toBeGreaterThan(compared / 10);
  });
});
