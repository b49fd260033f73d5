import { useEffect, useRef, useState } from 'react';

interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor?: string | null;
}

/**
 * "Load more" for a connection: `fetchPage(after)` fetches the page after `pageInfo.endCursor`
 * (usually `fetchMore` with `appendEdges`), and `loadingMore` is true while it runs.
 */
export function useLoadMore(pageInfo: PageInfo | undefined, fetchPage: (after: string) => Promise<unknown>) {
  const [loadingMore, setLoadingMore] = useState(false);

  async function loadMore() {
    if (!pageInfo?.endCursor) {
      return;
    }
    setLoadingMore(true);
    try {
      await fetchPage(pageInfo.endCursor);
    } finally {
      setLoadingMore(false);
    }
  }

  return { loadingMore, loadMore };
}

/**
 * An `updateQuery` for `fetchMore` that appends the next page's edges of the connection at `key`;
 * the query's other fields stay as they were.
 */
export function appendEdges<K extends string>(key: K) {
  return <T extends { readonly [P in K]: { readonly edges: readonly unknown[] } }>(
    previous: T,
    { fetchMoreResult }: { fetchMoreResult: T },
  ): T => ({
    ...previous,
    [key]: { ...fetchMoreResult[key], edges: [...previous[key].edges, ...fetchMoreResult[key].edges] },
  });
}

type Connection = { readonly edges: readonly unknown[] };

/**
 * An `updateQuery` for `fetchMore` that appends the next page's edges of the connection at
 * `parent.key` (a list inside one object, e.g. `patient.timeline`); a missing parent keeps the
 * previous answer.
 */
export function appendNestedEdges<P extends string, K extends string>(parent: P, key: K) {
  return <T extends { readonly [Q in P]?: { readonly [L in K]: Connection } | null }>(
    previous: T,
    { fetchMoreResult }: { fetchMoreResult: T },
  ): T => appendAt(previous, fetchMoreResult, [parent, key]);
}

/**
 * An `updateQuery` for `fetchMore` that appends the next page's edges of the connection at the
 * end of `path` (e.g. `me.patient.labOrders`); a missing object on the way keeps the previous answer.
 */
export function appendEdgesAt(...path: readonly [string, ...string[]]) {
  return <T>(previous: T, { fetchMoreResult }: { fetchMoreResult: T }): T => appendAt(previous, fetchMoreResult, path);
}

function appendAt<T>(previous: T, next: T, path: readonly string[]): T {
  const [key, ...rest] = path;
  const before = (previous as Record<string, unknown> | null | undefined)?.[key!];
  const after = (next as Record<string, unknown> | null | undefined)?.[key!];
  if (!before || !after) {
    return previous;
  }
  const merged =
    rest.length === 0
      ? { ...(after as Connection), edges: [...(before as Connection).edges, ...(after as Connection).edges] }
      : appendAt(before, after, rest);
  return { ...previous, [key!]: merged };
}

/**
 * Every page of a connection, for a list shown whole (a week, a day's worklist): each next page is
 * fetched (`fetchPage(after)`, as for `useLoadMore`) as soon as the one before it arrives.
 */
export function useEveryPage(pageInfo: PageInfo | undefined, fetchPage: (after: string) => Promise<unknown>) {
  const latest = useRef(fetchPage);
  useEffect(() => {
    latest.current = fetchPage;
  });
  const next = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  useEffect(() => {
    if (next) {
      latest.current(next).catch(() => undefined);
    }
  }, [next]);
}
