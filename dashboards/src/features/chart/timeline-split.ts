/**
 * A chart's timeline (newest first, as the API sends it, so visits booked ahead lead it) split into
 * the visits still ahead of `now`, soonest first, and the history, newest first. Only visits are
 * booked ahead: a record or prescription is dated when it is written, so one written after `now`
 * (the moment the page opened) is history too.
 */
export function splitTimeline<T extends { readonly kind: string; readonly at: string }>(
  entries: readonly T[],
  now: number,
): { upcoming: T[]; history: T[] } {
  const ahead = (entry: T) => entry.kind === 'APPOINTMENT' && Date.parse(entry.at) > now;
  return { upcoming: entries.filter(ahead).reverse(), history: entries.filter((entry) => !ahead(entry)) };
}
