import { describe, expect, it } from 'vitest';
import { isUpcoming, splitUpcomingAndPast } from './upcoming-past';

const NOW = Date.parse('2030-03-10T10:15:00.000Z');

const visit = (
  id: string,
  startsAt: string,
  endsAt: string,
  status: 'CONFIRMED' | 'CHECKED_IN' | 'COMPLETED' | 'CANCELLED' = 'CONFIRMED',
) => ({
  id,
  startsAt,
  endsAt,
  status,
});

describe('upcoming and past appointments', () => {
  it('counts a visit in progress now as upcoming, whatever offset its times are written in', () => {
    // 10:00–10:30 UTC, written in Berlin's and New York's offsets: started 15 minutes ago, ends in 15.
    expect(isUpcoming(visit('a', '2030-03-10T11:00:00+01:00', '2030-03-10T11:30:00+01:00', 'CHECKED_IN'), NOW)).toBe(
      true,
    );
    expect(isUpcoming(visit('b', '2030-03-10T06:00:00-04:00', '2030-03-10T06:30:00-04:00'), NOW)).toBe(true);
    // Ended at 10:15 exactly: still upcoming at that instant; a minute later it is past.
    expect(isUpcoming(visit('c', '2030-03-10T10:00:00Z', '2030-03-10T10:15:00Z'), NOW)).toBe(true);
    expect(isUpcoming(visit('c', '2030-03-10T10:00:00Z', '2030-03-10T10:15:00Z'), NOW + 60_000)).toBe(false);
    // As text "2030-03-10T11:10:00+02:00" sorts after "2030-03-10T10:15", but it ended at 09:10 UTC.
    expect(isUpcoming(visit('d', '2030-03-10T10:40:00+02:00', '2030-03-10T11:10:00+02:00'), NOW)).toBe(false);
  });

  it('puts cancelled and completed visits in the past even when their time is still to come', () => {
    expect(isUpcoming(visit('e', '2030-03-11T09:00:00Z', '2030-03-11T09:30:00Z', 'CANCELLED'), NOW)).toBe(false);
    expect(isUpcoming(visit('f', '2030-03-10T10:00:00Z', '2030-03-10T10:30:00Z', 'COMPLETED'), NOW)).toBe(false);
  });

  it('orders upcoming soonest first and past newest first, by instant', () => {
    const list = [
      visit('tomorrow', '2030-03-11T09:00:00Z', '2030-03-11T09:30:00Z'),
      visit('in-progress', '2030-03-10T11:00:00+01:00', '2030-03-10T11:30:00+01:00', 'CHECKED_IN'),
      visit('later-today', '2030-03-10T08:00:00-05:00', '2030-03-10T08:30:00-05:00'),
      visit('this-morning', '2030-03-10T08:00:00Z', '2030-03-10T08:30:00Z', 'COMPLETED'),
      visit('overnight', '2030-03-09T23:30:00-02:00', '2030-03-10T00:00:00-02:00', 'COMPLETED'),
      visit('last-week', '2030-03-03T09:00:00Z', '2030-03-03T09:30:00Z', 'CANCELLED'),
    ];
    const { upcoming, past } = splitUpcomingAndPast(list, NOW);
    expect(upcoming.map((a) => a.id)).toEqual(['in-progress', 'later-today', 'tomorrow']);
    expect(past.map((a) => a.id)).toEqual(['this-morning', 'overnight', 'last-week']);
  });

  it('knows every upcoming visit is loaded once the pages reach one that has ended', () => {
    const future = visit('f', '2030-03-12T09:00:00Z', '2030-03-12T09:30:00Z');
    const inProgress = visit('p', '2030-03-10T10:00:00Z', '2030-03-10T10:30:00Z');
    const ended = visit('e', '2030-03-09T09:00:00Z', '2030-03-09T09:30:00Z', 'COMPLETED');
    expect(splitUpcomingAndPast([future, inProgress], NOW, true).upcomingComplete).toBe(false);
    expect(splitUpcomingAndPast([future, inProgress, ended], NOW, true).upcomingComplete).toBe(true);
    expect(splitUpcomingAndPast([future, inProgress], NOW, false).upcomingComplete).toBe(true);
    expect(splitUpcomingAndPast([], NOW, true).upcomingComplete).toBe(false);
  });
});
