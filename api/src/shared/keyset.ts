import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader } from './batch.js';
import type { ConnectionShape } from './connection.js';
import { cursorTime, decodeCursor, pageSize, TIME_THEN_ID, toConnection, type PageArgs } from './pagination.js';

/** One list that belongs to a parent row: `appointment` rows of a `patient_id`, newest first. */
export interface ChildList {
  readonly table: string;
  readonly parentColumn: string;
  /** A timestamptz column; ties are broken by id. */
  readonly sortColumn: string;
  readonly direction: 'asc' | 'desc';
}

/** Pages of one child list, for one request: `page(parentId, args)` batches across parents. */
export interface ChildPages<T> {
  page(parentId: string, args: PageArgs): Promise<ConnectionShape<T>>;
}

/**
 * A page of a child list for many parents at once: one statement whatever the number of parents
 * (a window function ranks the rows of each parent, and the same statement returns them whole,
 * mapped to `entity`). Parents asked for with the same page size and cursor share a batch; the
 * total count is batched per list.
 */
export function childPages<T extends { id: string }>(
  em: EntityManager,
  list: ChildList,
  entity: EntityName<T>,
): ChildPages<T> {
  const pagesByArgs = new Map<string, DataLoader<string, T[]>>();
  const counts = batchLoader<string, number>(async (parentIds) => {
    const rows = await em.execute<{ parent: string; total: number }[]>(
      `select ${list.parentColumn} as parent, count(*)::int as total from "${list.table}"
       where ${list.parentColumn} = any(?::uuid[]) group by ${list.parentColumn}`,
      [`{${parentIds.join(',')}}`],
    );
    const totals = new Map(rows.map((row) => [row.parent, row.total]));
    return parentIds.map((parent) => totals.get(parent) ?? 0);
  });
  const pagesFor = (limit: number, afterInput: string | null | undefined): DataLoader<string, T[]> => {
    const key = `${limit}:${afterInput ?? ''}`;
    let pages = pagesByArgs.get(key);
    if (!pages) {
      const after = decodeCursor(afterInput, TIME_THEN_ID);
      pages = batchLoader<string, T[]>(async (parentIds) => {
        const comparison = list.direction === 'asc' ? '>' : '<';
        const rows = await em.execute<Record<string, unknown>[]>(
          `select (ranked.t).* from (
             select t, row_number() over (partition by t.${list.parentColumn}
                                          order by t.${list.sortColumn} ${list.direction}, t.id ${list.direction}) as rank
             from "${list.table}" t
             where t.${list.parentColumn} = any(?::uuid[])
               ${after ? `and (t.${list.sortColumn}, t.id) ${comparison} (?::timestamptz, ?::uuid)` : ''}
           ) ranked
           where ranked.rank <= ?`,
          [`{${parentIds.join(',')}}`, ...(after ?? []), limit + 1],
        );
        const sortOf = (row: Record<string, unknown>) => new Date(row[list.sortColumn] as Date).getTime();
        const ordered = [...rows].sort((a, b) => {
          const delta = sortOf(a) - sortOf(b) || String(a['id']).localeCompare(String(b['id']));
          return list.direction === 'asc' ? delta : -delta;
        });
        const byParent = new Map<string, T[]>();
        for (const row of ordered) {
          const parent = String(row[list.parentColumn]);
          byParent.set(parent, [...(byParent.get(parent) ?? []), em.map(entity, row as EntityDictionary<T>)]);
        }
        return parentIds.map((parent) => byParent.get(parent) ?? []);
      });
      pagesByArgs.set(key, pages);
    }
    return pages;
  };
  return {
    async page(parentId, args) {
      const limit = pageSize(args.first);
      // Validates the cursor before anything is batched (a bad one is BAD_USER_INPUT).
      decodeCursor(args.after, TIME_THEN_ID);
      const rows = await pagesFor(limit, args.after).load(parentId);
      return toConnection(
        rows,
        limit,
        (row) => [cursorTime(sortValue(row, list.sortColumn)), row.id],
        () => counts.load(parentId),
      );
    },
  };
}

function sortValue(entity: object, column: string): Date {
  const property = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return (entity as Record<string, Date>)[property]!;
}
