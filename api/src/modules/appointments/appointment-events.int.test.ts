import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { pruneExpiredRows } from '../../shared/retention.js';
import { outboxDrainer } from '../../shared/transaction-outbox.js';
import { appointmentEventRetention } from './appointment-event-pruning.js';

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const CONFIRM = `mutation ($id: ID!) { confirmAppointment(id: $id) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelAppointment(id: $id) { id } }`;
const EVENTS = `subscription ($after: String, $p: ID) { appointmentUpdated(after: $after, patientId: $p) {
  id cursor kind at appointment { id patient { id } doctor { id } } } }`;
const CHANGES = `query ($after: String, $first: Int) { appointmentChanges(after: $after, first: $first) {
  edges { cursor node { id cursor kind appointment { id patient { id } } } } pageInfo { hasNextPage endCursor } } }`;

interface Event {
  id: string;
  cursor: string;
  kind: string;
  appointment: { id: string; patient: { id: string }; doctor: { id: string } };
}

let database: TestDatabase;
/** Two API processes on one database: changes go through A, subscribers listen on B. */
let processA: Application;
let processB: Application;
let factory: Factory;
let doctor: Account<Doctor>;
let otherDoctor: Account<Doctor>;
let hour = 0;
/** The statements process B sends (its hub's reads among them). */
const statementsOfB: string[] = [];

const nextSlot = () =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (48 + ++hour) * 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  [processA, processB] = await Promise.all([
    startTestApp(database.url),
    // eslint-disable-next-line no-control-regex -- the query log colours its lines
    startTestApp(database.url, {}, { onQuery: (sql) => statementsOfB.push(sql.replace(/\x1b\[[0-9;]*m/g, '')) }),
  ]);
  factory = new Factory(processA);
  [doctor, otherDoctor] = await Promise.all([factory.doctor(), factory.doctor()]);
});

/** A graphql-ws subscription to `appointmentUpdated` collecting events, with a hook per event. */
function follow(app: Application, token: string, variables: Record<string, unknown> = {}) {
  const received: Event[] = [];
  const errors: unknown[] = [];
  let onEvent: (count: number) => void = () => undefined;
  const client: Client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  afterAll(() => client.dispose());
  client.subscribe<{ appointmentUpdated: Event }>(
    { query: EVENTS, variables },
    {
      next: (value) => {
        if (value.errors) {
          errors.push(...value.errors);
        } else if (value.data) {
          received.push(value.data.appointmentUpdated);
          onEvent(received.length);
        }
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    client,
    set onEvent(hook: (count: number) => void) {
      onEvent = hook;
    },
  };
}

/** The first event of `kind` received, once it has arrived. */
async function arrival(received: readonly Event[], kind: string): Promise<Event> {
  await expect.poll(() => received.some((event) => event.kind === kind), { timeout: 5_000 }).toBe(true);
  return received.find((event) => event.kind === kind)!;
}

async function book(patient: Account<Patient>, on: Account<Doctor> = doctor): Promise<string> {
  const result = await gql<{ bookAppointment: { id: string } }>(processA, BOOK, {
    variables: { input: { doctorId: on.profile.id, startsAt: nextSlot() } },
    token: patient.token,
  });
  return expectData(result).bookAppointment.id;
}

async function change(mutation: string, id: string, token: string): Promise<void> {
  expectData(await gql(processA, mutation, { variables: { id }, token }));
}

/** The ids of the events after `cursorId`'s event, in stream order, of appointments matching `where`. */
async function eventsAfter(eventId: string, where: string, value: string): Promise<string[]> {
  const rows = await database.query<{ change_id: string }>(
    `select e.change_id from appointment_event e join appointment a on a.id = e.appointment_id
      where (e.xid, e.seq) > (select xid, seq from appointment_event where change_id = $1) and ${where} = $2
      order by e.xid, e.seq`,
    [eventId, value],
  );
  return rows.map((row) => row.change_id);
}

/** The ids of these events in stream order, `(xid, seq)` (cursors are opaque to clients). */
async function inStreamOrder(events: readonly Event[]): Promise<string[]> {
  const rows = await database.query<{ change_id: string }>(
    `select change_id from appointment_event where change_id = any($1::uuid[]) order by xid, seq`,
    [events.map((event) => event.id)],
  );
  return rows.map((row) => row.change_id);
}

/** A transaction of its own that writes one change to `appointmentId` and stays open until `commit`. */
async function openChange(appointmentId: string, kind = 'CHECKED_IN') {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('begin');
  const [row] = (
    await client.query<{ id: string }>(
      `insert into appointment_change (appointment_id, kind, to_status, to_starts_at) values ($1, $2, $2, now()) returning id`,
      [appointmentId, kind],
    )
  ).rows;
  return {
    id: row!.id,
    /** Commits, announcing the event as the API does (or not, as a lost notice). */
    async commit(announce = true) {
      if (announce) {
        await client.query(`select pg_notify('appointment_events', $1)`, [
          JSON.stringify({ id: row!.id, appointmentId }),
        ]);
      }
      await client.query('commit');
      await client.end();
    },
  };
}

describe('resuming appointmentUpdated from a cursor', () => {
  it('after a forced disconnect: exactly the missed events, in order, once — including those committed during the gap and during the replay', async () => {
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    const first = follow(processB, doctor.token);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    const appointment = await book(patient);
    await expect.poll(() => first.received.length, { timeout: 5_000 }).toBe(1);
    const seen = first.received[0]!;
    expect(seen).toMatchObject({ kind: 'BOOKED', appointment: { id: appointment } });

    // The socket drops; changes commit while nobody listens: the doctor's and another doctor's.
    first.client.terminate();
    const quiet = await factory.appointment(patient.profile, doctor.profile);
    await change(CONFIRM, appointment, doctor.token);
    const second = await book(other);
    await book(other, otherDoctor);
    await change(CANCEL, second, other.token);
    // Enough missed events that the replay takes several pages (written straight to the history,
    // as a burst of changes would be).
    await database.query(
      `insert into appointment_change (appointment_id, kind, to_status, to_starts_at)
        select $1, 'CONFIRMED', 'CONFIRMED', now() from generate_series(1, 1200)`,
      [appointment],
    );
    // A transaction that starts writing now but commits only during the replay: its event comes
    // after everything written before it, and holds back nothing written before it.
    const held = await openChange(quiet.id);

    // Resume on the other process; changes commit while the replay is being delivered: the open
    // transaction's and one through the API.
    let duringReplay: Promise<void> | undefined;
    let deliveredBeforeCommits = 0;
    const resumed = follow(processB, doctor.token, { after: seen.cursor });
    resumed.onEvent = (count) => {
      if (count === 50) {
        deliveredBeforeCommits = count;
        duringReplay = (async () => {
          await held.commit();
          await book(patient);
        })();
      }
    };
    await expect.poll(() => deliveredBeforeCommits, { timeout: 10_000 }).toBeGreaterThan(0);
    await duringReplay;
    const expected = await eventsAfter(seen.id, 'a.doctor_id', doctor.profile.id);
    expect(expected).toHaveLength(3 + 1200 + 2);
    await expect.poll(() => resumed.received.length, { timeout: 10_000 }).toBe(expected.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.errors).toEqual([]);
    expect(resumed.received.map((event) => event.id)).toEqual(expected);
    expect(deliveredBeforeCommits).toBeLessThan(1200);
    expect(resumed.received.slice(-2).map((event) => event.kind)).toEqual(['CHECKED_IN', 'BOOKED']);
    expect(await inStreamOrder(resumed.received)).toEqual(resumed.received.map((event) => event.id));
    expect(new Set(resumed.received.map((event) => event.cursor)).size).toBe(expected.length);
    expect(resumed.received.every((event) => event.appointment.doctor.id === doctor.profile.id)).toBe(true);
    // …and it carries on live.
    await book(other);
    await expect.poll(() => resumed.received.length, { timeout: 5_000 }).toBe(expected.length + 1);
  });

  it('never replays another patient’s event to a patient, even when asked for that patient', async () => {
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    const own = await book(patient);
    const live = follow(processB, patient.token);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    await change(CONFIRM, own, doctor.token);
    // (The booking may arrive too when this process had not read it yet as the socket subscribed.)
    const cursor = await arrival(live.received, 'CONFIRMED');
    live.client.terminate();
    const theirs = await book(other);
    await change(CONFIRM, theirs, doctor.token);
    await change(CANCEL, own, patient.token);

    const resumed = follow(processB, patient.token, { after: cursor.cursor });
    const snooping = follow(processB, patient.token, { after: cursor.cursor, p: other.profile.id });
    await expect.poll(() => resumed.received.length, { timeout: 5_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.received.map((event) => [event.kind, event.appointment.id])).toEqual([['CANCELLED', own]]);
    expect(await eventsAfter(cursor.id, 'a.patient_id', patient.profile.id)).toEqual([resumed.received[0]!.id]);
    expect(snooping.received).toEqual([]);
  });

  it('refuses a malformed or expired cursor for that operation only, naming the field', async () => {
    const patient = await factory.patient();
    const own = await book(patient);
    const watcher = follow(processB, patient.token);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    await change(CONFIRM, own, doctor.token);
    const { cursor, id } = await arrival(watcher.received, 'CONFIRMED');

    for (const after of [
      'not-a-cursor',
      Buffer.from("ae1:1' or 1=1").toString('base64url'),
      Buffer.from("ae2:1:1' or 1=1").toString('base64url'),
      Buffer.from('ae2:18446744073709551616:1').toString('base64url'),
      Buffer.from('ae2:5:0').toString('base64url'),
      'x'.repeat(5_000),
    ]) {
      const bad = follow(processB, patient.token, { after });
      await expect.poll(() => bad.errors.length, { timeout: 5_000 }).toBe(1);
      expect(bad.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
      expectGraphQLError(
        await gql(processA, CHANGES, { variables: { after }, token: patient.token }),
        'BAD_USER_INPUT',
      );
    }
    // The socket of a refused operation stays open: the first subscriber still hears changes.
    await change(CANCEL, own, patient.token);
    await arrival(watcher.received, 'CANCELLED');

    // Older than EVENT_RETENTION_DAYS (7 by default).
    await database.query(`update appointment_event set at = now() - interval '8 days' where change_id = $1`, [id]);
    const expired = follow(processB, patient.token, { after: cursor });
    await expect.poll(() => expired.errors.length, { timeout: 5_000 }).toBe(1);
    expect(expired.errors[0]).toMatchObject({
      message: expect.stringContaining('older than the 7 days') as string,
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] },
    });
    const error = expectGraphQLError(
      await gql(processA, CHANGES, { variables: { after: cursor }, token: patient.token }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions['fields']).toEqual([{ field: 'after', message: expect.any(String) as string }]);
  });
});

describe('transactions that commit out of the order they started writing in', () => {
  it("never skip the slower one: a later transaction's event waits for the earlier one, live and in the feed", async () => {
    const patient = await factory.patient();
    const [first, second] = [await book(patient), await book(patient)];
    const watcher = follow(processB, doctor.token);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    await change(CONFIRM, first, doctor.token);
    const before = await arrival(watcher.received, 'CONFIRMED');
    const feedAfter = async (cursor: string) =>
      expectData(
        await gql<{ appointmentChanges: { edges: { node: Event }[] } }>(processB, CHANGES, {
          variables: { after: cursor, first: 100 },
          token: doctor.token,
        }),
      ).appointmentChanges.edges.map((edge) => edge.node);

    // The earlier transaction writes first and stays open; the later one commits (announced).
    const earlier = await openChange(first);
    const later = await openChange(second, 'CANCELLED');
    await later.commit();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing from the later one yet: handing it out now would put the earlier one behind a cursor.
    expect(watcher.received.map((event) => event.id)).not.toContain(later.id);
    expect((await feedAfter(before.cursor)).map((event) => event.id)).not.toContain(later.id);

    // The earlier one commits without any notice: the later one's announcement brings both.
    await earlier.commit(false);
    await expect.poll(() => watcher.received.some((event) => event.id === later.id), { timeout: 3_000 }).toBe(true);
    const delivered = watcher.received.slice(watcher.received.indexOf(before) + 1).map((event) => event.id);
    expect(delivered).toEqual([earlier.id, later.id]);
    expect((await feedAfter(before.cursor)).map((event) => event.id)).toEqual([earlier.id, later.id]);
    expect(await eventsAfter(before.id, 'a.doctor_id', doctor.profile.id)).toEqual([earlier.id, later.id]);
  });
});

describe('the live read', () => {
  it('reads a committed event with its appointment, as it is after the change, in one statement', async () => {
    const patient = await factory.patient();
    const id = await book(patient);
    const watcher = follow(processB, doctor.token);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    statementsOfB.length = 0;
    await change(CONFIRM, id, doctor.token);
    const event = await arrival(watcher.received, 'CONFIRMED');
    expect(event.appointment).toEqual({ id, patient: { id: patient.profile.id }, doctor: { id: doctor.profile.id } });
    // The event's rows and the appointment's as the ORM would read them, together (the doctor's care
    // check is another rule's). A late notice of the booking, or the hub's safety poll, may add a
    // read that finds nothing new; it is the same statement. No read of the appointment on its own.
    // (The webhook fan-out's statement joins the event only for its transaction id.)
    const reads = statementsOfB.filter((sql) => /from appointment_event|from "appointment"/.test(sql));
    expect(reads.length, reads.join('\n')).toBeGreaterThanOrEqual(1);
    for (const read of reads) {
      expect(read).toMatch(/from appointment_event e join appointment a/);
    }
  });
});

describe("a change committed by the subscriber's own process", () => {
  it('is read at its commit, before the outbox drain sends the NOTIFY; the NOTIFY still reaches the others, and adds nothing here', async () => {
    const patient = await factory.patient();
    const ids = [await book(patient), await book(patient)];
    const here = follow(processA, doctor.token);
    const there = follow(processB, doctor.token);
    await expect.poll(() => processA.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(() => processB.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);
    const announcements = async (appointmentId: string) =>
      Number(
        (
          await database.query<{ count: string }>(
            `select count(*) from transaction_outbox where kind = 'notice' and body->>'channel' = 'appointment_events'
              and body->>'payload' like '%' || $1 || '%'`,
            [appointmentId],
          )
        )[0]!.count,
      );
    // Every drain (after each commit, and each process's sweep) waits until released: no NOTIFY leaves.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const restore = [processA, processB].map((app) => {
      const drainer = outboxDrainer(app.orm.em);
      const drain = drainer.drain.bind(drainer);
      drainer.drain = () => released.then(drain);
      return () => (drainer.drain = drain);
    });
    const confirmed: Promise<void>[] = [];
    try {
      // One after the other, each within a second: the hub's safety poll (every 5 s) reads
      // whatever committed too, but cannot bring both this soon.
      for (const id of ids) {
        confirmed.push(change(CONFIRM, id, doctor.token));
        await expect
          .poll(() => here.received.some((event) => event.appointment.id === id), { timeout: 1_000 })
          .toBe(true);
        // Its NOTIFY has not left: the entry still waits in the outbox.
        expect(await announcements(id)).toBe(1);
      }
    } finally {
      restore.forEach((undo) => undo());
      release();
    }
    await Promise.all(confirmed);
    for (const id of ids) {
      await expect
        .poll(() => there.received.some((event) => event.appointment.id === id), { timeout: 5_000 })
        .toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(here.received.map((event) => event.appointment.id)).toEqual(ids);
    expect(here.errors).toEqual([]);
  });
});

describe('cursors given out before events were numbered by transaction', () => {
  it('still resume just after their event (ae1:<seq>); an unknown one is BAD_USER_INPUT', async () => {
    const patient = await factory.patient();
    const own = await book(patient);
    const [event] = await database.query<{ change_id: string; seq: string }>(
      `select change_id, seq::text as seq from appointment_event where appointment_id = $1`,
      [own],
    );
    await change(CONFIRM, own, doctor.token);
    await change(CANCEL, own, patient.token);
    const old = Buffer.from(`ae1:${event!.seq}`).toString('base64url');

    const page = expectData(
      await gql<{ appointmentChanges: { edges: { node: Event }[] } }>(processB, CHANGES, {
        variables: { after: old, first: 100 },
        token: patient.token,
      }),
    ).appointmentChanges.edges.map((edge) => [edge.node.kind, edge.node.appointment.id]);
    expect(page).toEqual([
      ['CONFIRMED', own],
      ['CANCELLED', own],
    ]);
    const resumed = follow(processB, patient.token, { after: old });
    await expect.poll(() => resumed.received.length, { timeout: 5_000 }).toBe(2);
    expect(resumed.received.map((e) => e.kind)).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(await eventsAfter(event!.change_id, 'a.patient_id', patient.profile.id)).toEqual(
      resumed.received.map((e) => e.id),
    );

    const unknown = Buffer.from('ae1:9223372036854775807').toString('base64url');
    const error = expectGraphQLError(
      await gql(processB, CHANGES, { variables: { after: unknown }, token: patient.token }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions['fields']).toEqual([{ field: 'after', message: expect.any(String) as string }]);
  });
});

describe('appointmentChanges', () => {
  it('pages through the stream oldest first, narrowed like appointments', async () => {
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    const own = await book(patient);
    await change(CONFIRM, own, doctor.token);
    const theirs = await book(other, otherDoctor);
    await change(CANCEL, own, patient.token);

    const pages: Event[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        appointmentChanges: {
          edges: { cursor: string; node: Event }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = expectData(await gql(processB, CHANGES, { variables: { after, first: 2 }, token: patient.token }));
      pages.push(page.appointmentChanges.edges.map((edge) => edge.node));
      for (const edge of page.appointmentChanges.edges) {
        expect(edge.cursor).toBe(edge.node.cursor);
      }
      if (!page.appointmentChanges.pageInfo.hasNextPage) {
        break;
      }
      after = page.appointmentChanges.pageInfo.endCursor;
    }
    const all = pages.flat();
    expect(all.map((event) => [event.kind, event.appointment.id])).toEqual([
      ['BOOKED', own],
      ['CONFIRMED', own],
      ['CANCELLED', own],
    ]);
    expect(pages.map((page) => page.length)).toEqual([2, 1]);

    // The other doctor sees their own appointment's event and not this one's.
    const theirFeed = expectData(
      await gql<{ appointmentChanges: { edges: { node: Event }[] } }>(processB, CHANGES, {
        variables: { first: 100 },
        token: otherDoctor.token,
      }),
    ).appointmentChanges.edges.map((edge) => edge.node.appointment.id);
    expect(theirFeed).toContain(theirs);
    expect(theirFeed).not.toContain(own);
  });
});

describe('retention', () => {
  it('the retention cleanup forgets events older than EVENT_RETENTION_DAYS and keeps the history', async () => {
    const patient = await factory.patient();
    const id = await book(patient);
    const [event] = await database.query<{ change_id: string }>(
      `select change_id from appointment_event where appointment_id = $1`,
      [id],
    );
    await database.query(`update appointment_event set at = now() - interval '8 days' where change_id = $1`, [
      event!.change_id,
    ]);
    const recent = await book(patient);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const deleted = await pruneExpiredRows((sql, values) => client.query(sql, values), [appointmentEventRetention(7)]);
    await client.end();
    expect(deleted['appointment_event']).toBeGreaterThanOrEqual(1);
    expect(await database.query(`select 1 from appointment_event where change_id = $1`, [event!.change_id])).toEqual(
      [],
    );
    expect(await database.query(`select 1 from appointment_change where id = $1`, [event!.change_id])).toHaveLength(1);
    expect(await database.query(`select 1 from appointment_event where appointment_id = $1`, [recent])).toHaveLength(1);
  });
});
