import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors.js';
import { AvailabilityRule } from '../doctors/availability-rule.entity.js';
import { type Doctor } from '../doctors/doctor.entity.js';
import { TimeOff } from '../doctors/time-off.entity.js';
import { overlaps, weeklySlots, type TimeInterval } from '../doctors/weekly-slots.js';
import { ACTIVE_STATUSES } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';
import { activeHolds } from './slot-hold.service.js';

export const MAX_SLOT_WINDOW_DAYS = 31;
const DAY = 86_400_000;

/** Why a start time cannot be booked, in words for the caller. */
export type SlotProblem = 'IN_PAST' | 'NOT_A_SLOT' | 'TIME_OFF';

const PROBLEM_MESSAGES: Record<SlotProblem, string> = {
  IN_PAST: 'is in the past',
  NOT_A_SLOT: "is not one of the doctor's slots (outside their hours, or not on a slot boundary)",
  TIME_OFF: 'falls in the doctor’s time off',
};

/**
 * Free slots: weekly rules read in the doctor's zone, minus the past, time off and every active
 * appointment and every slot held for someone else (`exceptHoldsOf`: the viewing patient). Computed for many doctors at once (four statements whatever their number).
 */
export class SlotService {
  constructor(private readonly em: EntityManager) {}

  async freeSlots(
    doctors: readonly Doctor[],
    from: Date,
    to: Date,
    now: Date = new Date(),
    exceptHoldsOf?: string,
  ): Promise<Map<string, TimeInterval[]>> {
    const start = new Date(Math.max(from.getTime(), now.getTime()));
    const result = new Map<string, TimeInterval[]>(doctors.map((doctor) => [doctor.id, []]));
    if (doctors.length === 0 || start >= to) {
      return result;
    }
    const ids = doctors.map((doctor) => doctor.id);
    const [rules, timeOff, busy, held] = await Promise.all([
      this.em.find(AvailabilityRule, { doctor: { $in: ids } }),
      this.em.find(TimeOff, { doctor: { $in: ids }, startsAt: { $lt: to }, endsAt: { $gt: start } }),
      this.em.find(
        Appointment,
        { doctor: { $in: ids }, status: { $in: [...ACTIVE_STATUSES] }, startsAt: { $lt: to }, endsAt: { $gt: start } },
        { fields: ['id', 'doctor', 'startsAt', 'endsAt'] },
      ),
      // Held slots are offered to nobody but their holder.
      activeHolds(this.em, ids, start, to, exceptHoldsOf),
    ]);
    for (const doctor of doctors) {
      const blocked: TimeInterval[] = [
        ...timeOff.filter((period) => period.doctor.id === doctor.id),
        ...busy.filter((appointment) => appointment.doctor.id === doctor.id),
        ...held.filter((hold) => hold.doctorId === doctor.id),
      ];
      const own = rules.filter((rule) => rule.doctor.id === doctor.id);
      result.set(
        doctor.id,
        weeklySlots(own, doctor.timezone, start, to).filter((slot) => !blocked.some((other) => overlaps(slot, other))),
      );
    }
    return result;
  }

  /**
   * The slot starting at `startsAt` if the doctor's rules offer it, it is in the future and not
   * in time off; BAD_USER_INPUT naming `field` with the reason otherwise. Whether another booking
   * holds it is left to the database's exclusion constraint (CONFLICT), which also settles races.
   */
  async bookableSlot(doctor: Doctor, startsAt: Date, field: string, now: Date = new Date()): Promise<TimeInterval> {
    const problem = (reason: SlotProblem) =>
      badInput(
        [{ field, message: PROBLEM_MESSAGES[reason] }],
        `That time cannot be booked: it ${PROBLEM_MESSAGES[reason]}.`,
      );
    if (startsAt.getTime() <= now.getTime()) {
      throw problem('IN_PAST');
    }
    const rules = await this.em.find(AvailabilityRule, { doctor: doctor.id });
    const slot = weeklySlots(
      rules,
      doctor.timezone,
      new Date(startsAt.getTime() - DAY),
      new Date(startsAt.getTime() + DAY),
    ).find((candidate) => candidate.startsAt.getTime() === startsAt.getTime());
    if (!slot) {
      throw problem('NOT_A_SLOT');
    }
    const away = await this.em.count(TimeOff, {
      doctor: doctor.id,
      startsAt: { $lt: slot.endsAt },
      endsAt: { $gt: slot.startsAt },
    });
    if (away > 0) {
      throw problem('TIME_OFF');
    }
    return slot;
  }
}

/** A [from, to) window of at most 31 days, or BAD_USER_INPUT. */
export function slotWindow(from: Date, to: Date): void {
  if (to <= from) {
    throw badInput([{ field: 'to', message: 'must be after from' }]);
  }
  if (to.getTime() - from.getTime() > MAX_SLOT_WINDOW_DAYS * DAY) {
    throw badInput([{ field: 'to', message: `must be at most ${MAX_SLOT_WINDOW_DAYS} days after from` }]);
  }
}
