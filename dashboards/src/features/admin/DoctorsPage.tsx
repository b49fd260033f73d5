import { useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Input, Link, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useDeferredValue, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { AdminDoctorsQuery } from './operations';
import { doctorName } from '../doctors/DoctorName';
import { PageHeader } from './ui';
import { formatMoney } from '../billing/money';

export function DoctorsPage() {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminDoctorsQuery, {
    variables: { search: deferred || undefined },
  });
  const more = useLoadMore(data?.doctors.pageInfo, fetchMore, networkStatus);
  const doctors = data?.doctors.edges.map((e) => e.node) ?? [];
  return (
    <Stack gap="4">
      <PageHeader
        title="Doctors"
        description="Create doctors, set their weekly hours and time off."
        action={
          <Button asChild colorPalette="brand">
            <RouterLink to="/admin/doctors/new">New doctor</RouterLink>
          </Button>
        }
      />
      <Input
        type="search"
        aria-label="Search doctors by name or specialization"
        placeholder="Search by name or specialization"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        maxW={{ md: 'md' }}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading doctors…" />
      ) : doctors.length === 0 ? (
        <EmptyState
          title="No doctors found"
          description={deferred ? 'Try another search.' : 'Create the first doctor.'}
        />
      ) : (
        <SimpleGrid as="ul" listStyleType="none" columns={{ base: 1, md: 2, lg: 3 }} gap="3">
          {doctors.map((doctor) => (
            <Card.Root as="li" key={doctor.id} size="sm">
              <Card.Body gap="1">
                <Link asChild fontWeight="semibold" color="brand.fg">
                  <RouterLink to={`/admin/doctors/${doctor.id}`}>{doctorName(doctor)}</RouterLink>
                </Link>
                <Text color="fg.muted">
                  {doctor.specialization}
                  {doctor.active ? null : (
                    <Badge colorPalette="red" ms="2">
                      Deactivated
                    </Badge>
                  )}
                </Text>
                {doctor.department ? (
                  <Text fontSize="sm">
                    {doctor.department.hospital.name} · {doctor.department.name}
                  </Text>
                ) : null}
                <Text fontSize="sm" color="fg.muted">
                  {doctor.timezone} · Licence {doctor.licenseNumber}
                  {doctor.fee ? ` · Fee ${formatMoney(doctor.fee)}` : ''}
                </Text>
              </Card.Body>
            </Card.Root>
          ))}
        </SimpleGrid>
      )}
      {doctors.length > 0 ? (
        <LoadMore
          count={doctors.length}
          total={data?.doctors.totalCount}
          noun="doctor"
          hasNextPage={data?.doctors.pageInfo.hasNextPage}
          more={more}
        />
      ) : null}
    </Stack>
  );
}
