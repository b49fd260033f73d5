import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import type { Application } from '../server/bootstrap.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import { encodeCursor } from './pagination.js';

/**
 * Rows whose sort keys have microseconds (written by SQL's `now()`), several within one
 * millisecond: paged one by one, every list returns each row exactly once, in its order.
 */

let app: Application;
let admin: Account<null>;
let doctor: Account<Doctor>;
let patient: Account<Patient>;
let careVisit: string;

/** An hour ago, to the second, as ISO without the zone. */
const second = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19);
/** Fractions of `second` the rows are placed at: six in millisecond .123 (three at the same instant), one after. */
const FRACTIONS = ['123000', '123456', '123456', '123456', '123457', '123999', '124001'];
const times = FRACTIONS.map((fraction) => `${second}.${fraction}Z`);

async function sql(text: string, params: unknown[] = []): Promise<void> {
  await app.orm.em.fork().execute(text, params);
}

type Page = {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
};

/** Every id of a list paged one by one (`read` answers one page after a cursor), at most 3× as many pages as rows. */
async function pageThrough(read: (after: string | null) => Promise<Page>, rows: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < rows * 3; pages += 1) {
    const page = await read(after);
    for (const edge of page.edges) {
      ids.push(edge.node.id);
      expect(page.pageInfo.endCursor).toBe(edge.cursor);
    }
    if (!page.pageInfo.hasNextPage) {
      return ids;
    }
    after = page.pageInfo.endCursor;
  }
  return ids;
}

/** The ids of `placed` (id, fraction index) in the list's order: by time, then id, `direction`. */
function inOrder(placed: readonly { id: string; at: number }[], direction: 'asc' | 'desc'): string[] {
  const sorted = [...placed].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (direction === 'asc' ? sorted : sorted.reverse()).map((row) => row.id);
}

/** Where each row is placed: `times[index]`, its microseconds as a number to sort by. */
const place = (id: string, index: number) => ({ id, at: Number(FRACTIONS[index]) });

/** One page after a cursor of `owner`'s chart list `list` (`node` the fields of its nodes), read by the doctor. */
const chartPage = (owner: Patient, list: string, node: string) => async (after: string | null) =>
  expectData(
    await gql<{ patient: Record<string, Page> }>(
      app,
      `query ($p: ID!, $after: String) { patient(id: $p) { ${list}(first: 1, after: $after) {
        edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } } } }`,
      { token: doctor.token, variables: { p: owner.id, after } },
    ),
  ).patient[list]!;

/** A record of `owner`'s (by the doctor) at each of `times`: where each is placed. */
async function recordsAt(owner: Patient): Promise<{ id: string; at: number }[]> {
  const factory = new Factory(app);
  const placed = [];
  for (const [index, at] of times.entries()) {
    const record = await factory.record(owner, doctor.profile);
    await sql(`update medical_record set recorded_at = ?::timestamptz where id = ?`, [at, record.id]);
    placed.push(place(record.id, index));
  }
  return placed;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  const factory = new Factory(app);
  [admin, doctor, patient] = await Promise.all([factory.admin(), factory.doctor(), factory.patient()]);
  // The doctor cares for the patient (a coming visit): the chart is theirs to read.
  careVisit = (await factory.appointment(patient.profile, doctor.profile)).id;
});

describe('cursors of rows with microseconds', () => {
  it('pages appointments one by one: each exactly once, in order', async () => {
    const placed = [];
    for (const [index, at] of times.entries()) {
      // COMPLETED: outside the no-overlap constraints, so one instant can hold several.
      const appointment = await app.orm.em.fork().execute<{ id: string }[]>(
        `insert into appointment (patient_id, doctor_id, starts_at, ends_at, status, type, reason)
           values (?, ?, ?::timestamptz, ?::timestamptz + interval '30 minutes', ?, 'REGULAR', 'Check-up') returning id`,
        [patient.profile.id, doctor.profile.id, at, at, 'COMPLETED'],
      );
      placed.push(place(appointment[0]!.id, index));
    }
    const read = async (after: string | null) =>
      expectData(
        await gql<{ appointments: Page }>(
          app,
          `query ($p: ID!, $after: String) { appointments(filter: { patientId: $p }, first: 1, after: $after) {
            edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { token: admin.token, variables: { p: patient.profile.id, after } },
        ),
      ).appointments;
    // The coming visit is the latest.
    expect(await pageThrough(read, times.length + 1)).toEqual([...inOrder(placed, 'asc'), careVisit]);

    // The same rows as a chart's child list (the patient's appointments, newest first).
    const chart = chartPage(patient.profile, 'appointments', 'id');
    // The coming visit is the newest.
    expect(await pageThrough(chart, times.length + 1)).toEqual([careVisit, ...inOrder(placed, 'desc')]);
  });

  it("pages a chart's medical records one by one: each exactly once, in order", async () => {
    const placed = await recordsAt(patient.profile);
    const read = chartPage(patient.profile, 'medicalRecords', 'id notes');
    expect(await pageThrough(read, times.length)).toEqual(inOrder(placed, 'desc'));
  });

  it("pages a chart's timeline one by one: each exactly once, in order", async () => {
    const factory = new Factory(app);
    const other = await factory.patient();
    const visit = await factory.appointment(other.profile, doctor.profile);
    const placed = await recordsAt(other.profile);
    const read = chartPage(other.profile, 'timeline', 'id kind');
    expect(await pageThrough(read, times.length + 1)).toEqual([visit.id, ...inOrder(placed, 'desc')]);
  });

  it('pages hospital stays one by one: each exactly once, in order', async () => {
    const hospital = expectData(
      await gql<{ createHospital: { id: string } }>(
        app,
        `mutation { createHospital(input: { name: "Microsecond General", timezone: "Europe/Oslo" }) { id } }`,
        { token: admin.token },
      ),
    ).createHospital;
    const department = expectData(
      await gql<{ createDepartment: { id: string } }>(
        app,
        `mutation ($h: ID!) { createDepartment(input: { hospitalId: $h, name: "Ward A" }) { id } }`,
        { token: admin.token, variables: { h: hospital.id } },
      ),
    ).createDepartment;
    const bed = expectData(
      await gql<{ createBed: { id: string } }>(
        app,
        `mutation ($d: ID!) { createBed(input: { departmentId: $d, label: "A1", ward: "A" }) { id } }`,
        { token: admin.token, variables: { d: department.id } },
      ),
    ).createBed;
    const placed = [];
    for (const [index, at] of times.entries()) {
      const id = randomUUID();
      // Stays that have ended (a bed holds one open stay at a time).
      await sql(
        `insert into admission (id, patient_id, bed_id, admitted_at, discharged_at, admitted_by_id)
         values (?, ?, ?, ?::timestamptz, ?::timestamptz + interval '1 hour', ?)`,
        [id, patient.profile.id, bed.id, at, at, admin.user.id],
      );
      placed.push(place(id, index));
    }
    const read = async (after: string | null) =>
      expectData(
        await gql<{ admissions: Page }>(
          app,
          `query ($h: ID!, $after: String) { admissions(hospitalId: $h, first: 1, after: $after) {
            edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { token: admin.token, variables: { h: hospital.id, after } },
        ),
      ).admissions;
    expect(await pageThrough(read, times.length)).toEqual(inOrder(placed, 'desc'));
  });

  it('pages audit events one by one: each exactly once, in order', async () => {
    const subject = randomUUID();
    const placed = [];
    for (const [index, at] of times.entries()) {
      const id = randomUUID();
      await sql(
        `insert into audit_event (id, at, actor_id, actor_role, action, entity_type, entity_id, patient_id)
         values (?, ?::timestamptz, ?, 'DOCTOR', 'READ', 'MedicalRecord', ?, ?)`,
        [id, at, doctor.user.id, randomUUID(), subject],
      );
      placed.push(place(id, index));
    }
    const read = async (after: string | null) =>
      expectData(
        await gql<{ auditEvents: Page }>(
          app,
          `query ($p: ID, $after: String) { auditEvents(patientId: $p, first: 1, after: $after) {
            edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { token: admin.token, variables: { p: subject, after } },
        ),
      ).auditEvents;
    expect(await pageThrough(read, times.length)).toEqual(inOrder(placed, 'desc'));
  });

  it('still takes a cursor written before microseconds (milliseconds only)', async () => {
    const subject = randomUUID();
    const ids = [randomUUID(), randomUUID()];
    for (const [index, id] of ids.entries()) {
      await sql(
        `insert into audit_event (id, at, actor_id, actor_role, action, entity_type, entity_id, patient_id)
         values (?, ?::timestamptz, ?, 'DOCTOR', 'READ', 'MedicalRecord', ?, ?)`,
        [id, `${second}.${index === 0 ? '200' : '100'}Z`, doctor.user.id, randomUUID(), subject],
      );
    }
    const old = encodeCursor([`${second}.200Z`, ids[0]!]);
    const page = expectData(
      await gql<{ auditEvents: Page }>(
        app,
        `query ($p: ID, $after: String) { auditEvents(patientId: $p, first: 5, after: $after) {
          edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { token: admin.token, variables: { p: subject, after: old } },
      ),
    ).auditEvents;
    expect(page.edges.map((edge) => edge.node.id)).toEqual([ids[1]]);
  });

  it('refuses malformed cursors as BAD_USER_INPUT naming `after`', async () => {
    const id = randomUUID();
    const good = encodeCursor([`${second}.123Z`, id]);
    for (const after of [
      // Characters a base64 decoder would skip (the rest a good cursor).
      `${good}\u0000`,
      `${good}=`,
      `${good}.`,
      encodeCursor([`${second}.123456\u0000Z`, id]),
      encodeCursor([`0000-01-01T00:00:00.000000Z`, id]),
      encodeCursor([`${second}.1234Z`, id]),
      encodeCursor([`${second}.123456789Z`, id]),
      encodeCursor([`${second.slice(0, 5)}02-30T00:00:00.123456Z`, id]),
    ]) {
      const error = expectGraphQLError(
        await gql(
          app,
          `query ($p: ID!, $after: String) { appointments(filter: { patientId: $p }, first: 1, after: $after) { totalCount } }`,
          { token: admin.token, variables: { p: patient.profile.id, after } },
        ),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields, JSON.stringify(after)).toEqual([expect.objectContaining({ field: 'after' })]);
    }
  });
});
