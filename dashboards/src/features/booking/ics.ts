import { dayKey } from '../schedule/calendar-dates';

/** An appointment as a calendar file needs it. */
export interface CalendarVisit {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly doctorName: string;
  readonly specialization?: string | undefined;
}

/** `20260302T093000Z` */
function icsTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes text for an iCalendar value (RFC 5545 §3.3.11). */
function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * One appointment as an iCalendar file (RFC 5545) for "Add to calendar": who and when only, never
 * the reason for the visit, since calendars are often shared or synced elsewhere.
 */
export function appointmentIcs(visit: CalendarVisit, productName: string, now: Date = new Date()): string {
  const summary = `Appointment with ${visit.doctorName}${visit.specialization ? ` (${visit.specialization})` : ''}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${icsText(productName)}//Appointments//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:appointment-${visit.id}@healthcare-platform`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(visit.startsAt)}`,
    `DTEND:${icsTime(visit.endsAt)}`,
    `SUMMARY:${icsText(summary)}`,
    `DESCRIPTION:${icsText(`${summary}. To cancel or reschedule, use the patient portal.`)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT2H',
    `DESCRIPTION:${icsText(summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers the file for download in the browser. */
export function downloadIcs(visit: CalendarVisit, productName: string): void {
  const blob = new Blob([appointmentIcs(visit, productName)], { type: 'text/calendar;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  // Named by the visit's day where the patient is (a 00:30 visit in Berlin is not the day before's).
  link.download = `appointment-${dayKey(new Date(visit.startsAt))}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
