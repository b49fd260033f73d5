import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { MAX_SLOT_WINDOW_DAYS, SlotService, slotWindow } from './slot.service.js';
import { Slot, toSlot } from './slot.type.js';

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
    const doctor = await ctx.em.findOne(Doctor, requireId(doctorId, 'doctorId'), { populate: ['user'] });
    if (!doctor || !doctor.user.getEntity().active) {
      throw badInput([{ field: 'doctorId', message: 'is not a doctor taking appointments' }]);
    }
    const slots = await new SlotService(ctx.em).freeSlots([doctor], from, to);
    return (slots.get(doctor.id) ?? []).map(toSlot);
  }

  @FieldResolver(() => Slot, {
    nullable: true,
    description: `The first free slot in the next ${MAX_SLOT_WINDOW_DAYS} days.`,
  })
  nextAvailableSlot(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Slot | null> {
    return ctx.loaders.appointments.nextFreeSlot.load(doctor);
  }
}
