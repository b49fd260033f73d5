import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CHECKED_WS_VERSION, nextMessageWriter, wsClasses, wsInternalsKnown } from './next-frames.js';

interface Pair {
  readonly server: WebSocket;
  readonly connection: Socket;
  readonly received: string[];
  readonly binary: boolean[];
}

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real ws server and client over loopback; `perMessageDeflate` on both when asked. */
async function connect(perMessageDeflate = false): Promise<Pair> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<{ socket: WebSocket; connection: Socket }>((resolve) =>
    wss.on('connection', (socket, request) => resolve({ socket, connection: request.socket })),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, { perMessageDeflate });
  const received: string[] = [];
  const binary: boolean[] = [];
  client.on('message', (data, isBinary) => {
    received.push(Buffer.from(data as Buffer).toString('utf8'));
    binary.push(isBinary);
  });
  await new Promise((resolve) => client.once('open', resolve));
  const { socket, connection } = await accepted;
  closers.push(async () => {
    client.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await new Promise((resolve) => http.close(resolve));
  });
  return { server: socket, connection, received, binary };
}

const payloadOf = (length: number) => JSON.stringify({ data: { text: 'x'.repeat(length) } });

describe('next messages written as finished frames', () => {
  it('sends `{"id","type":"next","payload"}` text messages a client reads as ws sent them, for every frame length', async () => {
    const pair = await connect();
    const writer = nextMessageWriter(pair.server, pair.connection, 'op-"1"');
    // Short (one length byte), medium (two), long (eight), and non-ASCII text (bytes, not characters).
    const payloads = [payloadOf(10), payloadOf(300), payloadOf(70_000), JSON.stringify({ data: { name: 'Zoë 🩺' } })];
    const viaWs = vi.spyOn(pair.server, 'send');
    const written = vi.spyOn(pair.connection, 'write');
    // Each as a serialised buffer (shared by several operations) and as text encoded into the frame.
    for (const payload of payloads) {
      writer.write(Buffer.from(payload));
      writer.writeJson(payload);
    }
    const sent = payloads.flatMap((payload) => [payload, payload]);
    // One finished frame per message, straight to the connection.
    expect(viaWs).not.toHaveBeenCalled();
    expect(written).toHaveBeenCalledTimes(sent.length);
    await expect.poll(() => pair.received.length).toBe(sent.length);
    expect(pair.received.map((text) => JSON.parse(text) as unknown)).toEqual(
      sent.map((payload) => ({ id: 'op-"1"', type: 'next', payload: JSON.parse(payload) as unknown })),
    );
    expect(pair.binary).toEqual(sent.map(() => false));
  });

  it('keeps the order of messages ws sends on the same socket', async () => {
    const pair = await connect();
    const writer = nextMessageWriter(pair.server, pair.connection, '7');
    pair.server.send('{"type":"ping"}');
    writer.write(Buffer.from('{"data":1}'));
    pair.server.send('{"type":"pong"}');
    writer.write(Buffer.from('{"data":2}'));
    await expect.poll(() => pair.received.length).toBe(4);
    expect(pair.received).toEqual([
      '{"type":"ping"}',
      '{"id":"7","type":"next","payload":{"data":1}}',
      '{"type":"pong"}',
      '{"id":"7","type":"next","payload":{"data":2}}',
    ]);
  });

  it('goes through ws when the connection compresses (permessage-deflate): the client still reads text', async () => {
    const pair = await connect(true);
    const writer = nextMessageWriter(pair.server, pair.connection, 'z');
    const payloads = [payloadOf(2_000), payloadOf(5)];
    pair.server.send('{"type":"first"}');
    const viaWs = vi.spyOn(pair.server, 'send');
    writer.write(Buffer.from(payloads[0]!));
    writer.writeJson(payloads[1]!);
    expect(viaWs).toHaveBeenCalledTimes(payloads.length);
    await expect.poll(() => pair.received.length).toBe(3);
    expect(pair.received).toEqual([
      '{"type":"first"}',
      ...payloads.map((payload) => `{"id":"z","type":"next","payload":${payload}}`),
    ]);
    expect(pair.binary).toEqual([false, false, false]);
  });

  it('goes through ws when ws keeps its state otherwise than the release it was checked against', async () => {
    const pair = await connect();
    const writer = nextMessageWriter(pair.server, pair.connection, 'f', false);
    const viaWs = vi.spyOn(pair.server, 'send');
    writer.write(Buffer.from('{"data":1}'));
    expect(viaWs).toHaveBeenCalledTimes(1);
    await expect.poll(() => pair.received).toEqual(['{"id":"f","type":"next","payload":{"data":1}}']);
  });
});

describe("ws's private state, checked at start-up", () => {
  it('is as read in the release this module was checked against, which is the one installed', () => {
    const installed = (createRequire(import.meta.url)('ws/package.json') as { version: string }).version;
    // When this fails after an upgrade: re-read ws's lib/sender.js and lib/websocket.js, then move the pin.
    expect(installed).toBe(CHECKED_WS_VERSION);
    expect(wsInternalsKnown(wsClasses)).toBe(true);
  });

  it('is not trusted when a field is missing, renamed or means something else', () => {
    /** A class whose instances have these fields. */
    const made = (fields: Record<string, unknown>) =>
      class {
        constructor() {
          Object.assign(this, fields);
        }
      };
    const socket = { _sender: null, _extensions: {} };
    const sender = { _state: 0, _firstFragment: true, _queue: [] };
    expect(wsInternalsKnown({ WebSocket: made(socket), Sender: made(sender) })).toBe(true);
    for (const [socketFields, senderFields] of [
      [socket, undefined],
      [{ ...socket, _extensions: null }, sender],
      [{ _extensions: {} }, sender],
      [socket, { ...sender, _state: 'idle' }],
      [socket, { ...sender, _firstFragment: undefined }],
      [socket, { _state: 0, _firstFragment: true }],
    ] as const) {
      const classes = { WebSocket: made(socketFields), ...(senderFields ? { Sender: made(senderFields) } : {}) };
      expect(wsInternalsKnown(classes)).toBe(false);
    }
    const throws = class {
      constructor() {
        throw new Error('needs more arguments');
      }
    };
    expect(wsInternalsKnown({ WebSocket: made(socket), Sender: throws })).toBe(false);
  });
});
