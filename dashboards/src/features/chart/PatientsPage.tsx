import { Box, Field, Heading, Input, LinkBox, LinkOverlay, Stack, Text } from '@chakra-ui/react';
import { useQuery } from '@apollo/client/react';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingList, SelectField } from '../../shared/ui';
import { MyPatientsQuery } from './operations';
import { OutsideCareResults } from './OutsideCareResults';
import { genderWord } from '../patients/gender';
import { bornLine } from '../patients/PatientSummary';
import { useDebounced } from '../../shared/useDebounced';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import type { AppointmentStatus, PatientOrder } from '../../gql/graphql';

/**
 * The doctor's patients matching `search`, a page at a time; `withVisits` adds each one's last and
 * next visit ("My patients" shows them; a recipient picker has no use for them).
 */
export function useMyPatients(
  search: string,
  { withVisits = false, orderBy }: { withVisits?: boolean; orderBy?: PatientOrder } = {},
) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyPatientsQuery, {
    variables: { search: search.trim() || null, withVisits, ...(orderBy ? { orderBy } : {}) },
  });
  const more = useLoadMore(data?.patients.pageInfo, fetchMore, networkStatus);
  return {
    patients: data?.patients.edges.map((e) => e.node) ?? [],
    totalCount: data?.patients.totalCount,
    hasNextPage: data?.patients.pageInfo.hasNextPage,
    more,
    loading: loading && !data,
    error,
    refetch,
  };
}

/**
 * When the doctor last saw the patient and will next: "Last seen Tue 1 Dec · Next Mon 7 Dec, 09:30
 * (requested)"; a request not yet confirmed says so, one checked in is "Here now".
 */
export function visitsLine(
  last: { startsAt: string } | null | undefined,
  next: { startsAt: string; status: AppointmentStatus } | null | undefined,
): string {
  const zone = viewerTimeZone();
  const upcoming = !next
    ? 'Nothing booked'
    : next.status === 'CHECKED_IN'
      ? 'Here now'
      : `Next ${formatDateTime(next.startsAt, zone)}${next.status === 'REQUESTED' ? ' (requested)' : ''}`;
  return [last ? `Last seen ${formatDay(last.startsAt, zone)}` : 'Not seen yet', upcoming].join(' · ');
}

/** The orders of "My patients", as the page's address names them (`?order=`). */
const ORDERS = [
  { value: 'name', label: 'Name', orderBy: 'NAME' },
  { value: 'last-seen', label: 'Last seen', orderBy: 'LAST_VISIT' },
  { value: 'next-visit', label: 'Next visit', orderBy: 'NEXT_VISIT' },
] as const satisfies readonly { value: string; label: string; orderBy: PatientOrder }[];

/**
 * `/doctor/patients`: the patients under this doctor's care, searchable, by name or by when the
 * doctor last saw them or will next (kept in the address, so the way back from a chart keeps it);
 * others found by name are restricted.
 */
export function PatientsPage() {
  const [search, setSearch] = useState('');
  const [params, setParams] = useSearchParams();
  const order = ORDERS.find((entry) => entry.value === params.get('order')) ?? ORDERS[0];
  const debounced = useDebounced(search);
  const { patients, totalCount, hasNextPage, more, loading, error, refetch } = useMyPatients(debounced, {
    withVisits: true,
    orderBy: order.orderBy,
  });
  const setOrder = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === ORDERS[0].value) {
      next.delete('order');
    } else {
      next.set('order', value);
    }
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="5">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        My patients
      </Heading>
      <Stack direction={{ base: 'column', sm: 'row' }} gap="3" align={{ sm: 'flex-end' }}>
        <Field.Root maxW={{ sm: 'md' }}>
          <Field.Label>Search by name</Field.Label>
          <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. Jones" />
        </Field.Root>
        <Box minW="40" maxW={{ sm: '48' }}>
          <SelectField label="Order by" value={order.value} onChange={setOrder} options={ORDERS} />
        </Box>
      </Stack>
      {error ? (
        <ErrorState error={error} title="Your patients did not load" onRetry={() => void refetch()} />
      ) : loading ? (
        <LoadingList rows={4} label="Loading your patients…" />
      ) : patients.length === 0 ? (
        <EmptyState
          title={debounced.trim() ? 'No patient matches' : 'No patients yet'}
          description={
            debounced.trim() ? 'Try another name.' : 'Patients appear here once they book an appointment with you.'
          }
        />
      ) : (
        <Stack as="ul" gap="2" listStyleType="none">
          {patients.map((patient) => (
            <li key={patient.id}>
              <LinkBox as={Box} borderWidth="1px" borderRadius="l2" bg="bg" p="4" _hover={{ bg: 'bg.muted' }}>
                <LinkOverlay asChild>
                  <RouterLink to={`/doctor/patients/${patient.id}`}>
                    <Text fontWeight="semibold">
                      {patient.firstName} {patient.lastName}
                    </Text>
                  </RouterLink>
                </LinkOverlay>
                <Text fontSize="sm" color="fg.muted">
                  {[patient.gender ? genderWord(patient.gender) : null, bornLine(patient.dateOfBirth)]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                <Text fontSize="sm">{visitsLine(patient.lastVisit, patient.nextVisit)}</Text>
              </LinkBox>
            </li>
          ))}
        </Stack>
      )}
      {patients.length > 0 ? (
        <LoadMore count={patients.length} total={totalCount} noun="patient" hasNextPage={hasNextPage} more={more} />
      ) : null}
      <OutsideCareResults search={debounced.trim()} />
    </Stack>
  );
}
