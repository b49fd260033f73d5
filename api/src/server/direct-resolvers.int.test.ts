import { execute, getOperationAST, isObjectType, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { FieldProblem } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import type { Application } from './bootstrap.js';
import { createContext } from './context.js';
import { typeGraphqlResolverOf } from './direct-resolvers.js';
import { createErrorFormatter } from './errors.js';
import { JsonReads } from './json-read.js';
import { buildAppSchema } from './schema.js';

/**
 * The direct calls of resolver methods (direct-resolvers.ts) against type-graphql's own resolvers:
 * two schemas, one with each, run the same documents for the same callers, through graphql-js and
 * through the JSON path; every answer — data, refusals, validation errors with their fields — must
 * be the same.
 */

let app: Application;
let direct: GraphQLSchema;
let typeGraphql: GraphQLSchema;
let carer: Account<Doctor>;
let stranger: Account<Doctor>;
let charted: Account<Patient>;
let admin: Account<null>;
const formatError = createErrorFormatter(createLogger('silent'));
const day = Date.UTC(2026, 4, 4, 8);

const CHART = `query ($id: ID!, $first: Int, $after: String, $status: [PrescriptionStatus!]) { patient(id: $id) {
  id firstName allergies
  timeline(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { kind at } } }
  medicalRecords(first: $first, after: $after) { totalCount edges { cursor node { id recordedAt diagnoses { code } } } }
  prescriptions(first: $first, status: $status) { totalCount edges { node { id status items { medication } } } }
  appointments(first: $first, after: $after) { edges { node { startsAt status doctor { lastName } } } } } }`;

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  direct = await buildAppSchema();
  typeGraphql = await buildAppSchema({ typeGraphqlResolvers: true });
  const factory = new Factory(app);
  carer = await factory.doctor();
  stranger = await factory.doctor();
  admin = await factory.admin();
  charted = await factory.patient({ allergies: ['Pollen'] });
  for (let index = 0; index < 3; index += 1) {
    const visit = await factory.appointment(charted.profile, carer.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(day - (index + 1) * 86_400_000),
    });
    await factory.record(charted.profile, carer.profile, visit);
    await factory.prescription(charted.profile, carer.profile, visit);
  }
});

const contextOf = (token: string) =>
  createContext(app.dependencies, { requestId: randomUUID(), clientAddress: '::1', authorization: `Bearer ${token}` });

/** What a client would be sent: data, and the errors through the one formatter. */
async function answer(result: ExecutionResult | Promise<ExecutionResult>) {
  const { data, errors } = await result;
  return { data, errors: errors?.map((error) => formatError(error, 'request-1')) };
}

/** The same document, caller and variables on both schemas: by graphql-js, and by the JSON path. */
async function bothSchemas(query: string, token: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const run = async (schema: GraphQLSchema) => {
    const general = await answer(
      execute({ schema, document, contextValue: await contextOf(token), variableValues: variables }),
    );
    const json = await new JsonReads(schema).run(
      document,
      getOperationAST(document)!,
      variables,
      await contextOf(token),
    );
    return { general, json };
  };
  return { direct: await run(direct), typeGraphql: await run(typeGraphql) };
}

describe("resolver methods called directly answer as type-graphql's resolvers do", () => {
  it("calls the chart's fields directly, and only where asked", () => {
    // direct-resolvers.ts knows type-graphql's resolver by its source text: a type-graphql release
    // that rewrites it would turn every replacement off silently (the answers stay the same), and
    // fail this.
    const chartFields = ['patient', 'timeline', 'medicalRecords', 'prescriptions', 'appointments'];
    for (const schema of [direct, typeGraphql]) {
      const patient = schema.getType('Patient');
      if (!isObjectType(patient)) {
        throw new Error('no Patient type');
      }
      const fields: Record<string, object> = { ...schema.getQueryType()!.getFields(), ...patient.getFields() };
      expect(
        chartFields.map((name) => typeGraphqlResolverOf(fields[name]!) !== undefined),
        schema === direct ? 'direct' : 'type-graphql',
      ).toEqual(chartFields.map(() => schema === direct));
    }
    // A field with an input-class argument (the doctor's week's filter) keeps type-graphql's resolver.
    expect(typeGraphqlResolverOf(direct.getQueryType()!.getFields()['appointments']!)).toBeUndefined();
    expect(typeGraphqlResolverOf(direct.getMutationType()!.getFields()['updatePatient']!)).toBeUndefined();
  });

  it("checks the hot fields' arguments in their direct calls: BAD_USER_INPUT naming the argument", async () => {
    // These fields are called directly (the test above), so the refusals come from the checks the
    // direct calls run: the text check of every argument (checkInput), the page size in the method.
    const refusals: [string, string, Record<string, unknown>, unknown[], FieldProblem][] = [
      [
        'an id with NUL',
        '{ patient(id: $id) { id } }',
        { id: 'x\u0000' },
        ['patient'],
        { field: 'id', message: 'must not contain a NUL character' },
      ],
      [
        'a cursor with a lone surrogate',
        '{ patient(id: $id) { timeline(after: $after) { edges { node { kind } } } } }',
        { after: '\uD800' },
        ['patient', 'timeline'],
        { field: 'after', message: 'is not valid UTF-8 text' },
      ],
      [
        'a page of 101',
        '{ patient(id: $id) { medicalRecords(first: $first) { totalCount } } }',
        { first: 101 },
        ['patient', 'medicalRecords'],
        { field: 'first', message: 'must be between 1 and 100' },
      ],
      [
        'a cursor with NUL',
        '{ patient(id: $id) { prescriptions(status: $status, after: $after) { totalCount } } }',
        { status: ['ACTIVE'], after: 'a\u0000' },
        ['patient', 'prescriptions'],
        { field: 'after', message: 'must not contain a NUL character' },
      ],
      [
        'a page of 0',
        '{ patient(id: $id) { appointments(first: $first) { totalCount } } }',
        { first: 0 },
        ['patient', 'appointments'],
        { field: 'first', message: 'must be between 1 and 100' },
      ],
    ];
    for (const [name, selection, variables, path, problem] of refusals) {
      const query = `query ($id: ID!, $first: Int, $after: String, $status: [PrescriptionStatus!]) ${selection}`;
      const { errors } = await answer(
        execute({
          schema: direct,
          document: parse(query),
          contextValue: await contextOf(carer.token),
          variableValues: { id: charted.profile.id, ...variables },
        }),
      );
      expect(errors, name).toMatchObject([{ path, extensions: { code: 'BAD_USER_INPUT', fields: [problem] } }]);
    }
  });

  it('answers the chart, its pages and its refusals alike, for every caller', async () => {
    const first = await bothSchemas(CHART, carer.token, { id: charted.profile.id, first: 2 });
    expect(first.direct).toEqual(first.typeGraphql);
    expect(first.direct.json).toBeTypeOf('string');
    const data = first.direct.general.data as {
      patient: { medicalRecords: { edges: { cursor: string }[] } };
    };
    const cursor = data.patient.medicalRecords.edges[1]!.cursor;
    const cases: [string, string, Record<string, unknown>][] = [
      ['next page', carer.token, { first: 2, after: cursor }],
      ['a status filter', carer.token, { status: ['ACTIVE'] }],
      ['the patient', charted.token, {}],
      ['a doctor without care', stranger.token, {}],
      ['an administrator', admin.token, {}],
      ['first 0', carer.token, { first: 0 }],
      ['first 101', carer.token, { first: 101 }],
      ['first -1', carer.token, { first: -1 }],
      ['a cursor of nothing', carer.token, { after: 'not-a-cursor' }],
      ['a cursor with NUL', carer.token, { after: 'x\u0000y' }],
      ['a lone surrogate', carer.token, { after: '\uD800' }],
    ];
    for (const [name, token, variables] of cases) {
      const both = await bothSchemas(CHART, token, { id: charted.profile.id, ...variables });
      expect(both.direct, name).toEqual(both.typeGraphql);
    }
    const bad = await bothSchemas(CHART, carer.token, { id: charted.profile.id, first: 101 });
    expect(bad.direct.general.errors?.[0]).toMatchObject({
      path: ['patient', 'timeline'],
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'must be between 1 and 100' }] },
    });
    const surrogate = await bothSchemas(CHART, carer.token, { id: '\uD800' });
    expect(surrogate.direct).toEqual(surrogate.typeGraphql);
    expect(surrogate.direct.general.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'id', message: 'is not valid UTF-8 text' },
    ]);
    const unknown = await bothSchemas(CHART, carer.token, { id: randomUUID() });
    expect(unknown.direct).toEqual(unknown.typeGraphql);
  });

  it("answers the doctor's week alike", async () => {
    const week = `query ($filter: AppointmentFilter, $first: Int) { appointments(filter: $filter, first: $first) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id startsAt status patient { id allergies } } } } }`;
    const from = new Date(day - 7 * 86_400_000).toISOString();
    const to = new Date(day).toISOString();
    for (const filter of [
      { from, to },
      { from, to, status: ['COMPLETED'] },
      { patientId: charted.profile.id },
      null,
      { from: 'not a time' },
    ]) {
      const both = await bothSchemas(week, carer.token, { filter, first: 2 });
      expect(both.direct, JSON.stringify(filter)).toEqual(both.typeGraphql);
    }
  });

  it('validates an input class with constraints alike (class-validator, all problems at once)', async () => {
    const book = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
    const input = { doctorId: carer.profile.id, startsAt: new Date(day).toISOString(), reason: 'x'.repeat(501) };
    const both = await bothSchemas(book, charted.token, { input });
    expect(both.direct).toEqual(both.typeGraphql);
    expect(both.direct.general.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.reason' }],
    });
  });

  it('refuses text PostgreSQL cannot hold alike, in any argument', async () => {
    const query = `query ($id: ID!) { appointment(id: $id) { id } me { id email } }`;
    const both = await bothSchemas(query, carer.token, { id: 'x\u0000' });
    expect(both.direct).toEqual(both.typeGraphql);
    expect(both.direct.general.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
