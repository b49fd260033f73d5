import { describe, expect, it } from 'vitest';
import { linkableVisits } from './visit-options';

const now = new Date(2026, 10, 5, 11, 0);
const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();

describe('linkableVisits', () => {
  const visits = [
    { id: 'mine-old', startsAt: at(1, 9), status: 'COMPLETED', doctorId: 'me' },
    { id: 'mine-today', startsAt: at(5, 10), status: 'CHECKED_IN', doctorId: 'me' },
    { id: 'mine-today-later', startsAt: at(5, 16), status: 'CONFIRMED', doctorId: 'me' },
    { id: 'mine-cancelled', startsAt: at(5, 11), status: 'CANCELLED', doctorId: 'me' },
    { id: 'mine-missed', startsAt: at(3, 11), status: 'NO_SHOW', doctorId: 'me' },
    { id: 'colleague-today', startsAt: at(5, 11), status: 'CONFIRMED', doctorId: 'colleague' },
  ];

  it('offers only my visits that took or will take place, newest first, defaulting to today’s nearest', () => {
    const { visits: offered, defaultId } = linkableVisits(visits, 'me', now);
    expect(offered.map((v) => v.id)).toEqual(['mine-today-later', 'mine-today', 'mine-old']);
    expect(defaultId).toBe('mine-today');
  });

  it('defaults to the most recent started visit when none is today, and to none without one', () => {
    expect(linkableVisits(visits.slice(0, 1), 'me', now).defaultId).toBe('mine-old');
    expect(linkableVisits(visits, 'someone else', now)).toEqual({ visits: [], defaultId: undefined });
  });
});
