import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { readTrip } from '../../shared/one-trip.js';
import { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { selects } from '../../shared/selection.js';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Notification>> {
    const actor = ctx.access.requireUser();
    const where: object[] = [{ user: actor.userId }];
    if (unreadOnly) {
      where.push({ readAt: null });
    }
    // Read rows, in the request's round trip: the bell's page and its unread count in one statement.
    return readTimePage(ctx.em, Notification, where, 'createdAt', 'desc', args, {
      count: selects(info, ['totalCount']),
      trip: true,
    });
  }

  @Query(() => Int, { description: "How many of the signed-in user's notifications are unread." })
  async unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    const actor = ctx.access.requireUser();
    const [row] = await readTrip(ctx.em).load({
      sql: 'select count(*)::int as unread from notification where user_id = $1 and read_at is null',
      params: [actor.userId],
    });
    return Number(row?.['unread'] ?? 0);
  }

  @Subscription(() => Notification, {
    description:
      'Your new notifications, live, on every API process (a critical lab result reaches the ordering doctor at once). Signed-in people only.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.notifications.stream(ctx.access.requireUser());
    },
  })
  notificationReceived(@Root() notification: Notification): Notification {
    return notification;
  }

  @Mutation(() => Int, { description: 'Marks every unread notification of yours read; answers how many were unread.' })
  markAllNotificationsRead(@Ctx() ctx: Context): Promise<number> {
    const actor = ctx.access.requireUser();
    return ctx.em.nativeUpdate(Notification, { user: actor.userId, readAt: null }, { readAt: new Date() });
  }

  @Mutation(() => Notification, {
    description: 'Marks one of your notifications read; marking it again changes nothing.',
  })
  async markNotificationRead(
    @Arg('id', () => ID, { description: 'The notification.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Notification> {
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
