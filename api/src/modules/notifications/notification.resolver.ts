import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { cursorTime, decodeCursor, pageSize, PageArgs, toConnection } from '../../shared/pagination.js';
import { Notification } from './notification.entity.js';

export const NotificationConnection = Connection('Notification', Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The signed-in user's notifications, newest first." })
  async notifications(
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only those not marked read yet.' })
    unreadOnly: boolean | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Notification>> {
    const actor = ctx.access.requireUser();
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const where: Record<string, unknown>[] = [{ user: actor.userId }];
    if (unreadOnly) {
      where.push({ readAt: null });
    }
    const conditions = { $and: where };
    const pageWhere = after
      ? {
          $and: [
            ...where,
            {
              $or: [
                { createdAt: { $lt: new Date(after[0]!) } },
                { createdAt: new Date(after[0]!), id: { $lt: String(after[1]) } },
              ],
            },
          ],
        }
      : conditions;
    const rows = await ctx.em.find(Notification, pageWhere, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: limit + 1,
    });
    return toConnection(
      rows,
      limit,
      (row) => [cursorTime(row.createdAt), row.id],
      () => ctx.em.count(Notification, conditions),
    );
  }

  @Query(() => Int, { description: "How many of the signed-in user's notifications are unread." })
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    const actor = ctx.access.requireUser();
    return ctx.em.count(Notification, { user: actor.userId, readAt: null });
  }

  @Mutation(() => Notification, {
    description: 'Marks one of your notifications read; marking it again changes nothing.',
  })
  async markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Notification> {
    const actor = ctx.access.requireUser();
    // Someone else's and a missing notification get the same answer.
    const notification = await ctx.em.findOne(Notification, { id: requireId(id, 'id'), user: actor.userId });
    if (!notification) {
      throw notFound('Notification');
    }
    if (!notification.readAt) {
      notification.readAt = new Date();
      await ctx.em.flush();
    }
    return notification;
  }
}
