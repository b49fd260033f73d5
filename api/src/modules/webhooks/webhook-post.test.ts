import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-delivery.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A receiver on this machine; `handle` answers each request. */
async function receiver(handle: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const options = { mode: 'development' as const, timeoutMs: 500 };

describe('postWebhook', () => {
  it('does not follow a redirect: a 3xx is a failed attempt and the target is never called', async () => {
    let targetCalled = false;
    const target = await receiver((_request, response) => {
      targetCalled = true;
      response.end();
    });
    const url = await receiver((_request, response) => {
      response.writeHead(307, { location: `${target}/elsewhere` }).end();
    });
    const outcome = await postWebhook(`${url}/hooks`, {}, '{}', options);
    expect(outcome).toMatchObject({ succeeded: false, statusCode: 307, errorClass: 'REDIRECT' });
    expect(targetCalled).toBe(false);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const url = await receiver(() => undefined); // never answers
    const outcome = await postWebhook(`${url}/hooks`, {}, '{}', options);
    expect(outcome).toMatchObject({ succeeded: false, statusCode: undefined, errorClass: 'TIMEOUT' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(450);
    expect(outcome.durationMs).toBeLessThan(5_000);
  });

  it('classifies a refused connection, and refuses a private address without connecting', async () => {
    const url = await receiver((_request, response) => response.end());
    const port = new URL(url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await postWebhook(`http://127.0.0.1:${port}/hooks`, {}, '{}', options)).toMatchObject({
      succeeded: false,
      errorClass: 'CONNECTION',
    });
    expect(await postWebhook('https://10.0.0.1/hooks', {}, '{}', options)).toMatchObject({
      succeeded: false,
      errorClass: 'REFUSED_ADDRESS',
    });
    expect(await postWebhook('https://localhost:1/hooks', {}, '{}', { ...options, mode: 'production' })).toMatchObject({
      succeeded: false,
      errorClass: 'REFUSED_ADDRESS',
    });
  });

  it('sends the headers and body it is given, as JSON', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    const url = await receiver((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = { headers: request.headers, body: Buffer.concat(chunks).toString() };
        response.statusCode = 200;
        response.end('ok');
      });
    });
    const outcome = await postWebhook(`${url}/hooks`, { 'webhook-id': 'abc' }, '{"a":1}', options);
    expect(outcome).toMatchObject({ succeeded: true, statusCode: 200, errorClass: undefined });
    expect(seen).toMatchObject({
      body: '{"a":1}',
      headers: { 'webhook-id': 'abc', 'content-type': 'application/json' },
    });
  });
});
