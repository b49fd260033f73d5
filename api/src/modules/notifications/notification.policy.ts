import { forbidden } from '../../shared/errors.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Notification } from './notification.entity.js';

/** Row guards of the notifications module: a notification is its recipient's alone. */
export const notificationGuards: readonly AnyRowGuard[] = [
  guardRows(Notification, (notification, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind !== 'user' || actor.userId !== notification.user.id) {
      throw forbidden('You may not see this notification.');
    }
  }),
];
