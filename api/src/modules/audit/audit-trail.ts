import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import { preparedQuery } from '../../shared/prepared.js';
import { AuditEvent } from './audit-event.entity.js';

/** Reads of one entity by one person within this many minutes are one opening of the chart. */
export const READ_REPEAT_MINUTES = 10;

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
   * the chart (a refresh, a live update, the next page): the same statement leaves it out.
   * Emergency reads are always logged.
   */
  async flush(em: EntityManager): Promise<number> {
    const rows = [...this.reads.values()].map((entry) => this.toRow(entry));
    this.reads.clear();
    const first = rows[0];
    if (!first) {
      return 0;
    }
    // All of one request: one actor, address and time; the rest per read.
    const written = await preparedQuery(
      em,
      'audit-insert-reads',
      `insert into audit_event (at, actor_id, actor_role, action, client_address, request_id, entity_type, entity_id, patient_id, emergency, reason)
       select $1, $2, $3, 'READ', $4, $5, r.entity_type, r.entity_id, r.patient_id, r.emergency, r.reason
       from unnest($6::text[], $7::uuid[], $8::uuid[], $9::boolean[], $10::text[]) as r(entity_type, entity_id, patient_id, emergency, reason)
       where r.emergency or r.entity_id is null or $2::uuid is null or not exists (
         select 1 from audit_event seen
         where seen.actor_id = $2 and seen.action = 'READ' and seen.at > now() - make_interval(mins => $11)
           and seen.entity_id = r.entity_id and seen.entity_type = r.entity_type)
       returning 1`,
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
    return written.length;
  }

  private toRow(entry: AuditEntry): Partial<AuditEvent> & Pick<AuditEvent, 'action' | 'entityType'> {
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
