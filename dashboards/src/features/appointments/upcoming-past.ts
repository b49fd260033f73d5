import type { AppointmentStatus } from '../../gql/graphql';
import { holdsTheTime } from './appointment-status';

/** What the split reads of an appointment: when it starts and ends (ISO instants) and its status. */
export interface TimedAppointment {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly status: AppointmentStatus;
}

/**
 * An appointment is upcoming while it is still on and has not ended at `now`: one in progress
 * (started, not yet ended) is upcoming. Times compare as instants, whatever offset the text carries.
 */
export function isUpcoming(appointment: TimedAppointment, now: number): boolean {
  // Still on (requested, confirmed or checked in): the statuses that hold the patient's time.
  return Date.parse(appointment.endsAt) >= now && holdsTheTime(appointment.status);
}

const byStart = (a: TimedAppointment, b: TimedAppointment) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/**
 * A list of appointments read newest first (the furthest ahead first, a page at a time) split into
 * upcoming, soonest first, and past (everything else: ended, cancelled, completed, no-show), newest
 * first. `upcomingComplete`: every upcoming one is loaded — there is no next page, or the pages
 * loaded already reach an appointment that has ended.
 */
export function splitUpcomingAndPast<T extends TimedAppointment>(
  appointments: readonly T[],
  now: number,
  hasNextPage = false,
): { upcoming: T[]; past: T[]; upcomingComplete: boolean } {
  const upcoming: T[] = [];
  const past: T[] = [];
  for (const appointment of appointments) {
    (isUpcoming(appointment, now) ? upcoming : past).push(appointment);
  }
  const last = appointments.at(-1);
  return {
    upcoming: upcoming.sort(byStart),
    past: past.sort((a, b) => byStart(b, a)),
    upcomingComplete: !hasNextPage || (last !== undefined && Date.parse(last.endsAt) < now),
  };
}
