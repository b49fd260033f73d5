import type { Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Flex, Heading, Link, Stack, Text } from '@chakra-ui/react';
import { useId } from 'react';
import { Link as RouterLink } from 'react-router';
import { getFragmentData } from '../../gql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { useAuth } from '../auth/AuthProvider';
import { coveringFor } from '../doctors/covering';
import { plainMessage } from '../../shared/graphql-errors';
import { ErrorState } from '../../shared/ui';
import { BriefResults } from './BriefResults';
import { isCritical } from './LabFlag';
import {
  LabResultRowFragment,
  LabResultsToReviewCountQuery,
  LabResultsToReviewQuery,
  MarkLabResultsReviewedMutation,
} from './operations';

type ToReview = NonNullable<ReturnType<typeof useToReview>['data']>['labResultsToReview'][number];

/** Results arrive between visits: the count is asked for again this often (a count, no results read). */
const COUNT_EVERY_MS = 120_000;

/** How many results wait for the doctor's review, for the Today tab's badge; 0 while unknown. */
export function useResultsToReviewCount(): number {
  const { data } = useQuery(LabResultsToReviewCountQuery, { pollInterval: COUNT_EVERY_MS });
  return data?.labResultsToReviewCount ?? 0;
}

/**
 * "Mark reviewed", wherever it is pressed (the Today list, the chart's lab card): the order leaves
 * the cached worklist at once and the badge's count is asked again. The worklist itself is not
 * read again: every order in it would be a chart read, audited, once more.
 */
export function useMarkReviewed() {
  return useMutation(MarkLabResultsReviewedMutation, {
    refetchQueries: [LabResultsToReviewCountQuery],
    update(cache, { data }) {
      const reviewed = data?.markLabResultsReviewed.id;
      if (!reviewed) {
        return;
      }
      cache.modify<{ labResultsToReview: readonly Reference[] }>({
        fields: {
          labResultsToReview: (existing, { readField }) => existing.filter((ref) => readField('id', ref) !== reviewed),
        },
      });
    },
  });
}

function useToReview() {
  // Read afresh whenever the page opens: results arrive between visits.
  return useQuery(LabResultsToReviewQuery, { fetchPolicy: 'cache-and-network' });
}

/**
 * The doctor's lab results not yet marked reviewed, those with a critical result first, each with
 * its patient (to their chart) and "Mark reviewed". Nothing when none is waiting.
 */
export function ResultsToReview() {
  const { data, error, refetch } = useToReview();
  const list = data?.labResultsToReview ?? [];
  if (error) {
    return <ErrorState error={error} title="Results to review did not load" onRetry={() => void refetch()} />;
  }
  if (list.length === 0) {
    return null;
  }
  return (
    <Stack as="section" gap="3" aria-labelledby="results-to-review">
      <Heading as="h2" size="lg" id="results-to-review">
        Results to review ({list.length}
        {list.length >= 100 ? '+' : ''})
      </Heading>
      <Stack as="ul" listStyleType="none" gap="2" p="0" m="0">
        {list.map((order) => (
          <ReviewRow key={order.id} order={order} />
        ))}
      </Stack>
    </Stack>
  );
}

function ReviewRow({ order }: { order: ToReview }) {
  const [review, reviewing] = useMarkReviewed();
  const nameId = useId();
  const critical = order.results.some((ref) => isCritical(getFragmentData(LabResultRowFragment, ref).interpretation));
  const name = `${order.patient.firstName} ${order.patient.lastName}`;
  const zone = viewerTimeZone();
  const covering = coveringFor(order.doctor, useAuth().user?.doctor?.id, zone);
  return (
    <Box
      as="li"
      borderWidth={critical ? '2px' : '1px'}
      borderColor={critical ? 'red.solid' : undefined}
      borderRadius="l2"
      bg="bg"
      p="3"
    >
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="1">
          <Flex gap="2" align="center" wrap="wrap">
            <Link asChild fontWeight="semibold" id={nameId}>
              <RouterLink to={`/doctor/patients/${order.patient.id}`}>{name}</RouterLink>
            </Link>
            {critical ? <Badge colorPalette="red">Critical</Badge> : null}
            {order.resultedAt ? (
              <Text fontSize="sm" color="fg.muted">
                Resulted {formatDateTime(order.resultedAt, zone)}
                {covering ? ` · ordered by ${covering.doctor} (${covering.why})` : ''}
              </Text>
            ) : null}
          </Flex>
          <BriefResults results={order.results} />
        </Stack>
        <Button
          size="sm"
          variant="outline"
          loading={reviewing.loading}
          aria-describedby={nameId}
          onClick={() => void review({ variables: { orderId: order.id } }).catch(() => undefined)}
        >
          Mark reviewed
        </Button>
      </Flex>
      {reviewing.error ? (
        <Alert.Root status="error" size="sm" mt="2">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(reviewing.error)}</Alert.Title>
        </Alert.Root>
      ) : null}
    </Box>
  );
}
