import { useQuery } from '@apollo/client/react';
import { Box, Button, Checkbox, Fieldset, Flex, Link, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useIsNarrow } from '../../shared/useIsNarrow';
import { Link as RouterLink } from 'react-router';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList, SelectField, TextField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useDebounced } from '../../shared/useDebounced';
import { useLoadMore } from '../../shared/useLoadMore';
import { APPOINTMENT_STATUS_OPTIONS } from '../appointments/appointment-status';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { DoctorName, doctorName } from '../doctors/DoctorName';
import type { AppointmentStatus } from '../../gql/graphql';
import { getFragmentData } from '../../gql';
import { AppointmentChangeButtons, useAppointmentChanges } from '../front-desk/PatientAppointments';
import { FrontDeskAppointmentFragment } from '../front-desk/operations';
import { isChangeableAtDesk } from '../front-desk/useFrontDesk';
import { AdminAppointmentsQuery, AdminDoctorsQuery } from './operations';
import { fullName, PageHeader } from './ui';

/** A `YYYY-MM-DD` day's start in the viewer's zone, as an ISO instant. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return undefined;
  }
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function todayInViewerZone(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function AppointmentsPage() {
  const [doctorId, setDoctorId] = useState('');
  const [chosenDoctorLabel, setChosenDoctorLabel] = useState('');
  const [statuses, setStatuses] = useState<AppointmentStatus[]>([]);
  const [fromDay, setFromDay] = useState(todayInViewerZone);
  const [toDay, setToDay] = useState('');
  // The doctor filter offers the doctors a name search finds (a page of them), and the chosen one.
  const [doctorSearch, setDoctorSearch] = useState('');
  const doctorWords = useDebounced(doctorSearch).trim();
  const doctors = useQuery(AdminDoctorsQuery, { variables: { search: doctorWords || undefined } });
  const doctorCount = doctors.data?.doctors.totalCount;
  const rangeProblem =
    fromDay && toDay && fromDay > toDay ? 'The end date must not be before the start date.' : undefined;
  const filter = {
    doctorId: doctorId || undefined,
    status: statuses.length > 0 ? statuses : undefined,
    from: dayStart(fromDay),
    to: rangeProblem ? undefined : dayStart(toDay, 1),
  };
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminAppointmentsQuery, {
    variables: { filter },
  });
  const appointments = data?.appointments.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.appointments.pageInfo;
  const zone = viewerTimeZone();
  // A five-column table does not fit a phone: the same appointments as cards.
  const narrow = useIsNarrow();
  const changes = useAppointmentChanges((a) => fullName(a.patient));

  const more = useLoadMore(pageInfo, fetchMore, networkStatus);

  const doctorOptions = (doctors.data?.doctors.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: doctorName(node),
  }));
  if (doctorId && !doctorOptions.some((option) => option.value === doctorId)) {
    doctorOptions.unshift({ value: doctorId, label: chosenDoctorLabel });
  }
  const doctorsCut = doctorCount !== undefined && doctorCount > doctorOptions.length;
  const filtered = Boolean(doctorId || statuses.length || fromDay || toDay);

  return (
    <Stack gap="4">
      <PageHeader
        title="Appointments"
        description="Every appointment in the clinic, in start order. Starts from today; clear “From” to see the past."
        action={
          <Button asChild colorPalette="brand" size="sm">
            <RouterLink to="/admin/appointments/new">Book appointment</RouterLink>
          </Button>
        }
      />
      {changes.notice}
      <Box as="section" aria-label="Filters" borderWidth="1px" borderRadius="l3" p="4" bg="bg.subtle">
        <Stack gap="4">
          <SimpleGrid columns={{ base: 1, md: 3 }} gap="3">
            <Stack gap="2">
              {doctorsCut || doctorSearch ? (
                <TextField
                  label="Find a doctor"
                  type="search"
                  value={doctorSearch}
                  onChange={setDoctorSearch}
                  helper={
                    doctorsCut
                      ? `${doctorCount} doctors match; the list offers ${doctors.data?.doctors.edges.length ?? 0}. Type a name to narrow it.`
                      : `${doctorCount ?? 0} ${doctorCount === 1 ? 'doctor matches' : 'doctors match'}.`
                  }
                />
              ) : null}
              <SelectField
                label="Doctor"
                value={doctorId}
                onChange={(id) => {
                  setDoctorId(id);
                  setChosenDoctorLabel(doctorOptions.find((option) => option.value === id)?.label ?? '');
                }}
                options={doctorOptions}
                placeholder="All doctors"
              />
            </Stack>
            <TextField label="From" type="date" value={fromDay} onChange={setFromDay} />
            <TextField label="To" type="date" value={toDay} onChange={setToDay} error={rangeProblem} />
          </SimpleGrid>
          <Fieldset.Root>
            <Fieldset.Legend fontSize="sm" fontWeight="medium">
              Status
            </Fieldset.Legend>
            <Flex gap="4" flexWrap="wrap" mt="1">
              {APPOINTMENT_STATUS_OPTIONS.map((s) => (
                <Checkbox.Root
                  key={s.value}
                  size="sm"
                  checked={statuses.includes(s.value)}
                  onCheckedChange={(details) =>
                    setStatuses((list) =>
                      details.checked === true ? [...list, s.value] : list.filter((x) => x !== s.value),
                    )
                  }
                >
                  <Checkbox.HiddenInput />
                  <Checkbox.Control />
                  <Checkbox.Label>{s.label}</Checkbox.Label>
                </Checkbox.Root>
              ))}
            </Flex>
          </Fieldset.Root>
          {filtered ? (
            <Button
              size="sm"
              variant="ghost"
              alignSelf="flex-start"
              onClick={() => {
                setDoctorId('');
                setStatuses([]);
                setFromDay('');
                setToDay('');
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Stack>
      </Box>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading appointments…" />
      ) : appointments.length === 0 ? (
        <EmptyState title="No appointments" description={filtered ? 'Nothing matches these filters.' : undefined} />
      ) : (
        <>
          {narrow ? (
            <Stack as="ul" listStyleType="none" gap="2" aria-label="Appointments">
              {appointments.map((a) => (
                <Box as="li" key={a.id} borderWidth="1px" borderRadius="l2" p="3" bg="bg">
                  <Flex justify="space-between" gap="2" align="flex-start">
                    <Stack gap="0.5" minW="0">
                      <Text fontWeight="medium">{formatDateTime(a.startsAt, zone, a.doctor.timezone)}</Text>
                      <Link asChild color="brand.fg">
                        <RouterLink to={`/admin/patients/${a.patient.id}`}>{fullName(a.patient)}</RouterLink>
                      </Link>
                      <Text fontSize="sm" color="fg.muted">
                        <DoctorName doctor={a.doctor} />
                      </Text>
                    </Stack>
                    <AppointmentStatusBadge appointment={a} size="sm" />
                  </Flex>
                  {isChangeableAtDesk(getFragmentData(FrontDeskAppointmentFragment, a)) ? (
                    <Box mt="2">
                      <AppointmentChangeButtons
                        appointment={getFragmentData(FrontDeskAppointmentFragment, a)}
                        changes={changes}
                      />
                    </Box>
                  ) : null}
                </Box>
              ))}
            </Stack>
          ) : (
            <Box overflowX="auto" borderWidth="1px" borderRadius="l3">
              <Table.Root size="sm">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeader>Time</Table.ColumnHeader>
                    <Table.ColumnHeader>Patient</Table.ColumnHeader>
                    <Table.ColumnHeader>Doctor</Table.ColumnHeader>
                    <Table.ColumnHeader>Status</Table.ColumnHeader>
                    <Table.ColumnHeader>
                      <Box srOnly>Actions</Box>
                    </Table.ColumnHeader>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {appointments.map((a) => (
                    <Table.Row key={a.id}>
                      <Table.Cell minW="40">{formatDateTime(a.startsAt, zone, a.doctor.timezone)}</Table.Cell>
                      <Table.Cell>
                        <Link asChild color="brand.fg">
                          <RouterLink to={`/admin/patients/${a.patient.id}`}>{fullName(a.patient)}</RouterLink>
                        </Link>
                      </Table.Cell>
                      <Table.Cell>
                        <DoctorName doctor={a.doctor} />
                      </Table.Cell>
                      <Table.Cell>
                        <AppointmentStatusBadge appointment={a} />
                      </Table.Cell>
                      <Table.Cell>
                        <AppointmentChangeButtons
                          appointment={getFragmentData(FrontDeskAppointmentFragment, a)}
                          changes={changes}
                        />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
          )}
          <LoadMore
            total={data?.appointments.totalCount}
            count={appointments.length}
            noun="appointment"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
      {changes.dialogs}
    </Stack>
  );
}
