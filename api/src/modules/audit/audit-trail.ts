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
   * committed), so a repeat of one of them sends nothing at all; the statement itself leaves out
   * the repeats of reads other processes logged, and names them, so this process remembers those
   * too (when they were logged) and sends nothing for them again either: behind a round-robin
   * gateway, a doctor's week refreshed on the other process costs one insert, not one per refresh.
   * Emergency reads are always logged.
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
      return (await insertReads(em, rows))
        .filter((row) => !row.repeat)
        .reduce((sum, row) => sum + row.entity_ids.length, 0);
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
 * The monthly partition of `audit_event` that holds the rows stamped at `time` (named as the
 * migration's `audit_event_ensure_partitions` names them: by UTC month).
 */
export function auditPartitionOf(time: number): string {
  const date = new Date(time);
  return `audit_event_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The earlier reads in one partition that a read of {@link insertReads} may repeat: the ones of
 * each (person, patient) pair of the insert, found from the patient's reads by the
 * `(patient_id, at)` index, and each person's reads of several patients or none, by the partial
 * `(actor_id, at) where patient_id is null` index. The window is written as row comparisons on
 * exactly those indexes' columns, and each look-up is a lateral subquery PostgreSQL cannot flatten
 * (`offset 0`), so no other index serves it: with a plain `at` range, the `(at, id)` index — every
 * read of the window, by anyone — looked as cheap as these while a month's partition was young or
 * not yet analyzed, and a connection kept that plan as the partition grew.
 */
function lookup(partition: string): string {
  return `
         select k.actor_id, s.action, s.entity_type, s.entity_id, s.entity_ids, s.at
         from keys k cross join lateral (
           select s.* from ${partition} s
           where s.patient_id = k.patient_id
             and (s.patient_id, s.at) > (k.patient_id, now() - make_interval(mins => $12))
             and (s.patient_id, s.at) < (k.patient_id, now() + make_interval(mins => $12))
           offset 0) s
         where s.actor_id = k.actor_id
         union all
         select s.actor_id, s.action, s.entity_type, s.entity_id, s.entity_ids, s.at
         from actors k cross join lateral (
           select s.* from ${partition} s
           where s.patient_id is null and s.actor_id = k.actor_id
             and (s.actor_id, s.at) > (k.actor_id, now() - make_interval(mins => $12))
             and (s.actor_id, s.at) < (k.actor_id, now() + make_interval(mins => $12))
           offset 0) s`;
}

/**
 * The statement of {@link insertReads} at `time`: its repeat check reads the partitions the window
 * can fall in (the month of `time`, and the next or previous one within the window and a minute of
 * clocks' skew of its turn); a row stamped elsewhere is at worst not found, and its read logged again.
 */
export function insertReadsStatement(time: number): { name: string; text: string } {
  const margin = (READ_REPEAT_MINUTES + 1) * 60_000;
  const partitions = [...new Set([auditPartitionOf(time - margin), auditPartitionOf(time + margin)])];
  const name = `audit-insert-reads-${partitions.join('-')}`;
  let text = statements.get(name);
  if (text === undefined) {
    text = `with g as (
       select * from unnest((select $1::timestamptz[]), (select $2::uuid[]), (select $3::text[]), (select $4::text[]), (select $5::text[]), (select $6::text[]), (select $7::boolean[]), (select $8::text[]))
         with ordinality as g(at, actor_id, actor_role, client_address, request_id, entity_type, emergency, reason, g)
     ), keys as (
       select distinct g.actor_id, r.patient_id
       from unnest((select $9::int[]), (select $11::uuid[])) as r(g, patient_id) join g on g.g = r.g
       where g.actor_id is not null and r.patient_id is not null
     ), actors as (
       select distinct g.actor_id from g where g.actor_id is not null
     ), seen as materialized (
       select s.actor_id, s.entity_type, u.entity_id, s.at
       from (${partitions.map(lookup).join(`
         union all`)}
       ) s cross join lateral unnest(coalesce(s.entity_ids, array[s.entity_id])) as u(entity_id)
       where s.action = 'READ' and s.entity_type = any($6::text[]) and coalesce(s.entity_ids, array[s.entity_id]) && $10::uuid[]
     ), fresh as (
       select r.g, r.entity_id, r.patient_id, r.n
       from unnest((select $9::int[]), (select $10::uuid[]), (select $11::uuid[])) with ordinality as r(g, entity_id, patient_id, n)
       join g on g.g = r.g
       where g.emergency or r.entity_id is null or g.actor_id is null or not exists (
         select 1 from seen
         where seen.actor_id = g.actor_id and seen.entity_type = g.entity_type and seen.entity_id = r.entity_id)
     ), grouped as (
       select f.g, array_agg(f.entity_id order by f.n) as entity_ids, array_agg(f.patient_id order by f.n) as patient_ids,
         count(distinct f.patient_id) <= 1 and count(f.patient_id) in (0, count(*)) as one_chart
       from fresh f group by f.g
     ), written as (
       insert into audit_event (at, actor_id, actor_role, action, client_address, request_id, entity_type, entity_id, patient_id, entity_ids, patient_ids, emergency, reason)
       select g.at, g.actor_id, g.actor_role, 'READ', g.client_address, g.request_id, g.entity_type,
         case when cardinality(x.entity_ids) = 1 then x.entity_ids[1] end,
         case when x.one_chart then x.patient_ids[1] end,
         case when cardinality(x.entity_ids) > 1 then x.entity_ids end,
         case when cardinality(x.entity_ids) > 1 and not x.one_chart then x.patient_ids end,
         g.emergency, g.reason
       from grouped x join g on g.g = x.g
       returning actor_id, entity_type, coalesce(entity_ids, array[entity_id]) as entity_ids, emergency, at
     )
     select w.*, false as repeat from written w
     union all
     select seen.actor_id, seen.entity_type, array[seen.entity_id], false, max(seen.at), true
     from seen where seen.entity_id = any($10::uuid[])
     group by seen.actor_id, seen.entity_type, seen.entity_id`;
    statements.set(name, text);
  }
  return { name, text };
}

const statements = new Map<string, string>();

/**
 * Inserts reads (of one request or of many) in one prepared statement with array parameters,
 * leaving out each repeat of a read its person had logged within {@link READ_REPEAT_MINUTES}
 * minutes; returns the rows written.
 *
 * Each request's reads of one entity type are one row (see {@link AuditEvent}): PostgreSQL gets the
 * groups' columns as arrays ($1–$8) and the entities as three arrays (group, entity, patient) and
 * aggregates what remains of each group after the repeats into its row — the entity's id alone
 * when one remains, the ids as an array otherwise; the patient alone when all are of one chart.
 * The repeats are found from the window's reads of each (person, patient) pair of this insert,
 * through the `(patient_id, at)` index (a chart's earlier reads, by anyone, are few), and the
 * persons' own reads of several patients or none, through the partial `(actor_id, at) where
 * patient_id is null` index — not from all of the persons' reads of the window, which under load
 * are hundreds per doctor. A row naming one patient holds only that patient's entities, so an
 * earlier read of one of this insert's entities is in one of the two (an entity read once with its
 * patient and once without is at worst logged again, never left out). Of those rows only the ones
 * sharing an entity with this insert are expanded and hashed — not by probing the GIN index per
 * entity: a GIN scan reads the index's whole pending list of recent inserts each time. The
 * look-ups read the month's partition by name ({@link insertReadsStatement}) and are written so
 * that only those two indexes serve them ({@link lookup}): the earlier form, one select over the
 * partitioned table with an `at` range, was planned on the `(at, id)` or `(actor_id, at)` index
 * (every read of the window, or all of the person's) whenever a connection made its generic plan
 * while the month's partition was young or not yet analyzed — and kept it as the partition grew
 * (83–389 buffers per first read in the bench, 3,969 for a doctor with 4,000 reads in the window
 * in `read-insert-plan.int.test.ts`, against under 20 now). The arrays reach `unnest` through
 * `(select $n)`, so that PostgreSQL estimates the same rows for them with or without their values
 * and keeps the generic plan (with the values seen, it planned the statement afresh on every
 * insert, at 1.6–3.5 ms each).
 * The logged reads of the insert's entities so found come back too (`repeat`, each person's and
 * entity type's, at the latest time each was logged), for the process to remember.
 */
async function insertReads(em: EntityManager, rows: readonly ReadRow[]): Promise<WrittenRead[]> {
  const groups: ReadRow[] = [];
  const groupOf = new Map<string, number>();
  const members: number[] = [];
  rows.forEach((row, index) => {
    const key = groupKey(row, index);
    let group = groupOf.get(key);
    if (group === undefined) {
      group = groups.push(row);
      groupOf.set(key, group);
    }
    members.push(group);
  });
  const statement = insertReadsStatement(Date.now());
  return preparedQuery<WrittenRead>(em, statement.name, statement.text, [
    groups.map((row) => row.at),
    groups.map((row) => row.actorId ?? null),
    groups.map((row) => row.actorRole ?? null),
    groups.map((row) => row.clientAddress ?? null),
    groups.map((row) => row.requestId ?? null),
    groups.map((row) => row.entityType),
    groups.map((row) => row.emergency),
    groups.map((row) => row.reason ?? null),
    members,
    rows.map((row) => row.entityId ?? null),
    rows.map((row) => row.patientId ?? null),
    READ_REPEAT_MINUTES,
  ]);
}

/**
 * A row the insert wrote: a group read's entities (`[null]` for a read of no entity in
 * particular); or (`repeat`) a read of one of its entities the person had logged before, when.
 */
interface WrittenRead {
  actor_id: string | null;
  entity_type: string;
  entity_ids: (string | null)[];
  emergency: boolean;
  at: Date;
  repeat: boolean;
}

/** The keys of the entities' reads `written` wrote, as {@link readKey} makes them. */
function writtenKeys(written: readonly WrittenRead[]): Set<string> {
  const keys = new Set<string>();
  for (const row of written.filter((read) => !read.repeat)) {
    for (const entityId of row.entity_ids) {
      keys.add(`${row.actor_id ?? ''}|${row.entity_type}|${entityId ?? ''}|${row.emergency}`);
    }
  }
  return keys;
}

function readKey(row: ReadRow): string {
  return `${row.actorId ?? ''}|${row.entityType}|${row.entityId ?? ''}|${row.emergency}`;
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
          const written = await insertReads(batch[0]!.em, rows);
          this.remember(written);
          const keys = writtenKeys(written);
          for (const waiting of batch) {
            waiting.done(waiting.rows.filter((row) => keys.has(readKey(row))).length);
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

  /** Remembers committed reads, and the earlier ones found (the oldest let go beyond {@link REMEMBERED_READS}). */
  private remember(written: readonly WrittenRead[]): void {
    for (const row of written) {
      const at = new Date(row.at).getTime();
      if (row.actor_id === null || row.emergency) {
        continue;
      }
      for (const entityId of row.entity_ids) {
        if (entityId !== null) {
          this.memory.note(row.actor_id, row.entity_type, entityId, at);
        }
      }
    }
    this.memory.trim(REMEMBERED_READS);
  }
}

/**
 * The reads a process logged (or learned were logged), for {@link AuditTrail.flush} to leave out
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
