import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { SlotHold } from '../appointments/slot-hold.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { WaitlistEntry, WaitlistStatus } from './waitlist-entry.entity.js';
import { JoinWaitlistInput } from './waitlist.inputs.js';
import { WaitlistService } from './waitlist.service.js';

/** An offer's hold, while it is in force (by this process's clock; the database decides bookings). */
function liveOffer(entry: WaitlistEntry, now = new Date()): SlotHold | null {
  const hold = entry.offerHold?.getEntity();
  return entry.status === WaitlistStatus.OFFERED && hold && !hold.releasedAt && hold.expiresAt > now ? hold : null;
}

/** The offer's hold (MikroORM's dataloader batches those of a list into one statement). */
async function loadOffer(entry: WaitlistEntry): Promise<void> {
  if (entry.offerHold && !entry.offerHold.isInitialized()) {
    await entry.offerHold.load();
  }
}

@Resolver(() => WaitlistEntry)
export class WaitlistResolver {
  @Mutation(() => WaitlistEntry, {
    description:
      'PATIENT: waits for a slot of a doctor, or of any doctor of a specialisation, within a window (at most 31 days, ' +
      'ending in the future). When a matching slot frees up, the first patient waiting gets an offer: the slot held for ' +
      'them for a while, with a notification and an e-mail. A slot already free is offered at once. At most a few open ' +
      'places (CONFLICT `WAITLIST_LIMIT`), one per doctor or specialisation (`ALREADY_WAITING`).',
  })
  joinWaitlist(
    @Arg('input', () => JoinWaitlistInput, { description: 'Whom to wait for, and when.' }) input: JoinWaitlistInput,
    @Ctx() ctx: Context,
  ): Promise<WaitlistEntry> {
    return new WaitlistService(ctx).join(input);
  }

  @Mutation(() => Appointment, {
    description:
      'PATIENT: books the slot an offer holds (REQUESTED, like any booking). CONFLICT `NO_OFFER` without an offer, `HOLD_EXPIRED` once it ran out.',
  })
  acceptWaitlistOffer(
    @Arg('id', () => ID, { description: 'The waitlist place with the offer.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Appointment> {
    return new WaitlistService(ctx).accept(id);
  }

  @Mutation(() => WaitlistEntry, {
    description:
      'The patient (or ADMIN): leaves the waitlist (CANCELLED). Declines an offer too: its slot goes to the next patient at once.',
  })
  leaveWaitlist(
    @Arg('id', () => ID, { description: 'The waitlist place.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<WaitlistEntry> {
    return new WaitlistService(ctx).leave(id);
  }

  @Query(() => [WaitlistEntry], { description: 'PATIENT: their waitlist places, newest first (the last 50).' })
  myWaitlist(@Ctx() ctx: Context): Promise<WaitlistEntry[]> {
    return new WaitlistService(ctx).mine();
  }

  @Query(() => [WaitlistEntry], {
    description:
      'The doctor, or ADMIN: who is waiting for this doctor (by name or by specialisation), in the order offers go out.',
  })
  doctorWaitlist(
    @Arg('doctorId', () => ID, { description: 'The doctor.' }) doctorId: string,
    @Ctx() ctx: Context,
  ): Promise<WaitlistEntry[]> {
    return new WaitlistService(ctx).forDoctor(doctorId);
  }

  @FieldResolver(() => WaitlistStatus, {
    description: 'Where it stands now: an offer that ran out, or a window that passed, reads EXPIRED.',
  })
  async status(@Root() entry: WaitlistEntry): Promise<WaitlistStatus> {
    await loadOffer(entry);
    const now = new Date();
    if (entry.status === WaitlistStatus.OFFERED && !liveOffer(entry, now)) {
      return WaitlistStatus.EXPIRED;
    }
    if (entry.status === WaitlistStatus.WAITING && entry.windowTo <= now) {
      return WaitlistStatus.EXPIRED;
    }
    return entry.status;
  }

  @FieldResolver(() => SlotHold, {
    nullable: true,
    description: 'The slot held for the patient while an offer stands (accept before `expiresAt`).',
  })
  async offer(@Root() entry: WaitlistEntry): Promise<SlotHold | null> {
    await loadOffer(entry);
    return liveOffer(entry);
  }

  @FieldResolver(() => Doctor, { nullable: true, description: 'The doctor waited for; empty for a specialisation.' })
  async doctor(@Root() entry: WaitlistEntry): Promise<Doctor | null> {
    // A to-one reference: MikroORM's dataloader batches the doctors of a list in one statement.
    return entry.doctor ? ((await entry.doctor.load()) ?? null) : null;
  }

  @FieldResolver(() => String, { description: 'Who is waiting (name only): for the doctor’s and the clinic’s lists.' })
  async patientName(@Root() entry: WaitlistEntry): Promise<string> {
    const patient = await entry.patient.loadOrFail();
    return `${patient.firstName} ${patient.lastName}`;
  }
}
