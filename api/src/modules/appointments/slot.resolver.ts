import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { MAX_SLOT_WINDOW_DAYS, SlotService, slotWindow } from './slot.service.js';
import { DoctorSlot, Slot, toSlot } from './slot.type.js';

const DAY = 86_400_000;

/** A patient sees the slots they hold themselves as free (to book them); others do not. */
function viewingPatient(ctx: Context): string | undefined {
  const actor = ctx.access.actor;
  return actor.kind === 'user' ? (actor.patientId ?? undefined) : undefined;
}

@Resolver(() => Doctor)
export class SlotResolver {
  @Query(() => [Slot], {
    description: `Free slots of a doctor in [from, to), in UTC, at most ${MAX_SLOT_WINDOW_DAYS} days; the past, time off and booked times excluded.`,
  })
  async availableSlots(
    @Arg('doctorId', () => ID, { description: 'The doctor.' }) doctorId: string,
    @Arg('from', () => DateTimeScalar, { description: 'Start of the range.' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the range (at most 31 days after from).' }) to: Date,
    @Ctx() ctx: Context,
  ): Promise<Slot[]> {
    slotWindow(from, to);
    const slots = await new SlotService(ctx.em).freeSlotsOfBookableDoctor(
      requireId(doctorId, 'doctorId'),
      from,
      to,
      new Date(),
      viewingPatient(ctx),
    );
    if (!slots) {
      throw badInput([{ field: 'doctorId', message: 'is not a doctor taking appointments' }]);
    }
    return slots.map(toSlot);
  }

  @Query(() => [DoctorSlot], {
    description:
      `"First available" across a specialisation: the earliest free slots of all its active doctors, from \`from\` ` +
      `(default now) over the next ${MAX_SLOT_WINDOW_DAYS} days, earliest first, at most \`limit\` (default 10, at most 50).`,
  })
  async firstAvailableSlots(
    @Arg('specialization', { description: 'A name from `specializations`, any case.' }) specialization: string,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Look from this time on; default now.' })
    from: Date | null,
    @Arg('limit', () => Int, { nullable: true, description: 'How many slots, 1 to 50; default 10.' })
    limit: number | null,
    @Ctx() ctx: Context,
  ): Promise<DoctorSlot[]> {
    const count = limit ?? 10;
    if (!Number.isInteger(count) || count < 1 || count > 50) {
      throw badInput([{ field: 'limit', message: 'must be 1 to 50' }]);
    }
    const start = from ?? new Date();
    const doctors = await ctx.em
      .createQueryBuilder(Doctor, 'd')
      .join('d.user', 'u')
      .where('u.active = true')
      .andWhere('lower(d.specialization) = lower(?)', [specialization.trim()])
      .getResultList();
    const viewer = viewingPatient(ctx);
    const slots = await new SlotService(ctx.em).freeSlots(
      doctors,
      start,
      new Date(start.getTime() + MAX_SLOT_WINDOW_DAYS * DAY),
      new Date(),
      viewer,
    );
    if (!from) {
      // From now, each doctor's first free slot is their `nextAvailableSlot` too: not made again.
      const next = ctx.loaders.appointments.nextFreeSlot(viewer);
      for (const doctor of doctors) {
        const first = slots.get(doctor.id)?.[0];
        next.prime(doctor, first ? toSlot(first) : null);
      }
    }
    const byId = new Map(doctors.map((doctor) => [doctor.id, doctor]));
    return [...slots.entries()]
      .flatMap(([doctorId, free]) => free.map((slot) => ({ doctorId, ...slot })))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.doctorId.localeCompare(b.doctorId))
      .slice(0, count)
      .map((slot) =>
        Object.assign(new DoctorSlot(), {
          doctor: byId.get(slot.doctorId)!,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
        }),
      );
  }

  @FieldResolver(() => Slot, {
    nullable: true,
    description: `The first free slot in the next ${MAX_SLOT_WINDOW_DAYS} days (a patient's own held slot is free to them).`,
  })
  nextAvailableSlot(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Slot | null> {
    return ctx.loaders.appointments.nextFreeSlot(viewingPatient(ctx)).load(doctor);
  }
}
