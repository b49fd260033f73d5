import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors.js';
import { AppointmentEventRecord } from './appointment-event.entity.js';
import { Appointment } from './appointment.entity.js';
import { AppointmentEvent, type AppointmentEventKind } from './appointment-event.type.js';

const CURSOR_PREFIX = 'ae1:';
/** Positions are PostgreSQL bigints: at most 19 digits, never 0. */
const POSITION = /^[1-9][0-9]{0,18}$/;
const MAX_POSITION = 9223372036854775807n;

/** The opaque cursor of the event at position `seq`. */
export function encodeEventCursor(seq: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');
}

/** The position in an event cursor, or BAD_USER_INPUT naming `field` (nothing else reaches SQL). */
export function decodeEventCursor(cursor: string, field: string): string {
  if (cursor.length <= 40) {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const seq = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
    if (POSITION.test(seq) && BigInt(seq) <= MAX_POSITION && encodeEventCursor(seq) === cursor) {
      return seq;
    }
  }
  throw badInput([{ field, message: 'is not an event cursor' }]);
}

/**
 * The position to continue after, from a client's cursor: well formed, and of an event still
 * kept (younger than the retention), else BAD_USER_INPUT naming `field`.
 */
export async function retainedCursorPosition(
  em: EntityManager,
  cursor: string,
  field: string,
  retentionDays: number,
): Promise<string> {
  const seq = decodeEventCursor(cursor, field);
  const [row] = await em.execute<{ kept: boolean }[]>(
    `select at > now() - make_interval(days => ?) as kept from appointment_event where seq = ?`,
    [retentionDays, seq],
  );
  if (!row?.kept) {
    throw badInput([
      {
        field,
        message: `is older than the ${retentionDays} days events are kept (or unknown): start again without it`,
      },
    ]);
  }
  return seq;
}

/** The newest position in the stream ('0' when it is empty). */
export async function latestEventPosition(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ seq: string }[]>(`select coalesce(max(seq), 0)::text as seq from appointment_event`);
  return row?.seq ?? '0';
}

/** Appointments already read, by id, kept across the pages of one replay. */
export type AppointmentCache = Map<string, Appointment>;

/** A replay keeps at most this many appointments between its pages. */
const MAX_CACHED_APPOINTMENTS = 5_000;

interface EventRow {
  seq: string;
  change_id: string;
  appointment_id: string;
  kind: string;
  at: Date;
}

/**
 * Up to `limit` events after position `after`, in stream order, whose appointment matches every
 * condition of `where` (the narrowing of `appointments`): one statement for the events (plain
 * rows, no entities), one for the appointments not yet in `cache` (each loaded once however many
 * events it has).
 */
export async function readAppointmentEvents(
  em: EntityManager,
  after: string,
  where: readonly object[],
  limit: number,
  cache: AppointmentCache = new Map(),
): Promise<AppointmentEvent[]> {
  const rows = await em
    .createQueryBuilder(AppointmentEventRecord, 'e')
    .select(['e.seq', raw('e.change_id'), raw('e.appointment_id'), 'e.kind', 'e.at'])
    .where({ seq: { $gt: after }, ...(where.length > 0 ? { appointment: { $and: [...where] } } : {}) })
    .orderBy({ seq: 'asc' })
    .limit(limit)
    .execute<EventRow[]>('all', false);
  if (rows.length === 0) {
    return [];
  }
  const missing = [...new Set(rows.map((row) => row.appointment_id))].filter((id) => !cache.has(id));
  if (missing.length > 0) {
    if (cache.size + missing.length > MAX_CACHED_APPOINTMENTS) {
      cache.clear();
    }
    for (const appointment of await em.find(Appointment, { id: { $in: missing } })) {
      cache.set(appointment.id, appointment);
    }
  }
  return rows.flatMap((row) => {
    const appointment = cache.get(row.appointment_id);
    return appointment
      ? [
          Object.assign(new AppointmentEvent(), {
            id: row.change_id,
            seq: String(row.seq),
            cursor: encodeEventCursor(String(row.seq)),
            kind: row.kind as AppointmentEventKind,
            appointment,
            at: row.at instanceof Date ? row.at : new Date(row.at),
          }),
        ]
      : [];
  });
}
