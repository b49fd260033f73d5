import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements, sessionRemembered } from '../../../test/graphql.js';
import { createPartner, partnerToken } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { AppointmentStatus } from './appointment-status.js';

/** The doctor's "My patients" page (`MyPatients`) with each patient's last and next visit. */
const LIST = `query ($first: Int) { patients(first: $first) { edges { node { id
  lastVisit { id startsAt doctor { id } } nextVisit { id startsAt status doctor { id } } } } } }`;
const ONE = `query ($id: ID!) { patient(id: $id) { lastVisit { id } nextVisit { id } } }`;
const ONE_FOR_PARTNER = `query ($id: ID!) { patient(id: $id) { id nextVisit { id } } }`;

interface Listed {
  patients: {
    edges: {
      node: {
        id: string;
        lastVisit: { id: string; doctor: { id: string } } | null;
        nextVisit: { id: string; status: string; doctor: { id: string } } | null;
      };
    }[];
  };
}

let app: Application;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

const hours = (n: number) => {
  const at = new Date(Date.now() + n * 3_600_000);
  at.setUTCMinutes(0, 0, 0);
  return at;
};

describe("a patient's last and next visit", () => {
  let doctor: Account<Doctor>;
  let colleague: Account<Doctor>;
  let regular: Account<Patient>;
  let newcomer: Account<Patient>;
  let lapsed: Account<Patient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [doctor, colleague] = await Promise.all([factory.doctor(), factory.doctor()]);
    [regular, newcomer, lapsed] = await Promise.all([factory.patient(), factory.patient(), factory.patient()]);
    const visit = async (
      name: string,
      patient: Account<Patient>,
      by: Account<Doctor>,
      startsAt: Date,
      status: AppointmentStatus,
    ) => {
      ids[name] = (await factory.appointment(patient.profile, by.profile, { startsAt, status })).id;
    };
    await visit('regularLong', regular, doctor, hours(-240), AppointmentStatus.COMPLETED);
    await visit('regularLastWithDoctor', regular, doctor, hours(-72), AppointmentStatus.COMPLETED);
    await visit('regularLastAnywhere', regular, colleague, hours(-24), AppointmentStatus.COMPLETED);
    await visit('regularCancelled', regular, doctor, hours(20), AppointmentStatus.CANCELLED);
    await visit('regularNextAnywhere', regular, colleague, hours(48), AppointmentStatus.CONFIRMED);
    await visit('regularNextWithDoctor', regular, doctor, hours(120), AppointmentStatus.CONFIRMED);
    await visit('newcomerRequest', newcomer, doctor, hours(72), AppointmentStatus.REQUESTED);
    await visit('lapsedLast', lapsed, doctor, hours(-2000), AppointmentStatus.COMPLETED);
    await visit('lapsedNoShow', lapsed, doctor, hours(-30), AppointmentStatus.NO_SHOW);
    // Under way: still the next visit, not yet the last.
    await visit('lapsedUnderWay', lapsed, doctor, new Date(Date.now() - 10 * 60_000), AppointmentStatus.CHECKED_IN);
  });

  const byPatient = (listed: Listed) => new Map(listed.patients.edges.map(({ node }) => [node.id, node]));

  it("shows a doctor their own visits with each patient, not a colleague's, cancelled or missed ones", async () => {
    const listed = byPatient(
      expectData(await gql<Listed>(app, LIST, { token: doctor.token, variables: { first: 20 } })),
    );
    expect(listed.get(regular.profile.id)).toMatchObject({
      lastVisit: { id: ids['regularLastWithDoctor'] },
      nextVisit: { id: ids['regularNextWithDoctor'], status: 'CONFIRMED' },
    });
    expect(listed.get(newcomer.profile.id)).toMatchObject({
      lastVisit: null,
      nextVisit: { id: ids['newcomerRequest'], status: 'REQUESTED' },
    });
    expect(listed.get(lapsed.profile.id)).toMatchObject({
      lastVisit: { id: ids['lapsedLast'] },
      nextVisit: { id: ids['lapsedUnderWay'], status: 'CHECKED_IN' },
    });
  });

  it('shows an administrator and the patient themself any doctor’s', async () => {
    const admin = await factory.admin();
    for (const token of [admin.token, regular.token]) {
      const { patient } = expectData(
        await gql<{ patient: { lastVisit: { id: string }; nextVisit: { id: string } } }>(app, ONE, {
          token,
          variables: { id: regular.profile.id },
        }),
      );
      expect(patient).toEqual({
        lastVisit: { id: ids['regularLastAnywhere'] },
        nextVisit: { id: ids['regularNextAnywhere'] },
      });
    }
  });

  it('reads a page of patients’ visits in the same statements as one patient’s', async () => {
    await sessionRemembered(app, doctor.token);
    const count = async (first: number) => {
      statements.length = 0;
      const listed = expectData(await gql<Listed>(app, LIST, { token: doctor.token, variables: { first } }));
      expect(listed.patients.edges).toHaveLength(first);
      return requestStatements(statements).length;
    };
    const one = await count(1);
    expect(await count(3)).toBe(one);
  });
});

describe("a partner's view of a patient's visits", () => {
  it('needs appointments:read besides the patient’s consent, as every appointment does', async () => {
    const admin = await factory.admin();
    const [doctor, patient] = await Promise.all([factory.doctor(), factory.patient()]);
    const next = await factory.appointment(patient.profile, doctor.profile, {
      startsAt: hours(30),
      status: AppointmentStatus.CONFIRMED,
    });
    const read = async (scopes: string[]) => {
      const client = await createPartner(app, admin.token, scopes, `Referrals ${scopes.join(' ')}`);
      expectData(
        await gql(app, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
          token: patient.token,
          variables: { input: { purpose: 'DATA_SHARING', apiClientId: client.id } },
        }),
      );
      return gql<{ patient: { id: string; nextVisit: { id: string } | null } }>(app, ONE_FOR_PARTNER, {
        token: await partnerToken(app, client),
        variables: { id: patient.profile.id },
      });
    };
    expect(expectData(await read(['patients:read', 'appointments:read'])).patient.nextVisit).toEqual({ id: next.id });
    // Without it the request is refused before it runs, naming what the scopes do not cover.
    const without = expectGraphQLError(await read(['patients:read']), 'FORBIDDEN');
    expect(without.extensions?.['uncovered']).toEqual([{ field: 'Appointment.id', scope: 'appointments:read' }]);
  });
});
