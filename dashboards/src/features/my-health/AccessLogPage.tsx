import { useQuery } from '@apollo/client/react';
import { Badge, Box, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { describeAccess } from './access-wording';
import { MyAccessLogQuery } from './operations';

export function useMyAccessLog() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyAccessLogQuery, {
    fetchPolicy: 'cache-and-network',
  });
  const more = useLoadMore(data?.myAccessLog.pageInfo, fetchMore, networkStatus);
  return {
    events: data?.myAccessLog.edges.map((e) => e.node) ?? [],
    totalCount: data?.myAccessLog.totalCount,
    hasNextPage: data?.myAccessLog.pageInfo.hasNextPage,
    more,
    loading: loading && !data,
    error,
    refetch,
  };
}

/** `/patient/access-log`: who looked at my chart. */
export function AccessLogPage() {
  const { events, totalCount, hasNextPage, more, loading, error, refetch } = useMyAccessLog();
  const zone = viewerTimeZone();
  return (
    <Stack gap="6">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Who looked at my chart
        </Heading>
        <Text color="fg.muted">Every time someone reads or changes your records, it is listed here.</Text>
      </Stack>
      {loading ? (
        <LoadingList label="Loading the access log…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title="No one has opened your chart yet" />
      ) : (
        <Stack as="ul" gap="2" p="0" m="0" listStyleType="none">
          {events.map((event) => (
            <Box
              as="li"
              key={event.id}
              borderWidth="1px"
              borderRadius="l2"
              p="3"
              bg={event.emergency ? 'red.subtle' : 'bg'}
              borderColor={event.emergency ? 'red.solid' : 'border'}
            >
              <Flex justify="space-between" gap="2" wrap="wrap">
                <Text fontWeight="medium">{describeAccess(event)}</Text>
                <Text fontSize="sm" color="fg.muted">
                  {formatDateTime(event.at, zone)}
                </Text>
              </Flex>
              {event.emergency ? (
                <Flex gap="2" mt="1" align="center" wrap="wrap">
                  <Badge colorPalette="red" variant="solid">
                    Emergency access
                  </Badge>
                  {event.reason ? <Text fontSize="sm">Reason: {event.reason}</Text> : null}
                </Flex>
              ) : null}
            </Box>
          ))}
        </Stack>
      )}
      {events.length > 0 ? (
        <LoadMore
          count={events.length}
          total={totalCount}
          noun="entry"
          plural="entries"
          hasNextPage={hasNextPage}
          more={more}
        />
      ) : null}
    </Stack>
  );
}
