import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { utcTimestampOf } from './read-rows.js';

/** The ORM's own reading of a timestamp's text (postgres-date), which the read rows used alone before. */
const platform = new PostgreSqlPlatform();

describe('utcTimestampOf', () => {
  it("gives the ORM's instant for PostgreSQL's text of a timestamptz in UTC", () => {
    const texts = [
      '2026-03-02 09:30:00+00',
      '2026-03-02 09:30:00.5+00',
      '2026-03-02 09:30:00.12+00',
      '2026-03-02 09:30:00.123+00',
      '2026-03-02 09:30:00.123456+00',
      '2026-03-02 09:30:00.999999+00',
      '2024-02-29 23:59:59.999+00',
      '1969-12-31 23:59:59.999+00',
      '1000-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999999+00',
    ];
    let seed = 7;
    for (let i = 0; i < 2000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const date = new Date(Date.UTC(1950, 0, 1) + Math.floor((seed / 2 ** 31) * 120 * 365.25 * 86_400_000));
      const micros = String(seed % 1_000_000)
        .padStart(6, '0')
        .slice(0, 1 + (seed % 6));
      texts.push(`${date.toISOString().slice(0, 19).replace('T', ' ')}${seed % 3 === 0 ? '' : `.${micros}`}+00`);
    }
    for (const text of texts) {
      expect(utcTimestampOf(text), text).toBe(platform.parseDate(text).getTime());
    }
  });

  it('leaves any other text to the parser', () => {
    for (const text of [
      '2026-03-02 10:30:00+01',
      '2026-03-02 09:30:00+00:30',
      '2026-03-02 09:30:00',
      '2026-03-02T09:30:00.000Z',
      '0099-03-02 09:30:00+00',
      '0999-03-02 09:30:00+00',
      '2026-03-02 09:30:00+00 BC',
      '12026-03-02 09:30:00+00',
      '2026-03-02 09:30:00.+00',
      '2026-03-02 09:30:00.1234567+00',
      '2026-03-02 09:3x:00+00',
      'infinity',
      '-infinity',
      '',
    ]) {
      expect(utcTimestampOf(text), text).toBeUndefined();
    }
  });
});
