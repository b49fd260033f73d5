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
  it('sends nothing for a repeat within the window; another process still finds the repeat in the database', async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const records = [randomUUID(), randomUUID(), randomUUID()];

    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 3, inserts: 1 });
    // A refresh on the same process: no statement at all.
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 0, inserts: 0 });
    // The same reads served by another process: it asks, and the database leaves them out…
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 0, inserts: 1 });
    // …and names them: that process now remembers them too, and sends nothing for them again.
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 0, inserts: 0 });
    // Only a record it had not seen logged is sent from there (the rest still left out, by memory).
    const seenOnB = randomUUID();
    expect(await readRecords(processB, sentByB, actor, patientId, [records[0]!, seenOnB])).toEqual({
      written: 1,
      inserts: 1,
    });
    expect(await readersOf(seenOnB)).toEqual([actor.userId]);
    // A new record among the old: only it is sent, and written.
    const added = randomUUID();
    expect(await readRecords(processA, sentByA, actor, patientId, [...records, added])).toEqual({
      written: 1,
      inserts: 1,
    });
    for (const recordId of [...records, added]) {
      expect(await readersOf(recordId)).toEqual([actor.userId]);
    }
    // Another person's read of the same records is theirs to log.
    const colleague = doctor();
    expect(await readRecords(processA, sentByA, colleague, patientId, records)).toEqual({ written: 3, inserts: 1 });
  });

  it("finds a repeat in another process's row of several patients' reads, or of reads of no patient", async () => {
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
    // Then the first one's chart, served by the other process: a repeat, left out.
    expect(await read(processB, sentByB, [{ entityId: first, patientId: first }])).toEqual({ written: 0, inserts: 1 });
    // A read naming no patient, then the same read elsewhere: left out too.
    const unnamed = randomUUID();
    expect(await read(processA, sentByA, [{ entityId: unnamed }])).toEqual({ written: 1, inserts: 1 });
    expect(await read(processB, sentByB, [{ entityId: unnamed }])).toEqual({ written: 0, inserts: 1 });
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

  it(`asks the database again once ${READ_REPEAT_MINUTES} minutes have passed`, async () => {
    const actor = doctor();
    const patientId = randomUUID();
    const records = [randomUUID()];
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 1, inserts: 1 });
    // Another process learns of the read from the database, as of when it was logged.
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 0, inserts: 1 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (READ_REPEAT_MINUTES * 60 - 5) * 1000);
    expect((await readRecords(processA, sentByA, actor, patientId, records)).inserts).toBe(0);
    expect((await readRecords(processB, sentByB, actor, patientId, records)).inserts).toBe(0);
    vi.setSystemTime(Date.now() + 10_000);
    // The memory has let go; the statement is sent (the database's clock has not moved: it still finds the row).
    expect(await readRecords(processA, sentByA, actor, patientId, records)).toEqual({ written: 0, inserts: 1 });
    // The other process too: the window ran from the logged read, not from when it learned of it.
    expect(await readRecords(processB, sentByB, actor, patientId, records)).toEqual({ written: 0, inserts: 1 });
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
