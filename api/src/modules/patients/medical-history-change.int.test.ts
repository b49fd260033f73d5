import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import { createPartner, requestToken } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from './patient.entity.js';

const UPDATE = `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { id } }`;
const CHANGES = `query ($id: ID!, $first: Int, $after: String) { patient(id: $id) { id medicalHistoryChanges(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id part changedAt before after added removed byPatient emergency doctor { id lastName } } } } } }`;
const GRANT = 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }';

interface Change {
  id: string;
  part: string;
  changedAt: string;
  before: string[];
  after: string[];
  added: string[];
  removed: string[];
  byPatient: boolean;
  emergency: boolean;
  doctor: { id: string; lastName: string } | null;
}
interface Changes {
  patient: {
    medicalHistoryChanges: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Change }[];
    };
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

async function update(patient: Patient, token: string, input: Record<string, unknown>) {
  return gql(app, UPDATE, { variables: { id: patient.id, input }, token });
}

async function changesOf(patient: Patient, token: string, variables: Record<string, unknown> = {}) {
  return expectData(await gql<Changes>(app, CHANGES, { variables: { id: patient.id, ...variables }, token })).patient
    .medicalHistoryChanges;
}

/** A doctor caring for the patient (a confirmed visit). */
async function caringDoctor(patient: Patient): Promise<Account<Doctor>> {
  const doctor = await factory.doctor();
  await factory.appointment(patient, doctor.profile);
  return doctor;
}

describe("the medical history's changes", () => {
  it('keeps what each changed part held before and after, who changed it and when, newest first', async () => {
    const patient = await factory.patient({ allergies: ['Penicillin', 'Latex'] });
    expectData(
      await update(patient.profile, patient.token, {
        allergies: ['Latex', 'Amoxicillin'],
        bloodGroup: 'O+',
        phone: '+49 30 555 0101',
      }),
    );
    const doctor = await caringDoctor(patient.profile);
    expectData(
      await update(patient.profile, doctor.token, {
        surgeries: [{ procedure: 'Appendectomy', date: '2019-05-02', notes: 'laparoscopic' }],
      }),
    );

    const changes = await changesOf(patient.profile, patient.token);
    expect(changes.totalCount).toBe(3);
    const [surgery, ...first] = changes.edges.map((edge) => edge.node);
    expect(surgery).toMatchObject({
      part: 'SURGERIES',
      before: [],
      after: ['Appendectomy (2019-05-02): laparoscopic'],
      added: ['Appendectomy (2019-05-02): laparoscopic'],
      removed: [],
      byPatient: false,
      emergency: false,
      doctor: { id: doctor.profile.id, lastName: doctor.profile.lastName },
    });
    // The patient's own change: one row per part, in the order the history shows them.
    expect(first.map((change) => change.part).sort()).toEqual(['ALLERGIES', 'BLOOD_GROUP']);
    expect(first.find((change) => change.part === 'ALLERGIES')).toMatchObject({
      before: ['Penicillin', 'Latex'],
      after: ['Latex', 'Amoxicillin'],
      added: ['Amoxicillin'],
      removed: ['Penicillin'],
      byPatient: true,
      doctor: null,
    });
    expect(first.find((change) => change.part === 'BLOOD_GROUP')).toMatchObject({
      before: [],
      after: ['O+'],
      added: ['O+'],
      removed: [],
    });
    expect(Date.parse(surgery!.changedAt)).toBeGreaterThanOrEqual(Date.parse(first[0]!.changedAt));

    // Who changed it is the account, kept for the compliance officer too.
    const rows = await database.query(
      `select part, changed_by_id, changed_by_role from medical_history_change where patient_id = $1 order by part`,
      [patient.profile.id],
    );
    expect(rows).toEqual([
      { part: 'ALLERGIES', changed_by_id: patient.user.id, changed_by_role: 'PATIENT' },
      { part: 'BLOOD_GROUP', changed_by_id: patient.user.id, changed_by_role: 'PATIENT' },
      { part: 'SURGERIES', changed_by_id: doctor.user.id, changed_by_role: 'DOCTOR' },
    ]);
  });

  it('writes nothing for the same entries in another order, for demographics, or for a refused change', async () => {
    const patient = await factory.patient({ allergies: ['Penicillin', 'Latex'], chronicConditions: ['Asthma'] });
    expectData(await update(patient.profile, patient.token, { allergies: ['Latex', 'Penicillin'], firstName: 'Ines' }));
    // A surgery in the future is refused, and the allergy given with it is not kept either.
    const refused = await update(patient.profile, patient.token, {
      allergies: ['Iodine'],
      surgeries: [{ procedure: 'Knee replacement', date: '2999-01-01' }],
    });
    expectGraphQLError(refused, 'BAD_USER_INPUT');
    // A change the database refuses after the history row was made rolls both back.
    const taken = await factory.patient();
    const conflict = await update(patient.profile, patient.token, {
      allergies: ['Iodine'],
      email: taken.user.email,
    });
    expectGraphQLError(conflict, 'CONFLICT');
    expect((await changesOf(patient.profile, patient.token)).totalCount).toBe(0);
    const [{ n }] = (await database.query(
      `select count(*)::int as n from medical_history_change where patient_id = $1`,
      [patient.profile.id],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('marks a change made under an emergency grant', async () => {
    const patient = await factory.patient();
    const doctor = await factory.doctor();
    await factory.emergencyGrant(doctor.profile, patient.profile);
    expectData(await update(patient.profile, doctor.token, { chronicConditions: ['Asthma', 'Type 2 diabetes'] }));
    const [change] = (await changesOf(patient.profile, doctor.token)).edges.map((edge) => edge.node);
    expect(change).toMatchObject({
      part: 'CHRONIC_CONDITIONS',
      added: ['Type 2 diabetes'],
      removed: [],
      emergency: true,
      byPatient: false,
      doctor: { id: doctor.profile.id },
    });
  });

  it('is shown to the patient and the doctors caring for them, never to an administrator or another doctor, and every read is audited', async () => {
    const patient = await factory.patient();
    const doctor = await caringDoctor(patient.profile);
    expectData(await update(patient.profile, patient.token, { allergies: ['Penicillin', 'Latex'] }));
    const stranger = await factory.doctor();
    for (const token of [admin.token, stranger.token]) {
      const answer = await gql<Changes>(app, CHANGES, { variables: { id: patient.profile.id }, token });
      expectGraphQLError(answer, 'FORBIDDEN');
      expect(JSON.stringify(answer)).not.toContain('Latex');
    }

    const [change] = (await changesOf(patient.profile, doctor.token)).edges.map((edge) => edge.node);
    const reads = await database.query(
      `select actor_id, patient_id from audit_entry where action = 'READ' and entity_type = 'MedicalHistoryChange' and entity_id = $1`,
      [change!.id],
    );
    expect(reads).toEqual([{ actor_id: doctor.user.id, patient_id: patient.profile.id }]);
    // The patient's access log names the change read by the day it was made.
    const log = expectData(
      await gql<{ myAccessLog: { edges: { node: { entityType: string; entityId: string; entityDate: string } }[] } }>(
        app,
        `{ myAccessLog(first: 50) { edges { node { entityType entityId entityDate } } } }`,
        { token: patient.token },
      ),
    ).myAccessLog.edges.map(({ node }) => node);
    expect(log.filter((node) => node.entityType === 'MedicalHistoryChange')).toEqual([
      { entityType: 'MedicalHistoryChange', entityId: change!.id, entityDate: change!.changedAt },
    ]);
  });

  it('is shown to a partner only with the clinical scope and while the patient shares with it', async () => {
    const patient = await factory.patient();
    expectData(await update(patient.profile, patient.token, { currentMedications: ['Metformin 500 mg'] }));
    const client = await createPartner(
      app,
      admin.token,
      ['patients:read', 'clinical:read', 'doctors:read'],
      'Referral app',
    );
    const token = async () => String((await requestToken(app, client)).body['access_token']);
    const before = await gql<Changes>(app, CHANGES, { variables: { id: patient.profile.id }, token: await token() });
    expect(before.errors?.[0]?.extensions?.['code']).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(JSON.stringify(before)).not.toContain('Metformin');

    expectData(
      await gql(app, GRANT, {
        token: patient.token,
        variables: { input: { purpose: 'DATA_SHARING', apiClientId: client.id } },
      }),
    );
    const shared = await changesOf(patient.profile, await token());
    expect(shared.edges.map((edge) => edge.node.added)).toEqual([['Metformin 500 mg']]);
  });

  it('pages by cursor, and reads a page with its doctors in the same statements for 2 changes as for 6', async () => {
    const read = async (count: number) => {
      const patient = await factory.patient({ allergies: [] });
      const doctors = [await caringDoctor(patient.profile), await caringDoctor(patient.profile)];
      for (let index = 0; index < count; index += 1) {
        const by = doctors[index % 2]!;
        expectData(await update(patient.profile, by.token, { allergies: [`Allergen ${index}`] }));
      }
      await changesOf(patient.profile, doctors[0]!.token); // the session, remembered
      statements.length = 0;
      const page = await changesOf(patient.profile, doctors[0]!.token, { first: 10 });
      const sent = requestStatements(statements).filter((sql) => !sql.includes('audit_event'));
      return { page, sent };
    };
    const few = await read(2);
    const many = await read(6);
    expect(few.page.edges).toHaveLength(2);
    expect(many.page.edges).toHaveLength(6);
    expect(new Set(many.page.edges.map((edge) => edge.node.doctor?.id)).size).toBe(2);
    expect(many.sent.length, many.sent.join('\n')).toBe(few.sent.length);

    // Newest first, a page at a time.
    const patient = await factory.patient({ allergies: [] });
    for (const allergen of ['Latex', 'Iodine', 'Nuts']) {
      expectData(await update(patient.profile, patient.token, { allergies: [allergen] }));
    }
    const first = await changesOf(patient.profile, patient.token, { first: 2 });
    expect(first.edges.map((edge) => edge.node.added)).toEqual([['Nuts'], ['Iodine']]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await changesOf(patient.profile, patient.token, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node)).toMatchObject([{ added: ['Latex'], removed: [] }]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});
