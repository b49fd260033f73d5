import type { AppointmentStatus } from '../../gql/graphql';

/**
 * The one wording and colour of each appointment status, in every area (patient, doctor, admin).
 * Palettes are Chakra colour palettes; charts use their 500 shade.
 */
export const APPOINTMENT_STATUS: Readonly<
  Record<AppointmentStatus, { readonly label: string; readonly palette: string }>
> = {
  REQUESTED: { label: 'Requested', palette: 'orange' },
  CONFIRMED: { label: 'Confirmed', palette: 'blue' },
  CHECKED_IN: { label: 'Checked in', palette: 'teal' },
  COMPLETED: { label: 'Completed', palette: 'green' },
  CANCELLED: { label: 'Cancelled', palette: 'red' },
  NO_SHOW: { label: 'No-show', palette: 'purple' },
};

/** Every status, in the order an appointment moves through them; for filters and legends. */
export const APPOINTMENT_STATUS_OPTIONS = (Object.keys(APPOINTMENT_STATUS) as AppointmentStatus[]).map((value) => ({
  value,
  label: APPOINTMENT_STATUS[value].label,
}));

export function appointmentStatusLabel(status: AppointmentStatus): string {
  return APPOINTMENT_STATUS[status].label;
}

/** Statuses in which an appointment holds the patient's time (as the API's no-overlap rule has it). */
const HOLDS_THE_TIME: readonly AppointmentStatus[] = ['REQUESTED', 'CONFIRMED', 'CHECKED_IN'];

/** Whether an appointment in this status keeps the patient from another one at the same time. */
export function holdsTheTime(status: AppointmentStatus): boolean {
  return HOLDS_THE_TIME.includes(status);
}
