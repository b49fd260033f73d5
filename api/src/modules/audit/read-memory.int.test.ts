import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import type { Application } from '../../server/bootstrap.js';
import type { UserActor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { AuditTrail, READ_REPEAT_MINUTES, READ_WRITES_AT_ONCE } from './audit-trail.js';

let database: TestDatabase;
/** Two API processes' worth of server on one database, each with its own memory of logged reads. */
let processA: Application;
let processB: Application;
const sentByA: string[] = [];
const sentByB: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  [processA, processB] = await Promise.all([
    startTestApp(database.url, {}, { onQuery: (sql) => sentByA.push(sql) }),
    startTestApp(database.url, {}, { onQuery: (sql) => sentByB.push(sql) }),
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

const doctor = (): UserActor => ({
  kind: 'user',
  userId: randomUUID(),
  role: Role.DOCTOR,
  sessionId: randomUUID(),
  patientId: undefined,
  doctorId: randomUUID(),
  tokenExpiresAt: new Date(Date.now() + 600_000),
  mfaEnabled: false,
});

/** One request's reads of `records` (a patient's medical records) by `actor`, flushed through `app`. */
async function readRecords(app: Application, sent: string[], actor: UserActor, patientId: string, records: string[]) {
  const trail = new AuditTrail(() => actor, { requestId: randomUUID(), clientAddress: '192.0.2.7' });
  for (const entityId of records) {
    trail.read({ entityType: 'MedicalRecord', entityId, patientId });
  }
  sent.length = 0;
  const written = await trail.flush(app.orm.em.fork());
  return { written, inserts: sent.filter((sql) => sql.includes('insert into audit_event')).length };
}

async function readersOf(recordId: string): Promise<string[]> {
  const rows = await database.query<{ actor_id: string }>(
    `select actor_id from audit_entry where action = 'READ' and entity_type = 'MedicalRecord' and entity_id = $1`,
    [recordId],
  );
  return rows.map((row) => row.actor_id);
}

describe('reads a process remembers having logged', () => {
  it('sends nothing for a repeat within the window; another process logs its own first read once', async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const records = [randomUUID(), randomUUID(), randomUUID()];

    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 3, inserts: 1 });
    // A refresh on the same process: no statement at all.
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 0, inserts: 0 });
    // The same reads served by another process: it does not know the first process's, and logs them once…
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 3, inserts: 1 });
    // …then remembers them: a refresh there sends nothing either.
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 0, inserts: 0 });
    // A new record among the old: only it is sent, and written.
    const added = randomUUID();
    expect(await readRecords(processA, sentByA, actor, patientId, [...records, added])).toEqual({
      written: 1,
      inserts: 1,
    });
    expect(await readersOf(added)).toEqual([actor.userId]);
    // Each old record: one row per process that served its first read, never one per refresh.
    for (const recordId of records) {
      expect(await readersOf(recordId)).toEqual([actor.userId, actor.userId]);
    }
    // Another person's read of the same records is theirs to log.
    const colleague = doctor();
    expect(await readRecords(processA, sentByA, colleague, patientId, records)).toEqual({ written: 3, inserts: 1 });
  });

  it('stores a group read of several patients with their ids, and a read naming no patient, each answerable by entity', async () => {
    const actor = doctor();
    const [first, second] = [randomUUID(), randomUUID()];
    const read = async (app: Application, sent: string[], reads: { entityId: string; patientId?: string }[]) => {
      const trail = new AuditTrail(() => actor, { requestId: randomUUID(), clientAddress: '192.0.2.7' });
      for (const entry of reads) {
        trail.read({ entityType: 'Patient', ...entry });
      }
      sent.length = 0;
      const written = await trail.flush(app.orm.em.fork());
      return { written, inserts: sent.filter((sql) => sql.includes('insert into audit_event')).length };
    };
    // A doctor's week: two patients in one row (no single patient on it).
    expect(
      await read(processA, sentByA, [
        { entityId: first, patientId: first },
        { entityId: second, patientId: second },
      ]),
    ).toEqual({ written: 2, inserts: 1 });
    const stored = await database.query<{
      entity_id: string | null;
      patient_id: string | null;
      entity_ids: string[];
      patient_ids: string[];
    }>(`select entity_id, patient_id, entity_ids, patient_ids from audit_event where actor_id = $1`, [actor.userId]);
    expect(stored).toEqual([
      { entity_id: null, patient_id: null, entity_ids: [first, second], patient_ids: [first, second] },
    ]);
    // Then the first one's chart on the same process: a repeat, sent nothing.
    expect(await read(processA, sentByA, [{ entityId: first, patientId: first }])).toEqual({ written: 0, inserts: 0 });
    // A read naming no patient: its own row, found by its entity.
    const unnamed = randomUUID();
    expect(await read(processA, sentByA, [{ entityId: unnamed }])).toEqual({ written: 1, inserts: 1 });
    const byEntity = await database.query<{ actor_id: string; patient_id: string | null }>(
      `select actor_id, patient_id from audit_entry where entity_id = $1`,
      [unnamed],
    );
    expect(byEntity).toEqual([{ actor_id: actor.userId, patient_id: null }]);
    const patients = await database.query<{ entity_id: string; patient_id: string }>(
      `select entity_id, patient_id from audit_entry where actor_id = $1 and entity_id = any($2::uuid[]) order by patient_id`,
      [actor.userId, [first, second]],
    );
    expect(patients).toEqual([first, second].sort().map((id) => ({ entity_id: id, patient_id: id })));
  });

  it('takes each id of a group read as one element: a crafted id is refused whole, nothing written', async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const real = randomUUID();
    const crafted = `${randomUUID()}","${randomUUID()}`;
    await expect(readRecords(processA, sentByA, actor, patientId, [real, crafted])).rejects.toThrow(/uuid/);
    expect(await readersOf(real)).toEqual([]);
  });

  it('always logs emergency reads, and remembers nothing a rolled-back transaction wrote', async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const recordId = randomUUID();
    const emergency = async () => {
      const trail = new AuditTrail(() => actor, { requestId: randomUUID(), clientAddress: undefined });
      trail.read({ entityType: 'MedicalRecord', entityId: recordId, patientId, emergency: true });
      return trail.flush(processA.orm.em.fork());
    };
    expect(await emergency()).toBe(1);
    expect(await emergency()).toBe(1);

    const other = randomUUID();
    await processA.orm.em
      .fork()
      .transactional(async (tx) => {
        const trail = new AuditTrail(() => actor, { requestId: randomUUID(), clientAddress: undefined });
        trail.read({ entityType: 'MedicalRecord', entityId: other, patientId });
        expect(await trail.flush(tx)).toBe(1);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await readersOf(other)).toEqual([]);
    expect(await readRecords(processA, sentByA, actor, patientId, [other])).toEqual({ written: 1, inserts: 1 });
    expect(await readersOf(other)).toEqual([actor.userId]);
  });

  it(`logs the read again once ${READ_REPEAT_MINUTES} minutes have passed`, async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const records = [randomUUID()];
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 1, inserts: 1 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (READ_REPEAT_MINUTES * 60 - 5) * 1000);
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 0, inserts: 0 });
    vi.setSystemTime(Date.now() + 10_000);
    // A new opening of the chart: logged again.
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 1, inserts: 1 });
    expect(await readersOf(records[0]!)).toEqual([actor.userId, actor.userId]);
  });

  it('writes the reads of requests that finish together in one insert, each request its own rows, committed before it returns', async () => {
    const patientId = randomUUID();
    const requests = Array.from({ length: 6 }, () => ({
      actor: doctor(),
      requestId: randomUUID(),
      records: [randomUUID(), randomUUID(), randomUUID()],
    }));
    sentByA.length = 0;
    const written = await Promise.all(
      requests.map(({ actor, requestId, records }) => {
        const trail = new AuditTrail(() => actor, { requestId, clientAddress: '192.0.2.9' });
        for (const entityId of records) {
          trail.read({ entityType: 'MedicalRecord', entityId, patientId });
        }
        return trail.flush(processA.orm.em.fork());
      }),
    );
    expect(written).toEqual([3, 3, 3, 3, 3, 3]);
    // The first requests' inserts leave at once (READ_WRITES_AT_ONCE of them); the four that
    // flushed meanwhile leave together in one more.
    expect(READ_WRITES_AT_ONCE).toBe(2);
    expect(sentByA.filter((sql) => sql.includes('insert into audit_event'))).toHaveLength(3);
    for (const { actor, requestId, records } of requests) {
      const rows = await database.query<{
        actor_id: string;
        request_id: string;
        actor_role: string;
        entity_id: string;
      }>(
        `select actor_id, request_id, actor_role, entity_id from audit_entry where request_id = $1 order by entity_id`,
        [requestId],
      );
      expect(rows).toEqual(
        [...records].sort().map((entityId) => ({
          actor_id: actor.userId,
          request_id: requestId,
          actor_role: Role.DOCTOR,
          entity_id: entityId,
        })),
      );
    }
  });
});
