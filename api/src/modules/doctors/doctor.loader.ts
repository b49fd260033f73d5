import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { TimeOff } from './time-off.entity.js';

/** A doctor's profile by account, weekly rules and upcoming time off, batched per request. */
export function doctorLoaders(em: EntityManager) {
  return {
    /** The doctor profile of a user account, `null` for other roles: read rows, one part of the request's round trip. */
    byUser: batchLoader<string, Doctor | null>(async (userIds) =>
      (await readChildrenInOrder(em, Doctor, 'user', userIds, 'p.id')).map((profiles) => profiles[0] ?? null),
    ),
    /**
     * How many active doctors (the ones a patient can book) each specialisation has, by name in
     * any case: one grouped count of all of them, whichever names a request asks.
     */
    activeCountBySpecialization: batchLoader<string, number>(async (names) => {
      const rows = await em.execute<{ name: string; doctors: number }[]>(
        `select lower(d.specialization) as name, count(*)::int as doctors
           from doctor d join app_user u on u.id = d.user_id
          where u.active
          group by 1`,
      );
      const counts = new Map(rows.map((row) => [row.name, row.doctors]));
      return names.map((name) => counts.get(name.toLowerCase()) ?? 0);
    }),
    /** Weekly rules in weekday and start order: read rows, one part of the request's round trip. */
    availability: batchLoader<string, AvailabilityRule[]>((doctorIds) =>
      readChildrenInOrder(em, AvailabilityRule, 'doctor', doctorIds, 'p.weekday, p.start_time, p.id'),
    ),
    /** Time off that has not ended yet, in start order (read rows, as `availability`). */
    upcomingTimeOff: batchLoader<string, TimeOff[]>((doctorIds) =>
      readChildrenInOrder(em, TimeOff, 'doctor', doctorIds, 'p.starts_at, p.id', 'ends_at > now()'),
    ),
    /**
     * When each doctor's time off under way now ends, null while they are at work: periods that
     * follow on without a gap count as one (a week's leave entered as two). One statement.
     */
    awayUntil: batchLoader<string, Date | null>(async (doctorIds) => {
      const rows = await em.execute<{ doctor_id: string; ends_at: Date }[]>(
        `with recursive away as (
           select doctor_id, max(ends_at) as ends_at from time_off
            where doctor_id = any(?::uuid[]) and starts_at <= now() and ends_at > now()
            group by doctor_id
           union
           select a.doctor_id, t.ends_at from away a
             join time_off t on t.doctor_id = a.doctor_id and t.starts_at <= a.ends_at and t.ends_at > a.ends_at
         )
         select doctor_id, max(ends_at) as ends_at from away group by doctor_id`,
        [`{${doctorIds.join(',')}}`],
      );
      const until = new Map(rows.map((row) => [row.doctor_id, new Date(row.ends_at)]));
      return doctorIds.map((id) => until.get(id) ?? null);
    }),
    /**
     * Time off overlapping [from, to) (no end without `to`), in start order: past days included,
     * for a calendar. One part of the request's round trip per distinct range asked (a page asks one).
     */
    timeOffBetween: batchLoader<TimeOffRange, TimeOff[], string>(
      async (keys) => {
        const ranges = new Map<string, { from: Date; to: Date | undefined; doctorIds: string[] }>();
        for (const key of keys) {
          const range = rangeKey(key);
          const known = ranges.get(range) ?? { from: key.from, to: key.to, doctorIds: [] };
          known.doctorIds.push(key.doctorId);
          ranges.set(range, known);
        }
        const found = new Map<string, TimeOff[]>();
        await Promise.all(
          [...ranges].map(async ([range, { from, to, doctorIds }]) => {
            const groups = await readChildrenInOrder(em, TimeOff, 'doctor', doctorIds, 'p.starts_at, p.id', {
              sql: to ? 'ends_at > $2::timestamptz and starts_at < $3::timestamptz' : 'ends_at > $2::timestamptz',
              params: to ? [from.toISOString(), to.toISOString()] : [from.toISOString()],
            });
            doctorIds.forEach((doctorId, index) => found.set(`${doctorId}|${range}`, groups[index]!));
          }),
        );
        return keys.map((key) => found.get(`${key.doctorId}|${rangeKey(key)}`) ?? []);
      },
      (key) => `${key.doctorId}|${rangeKey(key)}`,
    ),
  };
}

/** One doctor's time off asked for a range. */
export interface TimeOffRange {
  readonly doctorId: string;
  readonly from: Date;
  readonly to: Date | undefined;
}

const rangeKey = (key: TimeOffRange) => `${key.from.toISOString()}|${key.to?.toISOString() ?? ''}`;
