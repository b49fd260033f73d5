import { Box, chakra, Button, ButtonGroup, Flex, Heading, HStack, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { DoctorWaitlist } from '../waitlist/DoctorWaitlist';
import { displayName } from '../auth/session-user';
import { AppointmentPanel } from './AppointmentPanel';
import { APPOINTMENT_STATUS } from '../appointments/appointment-status';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { addDays, dayKey, longDayLabel, parseDayKey, shortDayLabel, startOfWeek, timeLabel } from './calendar-dates';
import { useDoctorSchedule } from './useDoctorSchedule';

type View = 'day' | 'week';

/** `/doctor`: the doctor's own appointments, by day or week, live. */
export function SchedulePage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'day' ? 'day' : 'week';
  const anchor = parseDayKey(params.get('date'));
  const first = view === 'week' ? startOfWeek(anchor) : anchor;
  const dayCount = view === 'week' ? 7 : 1;
  const days = Array.from({ length: dayCount }, (_, index) => addDays(first, index));
  const from = first.toISOString();
  const to = addDays(first, dayCount).toISOString();
  const todayKey = dayKey(new Date());

  const { appointments, loading, error, refetch } = useDoctorSchedule(from, to, user?.doctor?.id);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = appointments.find((a) => a.id === selectedId) ?? null;

  const byDay = useMemo(() => {
    const map = new Map<string, ScheduleAppointmentFragment[]>();
    for (const appointment of [...appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
      const key = dayKey(new Date(appointment.startsAt));
      map.set(key, [...(map.get(key) ?? []), appointment]);
    }
    return map;
  }, [appointments]);

  const go = (next: { view?: View; date?: Date }) => {
    const nextParams = new URLSearchParams(params);
    nextParams.set('view', next.view ?? view);
    nextParams.set('date', dayKey(next.date ?? anchor));
    setParams(nextParams, { replace: true });
  };
  const step = view === 'week' ? 7 : 1;
  const rangeLabel =
    view === 'week' ? `${shortDayLabel(days[0]!)} – ${shortDayLabel(days[6]!)}` : longDayLabel(days[0]!);

  return (
    <Stack gap="5">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Doctor&apos;s schedule
        </Heading>
        {user ? <Text color="fg.muted">Signed in as {displayName(user)}</Text> : null}
      </Stack>

      <Flex gap="3" wrap="wrap" align="center" justify="space-between">
        <ButtonGroup size="sm" attached variant="outline" aria-label="Calendar view">
          <Button
            aria-pressed={view === 'day'}
            variant={view === 'day' ? 'solid' : 'outline'}
            onClick={() => go({ view: 'day' })}
          >
            Day
          </Button>
          <Button
            aria-pressed={view === 'week'}
            variant={view === 'week' ? 'solid' : 'outline'}
            onClick={() => go({ view: 'week' })}
          >
            Week
          </Button>
        </ButtonGroup>
        <HStack gap="2">
          <Button size="sm" variant="outline" onClick={() => go({ date: addDays(anchor, -step) })}>
            {view === 'week' ? 'Previous week' : 'Previous day'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => go({ date: parseDayKey(null) })}>
            Today
          </Button>
          <Button size="sm" variant="outline" onClick={() => go({ date: addDays(anchor, step) })}>
            {view === 'week' ? 'Next week' : 'Next day'}
          </Button>
        </HStack>
      </Flex>
      <Text fontWeight="semibold" aria-live="polite" data-testid="schedule-range">
        {rangeLabel}
      </Text>

      {error ? (
        <ErrorState error={error} title="The schedule did not load" onRetry={() => void refetch()} />
      ) : loading ? (
        <LoadingList rows={3} label="Loading the schedule…" />
      ) : view === 'day' && appointments.length === 0 ? (
        <EmptyState
          title="No appointments this day"
          description="Bookings appear here as soon as patients make them."
        />
      ) : (
        <SimpleGrid columns={{ base: 1, md: dayCount === 7 ? 7 : 1 }} gap="2">
          {days.map((day) => {
            const key = dayKey(day);
            const isToday = key === todayKey;
            const list = byDay.get(key) ?? [];
            return (
              <Box
                as="section"
                key={key}
                aria-label={`${longDayLabel(day)}${isToday ? ' (today)' : ''}`}
                data-day={key}
                borderWidth={isToday ? '2px' : '1px'}
                borderColor={isToday ? 'brand.solid' : 'border'}
                bg={isToday ? 'brand.subtle' : 'bg'}
                borderRadius="l2"
                p="2"
                minH={{ md: dayCount === 7 ? '48' : undefined }}
              >
                {dayCount === 7 ? (
                  <Text
                    fontSize="sm"
                    fontWeight="semibold"
                    mb="2"
                    color={isToday ? 'brand.fg' : 'fg.muted'}
                    aria-hidden="true"
                  >
                    {shortDayLabel(day)}
                    {isToday ? ' · Today' : ''}
                  </Text>
                ) : null}
                <Stack gap="2" as="ul" listStyleType="none">
                  {list.map((appointment) => (
                    <li key={appointment.id}>
                      <AppointmentChip appointment={appointment} onOpen={() => setSelectedId(appointment.id)} />
                    </li>
                  ))}
                </Stack>
                {list.length === 0 && dayCount === 7 ? (
                  <Text fontSize="xs" color="fg.subtle">
                    Free
                  </Text>
                ) : null}
              </Box>
            );
          })}
        </SimpleGrid>
      )}

      <AppointmentPanel
        appointment={selected}
        doctorTimeZone={user?.doctor?.timezone}
        onClose={() => setSelectedId(null)}
      />
      {user?.doctor ? <DoctorWaitlist doctorId={user.doctor.id} timezone={user.doctor.timezone} /> : null}
    </Stack>
  );
}

function AppointmentChip({ appointment, onOpen }: { appointment: ScheduleAppointmentFragment; onOpen: () => void }) {
  const { palette, label } = APPOINTMENT_STATUS[appointment.status];
  const name = `${appointment.patient.firstName} ${appointment.patient.lastName}`;
  const time = `${timeLabel(appointment.startsAt)}–${timeLabel(appointment.endsAt)}`;
  const cancelled = appointment.status === 'CANCELLED';
  return (
    <chakra.button
      type="button"
      onClick={onOpen}
      aria-label={`${time}, ${name}, ${label}`}
      w="full"
      textAlign="start"
      p="2"
      borderRadius="l2"
      borderStartWidth="4px"
      borderStartColor={`${palette}.solid`}
      bg={`${palette}.subtle`}
      cursor="pointer"
      opacity={cancelled ? 0.7 : 1}
      _hover={{ bg: `${palette}.muted` }}
      _focusVisible={{ outline: '2px solid', outlineColor: 'brand.focusRing', outlineOffset: '2px' }}
    >
      <Text fontSize="xs" fontWeight="semibold">
        {time}
      </Text>
      <Text fontSize="sm" truncate textDecoration={cancelled ? 'line-through' : undefined}>
        {name}
      </Text>
      <chakra.span display="block" mt="1">
        <AppointmentStatusBadge appointment={appointment} size="sm" />
      </chakra.span>
    </chakra.button>
  );
}
