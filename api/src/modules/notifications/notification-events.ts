import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import type { Logger } from '../../shared/logger.js';
import { publishRow, RowHub } from '../../shared/row-hub.js';
import { Notification } from './notification.entity.js';
import { isRecipient } from './notification.policy.js';

export const NOTIFICATION_EVENTS_CHANNEL = 'notification_events';

interface NotificationNotice {
  readonly id: string;
  /** The recipient's user id. */
  readonly userId: string;
}

/**
 * Announces a new notification inside the caller's transaction: PostgreSQL delivers it only
 * after the commit, to every API process. Ids only, never the text.
 */
export async function publishNotification(tx: EntityManager, notice: NotificationNotice): Promise<void> {
  await publishRow(tx, NOTIFICATION_EVENTS_CHANNEL, notice);
}

/**
 * This process's end of the notification stream: one LISTEN, each notification loaded once and
 * handed only to its recipient's subscriptions.
 */
export class NotificationHub extends RowHub<NotificationNotice, Notification> {
  constructor(orm: MikroORM, logger: Logger) {
    super(NOTIFICATION_EVENTS_CHANNEL, (em, notice) => em.findOne(Notification, notice.id), orm, logger);
  }

  /** New notifications of `actor`, until the iterator is closed. */
  stream(actor: Actor): AsyncIterableIterator<Notification> {
    return this.streamWhere((notice) => isRecipient(actor, notice.userId));
  }
}
