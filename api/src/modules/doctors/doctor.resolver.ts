import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { DoctorConnection } from './doctor.entity.js';
import { notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { namePage, PageArgs } from '../../shared/pagination.js';
import { searchTerms } from '../../shared/search.js';
import { Doctor } from './doctor.entity.js';

@Resolver(() => Doctor)
export class DoctorResolver {
  @Query(() => DoctorConnection, {
    description:
      'The doctors, open to everyone. `search` matches name or specialization, any case, partial words; `hospitalId` and `departmentId` narrow to a site or department.',
  })
  async doctors(
    @Arg('specialization', () => String, { nullable: true }) specialization: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('hospitalId', () => ID, { nullable: true, description: 'Only doctors of this hospital’s departments.' })
    hospitalId: string | null,
    @Arg('departmentId', () => ID, { nullable: true, description: 'Only doctors of this department.' })
    departmentId: string | null,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Doctor>> {
    const hospital = hospitalId ? requireId(hospitalId, 'hospitalId') : undefined;
    const department = departmentId ? requireId(departmentId, 'departmentId') : undefined;
    const scoped = () => {
      const qb = ctx.em.createQueryBuilder(Doctor, 'd').join('d.user', 'u').where('u.active = true');
      if (specialization?.trim()) {
        qb.andWhere('lower(d.specialization) = lower(?)', [specialization.trim()]);
      }
      if (department) {
        qb.andWhere('d.department_id = ?', [department]);
      }
      if (hospital) {
        qb.andWhere('d.department_id in (select id from department where hospital_id = ?)', [hospital]);
      }
      for (const term of searchTerms(search)) {
        qb.andWhere(`lower(d.first_name || ' ' || d.last_name || ' ' || d.specialization) like ?`, [`%${term}%`]);
      }
      return qb;
    };
    return namePage(scoped, 'd', page);
  }

  @Query(() => Doctor, { nullable: true, description: 'A doctor, open to everyone.' })
  async doctor(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Doctor> {
    const doctor = await ctx.em.findOne(Doctor, requireId(id, 'id'));
    if (!doctor) {
      throw notFound('Doctor');
    }
    return doctor;
  }
}
