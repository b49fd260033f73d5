import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One of the live bench's receiving threads (live.ts): it holds a share of the subscribers'
 * sockets and does as little per message as it can, so that what is measured is the server's
 * delivery, not this client's reading.
 *
 * Each socket speaks graphql-ws's protocol (`graphql-transport-ws`) exactly as the graphql-ws
 * client does for these subscriptions — `connection_init` with the token, then one `subscribe` with
 * the same document and a UUID operation id — so the server does the same work, writes the same
 * frames and keeps the same state per subscriber as with that client. What differs is only on this
 * side: no WebSocket library and no stream per socket (a plain TCP socket reading into one buffer
 * shared by the thread), and a message is not parsed as JSON nor validated; its receipt time is
 * read first thing when its bytes are read (`Date.now()`), then the event's `at` (its commit time)
 * is sliced out of the bytes.
 */

export interface LiveClientSetup {
  url: string;
  /** This thread's subscribers' access tokens, one socket each. */
  tokens: string[];
  query: string;
  /** Int32 slots this thread counts into: [2 × thread] sockets acknowledged, [2 × thread + 1] events received. */
  counters: SharedArrayBuffer;
  thread: number;
  /** Sockets this thread opens before pausing 50 ms (the stagger the whole client keeps to). */
  burst: number;
}

export type LiveClientCommand = { type: 'reset' } | { type: 'collect' } | { type: 'close' };

export interface LiveClientReport {
  type: 'collected';
  /** Commit → receipt of every event since the last reset (ms). */
  latencies: Float64Array;
  /** Each event's fastest and slowest receipt here, by its `at`. */
  perEvent: [at: string, min: number, max: number][];
  /** Messages that carried no `at` after the subscription started (errors, say). */
  other: number;
  /** This thread's CPU time since the last reset (ms). */
  cpuMs: number;
  /** The longest this thread's event loop was blocked since the last reset (ms), and its 99th percentile. */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  /** The fraction of the time since the last reset this thread's loop was busy. */
  utilisation: number;
}

const setup = workerData as LiveClientSetup;
const port = parentPort!;
const counters = new Int32Array(setup.counters);
const AT = Buffer.from('"at":"');
const QUOTE = 0x22;
const ACK = Buffer.from('"connection_ack"');
const HEADERS_END = Buffer.from('\r\n\r\n');
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

let latencies: number[] = [];
let perEvent = new Map<string, { min: number; max: number }>();
let other = 0;
/** The last event's `at`, its parsed time and its entry: deliveries of one event come together. */
let lastAt = '';
let lastCommit = 0;
let lastEntry = { min: 0, max: 0 };

/** Every socket of this thread reads into this one buffer (net's `onread`): no allocation per read. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);
const target = new URL(setup.url);

/**
 * A WebSocket client connection reduced to what the bench needs, on a plain TCP socket: the
 * opening handshake (the `graphql-transport-ws` subprotocol, no extensions offered — as ws's server
 * is configured, nothing is compressed either way), masked frames out, unmasked frames in, pings
 * answered (graphql-ws's server closes a socket that stops answering them), a close frame at the end.
 */
class Subscriber {
  readonly socket: Socket;
  private upgraded = false;
  /** Bytes of an incomplete frame (or of the handshake's answer) from earlier reads. */
  private pending: Buffer | undefined;
  readonly closed: Promise<void>;

  constructor(private readonly token: string) {
    this.socket = connect({
      host: target.hostname,
      port: Number(target.port),
      onread: { buffer: readBuffer, callback: (length) => this.read(readBuffer, length) },
    });
    this.socket.setNoDelay(true);
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.socket.write(
      `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
        'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
  }

  send(opcode: number, payload: Buffer): void {
    const length = payload.length;
    const header = length < 126 ? 2 : 4;
    const frame = Buffer.allocUnsafe(header + 4 + length);
    frame[0] = 0x80 | opcode;
    if (length < 126) {
      frame[1] = 0x80 | length;
    } else {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    }
    const mask = randomBytes(4);
    mask.copy(frame, header);
    for (let index = 0; index < length; index += 1) {
      frame[header + 4 + index] = payload[index]! ^ mask[index & 3]!;
    }
    this.socket.write(frame);
  }

  close(): void {
    if (this.socket.destroyed) {
      return;
    }
    const code = Buffer.allocUnsafe(2);
    code.writeUInt16BE(1000);
    this.send(CLOSE, code);
    this.socket.end();
  }

  /** One read of the socket: `buffer` is the shared read buffer, valid until this returns. */
  private read(buffer: Buffer, length: number): boolean {
    const receivedAt = Date.now();
    let data = buffer.subarray(0, length);
    if (this.pending) {
      data = Buffer.concat([this.pending, data]);
      this.pending = undefined;
    }
    let offset = 0;
    if (!this.upgraded) {
      const end = data.indexOf(HEADERS_END);
      if (end < 0) {
        this.pending = Buffer.from(data);
        return true;
      }
      if (!data.toString('latin1', 0, 12).endsWith('101')) {
        this.socket.destroy();
        return true;
      }
      this.upgraded = true;
      offset = end + HEADERS_END.length;
      this.send(
        TEXT,
        Buffer.from(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.token}` } })),
      );
    }
    while (offset < data.length) {
      if (data.length - offset < 2) {
        break;
      }
      const opcode = data[offset]! & 0x0f;
      let size = data[offset + 1]! & 0x7f;
      let start = offset + 2;
      if (size === 126) {
        if (data.length - offset < 4) {
          break;
        }
        size = data.readUInt16BE(offset + 2);
        start = offset + 4;
      } else if (size === 127) {
        if (data.length - offset < 10) {
          break;
        }
        size = Number(data.readBigUInt64BE(offset + 2));
        start = offset + 10;
      }
      const end = start + size;
      if (end > data.length) {
        break;
      }
      if (opcode === TEXT) {
        this.message(data, start, end, receivedAt);
      } else if (opcode === PING) {
        this.send(PONG, Buffer.from(data.subarray(start, end)));
      } else if (opcode === CLOSE) {
        this.socket.end();
      }
      offset = end;
    }
    if (offset < data.length) {
      this.pending = Buffer.from(data.subarray(offset));
    }
    return true; // keep reading
  }

  private message(data: Buffer, start: number, end: number, receivedAt: number): void {
    const found = data.indexOf(AT, start);
    if (found < 0 || found >= end) {
      if (data.subarray(start, end).indexOf(ACK) >= 0) {
        Atomics.add(counters, 2 * setup.thread, 1);
        this.send(
          TEXT,
          Buffer.from(JSON.stringify({ id: randomUUID(), type: 'subscribe', payload: { query: setup.query } })),
        );
      } else {
        other += 1;
      }
      return;
    }
    const from = found + AT.length;
    const at = data.toString('latin1', from, data.indexOf(QUOTE, from));
    if (at !== lastAt) {
      lastAt = at;
      lastCommit = Date.parse(at);
      let entry = perEvent.get(at);
      if (!entry) {
        entry = { min: Infinity, max: 0 };
        perEvent.set(at, entry);
      }
      lastEntry = entry;
    }
    const latency = receivedAt - lastCommit;
    latencies.push(latency);
    if (latency < lastEntry.min) {
      lastEntry.min = latency;
    }
    if (latency > lastEntry.max) {
      lastEntry.max = latency;
    }
    Atomics.add(counters, 2 * setup.thread + 1, 1);
  }
}

const subscribers: Subscriber[] = [];

const delay = monitorEventLoopDelay({ resolution: 1 });
let cpuBefore = process.threadCpuUsage();
let loopBefore = performance.eventLoopUtilization();

function reset(): void {
  latencies = [];
  perEvent = new Map();
  other = 0;
  lastAt = '';
  Atomics.store(counters, 2 * setup.thread + 1, 0);
  // The garbage of opening thousands of sockets is collected before the measured events.
  (globalThis as { gc?: () => void }).gc?.();
  delay.reset();
  delay.enable();
  cpuBefore = process.threadCpuUsage();
  loopBefore = performance.eventLoopUtilization();
}

function collect(): LiveClientReport {
  const cpu = process.threadCpuUsage(cpuBefore);
  delay.disable();
  return {
    type: 'collected',
    latencies: Float64Array.from(latencies),
    perEvent: [...perEvent].map(([at, { min, max }]) => [at, min, max]),
    other,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayMaxMs: delay.max / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    utilisation: performance.eventLoopUtilization(loopBefore).utilization,
  };
}

port.on('message', (command: LiveClientCommand) => {
  if (command.type === 'reset') {
    reset();
    port.postMessage({ type: 'reset' });
  } else if (command.type === 'collect') {
    const report = collect();
    port.postMessage(report, [report.latencies.buffer as ArrayBuffer]);
  } else {
    void closeAll().then(() => port.postMessage({ type: 'closed' }));
  }
});

/** Closes every socket (as the graphql-ws client's `dispose` does) and waits for them, 10 s at most. */
async function closeAll(): Promise<void> {
  for (const subscriber of subscribers) {
    subscriber.close();
  }
  await Promise.race([
    Promise.all(subscribers.map((subscriber) => subscriber.closed)),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
}

for (let index = 0; index < setup.tokens.length; index += 1) {
  subscribers.push(new Subscriber(setup.tokens[index]!));
  if (index % setup.burst === setup.burst - 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
