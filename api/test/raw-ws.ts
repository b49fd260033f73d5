import WebSocket from 'ws';
import type { Application } from '../src/server/bootstrap.js';
import type { GraphQLErrorShape } from './graphql.js';

/** A graphql-transport-ws message as the server sends it. */
export interface ServerMessage {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: GraphQLErrorShape[] } | GraphQLErrorShape[];
}

/**
 * A bare graphql-ws socket for tests that send what a well-behaved client never would: raw
 * subscribe payloads, many operations at once. Every message and the close code are recorded.
 */
export class RawSocket {
  readonly messages: ServerMessage[] = [];
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString('utf8')) as ServerMessage);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Opens a socket to `app` and completes connection_init (with `token`, if any). */
  static async open(app: Application, token?: string): Promise<RawSocket> {
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const raw = new RawSocket(socket);
    raw.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await raw.until(() => raw.messages.some((message) => message.type === 'connection_ack'));
    return raw;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, payload: unknown): void {
    this.send({ id, type: 'subscribe', payload });
  }

  /** Messages for operation `id`. */
  of(id: string): ServerMessage[] {
    return this.messages.filter((message) => message.id === id);
  }

  /** Resolves once operation `id` ended (error or complete), or the socket closed. */
  ended(id: string): Promise<void> {
    return this.until(() => this.of(id).some((message) => message.type === 'error' || message.type === 'complete'));
  }

  /** Waits until `condition` holds or the socket closes (then throws), at most `ms`. */
  async until(condition: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (this.closeCode !== undefined) {
        throw new Error(`socket closed with ${this.closeCode}`);
      }
      if (Date.now() > deadline) {
        throw new Error('timed out waiting for the server');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) {
      wake();
    }
  }
}
