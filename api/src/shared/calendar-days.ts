/**
 * Calendar days (`YYYY-MM-DD`) checked against "today" when the clinic's zone is not at hand (a
 * patient's birth date, a follow-up date): today is a different day in different places, from
 * UTC−12 to UTC+14, so a check that must not refuse a true value takes the widest day.
 */

const HOUR = 3_600_000;

/**
 * The earliest calendar day that is still today somewhere on Earth (UTC−12): a date before it is
 * in the past for every clinic, whatever its time zone.
 */
export function earliestToday(now: Date): string {
  return new Date(now.getTime() - 12 * HOUR).toISOString().slice(0, 10);
}

/**
 * The latest calendar day that is already today somewhere on Earth (UTC+14): a date after it is in
 * the future everywhere, while a child born today in Kiribati may be registered at 11:00 UTC.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * HOUR).toISOString().slice(0, 10);
}
