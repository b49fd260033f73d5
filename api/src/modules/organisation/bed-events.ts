import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../shared/logger.js';
import type { PgBus } from '../../shared/pg-bus.js';

export const BED_EVENTS_CHANNEL = 'bed_events';

interface BedMessage {
  hospitalId: string;
}

/**
 * Tells every API process, after the change commits, that a hospital's beds changed (status,
 * admission, discharge, a new bed). The payload is a hospital id only; subscribers re-read the
 * availability.
 */
export async function publishBedChange(tx: EntityManager, hospitalId: string): Promise<void> {
  const message: BedMessage = { hospitalId };
  await tx.execute('select pg_notify(?, ?)', [BED_EVENTS_CHANNEL, JSON.stringify(message)]);
}

type Listener = (hospitalId: string) => void;

/** This process's end of the bed change stream: one LISTEN, any number of subscribers. */
export class BedEventHub {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly logger: Logger) {}

  async start(bus: PgBus): Promise<void> {
    await bus.subscribe(BED_EVENTS_CHANNEL, (payload) => {
      try {
        const { hospitalId } = JSON.parse(payload) as BedMessage;
        for (const listener of this.listeners) {
          listener(hospitalId);
        }
      } catch (error) {
        this.logger.error({ type: (error as Error).name }, 'could not deliver a bed event');
      }
    });
  }

  get size(): number {
    return this.listeners.size;
  }

  /**
   * Yields `hospitalId` once at once and again after each committed change of its beds (changes
   * arriving while the consumer is busy collapse into one), until the iterator is closed.
   */
  changes(hospitalId: string): AsyncIterableIterator<string> {
    let pending = true;
    let wake: ((result: IteratorResult<string>) => void) | undefined;
    let closed = false;
    const listener: Listener = (changed) => {
      if (changed !== hospitalId) {
        return;
      }
      if (wake) {
        const resolve = wake;
        wake = undefined;
        resolve({ value: hospitalId, done: false });
      } else {
        pending = true;
      }
    };
    this.listeners.add(listener);
    const close = (): Promise<IteratorResult<string>> => {
      closed = true;
      this.listeners.delete(listener);
      wake?.({ value: undefined, done: true });
      wake = undefined;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (closed) {
          return Promise.resolve({ value: undefined, done: true });
        }
        if (pending) {
          pending = false;
          return Promise.resolve({ value: hospitalId, done: false });
        }
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: close,
      throw: async (error: unknown) => {
        await close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
