import { Button, Text } from '@chakra-ui/react';

/** "Showing N things" under a list, and a "Load more" button while there is a next page. */
export function LoadMore({
  count,
  noun,
  hasNextPage,
  loading,
  onLoadMore,
}: {
  readonly count: number;
  /** Singular; the plural adds an "s". */
  readonly noun: string;
  readonly hasNextPage: boolean | undefined;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
}) {
  return (
    <>
      <Text fontSize="sm" color="fg.muted" aria-live="polite">
        Showing {count} {noun}
        {count === 1 ? '' : 's'}
      </Text>
      {hasNextPage ? (
        <Button variant="outline" alignSelf="center" loading={loading} onClick={onLoadMore}>
          Load more
        </Button>
      ) : null}
    </>
  );
}
