import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { viewerTimeZone } from '../../shared/format-date-time';
import type { WeeklyRule } from './calendar-grid';
import { DoctorCalendarQuery } from './operations';

/** What the grid draws besides appointments: the doctor's hours, time off and free slots. */
export interface DoctorCalendar {
  readonly timeZone: string;
  readonly rules: readonly WeeklyRule[];
  readonly timeOff: readonly { id: string; startsAt: string; endsAt: string; reason?: string | null }[];
  readonly freeSlots: readonly { startsAt: string; endsAt: string }[];
}

const EMPTY: DoctorCalendar = { timeZone: 'UTC', rules: [], timeOff: [], freeSlots: [] };

/**
 * The doctor's weekly hours, time off and free slots between `from` and `to`. The grid still
 * draws the appointments while this loads or if it fails (a calendar without shading).
 */
export function useDoctorCalendar(doctorId: string | undefined, from: string, to: string) {
  const { data, error, refetch } = useQuery(DoctorCalendarQuery, {
    variables: { doctorId: doctorId ?? '', from, to },
    skip: !doctorId,
    fetchPolicy: 'cache-and-network',
  });
  const calendar = useMemo<DoctorCalendar>(() => {
    if (!data?.doctor) {
      return { ...EMPTY, timeZone: viewerTimeZone() };
    }
    return {
      timeZone: data.doctor.timezone,
      rules: data.doctor.availability,
      timeOff: data.doctor.timeOff,
      freeSlots: data.availableSlots,
    };
  }, [data]);
  return { calendar, error, refetch };
}
