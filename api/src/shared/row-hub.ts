import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger.js';
import type { PgBus } from './pg-bus.js';
import { liveStream } from './live-stream.js';
import { deferNotify, MAX_NOTIFY_BYTES } from './transaction-outbox.js';

/**
 * Announces a new row on `channel` inside the caller's transaction: PostgreSQL delivers it only
 * after the commit, to every API process. `notice` carries ids only, never content. In a
 * transaction the NOTIFY leaves with the transaction's other deferred work, just before it commits.
 */
export async function publishRow(tx: EntityManager, channel: string, notice: { readonly id: string }): Promise<void> {
  const payload = JSON.stringify(notice);
  if (tx.isInTransaction()) {
    deferNotify(tx, channel, payload);
    return;
  }
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
    throw new Error(`publishRow: the notice on ${channel} is too long for NOTIFY`);
  }
  await tx.execute('select pg_notify(?, ?)', [channel, payload]);
}

type Listener<N, R> = (notice: N, row: R) => void;

/**
 * One process's end of a stream of new rows: one LISTEN on `channel`, each announced row loaded
 * once (and only while somebody listens) and handed to the subscribers whose filter accepts it.
 */
export class RowHub<N extends { readonly id: string }, R> {
  private readonly listeners = new Set<Listener<N, R>>();

  constructor(
    private readonly channel: string,
    private readonly load: (em: EntityManager, notice: N) => Promise<R | null>,
    protected readonly orm: MikroORM,
    protected readonly logger: Logger,
  ) {}

  async start(bus: PgBus): Promise<void> {
    await bus.subscribe(this.channel, (payload) => {
      this.deliver(payload).catch((error: unknown) =>
        this.logger.error({ channel: this.channel, type: (error as Error).name }, 'could not deliver a live event'),
      );
    });
  }

  /** Live subscribers on this process. */
  get size(): number {
    return this.listeners.size;
  }

  private async deliver(payload: string): Promise<void> {
    if (this.listeners.size === 0) {
      return;
    }
    const notice = JSON.parse(payload) as N;
    const row = await this.load(this.orm.em.fork(), notice);
    if (!row) {
      return;
    }
    for (const listener of this.listeners) {
      listener(notice, row);
    }
  }

  /** The rows `accept` lets through, until the iterator is closed. */
  protected streamWhere(accept: (notice: N, row: R) => boolean): AsyncIterableIterator<R> {
    return liveStream<R>((push) => {
      const listener: Listener<N, R> = (notice, row) => {
        if (accept(notice, row)) {
          push(row);
        }
      };
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    });
  }
}
