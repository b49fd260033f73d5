import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { SlotHold } from './slot-hold.entity.js';
import { SlotHoldService } from './slot-hold.service.js';

@Resolver(() => SlotHold)
export class SlotHoldResolver {
  @Mutation(() => SlotHold, {
    description:
      'PATIENT (or ADMIN naming the patient): keeps a free slot for the patient while they finish booking, until ' +
      '`expiresAt` (a few minutes). Nobody else is offered or can book it meanwhile; book it with `holdId`. One hold ' +
      'per doctor (a new one lets the previous go) and a few at most: CONFLICT `HOLD_LIMIT`. A taken or held slot is ' +
      'CONFLICT (`SLOT_TAKEN`, `SLOT_HELD`).',
  })
  holdSlot(
    @Arg('doctorId', () => ID, { description: 'The doctor.' }) doctorId: string,
    @Arg('startsAt', () => DateTimeScalar, { description: 'The start of a slot `availableSlots` offers.' })
    startsAt: Date,
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'Required for an administrator; a patient holds for themself.',
    })
    patientId: string | null,
    @Ctx() ctx: Context,
  ): Promise<SlotHold> {
    return new SlotHoldService(ctx).hold(doctorId, startsAt, patientId);
  }

  @Mutation(() => Boolean, {
    description:
      'The holder (or ADMIN): lets a hold go now, so the slot is free for others. False when it had already run out or been used.',
  })
  releaseSlotHold(
    @Arg('id', () => ID, { description: 'The hold.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new SlotHoldService(ctx).release(id);
  }
}
