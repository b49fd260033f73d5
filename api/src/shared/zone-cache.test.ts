import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZone, isValidZone } from './zone-cache.js';

describe('cachedZone', () => {
  it('gives the offset luxon gives, every half hour across both daylight-saving changes of a year', () => {
    for (const name of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      const zone = cachedZone(name);
      for (let ts = Date.UTC(2026, 0, 1); ts < Date.UTC(2027, 0, 1); ts += 30 * 60_000) {
        const at = new Date(ts);
        expect(DateTime.fromJSDate(at, { zone }).offset, `${name} ${at.toISOString()}`).toBe(
          DateTime.fromJSDate(at, { zone: name }).offset,
        );
      }
    }
  });

  it('places wall-clock times as luxon does on the days the clocks change', () => {
    const zone = cachedZone('Europe/Berlin');
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (const time of ['01:30', '02:30', '03:30', '09:00']) {
        const iso = `${day}T${time}`;
        expect(DateTime.fromISO(iso, { zone }).toMillis(), iso).toBe(
          DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis(),
        );
      }
    }
  });

  it('gives an unknown zone back as it is (luxon makes an invalid date of it)', () => {
    expect(cachedZone('Mars/Olympus')).toBe('Mars/Olympus');
    expect(DateTime.fromJSDate(new Date(), { zone: cachedZone('Mars/Olympus') }).isValid).toBe(false);
  });
});

describe('isValidZone', () => {
  it('answers as luxon does, the second time too', () => {
    for (const name of ['Europe/Berlin', 'America/New_York', 'UTC', 'Mars/Olympus', '', 'europe/berlin', 'Etc/GMT+5']) {
      expect([isValidZone(name), isValidZone(name)]).toEqual([IANAZone.isValidZone(name), IANAZone.isValidZone(name)]);
    }
    expect(isValidZone('Asia/Tokyo')).toBe(true);
    expect(isValidZone('Nowhere/Land')).toBe(false);
  });
});
