import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';

const LIST = `{ specializations { id name } }`;
const CREATE = `mutation ($name: String!) { createSpecialization(name: $name) { id name } }`;
const CREATE_DOCTOR = `mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id specialization } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

const doctorInput = (specialization: string) => ({
  email: `doc.${Math.random().toString(36).slice(2)}@clinic.test`,
  password: 'a sturdy passphrase',
  firstName: 'Lena',
  lastName: 'Hart',
  specialization,
  licenseNumber: `LIC-${Math.random().toString(36).slice(2, 10)}`,
  timezone: 'Europe/Berlin',
});

async function names(): Promise<string[]> {
  return expectData(await gql<{ specializations: { name: string }[] }>(app, LIST)).specializations.map((s) => s.name);
}

describe('the managed list of specialisations', () => {
  it('starts with the common specialisations, in name order, open to everyone', async () => {
    const list = await names();
    expect(list).toContain('Cardiology');
    expect(list).toContain('General Practice');
    expect([...list].sort((a, b) => a.localeCompare(b))).toEqual(list);
  });

  it('lets an administrator add one, tidied; the same name in any case is CONFLICT', async () => {
    const admin = await factory.admin();
    const created = expectData(
      await gql<{ createSpecialization: { name: string } }>(app, CREATE, {
        variables: { name: '  Sports   Medicine ' },
        token: admin.token,
      }),
    ).createSpecialization;
    expect(created.name).toBe('Sports Medicine');
    expect(await names()).toContain('Sports Medicine');
    const again = expectGraphQLError(
      await gql(app, CREATE, { variables: { name: 'sports medicine' }, token: admin.token }),
      'CONFLICT',
    );
    expect(again.extensions['reason']).toBe('SPECIALIZATION_EXISTS');
    expectGraphQLError(await gql(app, CREATE, { variables: { name: 'x' }, token: admin.token }), 'BAD_USER_INPUT');
    const [audit] = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_entry where entity_type = 'Specialization' and action = 'CREATE'`,
    );
    expect(audit?.n).toBe(1);
  });

  it('is FORBIDDEN to doctors and patients, UNAUTHENTICATED to anonymous callers', async () => {
    const [doctor, patient] = await Promise.all([factory.doctor(), factory.patient()]);
    for (const token of [doctor.token, patient.token]) {
      expectGraphQLError(await gql(app, CREATE, { variables: { name: 'Geriatrics' }, token }), 'FORBIDDEN');
    }
    expectGraphQLError(await gql(app, CREATE, { variables: { name: 'Geriatrics' } }), 'UNAUTHENTICATED');
    expect(await names()).not.toContain('Geriatrics');
  });

  it('gives a new doctor the listed spelling, and refuses a typo with BAD_USER_INPUT on input.specialization', async () => {
    const admin = await factory.admin();
    const created = expectData(
      await gql<{ createDoctor: { specialization: string } }>(app, CREATE_DOCTOR, {
        variables: { input: doctorInput('  cardiology ') },
        token: admin.token,
      }),
    ).createDoctor;
    expect(created.specialization).toBe('Cardiology');
    const typo = expectGraphQLError(
      await gql(app, CREATE_DOCTOR, { variables: { input: doctorInput('Cardiolgy') }, token: admin.token }),
      'BAD_USER_INPUT',
    );
    expect(typo.extensions.fields?.map((f) => f.field)).toEqual(['input.specialization']);
    expect(await names()).not.toContain('Cardiolgy');
  });

  it('counts the active doctors a patient can book in each, in one statement for the whole list', async () => {
    const admin = await factory.admin();
    const created = await Promise.all(
      ['Nephrology', 'nephrology ', 'Nephrology'].map(
        async (name) =>
          expectData(
            await gql<{ createDoctor: { id: string } }>(app, CREATE_DOCTOR, {
              variables: { input: doctorInput(name) },
              token: admin.token,
            }),
          ).createDoctor.id,
      ),
    );
    // A deactivated doctor takes no bookings: not counted.
    await database.query('update app_user set active = false where id = (select user_id from doctor where id = $1)', [
      created[2],
    ]);
    const COUNTS = `{ specializations { name doctorCount } }`;
    statements.length = 0;
    const list = expectData(
      await gql<{ specializations: { name: string; doctorCount: number }[] }>(app, COUNTS),
    ).specializations;
    const sent = requestStatements(statements);
    expect(sent, sent.join('\n')).toHaveLength(2); // the list, then every name's count at once
    expect(list.length).toBeGreaterThan(10);
    const count = (name: string) => list.find((s) => s.name === name)?.doctorCount;
    expect(count('Nephrology')).toBe(2);
    expect(count('Geriatrics')).toBeUndefined();
    expect(list.filter((s) => s.doctorCount === 0).length).toBeGreaterThan(0);
  });
});
