import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import type { Logger } from '../../shared/logger.js';
import { publishRow, RowHub } from '../../shared/row-hub.js';
import { Message } from './message.entity.js';
import { isThreadParticipant, type ThreadParties } from './messages.policy.js';

export const MESSAGE_EVENTS_CHANNEL = 'message_events';

interface MessageNotice extends ThreadParties {
  readonly id: string;
}

/**
 * Announces a new message inside the caller's transaction: PostgreSQL delivers it only after the
 * commit, to every API process. Ids only, never the text.
 */
export async function publishMessage(tx: EntityManager, notice: MessageNotice): Promise<void> {
  await publishRow(tx, MESSAGE_EVENTS_CHANNEL, notice);
}

/**
 * This process's end of the message stream: one LISTEN, each message loaded once and handed to
 * the subscribers who take part in its thread (the patient and the doctor; never anyone else).
 */
export class MessageHub extends RowHub<MessageNotice, Message> {
  constructor(orm: MikroORM, logger: Logger) {
    super(
      MESSAGE_EVENTS_CHANNEL,
      (em, notice) => em.findOne(Message, notice.id, { populate: ['thread'] }),
      orm,
      logger,
    );
  }

  /** New messages of the threads `actor` takes part in, until the iterator is closed. */
  stream(actor: Actor): AsyncIterableIterator<Message> {
    return this.streamWhere((notice) => isThreadParticipant(actor, notice));
  }
}
