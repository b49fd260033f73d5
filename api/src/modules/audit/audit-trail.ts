import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import { preparedQuery } from '../../shared/prepared.js';
import { AuditEvent } from './audit-event.entity.js';

/** Reads of one entity by one person within this many minutes are one opening of the chart. */
export const READ_REPEAT_MINUTES = 10;
/** Reads this process remembers having logged (see {@link AuditTrail.flush}), at most. */
export const REMEMBERED_READS = 20_000;

/** Per ORM (so per API process): `actor|type|id` → when its logged READ happened (epoch ms), oldest first. */
const loggedReads = new WeakMap<object, Map<string, number>>();

function loggedReadsOf(em: EntityManager): Map<string, number> {
  let logged = loggedReads.get(em.config);
  if (!logged) {
    logged = new Map();
    loggedReads.set(em.config, logged);
  }
  return logged;
}

/** The memory key of a read that a repeat may be folded into; undefined for reads always logged. */
function repeatKey(row: {
  actorId?: string | undefined;
  entityType: string;
  entityId?: string | undefined;
  emergency?: boolean;
}): string | undefined {
  return row.actorId && row.entityId && !row.emergency ? `${row.actorId}|${row.entityType}|${row.entityId}` : undefined;
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
  private readonly reads = new Map<string, AuditEntry>();

  constructor(
    private readonly actorOf: () => Actor,
    private readonly origin: { readonly requestId: string; readonly clientAddress: string | undefined },
  ) {}

  /** Notes a read of a chart entity; repeated reads of the same entity in one request count once. */
  read(entry: Omit<AuditEntry, 'action'>): void {
    const key = `${entry.entityType}:${entry.entityId ?? ''}`;
    const known = this.reads.get(key);
    if (!known || (entry.emergency && !known.emergency)) {
      this.reads.set(key, { ...entry, action: 'READ' });
    }
  }

  /** Whether any read waits to be written. */
  get hasReads(): boolean {
    return this.reads.size > 0;
  }

  /**
   * Notes this trail's reads in `other` too (a shared execution's reads are each subscriber's own
   * reads, written under their own request).
   */
  copyReadsTo(other: AuditTrail): void {
    for (const entry of this.reads.values()) {
      other.read(entry);
    }
  }

  /** Adds a change's event to the caller's transaction: it commits or rolls back with the change. */
  record(tx: EntityManager, entry: AuditEntry): AuditEvent {
    return tx.create(AuditEvent, this.toRow(entry));
  }

  /**
   * Writes the collected reads in one prepared statement with array parameters (the reads as
   * parallel arrays, unnested into rows by PostgreSQL). A read the same person already had logged
   * for the same entity within the last {@link READ_REPEAT_MINUTES} minutes is the same opening of
   * the chart (a refresh, a live update, the next page): left out. This process remembers the reads
   * it wrote (once their insert committed), so a repeat of one of them sends nothing at all; the
   * statement itself leaves out the repeats of reads other processes logged. Emergency reads are
   * always logged.
   */
  async flush(em: EntityManager): Promise<number> {
    const logged = loggedReadsOf(em);
    const since = Date.now() - READ_REPEAT_MINUTES * 60_000;
    const rows = [...this.reads.values()]
      .map((entry) => this.toRow(entry))
      .filter((row) => {
        const key = repeatKey(row);
        return key === undefined || !((logged.get(key) ?? -Infinity) > since);
      });
    this.reads.clear();
    const first = rows[0];
    if (!first) {
      return 0;
    }
    // All of one request: one actor, address and time; the rest per read.
    const written = await preparedQuery<{ entity_type: string; entity_id: string | null; emergency: boolean }>(
      em,
      'audit-insert-reads',
      `insert into audit_event (at, actor_id, actor_role, action, client_address, request_id, entity_type, entity_id, patient_id, emergency, reason)
       select $1, $2, $3, 'READ', $4, $5, r.entity_type, r.entity_id, r.patient_id, r.emergency, r.reason
       from unnest($6::text[], $7::uuid[], $8::uuid[], $9::boolean[], $10::text[]) as r(entity_type, entity_id, patient_id, emergency, reason)
       where r.emergency or r.entity_id is null or $2::uuid is null or not exists (
         select 1 from audit_event seen
         where seen.actor_id = $2 and seen.action = 'READ' and seen.at > now() - make_interval(mins => $11)
           and seen.entity_id = r.entity_id and seen.entity_type = r.entity_type)
       returning entity_type, entity_id, emergency`,
      [
        first.at,
        first.actorId ?? null,
        first.actorRole ?? null,
        first.clientAddress ?? null,
        first.requestId ?? null,
        rows.map((row) => row.entityType),
        rows.map((row) => row.entityId ?? null),
        rows.map((row) => row.patientId ?? null),
        rows.map((row) => row.emergency),
        rows.map((row) => row.reason ?? null),
        READ_REPEAT_MINUTES,
      ],
    );
    // Remembered only once committed: inside a transaction the rows may still roll back.
    if (!em.getTransactionContext()) {
      const at = first.at.getTime();
      for (const row of written) {
        const key = repeatKey({
          actorId: first.actorId,
          entityType: row.entity_type,
          entityId: row.entity_id ?? undefined,
          emergency: row.emergency,
        });
        if (key !== undefined) {
          logged.delete(key);
          logged.set(key, at);
        }
      }
      for (const key of logged.keys()) {
        if (logged.size <= REMEMBERED_READS) {
          break;
        }
        logged.delete(key);
      }
    }
    return written.length;
  }

  private toRow(entry: AuditEntry): Partial<AuditEvent> & Pick<AuditEvent, 'action' | 'entityType' | 'at'> {
    const actor = this.actorOf();
    return {
      at: new Date(),
      // A partner is audited as itself: its API client's id, role PARTNER.
      actorId: actor.kind === 'user' ? actor.userId : actor.kind === 'partner' ? actor.clientId : undefined,
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
