import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { Factory, nextLocal, type Account } from '../../test/factories.js';
import { expectData, gql } from '../../test/graphql.js';
import { subscribe, wsClient } from '../../test/ws.js';
import type { Application } from '../server/bootstrap.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import { refuseSharedSessions } from './database.js';

/**
 * The API behind a real PgBouncer in transaction mode, with fewer server connections than the
 * API's pool: each transaction may run on another server connection than the one before, so
 * nothing prepared on one may be used later. Debian's `pgbouncer` package; CI installs it and sets
 * REQUIRE_PGBOUNCER=1, so there this file fails rather than skips without it.
 */
const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((path) => existsSync(path));
if (!PGBOUNCER && process.env['REQUIRE_PGBOUNCER'] === '1') {
  throw new Error('pgbouncer is not installed (apt-get install pgbouncer)');
}

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const CHART = `query ($id: ID!) { patient(id: $id) { id allergies
  medicalRecords(first: 10) { totalCount }
  prescriptions(first: 10) { edges { node { id } } }
  appointments(first: 10) { edges { node { startsAt doctor { lastName } } } } } }`;
const EVENTS = `subscription { appointmentUpdated { kind appointment { id } } }`;
const CREATE_UPLOAD = `mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) {
  uploadUrl attachment { id } } }`;
const RECORD_FILES = `query ($id: ID!) { medicalRecord(id: $id) { attachments { id status sha256 downloadUrl } } }`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00', slotMinutes: 30 }));
/** Requests at once: more than the pooler's two server connections, fewer than the API's pool. */
const AT_ONCE = 12;

/**
 * `patients` book `doctor` at once on `app`, on `weekday` next week, in half-hour slots from 08:00
 * (Berlin); resolves with the appointments' ids.
 */
async function bookAll(app: Application, doctor: Account<Doctor>, patients: Account<Patient>[], weekday: number) {
  const booked = await Promise.all(
    patients.map((patient, index) =>
      gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        variables: {
          input: {
            doctorId: doctor.profile.id,
            startsAt: new Date(nextLocal(weekday, '08:00').getTime() + index * 30 * 60_000).toISOString(),
          },
        },
        token: patient.token,
      }),
    ),
  );
  return booked.map((response) => expectData(response).bookAppointment.id);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** PgBouncer in front of `databaseUrl`'s server, with two server connections. */
async function startPgBouncer(
  databaseUrl: string,
  mode: 'transaction' | 'session' = 'transaction',
): Promise<{ url: string; stop(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const directory = mkdtempSync(join(tmpdir(), 'hc-pgbouncer-'));
  chmodSync(directory, 0o755);
  const port = await freePort();
  const user = decodeURIComponent(target.username);
  const userlist = join(directory, 'userlist.txt');
  writeFileSync(userlist, `"${user}" "${decodeURIComponent(target.password)}"\n`, { mode: 0o644 });
  const ini = join(directory, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${userlist}`,
      `pool_mode = ${mode}`,
      'default_pool_size = 2',
      'max_client_conn = 200',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root; it drops to another user itself when told to.
  const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child: ChildProcess = spawn(PGBOUNCER!, [...asRoot, ini], { stdio: ['ignore', 'ignore', 'pipe'] });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 100 || child.exitCode !== null) {
        child.kill();
        throw new Error(`pgbouncer did not start: ${String(error)}\n${output.join('')}`);
      }
      await sleep(50);
    }
  }
  return {
    url: url.toString(),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!PGBOUNCER)('behind a transaction-mode pooler (PgBouncer, two server connections)', () => {
  let database: TestDatabase;
  let pooler: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    pooler = await startPgBouncer(database.url);
  });
  afterAll(async () => {
    await pooler?.stop();
  });

  it('hands a connection’s next transaction to another server connection: what one prepared, the next lacks', async () => {
    // The premise of the API's transaction mode, shown on the pooler itself (and that this one shares).
    const [client, blocker] = [new pg.Client(pooler.url), new pg.Client(pooler.url)];
    await Promise.all([client.connect(), blocker.connect()]);
    try {
      await client.query('prepare probe as select 1 as one');
      // The server connection that ran the PREPARE is free again; the blocker may take it or the
      // other one. Either way, with both held, the client's next statement waits, then runs on one
      // of them: ask until it lands on the one without the statement.
      let missing = false;
      for (let attempt = 0; attempt < 20 && !missing; attempt += 1) {
        await blocker.query('begin');
        await blocker.query('select 1');
        missing = await client.query('execute probe').then(
          () => false,
          (error: Error) => /prepared statement "probe" does not exist/.test(error.message),
        );
        await blocker.query('commit');
      }
      expect(missing).toBe(true);
    } finally {
      await Promise.all([client.end(), blocker.end()]);
    }
  });

  it('refuses to start behind it when told the pool keeps sessions (it would prepare statements there)', async () => {
    await expect(startTestApp(pooler.url, { DATABASE_DIRECT_URL: database.url })).rejects.toThrow(
      'Invalid setting DATABASE_POOL_MODE: DATABASE_URL leads to a transaction-mode pooler',
    );
    // Straight to PostgreSQL, or through a session-mode pooler, each connection is a session of its
    // own: the same check lets it start.
    await expect(refuseSharedSessions(database.url)).resolves.toBeUndefined();
    const sessions = await startPgBouncer(database.url, 'session');
    try {
      await expect(refuseSharedSessions(sessions.url)).resolves.toBeUndefined();
    } finally {
      await sessions.stop();
    }
  });

  it('books, reads charts and audits them with nothing prepared on its pool: every request answers, every row and job is written', async () => {
    const app = await startTestApp(pooler.url, {
      DATABASE_POOL_MODE: 'transaction',
      DATABASE_DIRECT_URL: database.url,
      DATABASE_POOL_SIZE: '8',
    });
    const factory = new Factory(app);
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const patients = await Promise.all(Array.from({ length: AT_ONCE }, () => factory.patient()));
    // The doctor's live view: every booking's event, read back through the pool.
    const live = subscribe<{ appointmentUpdated: { kind: string; appointment: { id: string } } }>(
      wsClient(app, doctor.token),
      EVENTS,
    );
    await live.ready;
    const bookedIds: string[] = [];
    // Three waves each: the pool's connections are reused, on whichever server connection is free.
    for (let wave = 0; wave < 3; wave += 1) {
      // Monday, Tuesday, Wednesday: twelve half-hour slots from 08:00.
      bookedIds.push(...(await bookAll(app, doctor, patients, 1 + wave)));
      const charts = await Promise.all(
        patients.map((patient) =>
          gql<{ patient: { id: string; appointments: { edges: unknown[] } } }>(app, CHART, {
            variables: { id: patient.profile.id },
            token: doctor.token,
          }),
        ),
      );
      charts.forEach((response, index) => {
        const chart = expectData(response).patient;
        expect(chart.id).toBe(patients[index]!.profile.id);
        expect(chart.appointments.edges).toHaveLength(wave + 1);
      });
    }
    const [appointments] = await database.query<{ n: number }>(
      'select count(*)::int as n from appointment where doctor_id = $1',
      [doctor.profile.id],
    );
    expect(appointments?.n).toBe(3 * AT_ONCE);
    await expect
      .poll(() => live.received.map((event) => event.appointmentUpdated.appointment.id).sort(), { timeout: 10_000 })
      .toEqual([...bookedIds].sort());
    expect(live.received.every((event) => event.appointmentUpdated.kind === 'BOOKED')).toBe(true);
    expect(live.errors).toEqual([]);
    // Each chart's first read by the doctor is audited (its repeats within ten minutes are one opening).
    const [audited] = await database.query<{ n: number }>(
      `select count(distinct entity_id)::int as n from audit_entry
        where actor_id = $1 and action = 'READ' and entity_type = 'Patient'`,
      [doctor.user.id],
    );
    expect(audited?.n).toBe(AT_ONCE);
    // The bookings' reminders reached graphile-worker through the outbox's drain.
    await expect
      .poll(
        async () =>
          (
            await database.query<{ n: number }>(
              `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'appointment-reminder'`,
            )
          )[0]?.n,
        { timeout: 10_000 },
      )
      .toBe(2 * 3 * AT_ONCE);
  });
  it('carries live events across processes through the direct URL, and serves FHIR and files through the pool', async () => {
    const settings = { DATABASE_POOL_MODE: 'transaction', DATABASE_DIRECT_URL: database.url, DATABASE_POOL_SIZE: '4' };
    const listeners = async () =>
      (
        await database.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'healthcare-api-listener' and query ilike 'listen%'`,
        )
      )[0]!.n;
    const before = await listeners();
    const [first, second] = await Promise.all([startTestApp(pooler.url, settings), startTestApp(pooler.url, settings)]);
    // Each process listens on a session of its own, straight to PostgreSQL (the pooler's server
    // connections run everyone's statements and would not keep a LISTEN as their last).
    expect(await listeners()).toBe(before + 2);
    const factory = new Factory(first);
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const patients = await Promise.all(Array.from({ length: 4 }, () => factory.patient()));
    // The doctor watches on the second process; the bookings commit on the first: only
    // PostgreSQL's NOTIFY, heard on the second's LISTEN connection (the direct URL), can tell it.
    const live = subscribe<{ appointmentUpdated: { kind: string; appointment: { id: string } } }>(
      wsClient(second, doctor.token),
      EVENTS,
    );
    await live.ready;
    const bookedIds = await bookAll(first, doctor, patients, 4);
    // Within two seconds: the events' safety poll (appointment-events.ts) runs only every five.
    await expect
      .poll(() => live.received.map((event) => event.appointmentUpdated.appointment.id).sort(), { timeout: 2_000 })
      .toEqual([...bookedIds].sort());
    expect(live.errors).toEqual([]);

    // FHIR: the patient as a resource and the doctor's search, each request on the pool.
    const patient = patients[0]!;
    const fhir = async (path: string) => {
      const response = await fetch(`${second.url}/fhir/R4/${path}`, {
        headers: { authorization: `Bearer ${doctor.token}` },
      });
      expect(response.status, path).toBe(200);
      return (await response.json()) as { resourceType: string; id?: string; entry?: { resource: { id: string } }[] };
    };
    expect(await fhir(`Patient/${patient.profile.id}`)).toMatchObject({
      resourceType: 'Patient',
      id: patient.profile.id,
    });
    const search = await fhir(`Appointment?patient=Patient/${patient.profile.id}`);
    expect(search.resourceType).toBe('Bundle');
    expect(search.entry?.map((entry) => entry.resource.id)).toEqual([bookedIds[0]]);

    // A file: the upload is signed on one process, taken on the other, then downloaded.
    const visit = await factory.appointment(patient.profile, doctor.profile);
    const record = await factory.record(patient.profile, doctor.profile, visit);
    const upload = expectData(
      await gql<{ createAttachmentUpload: { uploadUrl: string; attachment: { id: string } } }>(first, CREATE_UPLOAD, {
        token: doctor.token,
        variables: {
          input: {
            patientId: patient.profile.id,
            medicalRecordId: record.id,
            fileName: 'results.pdf',
            contentType: 'application/pdf',
            sizeBytes: PDF.length,
          },
        },
      }),
    ).createAttachmentUpload;
    const put = await fetch(`${first.url}${upload.uploadUrl}`, {
      method: 'PUT',
      body: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBe(200);
    const files = expectData(
      await gql<{ medicalRecord: { attachments: { id: string; status: string; downloadUrl: string }[] } }>(
        first,
        RECORD_FILES,
        { token: doctor.token, variables: { id: record.id } },
      ),
    ).medicalRecord.attachments;
    expect(files).toEqual([expect.objectContaining({ id: upload.attachment.id, status: 'READY' })]);
    const download = await fetch(`${first.url}${files[0]!.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    // The chart's reads on both processes were audited through the pool.
    const [audited] = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_entry where actor_id = $1 and action = 'READ' and patient_id = $2`,
      [doctor.user.id, patient.profile.id],
    );
    expect(audited?.n).toBeGreaterThan(0);
  });
});
