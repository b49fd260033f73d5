import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { postRaw } from '../../test/graphql.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { Application } from './bootstrap.js';
import { JsonReads } from './json-read.js';

/**
 * The JSON path (json-read.ts) against the general path, over real HTTP: the application answers
 * each request once as sent (the direct path, which tries the JSON path first) and once with an
 * empty `extensions` object (Apollo: graphql-js resolving every field); both answers must be the
 * same bytes and status. Whether the JSON path answered is seen on `JsonReads.run` (its text, or
 * undefined); the statements show what PostgreSQL wrote: nodes' JSON it writes come as `"__json"`,
 * nodes the JSON path writes from plain read rows (the doctor's week) come without.
 */

let app: Application;
let factory: Factory;
const statements: string[] = [];
let doctor: Account<Doctor>;
let admin: Account<null>;
let cared: Account<Patient>;
let cancelledOnly: Account<Patient>;
const day = Date.UTC(2026, 4, 4, 8);
const week = { from: new Date(day - 86_400_000).toISOString(), to: new Date(day + 6 * 86_400_000).toISOString() };

/** The bench's doctor's week (api/bench/bench.ts). */
const BENCH_WEEK = `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }, first: 100) {
  totalCount edges { node { id startsAt endsAt status type reason patient { id firstName lastName allergies } } } } }`;

interface Answer {
  readonly status: number;
  readonly body: string;
  /** The statements the request sent (the session check aside). */
  readonly sent: readonly string[];
  /** The JSON path answered it (not the general path). */
  readonly byJsonPath: boolean;
}

const jsonRuns = vi.spyOn(JsonReads.prototype, 'run');

async function send(
  query: string,
  token: string,
  variables: Record<string, unknown>,
  apollo: boolean,
): Promise<Answer> {
  statements.length = 0;
  const runs = jsonRuns.mock.results.length;
  const { status, body } = await postRaw(app, query, variables, { token, apollo });
  const answered = await Promise.all(jsonRuns.mock.results.slice(runs).map((result) => result.value as unknown));
  return {
    status,
    body,
    // The session check (with the rate limit's lease riding along on a caller's first request) aside.
    sent: statements.filter((sql) => !sql.includes('from app_user u') && !sql.includes('with rider as (')),
    byJsonPath: answered.some((text) => typeof text === 'string'),
  };
}

/** Both ways; the direct path first, so the general path never benefits from what it left behind. */
async function bothWays(query: string, token: string, variables: Record<string, unknown> = week) {
  const json = await send(query, token, variables, false);
  const general = await send(query, token, variables, true);
  return { json, general };
}

interface Body {
  data?: Record<
    string,
    { totalCount?: number; edges?: unknown[]; pageInfo?: { hasNextPage: boolean; endCursor: string } }
  >;
  errors?: { path?: (string | number)[]; extensions: { code: string } }[];
}

const parsed = (answer: Answer) => JSON.parse(answer.body) as Body;

/** PostgreSQL was asked for nodes' JSON (the JSON path read; it may have answered or handed over). */
const tookJsonPath = (answer: Answer) => answer.sent.some((sql) => sql.includes('as "__json"'));

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  doctor = await factory.doctor();
  admin = await factory.admin();
  // Values JSON must escape, and a name outside ASCII.
  cared = await factory.patient({
    firstName: 'Zoë "Zo"',
    lastName: 'Back\\slash',
    allergies: ['Penicillin', 'Line\nbreak\ttab \u0001 ctl', 'Emoji 😀'],
  });
  const plain = await factory.patient({ allergies: [] });
  cancelledOnly = await factory.patient({ allergies: ['Latex'] });
  await factory.appointment(cared.profile, doctor.profile, {
    status: AppointmentStatus.CONFIRMED,
    startsAt: new Date(day),
    reason: 'Says "it hurts" — here\n</script>',
  });
  await factory.appointment(plain.profile, doctor.profile, {
    status: AppointmentStatus.COMPLETED,
    startsAt: new Date(day + 3_600_000),
  });
  await factory.appointment(cared.profile, doctor.profile, {
    status: AppointmentStatus.REQUESTED,
    startsAt: new Date(day + 86_400_000 + 123),
  });
  await factory.appointment(cancelledOnly.profile, doctor.profile, {
    status: AppointmentStatus.CANCELLED,
    startsAt: new Date(day + 7_200_000),
  });
  // Sub-millisecond parts: graphql-js serialises the instant as JavaScript reads it.
  await app.orm.em
    .fork()
    .execute(`update appointment set ends_at = ends_at + interval '0.000789 seconds' where patient_id = ?`, [
      cared.profile.id,
    ]);
});

describe('the JSON path answers as the general path does, byte for byte', () => {
  it("answers the bench's doctor's week in one statement", async () => {
    const { json, general } = await bothWays(BENCH_WEEK, doctor.token);
    expect(json.status).toBe(200);
    expect(json.body).toBe(general.body);
    expect(parsed(json).data?.['appointments']?.totalCount).toBe(3);
    expect(json.byJsonPath).toBe(true);
    expect(general.byJsonPath).toBe(false);
    // Plain columns of the rows and their patients: written from the read rows, PostgreSQL only reads.
    expect(tookJsonPath(json)).toBe(false);
    // The page: its patients, total and access facts in one statement (and the audit).
    expect(
      json.sent.filter((sql) => !sql.includes('audit_event')),
      json.sent.join('\n'),
    ).toHaveLength(1);
  });

  it('answers aliases, fragments, repeated fields, __typename, cursors and page info alike', async () => {
    const query = `query ($from: DateTime!, $to: DateTime!) {
      list: appointments(filter: { from: $from, to: $to }, first: 2) {
        __typename count: totalCount
        pageInfo { hasNextPage endCursor __typename }
        edges { cursor __typename node { ...Visit when: startsAt id patient { __typename family: lastName id } } }
        edges { node { endsAt } }
      } }
      fragment Visit on Appointment { __typename id status type }`;
    const { json, general } = await bothWays(query, doctor.token);
    expect(json.body).toBe(general.body);
    expect(json.byJsonPath).toBe(true);
    expect(parsed(json).data?.['list']?.pageInfo?.hasNextPage).toBe(true);
    // The next page, by the cursor.
    const after = parsed(json).data?.['list']?.pageInfo?.endCursor;
    const next = `query ($from: DateTime!, $to: DateTime!, $after: String) {
      appointments(filter: { from: $from, to: $to }, first: 2, after: $after) { totalCount edges { node { id startsAt } } } }`;
    const second = await bothWays(next, doctor.token, { ...week, after });
    expect(second.json.body).toBe(second.general.body);
    expect(second.json.byJsonPath).toBe(true);
  });

  it('writes the week from its rows alike: status filters, every cursor page, an empty week, a doctor without care', async () => {
    const fields =
      'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startsAt endsAt status type reason patient { id firstName lastName } } }';
    // Only the cancelled visit: its patient's names (no clinical field), which the doctor still sees.
    const cancelled = await bothWays(
      `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to, status: [CANCELLED] }) { ${fields} } }`,
      doctor.token,
    );
    expect(cancelled.json.body).toBe(cancelled.general.body);
    expect(cancelled.json.byJsonPath).toBe(true);
    expect(parsed(cancelled.json).data?.['appointments']?.totalCount).toBe(1);
    // One row a page, page after page by the cursor, to the end.
    const paged = `query ($from: DateTime!, $to: DateTime!, $after: String) { appointments(filter: { from: $from, to: $to }, first: 1, after: $after) { ${fields} } }`;
    let after: string | undefined;
    const seen: unknown[] = [];
    for (let page = 0; page < 10; page += 1) {
      const { json, general } = await bothWays(paged, doctor.token, { ...week, after });
      expect(json.body).toBe(general.body);
      expect(json.byJsonPath).toBe(true);
      const connection = parsed(json).data?.['appointments'];
      seen.push(...(connection?.edges ?? []));
      if (!connection?.pageInfo?.hasNextPage) {
        break;
      }
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(4);
    // A week without appointments.
    const empty = await bothWays(BENCH_WEEK, doctor.token, {
      from: new Date(day + 30 * 86_400_000).toISOString(),
      to: new Date(day + 37 * 86_400_000).toISOString(),
    });
    expect(empty.json.body).toBe(empty.general.body);
    expect(empty.json.byJsonPath).toBe(true);
    expect(parsed(empty.json).data?.['appointments']).toEqual({ totalCount: 0, edges: [] });
    // A doctor who cares for none of these patients, asking for the other doctor's week: narrowed to their own (none).
    const stranger = await factory.doctor();
    const narrowed = await bothWays(
      `query ($from: DateTime!, $to: DateTime!, $doctor: ID) { appointments(filter: { from: $from, to: $to, doctorId: $doctor }) { ${fields} } }`,
      stranger.token,
      { ...week, doctor: doctor.profile.id },
    );
    expect(narrowed.json.body).toBe(narrowed.general.body);
    expect(parsed(narrowed.json).data?.['appointments']?.totalCount).toBe(0);
  });

  it("answers a patient's own list alike", async () => {
    const { json, general } = await bothWays(BENCH_WEEK, cared.token);
    expect(json.body).toBe(general.body);
    expect(parsed(json).data?.['appointments']?.edges).toHaveLength(2);
  });

  it('leaves refusals to the general path, which words them, from the same single read', async () => {
    // A clinical field of a patient the doctor does not care for (a cancelled visit only).
    const query = `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to, status: [CONFIRMED, CANCELLED] }) {
      edges { node { id status patient { id allergies } } } } }`;
    const doctorRefused = await bothWays(query, doctor.token);
    expect(doctorRefused.json.body).toBe(doctorRefused.general.body);
    expect(parsed(doctorRefused.json).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(parsed(doctorRefused.json).errors?.[0]?.path).toEqual([
      'appointments',
      'edges',
      1,
      'node',
      'patient',
      'allergies',
    ]);
    // Read once: the JSON path's read is what the general path answers from.
    expect(doctorRefused.json.sent.filter((sql) => sql.includes('from "appointment"'))).toHaveLength(1);

    // An administrator: the week, but not its clinical fields.
    const adminRefused = await bothWays(BENCH_WEEK, admin.token, { ...week });
    expect(adminRefused.json.body).toBe(adminRefused.general.body);
    expect(parsed(adminRefused.json).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(
      adminRefused.json.sent.filter((sql) => sql.includes('from "appointment"')),
      adminRefused.json.sent.join('\n'),
    ).toHaveLength(1);

    // A patient asking for another doctor's list gets their own appointments only (narrowed, not refused).
    const other = await bothWays(
      `query ($from: DateTime!, $to: DateTime!, $doctor: ID) { appointments(filter: { from: $from, to: $to, doctorId: $doctor }) { totalCount edges { node { id } } } }`,
      cancelledOnly.token,
      { ...week, doctor: doctor.profile.id },
    );
    expect(other.json.body).toBe(other.general.body);

    // Bad input: worded by the general path.
    const bad = await bothWays(BENCH_WEEK.replace('first: 100', 'first: 0'), doctor.token);
    expect(bad.json.body).toBe(bad.general.body);
    expect(parsed(bad.json).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const badCursor = await bothWays(
      `query ($after: String) { appointments(first: 2, after: $after) { edges { node { id } } } }`,
      doctor.token,
      { after: 'not-a-cursor' },
    );
    expect(badCursor.json.body).toBe(badCursor.general.body);
  });

  it('audits every chart read on the JSON path as on the general path', async () => {
    const fresh = await factory.doctor();
    const patient = await factory.patient({ allergies: ['Nuts'] });
    await factory.appointment(patient.profile, fresh.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: new Date(day + 4 * 3_600_000),
    });
    const answer = await send(BENCH_WEEK, fresh.token, week, false);
    expect(answer.byJsonPath).toBe(true);
    const audited = await app.orm.em
      .fork()
      .execute<{ entity_type: string; entity_id: string; patient_id: string }[]>(
        `select entity_type, entity_id, patient_id from audit_entry where action = 'READ' and actor_id = ?`,
        [fresh.user.id],
      );
    expect(audited).toEqual([
      { entity_type: 'Patient', entity_id: patient.profile.id, patient_id: patient.profile.id },
    ]);
  });

  it('leaves what PostgreSQL does not write to the general path', async () => {
    // A computed field (the account's e-mail) and a list under the node.
    for (const fields of ['id patient { email }', 'id medicalRecords { id }']) {
      const query = `query ($from: DateTime!, $to: DateTime!) { appointments(filter: { from: $from, to: $to }) { edges { node { ${fields} } } } }`;
      const { json, general } = await bothWays(query, doctor.token);
      expect(json.body).toBe(general.body);
      expect(json.byJsonPath).toBe(false);
    }
    // @skip / @include.
    const skipped = await bothWays(
      `query ($from: DateTime!, $to: DateTime!, $no: Boolean!) { appointments(filter: { from: $from, to: $to }) { edges { node { id reason @skip(if: $no) } } } }`,
      doctor.token,
      { ...week, no: true },
    );
    expect(skipped.json.body).toBe(skipped.general.body);
    expect(skipped.json.byJsonPath).toBe(false);
    // Nothing to answer for an unknown id.
    const none = await bothWays(
      `query ($d: ID) { appointments(filter: { doctorId: $d }) { totalCount edges { node { id } } } }`,
      doctor.token,
      { d: randomUUID() },
    );
    expect(none.json.body).toBe(none.general.body);
  });
});

/** The bench's patient's chart (api/bench/bench.ts). */
const BENCH_CHART = `query ($id: ID!) { patient(id: $id) { id firstName lastName dateOfBirth bloodGroup allergies chronicConditions
  timeline(first: 20) { edges { node { kind at } } }
  medicalRecords(first: 10) { totalCount edges { node { id recordedAt diagnoses { code description } vitals { temperatureC heartRate } } } }
  prescriptions(first: 10) { edges { node { id status items { medication dosage } } } }
  appointments(first: 10) { edges { node { startsAt status doctor { lastName } } } } } }`;

describe("the JSON path answers the patient's chart as the general path does, byte for byte", () => {
  let carer: Account<Doctor>;
  let stranger: Account<Doctor>;
  let charted: Account<Patient>;
  let empty: Account<Patient>;

  beforeAll(async () => {
    carer = await factory.doctor();
    stranger = await factory.doctor();
    charted = await factory.patient({
      firstName: 'Åse "Q"',
      allergies: ['Pollen', 'Tab\there \u0002'],
    });
    for (let index = 0; index < 3; index += 1) {
      const visit = await factory.appointment(charted.profile, carer.profile, {
        status: AppointmentStatus.COMPLETED,
        startsAt: new Date(day - (index + 1) * 86_400_000),
        reason: `Visit ${index} "quoted"`,
      });
      await factory.record(charted.profile, carer.profile, visit);
      await factory.prescription(charted.profile, carer.profile, visit);
    }
    const em = app.orm.em.fork();
    // Stored values JSON must escape, floats and integers of all kinds, a record without vitals,
    // an item with text to escape, a discontinued prescription.
    await em.execute(
      `update medical_record set diagnoses = ?::json, vitals = ?::json where id = (
         select id from medical_record where patient_id = ? order by recorded_at limit 1)`,
      [
        JSON.stringify([
          { code: 'J06.9', description: 'Line\nbreak "quoted" \\ back 😀' },
          { code: 'R05', description: 'Cough' },
        ]),
        '{"heartRate": 72.0, "temperatureC": 36.60, "weightKg": 81.25}',
        charted.profile.id,
      ],
    );
    await em.execute(
      `update medical_record set vitals = null where id = (
         select id from medical_record where patient_id = ? order by recorded_at desc limit 1)`,
      [charted.profile.id],
    );
    // A second item (items are append-only), placed before the first.
    await em.execute(
      `insert into prescription_item (prescription_id, position, medication, dosage, frequency, duration_days, instructions)
       select id, -1, 'Amoxi\\cillin "500"', E'1\ttab', 'daily', 3, null from prescription where patient_id = ? order by issued_at limit 1`,
      [charted.profile.id],
    );
    await em.execute(
      `update prescription set stored_status = 'DISCONTINUED', discontinued_at = now() where id = (
         select id from prescription where patient_id = ? order by issued_at desc limit 1)`,
      [charted.profile.id],
    );
    empty = await factory.patient({ allergies: [] });
    await factory.appointment(empty.profile, carer.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: new Date(day + 86_400_000),
    });
    // The counted requests find the tokens' sessions in memory.
    for (const token of [carer.token, stranger.token, charted.token, empty.token, admin.token]) {
      await send('{ me { id } }', token, {}, false);
    }
  });

  /** The statements that read the chart (not the audit's, nor a background job's). */
  const reads = (answer: Answer) =>
    answer.sent.filter((sql) => !sql.includes('audit_event') && /medical_record|prescription|"patient"/.test(sql));

  it("answers the bench's chart in one statement (and the audit)", async () => {
    const { json, general } = await bothWays(BENCH_CHART, carer.token, { id: charted.profile.id });
    expect(json.status).toBe(200);
    expect(json.body).toBe(general.body);
    expect(tookJsonPath(json)).toBe(true);
    expect(json.byJsonPath).toBe(true);
    expect(tookJsonPath(general)).toBe(false);
    expect(reads(json), json.sent.join('\n')).toHaveLength(1);
    const chart = JSON.parse(json.body) as {
      data: {
        patient: {
          medicalRecords: { totalCount: number; edges: { node: { vitals: unknown } }[] };
          prescriptions: { edges: { node: { status: string } }[] };
          timeline: { edges: unknown[] };
        };
      };
    };
    expect(chart.data.patient.medicalRecords.totalCount).toBe(3);
    expect(chart.data.patient.medicalRecords.edges[0]?.node.vitals).toBeNull();
    expect(chart.data.patient.prescriptions.edges.map(({ node }) => node.status)).toEqual([
      'DISCONTINUED',
      'ACTIVE',
      'ACTIVE',
    ]);
    expect(chart.data.patient.timeline.edges).toHaveLength(9);
  });

  it("answers the patient's own chart, an empty chart, and the next page by cursor alike", async () => {
    const own = await bothWays(BENCH_CHART, charted.token, { id: charted.profile.id });
    expect(own.json.body).toBe(own.general.body);
    expect(tookJsonPath(own.json)).toBe(true);
    const none = await bothWays(BENCH_CHART, carer.token, { id: empty.profile.id });
    expect(none.json.body).toBe(none.general.body);
    expect(tookJsonPath(none.json)).toBe(true);
    const first = `query ($id: ID!, $after: String) { patient(id: $id) {
      medicalRecords(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } }
      prescriptions(first: 1, status: [ACTIVE]) { totalCount edges { node { id status } } } } }`;
    const page = await bothWays(first, carer.token, { id: charted.profile.id });
    expect(page.json.body).toBe(page.general.body);
    expect(tookJsonPath(page.json)).toBe(true);
    const after = (
      JSON.parse(page.json.body) as { data: { patient: { medicalRecords: { pageInfo: { endCursor: string } } } } }
    ).data.patient.medicalRecords.pageInfo.endCursor;
    const next = await bothWays(first, carer.token, { id: charted.profile.id, after });
    expect(next.json.body).toBe(next.general.body);
    expect(tookJsonPath(next.json)).toBe(true);
  });

  it("writes the chart's lists from their rows alike: nulls, instants, empty lists, every field of items and doctors, by role", async () => {
    const patient = await factory.patient({ allergies: [] });
    const doctorOf = await factory.doctor();
    const em = app.orm.em.fork();
    const visit = await factory.appointment(patient.profile, doctorOf.profile, {
      status: AppointmentStatus.CANCELLED,
      startsAt: new Date(day - 86_400_000 + 456),
    });
    await factory.appointment(patient.profile, doctorOf.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(day - 2 * 86_400_000),
    });
    await em.execute(
      `update appointment set cancellation_reason = ?, ends_at = ends_at + interval '0.000789 seconds' where id = ?`,
      ['Ill "again"\n', visit.id],
    );
    await em.execute(`update doctor set bio = ?, qualifications = array[?, ?] where id = ?`, [
      'Tab\there "Dr"',
      'MD',
      'Ph.D. \\ "x"',
      doctorOf.profile.id,
    ]);
    // A prescription with every optional field set and a second item without instructions, one past its
    // course (COMPLETED), and one without items at all (an empty list, never null).
    const full = await factory.prescription(patient.profile, doctorOf.profile, visit);
    await em.execute(
      `update prescription set notes = ?, allergy_override_reason = ?, overridden_conflicts = array[?, ?], discontinued_reason = ?,
         stored_status = 'DISCONTINUED', discontinued_at = now() - interval '0.000123 seconds' where id = ?`,
      ['Notes "n"\u2028', 'Known \\ risk', 'ALLERGY_CONFLICT', 'DUPLICATE_THERAPY', 'Rash', full.id],
    );
    await em.execute(
      `insert into prescription_item (prescription_id, position, medication, dosage, frequency, duration_days, instructions)
       values (?, 1, 'Ibuprofen', '200 mg', 'when needed', 2, null)`,
      [full.id],
    );
    const done = await factory.prescription(patient.profile, doctorOf.profile);
    await em.execute(`update prescription set completes_at = now() - interval '1 day' where id = ?`, [done.id]);
    await em.execute(
      `insert into prescription (patient_id, doctor_id, issued_at, completes_at) values (?, ?, now() - interval '3 days', now() + interval '3 days')`,
      [patient.profile.id, doctorOf.profile.id],
    );
    const query = `query ($id: ID!) { patient(id: $id) { id dateOfBirth
        prescriptions(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
          id status issuedAt completesAt discontinuedAt discontinuedReason notes allergyOverrideReason overriddenConflicts
          items { medication dosage frequency durationDays instructions } } } }
        appointments(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
          id startsAt endsAt status type cancellationReason
          doctor { id firstName lastName specialization licenseNumber timezone bio qualifications } } } } } }`;
    await send('{ me { id } }', doctorOf.token, {}, false);
    const { json, general } = await bothWays(query, doctorOf.token, { id: patient.profile.id });
    expect(json.status).toBe(200);
    expect(json.body).toBe(general.body);
    expect(json.byJsonPath).toBe(true);
    expect(reads(json), json.sent.join('\n')).toHaveLength(1);
    const prescriptions = (
      JSON.parse(json.body) as {
        data: { patient: { prescriptions: { edges: { node: { status: string; items: unknown[] } }[] } } };
      }
    ).data.patient.prescriptions.edges.map(({ node }) => [node.status, node.items.length]);
    expect(prescriptions).toEqual([
      ['COMPLETED', 1],
      ['DISCONTINUED', 2],
      ['ACTIVE', 0],
    ]);
    // The patient: the same; an administrator: the appointments, the clinical list refused, worded by the general path.
    for (const token of [patient.token, admin.token]) {
      const other = await bothWays(query, token, { id: patient.profile.id });
      expect(other.json.body).toBe(other.general.body);
    }
    expect(parsed(await send(query, admin.token, { id: patient.profile.id }, false)).errors?.[0]?.path).toEqual([
      'patient',
      'prescriptions',
    ]);
    // The same doctor asked for elsewhere in the request, with other fields: read whole there.
    const twice = `query ($id: ID!) { patient(id: $id) { appointments(first: 1) { edges { node { doctor { lastName } } } }
        prescriptions(first: 1) { edges { node { doctor { id bio qualifications lastName } } } } } }`;
    const both = await bothWays(twice, doctorOf.token, { id: patient.profile.id });
    expect(both.json.body).toBe(both.general.body);
    expect(both.json.body).toContain('"bio":"Tab\\there \\"Dr\\""');
    // Two aliases of the list asking different fields of the doctor: each its own columns.
    const aliased = `query ($id: ID!) { patient(id: $id) { a: appointments(first: 2) { edges { node { doctor { lastName } } } }
        b: appointments(first: 2) { edges { node { id doctor { bio firstName } } } } } }`;
    const aliases = await bothWays(aliased, doctorOf.token, { id: patient.profile.id });
    expect(aliases.json.body).toBe(aliases.general.body);
    expect(aliases.json.body).toContain('"bio":"Tab\\there \\"Dr\\"","firstName"');
  });

  it('answers aliases, fragments, repeated fields and __typename at every level alike', async () => {
    const query = `query ($id: ID!) { chart: patient(id: $id) {
        __typename ...Names
        records: medicalRecords(first: 5) { __typename count: totalCount
          edges { __typename cursor node { __typename ...Record type when: recordedAt } } }
        old: medicalRecords(first: 1) { edges { node { id version notes } } }
        id
        prescriptions(first: 5) { edges { node { ... on Prescription { id issuedAt items { __typename medication } items { dosage frequency durationDays } } status } } }
        appointments(first: 5) { edges { node { id type endsAt doctor { __typename id firstName } } } }
        timeline(first: 5) { __typename pageInfo { hasNextPage endCursor __typename } edges { node { __typename id kind at } } }
        allergies
      } }
      fragment Names on Patient { family: lastName given: firstName dateOfBirth }
      fragment Record on MedicalRecord { id symptoms diagnoses { __typename description code } vitals { heartRate weightKg temperatureC __typename } }`;
    const { json, general } = await bothWays(query, carer.token, { id: charted.profile.id });
    expect(json.body).toBe(general.body);
    expect(tookJsonPath(json)).toBe(true);
    expect(reads(json), json.sent.join('\n')).toHaveLength(1);
  });

  it('audits every chart item read on the JSON path as on the general path', async () => {
    const fresh = await factory.doctor();
    const patient = await factory.patient();
    // Several of each: a list's rows are authorised by one decision, and each of them is audited.
    const expected: { entity_type: string; entity_id: string; patient_id: string }[] = [
      { entity_type: 'Patient', entity_id: patient.profile.id, patient_id: patient.profile.id },
    ];
    for (let index = 0; index < 3; index += 1) {
      const visit = await factory.appointment(patient.profile, fresh.profile, {
        status: AppointmentStatus.COMPLETED,
        startsAt: new Date(day - (index + 1) * 86_400_000),
      });
      const record = await factory.record(patient.profile, fresh.profile, visit);
      const prescription = await factory.prescription(patient.profile, fresh.profile, visit);
      expected.push(
        { entity_type: 'MedicalRecord', entity_id: record.id, patient_id: patient.profile.id },
        { entity_type: 'Prescription', entity_id: prescription.id, patient_id: patient.profile.id },
      );
    }
    await send('{ me { id } }', fresh.token, {}, false);
    const answer = await send(BENCH_CHART, fresh.token, { id: patient.profile.id }, false);
    expect(tookJsonPath(answer)).toBe(true);
    const audited = await app.orm.em.fork().execute<{ entity_type: string; entity_id: string; patient_id: string }[]>(
      `select entity_type, entity_id, patient_id from audit_entry where action = 'READ' and actor_id = ?
         order by entity_type, entity_id`,
      [fresh.user.id],
    );
    const order = (a: { entity_type: string; entity_id: string }, b: { entity_type: string; entity_id: string }) =>
      a.entity_type.localeCompare(b.entity_type) ||
      (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0);
    expect(audited.sort(order)).toEqual(expected.sort(order));
  });

  it('leaves refusals to the general path, which words them, from the same single read', async () => {
    // A doctor without care, and another patient: FORBIDDEN for the whole chart.
    for (const token of [stranger.token, empty.token]) {
      const refused = await bothWays(BENCH_CHART, token, { id: charted.profile.id });
      expect(refused.json.body).toBe(refused.general.body);
      expect(parsed(refused.json).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(reads(refused.json), refused.json.sent.join('\n')).toHaveLength(1);
    }
    // An administrator: the demographics and appointments, never the clinical lists or fields.
    const adminRefused = await bothWays(BENCH_CHART, admin.token, { id: charted.profile.id });
    expect(adminRefused.json.body).toBe(adminRefused.general.body);
    expect(parsed(adminRefused.json).errors?.map((error) => error.extensions.code)).toContain('FORBIDDEN');
    // Bad input: worded by the general path.
    const bad = await bothWays(BENCH_CHART.replace('timeline(first: 20)', 'timeline(first: 0)'), carer.token, {
      id: charted.profile.id,
    });
    expect(bad.json.body).toBe(bad.general.body);
    expect(parsed(bad.json).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    // Each child list's arguments refused as ever: the field named, whatever list it is.
    for (const [list, args, field, message] of [
      ['medicalRecords(first: 10)', 'medicalRecords(first: 101)', 'first', 'must be between 1 and 100'],
      ['appointments(first: 10)', 'appointments(first: -1)', 'first', 'must be between 1 and 100'],
      [
        'prescriptions(first: 10)',
        'prescriptions(first: 10, after: "nope")',
        'after',
        'is not a cursor from this list',
      ],
      [
        'medicalRecords(first: 10)',
        'medicalRecords(first: 10, after: "x\\u0000")',
        'after',
        'must not contain a NUL character',
      ],
    ] as const) {
      const refused = await bothWays(BENCH_CHART.replace(list, args), carer.token, { id: charted.profile.id });
      expect(refused.json.body, args).toBe(refused.general.body);
      expect(tookJsonPath(refused.json), args).toBe(true);
      const error = (parsed(refused.json).errors?.[0] ?? {}) as { extensions?: Record<string, unknown> };
      expect(error.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field, message }] });
    }
    const unknown = await bothWays(BENCH_CHART, carer.token, { id: randomUUID() });
    expect(unknown.json.body).toBe(unknown.general.body);
  });

  it('leaves what PostgreSQL does not write as graphql-js would to the general path', async () => {
    for (const fields of ['id email', 'id timeline(first: 2) { edges { node { appointment { id } } } }']) {
      const query = `query ($id: ID!) { patient(id: $id) { ${fields} } }`;
      const { json, general } = await bothWays(query, carer.token, { id: charted.profile.id });
      expect(json.body).toBe(general.body);
      expect(tookJsonPath(json)).toBe(false);
    }
    // Stored values of JSON columns are written from the read rows by graphql-js's own serialisers:
    // what graphql-js answers (a tiny float, an integer as text or as a boolean, a float of an integer's
    // value) the JSON path answers; what it refuses (a fraction or an out-of-range number for an
    // Int), and a list where an object is, the general path words — from the same one read either way.
    const em = app.orm.em.fork();
    const odd = await factory.patient();
    const visit = await factory.appointment(odd.profile, carer.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: new Date(day - 86_400_000),
    });
    const record = await factory.record(odd.profile, carer.profile, visit);
    for (const vitals of [
      '{"temperatureC": 1e-7}',
      '{"heartRate": "88"}',
      '{"heartRate": 88.5}',
      '{"heartRate": 2147483648}',
      '{"heartRate": true}',
      '{"temperatureC": 1e15}',
      '[1]',
      '{"temperatureC": 0.0001, "heartRate": -0}',
      '{"temperatureC": -0.0, "heartRate": 2147483647}',
      '{"temperatureC": 123456.789, "heartRate": 1e2}',
      '{"temperatureC": 999999999999999.9, "heartRate": -2147483647}',
      '{"temperatureC": 1.5e3, "heartRate": 7.000}',
    ]) {
      await em.execute(`update medical_record set vitals = ?::json where id = ?`, [vitals, record.id]);
      const query = `query ($id: ID!) { patient(id: $id) { medicalRecords { edges { node { id vitals { temperatureC heartRate } } } } } }`;
      const { json, general } = await bothWays(query, carer.token, { id: odd.profile.id });
      expect(json.body, vitals).toBe(general.body);
      expect(tookJsonPath(json), vitals).toBe(true);
      expect(
        reads(json).filter((sql) => sql.includes('medical_record')),
        vitals,
      ).toHaveLength(1);
    }
    // Stored strings are written as JSON.stringify writes graphql-js's answer; values graphql-js
    // refuses (missing where the field is non-null, an object for a list) are worded by the general path.
    const diagnosesQuery = `query ($id: ID!) { patient(id: $id) { medicalRecords { edges { node { id diagnoses { code description } } } } } }`;
    for (const diagnoses of [
      [{ code: 'A\u0001\u001f\u007f\u2028', description: 'tab\t "q" \\ / é 😀 \r\n' }],
      [],
      [{ code: 5, description: 'number' }],
      [{ description: 'no code' }],
      [{ code: null, description: 'null code' }],
      [{ code: 'X', description: true }],
      { code: 'not a list' },
    ]) {
      const text = JSON.stringify(diagnoses);
      await em.execute(`update medical_record set diagnoses = ?::jsonb where id = ?`, [text, record.id]);
      const { json, general } = await bothWays(diagnosesQuery, carer.token, { id: odd.profile.id });
      expect(json.body, text).toBe(general.body);
      expect(
        reads(json).filter((sql) => sql.includes('medical_record')),
        text,
      ).toHaveLength(1);
    }
  });
});
