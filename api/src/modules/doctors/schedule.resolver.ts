import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { refuseStrandingAppointments } from './affected-appointments.js';
import { Doctor } from './doctor.entity.js';
import { announceFreedTime } from '../../shared/freed-time.js';
import { TimeOff } from './time-off.entity.js';
import { assertManages } from './doctor.policy.js';

const DAY = 86_400_000;
/** The longest range `Doctor.timeOff(from, to)` reads at once. */
const MAX_TIME_OFF_RANGE_DAYS = 400;

/** An administrator, or the doctor for their own schedule. */
@Resolver(() => Doctor)
export class ScheduleResolver {
  @Mutation(() => TimeOff, {
    description:
      'ADMIN, or the doctor. A period without slots (a day or part of one, or several days). Booked appointments ' +
      'inside it are CONFLICT `APPOINTMENTS_AFFECTED` with their ids in `extensions.appointmentIds`: cancel or move ' +
      'them first (see affectedAppointments and resolveAffectedAppointments).',
  })
  async addTimeOff(
    @Arg('doctorId', () => ID, { description: 'The doctor taking leave.' }) doctorIdInput: string,
    @Arg('startsAt', () => DateTimeScalar, { description: 'When the leave starts.' }) startsAt: Date,
    @Arg('endsAt', () => DateTimeScalar, { description: 'When the leave ends.' }) endsAt: Date,
    @Arg('reason', () => String, { nullable: true, description: 'Why, for administrators (e.g. a conference).' })
    reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<TimeOff> {
    const doctorId = requireId(doctorIdInput, 'doctorId');
    assertManages(ctx, doctorId);
    if (endsAt <= startsAt) {
      throw badInput([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    if (endsAt.getTime() - startsAt.getTime() > 366 * DAY) {
      throw badInput([{ field: 'endsAt', message: 'must be at most a year after startsAt' }]);
    }
    if ((reason?.length ?? 0) > 200) {
      throw badInput([{ field: 'reason', message: 'must be at most 200 characters' }]);
    }
    return ctx.em.transactional(async (tx) => {
      // Locked, so no booking slips in between the check and the insert (bookings hold a share lock).
      const doctor = await tx.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!doctor) {
        throw notFound('Doctor');
      }
      await refuseStrandingAppointments(tx, { kind: 'timeOff', doctorId, startsAt, endsAt });
      const period = tx.create(TimeOff, { doctor, startsAt, endsAt, reason: reason?.trim() || undefined });
      ctx.audit.record(tx, { action: 'ADD_TIME_OFF', entityType: 'Doctor', entityId: doctor.id });
      return period;
    });
  }

  @Mutation(() => Boolean, { description: 'ADMIN, or the doctor. Removes a period of time off.' })
  async removeTimeOff(
    @Arg('id', () => ID, { description: 'The time off to remove.' }) idInput: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const id = requireId(idInput, 'id');
    ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
    return ctx.em.transactional(async (tx) => {
      const period = await tx.findOne(TimeOff, id);
      if (!period) {
        throw notFound('Time off');
      }
      assertManages(ctx, period.doctor.id);
      tx.remove(period);
      ctx.audit.record(tx, { action: 'REMOVE_TIME_OFF', entityType: 'Doctor', entityId: period.doctor.id });
      announceFreedTime(tx, period.doctor.id);
      return true;
    });
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the doctor’s time off under way now ends (periods that follow on without a gap count as one); null while ' +
      'they are at work. Meanwhile their results to review and repeat requests go to the patient’s other doctors too. ' +
      'No reason is given (see `timeOff`).',
  })
  awayUntil(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.doctors.awayUntil.load(doctor.id);
  }

  @FieldResolver(() => [TimeOff], {
    description:
      'ADMIN, or the doctor. Time off that overlaps [from, to), in start order; without arguments, time off from today on (not yet ended). A range is at most 400 days.',
  })
  timeOff(
    @Root() doctor: Doctor,
    @Ctx() ctx: Context,
    @Arg('from', () => DateTimeScalar, {
      nullable: true,
      description: 'Only time off that ends after this instant (past days included); default: now.',
    })
    from?: Date | null,
    @Arg('to', () => DateTimeScalar, {
      nullable: true,
      description: 'Only time off that starts before this instant; default: no end. Needs `from`.',
    })
    to?: Date | null,
  ): Promise<TimeOff[]> {
    assertManages(ctx, doctor.id);
    if (!from && !to) {
      return ctx.loaders.doctors.upcomingTimeOff.load(doctor.id);
    }
    if (!from) {
      throw badInput([{ field: 'from', message: 'is required with to' }]);
    }
    if (to && to <= from) {
      throw badInput([{ field: 'to', message: 'must be after from' }]);
    }
    if (to && to.getTime() - from.getTime() > MAX_TIME_OFF_RANGE_DAYS * DAY) {
      throw badInput([{ field: 'to', message: `must be at most ${MAX_TIME_OFF_RANGE_DAYS} days after from` }]);
    }
    if (!to && Date.now() - from.getTime() > MAX_TIME_OFF_RANGE_DAYS * DAY) {
      // Open-ended from a start long past would read the whole history: the same bound applies.
      throw badInput([
        { field: 'from', message: `without to, must be at most ${MAX_TIME_OFF_RANGE_DAYS} days in the past` },
      ]);
    }
    return ctx.loaders.doctors.timeOffBetween.load({ doctorId: doctor.id, from, to: to ?? undefined });
  }
}
