import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { badInput, forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { CalendarDateScalar, isCalendarDate } from '../../shared/scalars.js';
import { isValidZone } from '../../shared/zone-cache.js';
import { Hospital } from './hospital.entity.js';
import { mayManageOrganisation } from './organisation.policy.js';

const MAX_DAYS = 366;

@ObjectType({ description: 'Beds in use on one day (in the hospital’s zone).' })
export class DailyOccupancy {
  @Field(() => CalendarDateScalar, { description: 'The day, in the hospital’s zone.' })
  date!: string;

  @Field(() => Int, { description: 'Beds that existed that day.' })
  beds!: number;

  @Field(() => Int, { description: 'Beds that held an admission at any time of that day.' })
  occupied!: number;

  @Field(() => Float, { description: 'occupied / beds, 0 when there were no beds.' })
  rate!: number;
}

@Resolver()
export class OccupancyResolver {
  @Query(() => [DailyOccupancy], {
    description: 'ADMIN. Bed occupancy per day of [from, to] (at most 366 days), in the hospital’s time zone.',
  })
  async bedOccupancy(
    @Arg('hospitalId', () => ID, { description: 'The hospital.' }) hospitalIdInput: string,
    @Arg('from', () => CalendarDateScalar, { description: 'First day.' }) from: string,
    @Arg('to', () => CalendarDateScalar, { description: 'Last day (inclusive).' }) to: string,
    @Ctx() ctx: Context,
  ): Promise<DailyOccupancy[]> {
    ctx.access.requireUser();
    if (!mayManageOrganisation(ctx.access.actor)) {
      throw forbidden('Occupancy is for administrators.');
    }
    const hospitalId = requireId(hospitalIdInput, 'hospitalId');
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) {
      throw badInput([{ field: 'to', message: 'must not be before from' }]);
    }
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS) {
      throw badInput([{ field: 'to', message: `must be within ${MAX_DAYS} days of from` }]);
    }
    const hospital = await ctx.em.findOne(Hospital, hospitalId);
    if (!hospital || !isValidZone(hospital.timezone)) {
      throw badInput([{ field: 'hospitalId', message: 'is not a hospital' }]);
    }
    const rows = await ctx.em.execute<{ date: string; beds: string; occupied: string }[]>(
      `with days as (
         select d::date as date,
                (d::date)::timestamp at time zone ? as starts,
                ((d::date) + 1)::timestamp at time zone ? as ends
           from generate_series(?::date, ?::date, interval '1 day') d)
       select to_char(days.date, 'YYYY-MM-DD') as date,
              (select count(*) from bed b join department dep on dep.id = b.department_id
                where dep.hospital_id = ? and b.created_at < days.ends) as beds,
              (select count(distinct a.bed_id) from admission a
                 join bed b on b.id = a.bed_id join department dep on dep.id = b.department_id
                where dep.hospital_id = ? and a.admitted_at < days.ends
                  and (a.discharged_at is null or a.discharged_at > days.starts)) as occupied
         from days order by days.date`,
      [hospital.timezone, hospital.timezone, from, to, hospitalId, hospitalId],
    );
    return rows.map((row) => {
      const beds = Number(row.beds);
      const occupied = Number(row.occupied);
      return Object.assign(new DailyOccupancy(), { date: row.date, beds, occupied, rate: beds ? occupied / beds : 0 });
    });
  }
}
