import { useEffect, useRef, useState } from 'react';

interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor?: string | null;
}

/**
 * A query's `fetchMore`: the next page, which the cache's paged-list policy (`app/cache.ts`)
 * appends to the list (no `updateQuery`).
 */
type FetchMore = (options: { variables: { after: string } }) => Promise<unknown>;

/** The state of a list's "Load more" (shown by `LoadMore`). */
export interface MoreState {
  readonly loadingMore: boolean;
  /** Why the last "Load more" failed, until it is tried again. */
  readonly loadMoreError: unknown;
  readonly loadMore: () => Promise<void>;
}

/** "Load more" for a connection: the page after `pageInfo.endCursor`, its progress and its failure. */
export function useLoadMore(pageInfo: PageInfo | undefined, fetchMore: FetchMore): MoreState {
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>();

  async function loadMore() {
    if (!pageInfo?.endCursor) {
      return;
    }
    setLoadingMore(true);
    setLoadMoreError(undefined);
    try {
      await fetchMore({ variables: { after: pageInfo.endCursor } });
    } catch (error) {
      setLoadMoreError(error ?? new Error('The next page did not load.'));
    } finally {
      setLoadingMore(false);
    }
  }

  return { loadingMore, loadMoreError, loadMore };
}

/**
 * The `useQuery` options of a list read with {@link useEveryPage}: a refetch replaces the list, and
 * the hook then fetches every later page again. The client's default merge keeps the pages loaded
 * after the first, which suits lists read newest first; a list read oldest first (a week, a
 * worklist) would keep a stale tail and never show what was booked beyond its first page.
 */
export const WHOLE_LIST = { refetchWritePolicy: 'overwrite' } as const;

/**
 * Every page of a connection, for a list shown whole (a week, a day's worklist): each next page is
 * fetched as soon as the one before it arrives. When one fails, `incompleteError` says why (the
 * list shown is only the part before it) until `retry` fetches it again.
 */
export function useEveryPage(pageInfo: PageInfo | undefined, fetchMore: FetchMore) {
  const latest = useRef(fetchMore);
  useEffect(() => {
    latest.current = fetchMore;
  });
  const [failure, setFailure] = useState<{ readonly after: string; readonly error: unknown }>();
  const [attempt, setAttempt] = useState(0);
  const next = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  useEffect(() => {
    if (!next) {
      return;
    }
    let current = true;
    latest.current({ variables: { after: next } }).then(
      () => {
        if (current) {
          setFailure(undefined);
        }
      },
      (error: unknown) => {
        if (current) {
          setFailure({ after: next, error: error ?? new Error('A page did not load.') });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [next, attempt]);
  return {
    /** Why a later page did not load: the list is incomplete. */
    incompleteError: failure && failure.after === next ? failure.error : undefined,
    retry: () => setAttempt((n) => n + 1),
  };
}
