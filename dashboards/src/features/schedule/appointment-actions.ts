import type { AppointmentStatus } from '../../gql/graphql';

export type ScheduleAction = 'confirm' | 'checkIn' | 'complete' | 'noShow' | 'cancel';

/** How long before the start a visit can be checked in (the API's CHECK_IN_EARLIEST_MINUTES default). */
export const CHECK_IN_EARLIEST_MINUTES = 60;

/**
 * What the doctor may do with an appointment in this status (at `now`): check-in opens an hour
 * before the start; completing and no-shows wait for the start. The API holds the same rules.
 */
export function allowedActions(status: AppointmentStatus, startsAt: string, now = new Date()): ScheduleAction[] {
  const untilStart = new Date(startsAt).getTime() - now.getTime();
  const started = untilStart <= 0;
  const checkInOpen = untilStart <= CHECK_IN_EARLIEST_MINUTES * 60_000;
  switch (status) {
    case 'REQUESTED':
      return ['confirm', 'cancel'];
    case 'CONFIRMED':
      return [
        ...(checkInOpen ? (['checkIn'] as const) : []),
        ...(started ? (['complete', 'noShow'] as const) : []),
        'cancel',
      ];
    case 'CHECKED_IN':
      return started ? ['complete'] : [];
    case 'COMPLETED':
    case 'CANCELLED':
    case 'NO_SHOW':
      return [];
  }
}
