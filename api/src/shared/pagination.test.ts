import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

describe('pagination', () => {
  it('defaults to 20 and refuses sizes outside 1..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow(AppError);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const cursor = encodeCursor(['2026-03-02T09:30:00.000Z', 'a1b2']);
    expect(decodeCursor(cursor, 2)).toEqual(['2026-03-02T09:30:00.000Z', 'a1b2']);
    expect(decodeCursor(undefined, 2)).toBeUndefined();
    expect(() => decodeCursor('garbage', 2)).toThrow(/not a cursor/);
    expect(() => decodeCursor(cursor, 3)).toThrow(/not a cursor/);
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
