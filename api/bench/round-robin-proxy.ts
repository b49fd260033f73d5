import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';

/**
 * A local round-robin HTTP and WebSocket proxy for the bench, standing in for the gateway in
 * front of several API processes: each request and each WebSocket connection goes to the next
 * backend in turn. `X-Forwarded-For` is set, as a gateway does.
 */
export async function startRoundRobinProxy(backends: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let turn = 0;
  const next = () => backends[turn++ % backends.length]!;
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: next(),
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-forwarded-for': incoming.socket.remoteAddress ?? '127.0.0.1' },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  server.on('upgrade', (incoming, socket, head) => {
    const upstream = connect(next(), '127.0.0.1', () => {
      const headers = Object.entries(incoming.headers)
        .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`)
        .join('\r\n');
      upstream.write(`${incoming.method} ${incoming.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    for (const side of [socket, upstream]) {
      side.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
