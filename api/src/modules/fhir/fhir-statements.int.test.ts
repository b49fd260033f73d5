import type { Bundle } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { fhirGet } from '../../../test/fhir.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';

let app: Application;
let factory: Factory;
const statements: string[] = [];

/** A doctor with `count` patients, each with a completed visit (with a reason) and a record. */
async function doctorWithPatients(count: number): Promise<Account<Doctor>> {
  const doctor = await factory.doctor();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const patient = await factory.patient();
      const startsAt = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000);
      const visit = await factory.appointment(patient.profile, doctor.profile, {
        status: AppointmentStatus.COMPLETED,
        startsAt,
      });
      await factory.record(patient.profile, doctor.profile, visit);
    }),
  );
  return doctor;
}

async function statementsOf(path: string, token: string): Promise<{ count: number; entries: number }> {
  statements.length = 0;
  const response = await fhirGet<Bundle>(app, path, token);
  expect(response.status).toBe(200);
  return { count: statements.length, entries: response.body.entry?.length ?? 0 };
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

describe('FHIR searches', () => {
  it('send the same statements for 5 and for 40 rows: guards and audit are batched (no N+1)', async () => {
    const small = await doctorWithPatients(5);
    const large = await doctorWithPatients(40);
    for (const path of ['Patient?_count=100', 'Appointment?_count=100']) {
      const five = await statementsOf(path, small.token);
      const forty = await statementsOf(path, large.token);
      expect([five.entries, forty.entries]).toEqual([5, 40]);
      expect(forty.count, `${path}\n${statements.join('\n')}`).toBe(five.count);
      expect(five.count).toBeGreaterThan(0);
      expect(five.count).toBeLessThanOrEqual(8);
    }
  });
});
