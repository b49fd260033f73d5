import { raw, type EntityDictionary, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
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
export type CursorPart = 'time' | 'id' | 'text';

/** The keys a cursor of these lists holds. */
export const TIME_THEN_ID: readonly CursorPart[] = ['time', 'id'];
export const NAME_THEN_ID: readonly CursorPart[] = ['text', 'text', 'id'];

const MAX_CURSOR_LENGTH = 2_000;

function fits(value: unknown, part: CursorPart): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  switch (part) {
    case 'id':
      return isUuid(value);
    case 'time':
      // Exactly what `cursorTime` writes: a real instant, after year 0000 (PostgreSQL has none).
      return !value.startsWith('0000') && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
    case 'text':
      return value.length <= 500 && !value.includes('\u0000');
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
  if (cursor.length <= MAX_CURSOR_LENGTH) {
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

/** A timestamp as it travels in a cursor (microsecond-safe ISO string). */
export function cursorTime(date: Date): string {
  return isoTimeOf(date);
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
          { [property]: { [beyond]: new Date(after[0]!) } },
          { [property]: new Date(after[0]!), id: { [beyond]: String(after[1]) } },
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
  const rows = await em.find(entity, page, {
    orderBy: { [property]: direction, id: direction } as never,
    limit: limit + 1,
    ...(options.populate?.length ? { populate: options.populate as never, strategy: 'joined' as const } : {}),
  });
  return toConnection(
    rows,
    limit,
    (row) => [cursorTime((row as unknown as Record<string, Date>)[property]!), row.id],
    () => em.count(entity, conditions),
  );
}

/** The column of the first page's rows that carries the total (a window count). */
const TOTAL = 'total_count__';

/**
 * A page of people (patients, doctors) in name order — last name, first name, then id as the
 * unique tie-break — from the query `scoped` builds (alias `alias`, filters applied).
 *
 * With `em`, the first page carries the total in the same statement (`count(*) over ()`): a
 * search already finds every match to sort them, so counting them again was a second statement
 * doing the same work. Later pages (after a cursor) count separately, and only when asked.
 */
export async function namePage<T extends { id: string; lastName: string; firstName: string }>(
  scoped: () => QueryBuilder<T>,
  alias: string,
  args: PageArgs,
  em?: EntityManager,
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, NAME_THEN_ID);
  if (em && !after) {
    const qb = scoped();
    const entity = qb.mainAlias.entityName;
    const found = await qb
      .select([`${alias}.*`, raw(`count(*) over () as ${TOTAL}`)])
      .orderBy({ lastName: 'asc', firstName: 'asc', id: 'asc' })
      .limit(limit + 1)
      .execute<Record<string, unknown>[]>('all', true);
    const total = Number(found[0]?.[TOTAL] ?? 0);
    const rows = found.map(({ [TOTAL]: _total, ...row }) => em.map<T>(entity, row as EntityDictionary<T>));
    return toConnection(
      rows,
      limit,
      (row) => [row.lastName, row.firstName, row.id],
      () => Promise.resolve(total),
    );
  }
  const page = scoped().select(`${alias}.*`);
  if (after) {
    page.andWhere(`(${alias}.last_name, ${alias}.first_name, ${alias}.id) > (?, ?, ?::uuid)`, after);
  }
  const rows = await page
    .orderBy({ lastName: 'asc', firstName: 'asc', id: 'asc' })
    .limit(limit + 1)
    .getResultList();
  return toConnection(
    rows,
    limit,
    (row) => [row.lastName, row.firstName, row.id],
    () => scoped().getCount(),
  );
}
