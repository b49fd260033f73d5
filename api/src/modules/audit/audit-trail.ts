import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import { preparedQuery } from '../../shared/prepared.js';
import { AuditEvent } from './audit-event.entity.js';

/** Reads of one entity by one person within this many minutes are one opening of the chart. */
export const READ_REPEAT_MINUTES = 10;
/** Reads this process remembers having logged (see {@link AuditTrail.flush}), at most. */
export const REMEMBERED_READS = 20_000;

/** The memory key of a read that a repeat may be folded into; undefined for reads always logged. */
function repeatKey(row: {
  actorId?: string | undefined;
  entityType: string;
  entityId?: string | undefined;
  emergency?: boolean;
}): string | undefined {
  return row.actorId && row.entityId && !row.emergency ? `${row.actorId}|${row.entityType}|${row.entityId}` : undefined;
}

/** Who an audit row names: a person's user id, or a partner's API client id (a partner is audited as itself). */
function actorIdOf(actor: Actor): string | undefined {
  return actor.kind === 'user' ? actor.userId : actor.kind === 'partner' ? actor.clientId : undefined;
}

export interface AuditEntry {
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | undefined;
  readonly patientId?: string | undefined;
  readonly emergency?: boolean | undefined;
  /** A reason the actor gave (an emergency, an amendment): never clinical content. */
  readonly reason?: string | undefined;
}

/**
 * Who touched whose chart, for one request. Reads are collected (one event per entity per
 * request) and written in a single insert when the request ends; changes are written by the
 * service inside its own transaction with {@link AuditTrail.record}.
 */
export class AuditTrail {
  /** Made at the first read: most contexts (a live event's execution per subscriber) read no chart. */
  private reads: Map<string, AuditEntry> | undefined;

  constructor(
    private readonly actorOf: () => Actor,
    private readonly origin: { readonly requestId: string; readonly clientAddress: string | undefined },
  ) {}

  /** Notes a read of a chart entity; repeated reads of the same entity in one request count once. */
  read(entry: Omit<AuditEntry, 'action'>): void {
    const key = `${entry.entityType}:${entry.entityId ?? ''}`;
    const reads = (this.reads ??= new Map<string, AuditEntry>());
    const known = reads.get(key);
    if (!known || (entry.emergency && !known.emergency)) {
      reads.set(key, { ...entry, action: 'READ' });
    }
  }

  /** Whether any read waits to be written. */
  get hasReads(): boolean {
    return this.reads !== undefined && this.reads.size > 0;
  }

  /**
   * Notes this trail's reads in `other` too (a shared execution's reads are each subscriber's own
   * reads, written under their own request).
   */
  copyReadsTo(other: AuditTrail): void {
    for (const entry of this.reads?.values() ?? []) {
      other.read(entry);
    }
  }

  /** Adds a change's event to the caller's transaction: it commits or rolls back with the change. */
  record(tx: EntityManager, entry: AuditEntry): AuditEvent {
    return tx.create(AuditEvent, this.toRow(entry));
  }

  /**
   * Writes the collected reads, resolved once they are committed (the response leaves after).
   * A read the same person already had logged for the same entity within the last
   * {@link READ_REPEAT_MINUTES} minutes is the same opening of the chart (a refresh, a live update,
   * the next page): left out. This process remembers the reads it wrote (once their insert
   * committed), so a repeat of one of them sends nothing at all. A process does not know another
   * process's reads: behind a round-robin gateway each process logs a chart's opening once per
   * window (see {@link insertReads}). Emergency reads are always logged.
   *
   * Outside a transaction the reads join the process's group write ({@link ReadWriter}): the reads
   * of requests that finish while an insert is under way leave together in the next one — one
   * statement for many requests under load, none added for a lone request.
   */
  async flush(em: EntityManager): Promise<number> {
    const { memory, writer } = processReadsOf(em);
    const since = Date.now() - READ_REPEAT_MINUTES * 60_000;
    // Repeats are left out before their rows are made (a doctor's refreshed week: 100 reads, all repeats).
    const actorId = actorIdOf(this.actorOf());
    const rows: ReadRow[] = [];
    for (const entry of this.reads?.values() ?? []) {
      const at =
        actorId === undefined || entry.entityId === undefined || entry.emergency
          ? undefined // always logged
          : memory.loggedAt(actorId, entry.entityType, entry.entityId);
      if (!(at !== undefined && at > since)) {
        rows.push(this.toRow(entry));
      }
    }
    this.reads?.clear();
    if (rows.length === 0) {
      return 0;
    }
    if (em.getTransactionContext()) {
      // Inside a transaction the rows may still roll back: written on its connection, not remembered.
      await insertReads(em, rows);
      return rows.length;
    }
    return writer.write(em, rows);
  }

  private toRow(entry: AuditEntry): Partial<AuditEvent> & Pick<AuditEvent, 'action' | 'entityType' | 'at'> {
    const actor = this.actorOf();
    return {
      at: new Date(),
      // A partner is audited as itself: its API client's id, role PARTNER.
      actorId: actorIdOf(actor),
      actorRole: actor.kind === 'anonymous' ? undefined : actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      patientId: entry.patientId,
      emergency: entry.emergency ?? false,
      reason: entry.reason,
      clientAddress: this.origin.clientAddress,
      requestId: this.origin.requestId,
    };
  }
}

type ReadRow = ReturnType<AuditTrail['toRow']>;

/**
 * The key of one request's reads of one entity type that share one row (a group read): the same
 * request, person, origin, emergency and reason. A read of no entity in particular is a row of its own.
 */
function groupKey(row: ReadRow, index: number): string {
  return row.entityId === undefined
    ? `#${index}`
    : `${row.requestId ?? ''}|${row.actorId ?? ''}|${row.actorRole ?? ''}|${row.clientAddress ?? ''}|${row.entityType}|${row.emergency}|${row.reason ?? ''}`;
}

/**
 * A PostgreSQL array literal of ids, `NULL` for a missing one. Each element is quoted (and any quote
 * or backslash in it escaped), so whatever an id holds it stays one element, which the `uuid[]`
 * cast then accepts or refuses.
 */
function idArray(ids: readonly (string | null)[]): string {
  return `{${ids.map((id) => (id === null ? 'NULL' : `"${id.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/**
 * The insert of reads: one row per group, its columns as arrays (`unnest`), so any number of
 * groups is one prepared statement with one plan. A group's ids arrive as array literals (text),
 * since PostgreSQL's arrays cannot hold arrays of different lengths.
 */
const INSERT_READS = `insert into audit_event (at, actor_id, actor_role, action, client_address, request_id, entity_type,
    entity_id, patient_id, entity_ids, patient_ids, emergency, reason)
  select r.at, r.actor_id, r.actor_role, 'READ', r.client_address, r.request_id, r.entity_type,
    r.entity_id, r.patient_id, r.entity_ids::uuid[], r.patient_ids::uuid[], r.emergency, r.reason
  from unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[],
    $9::text[], $10::text[], $11::boolean[], $12::text[])
    as r(at, actor_id, actor_role, client_address, request_id, entity_type, entity_id, patient_id,
      entity_ids, patient_ids, emergency, reason)`;

/** One group of reads ({@link groupKey}): its first read's columns, its entities and their patients, in order. */
interface GroupRow {
  readonly read: ReadRow;
  readonly entityIds: (string | null)[];
  readonly patientIds: (string | null)[];
}

/**
 * Inserts reads (of one request or of many) in one prepared statement with array parameters:
 * each request's reads of one entity type are one row ({@link groupKey}). Returns the groups
 * written, for the process to remember.
 *
 * No look-up of earlier reads: a repeat this process logged is left out before (its memory,
 * {@link AuditTrail.flush}); a repeat of a read another process logged is logged again, once
 * per process and window — more rows, never fewer. The insert that also looked for other
 * processes' reads (a materialized look-up by person and chart, the groups aggregated in SQL)
 * cost PostgreSQL three times this plain insert: 0.24–0.26 ms against 0.08–0.09 ms of backend
 * CPU for a chart's first reads (one client, 2,000 executions each).
 */
async function insertReads(em: EntityManager, rows: readonly ReadRow[]): Promise<GroupRow[]> {
  const groups: GroupRow[] = [];
  const groupOf = new Map<string, GroupRow>();
  rows.forEach((read, index) => {
    const key = groupKey(read, index);
    let group = groupOf.get(key);
    if (group === undefined) {
      group = { read, entityIds: [], patientIds: [] };
      groups.push(group);
      groupOf.set(key, group);
    }
    group.entityIds.push(read.entityId ?? null);
    group.patientIds.push(read.patientId ?? null);
  });
  // As its row stores a group (see AuditEvent): the entity's id alone when it read one, the ids as
  // an array otherwise; the patient alone when all its entities are of one chart (or none names a
  // patient), the patients as an array otherwise.
  const columns = groups.map(({ read, entityIds, patientIds }) => {
    const named = patientIds.filter((id) => id !== null);
    const oneChart = named.length === 0 || (named.length === patientIds.length && named.every((id) => id === named[0]));
    const many = entityIds.length > 1;
    return {
      entityId: many ? null : entityIds[0],
      patientId: oneChart ? patientIds[0] : null,
      entityIds: many ? idArray(entityIds) : null,
      patientIds: many && !oneChart ? idArray(patientIds) : null,
      read,
    };
  });
  await preparedQuery(em, 'audit-insert-reads', INSERT_READS, [
    columns.map(({ read }) => read.at),
    columns.map(({ read }) => read.actorId ?? null),
    columns.map(({ read }) => read.actorRole ?? null),
    columns.map(({ read }) => read.clientAddress ?? null),
    columns.map(({ read }) => read.requestId ?? null),
    columns.map(({ read }) => read.entityType),
    columns.map(({ entityId }) => entityId),
    columns.map(({ patientId }) => patientId),
    columns.map(({ entityIds }) => entityIds),
    columns.map(({ patientIds }) => patientIds),
    columns.map(({ read }) => read.emergency ?? false),
    columns.map(({ read }) => read.reason ?? null),
  ]);
  return groups;
}

interface Waiting {
  readonly em: EntityManager;
  readonly rows: readonly ReadRow[];
  readonly done: (written: number) => void;
  readonly failed: (error: unknown) => void;
}

/** Inserts of reads a process runs at once; the requests that flush while all are busy wait and go together. */
export const READ_WRITES_AT_ONCE = 2;

/**
 * The process's group write of reads (group commit): at most {@link READ_WRITES_AT_ONCE} inserts of
 * reads are under way; the requests that flush meanwhile wait and leave together in the next
 * insert, each resolved with its own rows' count once that insert committed (an autocommit
 * statement) — or failed with it. A flush finding a writer free starts its insert at once, so a
 * lone request waits for nobody and two at once are not serialised behind each other.
 */
class ReadWriter {
  private waiting: Waiting[] = [];
  private writing = 0;

  constructor(private readonly memory: ReadMemory) {}

  write(em: EntityManager, rows: readonly ReadRow[]): Promise<number> {
    return new Promise<number>((done, failed) => {
      this.waiting.push({ em, rows, done, failed });
      if (this.writing < READ_WRITES_AT_ONCE) {
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    this.writing += 1;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        // The batch's requests' rows; a read of the same entity by the same person (two of their
        // requests at once) once.
        const rows: ReadRow[] = [];
        const seen = new Set<string>();
        for (const { rows: own } of batch) {
          for (const row of own) {
            const key = repeatKey(row);
            if (key === undefined || !seen.has(key)) {
              if (key !== undefined) {
                seen.add(key);
              }
              rows.push(row);
            }
          }
        }
        try {
          this.remember(await insertReads(batch[0]!.em, rows));
          for (const waiting of batch) {
            waiting.done(waiting.rows.length);
          }
        } catch (error) {
          for (const waiting of batch) {
            waiting.failed(error);
          }
        }
      }
    } finally {
      this.writing -= 1;
    }
  }

  /** Remembers committed reads (the oldest let go beyond {@link REMEMBERED_READS}). */
  private remember(written: readonly GroupRow[]): void {
    for (const { read, entityIds } of written) {
      if (read.actorId === undefined || read.emergency) {
        continue;
      }
      const at = read.at.getTime();
      for (const entityId of entityIds) {
        if (entityId !== null) {
          this.memory.note(read.actorId, read.entityType, entityId, at);
        }
      }
    }
    this.memory.trim(REMEMBERED_READS);
  }
}

/**
 * The reads a process logged, for {@link AuditTrail.flush} to leave out
 * their repeats: by person and entity type, then by entity, when each was logged (epoch ms). A
 * flush looks up each of its reads, all usually of one person and type, so each is one look-up
 * by the entity's id in that person's and type's map, not a key of the three made and hashed per
 * read (a doctor's refreshed week: 100 of them). What is let go first: the person's and type's
 * reads remembered longest ago (the group last noted longest ago), oldest first.
 */
export class ReadMemory {
  private readonly groups = new Map<string, Map<string, number>>();
  private size = 0;
  private last: { actorId: string; entityType: string; group: Map<string, number> | undefined } | undefined;

  private group(actorId: string, entityType: string): Map<string, number> | undefined {
    if (this.last?.actorId !== actorId || this.last.entityType !== entityType) {
      this.last = { actorId, entityType, group: this.groups.get(`${actorId}|${entityType}`) };
    }
    return this.last.group;
  }

  /** When this person's read of the entity was logged, if remembered. */
  loggedAt(actorId: string, entityType: string, entityId: string): number | undefined {
    return this.group(actorId, entityType)?.get(entityId);
  }

  note(actorId: string, entityType: string, entityId: string, at: number): void {
    const key = `${actorId}|${entityType}`;
    let group = this.groups.get(key);
    if (group) {
      this.groups.delete(key); // noted last: let go last
    } else {
      group = new Map();
    }
    this.groups.set(key, group);
    this.last = undefined;
    const known = group.get(entityId);
    if (known === undefined) {
      this.size += 1;
    } else {
      group.delete(entityId);
    }
    group.set(entityId, Math.max(at, known ?? -Infinity));
  }

  /** Lets the oldest go until at most `max` are remembered. */
  trim(max: number): void {
    for (const [key, group] of this.groups) {
      if (this.size <= max) {
        return;
      }
      for (const entityId of group.keys()) {
        if (this.size <= max) {
          break;
        }
        group.delete(entityId);
        this.size -= 1;
      }
      if (group.size === 0) {
        this.groups.delete(key);
        this.last = undefined;
      }
    }
  }
}

/**
 * What one API process keeps about reads (one per ORM, so per process): the reads it logged and
 * its group write of reads.
 */
class ProcessReads {
  readonly memory = new ReadMemory();
  readonly writer = new ReadWriter(this.memory);
}

const processReads = new WeakMap<object, ProcessReads>();

function processReadsOf(em: EntityManager): ProcessReads {
  let reads = processReads.get(em.config);
  if (!reads) {
    reads = new ProcessReads();
    processReads.set(em.config, reads);
  }
  return reads;
}
