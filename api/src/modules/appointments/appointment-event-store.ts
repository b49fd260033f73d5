import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors.js';
import { preparedQuery } from '../../shared/prepared.js';
import { AppointmentEventRecord } from './appointment-event.entity.js';
import { Appointment } from './appointment.entity.js';
import { AppointmentEvent, type AppointmentEventKind } from './appointment-event.type.js';

/**
 * A place in the event stream: after the events of every older transaction (`xid`), and within
 * its own transaction after those before `seq`. Both are canonical decimals (0 for `xid` is the
 * events stored before transactions numbered them, in their commit order).
 */
export interface EventPosition {
  readonly xid: string;
  readonly seq: string;
}

/** Before every event. */
export const STREAM_START: EventPosition = { xid: '0', seq: '0' };

const CURSOR_PREFIX = 'ae2:';
/** The cursors given out before events were numbered by transaction: `ae1:<seq>`. */
const OLD_CURSOR_PREFIX = 'ae1:';
/** Positions are PostgreSQL bigints: at most 19 digits, never 0. */
const SEQ = /^[1-9][0-9]{0,18}$/;
const MAX_SEQ = 9223372036854775807n;
/** Transaction ids are xid8: unsigned, at most 20 digits. */
const XID = /^(0|[1-9][0-9]{0,19})$/;
const MAX_XID = 18446744073709551615n;

/** Whether position `a` comes after `b` (canonical decimals: no BigInt per comparison). */
export function isAfter(a: EventPosition, b: EventPosition): boolean {
  return a.xid === b.xid ? decimalAfter(a.seq, b.seq) : decimalAfter(a.xid, b.xid);
}

function decimalAfter(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}

/** The opaque cursor of the event at `position`. */
export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${position.xid}:${position.seq}`).toString('base64url');
}

/** A checked cursor: a position, or (an `ae1:` cursor) the old `seq` of an event to look up. */
type DecodedCursor = { position: EventPosition } | { oldSeq: string };

function decodeCursor(cursor: string, field: string): DecodedCursor {
  if (cursor.length <= 64) {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    if (Buffer.from(text).toString('base64url') === cursor) {
      if (text.startsWith(CURSOR_PREFIX)) {
        const [xid = '', seq = '', ...rest] = text.slice(CURSOR_PREFIX.length).split(':');
        if (rest.length === 0 && XID.test(xid) && BigInt(xid) <= MAX_XID && SEQ.test(seq) && BigInt(seq) <= MAX_SEQ) {
          return { position: { xid, seq } };
        }
      } else if (text.startsWith(OLD_CURSOR_PREFIX)) {
        const seq = text.slice(OLD_CURSOR_PREFIX.length);
        if (SEQ.test(seq) && BigInt(seq) <= MAX_SEQ) {
          return { oldSeq: seq };
        }
      }
    }
  }
  throw badInput([{ field, message: 'is not an event cursor' }]);
}

/**
 * The position to continue after, from a client's cursor: well formed, and of an event still
 * kept (younger than the retention), else BAD_USER_INPUT naming `field`. A cursor given out before
 * events were numbered by transaction (`ae1:`) is still taken: its event's place is looked up.
 */
export async function retainedCursorPosition(
  em: EntityManager,
  cursor: string,
  field: string,
  retentionDays: number,
): Promise<EventPosition> {
  const decoded = decodeCursor(cursor, field);
  const [row] =
    'position' in decoded
      ? await em.execute<{ kept: boolean; xid: string; seq: string }[]>(
          `select at > now() - make_interval(days => ?) as kept, xid::text as xid, seq::text as seq
             from appointment_event where seq = ? and xid = ?::xid8`,
          [retentionDays, decoded.position.seq, decoded.position.xid],
        )
      : await em.execute<{ kept: boolean; xid: string; seq: string }[]>(
          `select at > now() - make_interval(days => ?) as kept, xid::text as xid, seq::text as seq
             from appointment_event where seq = ?`,
          [retentionDays, decoded.oldSeq],
        );
  if (!row?.kept) {
    throw badInput([
      {
        field,
        message: `is older than the ${retentionDays} days events are kept (or unknown): start again without it`,
      },
    ]);
  }
  return { xid: String(row.xid), seq: String(row.seq) };
}

/**
 * Only events of transactions that have ended when the statement's snapshot was taken: one still
 * running (older than xmin or not) may yet add events before any younger one, so nothing from its
 * id on is read until it has ended. The snapshot is the statement's own, as is the row's visibility.
 */
const SETTLED = 'e.xid < pg_snapshot_xmin(pg_current_snapshot())';

const LATEST_POSITION = `select e.xid::text as xid, e.seq::text as seq from appointment_event e where ${SETTLED}
  order by e.xid desc, e.seq desc limit 1`;

/**
 * The newest settled position in the stream ({@link STREAM_START} when there is none): a prepared
 * statement, since each process's hub asks after every notice it gets (planning it cost more than
 * running it). With `background`, left out of the query log (a hub's bookkeeping, at any moment:
 * not a request's).
 */
export async function latestEventPosition(em: EntityManager, background = false): Promise<EventPosition> {
  const [row] = await preparedQuery<{ xid: string; seq: string }>(
    em,
    'appointment-events-latest',
    LATEST_POSITION,
    [],
    {
      quiet: background,
    },
  );
  return row ? { xid: String(row.xid), seq: String(row.seq) } : STREAM_START;
}

/** Appointments already read, by id, kept across the pages of one replay. */
export type AppointmentCache = Map<string, Appointment>;

/** A replay keeps at most this many appointments between its pages. */
const MAX_CACHED_APPOINTMENTS = 5_000;

interface EventRow {
  xid: string;
  seq: string;
  change_id: string;
  appointment_id: string;
  kind: string;
  at: Date;
}

/**
 * Up to `limit` settled events after position `after`, in stream order, whose appointment matches every
 * condition of `where` (the narrowing of `appointments`): one statement for the events (plain
 * rows, no entities), one for the appointments not yet in `cache` (each loaded once however many
 * events it has).
 */
export async function readAppointmentEvents(
  em: EntityManager,
  after: EventPosition,
  where: readonly object[],
  limit: number,
  cache: AppointmentCache = new Map(),
): Promise<AppointmentEvent[]> {
  const rows = await em
    .createQueryBuilder(AppointmentEventRecord, 'e')
    .select([raw('e.xid::text as xid'), 'e.seq', raw('e.change_id'), raw('e.appointment_id'), 'e.kind', 'e.at'])
    .where(`(e.xid, e.seq) > (?::xid8, ?) and ${SETTLED}`, [after.xid, after.seq])
    .andWhere(where.length > 0 ? { appointment: { $and: [...where] } } : {})
    .orderBy({ xid: 'asc', seq: 'asc' })
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
    return appointment ? [eventOf(row, appointment)] : [];
  });
}

function eventOf(row: Omit<EventRow, 'appointment_id'>, appointment: Appointment): AppointmentEvent {
  const xid = String(row.xid);
  const seq = String(row.seq);
  return Object.assign(new AppointmentEvent(), {
    id: row.change_id,
    xid,
    seq,
    cursor: encodeEventCursor({ xid, seq }),
    kind: row.kind as AppointmentEventKind,
    appointment,
    at: row.at instanceof Date ? row.at : new Date(row.at),
  });
}

/**
 * Every settled event after `after` (up to `limit`), each with its appointment as it is now, in
 * one prepared statement: the live hub's read, on the path from a commit to every subscriber, where
 * {@link readAppointmentEvents} would take two round trips. The appointments are managed by `em`
 * as if found there (several events of one appointment share it).
 */
export async function readNewAppointmentEvents(
  em: EntityManager,
  after: EventPosition,
  limit: number,
): Promise<AppointmentEvent[]> {
  const rows = await preparedQuery<NewEventRow>(em, 'appointment_events_new', NEW_EVENTS, [
    after.xid,
    after.seq,
    limit,
  ]);
  return rows.map(({ __event_xid, __event_seq, __event_change_id, __event_kind, __event_at, ...appointment }) =>
    eventOf(
      { xid: __event_xid, seq: __event_seq, change_id: __event_change_id, kind: __event_kind, at: __event_at },
      em.map(Appointment, appointment),
    ),
  );
}

/** A row of {@link NEW_EVENTS}: the event's fields (under names no appointment column has), then the appointment's columns. */
interface NewEventRow extends Record<string, unknown> {
  __event_xid: string;
  __event_seq: string;
  __event_change_id: string;
  __event_kind: string;
  __event_at: Date;
}

const NEW_EVENTS = `select e.xid::text as __event_xid, e.seq::text as __event_seq, e.change_id as __event_change_id,
    e.kind as __event_kind, e.at as __event_at, a.*
  from appointment_event e join appointment a on a.id = e.appointment_id
  where (e.xid, e.seq) > ($1::xid8, $2::bigint) and ${SETTLED}
  order by e.xid, e.seq limit $3`;
