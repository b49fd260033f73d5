import type { Schedule, Slot } from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import { readNamePage } from '../../shared/read-page.js';
import { MAX_SLOT_WINDOW_DAYS, SlotService } from '../appointments/slot.service.js';
import { Doctor } from '../doctors/doctor.entity.js';
import type { TimeInterval } from '../doctors/weekly-slots.js';
import { dateParam, referenceId, type SearchParams } from './fhir-search.js';

/**
 * Schedule and Slot: each active doctor's bookable time as FHIR. A Schedule per doctor (same id
 * as the Practitioner), its free Slots computed by the one slot computation (SlotService, the
 * same as `availableSlots`): weekly hours minus the past, time off and booked times. Slot ids are
 * `<doctorId>-s<epoch seconds>`; a slot that is no longer free is not found.
 */

const DAY = 86_400_000;
const WINDOW = MAX_SLOT_WINDOW_DAYS * DAY;

/** The horizon runs from the start of the current day (UTC), so a Schedule reads the same all day. */
function toSchedule(doctor: Doctor, now: Date): Schedule {
  const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
  return {
    resourceType: 'Schedule',
    id: doctor.id,
    active: true,
    actor: [{ reference: `Practitioner/${doctor.id}`, display: `Dr ${doctor.firstName} ${doctor.lastName}` }],
    specialty: [{ text: doctor.specialization }],
    planningHorizon: { start: today.toISOString(), end: new Date(today.getTime() + WINDOW).toISOString() },
    comment: `Free slots are offered ${MAX_SLOT_WINDOW_DAYS} days ahead, in the doctor's time zone (${doctor.timezone}).`,
  };
}

function toSlot(doctorId: string, slot: TimeInterval): Slot {
  return {
    resourceType: 'Slot',
    id: `${doctorId}-s${Math.floor(slot.startsAt.getTime() / 1000)}`,
    schedule: { reference: `Schedule/${doctorId}` },
    status: 'free',
    start: slot.startsAt.toISOString(),
    end: slot.endsAt.toISOString(),
  };
}

/** Doctors whose account is active (an inactive doctor takes no appointments: no schedule). */
function activeDoctorsQuery(ctx: Context, ids?: readonly string[]) {
  const qb = ctx.em.createQueryBuilder(Doctor, 'd').join('d.user', 'u').where('u.active = true');
  if (ids) {
    qb.andWhere({ id: { $in: [...ids] } });
  }
  return qb;
}

async function activeDoctors(ctx: Context, ids: readonly string[]): Promise<Doctor[]> {
  return activeDoctorsQuery(ctx, ids).orderBy({ lastName: 'asc', id: 'asc' }).getResultList();
}

export async function readSchedule(ctx: Context, id: string): Promise<Schedule | undefined> {
  if (!isUuid(id)) {
    return undefined;
  }
  const [doctor] = await activeDoctors(ctx, [id]);
  return doctor ? toSchedule(doctor, new Date()) : undefined;
}

/**
 * `Schedule?actor=Practitioner/<id>`, or every active doctor's: a page of them in name order,
 * keyset-paged in SQL (only the page's doctors are read).
 */
export async function searchSchedules(
  ctx: Context,
  params: SearchParams,
  page: PageArgs,
): Promise<{ resources: Schedule[]; next: string | null }> {
  const actor = params.one('actor');
  const ids = actor ? [referenceId(actor, 'Practitioner', 'actor')] : undefined;
  const doctors = await readNamePage(ctx.em, () => activeDoctorsQuery(ctx, ids), page);
  const now = new Date();
  return {
    resources: doctors.edges.map((edge) => toSchedule(edge.node, now)),
    next: doctors.pageInfo.hasNextPage ? doctors.pageInfo.endCursor : null,
  };
}

export async function readSlot(ctx: Context, id: string): Promise<Slot | undefined> {
  const match = /^([0-9a-f-]{36})-s(\d{1,12})$/.exec(id);
  if (!match || !isUuid(match[1]!)) {
    return undefined;
  }
  const [doctor] = await activeDoctors(ctx, [match[1]!]);
  if (!doctor) {
    return undefined;
  }
  const startsAt = new Date(Number(match[2]) * 1000);
  const free = await new SlotService(ctx.em).freeSlots([doctor], startsAt, new Date(startsAt.getTime() + DAY));
  const slot = free.get(doctor.id)?.find((candidate) => candidate.startsAt.getTime() === startsAt.getTime());
  return slot ? toSlot(doctor.id, slot) : undefined;
}

/**
 * `Slot?schedule=Schedule/<id>` (or `practitioner=Practitioner/<id>`) with `start` bounds
 * (`ge`/`gt` from, `lt`/`le` to; default now and seven days on, at most 31 days): free slots in
 * start order, paged by the start of the last slot shown.
 */
export async function searchSlots(
  ctx: Context,
  params: SearchParams,
  page: PageArgs,
): Promise<{ resources: Slot[]; next: string | null }> {
  const schedule = params.one('schedule');
  const practitioner = params.one('practitioner');
  if (!schedule === !practitioner) {
    throw badInput([
      { field: 'schedule', message: 'give one schedule (Schedule/<id>) or practitioner (Practitioner/<id>)' },
    ]);
  }
  const doctorId = schedule
    ? referenceId(schedule.replace(/^Schedule\//, 'Practitioner/'), 'Practitioner', 'schedule')
    : referenceId(practitioner!, 'Practitioner', 'practitioner');
  let from = new Date();
  let to: Date | undefined;
  for (const value of params.all('start')) {
    const bound = dateParam(value, 'start');
    if (bound.comparator === 'ge' || bound.comparator === 'gt' || bound.comparator === 'eq') {
      from = bound.instant;
    } else if (bound.comparator === 'lt' || bound.comparator === 'le') {
      to = bound.instant;
    } else {
      throw badInput([{ field: 'start', message: 'takes ge, gt, lt or le bounds' }]);
    }
  }
  to ??= new Date(from.getTime() + 7 * DAY);
  if (to <= from) {
    throw badInput([{ field: 'start', message: 'the upper bound must be after the lower one' }]);
  }
  if (to.getTime() - from.getTime() > WINDOW) {
    throw badInput([{ field: 'start', message: `spans at most ${MAX_SLOT_WINDOW_DAYS} days` }]);
  }
  const after = page.after ? cursorNumber(page.after, 12) : undefined;
  const [doctor] = await activeDoctors(ctx, [doctorId]);
  if (!doctor) {
    return { resources: [], next: null };
  }
  const free = (await new SlotService(ctx.em).freeSlots([doctor], from, to)).get(doctor.id) ?? [];
  const remaining = after === undefined ? free : free.filter((slot) => slot.startsAt.getTime() / 1000 > after);
  const shown = remaining.slice(0, page.first ?? 20);
  const last = shown.at(-1);
  return {
    resources: shown.map((slot) => toSlot(doctor.id, slot)),
    next: remaining.length > shown.length && last ? String(Math.floor(last.startsAt.getTime() / 1000)) : null,
  };
}

/** A `_cursor` of these searches: a whole number this server wrote. */
function cursorNumber(value: string, digits: number): number {
  if (!new RegExp(`^\\d{1,${digits}}$`).test(value)) {
    throw badInput([{ field: '_cursor', message: 'is not a cursor from this search' }]);
  }
  return Number(value);
}
