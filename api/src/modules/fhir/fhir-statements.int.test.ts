import type { Bundle, Patient as FhirPatient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { allPages, fhirGet } from '../../../test/fhir.js';
import type { Application } from '../../server/bootstrap.js';
import { createContext } from '../../server/context.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { FhirService } from './fhir.service.js';

let app: Application;
let database: TestDatabase;
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
  database = await createTestDatabase();
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

  it('pages Schedules in SQL: a page reads only its doctors, every active doctor once across the pages', async () => {
    const reader = (await Promise.all(Array.from({ length: 5 }, () => factory.doctor())))[0]!;
    const inactive = await factory.doctor();
    await database.query('update app_user set active = false where id = $1', [inactive.user.id]);
    statements.length = 0;
    const first = await fhirGet<Bundle>(app, 'Schedule?_count=2', reader.token);
    expect(first.status).toBe(200);
    expect(first.body.entry).toHaveLength(2);
    const doctorReads = statements.filter((sql) => /from "doctor"/.test(sql));
    expect(doctorReads, statements.join('\n')).toHaveLength(1);
    // Limited in SQL to the page and the one row telling whether more follow.
    expect(doctorReads[0]).toMatch(/ limit \$1\b.*\[took \d+ ms, 3 results\]/);

    const paged = await allPages(app, 'Schedule?_count=2', reader.token);
    const active = await database.query<{ id: string }>(
      'select d.id from doctor d join app_user u on u.id = d.user_id where u.active order by d.last_name, d.first_name, d.id',
    );
    expect(active.length).toBeGreaterThan(4);
    expect(paged.map((schedule) => schedule.id)).toEqual(active.map((row) => row.id));
    expect(paged.map((schedule) => schedule.id)).not.toContain(inactive.profile.id);
  });

  it('reads a page of exported charts in the same statements for 3 patients as for 12 (no statement per patient)', async () => {
    const chartsOf = async (count: number) => {
      const doctor = await doctorWithPatients(count);
      const rows = await database.query<{ patient_id: string }>(
        'select distinct patient_id from appointment where doctor_id = $1 order by patient_id',
        [doctor.profile.id],
      );
      const ids = rows.map((row) => row.patient_id);
      await Promise.all(ids.map((id) => factory.labOrder({ id } as Patient, doctor.profile, 4.2)));
      const ctx = await createContext(app.dependencies, {
        requestId: `charts-${count}`,
        clientAddress: '127.0.0.1',
        authorization: `Bearer ${doctor.token}`,
      });
      statements.length = 0;
      const charts = await new FhirService(ctx).visibleCharts(ids);
      const count_ = statements.length;
      const patients = charts.filter((resource) => resource.resourceType === 'Patient').map((resource) => resource.id);
      expect(patients).toEqual(ids);
      expect(charts.filter((resource) => resource.resourceType === 'DiagnosticReport')).toHaveLength(ids.length);
      expect(charts.filter((resource) => resource.resourceType === 'Appointment')).toHaveLength(ids.length);
      return count_;
    };
    const few = await chartsOf(3);
    const many = await chartsOf(12);
    expect(many, statements.join('\n')).toBe(few);
    expect(few).toBeLessThanOrEqual(12);
  });
});

describe('FHIR Patient/$everything', () => {
  it('reads a chart of 2 visits and one of 8 in the same few statements, each level of the chart at once', async () => {
    const doctor = await factory.doctor();
    const chartOf = async (visits: number) => {
      const patient = await factory.patient();
      for (let index = 0; index < visits; index += 1) {
        const visit = await factory.appointment(patient.profile, doctor.profile, {
          status: AppointmentStatus.COMPLETED,
          startsAt: new Date(Date.UTC(2025, 5, 1) + (visits * 100 + index) * 3_600_000),
        });
        await factory.record(patient.profile, doctor.profile, visit);
        await factory.prescription(patient.profile, doctor.profile, visit);
        await factory.labOrder(patient.profile, doctor.profile, 4.2);
      }
      return patient.profile.id;
    };
    const [short, long] = [await chartOf(2), await chartOf(8)];
    await fhirGet(app, 'Patient?name=nobody', doctor.token); // the session, checked once
    const counted = async (id: string) => {
      statements.length = 0;
      const response = await fhirGet<Bundle>(app, `Patient/${id}/$everything`, doctor.token);
      expect(response.status).toBe(200);
      const kinds = new Set(response.body.entry?.map((entry) => entry.resource!.resourceType));
      expect([...kinds].sort()).toEqual(
        expect.arrayContaining(['Appointment', 'DiagnosticReport', 'MedicationRequest', 'Observation', 'Patient']),
      );
      return statements.length;
    };
    const few = await counted(short);
    const many = await counted(long);
    // First reads of each chart: the care check, the patient with their account and lists, the lab
    // results, the prescriptions' items with the doctors named, and the audit's insert of the reads.
    expect(many, statements.join('\n')).toBe(few);
    expect(few, statements.join('\n')).toBeLessThanOrEqual(5);
  });
});

describe('FHIR Patient?name=', () => {
  it('finds the patients a first or last name of which starts with the text (any case), in name order, in one statement a page', async () => {
    const admin = await factory.admin();
    const [byFirst, byLast, withTwoWords] = await Promise.all([
      factory.patient({ firstName: 'Qwendolyn', lastName: 'Abbott' }),
      factory.patient({ firstName: 'Mara', lastName: 'Qwenton' }),
      factory.patient({ firstName: 'Ines', lastName: 'van Qwen' }),
      factory.patient({ firstName: 'Aqwen', lastName: 'Brandt' }), // inside a name, not at its start
      factory.patient({ firstName: 'Qwx', lastName: 'Other' }),
    ]);
    expect((await fhirGet<Bundle>(app, 'Patient?name=nobody', admin.token)).status).toBe(200); // the session, checked once

    const found = await statementsOf('Patient?name=QWEN', admin.token);
    expect(found.count, statements.join('\n')).toBe(1);
    const names = (await allPages(app, 'Patient?name=qWeN&_count=1', admin.token)).map(
      (resource) => (resource as FhirPatient).name?.[0]?.family,
    );
    expect(names).toEqual([byFirst.profile.lastName, byLast.profile.lastName]);
    expect(found.entries).toBe(2);
    // A later word of a name is no name's start: "van Qwen" is found by "van".
    expect(
      (await allPages(app, 'Patient?name=van', admin.token)).map(
        (resource) => (resource as FhirPatient).name?.[0]?.family,
      ),
    ).toEqual([withTwoWords.profile.lastName]);
  });
});

describe('FHIR Practitioner?name= and PractitionerRole?specialty=', () => {
  it('finds doctors by the start of a name (any case) and by specialisation, in name order, in one statement', async () => {
    const patient = await factory.patient();
    const [second, first] = await Promise.all([
      factory.doctor({ firstName: 'Ursula', lastName: 'Yxbridge', specialization: 'Nephrology' }),
      factory.doctor({ firstName: 'Yxana', lastName: 'Abel', specialization: 'Nephrology' }),
      factory.doctor({ firstName: 'Ayxa', lastName: 'Other', specialization: 'Urology' }),
    ]);
    expect((await fhirGet<Bundle>(app, 'Practitioner?name=nobody', patient.token)).status).toBe(200); // the session
    const found = await statementsOf('Practitioner?name=YX', patient.token);
    expect(found.count, statements.join('\n')).toBe(1);
    expect(
      (await allPages(app, 'Practitioner?name=yX&_count=1', patient.token)).map((resource) => resource.id),
    ).toEqual([first.profile.id, second.profile.id]);
    const roles = await allPages(app, 'PractitionerRole?specialty=nephrology', patient.token);
    expect(roles.map((resource) => [resource.resourceType, resource.id])).toEqual([
      ['PractitionerRole', first.profile.id],
      ['PractitionerRole', second.profile.id],
    ]);
  });
});
