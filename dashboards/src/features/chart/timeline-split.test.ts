import { describe, expect, it } from 'vitest';
import { splitTimeline } from './timeline-split';

const now = Date.parse('2026-12-06T09:00:00Z');
const entry = (id: string, kind: string, at: string) => ({ id, kind, at });

describe('splitTimeline', () => {
  it('puts visits ahead first, soonest first, and keeps the history newest first', () => {
    const entries = [
      entry('far', 'APPOINTMENT', '2027-01-28T15:00:00Z'),
      entry('near', 'APPOINTMENT', '2026-12-08T08:40:00+01:00'),
      entry('written-since', 'MEDICAL_RECORD', '2026-12-06T09:05:00Z'),
      entry('this-morning', 'APPOINTMENT', '2026-12-06T08:00:00Z'),
      entry('last-week', 'PRESCRIPTION', '2026-11-27T11:00:00Z'),
    ];
    const { upcoming, history } = splitTimeline(entries, now);
    expect(upcoming.map((e) => e.id)).toEqual(['near', 'far']);
    expect(history.map((e) => e.id)).toEqual(['written-since', 'this-morning', 'last-week']);
  });
});
