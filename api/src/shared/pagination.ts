import type { EntityDictionary, EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from './errors.js';
import { isUuid } from './ids.js';
import type { ConnectionShape } from './connection.js';
import { isoTimeOf } from './scalars.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many to return: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from a previous page: continue after it.' })
  after?: string | null;
}

/** The page size asked for, or BAD_USER_INPUT naming `first`. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput([{ field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

export type CursorValue = string | number;

/** What each value of a cursor must be: an instant, a row's id, or a piece of sortable text. */
export type CursorPart = 'time' | 'id' | 'text' | 'time?' | 'counter';

/** The keys a cursor of these lists holds. */
export const TIME_THEN_ID: readonly CursorPart[] = ['time', 'id'];
export const NAME_THEN_ID: readonly CursorPart[] = ['text', 'text', 'id'];
/** A feed in PostgreSQL's transaction order: a transaction id (`xid8`), then the row's id. */
export const XID_THEN_ID: readonly CursorPart[] = ['counter', 'id'];
/** A name's list ordered first by an instant each row may lack (`''` for a row without it). */
export const KEY_NAME_THEN_ID: readonly CursorPart[] = ['time?', 'text', 'text', 'id'];

const MAX_CURSOR_LENGTH = 2_000;
/** A cursor's text: base64url, as `encodeCursor` writes it (other characters would be dropped by the decoder). */
const CURSOR_TEXT = /^[A-Za-z0-9_-]*$/;
/** A cursor's instant: UTC, to the millisecond (every cursor written before microseconds) or microsecond. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{6})Z$/;

function fits(value: unknown, part: CursorPart): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  switch (part) {
    case 'time?':
      return value === '' || fits(value, 'time');
    case 'id':
      return isUuid(value);
    case 'time':
      // Exactly what `cursorTime` writes (milliseconds, or microseconds when the row had them): a
      // real instant, after year 0000 (PostgreSQL has none).
      return (
        CURSOR_TIME.test(value) &&
        !value.startsWith('0000') &&
        !Number.isNaN(Date.parse(value)) &&
        new Date(value).toISOString() === `${value.slice(0, 23)}Z`
      );
    case 'text':
      return value.length <= 500 && !value.includes('\u0000');
    case 'counter':
      // An unsigned 64-bit counter as decimal text (PostgreSQL's xid8): at most 20 digits, within range.
      return /^\d{1,20}$/.test(value) && BigInt(value) < 2n ** 64n;
  }
}

/** An opaque cursor over the sort key values of a row (the last one always its unique id). */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key values in a cursor, each checked against what it must be (so a forged or stale
 * cursor never reaches SQL), or BAD_USER_INPUT naming `after`.
 */
export function decodeCursor(cursor: string | null | undefined, parts: readonly CursorPart[]): string[] | undefined {
  if (cursor === null || cursor === undefined) {
    return undefined;
  }
  if (cursor.length <= MAX_CURSOR_LENGTH && CURSOR_TEXT.test(cursor)) {
    try {
      const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        Array.isArray(values) &&
        values.length === parts.length &&
        values.every((value, index) => fits(value, parts[index]!))
      ) {
        return values as string[];
      }
    } catch {
      // reported below
    }
  }
  throw badInput([{ field: 'after', message: 'is not a cursor from this list' }]);
}

/** An edge whose cursor is written when it is read (a client that selects no cursor costs none). */
class LazyEdge<T> {
  private written: string | undefined;

  constructor(
    readonly node: T,
    private readonly cursorOf: (row: T) => readonly CursorValue[],
  ) {}

  get cursor(): string {
    return (this.written ??= encodeCursor(this.cursorOf(this.node)));
  }
}

/**
 * A list's total for {@link toConnection}: when the client asked for it, started now, beside the
 * page's own read (one round trip); else read only if asked later. A failure is `totalCount`'s to
 * report, not the page's.
 */
export function totalFor(asked: boolean, count: () => Promise<number>): () => Promise<number> {
  const started = asked ? count() : undefined;
  started?.catch(() => undefined);
  return () => started ?? count();
}

/**
 * A page from `limit + 1` rows fetched in sort order: the extra row only tells whether there is
 * a next page. `totalCount` is computed only when a client asks for it.
 */
export function toConnection<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (row: T) => readonly CursorValue[],
  count: () => Promise<number>,
): ConnectionShape<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => new LazyEdge(node, cursorOf));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      // Written when read, as the edges' cursors are (the chart's lists select none).
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    get totalCount() {
      return (total ??= count()) as unknown as number;
    },
  };
}

/** The digits of a second (six) of instants read finer than their Date holds, by the Date. */
const microseconds = new WeakMap<Date, string>();

const isDigit = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
};

/**
 * `date`, read from PostgreSQL's text of a timestamptz (`2026-03-02 09:30:00.123456+00`, or as JSON
 * `2026-03-02T09:30:00.123456+00:00`): when the text has a finer fraction than the Date's
 * milliseconds (a time written by SQL's `now()`), its microseconds are kept beside the Date, so
 * the cursor of its row carries them (see {@link cursorTime}). Rows read for a time-ordered page
 * pass their sort key through here.
 */
export function keepMicroseconds<T>(date: T, text: unknown): T {
  // PostgreSQL drops a fraction's trailing zeros: a fourth digit means microseconds.
  if (
    date instanceof Date &&
    typeof text === 'string' &&
    text.charCodeAt(19) === 46 &&
    isDigit(text, 20) &&
    isDigit(text, 21) &&
    isDigit(text, 22) &&
    isDigit(text, 23)
  ) {
    let end = 24;
    while (end < 26 && isDigit(text, end)) {
      end += 1;
    }
    microseconds.set(date, text.slice(20, end).padEnd(6, '0'));
  }
  return date;
}

/**
 * A timestamp as it travels in a cursor: ISO in UTC, to the microsecond when the row's was read
 * with them ({@link keepMicroseconds}), else to the millisecond. A cursor's instant must be the
 * row's own: one rounded to the millisecond falls between rows of the same millisecond, and a
 * page after it would skip or repeat them.
 */
export function cursorTime(date: Date): string {
  const iso = isoTimeOf(date);
  const fraction = microseconds.get(date);
  return fraction === undefined ? iso : `${iso.slice(0, -4)}${fraction}Z`;
}

/** `date` in microseconds since 1970, as exact as it was read: to sort rows read from several statements. */
export function timeMicros(date: Date): number {
  const fraction = microseconds.get(date);
  return date.getTime() * 1000 + (fraction === undefined ? 0 : Number(fraction.slice(3)));
}

/** The conditions of a time-ordered page: `where`, and after the cursor's (time, id) when there is one. */
export function timePageConditions<T>(
  where: readonly object[],
  property: string,
  direction: 'asc' | 'desc',
  after: readonly string[] | undefined,
): FilterQuery<T> {
  if (!after) {
    return { $and: [...where] } as FilterQuery<T>;
  }
  const beyond = direction === 'asc' ? '$gt' : '$lt';
  return {
    $and: [
      ...where,
      {
        $or: [
          // The cursor's text, not a Date: it may hold microseconds.
          { [property]: { [beyond]: after[0]! } },
          { [property]: after[0]!, id: { [beyond]: String(after[1]) } },
        ],
      },
    ],
  } as FilterQuery<T>;
}

/**
 * A page of `entity` rows matching every condition of `where`, ordered by a timestamp property
 * then id (a keyset: stable under inserts, no OFFSET), with a total count only when asked for.
 */
export async function timePage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: readonly object[],
  property: string,
  direction: 'asc' | 'desc',
  args: PageArgs,
  options: { populate?: readonly string[] } = {},
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, TIME_THEN_ID);
  const conditions = { $and: [...where] } as FilterQuery<T>;
  const page = timePageConditions<T>(where, property, direction, after);
  const rows = await findInTimeOrder(em, entity, page, property, direction, limit + 1, options.populate);
  return toConnection(
    rows,
    limit,
    (row) => [cursorTime((row as unknown as Record<string, Date>)[property]!), row.id],
    () => em.count(entity, conditions),
  );
}

/**
 * What `em.find` gives — `entity` rows matching `where`, ordered by a timestamp property then id,
 * at most `limit`, with `populate`d relations — but read through the query builder, so that the
 * sort key's text is seen and its microseconds kept for the rows' cursors ({@link keepMicroseconds}).
 */
export async function findInTimeOrder<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  property: string,
  direction: 'asc' | 'desc',
  limit: number,
  populate?: readonly string[],
): Promise<T[]> {
  const props = em.getMetadata().get<T>(entity as never).properties as Record<string, { fieldNames: string[] }>;
  const field = props[property]!.fieldNames[0]!;
  const found = await em
    .createQueryBuilder(entity, 't')
    .select('t.*')
    .where(where)
    .orderBy({ [property]: direction, id: direction })
    .limit(limit)
    .execute<Record<string, unknown>[]>('all', false);
  const rows = found.map((row) => {
    const mapped = em.map(entity, row as EntityDictionary<T>);
    keepMicroseconds((mapped as Record<string, unknown>)[property], row[field]);
    return mapped;
  });
  if (populate?.length) {
    await em.populate(rows, populate as never);
  }
  return rows;
}
