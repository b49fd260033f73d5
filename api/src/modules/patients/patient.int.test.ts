import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Patient } from './patient.entity.js';

const UPDATE = `mutation ($id: ID!, $input: UpdatePatientInput!) {
  updatePatient(id: $id, input: $input) { id firstName email phone bloodGroup allergies emergencyContacts { name phone } } }`;
const SEARCH = `query ($s: String, $first: Int, $after: String) {
  patients(search: $s, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id firstName lastName } } } }`;

interface SearchPage {
  patients: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; lastName: string } }[];
  };
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
});

describe('updatePatient', () => {
  it('lets the patient change their demographics and medical history', async () => {
    const patient = await factory.patient();
    const input = {
      firstName: 'Ines',
      phone: '+49 30 555 0101',
      bloodGroup: 'AB-',
      allergies: ['Latex', 'Penicillin'],
      emergencyContacts: [{ name: 'Tom Rey', relationship: 'Spouse', phone: '+49 30 555 0102' }],
    };
    const data = expectData(
      await gql<{ updatePatient: Record<string, unknown> }>(app, UPDATE, {
        variables: { id: patient.profile.id, input },
        token: patient.token,
      }),
    );
    expect(data.updatePatient).toMatchObject({
      firstName: 'Ines',
      bloodGroup: 'AB-',
      allergies: ['Latex', 'Penicillin'],
      emergencyContacts: [{ name: 'Tom Rey', phone: '+49 30 555 0102' }],
    });
    const [event] = await database.query(
      `select action, entity_type, patient_id, reason from audit_entry where patient_id = $1 and action = 'UPDATE'`,
      [patient.profile.id],
    );
    expect(event).toEqual({ action: 'UPDATE', entity_type: 'Patient', patient_id: patient.profile.id, reason: null });
  });

  it('lets an administrator change demographics, and only those', async () => {
    const patient = await factory.patient();
    const email = `moved.${Date.now()}@example.com`;
    const data = expectData(
      await gql<{ updatePatient: { email: string } }>(
        app,
        `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { email lastName } }`,
        {
          variables: { id: patient.profile.id, input: { email: email.toUpperCase(), lastName: 'Moved' } },
          token: admin.token,
        },
      ),
    );
    expect(data.updatePatient.email).toBe(email);
    const refused = await gql(app, UPDATE, {
      variables: { id: patient.profile.id, input: { allergies: [] } },
      token: admin.token,
    });
    expect(expectGraphQLError(refused, 'FORBIDDEN').message).toBe(
      'Administrators may change demographics only, not: allergies.',
    );
    expect(
      (
        await database.query<{ allergies: string[] }>(`select allergies from patient where id = $1`, [
          patient.profile.id,
        ])
      )[0]?.allergies,
    ).toEqual(['Penicillin']);
  });

  it('lets a doctor caring for the patient change their medical history, audited, and nothing else', async () => {
    const patient = await factory.patient();
    const doctor = await factory.doctor();
    const stranger = await factory.doctor();
    await factory.appointment(patient.profile, doctor.profile);
    const history = { allergies: ['Penicillin', 'Amoxicillin'], chronicConditions: ['Asthma'] };
    const changed = expectData(
      await gql<{ updatePatient: { allergies: string[] } }>(app, UPDATE, {
        variables: { id: patient.profile.id, input: history },
        token: doctor.token,
      }),
    ).updatePatient;
    expect(changed.allergies).toEqual(history.allergies);
    const [row] = await database.query<{ allergies: string[]; chronic_conditions: string[] }>(
      `select allergies, chronic_conditions from patient where id = $1`,
      [patient.profile.id],
    );
    expect(row).toEqual({ allergies: history.allergies, chronic_conditions: history.chronicConditions });
    // Audited as the doctor's change, not an emergency.
    const audit = await database.query<{ actor_id: string; actor_role: string; emergency: boolean }>(
      `select actor_id, actor_role, emergency from audit_event where action = 'UPDATE' and entity_id = $1`,
      [patient.profile.id],
    );
    expect(audit).toEqual([{ actor_id: doctor.user.id, actor_role: 'DOCTOR', emergency: false }]);
    // Not the demographics, and nothing at all said with them.
    const refused = expectGraphQLError(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { allergies: [], phone: '+49 30 999999' } },
        token: doctor.token,
      }),
      'FORBIDDEN',
    );
    expect(refused.message).toBe('Doctors may change the medical history only, not: phone.');
    // A doctor not caring for the patient, nothing.
    expectGraphQLError(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { allergies: [] } },
        token: stranger.token,
      }),
      'FORBIDDEN',
    );
    const [after] = await database.query<{ allergies: string[] }>(`select allergies from patient where id = $1`, [
      patient.profile.id,
    ]);
    expect(after!.allergies).toEqual(history.allergies);

    // Under an emergency grant: allowed, and audited as an emergency with its reason.
    expectData(
      await gql(app, `mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id } }`, {
        token: stranger.token,
        variables: { p: patient.profile.id, r: 'Unconscious, anaphylaxis suspected' },
      }),
    );
    expectData(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { allergies: [...history.allergies, 'Latex'] } },
        token: stranger.token,
      }),
    );
    const [emergency] = await database.query<{ emergency: boolean; reason: string }>(
      `select emergency, reason from audit_event where action = 'UPDATE' and entity_id = $1 and actor_id = $2`,
      [patient.profile.id, stranger.user.id],
    );
    expect(emergency).toEqual({ emergency: true, reason: 'Unconscious, anaphylaxis suspected' });
  });

  it('refuses other patients and doctors', async () => {
    const patient = await factory.patient();
    const other = await factory.patient();
    const doctor = await factory.doctor();
    await factory.appointment(patient.profile, doctor.profile);
    expectGraphQLError(
      await gql(app, UPDATE, { variables: { id: patient.profile.id, input: { firstName: 'X' } }, token: other.token }),
      'FORBIDDEN',
    );
    // A doctor caring for them: not the demographics (their history, above).
    expectGraphQLError(
      await gql(app, UPDATE, { variables: { id: patient.profile.id, input: { firstName: 'X' } }, token: doctor.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, UPDATE, { variables: { id: patient.profile.id, input: { firstName: 'X' } } }),
      'UNAUTHENTICATED',
    );
  });

  it('takes a birth date or surgery of today wherever today already is, not one of the day after', async () => {
    const patient = await factory.patient();
    const dayAt = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 10);
    const today = dayAt(14);
    const updated = expectData(
      await gql<{ updatePatient: { dateOfBirth: string; surgeries: { date: string | null }[] } }>(
        app,
        `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { dateOfBirth surgeries { date } } }`,
        {
          variables: {
            id: patient.profile.id,
            input: { dateOfBirth: today, surgeries: [{ procedure: 'Appendectomy', date: today }] },
          },
          token: patient.token,
        },
      ),
    ).updatePatient;
    expect(updated).toEqual({ dateOfBirth: today, surgeries: [{ date: today }] });
    const later = expectGraphQLError(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { surgeries: [{ procedure: 'Appendectomy', date: dayAt(38) }] } },
        token: patient.token,
      }),
      'BAD_USER_INPUT',
    );
    expect(later.extensions.fields).toEqual([
      { field: 'input.surgeries.0.date', message: 'must not be in the future' },
    ]);
  });

  it.each([
    [{ email: 'nope' }, 'email'],
    [{ phone: 'call me maybe' }, 'phone'],
    [{ dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
    [{ bloodGroup: 'C+' }, 'bloodGroup'],
    [{ emergencyContacts: [{ name: 'A', relationship: 'Friend', phone: 'none' }] }, 'emergencyContacts.0.phone'],
  ])('refuses %o with BAD_USER_INPUT naming %s, changing nothing', async (input, field) => {
    const patient = await factory.patient();
    const error = expectGraphQLError(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { firstName: 'Changed', ...input } },
        token: patient.token,
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields?.map((problem) => problem.field)).toEqual(
      expect.arrayContaining([expect.stringContaining(field) as string]),
    );
    expect(
      (
        await database.query<{ first_name: string }>(`select first_name from patient where id = $1`, [
          patient.profile.id,
        ])
      )[0]?.first_name,
    ).toBe('Ada');
  });

  it('refuses an email another account has with CONFLICT', async () => {
    const patient = await factory.patient();
    const other = await factory.patient();
    expectGraphQLError(
      await gql(app, UPDATE, {
        variables: { id: patient.profile.id, input: { email: other.user.email } },
        token: patient.token,
      }),
      'CONFLICT',
    );
  });
});

describe('patients search', () => {
  let family: Account<Patient>[];
  beforeAll(async () => {
    family = await Promise.all([
      factory.patient({ firstName: 'Zoltan', lastName: 'Quarrington', phone: '+44 20 7946 0991' }),
      factory.patient({ firstName: 'Zelda', lastName: 'Quarrington' }),
      factory.patient({ firstName: 'Mia', lastName: 'Quarrington-Lowe', email: `mia.qlowe.${Date.now()}@example.com` }),
      factory.patient({ firstName: 'Zoe', lastName: 'Quarry' }),
    ]);
  });

  const search = async (s: string) =>
    expectData(
      await gql<SearchPage>(app, SEARCH, { variables: { s, first: 100 }, token: admin.token }),
    ).patients.edges.map((edge) => edge.node.id);

  it('finds by partial name in any case, by phone and by email', async () => {
    expect(await search('quarrING')).toHaveLength(3);
    expect(await search('zol quarr')).toEqual([family[0]!.profile.id]);
    expect(await search('7946 0991')).toEqual([family[0]!.profile.id]);
    expect(await search('mia.qlowe')).toEqual([family[2]!.profile.id]);
    expect(await search('no-such-person-anywhere')).toEqual([]);
  });

  it('pages with stable cursors and a total count', async () => {
    const first = expectData(
      await gql<SearchPage>(app, SEARCH, { variables: { s: 'quarr', first: 2 }, token: admin.token }),
    ).patients;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = expectData(
      await gql<SearchPage>(app, SEARCH, {
        variables: { s: 'quarr', first: 2, after: first.pageInfo.endCursor },
        token: admin.token,
      }),
    ).patients;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const names = [...first.edges, ...second.edges].map((edge) => edge.node.lastName);
    expect(names).toEqual([...names].sort());
    expect(new Set([...first.edges, ...second.edges].map((edge) => edge.node.id)).size).toBe(4);
  });

  it("reads a page with its total and the accounts' e-mail and state in one statement; without them, neither", async () => {
    const ask = async (fields: string) => {
      statements.length = 0;
      const data = expectData(
        await gql<{ patients: { totalCount?: number; edges: { node: { email?: string; active?: boolean } }[] } }>(
          app,
          `query { patients(search: "quarr", first: 3) { ${fields} } }`,
          { token: admin.token },
        ),
      ).patients;
      return { data, sent: requestStatements(statements) };
    };
    await ask('edges { node { id } }'); // the session, checked once
    const full = await ask('totalCount edges { node { id email active } }');
    expect(full.sent, full.sent.join('\n')).toHaveLength(1);
    expect(full.data.totalCount).toBe(4);
    expect(full.data.edges.map((edge) => edge.node.email)).toContain(family[2]!.user.email);
    expect(full.data.edges.every((edge) => edge.node.active === true)).toBe(true);
    const bare = await ask('edges { node { id lastName } }');
    expect(bare.sent, bare.sent.join('\n')).toHaveLength(1);
    expect(bare.sent[0]).not.toMatch(/over \(\)|j0\./);
  });

  it('refuses a page size over 100 and a foreign cursor', async () => {
    expectGraphQLError(await gql(app, SEARCH, { variables: { first: 101 }, token: admin.token }), 'BAD_USER_INPUT');
    expectGraphQLError(
      await gql(app, SEARCH, { variables: { after: 'bm90LWEtY3Vyc29y' }, token: admin.token }),
      'BAD_USER_INPUT',
    );
  });
});

describe('doctors directory', () => {
  it('filters by specialization and searches names, open to everyone', async () => {
    const cardiologist = await factory.doctor({
      firstName: 'Hannelore',
      lastName: 'Vandersloot',
      specialization: 'Cardiology',
    });
    await factory.doctor({ firstName: 'Hannes', lastName: 'Vanderbilt', specialization: 'Dermatology' });
    const query = `query ($spec: String, $s: String) { doctors(specialization: $spec, search: $s) { totalCount edges { node { id specialization consultationFee availability { weekday } } } } }`;
    const bySpecialization = expectData(
      await gql<{ doctors: { edges: { node: { id: string } }[] } }>(app, query, {
        variables: { spec: 'cardiology', s: 'vander' },
      }),
    );
    expect(bySpecialization.doctors.edges.map((edge) => edge.node.id)).toEqual([cardiologist.profile.id]);
    const bySearch = expectData(
      await gql<{ doctors: { totalCount: number } }>(app, query, { variables: { s: 'HANNE vander' } }),
    );
    expect(bySearch.doctors.totalCount).toBe(2);
  });
});

describe('the chart timeline', () => {
  it('lists appointments, prescriptions and records newest first, for the patient and their doctor', async () => {
    const doctor = await factory.doctor();
    const patient = await factory.patient();
    const past = await factory.appointment(patient.profile, doctor.profile, {
      startsAt: new Date(Date.now() - 10 * 86_400_000),
    });
    await factory.prescription(patient.profile, doctor.profile, past);
    await factory.record(patient.profile, doctor.profile, past);
    const query = `query ($id: ID!) { patient(id: $id) { timeline(first: 10) { totalCount edges { node { kind at appointment { id } prescription { id } medicalRecord { id } } } } } }`;
    for (const token of [patient.token, doctor.token]) {
      const data = expectData(
        await gql<{ patient: { timeline: { totalCount: number; edges: { node: { kind: string; at: string } }[] } } }>(
          app,
          query,
          { variables: { id: patient.profile.id }, token },
        ),
      );
      expect(data.patient.timeline.totalCount).toBe(3);
      const times = data.patient.timeline.edges.map((edge) => Date.parse(edge.node.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(new Set(data.patient.timeline.edges.map((edge) => edge.node.kind))).toEqual(
        new Set(['APPOINTMENT', 'PRESCRIPTION', 'MEDICAL_RECORD']),
      );
    }
  });
});
