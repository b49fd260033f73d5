import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, slotTaken } from '../../shared/errors.js';
import { readTrip, uuidIn } from '../../shared/one-trip.js';
import { type Doctor } from '../doctors/doctor.entity.js';
import { overlaps, weeklySlots, type TimeInterval, type WeeklyRule } from '../doctors/weekly-slots.js';
import { ACTIVE_STATUSES } from './appointment-status.js';
import { ACTIVE_HOLD, activeHolds, heldByOthers } from './slot-hold.service.js';
import { slotClaimKey } from './booking-claims.js';
import type { Statement } from '../../shared/round-trips.js';

export const MAX_SLOT_WINDOW_DAYS = 31;
const DAY = 86_400_000;

/** A timestamptz column as milliseconds since the epoch (a JSON number), under its own name. */
export const EPOCH_MS = (column: string) => `(extract(epoch from ${column}) * 1000)::float8 as ${column}`;

/** A row of `doctor_id` and the two times {@link EPOCH_MS} selected as `starts_at` and `ends_at`. */
export function doctorTimeOf(row: Record<string, unknown>): TimeInterval & { readonly doctorId: string } {
  return {
    doctorId: row['doctor_id'] as string,
    startsAt: new Date(row['starts_at'] as number),
    endsAt: new Date(row['ends_at'] as number),
  };
}

/**
 * The slots that overlap none of `blocked`, in their order: each slot looked up in the blocked
 * intervals sorted by start (a binary search), not tested against every one of them (a month of a
 * busy doctor's slots against their appointments). A slot is blocked exactly when, of the
 * intervals starting before it ends, the one ending last ends after it starts.
 */
export function freeOf(slots: readonly TimeInterval[], blocked: readonly TimeInterval[]): TimeInterval[] {
  const byStart = [...blocked].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  // lastEnd[k]: the latest end of the first k intervals.
  const lastEnd = [-Infinity];
  for (const interval of byStart) {
    lastEnd.push(Math.max(lastEnd.at(-1)!, interval.endsAt.getTime()));
  }
  return slots.filter((slot) => {
    const end = slot.endsAt.getTime();
    let [low, high] = [0, byStart.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byStart[middle]!.startsAt.getTime() < end) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return !(lastEnd[low]! > slot.startsAt.getTime());
  });
}

/** Why a start time cannot be booked, in words for the caller. */
export type SlotProblem = 'IN_PAST' | 'NOT_A_SLOT' | 'TIME_OFF';

const PROBLEM_MESSAGES: Record<SlotProblem, string> = {
  IN_PAST: 'is in the past',
  NOT_A_SLOT: "is not one of the doctor's slots (outside their hours, or not on a slot boundary)",
  TIME_OFF: 'falls in the doctor’s time off',
};

/** What free slots need of a doctor: who, and the zone their weekly hours are read in. */
export interface DoctorClock {
  readonly id: string;
  readonly timezone: string;
}

/** What takes doctors' time in a range, and their weekly rules: plain rows, as {@link SlotService.blocking} reads them. */
interface Blocking {
  readonly rules: readonly Record<string, unknown>[];
  readonly blockedBy: ReadonlyMap<string, TimeInterval[]>;
}

/**
 * Free slots: weekly rules read in the doctor's zone, minus the past, time off and every active
 * appointment and every slot held for someone else (`exceptHoldsOf`: the viewing patient).
 * Computed for many doctors at once, in one round trip whatever their number.
 */
export class SlotService {
  constructor(private readonly em: EntityManager) {}

  async freeSlots(
    doctors: readonly DoctorClock[],
    from: Date,
    to: Date,
    now: Date = new Date(),
    exceptHoldsOf?: string,
  ): Promise<Map<string, TimeInterval[]>> {
    const start = new Date(Math.max(from.getTime(), now.getTime()));
    const result = new Map<string, TimeInterval[]>(doctors.map((doctor) => [doctor.id, []]));
    if (doctors.length === 0 || start >= to) {
      return result;
    }
    const blocking = await this.blocking(
      doctors.map((doctor) => doctor.id),
      start,
      to,
      exceptHoldsOf,
    );
    for (const doctor of doctors) {
      result.set(doctor.id, freeOfDoctor(doctor, blocking, start, to));
    }
    return result;
  }

  /**
   * {@link freeSlots} of one doctor known by id, if they take appointments (an active account);
   * undefined if not (no such doctor, or deactivated). The doctor's own row is read in the same
   * round trip as what blocks their time.
   */
  async freeSlotsOfBookableDoctor(
    doctorId: string,
    from: Date,
    to: Date,
    now: Date = new Date(),
    exceptHoldsOf?: string,
  ): Promise<TimeInterval[] | undefined> {
    const start = new Date(Math.max(from.getTime(), now.getTime()));
    const [clock, blocking] = await Promise.all([
      readTrip(this.em).load({
        sql: `select d.id, d.timezone from doctor d join app_user u on u.id = d.user_id where d.id = $1::uuid and u.active`,
        params: [doctorId],
      }),
      start < to ? this.blocking([doctorId], start, to, exceptHoldsOf) : undefined,
    ]);
    const doctor = clock[0] as DoctorClock | undefined;
    if (doctor === undefined) {
      return undefined;
    }
    return blocking ? freeOfDoctor(doctor, blocking, start, to) : [];
  }

  /** The doctors' rules, time off, booked times and holds in [start, to): one part each of the request's round trip. */
  private async blocking(
    ids: readonly string[],
    start: Date,
    to: Date,
    exceptHoldsOf: string | undefined,
  ): Promise<Blocking> {
    // Plain rows (only their times are used).
    const doctorsIn = uuidIn(1, ids);
    const between = [doctorsIn.param, to.toISOString(), start.toISOString()];
    const trip = readTrip(this.em);
    const [rules, timeOff, busy, held] = await Promise.all([
      trip.load({
        sql: `select doctor_id, weekday, start_time::text as start_time, end_time::text as end_time, slot_minutes
              from availability_rule where doctor_id ${doctorsIn.sql}`,
        params: [doctorsIn.param],
      }),
      trip.load({
        sql: `select doctor_id, ${EPOCH_MS('starts_at')}, ${EPOCH_MS('ends_at')} from time_off
              where doctor_id ${doctorsIn.sql} and starts_at < $2::timestamptz and ends_at > $3::timestamptz`,
        params: between,
      }),
      trip.load({
        sql: `select doctor_id, ${EPOCH_MS('starts_at')}, ${EPOCH_MS('ends_at')} from appointment
              where doctor_id ${doctorsIn.sql} and status = any($4::text[])
                and starts_at < $2::timestamptz and ends_at > $3::timestamptz`,
        params: [...between, [...ACTIVE_STATUSES]],
      }),
      // Held slots are offered to nobody but their holder.
      activeHolds(this.em, ids, start, to, exceptHoldsOf),
    ]);
    const blockedBy = new Map<string, TimeInterval[]>(ids.map((id) => [id, []]));
    for (const interval of [...timeOff.map(doctorTimeOf), ...busy.map(doctorTimeOf), ...held]) {
      blockedBy.get(interval.doctorId)?.push(interval);
    }
    return { rules, blockedBy };
  }

  /**
   * The slot starting at `startsAt` if the doctor's rules offer it, it is in the future and not
   * in time off; BAD_USER_INPUT naming `field` with the reason otherwise. Whether another booking
   * holds it is left to the database's exclusion constraint (CONFLICT), which also settles races.
   */
  async bookableSlot(doctor: Doctor, startsAt: Date, field: string, now: Date = new Date()): Promise<TimeInterval> {
    return (await this.slotFacts(doctor, startsAt, field, { now })).slot;
  }

  /**
   * {@link bookableSlot} and, in the same statement, the slot's active holds: with `holdsOf`,
   * CONFLICT `SLOT_HELD` when someone else holds part of it, and `ownHold` tells whether that
   * patient holds part of it (a hold to use up). The doctor's rules, time off and holds around the
   * start are read at once (one round trip) and matched to the slot here.
   *
   * With `claim` (a booking), the same statement claims the doctor's start for this transaction,
   * without waiting (a transaction-scoped advisory lock), unless someone else holds it: a second
   * booking of the very slot while the first is still in flight is CONFLICT `SLOT_TAKEN` at once,
   * instead of waiting on the exclusion constraint for the whole of the first one's transaction;
   * and a slot booked and committed already is CONFLICT `SLOT_TAKEN` here, before anything is
   * written. The constraint still decides every other overlap.
   */
  async slotFacts(
    doctor: Doctor,
    startsAt: Date,
    field: string,
    options: SlotFactsOptions = {},
  ): Promise<{ slot: TimeInterval; ownHold: boolean }> {
    const statement = slotFactsStatement(doctor.id, startsAt, field, options);
    const [facts] = await this.em.execute<SlotFactsRow[]>(statement.sql, [...statement.params]);
    return judgeSlotFacts(doctor, startsAt, field, facts!, options);
  }
}

/** A doctor's free slots in [start, to) from what {@link SlotService.blocking} read. */
function freeOfDoctor(doctor: DoctorClock, { rules, blockedBy }: Blocking, start: Date, to: Date): TimeInterval[] {
  const own: WeeklyRule[] = rules
    .filter((rule) => rule['doctor_id'] === doctor.id)
    .map((rule) => ({
      weekday: rule['weekday'] as number,
      startTime: rule['start_time'] as string,
      endTime: rule['end_time'] as string,
      slotMinutes: rule['slot_minutes'] as number,
    }));
  return freeOf(weeklySlots(own, doctor.timezone, start, to), blockedBy.get(doctor.id) ?? []);
}

export interface SlotFactsOptions {
  readonly holdsOf?: string | undefined;
  readonly claim?: boolean;
  readonly now?: Date;
}

/** What {@link slotFactsStatement} reads: one row. */
export interface SlotFactsRow {
  rules: { weekday: number; startTime: string; endTime: string; slotMinutes: number }[];
  time_off: { startsAt: string; endsAt: string }[];
  holds: { startsAt: string; endsAt: string; own: boolean }[];
  /** Active appointments of the doctor around the start (only read with `claim`). */
  booked: { startsAt: string; endsAt: string }[];
  claimed: boolean;
}

const problemOf = (field: string, reason: SlotProblem) =>
  badInput(
    [{ field, message: PROBLEM_MESSAGES[reason] }],
    `That time cannot be booked: it ${PROBLEM_MESSAGES[reason]}.`,
  );

/**
 * The statement of {@link SlotService.slotFacts} (for a caller that sends it with others in one
 * round trip): BAD_USER_INPUT at once for a start in the past. With `claim`, it also reads the
 * doctor's active appointments around the start, so a slot booked and committed already is
 * CONFLICT `SLOT_TAKEN` here, before anything is written (the constraint still settles races).
 */
export function slotFactsStatement(
  doctorId: string,
  startsAt: Date,
  field: string,
  options: SlotFactsOptions = {},
): Statement {
  const { holdsOf: patientId, claim = false, now = new Date() } = options;
  assertFutureStart(startsAt, field, now);
  // A slot lies within a day of its start: what overlaps [start, start + 1 day) is all that may matter.
  const windowEnd = new Date(startsAt.getTime() + DAY);
  return {
    sql: `select
         (select coalesce(json_agg(json_build_object('weekday', r.weekday, 'startTime', r.start_time,
                   'endTime', r.end_time, 'slotMinutes', r.slot_minutes)), '[]')
            from availability_rule r where r.doctor_id = ?) as rules,
         (select coalesce(json_agg(json_build_object('startsAt', t.starts_at, 'endsAt', t.ends_at)), '[]')
            from time_off t where t.doctor_id = ? and t.starts_at < ? and t.ends_at > ?) as time_off,
         (select coalesce(json_agg(json_build_object('startsAt', h.starts_at, 'endsAt', h.ends_at,
                   'own', h.patient_id = ?::uuid is true)), '[]')
            from slot_hold h where h.doctor_id = ? and ${ACTIVE_HOLD} and h.starts_at < ? and h.ends_at > ?) as holds,
         (select coalesce(json_agg(json_build_object('startsAt', a.starts_at, 'endsAt', a.ends_at)), '[]')
            from appointment a where ?::boolean and a.doctor_id = ? and a.status in (${ACTIVE_STATUSES.map(() => '?').join(', ')})
             and a.starts_at > ? and a.starts_at < ? and a.ends_at > ?) as booked,
         case when not ?::boolean or exists (select 1 from slot_hold h where h.doctor_id = ? and ${ACTIVE_HOLD}
                   and h.starts_at <= ? and h.ends_at > ? and h.patient_id is distinct from ?::uuid) then true
              else pg_try_advisory_xact_lock(hashtextextended(?, 0)) end as claimed`,
    params: [
      doctorId,
      doctorId,
      windowEnd,
      startsAt,
      patientId ?? null,
      doctorId,
      windowEnd,
      startsAt,
      claim,
      doctorId,
      ...ACTIVE_STATUSES,
      new Date(startsAt.getTime() - DAY),
      windowEnd,
      startsAt,
      claim,
      doctorId,
      startsAt,
      startsAt,
      patientId ?? null,
      slotClaimKey(doctorId, startsAt),
    ],
    // Every value an equality on an indexed column or a day's range of one: the generic plan (made
    // once per connection) is the plan; left to choose, PostgreSQL planned it anew every time.
    prepare: 'generic',
  };
}

/** BAD_USER_INPUT naming `field` for a start that is not in the future. */
export function assertFutureStart(startsAt: Date, field: string, now: Date = new Date()): void {
  if (startsAt.getTime() <= now.getTime()) {
    throw problemOf(field, 'IN_PAST');
  }
}

/** The slot and whether the patient holds part of it, from {@link slotFactsStatement}'s row. */
export function judgeSlotFacts(
  doctor: Pick<Doctor, 'timezone'>,
  startsAt: Date,
  field: string,
  facts: SlotFactsRow,
  options: SlotFactsOptions = {},
): { slot: TimeInterval; ownHold: boolean } {
  // A slot starting at `startsAt` lies within [start, start + the longest slot): only its day (or
  // two) is laid out, not the days around it.
  const longest = Math.max(0, ...facts.rules.map((rule) => rule.slotMinutes)) * 60_000;
  const slot = weeklySlots(facts.rules, doctor.timezone, startsAt, new Date(startsAt.getTime() + longest)).find(
    (candidate) => candidate.startsAt.getTime() === startsAt.getTime(),
  );
  if (!slot) {
    throw problemOf(field, 'NOT_A_SLOT');
  }
  const overlapping = <T extends { startsAt: string; endsAt: string }>(rows: readonly T[]) =>
    rows.filter((row) => overlaps(slot, { startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) }));
  if (overlapping(facts.time_off).length > 0) {
    throw problemOf(field, 'TIME_OFF');
  }
  const holds = overlapping(facts.holds);
  if (options.holdsOf !== undefined && holds.some((hold) => !hold.own)) {
    throw heldByOthers();
  }
  if (!facts.claimed || overlapping(facts.booked).length > 0) {
    throw slotTaken();
  }
  return { slot, ownHold: holds.some((hold) => hold.own) };
}

/** A [from, to) window of at most 31 days, or BAD_USER_INPUT. */
export function slotWindow(from: Date, to: Date): void {
  if (to <= from) {
    throw badInput([{ field: 'to', message: 'must be after from' }]);
  }
  if (to.getTime() - from.getTime() > MAX_SLOT_WINDOW_DAYS * DAY) {
    throw badInput([{ field: 'to', message: `must be at most ${MAX_SLOT_WINDOW_DAYS} days after from` }]);
  }
}
