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

describe('the patients list ordered by visits', () => {
  const ORDERED = `query ($orderBy: PatientOrder, $search: String, $first: Int, $after: String) {
    patients(orderBy: $orderBy, search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id lastName } } } }`;
  interface Ordered {
    patients: {
      totalCount: number | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; lastName: string } }[];
    };
  }
  let doctor: Account<Doctor>;
  let colleague: Account<Doctor>;
  // One surname for the clinic's test patients of this block, so an administrator's search finds them alone.
  const surname = `Ordered${Date.now().toString(36)}`;
  const named: Record<string, Account<Patient>> = {};

  beforeAll(async () => {
    [doctor, colleague] = await Promise.all([factory.doctor(), factory.doctor()]);
    // Given names in alphabetical order: those without a visit (and ties) come by name.
    for (const name of ['Ada', 'Bea', 'Cy', 'Di', 'Ed', 'Flo']) {
      named[name] = await factory.patient({ firstName: name, lastName: surname });
    }
    const visit = (name: string, by: Account<Doctor>, startsAt: Date, status: AppointmentStatus) =>
      factory.appointment(named[name]!.profile, by.profile, { startsAt, status });
    await visit('Ada', doctor, hours(-72), AppointmentStatus.COMPLETED);
    await visit('Bea', doctor, hours(-24), AppointmentStatus.COMPLETED);
    // Seen by a colleague since: the doctor's own last visit orders them for the doctor.
    await visit('Bea', colleague, hours(-5), AppointmentStatus.COMPLETED);
    await visit('Cy', doctor, hours(-400), AppointmentStatus.COMPLETED);
    await visit('Cy', doctor, hours(-12), AppointmentStatus.COMPLETED);
    // Booked only: never seen, but coming.
    await visit('Di', doctor, hours(30), AppointmentStatus.REQUESTED);
    await visit('Ed', doctor, hours(200), AppointmentStatus.CONFIRMED);
    await visit('Ed', doctor, hours(6), AppointmentStatus.CONFIRMED);
    await visit('Ada', doctor, hours(54), AppointmentStatus.CONFIRMED);
    // With a colleague at the time of Di's request: a tie for any doctor's next visit, broken by name.
    await visit('Ada', colleague, hours(30), AppointmentStatus.CONFIRMED);
    // Cancelled: neither a last nor a next visit; the patient stays on the list (cared for before).
    await visit('Flo', doctor, hours(-48), AppointmentStatus.NO_SHOW);
    await visit('Flo', doctor, hours(10), AppointmentStatus.CANCELLED);
  });

  const order = async (token: string, orderBy: string, first = 20) => {
    const listed = expectData(
      await gql<Ordered>(app, ORDERED, { token, variables: { orderBy, search: surname, first } }),
    );
    return listed.patients.edges.map(({ node }) => node.id);
  };
  const ids = (...names: string[]) => names.map((name) => named[name]!.profile.id);

  it('puts those a doctor saw last first, then those coming soonest, the others after by name', async () => {
    // Bea was seen since by a colleague: not the doctor's visit. Never seen: Di, Ed, Flo by name.
    expect(await order(doctor.token, 'LAST_VISIT')).toEqual(ids('Cy', 'Bea', 'Ada', 'Di', 'Ed', 'Flo'));
    expect(await order(doctor.token, 'NEXT_VISIT')).toEqual(ids('Ed', 'Di', 'Ada', 'Bea', 'Cy', 'Flo'));
    expect(await order(doctor.token, 'NAME')).toEqual(ids('Ada', 'Bea', 'Cy', 'Di', 'Ed', 'Flo'));
  });

  it("orders an administrator's list by any doctor's visits", async () => {
    const admin = await factory.admin();
    expect(await order(admin.token, 'LAST_VISIT')).toEqual(ids('Bea', 'Cy', 'Ada', 'Di', 'Ed', 'Flo'));
    expect(await order(admin.token, 'NEXT_VISIT')).toEqual(ids('Ed', 'Ada', 'Di', 'Bea', 'Cy', 'Flo'));
    // The colleague's own list: Bea seen, Ada only booked (the others never came to them).
    expect(await order(colleague.token, 'LAST_VISIT')).toEqual(ids('Bea', 'Ada'));
  });

  it('pages through the same order with cursors, across ties and the patients without a visit', async () => {
    const admin = await factory.admin();
    for (const [token, orderBy] of [
      [doctor.token, 'LAST_VISIT'],
      [doctor.token, 'NEXT_VISIT'],
      // Ada and Di tie on their next visit: the second page starts within the tie.
      [admin.token, 'NEXT_VISIT'],
    ] as const) {
      const whole = await order(token, orderBy);
      expect(whole).toHaveLength(6);
      const paged: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const listed: Ordered = expectData(
          await gql<Ordered>(app, ORDERED, {
            token,
            variables: { orderBy, search: surname, first: 2, after },
          }),
        );
        paged.push(...listed.patients.edges.map(({ node }) => node.id));
        expect(listed.patients.totalCount).toBe(after === null ? 6 : listed.patients.totalCount);
        after = listed.patients.pageInfo.hasNextPage ? listed.patients.pageInfo.endCursor : null;
        pages += 1;
      } while (after !== null);
      expect(pages).toBe(3);
      expect(paged).toEqual(whole);
    }
  });

  it("refuses a cursor of another order, and a partner's order by visits without appointments:read", async () => {
    const first = expectData(
      await gql<Ordered>(app, ORDERED, {
        token: doctor.token,
        variables: { orderBy: 'NAME', search: surname, first: 2 },
      }),
    );
    const foreign = expectGraphQLError(
      await gql(app, ORDERED, {
        token: doctor.token,
        variables: { orderBy: 'LAST_VISIT', search: surname, first: 2, after: first.patients.pageInfo.endCursor },
      }),
      'BAD_USER_INPUT',
    );
    expect(foreign.extensions?.['fields']).toEqual([{ field: 'after', message: 'is not a cursor from this list' }]);

    const admin = await factory.admin();
    const list = `query ($orderBy: PatientOrder) { patients(orderBy: $orderBy, first: 5) { edges { node { id } } } }`;
    const client = await createPartner(app, admin.token, ['patients:read'], 'Insurer without appointments');
    const token = await partnerToken(app, client);
    expectData(await gql(app, list, { token, variables: { orderBy: 'NAME' } }));
    expectGraphQLError(await gql(app, list, { token, variables: { orderBy: 'NEXT_VISIT' } }), 'FORBIDDEN');
  });

  it('reads an ordered page in one statement, whatever its size', async () => {
    await sessionRemembered(app, doctor.token);
    const count = async (first: number) => {
      statements.length = 0;
      expect(await order(doctor.token, 'LAST_VISIT', first)).toHaveLength(first);
      return requestStatements(statements).length;
    };
    const one = await count(1);
    expect(one).toBeLessThanOrEqual(2);
    expect(await count(5)).toBe(one);
  });
});
