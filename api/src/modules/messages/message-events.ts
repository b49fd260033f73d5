import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import type { Logger } from '../../shared/logger.js';
import type { PgBus } from '../../shared/pg-bus.js';
import { liveStream } from '../../shared/live-stream.js';
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
  await tx.execute('select pg_notify(?, ?)', [MESSAGE_EVENTS_CHANNEL, JSON.stringify(notice)]);
}

type Listener = (notice: MessageNotice, message: Message) => void;

/**
 * This process's end of the message stream: one LISTEN, each message loaded once and handed to
 * the subscribers who take part in its thread (the patient and the doctor; never anyone else).
 */
export class MessageHub {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
  ) {}

  async start(bus: PgBus): Promise<void> {
    await bus.subscribe(MESSAGE_EVENTS_CHANNEL, (payload) => {
      this.deliver(payload).catch((error: unknown) =>
        this.logger.error({ type: (error as Error).name }, 'could not deliver a message event'),
      );
    });
  }

  get size(): number {
    return this.listeners.size;
  }

  private async deliver(payload: string): Promise<void> {
    if (this.listeners.size === 0) {
      return;
    }
    const notice = JSON.parse(payload) as MessageNotice;
    const message = await this.orm.em.fork().findOne(Message, notice.id, { populate: ['thread'] });
    if (!message) {
      return;
    }
    for (const listener of this.listeners) {
      listener(notice, message);
    }
  }

  /** New messages of the threads `actor` takes part in, until the iterator is closed. */
  stream(actor: Actor): AsyncIterableIterator<Message> {
    return liveStream<Message>((push) => {
      const listener: Listener = (notice, message) => {
        if (isThreadParticipant(actor, notice)) {
          push(message);
        }
      };
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    });
  }
}
