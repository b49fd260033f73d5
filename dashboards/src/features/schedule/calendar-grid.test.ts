import { describe, expect, it } from 'vitest';
import { assignLanes, visibleHours, wallTimeToInstant, workingIntervals, zoneOffset } from './calendar-grid';

describe('calendar grid maths', () => {
  it('turns a wall time in a zone into the instant, across daylight saving', () => {
    expect(new Date(wallTimeToInstant(2026, 1, 15, '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(new Date(wallTimeToInstant(2026, 7, 15, '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(new Date(wallTimeToInstant(2026, 3, 2, '17:30', 'America/New_York')).toISOString()).toBe(
      '2026-03-02T22:30:00.000Z',
    );
    expect(zoneOffset(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it("places a doctor's weekly hours on the viewer's days, only on their weekday", () => {
    const rules = [{ weekday: 1, startTime: '09:00', endTime: '12:00' }];
    const monday = new Date(2026, 2, 2);
    const tuesday = new Date(2026, 2, 3);
    const [hours] = workingIntervals(monday, rules, 'UTC');
    expect(hours).toBeDefined();
    expect(new Date(hours!.start).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(hours!.end - hours!.start).toBe(3 * 3_600_000);
    // A Monday rule leaves Tuesday free, whatever the viewer's zone (a few hours' offset at most).
    expect(workingIntervals(tuesday, rules, 'UTC')).toEqual([]);
  });

  it('shows at least 08:00–18:00 and widens to every block in view', () => {
    const day = new Date(2026, 2, 2);
    expect(visibleHours([day], [])).toEqual({ first: 8, last: 18 });
    const early = { start: new Date(2026, 2, 2, 6, 30).getTime(), end: new Date(2026, 2, 2, 7).getTime() };
    const late = { start: new Date(2026, 2, 2, 19).getTime(), end: new Date(2026, 2, 2, 19, 45).getTime() };
    expect(visibleHours([day], [early, late])).toEqual({ first: 6, last: 20 });
    // A block on another day does not widen this one.
    const elsewhere = { start: new Date(2026, 2, 5, 5).getTime(), end: new Date(2026, 2, 5, 6).getTime() };
    expect(visibleHours([day], [elsewhere])).toEqual({ first: 8, last: 18 });
  });

  it('puts overlapping blocks side by side and lone blocks full width', () => {
    const a = { id: 'a', start: 0, end: 30 };
    const b = { id: 'b', start: 0, end: 30 };
    const c = { id: 'c', start: 30, end: 60 };
    const placed = assignLanes([a, b, c]);
    expect(placed.map((p) => [p.block.id, p.lane, p.lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 1],
    ]);
  });
});
