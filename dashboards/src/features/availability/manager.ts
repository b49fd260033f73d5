/**
 * Who changes a doctor's hours on this page, and the page's queries to read again once a change
 * is in: an administrator on the doctor's page, who may also move a booked visit to another
 * doctor, or the doctor on their own page, who moves it only to another of their own times.
 */
export interface HoursManager {
  readonly role: 'admin' | 'doctor';
  readonly refetch: readonly string[];
}

/** An administrator on a doctor's page (`AdminDoctor`), whose changes the appointments list shows too. */
export const BY_ADMINISTRATOR: HoursManager = { role: 'admin', refetch: ['AdminDoctor', 'AdminAppointments'] };

/** The doctor on their own hours page (`OwnHours`). */
export const BY_DOCTOR: HoursManager = { role: 'doctor', refetch: ['OwnHours'] };
