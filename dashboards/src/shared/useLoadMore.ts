import { NetworkStatus } from '@apollo/client';
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

/**
 * "Load more" for a connection: the page after `pageInfo.endCursor`, its progress and its failure.
 *
 * When the query is read again from its first page (`networkStatus` goes through `refetch`: a
 * mutation's `refetchQueries`, a live event's `refetch()`), the cache keeps the pages loaded after
 * it on screen but counts the list as read only up to the first page (`app/cache.ts`); the hook then
 * reads the pages the user had loaded again, one after another, so an item new after the first page
 * shows without a reload. A failure there shows like a failed "Load more".
 */
export function useLoadMore(
  pageInfo: PageInfo | undefined,
  fetchMore: FetchMore,
  networkStatus: NetworkStatus,
): MoreState {
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>();
  // Pages the user has loaded (the first and each "Load more"); after a refetch, how many of them
  // are still to read again and the cursor the last one was read after.
  const pages = useRef(1);
  const refetching = useRef(false);
  const reread = useRef<{ left: number; after: string | null }>({ left: 0, after: null });
  const latest = useRef(fetchMore);
  useEffect(() => {
    latest.current = fetchMore;
  });

  const next = pageInfo?.hasNextPage ? (pageInfo.endCursor ?? null) : null;
  useEffect(() => {
    if (networkStatus === NetworkStatus.refetch || networkStatus === NetworkStatus.poll) {
      refetching.current = true;
    } else if (networkStatus === NetworkStatus.setVariables) {
      // Another list (other filters): it starts from its first page.
      pages.current = 1;
      refetching.current = false;
      reread.current = { left: 0, after: null };
    } else if (networkStatus === NetworkStatus.ready && refetching.current) {
      refetching.current = false;
      reread.current = { left: pages.current - 1, after: null };
    }
    // One page at a time, each after the one read again before it (`next` moves on when it lands).
    const { left, after } = reread.current;
    if (left <= 0 || !next || next === after) {
      return;
    }
    reread.current = { left: left - 1, after: next };
    latest.current({ variables: { after: next } }).catch((error: unknown) => {
      reread.current = { left: 0, after: null };
      setLoadMoreError(error ?? new Error('A page did not load again.'));
    });
  }, [networkStatus, next]);

  async function loadMore() {
    if (!pageInfo?.endCursor) {
      return;
    }
    setLoadingMore(true);
    setLoadMoreError(undefined);
    try {
      await fetchMore({ variables: { after: pageInfo.endCursor } });
      pages.current += 1;
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
