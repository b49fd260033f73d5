import { describe, expect, it } from 'vitest';
import { earliestToday, latestToday } from './calendar-days.js';

describe('the widest today', () => {
  it('runs from the day at UTC−12 to the day at UTC+14', () => {
    const now = new Date('2026-12-06T10:30:00Z');
    expect(earliestToday(now)).toBe('2026-12-05');
    expect(latestToday(now)).toBe('2026-12-07');
    expect(latestToday(new Date('2026-12-06T09:59:59Z'))).toBe('2026-12-06');
    expect(earliestToday(new Date('2026-12-06T12:00:00Z'))).toBe('2026-12-06');
  });
});
