import { Box, chakra, Grid, Text } from '@chakra-ui/react';
import { useEffect, useState } from 'react';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { APPOINTMENT_STATUS } from '../appointments/appointment-status';
import { dayKey, longDayLabel, shortDayLabel, timeLabel } from './calendar-dates';
import { assignLanes, clipToDay, hoursInto, visibleHours, workingIntervals, type Interval } from './calendar-grid';
import type { DoctorCalendar } from './useDoctorCalendar';
import { APPOINTMENT_TYPE_LABEL } from '../../shared/appointment-type';

/**
 * A calendar block's accessible name, beginning with the words it shows (WCAG 2.5.3, label in name:
 * a voice user says what they see): the block shows "09:30 Pat Jones" (and, when tall enough, its
 * status), so the name is "09:30 Pat Jones, until 10:00, Requested".
 */
export function appointmentLabel(appointment: ScheduleAppointmentFragment): string {
  const name = `${appointment.patient.firstName} ${appointment.patient.lastName}`;
  const status = APPOINTMENT_STATUS[appointment.status].label;
  return `${timeLabel(appointment.startsAt)} ${name}, until ${timeLabel(appointment.endsAt)}, ${status}`;
}

/**
 * What every appointment button shares, in the grid and in the phone's list: colour by status,
 * focus ring. Cancelled and missed visits are told by their status (and a cancelled one's name is
 * struck through), not faded: faded text would fall below the contrast a reader needs.
 */
export function appointmentButtonProps(appointment: ScheduleAppointmentFragment, onOpen: () => void) {
  const { palette } = APPOINTMENT_STATUS[appointment.status];
  return {
    type: 'button' as const,
    onClick: onOpen,
    textAlign: 'start' as const,
    borderStartWidth: '4px',
    borderStartColor: `${palette}.solid`,
    bg: `${palette}.subtle`,
    cursor: 'pointer',
    _hover: { bg: `${palette}.muted` },
    _focusVisible: { outline: '2px solid', outlineColor: 'brand.focusRing', outlineOffset: '1px', zIndex: '3' },
  };
}

const interval = (item: { startsAt: string; endsAt: string }): Interval => ({
  start: Date.parse(item.startsAt),
  end: Date.parse(item.endsAt),
});

/** The current time, moved on every minute (for the "now" line). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * The doctor's days as a time grid: working hours light, the rest shaded, time off hatched, free
 * slots outlined, appointments as buttons coloured by status (in time order, so Tab walks the day).
 */
export function ScheduleGrid({
  days,
  appointments,
  calendar,
  onOpen,
}: {
  days: readonly Date[];
  appointments: readonly ScheduleAppointmentFragment[];
  calendar: DoctorCalendar;
  onOpen: (id: string) => void;
}) {
  const now = useNow();
  const todayKey = dayKey(new Date(now));
  const working = days.map((day) => workingIntervals(day, calendar.rules, calendar.timeZone));
  const { first, last } = visibleHours(days, [
    ...working.flat(),
    ...appointments.map(interval),
    ...calendar.freeSlots.map(interval),
  ]);
  const hourHeight = days.length === 1 ? 72 : 56;
  const height = (last - first) * hourHeight;
  const top = (day: Date, at: number) => (hoursInto(day, at) - first) * hourHeight;
  const hours = Array.from({ length: last - first }, (_, index) => first + index);

  return (
    <Box overflowX="auto" borderWidth="1px" borderRadius="l3" data-testid="schedule-grid">
      <Grid
        templateColumns={`3.5rem repeat(${days.length}, minmax(${days.length === 1 ? '12rem' : '7.5rem'}, 1fr))`}
        minW={days.length === 1 ? undefined : '58rem'}
      >
        <Box borderBottomWidth="1px" bg="bg.subtle" />
        {days.map((day) => {
          const isToday = dayKey(day) === todayKey;
          return (
            <Box
              key={dayKey(day)}
              aria-hidden="true"
              px="2"
              py="2"
              borderBottomWidth="1px"
              borderStartWidth="1px"
              bg={isToday ? 'brand.subtle' : 'bg.subtle'}
              fontSize="sm"
              fontWeight="semibold"
              color={isToday ? 'brand.fg' : 'fg'}
            >
              {days.length === 1 ? longDayLabel(day) : shortDayLabel(day)}
              {isToday ? ' · Today' : ''}
            </Box>
          );
        })}

        <Box position="relative" h={`${height}px`} aria-hidden="true">
          {hours.map((hour) => (
            <Text
              key={hour}
              position="absolute"
              top={`${(hour - first) * hourHeight}px`}
              insetEnd="2"
              mt="0.5"
              fontSize="xs"
              color="fg.muted"
            >
              {String(hour).padStart(2, '0')}:00
            </Text>
          ))}
        </Box>

        {days.map((day, index) => {
          const key = dayKey(day);
          const isToday = key === todayKey;
          const dayAppointments = appointments.filter((a) => dayKey(new Date(a.startsAt)) === key);
          const free = calendar.freeSlots.filter((slot) => dayKey(new Date(slot.startsAt)) === key);
          const away = calendar.timeOff.flatMap((off) => {
            const clipped = clipToDay(interval(off), day);
            return clipped ? [{ ...clipped, reason: off.reason, id: off.id }] : [];
          });
          // Free slots share lanes with appointments: a cancelled visit's time is free again, side by side.
          const placed = assignLanes(
            [
              ...dayAppointments.map((a) => ({ ...interval(a), appointment: a, slot: null })),
              ...free.map((slot) => ({ ...interval(slot), appointment: null, slot })),
            ].sort((a, b) => a.start - b.start || (a.appointment ? -1 : 1)),
          );
          const summary = [
            `${dayAppointments.length} ${dayAppointments.length === 1 ? 'appointment' : 'appointments'}`,
            `${free.length} free ${free.length === 1 ? 'slot' : 'slots'}`,
            ...(away.length > 0 ? ['time off'] : []),
            ...(working[index]!.length === 0 ? ['not a working day'] : []),
          ].join(', ');
          return (
            <Box
              as="section"
              key={key}
              aria-label={`${longDayLabel(day)}${isToday ? ' (today)' : ''}`}
              data-day={key}
              position="relative"
              h={`${height}px`}
              borderStartWidth="1px"
              bg="bg.muted"
              backgroundImage={`repeating-linear-gradient(to bottom, var(--chakra-colors-border) 0 1px, transparent 1px ${hourHeight}px)`}
            >
              <Text srOnly>{summary}</Text>
              {working[index]!.map((hoursBlock) => (
                <Box
                  key={hoursBlock.start}
                  aria-hidden="true"
                  data-testid="working-hours"
                  position="absolute"
                  insetX="0"
                  top={`${top(day, hoursBlock.start)}px`}
                  h={`${top(day, hoursBlock.end) - top(day, hoursBlock.start)}px`}
                  bg="bg"
                  opacity={0.85}
                />
              ))}
              {away.map((off) => (
                <Box
                  key={off.id}
                  data-testid="time-off"
                  position="absolute"
                  insetX="0"
                  top={`${top(day, off.start)}px`}
                  h={`${top(day, off.end) - top(day, off.start)}px`}
                  bg="gray.subtle"
                  backgroundImage="repeating-linear-gradient(135deg, transparent 0 8px, var(--chakra-colors-gray-muted) 8px 10px)"
                  px="2"
                  py="1"
                  fontSize="xs"
                  color="fg.muted"
                  overflow="hidden"
                >
                  Time off{off.reason ? ` · ${off.reason}` : ''}
                </Box>
              ))}
              {placed.map(({ block, lane, lanes }) =>
                block.appointment ? (
                  <GridAppointment
                    key={block.appointment.id}
                    appointment={block.appointment}
                    top={top(day, block.start)}
                    height={Math.max(top(day, block.end) - top(day, block.start), 20)}
                    lane={lane}
                    lanes={lanes}
                    onOpen={() => onOpen(block.appointment.id)}
                  />
                ) : (
                  <FreeSlot
                    key={`free-${block.start}`}
                    startsAt={block.slot.startsAt}
                    top={top(day, block.start)}
                    height={top(day, block.end) - top(day, block.start)}
                    lane={lane}
                    lanes={lanes}
                  />
                ),
              )}
              {isToday && now >= day.getTime() ? (
                <Box
                  aria-hidden="true"
                  data-testid="now-line"
                  position="absolute"
                  insetX="0"
                  top={`${top(day, now)}px`}
                  borderTopWidth="2px"
                  borderColor="red.solid"
                  zIndex="4"
                  pointerEvents="none"
                />
              ) : null}
            </Box>
          );
        })}
      </Grid>
    </Box>
  );
}

function GridAppointment({
  appointment,
  top,
  height,
  lane,
  lanes,
  onOpen,
}: {
  appointment: ScheduleAppointmentFragment;
  top: number;
  height: number;
  lane: number;
  lanes: number;
  onOpen: () => void;
}) {
  const { palette, label } = APPOINTMENT_STATUS[appointment.status];
  const requested = appointment.status === 'REQUESTED';
  return (
    <chakra.button
      {...appointmentButtonProps(appointment, onOpen)}
      aria-label={appointmentLabel(appointment)}
      position="absolute"
      top={`${top + 1}px`}
      h={`${height - 2}px`}
      left={`calc(${(lane / lanes) * 100}% + 2px)`}
      w={`calc(${100 / lanes}% - 4px)`}
      px="1.5"
      py="0.5"
      borderRadius="l1"
      borderWidth={requested ? '1px' : undefined}
      borderStyle={requested ? 'dashed' : undefined}
      borderColor={requested ? `${palette}.solid` : undefined}
      color={`${palette}.fg`}
      overflow="hidden"
      zIndex="2"
    >
      <Text
        fontSize="xs"
        fontWeight="semibold"
        lineHeight="1.3"
        truncate
        textDecoration={appointment.status === 'CANCELLED' ? 'line-through' : undefined}
      >
        {timeLabel(appointment.startsAt)} {appointment.patient.firstName} {appointment.patient.lastName}
      </Text>
      {height >= 34 ? (
        <Text fontSize="2xs" lineHeight="1.3" truncate>
          {label}
          {appointment.type === 'REGULAR' ? '' : ` · ${APPOINTMENT_TYPE_LABEL[appointment.type]}`}
        </Text>
      ) : null}
    </chakra.button>
  );
}

function FreeSlot({
  startsAt,
  top,
  height,
  lane,
  lanes,
}: {
  startsAt: string;
  top: number;
  height: number;
  lane: number;
  lanes: number;
}) {
  return (
    <Box
      aria-hidden="true"
      data-testid="free-slot"
      position="absolute"
      top={`${top + 1}px`}
      h={`${Math.max(height - 2, 4)}px`}
      left={`calc(${(lane / lanes) * 100}% + 4px)`}
      w={`calc(${100 / lanes}% - 8px)`}
      borderWidth="1px"
      borderStyle="dashed"
      borderColor="green.muted"
      borderRadius="l1"
      px="1"
      fontSize="2xs"
      lineHeight="1.4"
      color="green.fg"
      overflow="hidden"
      whiteSpace="nowrap"
    >
      {height >= 16 ? `Free ${timeLabel(startsAt)}` : null}
    </Box>
  );
}
