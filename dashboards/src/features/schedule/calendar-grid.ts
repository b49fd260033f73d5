/**
 * The maths of the doctor's time grid, pure so it is unit-tested: a doctor's weekly hours (wall
 * times in their zone) as instants on the viewer's days, the hours a grid shows, where a block
 * sits, and side-by-side lanes for blocks that overlap (a cancelled visit and its rebooking).
 */
import { addDays, dayKey } from './calendar-dates';

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface WeeklyRule {
  /** 1 = Monday … 7 = Sunday, in the doctor's zone. */
  readonly weekday: number;
  /** "09:00" */
  readonly startTime: string;
  readonly endTime: string;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
export function zoneOffset(instant: number, timeZone: string): number {
  let format = zoneFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - (instant - (instant % 1000));
}

/** The instant a wall-clock time ("09:30" on 2026-03-02) happens in `timeZone`. */
export function wallTimeToInstant(year: number, month: number, day: number, time: string, timeZone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffset(guess, timeZone);
  // Near a daylight-saving change the offset at the answer may differ from the guess's.
  return guess - zoneOffset(first, timeZone);
}

/**
 * The doctor's working hours that fall on the viewer's local `day`, as instants clipped to it
 * (a doctor in another zone may start on the viewer's previous or next date).
 */
export function workingIntervals(day: Date, rules: readonly WeeklyRule[], timeZone: string): Interval[] {
  const dayStart = day.getTime();
  const dayEnd = addDays(day, 1).getTime();
  const found: Interval[] = [];
  for (const offset of [-1, 0, 1]) {
    const date = addDays(day, offset);
    const weekday = ((date.getDay() + 6) % 7) + 1;
    for (const rule of rules) {
      if (rule.weekday !== weekday) {
        continue;
      }
      const y = date.getFullYear();
      const m = date.getMonth() + 1;
      const d = date.getDate();
      const start = wallTimeToInstant(y, m, d, rule.startTime, timeZone);
      const end = wallTimeToInstant(y, m, d, rule.endTime, timeZone);
      const clipped = { start: Math.max(start, dayStart), end: Math.min(end, dayEnd) };
      if (clipped.end > clipped.start) {
        found.push(clipped);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `interval` clipped to the viewer's local `day`, or null when it misses the day. */
export function clipToDay(interval: Interval, day: Date): Interval | null {
  const start = Math.max(interval.start, day.getTime());
  const end = Math.min(interval.end, addDays(day, 1).getTime());
  return end > start ? { start, end } : null;
}

/** Hours since local midnight of `day` (fractional). */
export function hoursInto(day: Date, instant: number): number {
  const midnight = day.getTime();
  // Local hours, robust to a daylight-saving day: measure against the wall clock.
  const at = new Date(instant);
  if (dayKey(at) !== dayKey(day)) {
    return instant <= midnight ? 0 : 24;
  }
  return at.getHours() + at.getMinutes() / 60;
}

/**
 * The whole hours a grid shows: every working hour and every block of the days in view, and at
 * least 08:00–18:00 so an empty week still reads as a working day.
 */
export function visibleHours(days: readonly Date[], intervals: readonly Interval[]): { first: number; last: number } {
  let first = 8;
  let last = 18;
  for (const day of days) {
    for (const interval of intervals) {
      const clipped = clipToDay(interval, day);
      if (!clipped) {
        continue;
      }
      first = Math.min(first, Math.floor(hoursInto(day, clipped.start)));
      last = Math.max(last, Math.ceil(hoursInto(day, clipped.end)));
    }
  }
  return { first: Math.max(0, first), last: Math.min(24, last) };
}

/**
 * Lanes for overlapping blocks: each block gets a lane and the number of lanes of its group of
 * overlapping blocks, so they can sit side by side. Blocks must be in start order.
 */
export function assignLanes<T extends Interval>(blocks: readonly T[]): { block: T; lane: number; lanes: number }[] {
  const placed: { block: T; lane: number; lanes: number }[] = [];
  let group: { block: T; lane: number; lanes: number }[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    const lanes = Math.max(1, ...group.map((entry) => entry.lane + 1));
    for (const entry of group) {
      entry.lanes = lanes;
    }
    placed.push(...group);
    group = [];
  };
  for (const block of blocks) {
    if (block.start >= groupEnd && group.length > 0) {
      close();
      groupEnd = -Infinity;
    }
    const busy = new Set(group.filter((entry) => entry.block.end > block.start).map((entry) => entry.lane));
    let lane = 0;
    while (busy.has(lane)) {
      lane += 1;
    }
    group.push({ block, lane, lanes: 1 });
    groupEnd = Math.max(groupEnd, block.end);
  }
  close();
  return placed;
}
