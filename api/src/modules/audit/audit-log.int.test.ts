import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { AuditTrail } from './audit-trail.js';

let database: TestDatabase;
let app: Application;
let admin: Account<null>;
let doctor: Account<Doctor>;
let patient: Account<Patient>;
const statements: string[] = [];
/** One request of `doctor`: a week of appointments, each of another patient (`patient`'s among them), and `patient`'s records. */
const requestId = randomUUID();
const appointments: { id: string; patientId: string }[] = Array.from({ length: 30 }, () => ({
  id: randomUUID(),
  patientId: randomUUID(),
}));
const records = Array.from({ length: 5 }, () => randomUUID());

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  const factory = new Factory(app);
  [admin, doctor, patient] = await Promise.all([factory.admin(), factory.doctor(), factory.patient()]);
  appointments[12]!.patientId = patient.profile.id;
  const trail = new AuditTrail(
    () => ({
      kind: 'user',
      userId: doctor.user.id,
      role: doctor.user.role,
      sessionId: randomUUID(),
      patientId: undefined,
      doctorId: doctor.profile.id,
      tokenExpiresAt: new Date(Date.now() + 600_000),
      mfaEnabled: false,
    }),
    { requestId, clientAddress: '192.0.2.44' },
  );
  for (const { id, patientId } of appointments) {
    trail.read({ entityType: 'Appointment', entityId: id, patientId });
  }
  for (const id of records) {
    trail.read({ entityType: 'MedicalRecord', entityId: id, patientId: patient.profile.id });
  }
  expect(await trail.flush(app.orm.em.fork())).toBe(35);
});

type Node = {
  id: string;
  actorId: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  patientId: string;
};
const NODE = 'id actorId actorName action entityType entityId patientId';

async function trail(variables: Record<string, unknown>, token = admin.token) {
  return expectData(
    await gql<{
      auditEvents: {
        totalCount: number;
        edges: { node: Node }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      app,
      `query ($p: ID, $e: ID, $a: ID, $after: String, $first: Int) {
        auditEvents(patientId: $p, entityId: $e, actorId: $a, after: $after, first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`,
      { token, variables },
    ),
  ).auditEvents;
}

describe('a request’s reads, stored one row per entity type', () => {
  it('writes one row per entity type: the ids as arrays, one chart’s patient once — far fewer rows and bytes than one per entity', async () => {
    const rows = await database.query<{
      entity_type: string;
      entity_id: string | null;
      patient_id: string | null;
      entity_ids: string[] | null;
      patient_ids: string[] | null;
    }>(
      `select entity_type, entity_id, patient_id, entity_ids, patient_ids from audit_event where request_id = $1 order by entity_type`,
      [requestId],
    );
    expect(rows).toEqual([
      {
        entity_type: 'Appointment',
        entity_id: null,
        patient_id: null,
        entity_ids: appointments.map((a) => a.id),
        patient_ids: appointments.map((a) => a.patientId),
      },
      {
        entity_type: 'MedicalRecord',
        entity_id: null,
        patient_id: patient.profile.id,
        entity_ids: records,
        patient_ids: null,
      },
    ]);
    // What one row per entity (the former layout: the same columns, an id and a patient each) took.
    const [size] = await database.query<{ stored: number; per_entity: number }>(
      `select (select sum(pg_column_size(a.*))::int from audit_event a where request_id = $1) as stored,
              (select sum(pg_column_size(row(e.id, e.at, e.actor_id, e.actor_role, e.action, e.entity_type, e.entity_id,
                 e.patient_id, e.emergency, e.reason, e.client_address, e.request_id)))::int
               from audit_entry e where request_id = $1) as per_entity`,
      [requestId],
    );
    expect(size!.stored * 3).toBeLessThan(size!.per_entity);
  });

  it('answers who read a record: the event of that one entity, with its patient', async () => {
    const target = appointments[7]!;
    const found = await trail({ e: target.id });
    expect(found.totalCount).toBe(1);
    const [event] = found.edges.map(({ node }) => node);
    expect(event).toMatchObject({
      actorId: doctor.user.id,
      action: 'READ',
      entityType: 'Appointment',
      entityId: target.id,
      patientId: target.patientId,
    });
    expect(event!.actorName).toContain(`Dr ${doctor.profile.firstName}`);
  });

  it('answers whose chart was read: every entity of that patient, to an administrator and to the patient', async () => {
    const expected = [appointments[12]!.id, ...records].sort();
    const byAdmin = await trail({ p: patient.profile.id });
    expect(byAdmin.totalCount).toBe(6);
    expect(byAdmin.edges.map(({ node }) => node.entityId).sort()).toEqual(expected);
    expect(byAdmin.edges.every(({ node }) => node.patientId === patient.profile.id)).toBe(true);

    await sessionRemembered(app, patient.token);
    statements.length = 0;
    const own = expectData(
      await gql<{ myAccessLog: { totalCount: number; edges: { node: Node & { entityDate: string | null } }[] } }>(
        app,
        `{ myAccessLog(first: 50) { totalCount edges { node { ${NODE} entityDate } } } }`,
        { token: patient.token },
      ),
    ).myAccessLog;
    expect(own.totalCount).toBe(6);
    expect(own.edges.map(({ node }) => node.entityId).sort()).toEqual(expected);
    expect(own.edges.map(({ node }) => node.actorName)).toEqual(
      own.edges.map(
        () => `Dr ${doctor.profile.firstName} ${doctor.profile.lastName} (${doctor.profile.specialization})`,
      ),
    );
    // The page and its total; then the doctors' names and the entities' dates (none here: made-up ids).
    const read = statements.filter((sql) => !sql.includes('audit_event ('));
    expect(read, read.join('\n')).toHaveLength(2);
    expect(read[0]).toContain('select count(*)::int as n from audit_entry e');
    expect(read[1]).toContain('from "doctor" where "user_id"');
    expect(read[1]).toContain("'MedicalRecord:' || id");
    // Another patient of the same week sees only their own appointment.
    const other = await trail({ p: appointments[3]!.patientId });
    expect(other.edges.map(({ node }) => node.entityId)).toEqual([appointments[3]!.id]);
  });

  it('names whose chart each event touched to an administrator (one statement a page), and to nobody else', async () => {
    await sessionRemembered(app, admin.token);
    statements.length = 0;
    type Named = { patientId: string | null; patientName: string | null };
    const byAdmin = expectData(
      await gql<{ auditEvents: { edges: { node: Named }[] } }>(
        app,
        'query ($a: ID) { auditEvents(actorId: $a, first: 50) { edges { node { patientId patientName } } } }',
        { token: admin.token, variables: { a: doctor.user.id } },
      ),
    ).auditEvents.edges.map(({ node }) => node);
    const theirs = byAdmin.filter((node) => node.patientId === patient.profile.id);
    expect(theirs).toHaveLength(6);
    expect(new Set(theirs.map((node) => node.patientName))).toEqual(
      new Set([`${patient.profile.firstName} ${patient.profile.lastName}`]),
    );
    // The week's other patients are made-up ids here: no name.
    const others = byAdmin.filter((node) => node.patientId !== patient.profile.id);
    expect(others.length).toBeGreaterThanOrEqual(29);
    expect(others.every((node) => node.patientName === null)).toBe(true);
    const names = statements.filter((sql) => sql.includes('from patient where id = any'));
    expect(names, statements.join('\n')).toHaveLength(1);

    // A patient's access log is all their own chart: no names there.
    const own = expectData(
      await gql<{ myAccessLog: { edges: { node: Named }[] } }>(
        app,
        '{ myAccessLog(first: 50) { edges { node { patientId patientName } } } }',
        { token: patient.token },
      ),
    ).myAccessLog.edges.map(({ node }) => node);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((node) => node.patientName === null)).toBe(true);
  });

  it('names which administrator or patient acted to an administrator, and only their role to the patient', async () => {
    const reader = (account: Account<Patient> | Account<null>) =>
      new AuditTrail(
        () => ({
          kind: 'user',
          userId: account.user.id,
          role: account.user.role,
          sessionId: randomUUID(),
          patientId: account.profile?.id,
          doctorId: undefined,
          tokenExpiresAt: new Date(Date.now() + 600_000),
          mfaEnabled: false,
        }),
        { requestId: randomUUID(), clientAddress: '192.0.2.45' },
      );
    const [byPatient, byAdmin] = [reader(patient), reader(admin)];
    const [ownRecord, adminsRecord] = [randomUUID(), randomUUID()];
    byPatient.read({ entityType: 'MedicalRecord', entityId: ownRecord, patientId: patient.profile.id });
    byAdmin.read({ entityType: 'MedicalRecord', entityId: adminsRecord, patientId: patient.profile.id });
    await byPatient.flush(app.orm.em.fork());
    await byAdmin.flush(app.orm.em.fork());

    const name = async (entity: string, token = admin.token) => {
      const page = await trail({ e: entity }, token);
      expect(page.edges).toHaveLength(1);
      return page.edges[0]!.node.actorName;
    };
    await sessionRemembered(app, admin.token);
    statements.length = 0;
    expect(await name(ownRecord)).toBe(`${patient.profile.firstName} ${patient.profile.lastName} (patient)`);
    expect(await name(adminsRecord)).toBe(`Administrator (${admin.user.email})`);
    expect(statements.filter((sql) => sql.includes('from app_user u left join patient p'))).toHaveLength(2);
    // The patient's own log: who read, by role only.
    const own = expectData(
      await gql<{ myAccessLog: { edges: { node: Node }[] } }>(
        app,
        `{ myAccessLog(first: 100) { edges { node { ${NODE} } } } }`,
        { token: patient.token },
      ),
    ).myAccessLog.edges.map(({ node }) => node);
    expect(own.find((node) => node.entityId === adminsRecord)?.actorName).toBe('Administrator');
  });

  it('pages through a group read’s events: each once, newest first then by id, stable ids', async () => {
    const seen: Node[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page = await trail({ a: doctor.user.id, first: 8, after });
      total = page.totalCount;
      seen.push(...page.edges.map(({ node }) => node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(35);
    expect(seen).toHaveLength(35);
    expect(new Set(seen.map((node) => node.id)).size).toBe(35);
    expect(seen.map((node) => node.entityId).sort()).toEqual([...appointments.map((a) => a.id), ...records].sort());
    const again = await trail({ a: doctor.user.id, first: 35 });
    expect(again.edges.map(({ node }) => node.id)).toEqual(seen.map((node) => node.id));
  });

  it('finds a record’s and a patient’s reads through the indexes, not by reading the whole trail', async () => {
    const plan = (sql: string, value: string) =>
      app.orm.em.fork().transactional(async (tx) => {
        // The test's trail is small enough for a sequential scan to win; the question is whether an index can answer.
        await tx.execute('set local enable_seqscan = off');
        const rows = await tx.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, [value, value]);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(
      await plan(
        `select * from audit_entry where (stored_entity_id = ? or stored_entity_ids @> array[?::uuid])`,
        appointments[1]!.id,
      ),
    ).toMatch(/audit_event_.*entity_ids_idx|entity_ids_gin/);
    expect(
      await plan(
        `select * from audit_entry where (stored_patient_id = ? or stored_patient_ids @> array[?::uuid])`,
        appointments[1]!.patientId,
      ),
    ).toMatch(/patient_ids_idx|patient_ids_gin/);
  });
});
