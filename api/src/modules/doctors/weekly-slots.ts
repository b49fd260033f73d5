import { DateTime } from 'luxon';
import { cachedZone } from '../../shared/zone-cache.js';

export interface WeeklyRule {
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Local wall-clock time, `HH:MM` or `HH:MM:SS`. */
  readonly startTime: string;
  readonly endTime: string;
  readonly slotMinutes: number;
}

export interface TimeInterval {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

function wallClock(time: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { hour, minute };
}

/**
 * The slots weekly rules offer between `from` and `to`, in UTC. Rules are read in the doctor's
 * IANA zone day by day, so a 09:00 slot stays 09:00 local on both sides of a daylight-saving
 * change. Only slots wholly inside [from, to) are returned, in time order.
 */
export function weeklySlots(rules: readonly WeeklyRule[], timezone: string, from: Date, to: Date): TimeInterval[] {
  const slots: TimeInterval[] = [];
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const zone = cachedZone(timezone);
  const last = DateTime.fromJSDate(to, { zone });
  for (let day = DateTime.fromJSDate(from, { zone }).startOf('day'); day < last; day = day.plus({ days: 1 })) {
    for (const rule of rules) {
      if (rule.weekday !== day.weekday || !(rule.slotMinutes > 0)) {
        continue;
      }
      // Minutes are exact durations (luxon's `plus({ minutes })` adds milliseconds), so after the
      // window's two wall-clock ends are placed in the zone, the slots are plain arithmetic: no
      // time-zone lookup per slot (that lookup was most of a booking's CPU).
      const windowEnd = day.set(wallClock(rule.endTime)).toMillis();
      const step = rule.slotMinutes * 60_000;
      for (let start = day.set(wallClock(rule.startTime)).toMillis(); start + step <= windowEnd; start += step) {
        if (start >= fromMs && start + step <= toMs) {
          slots.push({ startsAt: new Date(start), endsAt: new Date(start + step) });
        }
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
