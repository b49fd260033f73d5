import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput, forbidden, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { groupByKey } from '../../shared/loaders.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Role } from '../identity/role.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { TimeOff } from './time-off.entity.js';
import { weeklySlots } from './weekly-slots.js';

const DAY = 86_400_000;

/** An administrator, or the doctor for their own schedule. */
function assertManages(ctx: Context, doctorId: string): void {
  const actor = ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
  if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
    throw forbidden('Doctors manage only their own schedule.');
  }
}

@Resolver(() => Doctor)
export class ScheduleResolver {
  @Mutation(() => TimeOff, {
    description: 'ADMIN, or the doctor. A period without slots (a day or part of one, or several days).',
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
      const doctor = await tx.findOne(Doctor, doctorId);
      if (!doctor) {
        throw notFound('Doctor');
      }
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
      return true;
    });
  }

  @FieldResolver(() => [TimeOff], { description: 'ADMIN, or the doctor. Time off from today on, in start order.' })
  timeOff(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<TimeOff[]> {
    assertManages(ctx, doctor.id);
    return ctx.loaders
      .get<string, TimeOff[]>('timeOffByDoctor', async (ids) =>
        groupByKey(
          ids,
          await ctx.em.find(
            TimeOff,
            { doctor: { $in: [...ids] }, endsAt: { $gt: new Date() } },
            { orderBy: { startsAt: 'asc' } },
          ),
          (period) => period.doctor.id,
        ),
      )
      .load(doctor.id);
  }

  @FieldResolver(() => [Appointment], {
    description:
      'ADMIN, or the doctor. Upcoming active appointments the weekly rules no longer cover (kept when availability changed), to rebook or keep.',
  })
  appointmentsOutsideAvailability(@Root() doctor: Doctor, @Ctx() ctx: Context): Promise<Appointment[]> {
    assertManages(ctx, doctor.id);
    return ctx.loaders
      .get<Doctor, Appointment[]>('appointmentsOutsideAvailability', async (doctors) => {
        const ids = doctors.map((d) => d.id);
        const [rules, upcoming] = await Promise.all([
          ctx.em.find(AvailabilityRule, { doctor: { $in: ids } }),
          ctx.em.find(
            Appointment,
            { doctor: { $in: ids }, status: { $in: [...ACTIVE_STATUSES] }, startsAt: { $gt: new Date() } },
            { orderBy: { startsAt: 'asc' } },
          ),
        ]);
        return doctors.map((d) => {
          const own = rules.filter((rule) => rule.doctor.id === d.id);
          return upcoming.filter(
            (appointment) =>
              appointment.doctor.id === d.id &&
              !weeklySlots(
                own,
                d.timezone,
                new Date(appointment.startsAt.getTime() - DAY),
                new Date(appointment.endsAt.getTime() + DAY),
              ).some(
                (slot) =>
                  slot.startsAt.getTime() === appointment.startsAt.getTime() &&
                  slot.endsAt.getTime() === appointment.endsAt.getTime(),
              ),
          );
        });
      })
      .load(doctor);
  }
}
