import pg from 'pg';
import type { Logger } from './logger.js';

type Handler = (payload: string) => void;

/**
 * PostgreSQL LISTEN/NOTIFY for this process: one dedicated connection, however many
 * subscribers. Senders call `pg_notify` inside their transaction, so a message is delivered
 * only if, and after, the change commits. Reconnects (and re-listens) when the database restarts.
 */
export class PgBus {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private stopped = false;
  private reconnectDelay = 250;
  private connecting: Promise<void> | undefined;
  private connections = 0;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** The LISTEN connection is up (false while it is lost and being re-made, and after stop). */
  get isListening(): boolean {
    return !this.stopped && this.client !== undefined;
  }

  /**
   * Changes whenever the LISTEN connection is lost or made again: whatever a subscriber learned
   * before may have missed notifications sent in between (a cache keyed to it must start over).
   */
  get generation(): number {
    return this.connections;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /** Calls `handler` with each payload sent on `channel`; returns the unsubscribe function. */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.client?.query(`listen ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    this.connections += 1;
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'healthcare-api-listener' });
      client.on('error', (error) => {
        this.logger.warn({ code: (error as { code?: string }).code }, 'notification connection lost');
        this.onLost(client);
      });
      client.on('end', () => this.onLost(client));
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) {
          try {
            handler(message.payload ?? '');
          } catch (error) {
            this.logger.error({ channel: message.channel, type: (error as Error).name }, 'notification handler failed');
          }
        }
      });
      await client.connect();
      for (const channel of this.handlers.keys()) {
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      this.client = client;
      this.connections += 1;
      this.reconnectDelay = 250;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private onLost(lost: pg.Client): void {
    if (this.stopped || this.client !== lost) {
      return;
    }
    this.client = undefined;
    this.connections += 1;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 10_000);
    setTimeout(() => {
      if (!this.stopped) {
        this.connect().catch(() => this.scheduleReconnect());
      }
    }, delay).unref();
  }
}
