import { Alert, Button, Text } from '@chakra-ui/react';
import { plainMessage } from '../graphql-errors';
import type { MoreState } from '../useLoadMore';
import { formatCount } from '../format-number';

/**
 * "Showing N (of M) things" under a list, and a "Load more" button while there is a next page; a
 * failed "Load more" says so in place, with "Try again".
 */
export function LoadMore({
  count,
  total,
  noun,
  plural = `${noun}s`,
  hasNextPage,
  more,
  onLoadMore,
  label = 'Load more',
}: {
  readonly count: number;
  /** How many there are in all, when the list knows (its `totalCount`). */
  readonly total?: number | undefined;
  /** Singular; the plural adds an "s" unless given. */
  readonly noun: string;
  readonly plural?: string;
  readonly hasNextPage: boolean | undefined;
  /** The list's `useLoadMore`. */
  readonly more: MoreState;
  /** Instead of `more.loadMore()` (which it should end with). */
  readonly onLoadMore?: () => void;
  readonly label?: string;
}) {
  const load = onLoadMore ?? (() => void more.loadMore());
  return (
    <>
      <Text fontSize="sm" color="fg.muted" aria-live="polite">
        Showing {formatCount(count)}
        {total !== undefined && total > count ? ` of ${formatCount(total)}` : ''}{' '}
        {Math.max(count, total ?? 0) === 1 ? noun : plural}
      </Text>
      {hasNextPage ? <LoadMoreButton more={more} plural={plural} label={label} onLoadMore={load} /> : null}
    </>
  );
}

/** The "Load more" button alone, or in its place why the last try failed, with "Try again". */
export function LoadMoreButton({
  more,
  plural,
  label,
  onLoadMore,
  size = 'md',
}: {
  readonly more: MoreState;
  readonly plural: string;
  readonly label: string;
  readonly onLoadMore: () => void;
  readonly size?: 'sm' | 'md';
}) {
  if (more.loadMoreError && !more.loadingMore) {
    return <LoadMoreFailed error={more.loadMoreError} plural={plural} onRetry={onLoadMore} />;
  }
  return (
    <Button variant="outline" size={size} alignSelf="center" loading={more.loadingMore} onClick={onLoadMore}>
      {label}
    </Button>
  );
}

/** A next page that did not load: why, and "Try again". */
function LoadMoreFailed({ error, plural, onRetry }: { error: unknown; plural: string; onRetry: () => void }) {
  return (
    <Alert.Root status="error" borderRadius="l3" alignItems="center" role="alert">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>More {plural} did not load</Alert.Title>
        <Alert.Description>{plainMessage(error) || 'Something went wrong. Please try again.'}</Alert.Description>
      </Alert.Content>
      <Button size="sm" variant="outline" colorPalette="red" onClick={onRetry} flexShrink={0}>
        Try again
      </Button>
    </Alert.Root>
  );
}

/** A list shown whole (`useEveryPage`) whose later page did not load: it is incomplete. */
export function IncompleteList({
  error,
  plural,
  onRetry,
}: {
  readonly error: unknown;
  readonly plural: string;
  readonly onRetry: () => void;
}) {
  if (!error) {
    return null;
  }
  return (
    <Alert.Root status="warning" borderRadius="l3" alignItems="center" role="alert">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>Not all {plural} are shown</Alert.Title>
        <Alert.Description>
          Part of the list did not load, so more may exist than you see.{' '}
          {plainMessage(error) || 'Something went wrong.'}
        </Alert.Description>
      </Alert.Content>
      <Button size="sm" variant="outline" colorPalette="orange" onClick={onRetry} flexShrink={0}>
        Try again
      </Button>
    </Alert.Root>
  );
}
