import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { DoctorConnection } from './doctor.entity.js';
import { notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs } from '../../shared/pagination.js';
import { readNamePage } from '../../shared/read-page.js';
import { readRowsById } from '../../shared/read-rows.js';
import { searchTerms } from '../../shared/search.js';
import { Role } from '../identity/role.js';
import { Doctor } from './doctor.entity.js';

@Resolver(() => Doctor)
export class DoctorResolver {
  @Query(() => DoctorConnection, {
    description:
      'The doctors, open to everyone. `search` matches name or specialization, any case, partial words; `hospitalId` and `departmentId` narrow to a site or department.',
  })
  async doctors(
    @Arg('specialization', () => String, { nullable: true, description: 'Only doctors of this specialty.' })
    specialization: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Words matched against the doctor’s name (any case, partial words).',
    })
    search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('hospitalId', () => ID, { nullable: true, description: 'Only doctors of this hospital’s departments.' })
    hospitalId: string | null,
    @Arg('departmentId', () => ID, { nullable: true, description: 'Only doctors of this department.' })
    departmentId: string | null,
    @Ctx() ctx: Context,
    @Arg('includeInactive', () => Boolean, {
      nullable: true,
      description: 'ADMIN: true lists deactivated doctors too (to find and reactivate them). Others: FORBIDDEN.',
    })
    includeInactive?: boolean | null,
  ): Promise<ConnectionShape<Doctor>> {
    if (includeInactive) {
      ctx.access.requireRole(Role.ADMIN);
    }
    const hospital = hospitalId ? requireId(hospitalId, 'hospitalId') : undefined;
    const department = departmentId ? requireId(departmentId, 'departmentId') : undefined;
    const scoped = () => {
      const qb = ctx.em.createQueryBuilder(Doctor, 'd').join('d.user', 'u');
      if (!includeInactive) {
        qb.andWhere('u.active = true');
      }
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
    return readNamePage(ctx.em, scoped, page, { count: true });
  }

  @Query(() => Doctor, { nullable: true, description: 'A doctor, open to everyone.' })
  async doctor(@Arg('id', () => ID, { description: 'The doctor.' }) id: string, @Ctx() ctx: Context): Promise<Doctor> {
    // Only read: a read row, one part of the request's round trip (a page's other root fields' reads join it).
    const doctor = await readRowsById(ctx.em, Doctor).load(requireId(id, 'id'));
    if (!doctor) {
      throw notFound('Doctor');
    }
    return doctor;
  }
}
