import { useQuery } from '@apollo/client/react';
import { Badge, Box, Input, Link, Stack, Table } from '@chakra-ui/react';
import { useDeferredValue, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatCalendarDate } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { AdminPatientsQuery } from './operations';
import { fullName, PageHeader } from './ui';

export function PatientsPage() {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminPatientsQuery, {
    variables: { search: deferred || undefined },
  });
  const patients = data?.patients.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.patients.pageInfo;

  const more = useLoadMore(pageInfo, fetchMore, networkStatus);

  return (
    <Stack gap="4">
      <PageHeader title="Patients" description="Find a patient and correct their contact details." />
      <Input
        type="search"
        aria-label="Search patients by name, email or phone"
        placeholder="Search by name, email or phone"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        maxW={{ md: 'md' }}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading patients…" />
      ) : patients.length === 0 ? (
        <EmptyState title="No patients found" description={deferred ? 'Try another search.' : undefined} />
      ) : (
        <>
          <Box overflowX="auto" borderWidth="1px" borderRadius="l3">
            <Table.Root size="sm" interactive>
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader>Name</Table.ColumnHeader>
                  <Table.ColumnHeader>Email</Table.ColumnHeader>
                  <Table.ColumnHeader hideBelow="md">Phone</Table.ColumnHeader>
                  <Table.ColumnHeader hideBelow="md">Born</Table.ColumnHeader>
                  <Table.ColumnHeader>Status</Table.ColumnHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {patients.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.Cell>
                      <Link asChild color="brand.fg" fontWeight="medium">
                        <RouterLink to={`/admin/patients/${p.id}`}>{fullName(p)}</RouterLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell wordBreak="break-all">
                      {p.email}
                      {p.emailVerified ? null : (
                        <Badge colorPalette="orange" ml="2" wordBreak="normal">
                          Not confirmed
                        </Badge>
                      )}
                    </Table.Cell>
                    <Table.Cell hideBelow="md">{p.phone ?? '—'}</Table.Cell>
                    <Table.Cell hideBelow="md">{formatCalendarDate(p.dateOfBirth)}</Table.Cell>
                    <Table.Cell>
                      {p.active ? (
                        <Badge colorPalette="green">Active</Badge>
                      ) : (
                        <Badge colorPalette="red">Deactivated</Badge>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
          <LoadMore
            total={data?.patients.totalCount}
            count={patients.length}
            noun="patient"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
    </Stack>
  );
}
