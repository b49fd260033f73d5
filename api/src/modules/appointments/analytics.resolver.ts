import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { isValidZone } from '../../shared/zone-cache.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';

const MAX_DAYS = 366;
const DAY = 86_400_000;

@ObjectType({ description: 'Appointments starting on one day, by how they ended up.' })
export class DailyAppointments {
  @Field(() => CalendarDateScalar, { description: 'The day.' })
  date!: string;

  @Field(() => Int, { description: 'Appointments starting that day, in any status.' })
  total!: number;

  @Field(() => Int, { description: 'Completed that day.' })
  completed!: number;

  @Field(() => Int, { description: 'Cancelled that day.' })
  cancelled!: number;

  @Field(() => Int, { description: 'Marked NO_SHOW that day.' })
  noShow!: number;
}

@ObjectType({ description: 'How much of a doctor’s weekly hours were booked in the period.' })
export class DoctorUtilisation {
  @Field(() => Doctor, { description: 'The doctor.' })
  doctor!: Doctor;

  @Field(() => Float, { description: 'Hours the weekly rules offer in the period.' })
  availableHours!: number;

  @Field(() => Float, { description: 'Hours of appointments that were not cancelled.' })
  bookedHours!: number;

  @Field(() => Float, { description: 'bookedHours / availableHours, 0 when nothing was offered.' })
  utilisation!: number;
}

@ObjectType({ description: 'Clinic activity over a period, computed in SQL.' })
export class Analytics {
  @Field(() => DateTimeScalar, { description: 'Start of the period.' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' })
  to!: Date;

  @Field(() => Int, { description: 'Appointments starting in the period, in any status.' })
  totalAppointments!: number;

  @Field(() => [DailyAppointments], {
    description: 'Appointments of each day of the period, every day listed (zero included).',
  })
  appointmentsPerDay!: DailyAppointments[];

  @Field(() => [DoctorUtilisation], { description: 'Each doctor’s booked share of their offered hours.' })
  utilisation!: DoctorUtilisation[];

  @Field(() => Float, { description: 'No-shows among appointments that were due (completed or no-show).' })
  noShowRate!: number;

  @Field(() => Float, { description: 'Cancelled among all appointments of the period.' })
  cancellationRate!: number;
}

@Resolver()
export class AnalyticsResolver {
  @Query(() => Analytics, {
    description:
      'ADMIN. Appointments per day, utilisation per doctor, no-show and cancellation rates over [from, to) (at most 366 days).',
  })
  async analytics(
    @Arg('from', () => DateTimeScalar, { description: 'Start of the period.' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the period (exclusive).' }) to: Date,
    @Arg('timezone', () => String, { nullable: true, description: 'Zone the days are counted in; UTC when omitted.' })
    timezoneInput: string | null,
    @Ctx() ctx: Context,
  ): Promise<Analytics> {
    ctx.access.requireRole(Role.ADMIN);
    const timezone = timezoneInput ?? 'UTC';
    if (!isValidZone(timezone)) {
      throw badInput([{ field: 'timezone', message: 'must be an IANA time zone' }]);
    }
    if (to <= from || to.getTime() - from.getTime() > MAX_DAYS * DAY) {
      throw badInput([{ field: 'to', message: `must be after from, by at most ${MAX_DAYS} days` }]);
    }
    const [perDay, totals, utilisation] = await Promise.all([
      ctx.em.execute<{ date: string; total: number; completed: number; cancelled: number; no_show: number }[]>(
        // Every day of the period, appointments or not, so charts keep their time axis.
        `select to_char(day, 'YYYY-MM-DD') as date, count(a.id)::int as total,
                count(a.id) filter (where a.status = 'COMPLETED')::int as completed,
                count(a.id) filter (where a.status = 'CANCELLED')::int as cancelled,
                count(a.id) filter (where a.status = 'NO_SHOW')::int as no_show
         from generate_series((?::timestamptz at time zone ?)::date,
                              ((?::timestamptz - interval '1 millisecond') at time zone ?)::date, interval '1 day') as day
         left join appointment a
           on a.starts_at >= ? and a.starts_at < ? and (a.starts_at at time zone ?)::date = day::date
         group by day order by day`,
        [from, timezone, to, timezone, from, to, timezone],
      ),
      ctx.em.execute<{ total: number; cancelled: number; due: number; no_show: number }[]>(
        `select count(*)::int as total,
                count(*) filter (where status = 'CANCELLED')::int as cancelled,
                count(*) filter (where status in ('COMPLETED', 'NO_SHOW'))::int as due,
                count(*) filter (where status = 'NO_SHOW')::int as no_show
         from appointment where starts_at >= ? and starts_at < ?`,
        [from, to],
      ),
      // Offered hours: each day of the period (in the doctor's zone) times the rules of its weekday.
      // With each doctor's row (read as a read row below: no second statement for the doctors).
      ctx.em.execute<{ __available: number; __booked: number }[]>(
        `select d.*,
                coalesce((select sum(extract(epoch from r.end_time - r.start_time)) / 3600
                          from availability_rule r
                          join generate_series((?::timestamptz at time zone d.timezone)::date,
                                               (?::timestamptz at time zone d.timezone)::date - 1, interval '1 day') as day
                            on extract(isodow from day) = r.weekday
                          where r.doctor_id = d.id), 0)::float8 as __available,
                coalesce((select sum(extract(epoch from a.ends_at - a.starts_at)) / 3600 from appointment a
                          where a.doctor_id = d.id and a.starts_at >= ? and a.starts_at < ? and a.status <> 'CANCELLED'), 0)::float8 as __booked
         from doctor d
         order by d.last_name, d.first_name, d.id`,
        [from, to, from, to],
      ),
    ]);
    const doctorRows = rowReader(ctx.em, Doctor);
    const total = totals[0] ?? { total: 0, cancelled: 0, due: 0, no_show: 0 };
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return Object.assign(new Analytics(), {
      from,
      to,
      totalAppointments: total.total,
      appointmentsPerDay: perDay.map((row) =>
        Object.assign(new DailyAppointments(), {
          date: row.date,
          total: row.total,
          completed: row.completed,
          cancelled: row.cancelled,
          noShow: row.no_show,
        }),
      ),
      utilisation: utilisation.map((row) =>
        Object.assign(new DoctorUtilisation(), {
          doctor: readRow(ctx.em, doctorRows, row),
          availableHours: round(row.__available),
          bookedHours: round(row.__booked),
          utilisation: row.__available > 0 ? round(row.__booked / row.__available) : 0,
        }),
      ),
      noShowRate: total.due > 0 ? round(total.no_show / total.due) : 0,
      cancellationRate: total.total > 0 ? round(total.cancelled / total.total) : 0,
    });
  }
}
