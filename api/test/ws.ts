import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll } from 'vitest';
import type { Application } from '../src/server/bootstrap.js';

export interface Subscriber<T> {
  /** Every payload received so far. */
  readonly received: T[];
  /** Resolves when the server acknowledged the subscription. */
  readonly ready: Promise<void>;
  readonly errors: unknown[];
  close(): void;
}

/** A graphql-ws client to `app`, authenticated in connection_init; closed after the file. */
export function wsClient(app: Application, token?: string): Client {
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  afterAll(() => client.dispose());
  return client;
}

/** Subscribes and collects what arrives. */
export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscriber<T> {
  const received: T[] = [];
  const errors: unknown[] = [];
  let acknowledged: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    acknowledged = resolve;
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) {
          errors.push(...value.errors);
        } else if (value.data) {
          received.push(value.data);
        }
      },
      error: (error) => {
        errors.push(error);
        acknowledged();
      },
      complete: () => undefined,
    },
  );
  client.on('connected', () => setTimeout(acknowledged, 100));
  return { received, errors, ready, close: unsubscribe };
}
