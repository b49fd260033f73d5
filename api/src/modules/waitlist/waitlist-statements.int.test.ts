import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Patient } from '../patients/patient.entity.js';

/** The dashboards' doctor's waitlist (`DoctorWaitlist`), every field it asks. */
const DOCTOR_LIST = `query ($d: ID!) { doctorWaitlist(doctorId: $d) {
  id status patientName specialization from to createdAt offer { id startsAt expiresAt } } }`;
const JOIN = `mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }`;

let app: Application;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

const days = (n: number) => new Date(Date.now() + n * 86_400_000);

/** A place for `patient` over the next week (the doctors here have no hours: no offer goes out). */
async function wait(
  patient: Account<Patient>,
  target: { doctorId: string } | { specialization: string },
): Promise<void> {
  expectData(
    await gql(app, JOIN, { token: patient.token, variables: { input: { ...target, from: days(1), to: days(8) } } }),
  );
}

describe("a doctor's waitlist", () => {
  it("lists the places waiting for the doctor or their specialisation and the offers of the doctor's own slots, not a colleague's, in a fixed number of statements", async () => {
    // One half-hour a week each (the weekday three days ahead), so one offer takes a doctor's only slot.
    const weekday = ((days(3).getUTCDay() + 6) % 7) + 1;
    const oneSlot = [{ weekday, startTime: '10:00', endTime: '10:30', slotMinutes: 30 }];
    const [doctor, colleague] = await Promise.all([
      factory.doctor({ specialization: 'Cardiology' }, oneSlot),
      factory.doctor({ specialization: 'Cardiology' }, oneSlot),
      factory.doctor({ specialization: 'Dermatology' }, []),
    ]);
    const [offered, byName, offeredColleague, bySpecialty, forSkin, forColleague, alsoBySpecialty] = await Promise.all([
      factory.patient(),
      factory.patient(),
      factory.patient(),
      factory.patient(),
      factory.patient(),
      factory.patient(),
      factory.patient(),
    ]);
    const admin = await factory.admin();
    await wait(offered, { doctorId: doctor.profile.id }); // the doctor's slot, offered at once
    await wait(byName, { doctorId: doctor.profile.id });
    await wait(offeredColleague, { specialization: 'Cardiology' }); // the colleague's slot, offered at once
    await wait(bySpecialty, { specialization: 'Cardiology' });
    await wait(forSkin, { specialization: 'Dermatology' });
    await wait(forColleague, { doctorId: colleague.profile.id });
    await wait(alsoBySpecialty, { specialization: 'Cardiology' });

    const name = (patient: Account<Patient>) => `${patient.profile.firstName} ${patient.profile.lastName}`;
    // The doctor's: the list, then their own specialisation for the places by specialty (the row
    // guard's, once for the list); an administrator's: the list alone.
    for (const [viewer, count] of [
      [doctor, 2],
      [admin, 1],
    ] as const) {
      expectData(await gql(app, '{ me { id } }', { token: viewer.token })); // the session, checked once
      statements.length = 0;
      const list = expectData(
        await gql<{
          doctorWaitlist: {
            patientName: string;
            specialization: string | null;
            status: string;
            offer: { startsAt: string } | null;
          }[];
        }>(app, DOCTOR_LIST, { token: viewer.token, variables: { d: doctor.profile.id } }),
      ).doctorWaitlist;
      expect(requestStatements(statements), statements.join('\n')).toHaveLength(count);
      expect(
        list.map(({ patientName, specialization, status, offer }) => ({
          patientName,
          specialization,
          status,
          offered: !!offer,
        })),
      ).toEqual([
        { patientName: name(offered), specialization: null, status: 'OFFERED', offered: true },
        { patientName: name(byName), specialization: null, status: 'WAITING', offered: false },
        { patientName: name(bySpecialty), specialization: 'Cardiology', status: 'WAITING', offered: false },
        { patientName: name(alsoBySpecialty), specialization: 'Cardiology', status: 'WAITING', offered: false },
      ]);
    }
  });

  it('is empty for a doctor nobody waits for, and NOT_FOUND for an administrator asking of no doctor', async () => {
    const [doctor, admin] = await Promise.all([factory.doctor({ specialization: 'Neurology' }), factory.admin()]);
    for (const viewer of [doctor, admin]) {
      expect(
        expectData(
          await gql<{ doctorWaitlist: unknown[] }>(app, DOCTOR_LIST, {
            token: viewer.token,
            variables: { d: doctor.profile.id },
          }),
        ).doctorWaitlist,
      ).toEqual([]);
    }
    expectGraphQLError(
      await gql(app, DOCTOR_LIST, { token: admin.token, variables: { d: '00000000-0000-4000-8000-000000000000' } }),
      'NOT_FOUND',
    );
  });
});
