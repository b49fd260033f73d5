import { Arg, Args, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs, pageSize } from '../../shared/pagination.js';
import { readAppointmentEvents, retainedCursorPosition, STREAM_START } from './appointment-event-store.js';
import { AppointmentEventRecord } from './appointment-event.entity.js';
import { AppointmentEvent, AppointmentEventConnection } from './appointment-event.type.js';
import { appointmentScope } from './appointment.policy.js';

interface SubscriptionArgs {
  doctorId?: string | null;
  patientId?: string | null;
  after?: string | null;
}

@Resolver(() => AppointmentEvent)
export class AppointmentEventResolver {
  @Subscription(() => AppointmentEvent, {
    description:
      'Committed appointment changes, in stream order (the same for every reader; a change is delivered once no change that could come before it is still being written): a patient their own, a doctor their schedule, an administrator any, a partner (events:read) those of consenting patients (narrowed by the arguments). With `after`, first every such event since that cursor, then live ones — no gap, no duplicate.',
    subscribe: async ({ args, context }) => {
      // Errors here end this operation only (graphql-ws sends them as its `error` message).
      const ctx = context as Context;
      const actor = ctx.access.requireSignedIn();
      const { doctorId, patientId, after } = args as SubscriptionArgs;
      const filter = {
        doctorId: doctorId ? requireId(doctorId, 'doctorId') : undefined,
        patientId: patientId ? requireId(patientId, 'patientId') : undefined,
      };
      const position =
        after === null || after === undefined
          ? undefined
          : await retainedCursorPosition(ctx.em, after, 'after', ctx.settings.eventRetentionDays);
      return ctx.events.stream({
        actor,
        filter,
        after: position,
        scope: (em) => appointmentScope(em, actor),
        partnerMaySee: (id) => ctx.access.partnerMaySee(id),
      });
    },
  })
  appointmentUpdated(
    @Root() event: AppointmentEvent,
    @Arg('doctorId', () => ID, { nullable: true, description: 'Only this doctor’s appointments.' })
    _doctorId: string | null,
    @Arg('patientId', () => ID, { nullable: true, description: 'Only this patient’s appointments.' })
    _patientId: string | null,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last event received: replay every later one first. Events are kept `EVENT_RETENTION_DAYS` (default 7); an older cursor is BAD_USER_INPUT.',
    })
    _after: string | null,
  ): AppointmentEvent {
    return event;
  }

  @Query(() => AppointmentEventConnection, {
    description:
      'The appointment change feed, oldest first in stream order (as `appointmentUpdated`), narrowed like `appointments`: a patient their own, a doctor their schedule, an administrator all, a partner (events:read) those of consenting patients. Page with `after` (events are kept `EVENT_RETENTION_DAYS`, default 7).',
  })
  async appointmentChanges(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<AppointmentEvent>> {
    const actor = ctx.access.requireSignedIn();
    const limit = pageSize(page.first);
    const after =
      page.after === null || page.after === undefined
        ? STREAM_START
        : await retainedCursorPosition(ctx.em, page.after, 'after', ctx.settings.eventRetentionDays);
    const where = await appointmentScope(ctx.em, actor);
    const rows = await readAppointmentEvents(ctx.em, after, where, limit + 1);
    const events = rows.slice(0, limit);
    let total: Promise<number> | undefined;
    return {
      edges: events.map((event) => ({ node: event, cursor: event.cursor })),
      pageInfo: {
        hasNextPage: rows.length > limit,
        endCursor: events.at(-1)?.cursor ?? null,
      },
      get totalCount() {
        return (total ??= countEvents(ctx, where)) as unknown as number;
      },
    };
  }
}

function countEvents(ctx: Context, where: readonly object[]): Promise<number> {
  return ctx.em.count(AppointmentEventRecord, where.length > 0 ? { appointment: { $and: [...where] } } : {});
}
