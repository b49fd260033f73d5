/** The viewer's IANA time zone, as the browser reports it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

interface Parts {
  readonly day: string;
  readonly time: string;
}

/** Within this of now a day reads without its year ("Tue 3 Mar"): which year it is in is clear. */
const YEAR_IMPLIED_MS = 180 * 24 * 3_600_000;

/** Built from parts so the result does not depend on the ICU version's punctuation. */
function parts(date: Date, timeZone: string, withYear: boolean): Parts {
  const byType = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${byType.weekday} ${byType.day} ${byType.month}${withYear ? ` ${byType.year}` : ''}`,
    time: `${byType.hour}:${byType.minute}`,
  };
}

/**
 * A moment as the viewer reads it, e.g. "Tue 3 Mar, 09:30"; more than about six months from now
 * with its year, "Wed 22 Oct 2025, 13:50", so last year's result is not read as this year's. When a doctor's zone shows a different
 * wall-clock time, that follows in brackets: "Tue 3 Mar, 09:30 (08:30 Europe/London)", with the
 * doctor's day too when it differs: "Tue 3 Mar, 01:30 (Mon 2 Mar, 20:30 America/New_York)".
 */
export function formatDateTime(iso: string, viewerZone: string, doctorZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const withYear = Math.abs(date.getTime() - Date.now()) > YEAR_IMPLIED_MS;
  const viewer = parts(date, viewerZone, withYear);
  const text = `${viewer.day}, ${viewer.time}`;
  if (!doctorZone || doctorZone === viewerZone) {
    return text;
  }
  const doctor = parts(date, doctorZone, withYear);
  if (doctor.day === viewer.day && doctor.time === viewer.time) {
    return text;
  }
  const doctorText = doctor.day === viewer.day ? doctor.time : `${doctor.day}, ${doctor.time}`;
  return `${text} (${doctorText} ${doctorZone})`;
}

/** The day of a moment as the viewer reads it, e.g. "Tue 3 Mar" (with its year more than about six months away). */
export function formatDay(iso: string, viewerZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return parts(date, viewerZone, Math.abs(date.getTime() - Date.now()) > YEAR_IMPLIED_MS).day;
}

const calendarDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar day (`YYYY-MM-DD`: a birth date, a follow-up) as "4 May 1980"; unparseable text as given. */
export function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00`);
  return Number.isNaN(parsed.getTime()) ? date : calendarDate.format(parsed);
}

/** Whole years since a calendar day (a birth date), or null when it cannot be read. */
export function yearsSince(date: string, now = new Date()): number | null {
  const born = new Date(`${date}T00:00:00`);
  if (Number.isNaN(born.getTime())) {
    return null;
  }
  let years = now.getFullYear() - born.getFullYear();
  if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) {
    years -= 1;
  }
  return years;
}
