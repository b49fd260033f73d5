import { Box, Field, Heading, Input, LinkBox, LinkOverlay, Stack, Text } from '@chakra-ui/react';
import { useQuery } from '@apollo/client/react';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { MyPatientsQuery } from './operations';
import { OutsideCareResults } from './OutsideCareResults';
import { genderWord } from '../patients/gender';
import { bornLine } from '../patients/PatientSummary';
import { useDebounced } from '../../shared/useDebounced';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import type { AppointmentStatus } from '../../gql/graphql';

/**
 * The doctor's patients matching `search`, a page at a time; `withVisits` adds each one's last and
 * next visit ("My patients" shows them; a recipient picker has no use for them).
 */
export function useMyPatients(search: string, { withVisits = false }: { withVisits?: boolean } = {}) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyPatientsQuery, {
    variables: { search: search.trim() || null, withVisits },
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

/** `/doctor/patients`: the patients under this doctor's care, searchable; others found by name are restricted. */
export function PatientsPage() {
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const { patients, totalCount, hasNextPage, more, loading, error, refetch } = useMyPatients(debounced, {
    withVisits: true,
  });

  return (
    <Stack gap="5">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        My patients
      </Heading>
      <Field.Root maxW="md">
        <Field.Label>Search by name</Field.Label>
        <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. Jones" />
      </Field.Root>
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
