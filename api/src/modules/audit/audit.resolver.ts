import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { AuditEventConnection } from './audit-event.entity.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs, timePage } from '../../shared/pagination.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { AuditEvent } from './audit-event.entity.js';

function page(ctx: Context, where: object[], args: PageArgs): Promise<ConnectionShape<AuditEvent>> {
  return timePage(ctx.em, AuditEvent, where, 'at', 'desc', args);
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'ADMIN. The audit trail, newest first, with filters.' })
  auditEvents(
    @Arg('patientId', () => ID, { nullable: true, description: 'Only events about this patient’s chart.' })
    patientId: string | null,
    @Arg('actorId', () => ID, { nullable: true, description: 'Only what this user or API client did.' })
    actorId: string | null,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Only events at or after this time.' })
    from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Only events before this time.' }) to: Date | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<AuditEvent>> {
    ctx.access.requireRole(Role.ADMIN);
    const where: Record<string, unknown>[] = [];
    if (patientId) {
      where.push({ patientId: requireId(patientId, 'patientId') });
    }
    if (actorId) {
      where.push({ actorId: requireId(actorId, 'actorId') });
    }
    if (from) {
      where.push({ at: { $gte: from } });
    }
    if (to) {
      where.push({ at: { $lt: to } });
    }
    return page(ctx, where, args);
  }

  @Query(() => AuditEventConnection, {
    description: 'PATIENT. Who else read or changed your chart, newest first (emergency accesses included).',
  })
  myAccessLog(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<AuditEvent>> {
    const actor = ctx.access.requireRole(Role.PATIENT);
    return page(
      ctx,
      [{ patientId: actor.patientId }, { $or: [{ actorId: null }, { actorId: { $ne: actor.userId } }] }],
      args,
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who acted, in words: "Dr Jane Doe (Cardiology)", "Administrator", "Patient", "Acme Labs (partner)"; empty for the system.',
  })
  actorName(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> | string | null {
    switch (event.actorRole) {
      case Role.ADMIN:
        return 'Administrator';
      case Role.PATIENT:
        return 'Patient';
      case Role.PARTNER:
        return ctx.loaders.partners.nameById.load(event.actorId!).then((name) => (name ? `${name} (partner)` : null));
      case Role.DOCTOR:
        return ctx.loaders.doctors.byUser
          .load(event.actorId!)
          .then((d) => (d ? `Dr ${d.firstName} ${d.lastName} (${d.specialization})` : null));
      case undefined:
        return null;
    }
  }
}
