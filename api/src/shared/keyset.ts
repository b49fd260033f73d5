import type { EntityManager } from '@mikro-orm/postgresql';
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

interface RankedRow {
  id: string;
  parent: string;
  sort: Date;
}

/** Pages of one child list, for one request: `page(parentId, args)` batches across parents. */
export interface ChildPages<T> {
  page(parentId: string, args: PageArgs): Promise<ConnectionShape<T>>;
}

/**
 * A page of a child list for many parents at once: one statement whatever the number of parents
 * (a window function ranks the rows of each parent), plus one to load the entities. Parents asked
 * for with the same page size and cursor share a batch; the total count is batched per list.
 */
export function childPages<T extends { id: string }>(
  em: EntityManager,
  list: ChildList,
  load: (em: EntityManager, ids: string[]) => Promise<T[]>,
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
        const rows = await em.execute<RankedRow[]>(
          `select id, parent, sort from (
             select t.id, t.${list.parentColumn} as parent, t.${list.sortColumn} as sort,
                    row_number() over (partition by t.${list.parentColumn}
                                       order by t.${list.sortColumn} ${list.direction}, t.id ${list.direction}) as rank
             from "${list.table}" t
             where t.${list.parentColumn} = any(?::uuid[])
               ${after ? `and (t.${list.sortColumn}, t.id) ${comparison} (?::timestamptz, ?::uuid)` : ''}
           ) ranked
           where rank <= ?`,
          [`{${parentIds.join(',')}}`, ...(after ?? []), limit + 1],
        );
        const entities = rows.length
          ? await load(
              em,
              rows.map((row) => row.id),
            )
          : [];
        const byId = new Map(entities.map((entity) => [entity.id, entity]));
        const ordered = [...rows].sort((a, b) => {
          const delta = new Date(a.sort).getTime() - new Date(b.sort).getTime() || a.id.localeCompare(b.id);
          return list.direction === 'asc' ? delta : -delta;
        });
        return parentIds.map((parent) =>
          ordered.filter((row) => row.parent === parent).flatMap((row) => byId.get(row.id) ?? []),
        );
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
