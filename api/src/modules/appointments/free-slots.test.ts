import { describe, expect, it } from 'vitest';
import { overlaps, type TimeInterval } from '../doctors/weekly-slots.js';
import { freeOf } from './slot.service.js';

const MINUTE = 60_000;
const interval = (start: number, minutes: number): TimeInterval => ({
  startsAt: new Date(start * MINUTE),
  endsAt: new Date((start + minutes) * MINUTE),
});

/** A small deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('freeOf', () => {
  it('keeps exactly the slots that overlap no blocked interval, in their order', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const next = random(seed);
      // Slots on a 30-minute grid, some with a second, shorter one inside them (a second rule that overlaps the first).
      const slots = Array.from({ length: 40 }, (_, index) =>
        next() < 0.2 ? [interval(index * 30, 30), interval(index * 30 + 5, 10)] : [interval(index * 30, 30)],
      )
        .flat()
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      // Blocked: appointments, time off spanning hours, holds; any order, touching, nested, overlapping.
      const blocked = Array.from({ length: Math.floor(next() * 25) }, () =>
        interval(Math.floor(next() * 1_300), [5, 30, 30, 45, 240][Math.floor(next() * 5)]!),
      );
      const expected = slots.filter((slot) => !blocked.some((other) => overlaps(slot, other)));
      expect(freeOf(slots, blocked)).toEqual(expected);
    }
  });

  it('treats touching intervals as not overlapping', () => {
    const slot = interval(60, 30);
    expect(freeOf([slot], [interval(30, 30), interval(90, 15)])).toEqual([slot]);
    expect(freeOf([slot], [interval(89, 1)])).toEqual([]);
    expect(freeOf([slot], [])).toEqual([slot]);
  });
});
