import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { createLogger } from '../shared/logger.js';
import type { Application } from './bootstrap.js';

/** Words only clinical or personal data contains: none may reach a log line. */
const SECRETS = ['Xanthelasma-Quorra', 'Zylofenac', 'Q99.8', 'Velvetine', 'hidden-passphrase-42', 'Grundlewick'];

const lines: string[] = [];
let app: Application;
let factory: Factory;

beforeAll(async () => {
  const database = await createTestDatabase();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  app = await startTestApp(database.url, { LOG_LEVEL: 'debug' }, {}, createLogger('debug', sink));
  factory = new Factory(app);
});

describe('logs', () => {
  it('are JSON lines with request ids, and never carry medical data, names, passwords or tokens', async () => {
    const registered = expectData(
      await gql<{ registerPatient: { accessToken: string; user: { patient: { id: string } } } }>(
        app,
        `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken user { patient { id } } } }`,
        {
          variables: {
            input: {
              email: 'grundlewick@example.com',
              password: 'hidden-passphrase-42',
              firstName: 'Velvetine',
              lastName: 'Grundlewick',
              dateOfBirth: '1980-01-01',
            },
          },
        },
      ),
    ).registerPatient;
    const patientId = registered.user.patient.id;
    const doctor = await factory.doctor();
    const patient = await app.orm.em.fork().findOneOrFail(Patient, patientId);
    await factory.appointment(patient, doctor.profile, { reason: 'Xanthelasma-Quorra' });
    expectData(
      await gql(app, `mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { id } }`, {
        variables: {
          input: {
            patientId,
            type: 'CONSULTATION',
            diagnoses: [{ code: 'Q99.8', description: 'Xanthelasma-Quorra' }],
            notes: 'Xanthelasma-Quorra',
          },
        },
        token: doctor.token,
      }),
    );
    expectData(
      await gql(app, `mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }`, {
        variables: {
          input: {
            patientId,
            items: [{ medication: 'Zylofenac', dosage: '1 mg', frequency: 'daily', durationDays: 3 }],
          },
        },
        token: doctor.token,
      }),
    );
    // Refused input and a failed sign-in are logged too; their values must not be.
    await gql(app, `mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { id } }`, {
      variables: {
        input: { patientId, type: 'CONSULTATION', diagnoses: [{ code: 'Zylofenac', description: 'Zylofenac' }] },
      },
      token: doctor.token,
    });
    await gql(
      app,
      `mutation { login(email: "grundlewick@example.com", password: "hidden-passphrase-43") { accessToken } }`,
    );
    await gql(app, `{ patient(id: "${patientId}") { firstName allergies } }`, { token: registered.accessToken });

    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      parsed.filter((entry) => entry['msg'] === 'request').every((entry) => typeof entry['requestId'] === 'string'),
    ).toBe(true);
    const leaks = lines.filter(
      (line) => SECRETS.some((secret) => line.includes(secret)) || line.includes(registered.accessToken),
    );
    expect(leaks).toEqual([]);
  });

  it('never log a query or its values, even when a database error spans several lines', async () => {
    const admin = await factory.admin();
    const term = 'quorravexine';
    // A real failure the client did not cause: the search's multi-line SQL meets a renamed column.
    // The driver's message then quotes that SQL with the search term inlined, over several lines.
    await app.orm.em.getConnection().execute('alter table patient rename column search_text to search_text_moved');
    const before = lines.length;
    let response;
    try {
      response = await gql(app, `query ($s: String) { patients(search: $s) { totalCount } }`, {
        token: admin.token,
        variables: { s: term },
        headers: { 'x-request-id': 'search-failure-0001' },
      });
    } finally {
      await app.orm.em.getConnection().execute('alter table patient rename column search_text_moved to search_text');
    }
    const error = expectGraphQLError(response, 'INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain(term);
    expect(JSON.stringify(response)).not.toMatch(/select|search_text_moved|quorravexine/i);

    const written = lines.slice(before);
    const failure = written
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry['msg'] === 'unexpected error');
    expect(failure?.['requestId']).toBe('search-failure-0001');
    const frames = (failure?.['err'] as { frames?: string[] } | undefined)?.frames ?? [];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.startsWith('at '))).toBe(true);
    expect(written.filter((line) => /quorravexine|select |from patient|like/i.test(line))).toEqual([]);
  });
});
