import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { AuditEventConnection } from './audit-event.entity.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs, pageSize, toConnection } from '../../shared/pagination.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { searchTerms } from '../../shared/search.js';
import { selects } from '../../shared/selection.js';
import { AuditEvent } from './audit-event.entity.js';
import { auditPage, type AuditFilter } from './audit-log.js';
import { isDatedEntityType } from './audit.loader.js';
import { trailNamesPeopleTo } from './audit.policy.js';

/** Users (doctors, patients, administrators by e-mail) and patients whose name matches every term; at most 200 each. */
async function peopleNamed(
  ctx: Context,
  terms: readonly string[],
): Promise<{ userIds: string[]; patientIds: string[] }> {
  const match = (expression: string) => terms.map(() => `lower(${expression}) like ?`).join(' and ');
  const likes = terms.map((term) => `%${term}%`);
  const rows = await ctx.em.execute<{ user_id: string; patient_id: string | null }[]>(
    `(select d.user_id, null::uuid as patient_id from doctor d where ${match(`d.first_name || ' ' || d.last_name`)} limit 200)
     union all
     (select p.user_id, p.id from patient p where ${match(`p.first_name || ' ' || p.last_name`)} limit 200)
     union all
     (select u.id, null::uuid from app_user u where ${match('u.email')} limit 200)`,
    [...likes, ...likes, ...likes],
  );
  return {
    userIds: rows.map((row) => row.user_id),
    patientIds: rows.flatMap((row) => (row.patient_id ? [row.patient_id] : [])),
  };
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'ADMIN. The audit trail, newest first, with filters.' })
  async auditEvents(
    @Arg('patientId', () => ID, { nullable: true, description: 'Only events about this patient’s chart.' })
    patientId: string | null,
    @Arg('actorId', () => ID, { nullable: true, description: 'Only what this user or API client did.' })
    actorId: string | null,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Only events at or after this time.' })
    from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Only events before this time.' }) to: Date | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('name', () => String, {
      nullable: true,
      description:
        'Words of a person’s name (or e-mail): events where that person acted, or whose chart they concern. Any case, partial words.',
    })
    name?: string | null,
    @Arg('entityId', () => ID, {
      nullable: true,
      description:
        'Only events about this one thing (a medical record, an appointment, a prescription…): who read or changed it.',
    })
    entityId?: string | null,
  ): Promise<ConnectionShape<AuditEvent>> {
    ctx.access.requireRole(Role.ADMIN);
    const filter: AuditFilter = {
      patientId: patientId ? requireId(patientId, 'patientId') : undefined,
      actorId: actorId ? requireId(actorId, 'actorId') : undefined,
      entityId: entityId ? requireId(entityId, 'entityId') : undefined,
      from: from ?? undefined,
      to: to ?? undefined,
    };
    const terms = searchTerms(name);
    return auditPage(ctx.em, terms.length > 0 ? { ...filter, people: await peopleNamed(ctx, terms) } : filter, args, {
      count: selects(info, ['totalCount']),
    });
  }

  @Query(() => AuditEventConnection, {
    description:
      'PATIENT. Who else read or changed your chart, newest first (emergency accesses included), and every download of it (your own too: a copy of your record left a device).',
  })
  myAccessLog(
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<AuditEvent>> {
    const actor = ctx.access.requireRole(Role.PATIENT);
    if (!actor.patientId) {
      // A patient account without a chart (yet): nobody has read it.
      return Promise.resolve(
        toConnection(
          [],
          pageSize(args.first),
          () => [],
          () => Promise.resolve(0),
        ),
      );
    }
    return auditPage(ctx.em, { patientId: actor.patientId, notOwnBesidesDownloads: actor.userId }, args, {
      count: selects(info, ['totalCount']),
    });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who acted, in words: "Dr Jane Doe (Cardiology)", "Acme Labs (partner)"; to an ADMIN also which administrator ' +
      '("Administrator (ana@clinic.test)") or patient ("Ada Lovelace (patient)"), to a patient only "Administrator" or ' +
      '"Patient"; empty for the system.',
  })
  actorName(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> | string | null {
    const account =
      trailNamesPeopleTo(ctx.access.actor) && event.actorId
        ? () => ctx.loaders.audit.actorAccount.load(event.actorId!)
        : undefined;
    switch (event.actorRole) {
      case Role.ADMIN:
        return account
          ? account().then((found) => (found ? `Administrator (${found.email})` : 'Administrator'))
          : 'Administrator';
      case Role.PATIENT:
        return account
          ? account().then((found) => (found?.patientName ? `${found.patientName} (patient)` : 'Patient'))
          : 'Patient';
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

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'ADMIN: whose chart the event touched, by name ("Ada Lovelace"), so the trail answers "who read this patient\'s ' +
      'record" in words. Empty for events of no chart, and for other callers (a patient\'s access log is all their own).',
  })
  patientName(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> | null {
    if (!trailNamesPeopleTo(ctx.access.actor) || !event.patientId) {
      return null;
    }
    return ctx.loaders.patients.nameById.load(event.patientId);
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description:
      'PATIENT (own access log): when the thing read or changed happened, for plain words ("read your record of ' +
      "5 Nov\"): a record's date, a prescription's issue, a visit's start, a lab order's ordering, a hospital " +
      "stay's admission. Empty for other entities and callers.",
  })
  entityDate(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<Date | null> | null {
    const actor = ctx.access.actor;
    const type = event.entityType;
    if (actor.kind !== 'user' || actor.role !== Role.PATIENT || !event.entityId) {
      return null;
    }
    if (!isDatedEntityType(type)) {
      return null;
    }
    return ctx.loaders.audit.entityDate.load(`${type}:${event.entityId}`);
  }
}
