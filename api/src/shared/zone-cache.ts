import { IANAZone, type Zone } from 'luxon';

const DAY = 86_400_000;
/** UTC days remembered per zone before the memory starts over. */
const MAX_DAYS = 4_096;

/**
 * An IANA zone whose offset is looked up (through `Intl`, luxon's slowest step: most of a
 * booking's slot check) once per UTC day: at the day's two ends. When they agree the day has no
 * transition (zones change their offset at most twice a year, never twice within a day) and every
 * instant of it gets that offset; a day with a transition is asked per instant, as luxon does.
 */
class DayCachedZone extends IANAZone {
  private readonly days = new Map<number, number | null>();

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY);
    let known = this.days.get(day);
    if (known === undefined) {
      const start = super.offset(day * DAY);
      known = start === super.offset((day + 1) * DAY - 1) ? start : null;
      if (this.days.size >= MAX_DAYS) {
        this.days.clear();
      }
      this.days.set(day, known);
    }
    return known ?? super.offset(ts);
  }
}

const zones = new Map<string, Zone | string>();

/**
 * The zone `name` for luxon's `{ zone }` options, its offsets cached per day; an unknown name is
 * given back as it is (luxon makes an invalid DateTime of it, as before).
 */
export function cachedZone(name: string): Zone | string {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? new DayCachedZone(name) : name;
    if (zones.size < 1_000) {
      zones.set(name, zone);
    }
  }
  return zone;
}

/**
 * Whether `name` is an IANA zone this runtime knows, remembered ({@link cachedZone}): luxon's own
 * check makes an `Intl.DateTimeFormat` on every call, a few hundred microseconds.
 */
export function isValidZone(name: string): boolean {
  return typeof cachedZone(name) !== 'string';
}

/** The field problem of a zone {@link isValidZone} refuses. */
export const NOT_A_ZONE = 'must be an IANA time zone, e.g. Europe/Berlin';
