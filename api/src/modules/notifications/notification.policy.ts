import { forbidden } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Notification } from './notification.entity.js';

/** The one rule: a notification is its recipient's alone (no partner, no other user). */
export function isRecipient(actor: Actor, recipientUserId: string): boolean {
  return actor.kind === 'user' && actor.userId === recipientUserId;
}

/** Row guards of the notifications module: a notification is its recipient's alone. */
export const notificationGuards: readonly AnyRowGuard[] = [
  guardRows(Notification, (notification, ctx) => {
    if (!isRecipient(ctx.access.actor, notification.user.id)) {
      throw forbidden('You may not see this notification.');
    }
  }),
];
