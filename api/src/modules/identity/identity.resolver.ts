import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { notFound } from '../../shared/errors.js';
import { AccountService } from './account.service.js';
import { sessionUser } from './actor.js';
import { AuthPayload } from './auth-payload.type.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

@Resolver()
export class IdentityResolver {
  @Mutation(() => AuthPayload, {
    description: 'Sign in. Wrong email and wrong password get the same answer; repeated failures are throttled.',
  })
  login(
    @Arg('email', { description: 'The account’s email address (any case).' }) email: string,
    @Arg('password', { description: 'The account’s password.' }) password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new SessionService(ctx).login(email, password);
  }

  @Mutation(() => AuthPayload, { description: 'Trade a refresh token for a new session; the old token stops working.' })
  refreshSession(
    @Arg('refreshToken', { description: 'The current refresh token; it stops working once used.' })
    refreshToken: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return new SessionService(ctx).refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'End the sign-in this refresh token belongs to.' })
  logout(
    @Arg('refreshToken', { description: 'The refresh token of the session to end.' }) refreshToken: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return new SessionService(ctx).logout(refreshToken);
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: Context): Promise<User> {
    const actor = ctx.access.requireUser();
    // As the session check of this request read it; loaded again only when that ran elsewhere.
    const user = sessionUser(ctx.em, actor.userId) ?? (await ctx.em.findOne(User, actor.userId));
    if (!user) {
      throw notFound('User');
    }
    return user;
  }

  @Mutation(() => User, {
    description:
      'ADMIN. The user can no longer sign in and their tokens stop working. A doctor with booked appointments still ' +
      'to come is CONFLICT `APPOINTMENTS_AFFECTED` (ids in `extensions.appointmentIds`) until each is cancelled or ' +
      'moved (resolveAffectedAppointments).',
  })
  deactivateUser(
    @Arg('id', () => ID, { description: 'The user to deactivate.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return new AccountService(ctx).deactivate(id);
  }

  @Mutation(() => User, {
    description:
      'ADMIN. A deactivated user may sign in again (their old sessions stay ended); a doctor takes bookings again.',
  })
  reactivateUser(
    @Arg('id', () => ID, { description: 'The user to reactivate.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return new AccountService(ctx).reactivate(id);
  }
}
