import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { Doctor } from './doctor.entity.js';
import { TimeOff } from './time-off.entity.js';

const DAY = 86_400_000;
const RANGE = `query ($id: ID!, $from: DateTime, $to: DateTime) {
  doctor(id: $id) { timeOff(from: $from, to: $to) { id startsAt endsAt reason } } }`;
const UPCOMING = `query ($id: ID!) { doctor(id: $id) { timeOff { id reason } } }`;

interface Period {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
});

/** Time off of `doctor` starting `fromDays` from now for `days` days (negative: in the past). */
async function timeOff(doctor: Account<Doctor>, fromDays: number, days: number, reason: string): Promise<string> {
  const em = app.orm.em.fork();
  const startsAt = new Date(Math.floor(Date.now() / DAY) * DAY + fromDays * DAY);
  const period = em.create(TimeOff, {
    doctor: em.getReference(Doctor, doctor.profile.id),
    startsAt,
    endsAt: new Date(startsAt.getTime() + days * DAY),
    reason,
  });
  await em.flush();
  return period.id;
}

const at = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString();

describe('Doctor.timeOff(from, to)', () => {
  it('answers the time off overlapping a range, past days included; without arguments only from today on', async () => {
    const doctor = await factory.doctor();
    const lastMonth = await timeOff(doctor, -30, 2, 'Conference');
    const lastWeek = await timeOff(doctor, -8, 3, 'Leave');
    const nextWeek = await timeOff(doctor, 7, 1, 'Course');

    const pastWeeks = expectData(
      await gql<{ doctor: { timeOff: Period[] } }>(app, RANGE, {
        token: doctor.token,
        variables: { id: doctor.profile.id, from: at(-7), to: at(0) },
      }),
    ).doctor.timeOff;
    // Last week's leave began before the range and still overlaps it.
    expect(pastWeeks.map((period) => period.id)).toEqual([lastWeek]);

    const everything = expectData(
      await gql<{ doctor: { timeOff: Period[] } }>(app, RANGE, {
        token: admin.token,
        variables: { id: doctor.profile.id, from: at(-60) },
      }),
    ).doctor.timeOff;
    expect(everything.map((period) => period.id)).toEqual([lastMonth, lastWeek, nextWeek]);

    const upcoming = expectData(
      await gql<{ doctor: { timeOff: Period[] } }>(app, UPCOMING, {
        token: doctor.token,
        variables: { id: doctor.profile.id },
      }),
    ).doctor.timeOff;
    expect(upcoming.map((period) => period.id)).toEqual([nextWeek]);
  });

  it('refuses a range that ends before it starts, is too long, or has no start; and other doctors', async () => {
    const [doctor, other] = await Promise.all([factory.doctor(), factory.doctor()]);
    const ask = (token: string, variables: Record<string, unknown>) =>
      gql(app, RANGE, { token, variables: { id: doctor.profile.id, ...variables } });
    expect(
      expectGraphQLError(await ask(doctor.token, { from: at(0), to: at(-1) }), 'BAD_USER_INPUT').extensions,
    ).toMatchObject({
      fields: [expect.objectContaining({ field: 'to' })],
    });
    expectGraphQLError(await ask(doctor.token, { from: at(-500), to: at(0) }), 'BAD_USER_INPUT');
    expectGraphQLError(await ask(doctor.token, { from: at(-500) }), 'BAD_USER_INPUT');
    expectGraphQLError(await ask(doctor.token, { to: at(3) }), 'BAD_USER_INPUT');
    expectGraphQLError(await ask(other.token, { from: at(-7), to: at(0) }), 'FORBIDDEN');
  });

  it('loads the range for many doctors in one statement', async () => {
    const doctors = await Promise.all([factory.doctor(), factory.doctor(), factory.doctor()]);
    for (const doctor of doctors) {
      await timeOff(doctor, -3, 1, 'Leave');
    }
    // Every doctor of the list in one request: their time off comes from one statement.
    const listed = `query ($from: DateTime!, $to: DateTime!) {
      doctors(first: 100) { edges { node { id timeOff(from: $from, to: $to) { id } } } } }`;
    statements.length = 0;
    const data = expectData(
      await gql<{ doctors: { edges: { node: { id: string; timeOff: { id: string }[] } }[] } }>(app, listed, {
        token: admin.token,
        variables: { from: at(-7), to: at(0) },
      }),
    );
    const byDoctor = new Map(data.doctors.edges.map((edge) => [edge.node.id, edge.node.timeOff]));
    expect(doctors.map((doctor) => byDoctor.get(doctor.profile.id)?.length)).toEqual([1, 1, 1]);
    expect(statements.filter((sql) => /from "time_off"/.test(sql))).toHaveLength(1);
  });
});

describe('Doctor.awayUntil', () => {
  it('tells when the time off under way ends, periods that follow on as one, for a whole list in one statement', async () => {
    const [away, chained, atWork] = await Promise.all([factory.doctor(), factory.doctor(), factory.doctor()]);
    await timeOff(away, 0, 2, 'Leave');
    await timeOff(chained, 0, 1, 'Leave');
    await timeOff(chained, 1, 2, 'Course');
    await timeOff(chained, 6, 1, 'Later');
    await timeOff(atWork, -5, 2, 'Past');
    await timeOff(atWork, 3, 2, 'Next week');
    const listed = `{ doctors(first: 100) { edges { node { id awayUntil } } } }`;
    const patient = await factory.patient();
    statements.length = 0;
    const data = expectData(
      await gql<{ doctors: { edges: { node: { id: string; awayUntil: string | null } }[] } }>(app, listed, {
        token: patient.token,
      }),
    );
    const byDoctor = new Map(data.doctors.edges.map((edge) => [edge.node.id, edge.node.awayUntil]));
    expect([away, chained, atWork].map((doctor) => byDoctor.get(doctor.profile.id))).toEqual([at(2), at(3), null]);
    expect(statements.filter((sql) => /from time_off/.test(sql))).toHaveLength(1);
  });
});

describe('the doctors directory', () => {
  it('reads a first page and the total in one statement', async () => {
    await Promise.all([factory.doctor(), factory.doctor(), factory.doctor()]);
    const query = `{ doctors(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id lastName specialization } } } }`;
    expectData(await gql(app, query, { token: admin.token }));
    statements.length = 0;
    const { doctors } = expectData(
      await gql<{ doctors: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: unknown[] } }>(app, query, {
        token: admin.token,
      }),
    );
    expect(doctors.edges).toHaveLength(2);
    expect(doctors.pageInfo.hasNextPage).toBe(true);
    expect(doctors.totalCount).toBeGreaterThanOrEqual(3);
    expect(statements, statements.join('\n')).toHaveLength(1);
    expect(statements[0]).toContain('count(*) over ()');
  });
});
