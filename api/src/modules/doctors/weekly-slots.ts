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

const DAY = 86_400_000;

/**
 * The intervals (appointments) that no slot of the weekly rules matches exactly, in their order.
 * The rules' slots are made once per stretch of time the intervals cover (each widened by a day
 * on both sides, for a slot read in the doctor's zone across midnight or a daylight-saving
 * change), not once per interval: a doctor's hundreds of coming appointments read the rules for
 * the days they fall on, once each.
 */
export function uncovered<T extends TimeInterval>(
  rules: readonly WeeklyRule[],
  timezone: string,
  intervals: readonly T[],
): T[] {
  const slots = new Set<string>();
  const key = (interval: TimeInterval) => `${interval.startsAt.getTime()}/${interval.endsAt.getTime()}`;
  const byStart = [...intervals].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let first = 0; first < byStart.length;) {
    const from = byStart[first]!.startsAt.getTime() - DAY;
    let to = byStart[first]!.endsAt.getTime() + DAY;
    let next = first + 1;
    while (next < byStart.length && byStart[next]!.startsAt.getTime() - DAY <= to) {
      to = Math.max(to, byStart[next]!.endsAt.getTime() + DAY);
      next += 1;
    }
    for (const slot of weeklySlots(rules, timezone, new Date(from), new Date(to))) {
      slots.add(key(slot));
    }
    first = next;
  }
  return intervals.filter((interval) => !slots.has(key(interval)));
}

export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
