import { describe, expect, it } from 'vitest';
import { DateTimeScalar, isoTimeOf } from './scalars.js';

describe('isoTimeOf', () => {
  it('writes what toISOString writes, for instants across days, years, leap days and centuries', () => {
    const instants = [
      Date.UTC(2026, 2, 2, 9, 30),
      Date.UTC(2026, 2, 2, 9, 30, 0, 1),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2000, 0, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999), // before the epoch: negative times
      Date.UTC(1000, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      0,
      -1,
    ];
    // And a spread of instants, in and out of time order (the day's part is kept from the last call).
    let seed = 42;
    for (let i = 0; i < 5000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      instants.push(Date.UTC(1900, 0, 1) + Math.floor((seed / 2 ** 31) * 200 * 365.25 * 86_400_000));
    }
    for (const time of [...instants, ...[...instants].sort((a, b) => a - b)]) {
      const date = new Date(time);
      expect(isoTimeOf(date)).toBe(date.toISOString());
    }
  });

  it('leaves years outside 1000–9999 and invalid dates to toISOString', () => {
    for (const time of [Date.UTC(999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1), Date.UTC(-1, 0, 1)]) {
      expect(isoTimeOf(new Date(time))).toBe(new Date(time).toISOString());
    }
    expect(() => isoTimeOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('is what the DateTime scalar writes', () => {
    const date = new Date(Date.UTC(2026, 11, 2, 7, 5, 3, 40));
    expect(DateTimeScalar.serialize(date)).toBe('2026-12-02T07:05:03.040Z');
    expect(DateTimeScalar.serialize('2026-12-02T08:05:03.040+01:00')).toBe('2026-12-02T07:05:03.040Z');
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow('DateTime cannot represent an invalid date.');
  });
});
