import type { AppointmentStatus } from '../../gql/graphql';

export type ScheduleAction = 'confirm' | 'checkIn' | 'complete' | 'noShow' | 'cancel';

/** What the doctor may do with an appointment in this status (at `now`). */
export function allowedActions(status: AppointmentStatus, startsAt: string, now = new Date()): ScheduleAction[] {
  switch (status) {
    case 'REQUESTED':
      return ['confirm', 'cancel'];
    case 'CONFIRMED':
      return new Date(startsAt).getTime() <= now.getTime()
        ? ['checkIn', 'complete', 'noShow', 'cancel']
        : ['checkIn', 'complete', 'cancel'];
    case 'CHECKED_IN':
      return ['complete'];
    case 'COMPLETED':
    case 'CANCELLED':
    case 'NO_SHOW':
      return [];
  }
}
