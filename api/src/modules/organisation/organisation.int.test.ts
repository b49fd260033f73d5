import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements, sessionRemembered } from '../../../test/graphql.js';
import { subscribe, wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import type { Bed } from './bed.entity.js';
import type { Department } from './department.entity.js';
import type { Hospital } from './hospital.entity.js';

const ADMIT = `mutation ($input: AdmitPatientInput!) { admitPatient(input: $input) { id admittedAt dischargedAt bed { id status } patient { id } } }`;
const DISCHARGE = `mutation ($id: ID!) { dischargePatient(admissionId: $id) { id dischargedAt bed { id status } } }`;
const AVAILABILITY = `query ($id: ID!) { bedAvailability(hospitalId: $id) { department { id name } total available occupied } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let patient: Account<Patient>;
let otherPatient: Account<Patient>;
let caring: Account<Doctor>;
let stranger: Account<Doctor>;
let site: { hospital: Hospital; department: Department; beds: Bed[] };
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  site = await factory.hospital({ beds: 4 });
  [admin, patient, otherPatient, caring, stranger] = await Promise.all([
    factory.admin(),
    factory.patient(),
    factory.patient(),
    factory.doctor({ departmentId: site.department.id }),
    factory.doctor(),
  ]);
  await factory.appointment(patient.profile, caring.profile, { status: AppointmentStatus.CONFIRMED });
});

describe('hospitals, departments and beds', () => {
  it('an admin creates a hospital, a department and a bed; others are refused', async () => {
    const hospital = expectData(
      await gql<{ createHospital: { id: string; code: string; timezone: string; departments: unknown[] } }>(
        app,
        `mutation { createHospital(input: { name: "North Infirmary", timezone: "Europe/Oslo" }) { id code timezone departments { id } } }`,
        { token: admin.token },
      ),
    ).createHospital;
    expect(hospital).toMatchObject({ code: 'NI', timezone: 'Europe/Oslo', departments: [] });
    const department = expectData(
      await gql<{ createDepartment: { id: string; hospital: { id: string } } }>(
        app,
        `mutation ($h: ID!) { createDepartment(input: { hospitalId: $h, name: "Cardiology" }) { id hospital { id } } }`,
        { token: admin.token, variables: { h: hospital.id } },
      ),
    ).createDepartment;
    expect(department.hospital.id).toBe(hospital.id);
    const bed = expectData(
      await gql<{ createBed: { status: string; department: { id: string } } }>(
        app,
        `mutation ($d: ID!) { createBed(input: { departmentId: $d, ward: "Ward 2", label: "7C" }) { status department { id } } }`,
        { token: admin.token, variables: { d: department.id } },
      ),
    ).createBed;
    expect(bed).toEqual({ status: 'AVAILABLE', department: { id: department.id } });
    expectGraphQLError(
      await gql(
        app,
        `mutation ($d: ID!) { createBed(input: { departmentId: $d, ward: "Ward 2", label: "7C" }) { id } }`,
        {
          token: admin.token,
          variables: { d: department.id },
        },
      ),
      'CONFLICT',
    );
    const create = `mutation { createHospital(input: { name: "X", timezone: "Mars/Olympus" }) { id } }`;
    const bad = expectGraphQLError(await gql(app, create, { token: admin.token }), 'BAD_USER_INPUT');
    expect(bad.extensions.fields?.[0]?.field).toBe('input.timezone');
    expectGraphQLError(await gql(app, create, { token: caring.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, create, { token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, create), 'UNAUTHENTICATED');
  });

  it('an admin corrects a hospital and renames a department; its code and currency stay, names stay unique', async () => {
    const { hospital, department } = await factory.hospital();
    const other = await factory.hospital();
    const UPDATE_HOSPITAL = `mutation ($id: ID!, $input: UpdateHospitalInput!) {
      updateHospital(id: $id, input: $input) { id name address timezone code currency } }`;
    const updated = expectData(
      await gql<{ updateHospital: Record<string, unknown> }>(app, UPDATE_HOSPITAL, {
        token: admin.token,
        variables: {
          id: hospital.id,
          input: { name: `  Riverside ${hospital.code}  `, address: '1 River Road', timezone: 'Europe/Vienna' },
        },
      }),
    ).updateHospital;
    expect(updated).toEqual({
      id: hospital.id,
      name: `Riverside ${hospital.code}`,
      address: '1 River Road',
      timezone: 'Europe/Vienna',
      code: hospital.code,
      currency: hospital.currency,
    });
    // Fields left out stay; an empty address removes it.
    const cleared = expectData(
      await gql<{ updateHospital: Record<string, unknown> }>(app, UPDATE_HOSPITAL, {
        token: admin.token,
        variables: { id: hospital.id, input: { address: '' } },
      }),
    ).updateHospital;
    expect(cleared).toMatchObject({ name: `Riverside ${hospital.code}`, address: null, timezone: 'Europe/Vienna' });
    const zone = expectGraphQLError(
      await gql(app, UPDATE_HOSPITAL, {
        token: admin.token,
        variables: { id: hospital.id, input: { timezone: 'Mars/Olympus' } },
      }),
      'BAD_USER_INPUT',
    );
    expect(zone.extensions.fields).toEqual([{ field: 'input.timezone', message: expect.any(String) as unknown }]);
    expectGraphQLError(
      await gql(app, UPDATE_HOSPITAL, {
        token: admin.token,
        variables: { id: hospital.id, input: { name: other.hospital.name } },
      }),
      'CONFLICT',
    );
    expectGraphQLError(
      await gql(app, UPDATE_HOSPITAL, { token: caring.token, variables: { id: hospital.id, input: { name: 'Mine' } } }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, UPDATE_HOSPITAL, {
        token: admin.token,
        variables: { id: '00000000-0000-4000-8000-000000000999', input: { name: 'Nowhere' } },
      }),
      'NOT_FOUND',
    );

    const RENAME = `mutation ($id: ID!, $name: String!) { updateDepartment(id: $id, input: { name: $name }) { id name hospital { id } } }`;
    const renamed = expectData(
      await gql<{ updateDepartment: Record<string, unknown> }>(app, RENAME, {
        token: admin.token,
        variables: { id: department.id, name: ' Cardiology West ' },
      }),
    ).updateDepartment;
    expect(renamed).toEqual({ id: department.id, name: 'Cardiology West', hospital: { id: hospital.id } });
    const sibling = expectData(
      await gql<{ createDepartment: { id: string } }>(
        app,
        `mutation ($h: ID!) { createDepartment(input: { hospitalId: $h, name: "Neurology" }) { id } }`,
        { token: admin.token, variables: { h: hospital.id } },
      ),
    ).createDepartment;
    expectGraphQLError(
      await gql(app, RENAME, { token: admin.token, variables: { id: sibling.id, name: 'Cardiology West' } }),
      'CONFLICT',
    );
    const blank = expectGraphQLError(
      await gql(app, RENAME, { token: admin.token, variables: { id: sibling.id, name: '   ' } }),
      'BAD_USER_INPUT',
    );
    expect(blank.extensions.fields?.[0]?.field).toBe('input.name');
    // Audited as the administrator's changes.
    const audit = await database.query<{ entity_type: string }>(
      `select entity_type from audit_event where action = 'UPDATE' and entity_id = any($1::uuid[]) order by at`,
      [[hospital.id, department.id]],
    );
    expect(audit.map(({ entity_type }) => entity_type)).toEqual(['Hospital', 'Hospital', 'Department']);
  });

  it('lists hospitals to everyone, and booking filters doctors by hospital and department', async () => {
    const hospitals = expectData(
      await gql<{ hospitals: { id: string }[] }>(app, '{ hospitals { id name timezone departments { id name } } }'),
    );
    expect(hospitals.hospitals.map((h) => h.id)).toContain(site.hospital.id);
    const byHospital = expectData(
      await gql<{ doctors: { edges: { node: { id: string; department: { id: string } } }[] } }>(
        app,
        `query ($h: ID) { doctors(hospitalId: $h) { edges { node { id department { id name hospital { id } } } } } }`,
        { variables: { h: site.hospital.id } },
      ),
    ).doctors.edges.map((e) => e.node);
    expect(byHospital.map((d) => d.id)).toEqual([caring.profile.id]);
    const byDepartment = expectData(
      await gql<{ doctors: { totalCount: number } }>(
        app,
        `query ($d: ID) { doctors(departmentId: $d) { totalCount } }`,
        {
          variables: { d: site.department.id },
        },
      ),
    );
    expect(byDepartment.doctors.totalCount).toBe(1);
    expectGraphQLError(await gql(app, `{ doctors(departmentId: "nope") { totalCount } }`), 'BAD_USER_INPUT');
  });

  it('lists doctors with their departments and hospitals in as many statements for 10 sites as for 1', async () => {
    const listed = async () => {
      statements.length = 0;
      const data = expectData(
        await gql<{ doctors: { edges: { node: { department: { hospital: { name: string } } | null } }[] } }>(
          app,
          `{ doctors(first: 100) { edges { node { id fee { amount currency }
             department { id name hospital { id name } } } } } }`,
          { token: admin.token },
        ),
      );
      expect(data.doctors.edges.every(({ node }) => node.department?.hospital.name)).toBe(true);
      return requestStatements(statements).length;
    };
    const one = await listed();
    for (let index = 0; index < 9; index += 1) {
      const other = await factory.hospital();
      await factory.doctor({ departmentId: other.department.id });
    }
    expect(await listed(), statements.join('\n')).toBe(one);
  });

  it("reads a hospital's bed board in one statement per level, whatever its size", async () => {
    const board = async (beds: number) => {
      const ward = await factory.hospital({ beds });
      const admitted = await Promise.all([factory.patient(), factory.patient()]);
      for (const [index, person] of admitted.entries()) {
        expectData(
          await gql(app, ADMIT, {
            token: admin.token,
            variables: {
              input: { patientId: person.profile.id, bedId: ward.beds[index * 2]!.id, reason: 'Observation' },
            },
          }),
        );
      }
      await sessionRemembered(app, admin.token);
      statements.length = 0;
      // The dashboards' bed board: the hospitals' tree, and the counts of the chosen one.
      const { hospitals, bedAvailability } = expectData(
        await gql<{
          hospitals: {
            id: string;
            departments: {
              id: string;
              beds: { label: string; status: string; admission: { patient: { lastName: string } } | null }[];
            }[];
          }[];
          bedAvailability: {
            department: { id: string; name: string };
            total: number;
            available: number;
            occupied: number;
          }[];
        }>(
          app,
          `query ($h: ID!) {
            hospitals { id departments { id name beds { id ward label status admission { id admittedAt patient { id lastName } } } } }
            bedAvailability(hospitalId: $h) { department { id name } total available occupied } }`,
          { token: admin.token, variables: { h: ward.hospital.id } },
        ),
      );
      expect(bedAvailability).toEqual([
        {
          department: { id: ward.department.id, name: ward.department.name },
          total: beds,
          available: beds - 2,
          occupied: 2,
        },
      ]);
      const read = statements.filter((sql) => !sql.includes('audit_event'));
      const [department] = hospitals.find((hospital) => hospital.id === ward.hospital.id)!.departments;
      expect(department!.beds.map((bed) => bed.label)).toEqual(ward.beds.map((bed) => bed.label).sort());
      expect(department!.beds.map((bed) => bed.admission?.patient.lastName ?? null)).toEqual(
        ward.beds.map((_, index) => (index === 0 || index === 2 ? admitted[index / 2]!.profile.lastName : null)),
      );
      expect(department!.beds.filter((bed) => bed.status === 'OCCUPIED')).toHaveLength(2);
      return read;
    };
    const small = await board(3);
    const large = await board(9);
    // The hospitals and the counts (with their departments); the hospitals' departments; the beds;
    // the beds' admissions; the admitted patients.
    expect(large, large.join('\n')).toHaveLength(5);
    expect(small).toHaveLength(5);
  });

  it('never lets OCCUPIED be set by hand', async () => {
    const error = expectGraphQLError(
      await gql(app, `mutation ($id: ID!) { setBedStatus(id: $id, status: OCCUPIED) { id } }`, {
        token: admin.token,
        variables: { id: site.beds[3]!.id },
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields?.[0]?.field).toBe('status');
  });
});

describe('admissions', () => {
  it('two admissions racing for one bed: exactly one wins, the other is CONFLICT', async () => {
    const bed = site.beds[0]!;
    const racers = await Promise.all([factory.patient(), factory.patient()]);
    const results = await Promise.all(
      racers.map((p) =>
        gql(app, ADMIT, {
          token: admin.token,
          variables: { input: { patientId: p.profile.id, bedId: bed.id, reason: 'Chest pain' } },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expectGraphQLError(
      results.find((r) => r.errors)!,
      'CONFLICT',
    );
    const open = await database.query('select id from admission where bed_id = $1 and discharged_at is null', [bed.id]);
    expect(open).toHaveLength(1);
  });

  it('the database itself refuses a second open admission of a bed', async () => {
    const bed = site.beds[0]!;
    await expect(
      database.query(`insert into admission (patient_id, bed_id, admitted_by_id) values ($1, $2, $3)`, [
        otherPatient.profile.id,
        bed.id,
        admin.user.id,
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'admission_one_open_per_bed' });
  });

  it('counts beds live, and pushes availability to subscribers after each committed change', async () => {
    const client = wsClient(app, admin.token);
    const feed = subscribe<{ bedAvailabilityChanged: { available: number; occupied: number; total: number }[] }>(
      client,
      `subscription ($id: ID!) { bedAvailabilityChanged(hospitalId: $id) { total available occupied } }`,
      { id: site.hospital.id },
    );
    await feed.ready;
    await expect.poll(() => feed.received.length).toBeGreaterThanOrEqual(1);
    const before = expectData(
      await gql<{ bedAvailability: { total: number; available: number; occupied: number }[] }>(app, AVAILABILITY, {
        token: caring.token,
        variables: { id: site.hospital.id },
      }),
    ).bedAvailability[0]!;
    expect(before.total).toBe(4);
    const admitted = expectData(
      await gql<{ admitPatient: { id: string; bed: { status: string } } }>(app, ADMIT, {
        token: caring.token,
        variables: { input: { patientId: patient.profile.id, bedId: site.beds[1]!.id } },
      }),
    );
    expect(admitted.admitPatient.bed.status).toBe('OCCUPIED');
    await expect.poll(() => feed.received.at(-1)?.bedAvailabilityChanged[0]?.occupied).toBe(before.occupied + 1);
    const discharged = expectData(
      await gql<{ dischargePatient: { bed: { status: string } } }>(app, DISCHARGE, {
        token: admin.token,
        variables: { id: admitted.admitPatient.id },
      }),
    );
    expect(discharged.dischargePatient.bed.status).toBe('CLEANING');
    expectGraphQLError(
      await gql(app, DISCHARGE, { token: admin.token, variables: { id: admitted.admitPatient.id } }),
      'CONFLICT',
    );
    await expect.poll(() => feed.received.at(-1)?.bedAvailabilityChanged[0]?.occupied).toBe(before.occupied);
    feed.close();
    expectGraphQLError(
      await gql(app, AVAILABILITY, { token: patient.token, variables: { id: site.hospital.id } }),
      'FORBIDDEN',
    );
    expectGraphQLError(await gql(app, AVAILABILITY, { variables: { id: site.hospital.id } }), 'UNAUTHENTICATED');
  });

  it('moves an admitted patient to a free bed of the same hospital: one stay per bed, each bed counted', async () => {
    const ward = await factory.hospital({ beds: 3 });
    const elsewhere = await factory.hospital({ beds: 1 });
    const [first, second, third] = ward.beds as [Bed, Bed, Bed];
    const someone = await factory.patient();
    await factory.appointment(someone.profile, caring.profile, { status: AppointmentStatus.CONFIRMED });
    const stay = expectData(
      await gql<{ admitPatient: { id: string } }>(app, ADMIT, {
        token: admin.token,
        variables: { input: { patientId: someone.profile.id, bedId: first.id, reason: 'Pneumonia, IV antibiotics' } },
      }),
    ).admitPatient;
    const TRANSFER = `mutation ($a: ID!, $b: ID!) { transferPatient(admissionId: $a, bedId: $b) {
      id admittedAt dischargedAt bed { id status } patient { id } } }`;
    const move = (admissionId: string, bedId: string, token = caring.token) =>
      gql<{ transferPatient: { id: string; dischargedAt: string | null; bed: { id: string; status: string } } }>(
        app,
        TRANSFER,
        { token, variables: { a: admissionId, b: bedId } },
      );

    // Not to another hospital, not to the bed they are in; not by a doctor not caring for them.
    const away = expectGraphQLError(await move(stay.id, elsewhere.beds[0]!.id), 'BAD_USER_INPUT');
    expect(away.extensions.fields?.[0]?.field).toBe('bedId');
    expectGraphQLError(await move(stay.id, first.id), 'BAD_USER_INPUT');
    expectGraphQLError(await move(stay.id, second.id, stranger.token), 'FORBIDDEN');
    expectGraphQLError(await move(stay.id, second.id, someone.token), 'FORBIDDEN');

    const moved = expectData(await move(stay.id, second.id)).transferPatient;
    expect(moved).toMatchObject({ dischargedAt: null, bed: { id: second.id, status: 'OCCUPIED' } });
    const rows = await database.query<{
      id: string;
      bed_id: string;
      discharged_at: Date | null;
      moved_to_id: string | null;
      reason: string;
    }>(
      `select id, bed_id, discharged_at, moved_to_id, reason from admission where patient_id = $1 order by admitted_at, discharged_at nulls last`,
      [someone.profile.id],
    );
    // The old stay ended as the new one began, naming it; the reason goes along.
    expect(rows).toEqual([
      {
        id: stay.id,
        bed_id: first.id,
        discharged_at: expect.any(Date) as unknown,
        moved_to_id: moved.id,
        reason: 'Pneumonia, IV antibiotics',
      },
      { id: moved.id, bed_id: second.id, discharged_at: null, moved_to_id: null, reason: 'Pneumonia, IV antibiotics' },
    ]);
    const beds = await database.query<{ id: string; status: string }>(
      `select id, status from bed where id = any($1::uuid[]) order by label`,
      [[first.id, second.id, third.id]],
    );
    expect(Object.fromEntries(beds.map(({ id, status }) => [id, status]))).toEqual({
      [first.id]: 'CLEANING',
      [second.id]: 'OCCUPIED',
      [third.id]: 'AVAILABLE',
    });
    // The old stay can no longer be moved; the bed being cleaned cannot be moved to.
    expectGraphQLError(await move(stay.id, third.id), 'CONFLICT');
    const cleaning = expectGraphQLError(await move(moved.id, first.id), 'CONFLICT');
    expect(cleaning.extensions['reason']).toBe('BED_NOT_AVAILABLE');
    // Today both beds held the patient: each counted.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: ward.hospital.timezone });
    const [occupancy] = expectData(
      await gql<{ bedOccupancy: { occupied: number; beds: number }[] }>(
        app,
        `query ($h: ID!, $d: Date!) { bedOccupancy(hospitalId: $h, from: $d, to: $d) { occupied beds } }`,
        { token: admin.token, variables: { h: ward.hospital.id, d: today } },
      ),
    ).bedOccupancy;
    expect(occupancy).toEqual({ occupied: 2, beds: 3 });
    // Audited as a transfer by the doctor, the chart's stay read back through the new one.
    const [audit] = await database.query<{ actor_id: string }>(
      `select actor_id from audit_event where action = 'TRANSFER' and entity_id = $1`,
      [moved.id],
    );
    expect(audit).toEqual({ actor_id: caring.user.id });
    const chain = expectData(
      await gql<{ patient: { admissions: { id: string; movedToId: string | null }[] } }>(
        app,
        `query ($id: ID!) { patient(id: $id) { admissions { id movedToId } } }`,
        { token: caring.token, variables: { id: someone.profile.id } },
      ),
    ).patient.admissions;
    expect(chain).toEqual([
      { id: moved.id, movedToId: null },
      { id: stay.id, movedToId: moved.id },
    ]);
  });

  it('a doctor not caring for the patient may not admit them', async () => {
    expectGraphQLError(
      await gql(app, ADMIT, {
        token: stranger.token,
        variables: { input: { patientId: patient.profile.id, bedId: site.beds[2]!.id } },
      }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, ADMIT, {
        token: patient.token,
        variables: { input: { patientId: patient.profile.id, bedId: site.beds[2]!.id } },
      }),
      'FORBIDDEN',
    );
  });

  it('admissions are part of the chart: treating doctors and the patient see them, audited; admins never the reason', async () => {
    const query = `query ($id: ID!) { patient(id: $id) { admissions { id reason admittedAt bed { label } } } }`;
    const asDoctor = expectData(
      await gql<{ patient: { admissions: { id: string; reason: string | null }[] } }>(app, query, {
        token: caring.token,
        variables: { id: patient.profile.id },
      }),
    );
    expect(asDoctor.patient.admissions.length).toBeGreaterThanOrEqual(1);
    const audited = await database.query<{ entity_id: string }>(
      `select entity_id from audit_entry where action = 'READ' and entity_type = 'Admission' and actor_id = $1`,
      [caring.user.id],
    );
    expect(audited.map((a) => a.entity_id)).toEqual(
      expect.arrayContaining(asDoctor.patient.admissions.map((a) => a.id)),
    );
    expectData(await gql(app, query, { token: patient.token, variables: { id: patient.profile.id } }));
    const timeline = expectData(
      await gql<{ patient: { timeline: { edges: { node: { kind: string; admission: { id: string } | null } }[] } } }>(
        app,
        `query ($id: ID!) { patient(id: $id) { timeline(first: 50) { edges { node { kind admission { id admittedAt } } } } } }`,
        { token: caring.token, variables: { id: patient.profile.id } },
      ),
    ).patient.timeline.edges.map((e) => e.node);
    expect(timeline.filter((entry) => entry.kind === 'ADMISSION').map((entry) => entry.admission?.id)).toEqual(
      asDoctor.patient.admissions.map((a) => a.id),
    );
    const asAdmin = await gql<{ patient: unknown }>(
      app,
      `query ($id: ID!) { patient(id: $id) { admissions { id reason } } }`,
      {
        token: admin.token,
        variables: { id: patient.profile.id },
      },
    );
    expect(asAdmin.errors?.every((e) => e.extensions.code === 'FORBIDDEN' && e.path?.at(-1) === 'reason')).toBe(true);
    expect(JSON.stringify(asAdmin.data)).not.toContain('Chest pain');
    const asStranger = await gql(app, query, { token: stranger.token, variables: { id: patient.profile.id } });
    expectGraphQLError(asStranger, 'FORBIDDEN');
    const list = expectData(
      await gql<{ admissions: { totalCount: number } }>(
        app,
        `query ($h: ID) { admissions(hospitalId: $h) { totalCount } }`,
        {
          token: admin.token,
          variables: { h: site.hospital.id },
        },
      ),
    );
    expect(list.admissions.totalCount).toBeGreaterThanOrEqual(2);
    expectGraphQLError(await gql(app, `{ admissions { totalCount } }`, { token: caring.token }), 'FORBIDDEN');
  });

  it('reports occupancy per day in the hospital’s zone', async () => {
    // "Today" where the hospital is (Europe/Oslo), not in UTC: they differ for an hour or two each night.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const data = expectData(
      await gql<{ bedOccupancy: { date: string; beds: number; occupied: number; rate: number }[] }>(
        app,
        `query ($h: ID!, $from: Date!, $to: Date!) { bedOccupancy(hospitalId: $h, from: $from, to: $to) { date beds occupied rate } }`,
        { token: admin.token, variables: { h: site.hospital.id, from: today, to: today } },
      ),
    );
    expect(data.bedOccupancy).toHaveLength(1);
    expect(data.bedOccupancy[0]!.beds).toBe(4);
    expect(data.bedOccupancy[0]!.occupied).toBeGreaterThanOrEqual(2);
    expectGraphQLError(
      await gql(
        app,
        `query ($h: ID!) { bedOccupancy(hospitalId: $h, from: "2026-02-01", to: "2026-01-01") { date } }`,
        {
          token: admin.token,
          variables: { h: site.hospital.id },
        },
      ),
      'BAD_USER_INPUT',
    );
  });
});
