import { AttachmentList } from '../../shared/AttachmentList';
import { useQuery } from '@apollo/client/react';
import { Alert, Box, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useMemo } from 'react';
import { getFragmentData } from '../../gql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { DoctorName } from '../doctors/DoctorName';
import { isCritical, LabOrderStatusBadge } from './LabFlag';
import { LabResultsTable } from './LabResultsTable';
import { LabTrend } from './LabTrend';
import { LabOrderCardFragment, LabResultRowFragment, MyLabOrdersQuery } from './operations';

/** `/patient/labs`: results with plain-language flags, and one test over time. */
export function MyLabResultsPage() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyLabOrdersQuery);
  const connection = data?.me.patient?.labOrders;
  const patientId = data?.me.patient?.id;
  // Older orders come with "Load more"; the trend reads its test's whole history itself.
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const zone = viewerTimeZone();
  const orders = useMemo(
    () => (data?.me.patient?.labOrders.edges ?? []).map((edge) => getFragmentData(LabOrderCardFragment, edge.node)),
    [data],
  );
  return (
    <Stack gap="8">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        My lab results
      </Heading>
      {loading && !data ? (
        <LoadingList label="Loading your lab results…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : orders.length === 0 ? (
        <EmptyState title="No lab tests yet" description="When your doctor orders tests, the results appear here." />
      ) : (
        <>
          {patientId ? <LabTrend patientId={patientId} orders={orders} resultLabel="Your result" level="h2" /> : null}
          <Stack as="section" gap="4">
            <Heading as="h2" size="lg">
              Results
            </Heading>
            {orders.map((order) => {
              const results = order.results.map((ref) => getFragmentData(LabResultRowFragment, ref));
              const attention = results.filter((result) => result.interpretation && result.interpretation !== 'NORMAL');
              return (
                <Box key={order.id} borderWidth="1px" borderRadius="l3" p="4" bg="bg">
                  <Stack gap="3">
                    <HStack gap="2" wrap="wrap">
                      <LabOrderStatusBadge status={order.status} />
                      <Text fontSize="sm" color="fg.muted">
                        Ordered {formatDateTime(order.orderedAt, zone)} by <DoctorName doctor={order.doctor} />
                      </Text>
                    </HStack>
                    {order.status === 'RESULTED' ? (
                      <>
                        <Text>
                          {attention.length === 0
                            ? 'All results are in the normal range.'
                            : `${attention.length} result${attention.length > 1 ? 's are' : ' is'} outside the normal range. Your doctor will discuss ${attention.length > 1 ? 'them' : 'it'} with you.`}
                        </Text>
                        {attention.some((result) => isCritical(result.interpretation)) ? (
                          <Alert.Root status="error" borderRadius="l2">
                            <Alert.Indicator />
                            <Alert.Title>
                              A result is far outside the normal range. Your doctor has been told at once.
                            </Alert.Title>
                          </Alert.Root>
                        ) : null}
                        <LabResultsTable results={order.results} plain />
                      </>
                    ) : order.status === 'CANCELLED' ? (
                      <Text color="fg.muted">This order was cancelled.</Text>
                    ) : (
                      <Text color="fg.muted">
                        Waiting for results: {order.tests.map((test) => test.name).join(' · ')}
                      </Text>
                    )}
                    <AttachmentList attachments={order.attachments} label="Laboratory reports" />
                  </Stack>
                </Box>
              );
            })}
            <LoadMore
              count={orders.length}
              total={connection?.totalCount}
              noun="lab order"
              hasNextPage={connection?.pageInfo.hasNextPage}
              more={more}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}
