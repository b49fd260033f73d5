import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { TimeOff } from './time-off.entity.js';

/** A doctor's profile by account, weekly rules and upcoming time off, batched per request. */
export function doctorLoaders(em: EntityManager) {
  return {
    /** The doctor profile of a user account, `null` for other roles. */
    byUser: batchLoader<string, Doctor | null>(async (userIds) =>
      oneByKey(userIds, await em.find(Doctor, { user: { $in: [...userIds] } }), (doctor) => doctor.user.id),
    ),
    availability: batchLoader<string, AvailabilityRule[]>(async (doctorIds) =>
      groupByKey(
        doctorIds,
        await em.find(
          AvailabilityRule,
          { doctor: { $in: [...doctorIds] } },
          { orderBy: { weekday: 'asc', startTime: 'asc' } },
        ),
        (rule) => rule.doctor.id,
      ),
    ),
    /** Time off that has not ended yet, in start order. */
    upcomingTimeOff: batchLoader<string, TimeOff[]>(async (doctorIds) =>
      groupByKey(
        doctorIds,
        await em.find(
          TimeOff,
          { doctor: { $in: [...doctorIds] }, endsAt: { $gt: new Date() } },
          { orderBy: { startsAt: 'asc' } },
        ),
        (period) => period.doctor.id,
      ),
    ),
    /**
     * Time off overlapping [from, to) (no end without `to`), in start order: past days included,
     * for a calendar. One statement per distinct range asked in the request (a page asks one).
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
        for (const [range, { from, to, doctorIds }] of ranges) {
          const rows = await em.find(
            TimeOff,
            { doctor: { $in: doctorIds }, endsAt: { $gt: from }, ...(to ? { startsAt: { $lt: to } } : {}) },
            { orderBy: { startsAt: 'asc', id: 'asc' } },
          );
          for (const row of rows) {
            const key = `${row.doctor.id}|${range}`;
            found.set(key, [...(found.get(key) ?? []), row]);
          }
        }
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
