import { Button, Text } from '@chakra-ui/react';

/** "Showing N (of M) things" under a list, and a "Load more" button while there is a next page. */
export function LoadMore({
  count,
  total,
  noun,
  hasNextPage,
  loading,
  onLoadMore,
}: {
  readonly count: number;
  /** How many there are in all, when the list knows (its `totalCount`). */
  readonly total?: number | undefined;
  /** Singular; the plural adds an "s". */
  readonly noun: string;
  readonly hasNextPage: boolean | undefined;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
}) {
  return (
    <>
      <Text fontSize="sm" color="fg.muted" aria-live="polite">
        Showing {count}
        {total !== undefined && total > count ? ` of ${total}` : ''} {noun}
        {Math.max(count, total ?? 0) === 1 ? '' : 's'}
      </Text>
      {hasNextPage ? (
        <Button variant="outline" alignSelf="center" loading={loading} onClick={onLoadMore}>
          Load more
        </Button>
      ) : null}
    </>
  );
}
