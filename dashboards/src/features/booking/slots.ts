/** Day helpers in the viewer's own zone (the browser's local time). */

/** Local midnight of `date`. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** `YYYY-MM-DD` of a local day, used as a key. */
export function dayKey(date: Date): string {
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${mm}-${dd}`;
}

/** The next `count` local days, today first. */
export function nextDays(now: Date, count: number): Date[] {
  const today = startOfDay(now);
  return Array.from({ length: count }, (_, index) => addDays(today, index));
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const timeLabel = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatDay(date: Date): string {
  return dayLabel.format(date);
}

export function formatTime(iso: string, timeZone?: string): string {
  return timeZone
    ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
        new Date(iso),
      )
    : timeLabel.format(new Date(iso));
}
