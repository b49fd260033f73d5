/** A visit as the chart knows it. */
export interface ChartVisit {
  readonly id: string;
  readonly startsAt: string;
  readonly status: string;
  readonly doctorId: string;
}

const UNLINKABLE = new Set(['CANCELLED', 'NO_SHOW']);

/** Same calendar day in the viewer's zone. */
function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * The visits a record or prescription may be linked to, as the API allows them: this patient's,
 * with the signed-in doctor, neither cancelled nor missed; newest first. The default is today's
 * visit (the one nearest now), else the most recent one that has started, else none.
 */
export function linkableVisits(
  visits: readonly ChartVisit[],
  doctorId: string | undefined,
  now: Date = new Date(),
): { visits: ChartVisit[]; defaultId: string | undefined } {
  const own = visits
    .filter((visit) => visit.doctorId === doctorId && !UNLINKABLE.has(visit.status))
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  const distance = (visit: ChartVisit) => Math.abs(Date.parse(visit.startsAt) - now.getTime());
  const today = own.filter((visit) => sameDay(new Date(visit.startsAt), now)).sort((a, b) => distance(a) - distance(b));
  const started = own.find((visit) => Date.parse(visit.startsAt) <= now.getTime());
  return { visits: own, defaultId: (today[0] ?? started)?.id };
}
