import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { overlaps, uncovered, weeklySlots, type TimeInterval, type WeeklyRule } from './weekly-slots.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const MINUTE = 60_000;

/** A local wall-clock time in `zone`, as a Date. */
const local = (iso: string, zone: string): Date => {
  const dateTime = DateTime.fromISO(iso, { zone });
  if (!dateTime.isValid) {
    throw new Error(`invalid local time ${iso} in ${zone}`);
  }
  return dateTime.toJSDate();
};

const iso = (date: Date): string => date.toISOString();
const starts = (slots: readonly TimeInterval[]): string[] => slots.map((slot) => iso(slot.startsAt));
const lengthInMinutes = (slot: TimeInterval): number => (slot.endsAt.getTime() - slot.startsAt.getTime()) / MINUTE;
/** The slot's start as wall-clock time in `zone`, e.g. `2026-03-27 09:00 +01:00`. */
const localStart = (slot: TimeInterval, zone: string): string =>
  DateTime.fromJSDate(slot.startsAt, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');

const rule = (weekday: number, startTime: string, endTime: string, slotMinutes: number): WeeklyRule => ({
  weekday,
  startTime,
  endTime,
  slotMinutes,
});

/** Invariants every result must satisfy: positive lengths, strictly increasing starts, no overlaps. */
const expectWellFormed = (slots: readonly TimeInterval[]): void => {
  for (const slot of slots) {
    expect(slot.endsAt.getTime()).toBeGreaterThan(slot.startsAt.getTime());
  }
  expect(new Set(starts(slots)).size).toBe(slots.length);
  for (let i = 1; i < slots.length; i++) {
    const previous = slots[i - 1]!;
    const current = slots[i]!;
    expect(current.startsAt.getTime()).toBeGreaterThan(previous.startsAt.getTime());
    expect(overlaps(previous, current)).toBe(false);
  }
};

describe('weeklySlots', () => {
  describe('a plain winter day', () => {
    // Monday 2026-01-05; Berlin is on CET (UTC+1).
    const slots = weeklySlots(
      [rule(1, '09:00', '12:00', 30)],
      BERLIN,
      new Date('2026-01-05T00:00:00Z'),
      new Date('2026-01-06T00:00:00Z'),
    );

    it('converts 09:00–12:00 local into six 30-minute slots starting 08:00Z', () => {
      expect(starts(slots)).toEqual([
        '2026-01-05T08:00:00.000Z',
        '2026-01-05T08:30:00.000Z',
        '2026-01-05T09:00:00.000Z',
        '2026-01-05T09:30:00.000Z',
        '2026-01-05T10:00:00.000Z',
        '2026-01-05T10:30:00.000Z',
      ]);
      expect(slots.map(lengthInMinutes)).toEqual([30, 30, 30, 30, 30, 30]);
      expect(iso(slots.at(-1)!.endsAt)).toBe('2026-01-05T11:00:00.000Z');
      expectWellFormed(slots);
    });

    it('returns slots that are back to back', () => {
      for (let i = 1; i < slots.length; i++) {
        expect(slots[i]!.startsAt.getTime()).toBe(slots[i - 1]!.endsAt.getTime());
      }
    });
  });

  describe('daylight-saving changes in Europe/Berlin', () => {
    it('keeps 09:00 local across spring-forward (Sunday 2026-03-29)', () => {
      // Friday 27 March (CET, UTC+1) and Monday 30 March (CEST, UTC+2).
      const slots = weeklySlots(
        [rule(5, '09:00', '10:00', 60), rule(1, '09:00', '10:00', 60)],
        BERLIN,
        new Date('2026-03-27T00:00:00Z'),
        new Date('2026-03-31T00:00:00Z'),
      );

      expect(slots.map((slot) => [iso(slot.startsAt), iso(slot.endsAt)])).toEqual([
        ['2026-03-27T08:00:00.000Z', '2026-03-27T09:00:00.000Z'],
        ['2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
      ]);
      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-03-27 09:00 +01:00',
        '2026-03-30 09:00 +02:00',
      ]);
      // Cross-check with Intl rather than luxon alone.
      const hour = new Intl.DateTimeFormat('en-GB', { timeZone: BERLIN, hour: '2-digit', hourCycle: 'h23' });
      expect(slots.map((slot) => hour.format(slot.startsAt))).toEqual(['09', '09']);
    });

    it('keeps 09:00 local across fall-back (Sunday 2026-10-25)', () => {
      // Friday 23 October (CEST, UTC+2) and Monday 26 October (CET, UTC+1).
      const slots = weeklySlots(
        [rule(5, '09:00', '10:00', 60), rule(1, '09:00', '10:00', 60)],
        BERLIN,
        new Date('2026-10-23T00:00:00Z'),
        new Date('2026-10-27T00:00:00Z'),
      );

      expect(slots.map((slot) => [iso(slot.startsAt), iso(slot.endsAt)])).toEqual([
        ['2026-10-23T07:00:00.000Z', '2026-10-23T08:00:00.000Z'],
        ['2026-10-26T08:00:00.000Z', '2026-10-26T09:00:00.000Z'],
      ]);
      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-10-23 09:00 +02:00',
        '2026-10-26 09:00 +01:00',
      ]);
      const hour = new Intl.DateTimeFormat('en-GB', { timeZone: BERLIN, hour: '2-digit', hourCycle: 'h23' });
      expect(slots.map((slot) => hour.format(slot.startsAt))).toEqual(['09', '09']);
    });

    it('on the spring-forward day skips the missing 02:00–03:00 hour without duplicates or empty slots', () => {
      // 01:00–04:00 local on 2026-03-29 is only two real hours: 01:00 CET = 00:00Z, then the
      // clocks jump from 02:00 CET to 03:00 CEST (= 01:00Z), and 04:00 CEST = 02:00Z.
      const slots = weeklySlots(
        [rule(7, '01:00', '04:00', 60)],
        BERLIN,
        new Date('2026-03-28T00:00:00Z'),
        new Date('2026-03-30T00:00:00Z'),
      );

      expect(slots.map((slot) => [iso(slot.startsAt), iso(slot.endsAt)])).toEqual([
        ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
        ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ]);
      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-03-29 01:00 +01:00',
        '2026-03-29 03:00 +02:00',
      ]);
      expect(slots.map(lengthInMinutes)).toEqual([60, 60]);
      expectWellFormed(slots);
    });

    it('on the fall-back day offers the repeated 02:00 hour twice, as distinct instants', () => {
      // 01:00–04:00 local on 2026-10-25 is four real hours: 02:00 occurs in CEST and again in CET.
      const slots = weeklySlots(
        [rule(7, '01:00', '04:00', 60)],
        BERLIN,
        new Date('2026-10-24T00:00:00Z'),
        new Date('2026-10-26T00:00:00Z'),
      );

      expect(starts(slots)).toEqual([
        '2026-10-24T23:00:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T02:00:00.000Z',
      ]);
      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-10-25 01:00 +02:00',
        '2026-10-25 02:00 +02:00',
        '2026-10-25 02:00 +01:00',
        '2026-10-25 03:00 +01:00',
      ]);
      expect(slots.map(lengthInMinutes)).toEqual([60, 60, 60, 60]);
      expectWellFormed(slots);
    });
  });

  it('keeps 09:00 local across the America/New_York spring-forward (Sunday 2026-03-08)', () => {
    // Friday 6 March (EST, UTC−5) and Monday 9 March (EDT, UTC−4).
    const slots = weeklySlots(
      [rule(5, '09:00', '09:30', 30), rule(1, '09:00', '09:30', 30)],
      NEW_YORK,
      new Date('2026-03-06T00:00:00Z'),
      new Date('2026-03-10T00:00:00Z'),
    );

    expect(slots.map((slot) => [iso(slot.startsAt), iso(slot.endsAt)])).toEqual([
      ['2026-03-06T14:00:00.000Z', '2026-03-06T14:30:00.000Z'],
      ['2026-03-09T13:00:00.000Z', '2026-03-09T13:30:00.000Z'],
    ]);
    expect(slots.map((slot) => localStart(slot, NEW_YORK))).toEqual([
      '2026-03-06 09:00 -05:00',
      '2026-03-09 09:00 -04:00',
    ]);
  });

  describe('the [from, to) window', () => {
    it('returns only slots that end by `to`', () => {
      // The rule runs to 20:00, but the window closes at 17:00 local: 09:00 + 10 × 45 min = 16:30,
      // and the 11th slot (16:30–17:15) would cross `to`.
      const slots = weeklySlots(
        [rule(1, '09:00', '20:00', 45)],
        BERLIN,
        local('2026-01-05T00:00', BERLIN),
        local('2026-01-05T17:00', BERLIN),
      );

      expect(slots).toHaveLength(10);
      expect(localStart(slots[0]!, BERLIN)).toBe('2026-01-05 09:00 +01:00');
      expect(slots.at(-1)!.endsAt).toEqual(local('2026-01-05T16:30', BERLIN));
      expect(slots.map(lengthInMinutes).every((minutes) => minutes === 45)).toBe(true);
      expectWellFormed(slots);
    });

    it('includes a slot that ends exactly at `to`', () => {
      const slots = weeklySlots(
        [rule(1, '09:00', '20:00', 45)],
        BERLIN,
        local('2026-01-05T00:00', BERLIN),
        local('2026-01-05T16:30', BERLIN),
      );

      expect(slots).toHaveLength(10);
      expect(slots.at(-1)!.endsAt).toEqual(local('2026-01-05T16:30', BERLIN));
    });

    it('stops a rule at its own end time when the window is wider', () => {
      // 09:00–17:00 with 45-minute slots: the 11th slot (16:30–17:15) would overrun the rule.
      const slots = weeklySlots(
        [rule(1, '09:00', '17:00', 45)],
        BERLIN,
        new Date('2026-01-05T00:00:00Z'),
        new Date('2026-01-06T00:00:00Z'),
      );

      expect(slots).toHaveLength(10);
      expect(slots.at(-1)!.endsAt).toEqual(local('2026-01-05T16:30', BERLIN));
    });

    it('excludes slots before a `from` in the middle of the day, including one straddling it', () => {
      const slots = weeklySlots(
        [rule(1, '09:00', '12:00', 30)],
        BERLIN,
        local('2026-01-05T10:15', BERLIN),
        local('2026-01-06T00:00', BERLIN),
      );

      // 10:00–10:30 straddles `from` and is dropped.
      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-01-05 10:30 +01:00',
        '2026-01-05 11:00 +01:00',
        '2026-01-05 11:30 +01:00',
      ]);
    });

    it('includes a slot that starts exactly at `from`', () => {
      const slots = weeklySlots(
        [rule(1, '09:00', '12:00', 30)],
        BERLIN,
        local('2026-01-05T11:00', BERLIN),
        local('2026-01-06T00:00', BERLIN),
      );

      expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
        '2026-01-05 11:00 +01:00',
        '2026-01-05 11:30 +01:00',
      ]);
    });

    it('returns nothing for an empty window', () => {
      const at = local('2026-01-05T09:00', BERLIN);
      expect(weeklySlots([rule(1, '09:00', '12:00', 30)], BERLIN, at, at)).toEqual([]);
    });

    it('reads the start of the window in the doctor’s zone, not in UTC', () => {
      // 23:30Z on Sunday 2026-01-04 is already 00:30 on Monday in Berlin.
      const slots = weeklySlots(
        [rule(1, '09:00', '10:00', 60)],
        BERLIN,
        new Date('2026-01-04T23:30:00Z'),
        new Date('2026-01-05T12:00:00Z'),
      );

      expect(starts(slots)).toEqual(['2026-01-05T08:00:00.000Z']);
    });
  });

  it('returns slots of several rules on the same weekday, sorted by start', () => {
    // Afternoon listed before morning, and over two Mondays, to show the result is sorted.
    const slots = weeklySlots(
      [rule(1, '14:00', '15:00', 30), rule(1, '09:00', '10:00', 30)],
      BERLIN,
      new Date('2026-01-05T00:00:00Z'),
      new Date('2026-01-13T00:00:00Z'),
    );

    expect(slots.map((slot) => localStart(slot, BERLIN))).toEqual([
      '2026-01-05 09:00 +01:00',
      '2026-01-05 09:30 +01:00',
      '2026-01-05 14:00 +01:00',
      '2026-01-05 14:30 +01:00',
      '2026-01-12 09:00 +01:00',
      '2026-01-12 09:30 +01:00',
      '2026-01-12 14:00 +01:00',
      '2026-01-12 14:30 +01:00',
    ]);
    expectWellFormed(slots);
  });

  it('numbers weekdays 1 = Monday … 7 = Sunday', () => {
    // Monday 2026-01-05 to Sunday 2026-01-11: one 09:00 slot per weekday rule.
    const rules = [1, 2, 3, 4, 5, 6, 7].map((weekday) => rule(weekday, '09:00', '09:30', 30));
    const slots = weeklySlots(rules, BERLIN, local('2026-01-05T00:00', BERLIN), local('2026-01-12T00:00', BERLIN));

    expect(slots.map((slot) => DateTime.fromJSDate(slot.startsAt, { zone: BERLIN }).toFormat('cccc dd'))).toEqual([
      'Monday 05',
      'Tuesday 06',
      'Wednesday 07',
      'Thursday 08',
      'Friday 09',
      'Saturday 10',
      'Sunday 11',
    ]);

    const sundayOnly = weeklySlots(
      [rule(7, '09:00', '09:30', 30)],
      BERLIN,
      local('2026-01-05T00:00', BERLIN),
      local('2026-01-12T00:00', BERLIN),
    );
    expect(sundayOnly.map((slot) => localStart(slot, BERLIN))).toEqual(['2026-01-11 09:00 +01:00']);
  });

  it('returns nothing when no rule matches a day in the window', () => {
    // Tuesday 2026-01-06 to Saturday 2026-01-10 contains no Monday or Sunday.
    const slots = weeklySlots(
      [rule(1, '09:00', '12:00', 30), rule(7, '09:00', '12:00', 30)],
      BERLIN,
      local('2026-01-06T00:00', BERLIN),
      local('2026-01-11T00:00', BERLIN),
    );
    expect(slots).toEqual([]);
  });
});

describe('overlaps', () => {
  const interval = (start: string, end: string): TimeInterval => ({
    startsAt: new Date(start),
    endsAt: new Date(end),
  });
  const nineToTen = interval('2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z');

  it('treats touching intervals (end == start) as not overlapping, in either order', () => {
    const tenToEleven = interval('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z');
    expect(overlaps(nineToTen, tenToEleven)).toBe(false);
    expect(overlaps(tenToEleven, nineToTen)).toBe(false);
  });

  it('detects a partial overlap, in either order', () => {
    const halfPastNineToHalfPastTen = interval('2026-01-05T09:30:00Z', '2026-01-05T10:30:00Z');
    expect(overlaps(nineToTen, halfPastNineToHalfPastTen)).toBe(true);
    expect(overlaps(halfPastNineToHalfPastTen, nineToTen)).toBe(true);
  });

  it('detects containment and identical intervals', () => {
    const inner = interval('2026-01-05T09:15:00Z', '2026-01-05T09:45:00Z');
    expect(overlaps(nineToTen, inner)).toBe(true);
    expect(overlaps(inner, nineToTen)).toBe(true);
    expect(overlaps(nineToTen, nineToTen)).toBe(true);
  });

  it('treats disjoint intervals as not overlapping', () => {
    const later = interval('2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z');
    expect(overlaps(nineToTen, later)).toBe(false);
    expect(overlaps(later, nineToTen)).toBe(false);
  });

  it('works for the slots weeklySlots produces across a DST change', () => {
    const slots = weeklySlots(
      [rule(7, '01:00', '04:00', 60)],
      BERLIN,
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    );
    expect(slots).toHaveLength(2);
    // 01:00 CET–03:00 CEST and 03:00 CEST–04:00 CEST touch at 01:00Z.
    expect(slots[0]!.endsAt).toEqual(slots[1]!.startsAt);
    expect(overlaps(slots[0]!, slots[1]!)).toBe(false);
  });
});

describe('uncovered', () => {
  const DAY = 86_400_000;
  const rules = [rule(1, '09:00', '12:00', 30), rule(3, '14:00', '17:00', 20), rule(7, '23:00', '23:59', 30)];
  /** The definition: an interval is covered when a slot of the rules around it (a day each side) equals it. */
  const byDefinition = (intervals: readonly TimeInterval[], zone: string) =>
    intervals.filter(
      (interval) =>
        !weeklySlots(
          rules,
          zone,
          new Date(interval.startsAt.getTime() - DAY),
          new Date(interval.endsAt.getTime() + DAY),
        ).some(
          (slot) =>
            slot.startsAt.getTime() === interval.startsAt.getTime() &&
            slot.endsAt.getTime() === interval.endsAt.getTime(),
        ),
    );

  it('keeps exactly the intervals no slot matches, in their order, across stretches, gaps and a DST change', () => {
    for (const zone of [BERLIN, NEW_YORK]) {
      const intervals: TimeInterval[] = [];
      // Around Berlin's (29 March) and New York's (8 March) spring change, and weeks apart: every
      // 10 minutes over some days, each 20 and 30 minutes long, every seventh shifted off the grid.
      for (const [from, days] of [
        ['2026-03-06T00:00', 4],
        ['2026-03-27T00:00', 5],
        ['2026-06-01T00:00', 1],
        ['2027-01-03T00:00', 2],
      ] as const) {
        const start = local(from, zone).getTime();
        for (let at = start, index = 0; at < start + days * DAY; at += 10 * MINUTE, index += 1) {
          const shift = index % 7 === 3 ? MINUTE : 0;
          for (const length of [20, 30]) {
            intervals.push({ startsAt: new Date(at + shift), endsAt: new Date(at + shift + length * MINUTE) });
          }
        }
      }
      // Not in start order: the result keeps the order given.
      intervals.reverse();
      const expected = byDefinition(intervals, zone);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(intervals.length);
      expect(uncovered(rules, zone, intervals)).toEqual(expected);
    }
  });

  it('returns every interval without rules, and nothing for none', () => {
    const one = { startsAt: local('2026-03-02T09:00', BERLIN), endsAt: local('2026-03-02T09:30', BERLIN) };
    expect(uncovered([], BERLIN, [one])).toEqual([one]);
    expect(uncovered(rules, BERLIN, [one])).toEqual([]);
    expect(uncovered(rules, BERLIN, [])).toEqual([]);
  });
});
