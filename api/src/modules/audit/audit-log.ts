import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConnectionShape } from '../../shared/connection.js';
import { readTrip } from '../../shared/one-trip.js';
import {
  TIME_THEN_ID,
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  pageSize,
  totalFor,
  toConnection,
  type PageArgs,
} from '../../shared/pagination.js';
import type { Role } from '../identity/role.js';
import { AuditEvent } from './audit-event.entity.js';

/**
 * Which audit events a listing shows; every condition must hold. An event of a group read (one row
 * for a request's reads of many entities, see {@link AuditEvent}) is one event per entity here.
 */
export interface AuditFilter {
  /** Events about this patient's chart. */
  readonly patientId?: string | undefined;
  /** Events about this entity (a record, an appointment…). */
  readonly entityId?: string | undefined;
  /** What this user or API client did. */
  readonly actorId?: string | undefined;
  /** Events where one of these people acted or whose chart (of one of these patients) they concern. */
  readonly people?: { readonly userIds: readonly string[]; readonly patientIds: readonly string[] } | undefined;
  /** Leaves out this user's own reads and changes, keeping their downloads (a patient's own access log). */
  readonly notOwnBesidesDownloads?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

/** One event as the listing's SQL returns it (as JSON: its time as text, to the microsecond). */
interface EntryRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: Role | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  emergency: boolean;
  reason: string | null;
}

/**
 * The conditions of `filter` on the `audit_entry` view (every event one row per entity): on the
 * stored row's columns (`stored_*`, `actor_id`, `action`, `at`, which PostgreSQL applies to the
 * stored rows through their indexes and partitions — a group read's arrays by their GIN indexes),
 * then on the entity's own patient or id (keeping only the entities asked for).
 */
export function conditions(
  filter: AuditFilter,
  after: readonly string[] | undefined,
): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (filter.patientId !== undefined) {
    const p = param(filter.patientId);
    where.push(
      `(e.stored_patient_id = ${p}::uuid or e.stored_patient_ids @> array[${p}::uuid])`,
      `e.patient_id = ${p}::uuid`,
    );
  }
  if (filter.entityId !== undefined) {
    const y = param(filter.entityId);
    where.push(
      `(e.stored_entity_id = ${y}::uuid or e.stored_entity_ids @> array[${y}::uuid])`,
      `e.entity_id = ${y}::uuid`,
    );
  }
  if (filter.actorId !== undefined) {
    where.push(`e.actor_id = ${param(filter.actorId)}::uuid`);
  }
  if (filter.people !== undefined) {
    const users = param(filter.people.userIds);
    const patients = param(filter.people.patientIds);
    where.push(
      `(e.actor_id = any(${users}::uuid[]) or e.stored_patient_id = any(${patients}::uuid[]) or e.stored_patient_ids && ${patients}::uuid[])`,
      `(e.actor_id = any(${users}::uuid[]) or e.patient_id = any(${patients}::uuid[]))`,
    );
  }
  if (filter.notOwnBesidesDownloads !== undefined) {
    where.push(
      `(e.actor_id is null or e.actor_id <> ${param(filter.notOwnBesidesDownloads)}::uuid or e.action = 'DOWNLOAD')`,
    );
  }
  if (filter.from !== undefined) {
    where.push(`e.at >= ${param(filter.from)}::timestamptz`);
  }
  if (filter.to !== undefined) {
    where.push(`e.at < ${param(filter.to)}::timestamptz`);
  }
  if (after) {
    const at = param(after[0]!); // the cursor's text: it may hold microseconds
    where.push(`e.at <= ${at}::timestamptz`, `(e.at, e.id) < (${at}::timestamptz, ${param(after[1])}::uuid)`);
  }
  return { where: where.length > 0 ? `where ${where.join(' and ')}` : '', values };
}

const COLUMNS =
  'e.id, e.at, e.actor_id, e.actor_role, e.action, e.entity_type, e.entity_id, e.patient_id, e.emergency, e.reason';

function toEvent(row: EntryRow): AuditEvent {
  const event = Object.create(AuditEvent.prototype) as AuditEvent;
  return Object.assign(event, {
    id: row.id,
    at: keepMicroseconds(new Date(row.at), row.at),
    actorId: row.actor_id ?? undefined,
    actorRole: row.actor_role ?? undefined,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id ?? undefined,
    patientId: row.patient_id ?? undefined,
    emergency: row.emergency,
    reason: row.reason ?? undefined,
  });
}

/**
 * A page of audit events matching `filter`, newest first (then by id), one event per entity of a
 * group read; with `count` (a client asked for the total) its total too, in the same round trip.
 */
export async function auditPage(
  em: EntityManager,
  filter: AuditFilter,
  args: PageArgs,
  { count }: { readonly count: boolean },
): Promise<ConnectionShape<AuditEvent>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, TIME_THEN_ID);
  const total = totalFor(count, () => countOf(em, filter));
  const page = conditions(filter, after);
  const rows = (await readTrip(em).load({
    sql: `select ${COLUMNS} from audit_entry e ${page.where} order by e.at desc, e.id desc limit ${limit + 1}`,
    params: page.values,
    order: 'p.at desc, p.id desc',
  })) as unknown as EntryRow[];
  return toConnection(rows.map(toEvent), limit, (event) => [cursorTime(event.at), event.id], total);
}

/** How many events match `filter`: one part of the request's round trip. */
async function countOf(em: EntityManager, filter: AuditFilter): Promise<number> {
  const all = conditions(filter, undefined);
  const [row] = await readTrip(em).load({
    sql: `select count(*)::int as n from audit_entry e ${all.where}`,
    params: all.values,
  });
  return (row?.['n'] as number | undefined) ?? 0;
}
