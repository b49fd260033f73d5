import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const CHART = `query ($id: ID!) { patient(id: $id) { id firstName allergies
  timeline(first: 20) { edges { node { kind at } } }
  medicalRecords(first: 10) { totalCount edges { node { id diagnoses { code } } } }
  prescriptions(first: 10) { edges { node { id items { medication } } } }
  appointments(first: 10) { edges { node { startsAt doctor { lastName } } } } } }`;

interface Chart {
  patient: {
    medicalRecords: { totalCount: number; edges: { node: { id: string } }[] };
    prescriptions: { edges: { node: { id: string; items: unknown[] } }[] };
    appointments: { edges: { node: { doctor: { lastName: string } } }[] };
  };
}

let app: Application;
let factory: Factory;
const statements: string[] = [];

/** A patient of `doctor` with `visits` completed visits, each with a record and a prescription. */
async function patientWithVisits(doctor: Doctor, visits: number): Promise<Account<Patient>> {
  const patient = await factory.patient();
  for (let index = 0; index < visits; index += 1) {
    const appointment = await factory.appointment(patient.profile, doctor, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(Date.UTC(2026, 0, 1) + index * 86_400_000),
    });
    await factory.record(patient.profile, doctor, appointment);
    await factory.prescription(patient.profile, doctor, appointment);
  }
  return patient;
}

async function chartOf(patient: Patient, token: string): Promise<{ statements: string[]; chart: Chart }> {
  statements.length = 0;
  const chart = expectData(await gql<Chart>(app, CHART, { token, variables: { id: patient.id } }));
  return { statements: [...statements], chart };
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

describe("the patient's chart", () => {
  it('sends the same statements for 2 and for 10 items per list: each list one statement, the audit one', async () => {
    const doctor = await factory.doctor();
    const small = await patientWithVisits(doctor.profile, 2);
    const large = await patientWithVisits(doctor.profile, 10);

    // The token's first request checks its session; the counted ones answer that from memory.
    await sessionRemembered(app, doctor.token);
    const few = await chartOf(small.profile, doctor.token);
    const many = await chartOf(large.profile, doctor.token);

    expect(few.chart.patient.medicalRecords.totalCount).toBe(2);
    expect(many.chart.patient.medicalRecords.edges).toHaveLength(10);
    expect(many.chart.patient.prescriptions.edges.every(({ node }) => node.items.length === 1)).toBe(true);
    expect(many.chart.patient.appointments.edges).toHaveLength(10);
    expect(many.chart.patient.appointments.edges.map(({ node }) => node.doctor.lastName)).toEqual(
      Array(10).fill(doctor.profile.lastName),
    );
    expect(many.statements.length, many.statements.join('\n')).toBe(few.statements.length);
    // One statement for the whole chart: the patient (with the access facts), the three lists and
    // the timeline, and the level below them (the prescriptions' items, the appointments'
    // doctors); then the audit. (The session check is this process's memory of the token's first
    // request: session-cache.ts.)
    expect(many.statements, many.statements.join('\n')).toHaveLength(2);
    // The lists' pages are rows returned whole in their order (not reloaded by id), all in one
    // statement with the patient and the timeline, whose `kind` and `at` load no objects. One
    // patient's page is aggregated in its order, not ranked by a window.
    const ranked = many.statements.filter((sql) => sql.includes('json_agg(p order by p.starts_at desc, p.id desc)'));
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).not.toContain('row_number()');
    for (const table of [
      '"patient"',
      '"appointment"',
      '"prescription"',
      '"medical_record"',
      "(select 'ADMISSION' as kind",
      '"prescription_item"',
      '"doctor"',
    ]) {
      expect(ranked[0]).toContain(table);
    }
    expect(many.statements.filter((sql) => sql.includes('"prescription_item"'))).toHaveLength(1);
    // One patient's lists compare with one id, not an array: PostgreSQL then keeps the statement's
    // generic plan instead of planning it again on every execution (planning cost more than running).
    expect(ranked[0]).not.toMatch(/any\(/);
    // The JSON path (server/json-read.ts): the records' nodes are written by the API from their
    // rows, which bring the columns of the fields asked for (not the vitals) and what their checks
    // need, and no JSON; so are the appointments', with their doctors joined (the doctor's columns
    // of the fields asked for); PostgreSQL writes the JSON of the prescriptions, with their items.
    expect(ranked[0]).toContain('"__json"');
    expect(ranked[0]!.match(/"__json"/g)).toHaveLength(2); // the patient's and the prescriptions'
    expect(ranked[0]).toMatch(/left join "doctor" r0 on r0\.id = t\."doctor_id"/);
    expect(ranked[0]).toContain('r0."last_name" as "r0.last_name"');
    expect(ranked[0]).not.toContain('r0."first_name"');
    expect(ranked[0]).toMatch(/select t\.id, t\.recorded_at, t\.diagnoses, t\.patient_id/);
    expect(ranked[0]).toContain('t.doctor_id');
    expect(ranked[0]).not.toMatch(/t\."?vitals/);
    // One patient's page is its first rows in the list's order (`limit`), not a rank of all its
    // rows; each timeline table gives its own first entries. Only the records' total is counted
    // (the only `totalCount` asked for).
    expect(ranked[0]).not.toContain('partition by');
    expect(ranked[0]!.match(/ limit 11\)/g)).toHaveLength(3);
    expect(ranked[0]!.match(/ from \w+ where patient_id = \$\d+ order by \w+ desc, id desc limit 21\)/g)).toHaveLength(
      4,
    );
    expect(ranked[0]!.match(/count\(\*\)::int/g)).toHaveLength(1);
    expect(ranked[0]).toContain('count(*)::int from "medical_record"');
    expect(many.statements.some((sql) => /from "(appointment|prescription|medical_record)" .*id. in/.test(sql))).toBe(
      false,
    );
    // The chart's reads, all of them, leave in one insert.
    expect(many.statements.filter((sql) => sql.includes('insert into audit_event'))).toHaveLength(1);
  });

  it("reads the timeline as the chart page shows it (each entry's object, its doctor and visit, the count) in one statement per level, whatever its length", async () => {
    const doctor = await factory.doctor();
    const few = await patientWithVisits(doctor.profile, 2);
    const many = await patientWithVisits(doctor.profile, 6);
    await sessionRemembered(app, doctor.token);
    const doctorFields = 'doctor { id lastName }';
    const query = `query ($id: ID!) { patient(id: $id) { id timeline(first: 20) { totalCount edges { node { kind at
      appointment { id status ${doctorFields} }
      prescription { id status items { medication } ${doctorFields} appointment { id ${doctorFields} } }
      medicalRecord { id diagnoses { code } ${doctorFields} appointment { id ${doctorFields} } }
      admission { id bed { label } } } } } } }`;
    type Entry = { kind: string; [field: string]: unknown };
    const read = async (patient: Patient) => {
      statements.length = 0;
      const { timeline } = expectData(
        await gql<{ patient: { timeline: { totalCount: number; edges: { node: Entry }[] } } }>(app, query, {
          token: doctor.token,
          variables: { id: patient.id },
        }),
      ).patient;
      return { timeline, statements: statements.filter((sql) => !sql.includes('audit_event')) };
    };
    const small = await read(few.profile);
    const large = await read(many.profile);
    expect(small.timeline.totalCount).toBe(6);
    expect(large.timeline.totalCount).toBe(18);
    expect(large.timeline.edges).toHaveLength(18);
    const field = { APPOINTMENT: 'appointment', PRESCRIPTION: 'prescription', MEDICAL_RECORD: 'medicalRecord' };
    for (const { node } of large.timeline.edges) {
      const linked = node[field[node.kind as keyof typeof field]] as { doctor: { lastName: string } };
      expect(linked.doctor.lastName).toBe(doctor.profile.lastName);
      if (node.kind !== 'APPOINTMENT') {
        expect((linked as unknown as { appointment: { doctor: { id: string } } }).appointment.doctor.id).toBe(
          doctor.profile.id,
        );
      }
    }
    // The patient with the timeline's page; the entries' objects (every kind) with the count; their
    // doctors and items: read rows, one statement each. The visits of the prescriptions and
    // records are entries already: not read again.
    expect(large.statements, large.statements.join('\n')).toHaveLength(3);
    expect(small.statements).toHaveLength(3);
    expect(large.statements[1]).toMatch(/"prescription" where id = any/);
    expect(large.statements[1]).toMatch(/"medical_record" where id = any/);
    expect(large.statements[1]).toMatch(/"appointment" where id = any/);
    expect(large.statements[1]).toContain('(select count(*) from admission where patient_id =');
    expect(large.statements[2]).toMatch(/"doctor" where id/);
    expect(large.statements[2]).not.toContain('"appointment"');
    expect(large.statements.join('\n')).not.toMatch(/"\w0"\."id" in/); // no entities loaded by the ORM
  });

  it("reads one patient's page as the pages of many patients are read: the same rows, counts and cursors", async () => {
    const doctor = await factory.doctor();
    const patients = [await patientWithVisits(doctor.profile, 5), await patientWithVisits(doctor.profile, 3)];
    await sessionRemembered(app, doctor.token);
    type Page = {
      totalCount?: number;
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    for (const list of ['medicalRecords', 'prescriptions', 'appointments', 'timeline']) {
      // The appointments' doctors joined: to each patient's rows (ranked) as to one patient's.
      const node = list === 'timeline' ? 'id kind at' : list === 'appointments' ? 'id doctor { id lastName }' : 'id';
      const page = (count: boolean) =>
        `${list}(first: 2, after: $after) { ${count && list !== 'timeline' ? 'totalCount' : ''} edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } }`;
      for (const count of [true, false]) {
        // Many patients' first pages: one statement ranking each patient's rows (the window form).
        statements.length = 0;
        const many = expectData(
          await gql<{ patients: { edges: { node: { id: string } & Record<string, Page> }[] } }>(
            app,
            `query ($after: String) { patients(first: 10) { edges { node { id ${page(count)} } } } }`,
            { token: doctor.token, variables: { after: null } },
          ),
        );
        if (list !== 'timeline') {
          expect(statements.join('\n')).toContain('partition by');
        }
        if (list === 'appointments') {
          expect(statements.join('\n')).toMatch(
            /\) ranked left join "doctor" r0 on r0\.id = \(ranked\.t\)\."doctor_id"/,
          );
        }
        expect(many.patients.edges).toHaveLength(2);
        for (const patient of patients) {
          // One patient's pages (the limit form), through to the last: the same first page as
          // among many, and every row of the full list once, in its order.
          const pages: Page[] = [];
          let after: string | null = null;
          do {
            statements.length = 0;
            const one: { patient: Record<string, Page> } = expectData(
              await gql<{ patient: Record<string, Page> }>(
                app,
                `query ($id: ID!, $after: String) { patient(id: $id) { ${page(count)} } }`,
                { token: doctor.token, variables: { id: patient.profile.id, after } },
              ),
            );
            expect(statements.join('\n')).not.toContain('partition by');
            pages.push(one.patient[list]!);
            after = one.patient[list]!.pageInfo.endCursor;
          } while (pages.at(-1)!.pageInfo.hasNextPage);
          const among = many.patients.edges.find((edge) => edge.node.id === patient.profile.id)!.node[list];
          expect(pages[0]).toEqual(among);
          const all = expectData(
            await gql<{ patient: Record<string, Page> }>(
              app,
              `query ($id: ID!) { patient(id: $id) { ${list}(first: 100) { totalCount edges { cursor node { ${node} } } } } }`,
              { token: doctor.token, variables: { id: patient.profile.id } },
            ),
          ).patient[list]!;
          expect(pages.flatMap((one) => one.edges)).toEqual(all.edges);
          expect(all.edges.length).toBeGreaterThan(2);
          if (count && list !== 'timeline') {
            expect(pages.every((one) => one.totalCount === all.totalCount)).toBe(true);
          }
        }
      }
    }
  });

  it('audits every record read once, answerable by record and by patient, and not again on a refresh', async () => {
    const doctor = await factory.doctor();
    const patient = await patientWithVisits(doctor.profile, 3);
    const { chart } = await chartOf(patient.profile, doctor.token);
    const recordIds = chart.patient.medicalRecords.edges.map(({ node }) => node.id);
    const readers = (recordId: string) =>
      app.orm.em
        .fork()
        .execute<{ actor_id: string; patient_id: string }[]>(
          `select actor_id, patient_id from audit_entry where action = 'READ' and entity_type = 'MedicalRecord' and entity_id = ?`,
          [recordId],
        );
    for (const recordId of recordIds) {
      expect(await readers(recordId)).toEqual([{ actor_id: doctor.user.id, patient_id: patient.profile.id }]);
    }
    await chartOf(patient.profile, doctor.token); // a refresh within READ_REPEAT_MINUTES
    for (const recordId of recordIds) {
      expect(await readers(recordId)).toHaveLength(1);
    }
  });

  it('reads the chart with the patient in one statement, and a doctor without care gets FORBIDDEN, none of its rows, no audit', async () => {
    const doctor = await factory.doctor();
    const stranger = await factory.doctor();
    const patient = await patientWithVisits(doctor.profile, 2);
    await sessionRemembered(app, stranger.token);
    const auditRows = async () =>
      (
        await app.orm.em
          .fork()
          .execute<{ n: string }[]>(`select count(*) as n from audit_entry where action = 'READ' and patient_id = ?`, [
            patient.profile.id,
          ])
      )[0]!.n;
    const before = await auditRows();

    statements.length = 0;
    const refused = await gql<Chart>(app, CHART, { token: stranger.token, variables: { id: patient.profile.id } });
    expectGraphQLError(refused, 'FORBIDDEN');
    expect(refused.data?.patient ?? null).toBeNull();
    // The chart's lists were read with the patient (one statement), then dropped by the guards.
    expect(statements, statements.join('\n')).toHaveLength(1);
    expect(statements[0]).toContain('json_agg(p order by p.issued_at desc, p.id desc)');
    expect(await auditRows()).toBe(before);
  });

  it("reads only the columns of the patient's fields asked for: no surgeries unasked, every column for a computed field", async () => {
    const doctor = await factory.doctor();
    const patient = await patientWithVisits(doctor.profile, 1);
    await app.orm.em
      .fork()
      .execute(`update patient set surgeries = ?::json where id = ?`, [
        JSON.stringify([{ procedure: 'Appendectomy', date: '2001-05-02' }]),
        patient.profile.id,
      ]);
    await sessionRemembered(app, doctor.token);
    const variables = { id: patient.profile.id };
    const read = async (query: string) => {
      statements.length = 0;
      const data = expectData(
        await gql<{ patient: Record<string, unknown> }>(app, query, { token: doctor.token, variables }),
      );
      return { patient: data.patient, statement: statements[0]! };
    };

    const chart = await read(CHART);
    expect(chart.patient['firstName']).toBe(patient.profile.firstName);
    expect(chart.statement).toContain('"t"."first_name"');
    expect(chart.statement).not.toContain('"t".*');
    expect(chart.statement).not.toMatch(/surgeries|family_history|emergency_contacts|insurance/);

    const history = await read(
      'query ($id: ID!) { patient(id: $id) { surgeries { procedure date } medicalRecords(first: 5) { totalCount } } }',
    );
    expect(history.patient).toEqual({
      surgeries: [{ procedure: 'Appendectomy', date: '2001-05-02' }],
      medicalRecords: { totalCount: 1 },
    });
    expect(history.statement).toContain('"t"."surgeries"');
    expect(history.statement).not.toMatch(/family_history|"t"\."first_name"/);

    // `userId` is no column of its own (the account's id): the whole row is read, as before.
    const computed = await read('query ($id: ID!) { patient(id: $id) { userId lastName } }');
    expect(computed.patient).toEqual({ userId: patient.user.id, lastName: patient.profile.lastName });
    expect(computed.statement).toContain('"t".*');
  });

  it('gives an administrator the demographics and appointments read with the patient, never the clinical lists', async () => {
    const doctor = await factory.doctor();
    const admin = await factory.admin();
    const patient = await patientWithVisits(doctor.profile, 2);
    await sessionRemembered(app, admin.token);
    statements.length = 0;
    const schedule = expectData(
      await gql<{ patient: { firstName: string; appointments: { edges: unknown[] } } }>(
        app,
        `query ($id: ID!) { patient(id: $id) { firstName appointments(first: 10) { edges { node { startsAt } } } } }`,
        { token: admin.token, variables: { id: patient.profile.id } },
      ),
    );
    expect(schedule.patient.firstName).toBe(patient.profile.firstName);
    expect(schedule.patient.appointments.edges).toHaveLength(2);
    // The patient and the list: one statement (then the audit of the opened patient).
    expect(
      statements.filter((sql) => !sql.includes('insert into audit_event')),
      statements.join('\n'),
    ).toHaveLength(1);

    // The records are not read at all: their clinical check refuses an administrator before a read.
    statements.length = 0;
    const clinical = await gql(
      app,
      `query ($id: ID!) { patient(id: $id) { firstName medicalRecords(first: 10) { edges { node { id } } } } }`,
      { token: admin.token, variables: { id: patient.profile.id } },
    );
    expect(expectGraphQLError(clinical, 'FORBIDDEN').path).toEqual(['patient', 'medicalRecords']);
    expect(JSON.stringify(clinical.data)).not.toContain('recordedAt');
    expect(
      statements.some((sql) => sql.includes('"medical_record"')),
      statements.join('\n'),
    ).toBe(false);
    const [records] = await app.orm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from audit_entry where action = 'READ' and entity_type = 'MedicalRecord' and patient_id = ?`,
        [patient.profile.id],
      );
    expect(Number(records?.n)).toBe(0);
  });

  it('collects the chart fields as the executor does: repeated fields once, @skip and @include applied', async () => {
    const doctor = await factory.doctor();
    const patient = await patientWithVisits(doctor.profile, 2);
    await sessionRemembered(app, doctor.token);
    statements.length = 0;
    const chart = expectData(
      await gql<{ patient: { medicalRecords: { totalCount: number; edges: unknown[] }; prescriptions?: unknown } }>(
        app,
        `query ($id: ID!, $no: Boolean!) { patient(id: $id) { id
          medicalRecords(first: 10) { totalCount }
          ...Records
          prescriptions(first: 10) @skip(if: $no) { edges { node { id } } }
          appointments(first: 10) @include(if: $no) { edges { node { id } } } } }
        fragment Records on Patient { medicalRecords(first: 10) { edges { node { id recordedAt } } } }`,
        { token: doctor.token, variables: { id: patient.profile.id, no: true } },
      ),
    );
    expect(chart.patient.medicalRecords.totalCount).toBe(2);
    expect(chart.patient.medicalRecords.edges).toHaveLength(2);
    expect(chart.patient.prescriptions).toBeUndefined();
    // The chart in one statement (the records' page once, with the columns both selections want;
    // no prescriptions), then the audit.
    const reads = statements.filter((sql) => !sql.includes('insert into audit_event'));
    expect(reads, statements.join('\n')).toHaveLength(1);
    expect(reads[0]).toContain('t.recorded_at');
    expect(reads[0]).not.toContain('"prescription"');
    // The page once, and its count (asked for by one of the two selections).
    expect(reads[0]!.match(/from \(select \* from "medical_record"/g)).toHaveLength(1);
    expect(reads[0]!.match(/count\(\*\)::int from "medical_record"/g)).toHaveLength(1);
  });

  it('reads the page of two aliases of one list with the same selection once', async () => {
    const doctor = await factory.doctor();
    const patient = await patientWithVisits(doctor.profile, 2);
    await sessionRemembered(app, doctor.token);
    statements.length = 0;
    const chart = expectData(
      await gql<{ patient: Record<'a' | 'b', { edges: { node: { id: string } }[] }> }>(
        app,
        `query ($id: ID!) { patient(id: $id) { id
          a: medicalRecords(first: 10) { edges { node { id notes } } }
          b: medicalRecords(first: 10) { edges { node { id notes } } } } }`,
        { token: doctor.token, variables: { id: patient.profile.id } },
      ),
    );
    expect(chart.patient.a.edges).toHaveLength(2);
    expect(chart.patient.b).toEqual(chart.patient.a);
    const reads = statements.filter((sql) => !sql.includes('insert into audit_event'));
    expect(reads, statements.join('\n')).toHaveLength(1);
    // Its JSON (the JSON path) is asked for once, and its page sent once.
    expect(reads[0]).toContain('"__json"');
    expect(reads[0]!.match(/from \(select \* from "medical_record"/g), reads[0]).toHaveLength(1);
  });
});
