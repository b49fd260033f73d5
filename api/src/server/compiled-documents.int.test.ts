import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import { createLogger } from '../shared/logger.js';
import type { Application } from './bootstrap.js';
import { CompiledDocuments } from './compiled-documents.js';
import { createContext } from './context.js';
import { createErrorFormatter } from './errors.js';
import { buildAppSchema } from './schema.js';

const APPOINTMENT = `query ($id: ID!) { appointment(id: $id) { id status reason startsAt patient { id firstName allergies } doctor { id } } }`;

let app: Application;
let schema: GraphQLSchema;
let patient: Account<Patient>;
let visit: string;
let accounts: Record<'admin' | 'doctor' | 'patient' | 'stranger', string>;
const formatError = createErrorFormatter(createLogger('silent'));

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  schema = await buildAppSchema();
  const factory = new Factory(app);
  const [admin, doctor, stranger] = await Promise.all([factory.admin(), factory.doctor(), factory.patient()]);
  patient = await factory.patient({ allergies: ['penicillin'] });
  const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 50 * 3_600_000).toISOString();
  const booked = await gql<{ bookAppointment: { id: string } }>(
    app,
    `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
    { variables: { input: { doctorId: doctor.profile.id, startsAt, reason: 'Cough' } }, token: patient.token },
  );
  visit = expectData(booked).bookAppointment.id;
  accounts = { admin: admin.token, doctor: doctor.token, patient: patient.token, stranger: stranger.token };
});

/** What a client would be sent: data, and the errors through the one formatter. */
async function answer(result: ExecutionResult | Promise<ExecutionResult>) {
  const { data, errors } = await result;
  return { data, errors: errors?.map((error) => formatError(error, 'request-1')) };
}

const contextOf = (token: string) =>
  createContext(app.dependencies, { requestId: randomUUID(), clientAddress: '::1', authorization: `Bearer ${token}` });

describe('compiled documents (graphql-jit) against graphql-js', () => {
  it('answers every caller exactly as graphql-js does: the data, the refusals, their paths and codes', async () => {
    const compiled = new CompiledDocuments(schema);
    const document = parse(APPOINTMENT);
    const run = compiled.executionOf(APPOINTMENT, document, undefined);
    for (const [who, token] of Object.entries(accounts)) {
      const variables = { id: visit };
      const viaJit = await answer(run(undefined, await contextOf(token), variables));
      const viaGraphql = await answer(
        execute({ schema, document, contextValue: await contextOf(token), variableValues: variables }),
      );
      expect(viaJit, who).toEqual(viaGraphql);
    }
    // The rules really ran: the patient reads their own chart facts, the administrator gets
    // FORBIDDEN for the clinical fields, another patient gets nothing of the appointment.
    const of = async (token: string) => answer(run(undefined, await contextOf(token), { id: visit }));
    expect((await of(accounts.patient)).data).toMatchObject({
      appointment: { reason: 'Cough', patient: { allergies: ['penicillin'] } },
    });
    const admin = await of(accounts.admin);
    expect(admin.errors?.map((error) => [error.extensions?.['code'], error.path?.join('.')])).toEqual(
      expect.arrayContaining([['FORBIDDEN', 'appointment.reason']]),
    );
    const stranger = await of(accounts.stranger);
    expect(stranger.data).toEqual({ appointment: null });
    expect(stranger.errors?.[0]?.extensions?.['code']).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('refuses variables as graphql-js does (BAD_USER_INPUT naming the variable)', async () => {
    const compiled = new CompiledDocuments(schema);
    const document = parse(APPOINTMENT);
    const run = compiled.executionOf(APPOINTMENT, document, undefined);
    for (const variables of [{}, { id: { not: 'an id' } }, { id: null }]) {
      const viaJit = await answer(run(undefined, await contextOf(accounts.admin), variables));
      const viaGraphql = await answer(
        execute({ schema, document, contextValue: await contextOf(accounts.admin), variableValues: variables }),
      );
      expect(viaJit.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      expect(viaJit).toEqual(viaGraphql);
    }
  });

  it('runs a document it cannot compile through graphql-js, and keeps only so many compiled', async () => {
    const compiled = new CompiledDocuments(schema, 2);
    const document = parse(APPOINTMENT);
    // graphql-jit refuses an operation name the document lacks; graphql-js answers it as an error.
    const missing = compiled.executionOf(APPOINTMENT, document, 'Missing');
    const viaFallback = await answer(missing(undefined, await contextOf(accounts.admin), { id: visit }));
    const viaGraphql = await answer(
      execute({
        schema,
        document,
        operationName: 'Missing',
        contextValue: await contextOf(accounts.admin),
        variableValues: { id: visit },
      }),
    );
    expect(viaFallback).toEqual(viaGraphql);
    expect(viaFallback.errors?.[0]?.message).toContain('Missing');

    const me = 'query { me { id } }';
    const first = compiled.executionOf(me, parse(me), undefined);
    expect(compiled.executionOf(me, parse(me), undefined)).toBe(first); // compiled once
    compiled.executionOf('query { me { role } }', parse('query { me { role } }'), undefined);
    expect(compiled.size).toBe(2);
    expect(compiled.executionOf(me, parse(me), undefined)).toBe(first); // used most recently: kept
    expect(compiled.executionOf(APPOINTMENT, document, 'Missing')).not.toBe(missing); // the oldest went
  });
});
