import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';

const LOOKUP = `query ($s: String!, $dob: Date) { patientLookup(search: $s, dateOfBirth: $dob) { patientId firstName lastName dateOfBirth access } }`;
const GRANT = `mutation ($p: ID!) { requestEmergencyAccess(patientId: $p, reason: "Unconscious in the emergency room") { id } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
});

interface Found {
  patientId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  access: string;
}

describe('patientLookup (break-the-glass search)', () => {
  it('finds patients outside the doctor’s care as RESTRICTED, identity only; a grant turns them to EMERGENCY', async () => {
    const doctor = await factory.doctor();
    const [cared, stranger, cancelled] = await Promise.all([
      factory.patient({ firstName: 'Quentin', lastName: 'Lookupwright' }),
      factory.patient({ firstName: 'Quinta', lastName: 'Lookupwright' }),
      factory.patient({ firstName: 'Quincy', lastName: 'Lookupwright' }),
    ]);
    await factory.appointment(cared.profile, doctor.profile);
    await factory.appointment(cancelled.profile, doctor.profile, { status: AppointmentStatus.CANCELLED });

    const search = async () =>
      expectData(
        await gql<{ patientLookup: Found[] }>(app, LOOKUP, { variables: { s: 'lookupw' }, token: doctor.token }),
      ).patientLookup;
    const found = await search();
    expect(Object.fromEntries(found.map((row) => [row.firstName, row.access]))).toEqual({
      Quentin: 'CARE',
      Quinta: 'RESTRICTED',
      Quincy: 'RESTRICTED',
    });
    expect(Object.keys(found[0]!).sort()).toEqual(['access', 'dateOfBirth', 'firstName', 'lastName', 'patientId']);
    expect(found.every((row) => row.lastName === 'Lookupwright' && row.dateOfBirth === '1980-04-12')).toBe(true);
    // The restricted chart stays closed until the doctor breaks the glass.
    expectGraphQLError(
      await gql(app, `query ($id: ID!) { patient(id: $id) { allergies } }`, {
        variables: { id: stranger.profile.id },
        token: doctor.token,
      }),
      'FORBIDDEN',
    );
    expectData(await gql(app, GRANT, { variables: { p: stranger.profile.id }, token: doctor.token }));
    expect((await search()).find((row) => row.patientId === stranger.profile.id)?.access).toBe('EMERGENCY');

    const narrowed = expectData(
      await gql<{ patientLookup: Found[] }>(app, LOOKUP, {
        variables: { s: 'quinta lookup', dob: '1980-04-12' },
        token: doctor.token,
      }),
    ).patientLookup;
    expect(narrowed.map((row) => row.patientId)).toEqual([stranger.profile.id]);
    const other = expectData(
      await gql<{ patientLookup: Found[] }>(app, LOOKUP, {
        variables: { s: 'lookupwright', dob: '1999-01-01' },
        token: doctor.token,
      }),
    ).patientLookup;
    expect(other).toEqual([]);
  });

  it('refuses a search of fewer than three letters, and every role but doctors', async () => {
    const [doctor, patient, admin] = await Promise.all([factory.doctor(), factory.patient(), factory.admin()]);
    const short = expectGraphQLError(
      await gql(app, LOOKUP, { variables: { s: 'a b' }, token: doctor.token }),
      'BAD_USER_INPUT',
    );
    expect(short.extensions.fields?.map((f) => f.field)).toEqual(['search']);
    for (const token of [patient.token, admin.token]) {
      expectGraphQLError(await gql(app, LOOKUP, { variables: { s: 'lookupwright' }, token }), 'FORBIDDEN');
    }
    expectGraphQLError(await gql(app, LOOKUP, { variables: { s: 'lookupwright' } }), 'UNAUTHENTICATED');
  });
});
