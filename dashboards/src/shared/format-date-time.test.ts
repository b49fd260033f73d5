import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatCalendarDate, formatDateTime, yearsSince } from './format-date-time';

describe('formatDateTime', () => {
  // Read in spring 2026: these days are near enough to need no year.
  beforeAll(() => vi.useFakeTimers({ now: new Date('2026-04-01T12:00:00Z'), toFake: ['Date'] }));
  afterAll(() => vi.useRealTimers());

  it("shows the viewer's local time", () => {
    expect(formatDateTime('2026-03-03T09:30:00.000Z', 'UTC')).toBe('Tue 3 Mar, 09:30');
    expect(formatDateTime('2026-03-03T09:30:00.000Z', 'Europe/Berlin')).toBe('Tue 3 Mar, 10:30');
  });

  it("adds the doctor's time when their clock shows something else", () => {
    expect(formatDateTime('2026-03-03T08:30:00.000Z', 'Europe/Berlin', 'Europe/London')).toBe(
      'Tue 3 Mar, 09:30 (08:30 Europe/London)',
    );
  });

  it("adds the doctor's day when it differs", () => {
    expect(formatDateTime('2026-03-03T01:30:00.000Z', 'UTC', 'America/New_York')).toBe(
      'Tue 3 Mar, 01:30 (Mon 2 Mar, 20:30 America/New_York)',
    );
  });

  it('leaves the doctor out when the zone is the same or the clocks agree', () => {
    expect(formatDateTime('2026-03-03T09:30:00.000Z', 'Europe/London', 'Europe/London')).toBe('Tue 3 Mar, 09:30');
    expect(formatDateTime('2026-03-03T09:30:00.000Z', 'Europe/Dublin', 'Europe/London')).toBe('Tue 3 Mar, 09:30');
  });

  it('adds the year more than six months away, for the doctor too', () => {
    expect(formatDateTime('2025-08-22T12:50:00.000Z', 'UTC')).toBe('Fri 22 Aug 2025, 12:50');
    expect(formatDateTime('2026-11-22T12:50:00.000Z', 'UTC')).toBe('Sun 22 Nov 2026, 12:50');
    expect(formatDateTime('2025-08-22T01:30:00.000Z', 'UTC', 'America/New_York')).toBe(
      'Fri 22 Aug 2025, 01:30 (Thu 21 Aug 2025, 21:30 America/New_York)',
    );
    // Under six months either way: no year.
    expect(formatDateTime('2025-10-22T12:50:00.000Z', 'UTC')).toBe('Wed 22 Oct, 12:50');
  });

  it('follows daylight saving time', () => {
    expect(formatDateTime('2026-07-07T08:30:00.000Z', 'UTC', 'Europe/London')).toBe(
      'Tue 7 Jul, 08:30 (09:30 Europe/London)',
    );
  });
});

describe('calendar days', () => {
  it('writes a day in words and counts whole years since it', () => {
    expect(formatCalendarDate('1980-05-04')).toBe('4 May 1980');
    expect(formatCalendarDate('not a date')).toBe('not a date');
    expect(yearsSince('1980-05-04', new Date(2026, 4, 3))).toBe(45);
    expect(yearsSince('1980-05-04', new Date(2026, 4, 4))).toBe(46);
    expect(yearsSince('nope')).toBeNull();
  });
});
