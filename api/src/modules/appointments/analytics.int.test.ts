import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from './appointment-status.js';

const QUERY = `query ($from: DateTime!, $to: DateTime!, $tz: String) {
  analytics(from: $from, to: $to, timezone: $tz) {
    totalAppointments noShowRate cancellationRate
    appointmentsPerDay { date total completed cancelled noShow }
    utilisation { doctor { id lastName } availableHours bookedHours utilisation } } }`;

interface Result {
  analytics: {
    totalAppointments: number;
    noShowRate: number;
    cancellationRate: number;
    appointmentsPerDay: { date: string; total: number; completed: number; cancelled: number; noShow: number }[];
    utilisation: {
      doctor: { id: string; lastName: string };
      availableHours: number;
      bookedHours: number;
      utilisation: number;
    }[];
  };
}

let app: Application;
let factory: Factory;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
});

describe('analytics', () => {
  it('counts per day, rates and utilisation in SQL over the period', async () => {
    // Monday 2 March 2026 and Tuesday 3 March, 09:00–12:00 Berlin (3 h a day, 6 h over the two days).
    const rules = [1, 2].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00', slotMinutes: 30 }));
    const doctor = await factory.doctor({}, rules);
    const patient = await factory.patient();
    const at = (iso: string, status: AppointmentStatus) =>
      factory.appointment(patient.profile, doctor.profile, { startsAt: new Date(iso), status });
    await at('2026-03-02T08:00:00Z', AppointmentStatus.COMPLETED);
    await at('2026-03-02T08:30:00Z', AppointmentStatus.NO_SHOW);
    await at('2026-03-02T09:00:00Z', AppointmentStatus.CANCELLED);
    await at('2026-03-03T08:00:00Z', AppointmentStatus.COMPLETED);

    await sessionRemembered(app, admin.token);
    statements.length = 0;
    const data = expectData(
      await gql<Result>(app, QUERY, {
        variables: { from: '2026-03-02T00:00:00+01:00', to: '2026-03-04T00:00:00+01:00', tz: 'Europe/Berlin' },
        token: admin.token,
      }),
    ).analytics;
    // Per day, the totals, and the utilisation with each doctor's row: no statement for the doctors.
    expect(statements, statements.join('\n')).toHaveLength(3);
    expect(data.totalAppointments).toBe(4);
    expect(data.appointmentsPerDay).toEqual([
      { date: '2026-03-02', total: 3, completed: 1, cancelled: 1, noShow: 1 },
      { date: '2026-03-03', total: 1, completed: 1, cancelled: 0, noShow: 0 },
    ]);
    expect(data.noShowRate).toBeCloseTo(1 / 3, 3);
    expect(data.cancellationRate).toBe(0.25);
    const own = data.utilisation.find((row) => row.doctor.id === doctor.profile.id);
    expect(own).toEqual({
      doctor: { id: doctor.profile.id, lastName: doctor.profile.lastName },
      availableHours: 6,
      bookedHours: 1.5,
      utilisation: 0.25,
    });
  });

  it('lists every day of the period, those without appointments too', async () => {
    const data = expectData(
      await gql<Result>(app, QUERY, {
        variables: { from: '2031-05-01T00:00:00Z', to: '2031-05-04T00:00:00Z' },
        token: admin.token,
      }),
    ).analytics;
    expect(data.appointmentsPerDay).toEqual(
      ['2031-05-01', '2031-05-02', '2031-05-03'].map((date) => ({
        date,
        total: 0,
        completed: 0,
        cancelled: 0,
        noShow: 0,
      })),
    );
  });

  it('is for administrators, over at most a year', async () => {
    const patient = await factory.patient();
    const doctor = await factory.doctor();
    const variables = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    expectGraphQLError(await gql(app, QUERY, { variables, token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, QUERY, { variables, token: doctor.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, QUERY, { variables }), 'UNAUTHENTICATED');
    expectGraphQLError(
      await gql(app, QUERY, {
        variables: { from: '2026-01-01T00:00:00Z', to: '2027-06-01T00:00:00Z' },
        token: admin.token,
      }),
      'BAD_USER_INPUT',
    );
    expectGraphQLError(
      await gql(app, QUERY, { variables: { ...variables, tz: 'Mars/Base' }, token: admin.token }),
      'BAD_USER_INPUT',
    );
  });
});
