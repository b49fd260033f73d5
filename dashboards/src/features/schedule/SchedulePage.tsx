import { Box, chakra, Button, ButtonGroup, Flex, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { ErrorState, LoadingList } from '../../shared/ui';
import { IncompleteList } from '../../shared/ui/LoadMore';
import { useAuth } from '../auth/AuthProvider';
import { DoctorWaitlist } from '../waitlist/DoctorWaitlist';
import { displayName } from '../auth/session-user';
import { AppointmentPanel } from './AppointmentPanel';
import { APPOINTMENT_STATUS, APPOINTMENT_STATUS_OPTIONS } from '../appointments/appointment-status';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { addDays, dayKey, longDayLabel, parseDayKey, shortDayLabel, startOfWeek, timeLabel } from './calendar-dates';
import { BookingRequests } from './BookingRequests';
import { appointmentButtonProps, ScheduleGrid } from './ScheduleGrid';
import { useDoctorCalendar, type DoctorCalendar } from './useDoctorCalendar';
import { useBookingRequests, useDoctorSchedule } from './useDoctorSchedule';
import { useIsNarrow } from '../../shared/useIsNarrow';

type View = 'day' | 'week';

/**
 * `/doctor`: the doctor's own calendar, by day or week, live: a time grid with working hours,
 * time off, free slots and appointments by status (a list on a phone), new requests above it.
 */
export function SchedulePage() {
  const { user } = useAuth();
  const narrow = useIsNarrow();
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  // A phone opens on the day; a week of columns does not fit its width.
  const view: View = asked === 'day' || (asked !== 'week' && narrow) ? 'day' : 'week';
  const anchor = parseDayKey(params.get('date'));
  const first = view === 'week' ? startOfWeek(anchor) : anchor;
  const dayCount = view === 'week' ? 7 : 1;
  const days = Array.from({ length: dayCount }, (_, index) => addDays(first, index));
  const from = first.toISOString();
  const to = addDays(first, dayCount).toISOString();
  const doctorId = user?.doctor?.id;
  const { calendar, error: calendarError, refetch: refetchCalendar } = useDoctorCalendar(doctorId, from, to);
  const { appointments, loading, error, refetch, incompleteError, retry } = useDoctorSchedule(
    from,
    to,
    doctorId,
    () => {
      void refetchCalendar().catch(() => undefined);
    },
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { requests } = useBookingRequests();
  // A request opened from the list above may lie outside the days shown.
  const selected = [...appointments, ...requests].find((a) => a.id === selectedId) ?? null;

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

      <BookingRequests onOpen={setSelectedId} />

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

      {calendarError ? (
        <Text fontSize="sm" color="fg.muted" role="status">
          Working hours and free slots could not be loaded; appointments are shown.
        </Text>
      ) : null}

      {error ? null : <IncompleteList error={incompleteError} plural="appointments of these days" onRetry={retry} />}
      {error ? (
        <ErrorState error={error} title="The schedule did not load" onRetry={() => void refetch()} />
      ) : loading ? (
        <LoadingList rows={3} label="Loading the schedule…" />
      ) : narrow ? (
        <ScheduleList days={days} byDay={byDay} calendar={calendar} onOpen={setSelectedId} />
      ) : (
        <ScheduleGrid days={days} appointments={appointments} calendar={calendar} onOpen={setSelectedId} />
      )}
      <Legend />

      <AppointmentPanel
        appointment={selected}
        doctorTimeZone={user?.doctor?.timezone}
        onClose={() => setSelectedId(null)}
      />
      {user?.doctor ? <DoctorWaitlist doctorId={user.doctor.id} timezone={user.doctor.timezone} /> : null}
    </Stack>
  );
}

/** The day or week as a list, one section per day: the phone's calendar. */
function ScheduleList({
  days,
  byDay,
  calendar,
  onOpen,
}: {
  days: readonly Date[];
  byDay: Map<string, ScheduleAppointmentFragment[]>;
  calendar: DoctorCalendar;
  onOpen: (id: string) => void;
}) {
  const todayKey = dayKey(new Date());
  return (
    <Stack gap="3" data-testid="schedule-list">
      {days.map((day) => {
        const key = dayKey(day);
        const isToday = key === todayKey;
        const list = byDay.get(key) ?? [];
        const free = calendar.freeSlots.filter((slot) => dayKey(new Date(slot.startsAt)) === key);
        const away = calendar.timeOff.some(
          (off) => Date.parse(off.startsAt) < addDays(day, 1).getTime() && Date.parse(off.endsAt) > day.getTime(),
        );
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
          >
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
            <Stack gap="2" as="ul" listStyleType="none">
              {list.map((appointment) => (
                <li key={appointment.id}>
                  <AppointmentChip appointment={appointment} onOpen={() => onOpen(appointment.id)} />
                </li>
              ))}
            </Stack>
            <Text fontSize="xs" color="fg.muted" mt={list.length > 0 ? '2' : '0'}>
              {away
                ? 'Time off'
                : free.length > 0
                  ? `${free.length} free ${free.length === 1 ? 'slot' : 'slots'}: ${free
                      .slice(0, 6)
                      .map((slot) => timeLabel(slot.startsAt))
                      .join(', ')}${free.length > 6 ? '…' : ''}`
                  : list.length === 0
                    ? 'No appointments'
                    : 'No free slots'}
            </Text>
          </Box>
        );
      })}
    </Stack>
  );
}

/** What the colours mean. */
function Legend() {
  return (
    <Flex as="ul" listStyleType="none" gap="3" wrap="wrap" fontSize="xs" color="fg.muted" aria-label="Legend">
      {APPOINTMENT_STATUS_OPTIONS.map((option) => (
        <HStack as="li" key={option.value} gap="1">
          <Box w="3" h="3" borderRadius="sm" bg={`${APPOINTMENT_STATUS[option.value].palette}.solid`} />
          <span>{option.label}</span>
        </HStack>
      ))}
      <HStack as="li" gap="1">
        <Box w="3" h="3" borderRadius="sm" borderWidth="1px" borderStyle="dashed" borderColor="green.solid" />
        <span>Free slot</span>
      </HStack>
      <HStack as="li" gap="1">
        <Box w="3" h="3" borderRadius="sm" bg="bg.muted" borderWidth="1px" />
        <span>Outside working hours</span>
      </HStack>
    </Flex>
  );
}

function AppointmentChip({ appointment, onOpen }: { appointment: ScheduleAppointmentFragment; onOpen: () => void }) {
  const name = `${appointment.patient.firstName} ${appointment.patient.lastName}`;
  const time = `${timeLabel(appointment.startsAt)}–${timeLabel(appointment.endsAt)}`;
  const cancelled = appointment.status === 'CANCELLED';
  return (
    <chakra.button {...appointmentButtonProps(appointment, onOpen)} w="full" p="2" borderRadius="l2">
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
