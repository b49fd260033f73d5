import type { EntityManager } from '@mikro-orm/postgresql';
import { appointmentsAffected } from '../../shared/errors.js';

interface WeeklyRule {
  readonly weekday: number;
  readonly startTime: string;
  readonly endTime: string;
}

/** A change to a doctor's time that can leave booked appointments without a doctor. */
export type ScheduleChange =
  | { readonly kind: 'timeOff'; readonly doctorId: string; readonly startsAt: Date; readonly endsAt: Date }
  | {
      readonly kind: 'availability';
      readonly doctorId: string;
      readonly rules: readonly WeeklyRule[];
    }
  /** The doctor moves to another time zone: their weekly hours, as they are, read there. */
  | { readonly kind: 'timezone'; readonly doctorId: string; readonly timezone: string }
  | { readonly kind: 'deactivation'; readonly doctorId: string };

/** Appointments still to happen and holding the doctor's time (REQUESTED, CONFIRMED, CHECKED_IN). */
export const STILL_BOOKED = `a.status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN') and a.ends_at > now()`;

/**
 * The ids, in start order, of the doctor's booked appointments a change would strand: inside new
 * time off, outside new weekly hours (compared in the doctor's own zone, as slots are made), or
 * every one still to come when the doctor is deactivated. One statement; plain SQL on the
 * appointment table, so the modules below appointments can ask it too.
 */
export async function findAffectedAppointmentIds(em: EntityManager, change: ScheduleChange): Promise<string[]> {
  let rows: { id: string }[];
  switch (change.kind) {
    case 'timeOff':
      rows = await em.execute<{ id: string }[]>(
        `select a.id from appointment a
         where a.doctor_id = ? and ${STILL_BOOKED} and a.starts_at < ? and a.ends_at > ?
         order by a.starts_at`,
        [change.doctorId, change.endsAt, change.startsAt],
      );
      break;
    case 'timezone':
      // The doctor's hours as they are, read in the new zone.
      rows = await outsideHours(
        em,
        change.doctorId,
        await em.execute<WeeklyRule[]>(
          `select weekday, to_char(start_time, 'HH24:MI') as "startTime", to_char(end_time, 'HH24:MI') as "endTime"
             from availability_rule where doctor_id = ?`,
          [change.doctorId],
        ),
        change.timezone,
      );
      break;
    case 'availability':
      rows = await outsideHours(em, change.doctorId, change.rules, undefined);
      break;
    case 'deactivation':
      rows = await em.execute<{ id: string }[]>(
        `select a.id from appointment a where a.doctor_id = ? and ${STILL_BOOKED} order by a.starts_at`,
        [change.doctorId],
      );
      break;
  }
  return rows.map((row) => row.id);
}

/**
 * The doctor's booked appointments outside weekly `rules` read in `zone` (the doctor's own when
 * undefined), compared as slots are made; in start order.
 */
function outsideHours(
  em: EntityManager,
  doctorId: string,
  rules: readonly WeeklyRule[],
  zone: string | undefined,
): Promise<{ id: string }[]> {
  return em.execute<{ id: string }[]>(
    `select a.id from appointment a join doctor d on d.id = a.doctor_id
       cross join lateral (select coalesce(?::text, d.timezone) as zone) z
     where a.doctor_id = ? and ${STILL_BOOKED}
       and not exists (
         select 1 from jsonb_to_recordset(?::jsonb) as r(weekday int, "startTime" text, "endTime" text)
         where r.weekday = extract(isodow from a.starts_at at time zone z.zone)
           and (a.starts_at at time zone z.zone)::time >= r."startTime"::time
           and (a.ends_at at time zone z.zone)::time <= r."endTime"::time
           and (a.ends_at at time zone z.zone)::date = (a.starts_at at time zone z.zone)::date)
     order by a.starts_at`,
    [
      zone ?? null,
      doctorId,
      JSON.stringify(rules.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime }))),
    ],
  );
}

const WHAT: Record<ScheduleChange['kind'], string> = {
  timeOff: 'This time off covers',
  availability: 'These hours leave out',
  timezone: 'In this time zone the doctor’s weekly hours leave out',
  deactivation: 'This doctor still has',
};

/**
 * CONFLICT `APPOINTMENTS_AFFECTED` when the change would strand booked appointments: their ids
 * are in `extensions.appointmentIds`, to be cancelled or moved first (resolveAffectedAppointments).
 */
export async function refuseStrandingAppointments(em: EntityManager, change: ScheduleChange): Promise<void> {
  const appointmentIds = await findAffectedAppointmentIds(em, change);
  if (appointmentIds.length > 0) {
    throw appointmentsAffected(WHAT[change.kind], appointmentIds);
  }
}
