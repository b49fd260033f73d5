import { AttachmentList } from '../../shared/AttachmentList';
import { useQuery } from '@apollo/client/react';
import { Alert, Box, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { getFragmentData } from '../../gql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList, SelectField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { DoctorName } from '../doctors/DoctorName';
import { LineChart } from '../my-health/VitalsChart';
import { isCritical, LabOrderStatusBadge, referenceRange } from './LabFlag';
import { LabResultsTable } from './LabResultsTable';
import { LabOrderCardFragment, LabResultRowFragment, MyLabOrdersQuery } from './operations';

interface TrendPoint {
  readonly at: Date;
  readonly value: number;
}

/** `/patient/labs`: results with plain-language flags, and one test over time. */
export function MyLabResultsPage() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyLabOrdersQuery);
  const connection = data?.me.patient?.labOrders;
  // The trend chart draws the orders loaded so far; older ones come with "Load more".
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const zone = viewerTimeZone();
  const orders = useMemo(
    () => (data?.me.patient?.labOrders.edges ?? []).map((edge) => getFragmentData(LabOrderCardFragment, edge.node)),
    [data],
  );
  // Every numeric result by test, oldest first: what the trend chart can draw.
  const trends = useMemo(() => {
    const byCode = new Map<string, { name: string; unit: string; low?: number; high?: number; points: TrendPoint[] }>();
    for (const order of orders) {
      for (const ref of order.results) {
        const result = getFragmentData(LabResultRowFragment, ref);
        const value = Number(result.value);
        if (!result.unit || !Number.isFinite(value)) {
          continue;
        }
        const entry = byCode.get(result.code) ?? {
          name: result.name,
          unit: result.unit,
          low: result.referenceLow ?? undefined,
          high: result.referenceHigh ?? undefined,
          points: [],
        };
        entry.points.push({ at: new Date(result.resultedAt), value });
        byCode.set(result.code, entry);
      }
    }
    for (const entry of byCode.values()) {
      entry.points.sort((a, b) => a.at.getTime() - b.at.getTime());
    }
    return [...byCode.entries()].sort((a, b) => b[1].points.length - a[1].points.length);
  }, [orders]);
  const [chosen, setChosen] = useState<string>('');
  const trendCode = chosen || trends[0]?.[0] || '';
  const trend = trends.find(([code]) => code === trendCode)?.[1];

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
          {trend ? (
            <Stack as="section" gap="3">
              <Heading as="h2" size="lg">
                Over time
              </Heading>
              <Box maxW="sm">
                <SelectField
                  label="Test"
                  value={trendCode}
                  onChange={setChosen}
                  options={trends.map(([code, entry]) => ({
                    value: code,
                    label: `${entry.name} (${entry.points.length})`,
                  }))}
                />
              </Box>
              <Box maxW="3xl">
                <LineChart
                  title={trend.name}
                  unit={trend.unit}
                  dates={trend.points.map((point) => point.at)}
                  series={[
                    { label: 'Your result', color: '#2c7fb8', values: trend.points.map((point) => point.value) },
                  ]}
                  band={{ label: 'Normal range', low: trend.low, high: trend.high }}
                />
              </Box>
              <Text fontSize="sm" color="fg.muted">
                Normal range: {referenceRange(trend.low, trend.high, trend.unit) || 'not set'}.
              </Text>
            </Stack>
          ) : null}
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
