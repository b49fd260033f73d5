import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Card, Flex, Link, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useDeferredValue } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { formatCount } from '../../shared/format-number';
import { EmptyState, ErrorState, LoadingList, SelectField, TextField } from '../../shared/ui';
import { isUuid } from '../../shared/ids';
import { useAddressParams } from '../../shared/useAddressParams';
import { HospitalsQuery } from '../organisation/operations';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { AdminDoctorsQuery } from './operations';
import { doctorName } from '../doctors/DoctorName';
import { PageHeader } from './ui';
import { formatMoney } from '../billing/money';

/**
 * `/admin/doctors`: every doctor, active or not, found by name or specialty, by hospital and by
 * department (all kept in the address: `?q=`, `?hospital=`, `?department=`), each leading to their
 * page; who is away says so (finding a colleague at work in a department, say).
 */
export function DoctorsPage() {
  const { params, keep } = useAddressParams();
  const search = params.get('q') ?? '';
  const deferred = useDeferredValue(search.trim());
  const listed = useQuery(HospitalsQuery).data?.hospitals;
  const hospitals = listed ?? [];
  // A hospital of the list only (a stale or mistyped address shows every doctor); while the list
  // is read, a well-formed id is taken as it is, so the doctors are not read twice.
  const wanted = params.get('hospital') ?? '';
  const known = listed ? listed.some((hospital) => hospital.id === wanted) : isUuid(wanted);
  const hospitalId = known ? wanted : '';
  // The departments to choose from: the chosen hospital's, or every hospital's (named with it).
  const departments = hospitals
    .filter((hospital) => !hospitalId || hospital.id === hospitalId)
    .flatMap((hospital) =>
      hospital.departments.map((department) => ({
        value: department.id,
        label: hospitalId || hospitals.length === 1 ? department.name : `${hospital.name} · ${department.name}`,
      })),
    );
  // As the hospital: one of the list (of the chosen hospital) only.
  const wantedDepartment = params.get('department') ?? '';
  const departmentId = (
    listed ? departments.some((department) => department.value === wantedDepartment) : isUuid(wantedDepartment)
  )
    ? wantedDepartment
    : '';
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminDoctorsQuery, {
    variables: {
      search: deferred || undefined,
      hospitalId: hospitalId || undefined,
      departmentId: departmentId || undefined,
    },
  });
  const more = useLoadMore(data?.doctors.pageInfo, fetchMore, networkStatus);
  const doctors = data?.doctors.edges.map((e) => e.node) ?? [];
  const zone = viewerTimeZone();
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
      <Flex gap="3" align="flex-end" wrap="wrap">
        <Box flex="1" minW="56" maxW={{ md: 'md' }}>
          <TextField
            label="Find"
            type="search"
            value={search}
            onChange={(value) => keep('q', value)}
            placeholder="Name or specialization"
          />
        </Box>
        {hospitals.length > 1 ? (
          <Box minW="56" w={{ base: 'full', md: 'auto' }}>
            <SelectField
              label="Hospital"
              value={hospitalId}
              onChange={(value) => keep('hospital', value)}
              options={hospitals.map((hospital) => ({ value: hospital.id, label: hospital.name }))}
              placeholder="All hospitals"
            />
          </Box>
        ) : null}
        {departments.length > 1 ? (
          <Box minW="56" w={{ base: 'full', md: 'auto' }}>
            <SelectField
              label="Department"
              value={departmentId}
              onChange={(value) => keep('department', value)}
              options={departments}
              placeholder="All departments"
            />
          </Box>
        ) : null}
        {data ? (
          <Text color="fg.muted">
            {formatCount(data.doctors.totalCount)} {data.doctors.totalCount === 1 ? 'doctor' : 'doctors'}
          </Text>
        ) : null}
      </Flex>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading doctors…" />
      ) : doctors.length === 0 ? (
        <EmptyState
          title="No doctors found"
          description={
            deferred || hospitalId || departmentId
              ? 'Try another search, hospital or department.'
              : 'Create the first doctor.'
          }
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
                  {doctor.active && doctor.awayUntil ? (
                    <Badge colorPalette="orange" ms="2">
                      Away until {formatDay(doctor.awayUntil, zone)}
                    </Badge>
                  ) : null}
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
