import { useQuery } from '@apollo/client/react';
import { Button, Field, Flex, HStack, Input, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { viewerTimeZone } from '../../shared/format-date-time';
import { ErrorState, LoadingList } from '../../shared/ui';
import { ChoiceGroup } from './ChoiceGroup';
import { AvailableSlotsQuery } from './operations';
import { addDays, dayKey, formatDay, formatTime, nextDays, startOfDay } from './slots';

const NOT_BUSY: readonly BusyTime[] = [];

/** Days shown at once: a week, browsed week by week or from a date. */
export const BOOKING_DAYS = 7;
/** How far ahead patients may look for a time: about six months. */
export const BOOKING_HORIZON_DAYS = 182;

/** The week of days offered from `start` (local midnight), as the `availableSlots` variables. */
export function slotWindow(start: Date): { from: string; to: string; days: Date[] } {
  const days = nextDays(start, BOOKING_DAYS);
  const first = startOfDay(start);
  return { from: first.toISOString(), to: addDays(first, BOOKING_DAYS).toISOString(), days };
}

/** A time the patient is already taken at (one of their own active appointments). */
export interface BusyTime {
  readonly startsAt: string;
  readonly endsAt: string;
}

/** The patient's busy times, or `'loading'` while they are read: no time is offered until they are known. */
export type BusyTimes<T extends BusyTime = BusyTime> = readonly T[] | 'loading';

/**
 * Free slots of a doctor, a week at a time from today (earlier, later, or the week of a date),
 * without those that overlap `busy` (the patient's own appointments: they cannot be in two places);
 * none, still loading, while `busy` is.
 */
export function useAvailableSlots(doctorId: string | undefined, busy: BusyTimes = NOT_BUSY) {
  const [today] = useState(() => startOfDay(new Date()));
  const [start, setStart] = useState(today);
  const window = useMemo(() => slotWindow(start), [start]);
  const { data, loading, error, refetch } = useQuery(AvailableSlotsQuery, {
    variables: { doctorId: doctorId ?? '', from: window.from, to: window.to },
    skip: !doctorId,
    fetchPolicy: 'network-only',
  });
  const [now] = useState(() => Date.now());
  const byDay = useMemo(() => {
    const map = new Map<string, { startsAt: string; endsAt: string }[]>();
    if (busy === 'loading') {
      return map;
    }
    for (const slot of data?.availableSlots ?? []) {
      const from = Date.parse(slot.startsAt);
      const to = Date.parse(slot.endsAt);
      if (from <= now || busy.some((taken) => Date.parse(taken.startsAt) < to && Date.parse(taken.endsAt) > from)) {
        continue;
      }
      const key = dayKey(new Date(slot.startsAt));
      map.set(key, [...(map.get(key) ?? []), slot]);
    }
    return map;
  }, [data, now, busy]);
  const last = addDays(today, BOOKING_HORIZON_DAYS - BOOKING_DAYS);
  /** Shows the week starting at `date` (kept between today and the horizon). */
  const showFrom = (date: Date) => {
    const day = startOfDay(date);
    setStart(day < today ? today : day > last ? last : day);
  };
  return {
    days: window.days,
    byDay,
    loading: (loading && !data) || (Boolean(doctorId) && busy === 'loading'),
    error,
    refetch,
    start,
    today,
    last,
    showFrom,
    earlier: start > today ? () => showFrom(addDays(start, -BOOKING_DAYS)) : undefined,
    later: start < last ? () => showFrom(addDays(start, BOOKING_DAYS)) : undefined,
  };
}

/** Week by week, or straight to the week of a date. */
function WeekControls({ slots, onMoved }: { slots: ReturnType<typeof useAvailableSlots>; onMoved: () => void }) {
  const go = (move: (() => void) | undefined) => () => {
    move?.();
    onMoved();
  };
  return (
    <Flex gap="3" wrap="wrap" align="flex-end" justify="space-between">
      <HStack gap="2">
        <Button size="sm" variant="outline" onClick={go(slots.earlier)} disabled={!slots.earlier}>
          ← Earlier week
        </Button>
        <Button size="sm" variant="outline" onClick={go(slots.later)} disabled={!slots.later}>
          Later week →
        </Button>
      </HStack>
      <Field.Root maxW="13rem">
        <Field.Label fontSize="sm">Go to date</Field.Label>
        <Input
          type="date"
          size="sm"
          min={dayKey(slots.today)}
          max={dayKey(addDays(slots.last, BOOKING_DAYS - 1))}
          value={dayKey(slots.start)}
          onChange={(event) => {
            const [y, m, d] = event.target.value.split('-').map(Number);
            if (y && m && d) {
              slots.showFrom(new Date(y, m - 1, d));
              onMoved();
            }
          }}
        />
      </Field.Root>
    </Flex>
  );
}

/** Day, then time: the two steps shared by booking and rescheduling. */
export function SlotPicker({
  doctorId,
  doctorTimezone,
  day,
  onDayChange,
  slot,
  onSlotChange,
  slots,
  dayColumns = { base: 2, sm: 4, md: 7 },
}: {
  doctorId: string;
  doctorTimezone: string;
  day: string | undefined;
  onDayChange: (day: string) => void;
  slot: string | undefined;
  onSlotChange: (startsAt: string) => void;
  slots: ReturnType<typeof useAvailableSlots>;
  dayColumns?: Record<string, number>;
}) {
  const viewerZone = viewerTimeZone();
  const showDoctorZone = doctorTimezone !== viewerZone;
  const controls = <WeekControls slots={slots} onMoved={() => onDayChange('')} />;
  if (slots.loading) {
    return (
      <Stack gap="6">
        {controls}
        <LoadingList rows={2} label="Loading free times…" />
      </Stack>
    );
  }
  if (slots.error) {
    return (
      <Stack gap="6">
        {controls}
        <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />
      </Stack>
    );
  }
  const daySlots = day ? (slots.byDay.get(day) ?? []) : [];
  const anyFree = slots.days.some((date) => (slots.byDay.get(dayKey(date))?.length ?? 0) > 0);
  return (
    <Stack gap="6" data-doctor={doctorId}>
      {controls}
      <ChoiceGroup
        name="day"
        legend="Choose a day"
        columns={dayColumns}
        value={day}
        onChange={onDayChange}
        choices={slots.days.map((date) => {
          const key = dayKey(date);
          const count = slots.byDay.get(key)?.length ?? 0;
          return {
            value: key,
            label: formatDay(date),
            detail: count === 0 ? 'No free times' : `${count} free`,
            disabled: count === 0,
          };
        })}
      />
      {!anyFree ? <Text color="fg.muted">No free times this week. Try a later week.</Text> : null}
      {day ? (
        daySlots.length > 0 ? (
          <Stack gap="2">
            <ChoiceGroup
              name="slot"
              legend="Choose a time"
              columns={{ base: 3, sm: 4, md: 6 }}
              value={slot}
              onChange={onSlotChange}
              choices={daySlots.map((s) => ({
                value: s.startsAt,
                label: formatTime(s.startsAt),
                detail: showDoctorZone ? `${formatTime(s.startsAt, doctorTimezone)} doctor's time` : undefined,
              }))}
            />
            <Text fontSize="sm" color="fg.muted">
              Times are in your time zone ({viewerZone})
              {showDoctorZone ? `; the doctor works in ${doctorTimezone}.` : '.'}
            </Text>
          </Stack>
        ) : (
          <Text color="fg.muted">No free times on this day any more. Please choose another day.</Text>
        )
      ) : null}
    </Stack>
  );
}
