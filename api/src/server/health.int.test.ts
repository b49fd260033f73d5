import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { startTestApp } from '../../test/app.js';
import type { Application } from './bootstrap.js';

/** A TCP relay to PostgreSQL that the test can cut, as if the database went away. */
async function startCuttableProxy(
  target: URL,
): Promise<{ url: string; cut(): void; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen();
  const proxied = new URL(target);
  proxied.host = `127.0.0.1:${port}`;
  const cut = () => {
    server.close();
    for (const socket of sockets) {
      socket.destroy();
    }
  };
  return {
    url: proxied.toString(),
    cut,
    async restore() {
      await listen(port);
    },
    close: () => Promise.resolve(cut()),
  };
}

describe('health and readiness', () => {
  let app: Application;
  let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    proxy = await startCuttableProxy(new URL(database.url));
    app = await startTestApp(proxy.url);
  });
  afterAll(() => proxy.close());

  it('answers /health with 200 {"status":"ok"}', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with 200 while PostgreSQL answers', async () => {
    const response = await fetch(`${app.url}/ready`);
    expect(response.status).toBe(200);
  });

  it('answers /ready with 503 while the database is down, stays alive, and recovers', async () => {
    proxy.cut();
    const down = await fetch(`${app.url}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', checks: { database: false } });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);

    await proxy.restore();
    await expect.poll(async () => (await fetch(`${app.url}/ready`)).status, { timeout: 10_000 }).toBe(200);
  });

  it('serves GraphQL on /graphql and tags every response with a request id', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverTime }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    const body = (await response.json()) as { data: { serverTime: string } };
    expect(Math.abs(Date.parse(body.data.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses request bodies over the limit', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serverTime } # ${'x'.repeat(300_000)}` }),
    });
    expect(response.status).toBe(413);
  });
});
