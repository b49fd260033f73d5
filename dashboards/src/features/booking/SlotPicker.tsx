import { useQuery } from '@apollo/client/react';
import { Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { viewerTimeZone } from '../../shared/format-date-time';
import { ErrorState, LoadingList } from '../../shared/ui';
import { ChoiceGroup } from './ChoiceGroup';
import { AvailableSlotsQuery } from './operations';
import { addDays, dayKey, formatDay, formatTime, nextDays, startOfDay } from './slots';

export const BOOKING_DAYS = 14;

/** The window of days offered, from local midnight today, as the `availableSlots` variables. */
export function slotWindow(now: Date): { from: string; to: string; days: Date[] } {
  const days = nextDays(now, BOOKING_DAYS);
  const first = startOfDay(now);
  return { from: first.toISOString(), to: addDays(first, BOOKING_DAYS).toISOString(), days };
}

/** Free slots of a doctor over the next 14 days: free slots for the chosen day. */
export function useAvailableSlots(doctorId: string | undefined) {
  const [window] = useState(() => slotWindow(new Date()));
  const { data, loading, error, refetch } = useQuery(AvailableSlotsQuery, {
    variables: { doctorId: doctorId ?? '', from: window.from, to: window.to },
    skip: !doctorId,
    fetchPolicy: 'network-only',
  });
  const [now] = useState(() => Date.now());
  const byDay = useMemo(() => {
    const map = new Map<string, { startsAt: string; endsAt: string }[]>();
    for (const slot of data?.availableSlots ?? []) {
      if (Date.parse(slot.startsAt) <= now) {
        continue;
      }
      const key = dayKey(new Date(slot.startsAt));
      map.set(key, [...(map.get(key) ?? []), slot]);
    }
    return map;
  }, [data, now]);
  return { days: window.days, byDay, loading: loading && !data, error, refetch };
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
  if (slots.loading) {
    return <LoadingList rows={2} label="Loading free times…" />;
  }
  if (slots.error) {
    return <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />;
  }
  const daySlots = day ? (slots.byDay.get(day) ?? []) : [];
  return (
    <Stack gap="6" data-doctor={doctorId}>
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
