/**
 * Calendar arithmetic in the viewer's time zone (the browser's own, as `viewerTimeZone()`
 * reports it), so day columns match the times `formatDateTime` shows.
 */

/** `YYYY-MM-DD` of a local day. */
export function dayKey(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Local midnight of a `YYYY-MM-DD` key; today when the key is missing or malformed. */
export function parseDayKey(key: string | null): Date {
  const match = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null;
  if (!match) {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate());
  }
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? parseDayKey(null) : date;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The Monday on or before `date`. */
export function startOfWeek(date: Date): Date {
  const offset = (date.getDay() + 6) % 7;
  return addDays(date, -offset);
}

function dateParts(date: Date, weekday: 'short' | 'long', month: 'short' | 'long'): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { weekday, day: 'numeric', month, year: 'numeric' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
}

/** "Mon 2 Mar" (built from parts, so it does not depend on the ICU version's punctuation). */
export function shortDayLabel(date: Date): string {
  const p = dateParts(date, 'short', 'short');
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** "Monday 2 March 2026" */
export function longDayLabel(date: Date): string {
  const p = dateParts(date, 'long', 'long');
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "09:30" in the viewer's zone. */
export function timeLabel(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}
