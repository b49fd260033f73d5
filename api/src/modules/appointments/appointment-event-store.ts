import type { EntityManager } from '@mikro-orm/postgresql';
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

/**
 * Up to `limit` events after position `after`, in stream order, whose appointment matches every
 * condition of `where` (the narrowing of `appointments`): one statement for the events, one for
 * their appointments (each loaded once however many events it has).
 */
export async function readAppointmentEvents(
  em: EntityManager,
  after: string,
  where: readonly object[],
  limit: number,
): Promise<AppointmentEvent[]> {
  const records = await em.find(
    AppointmentEventRecord,
    {
      seq: { $gt: after },
      ...(where.length > 0 ? { appointment: { $and: [...where] } } : {}),
    },
    { orderBy: { seq: 'asc' }, limit },
  );
  if (records.length === 0) {
    return [];
  }
  const ids = [...new Set(records.map((record) => record.appointment.id))];
  const appointments = new Map(
    (await em.find(Appointment, { id: { $in: ids } })).map((appointment) => [appointment.id, appointment]),
  );
  return records.flatMap((record) => {
    const appointment = appointments.get(record.appointment.id);
    return appointment
      ? [
          Object.assign(new AppointmentEvent(), {
            id: record.change.id,
            seq: record.seq,
            cursor: encodeEventCursor(record.seq),
            kind: record.kind as AppointmentEventKind,
            appointment,
            at: record.at,
          }),
        ]
      : [];
  });
}
