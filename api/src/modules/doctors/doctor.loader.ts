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
  };
}
