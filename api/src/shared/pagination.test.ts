import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  cursorTime,
  decodeCursor,
  encodeCursor,
  keepMicroseconds,
  NAME_THEN_ID,
  pageSize,
  TIME_THEN_ID,
  timeMicros,
  toConnection,
} from './pagination.js';

describe('pagination', () => {
  it('defaults to 20 and refuses sizes outside 1..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow(AppError);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const id = '3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a9b';
    const cursor = encodeCursor(['2026-03-02T09:30:00.000Z', id]);
    expect(decodeCursor(cursor, TIME_THEN_ID)).toEqual(['2026-03-02T09:30:00.000Z', id]);
    expect(decodeCursor(encodeCursor(['Smith', 'Ann', id]), NAME_THEN_ID)).toEqual(['Smith', 'Ann', id]);
    expect(decodeCursor(undefined, TIME_THEN_ID)).toBeUndefined();
    expect(() => decodeCursor('garbage', TIME_THEN_ID)).toThrow(/not a cursor/);
    expect(() => decodeCursor(cursor, NAME_THEN_ID)).toThrow(/not a cursor/);
  });

  it('refuses forged cursors before they reach SQL', () => {
    const id = '3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a9b';
    for (const forged of [
      ['2026-03-02T09:30:00.000Z', 'a1b2'],
      ['not a time', id],
      ['0000-01-01T00:00:00.000Z', id],
      ['2026-13-45T09:30:00.000Z', id],
      [1, id],
      ['2026-03-02T09:30:00.000Z', id, 'extra'],
      ['2026-03-02T09:30:00.0000Z', id],
      ['2026-03-02T09:30:00.1234567Z', id],
      ['2026-03-02T09:30:00.123+00:00', id],
      ['2026-02-30T09:30:00.123456Z', id],
      ['0000-01-01T00:00:00.000000Z', id],
      ['2026-03-02T09:30:00.123\u0000Z', id],
    ]) {
      expect(() => decodeCursor(encodeCursor(forged as string[]), TIME_THEN_ID)).toThrow(/not a cursor/);
    }
    expect(() => decodeCursor(encodeCursor(['a\u0000b', 'Ann', id]), NAME_THEN_ID)).toThrow(/not a cursor/);
    expect(() => decodeCursor('x'.repeat(5_000), TIME_THEN_ID)).toThrow(/not a cursor/);
    // Characters a base64 decoder skips make another cursor, not the same one.
    const good = encodeCursor(['2026-03-02T09:30:00.000Z', id]);
    for (const suffix of ['\u0000', '=', '.', ' ']) {
      expect(() => decodeCursor(`${good}${suffix}`, TIME_THEN_ID)).toThrow(/not a cursor/);
    }
  });

  it("writes a cursor's instant as exactly as PostgreSQL's text of it held it", () => {
    const read = (text: string) => cursorTime(keepMicroseconds(new Date(text), text));
    expect(read('2026-03-02 09:30:51+00')).toBe('2026-03-02T09:30:51.000Z');
    expect(read('2026-03-02 09:30:51.22+00')).toBe('2026-03-02T09:30:51.220Z');
    expect(read('2026-03-02 09:30:51.123+00')).toBe('2026-03-02T09:30:51.123Z');
    expect(read('2026-03-02 09:30:51.1234+00')).toBe('2026-03-02T09:30:51.123400Z');
    expect(read('2026-03-02 09:30:51.12345+00')).toBe('2026-03-02T09:30:51.123450Z');
    expect(read('2026-03-02 09:30:51.999999+00')).toBe('2026-03-02T09:30:51.999999Z');
    expect(read('2026-03-02T09:30:51.000001+00:00')).toBe('2026-03-02T09:30:51.000001Z');
    expect(read('2026-03-02 11:00:51.123456+01:30')).toBe('2026-03-02T09:30:51.123456Z');
    expect(cursorTime(new Date('2026-03-02T09:30:51.123Z'))).toBe('2026-03-02T09:30:51.123Z');
    const finer = keepMicroseconds(new Date('2026-03-02T09:30:51.123Z'), '2026-03-02 09:30:51.123456+00');
    expect(timeMicros(finer) - timeMicros(new Date('2026-03-02T09:30:51.123Z'))).toBe(456);
    // Both forms decode: every cursor given out before microseconds stays valid.
    const id = '3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a9b';
    for (const time of ['2026-03-02T09:30:51.123Z', '2026-03-02T09:30:51.123456Z']) {
      expect(decodeCursor(encodeCursor([time, id]), TIME_THEN_ID)).toEqual([time, id]);
    }
  });

  it('reports a next page only when the extra row came back, and counts lazily', async () => {
    let counted = 0;
    const count = () => Promise.resolve(++counted);
    const page = toConnection([1, 2, 3], 2, (n) => [n], count);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(counted).toBe(0);
    expect(await (page.totalCount as unknown as Promise<number>)).toBe(1);
    expect(toConnection([1], 2, (n) => [n], count).pageInfo.hasNextPage).toBe(false);
  });
});
