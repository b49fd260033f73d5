import { Button, Text } from '@chakra-ui/react';

/** "Showing N (of M) things" under a list, and a "Load more" button while there is a next page. */
export function LoadMore({
  count,
  total,
  noun,
  plural = `${noun}s`,
  hasNextPage,
  loading,
  onLoadMore,
}: {
  readonly count: number;
  /** How many there are in all, when the list knows (its `totalCount`). */
  readonly total?: number | undefined;
  /** Singular; the plural adds an "s" unless given. */
  readonly noun: string;
  readonly plural?: string;
  readonly hasNextPage: boolean | undefined;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
}) {
  return (
    <>
      <Text fontSize="sm" color="fg.muted" aria-live="polite">
        Showing {count}
        {total !== undefined && total > count ? ` of ${total}` : ''} {Math.max(count, total ?? 0) === 1 ? noun : plural}
      </Text>
      {hasNextPage ? (
        <Button variant="outline" alignSelf="center" loading={loading} onClick={onLoadMore}>
          Load more
        </Button>
      ) : null}
    </>
  );
}
