import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { WebSocket } from 'ws';

/** Writes one graphql-ws operation's `next` messages: `{"id":<id>,"type":"next","payload":<payload>}`. */
export interface NextMessageWriter {
  /** `payload` is the serialised execution result (UTF-8 JSON). */
  write(payload: Buffer): void;
  /** The same for a result serialised for this operation alone: encoded straight into its frame. */
  writeJson(json: string): void;
}

const TEXT_FRAME_FIN = 0x81;
const CLOSING_BRACE = 0x7d;

/** What the fan-out reads of ws's Sender to know a frame written beside it cannot interleave. */
interface SenderState {
  readonly _state?: unknown;
  readonly _firstFragment?: unknown;
  readonly _queue?: { readonly length: number };
}

/**
 * The ws release whose private state this module reads (lib/sender.js, lib/websocket.js), checked
 * by reading its source; api/package.json pins ws to it exactly, and next-frames.test.ts fails
 * when the installed ws is another, so an upgrade comes with a new reading.
 */
export const CHECKED_WS_VERSION = '8.23.0';

/** The classes of the `ws` module {@link wsInternalsKnown} makes instances of (ws exports `Sender`; its types do not). */
export interface WsClasses {
  /** As ws's server makes one: no address, the server's options. */
  readonly WebSocket: new (address: null, protocols: undefined, options: object) => unknown;
  readonly Sender?: new (socket: PassThrough) => unknown;
}

/**
 * Whether ws keeps the private state this module reads as {@link CHECKED_WS_VERSION} does: a
 * socket's `_sender` and `_extensions` (an object), and an idle Sender's `_state` 0,
 * `_firstFragment` true and `_queue` an array. Checked once, at start-up, on instances ws makes
 * without a connection; when anything differs, every message goes through `ws.send`.
 */
export function wsInternalsKnown(classes: WsClasses): boolean {
  try {
    const socket = new classes.WebSocket(null, undefined, {}) as { _sender?: unknown; _extensions?: unknown };
    const sender = classes.Sender && (new classes.Sender(new PassThrough()) as SenderState);
    return (
      '_sender' in socket &&
      typeof socket._extensions === 'object' &&
      socket._extensions !== null &&
      sender?._state === 0 &&
      sender._firstFragment === true &&
      Array.isArray(sender._queue)
    );
  } catch {
    return false;
  }
}

/** ws's CommonJS entry: the same classes its ES module wrapper exports, `Sender` among them. */
export const wsClasses = createRequire(import.meta.url)('ws') as WsClasses;

const WS_INTERNALS_KNOWN = wsInternalsKnown(wsClasses);

/**
 * The `next` messages of one operation, each written to the connection as one finished WebSocket
 * text frame in one buffer: the message's fixed start (its operation id) encoded once per
 * operation, the payload once per result (a result for this operation alone is encoded straight
 * into its frame, without a buffer of its own), then one allocation and one `write` per message —
 * where `ws.send` would re-encode the text per message, frame it in a second buffer and write both
 * through a corked `writev`.
 *
 * The frame is what ws itself writes for a server's unmasked, uncompressed, unfragmented text
 * message, and it is written only while ws's Sender is idle in that mode (no permessage-deflate
 * negotiated, nothing queued, no fragmented message open): the frame then cannot interleave with
 * another. Otherwise, and always when ws's internals are not as checked ({@link wsInternalsKnown}:
 * `framesKnown`), the message goes through `ws.send`.
 */
export function nextMessageWriter(
  socket: WebSocket,
  connection: Socket,
  id: string,
  framesKnown = WS_INTERNALS_KNOWN,
): NextMessageWriter {
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  const sender = (socket as unknown as { _sender?: SenderState | null })._sender;
  const extensions = (socket as unknown as { _extensions?: Record<string, unknown> })._extensions;
  // Extensions are negotiated in the handshake, before any operation: known once per writer.
  const uncompressed = extensions !== undefined && Object.keys(extensions).length === 0;
  const direct = () =>
    framesKnown &&
    uncompressed &&
    sender?._state === 0 &&
    sender._firstFragment === true &&
    sender._queue?.length === 0 &&
    connection.writable;
  /** A frame for a payload of `payloadLength` bytes, all but the payload written (it ends one byte before the frame). */
  const frameFor = (payloadLength: number): Buffer => {
    const length = prefix.length + payloadLength + 1;
    const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(header + length);
    frame[0] = TEXT_FRAME_FIN;
    if (header === 2) {
      frame[1] = length;
    } else if (header === 4) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    prefix.copy(frame, header);
    frame[header + length - 1] = CLOSING_BRACE;
    return frame;
  };
  const writer: NextMessageWriter = {
    write(payload) {
      if (!direct()) {
        socket.send(Buffer.concat([prefix, payload, Buffer.of(CLOSING_BRACE)]), { binary: false });
        return;
      }
      const frame = frameFor(payload.length);
      payload.copy(frame, frame.length - 1 - payload.length);
      connection.write(frame);
    },
    writeJson(json) {
      if (!direct()) {
        writer.write(Buffer.from(json));
        return;
      }
      const length = Buffer.byteLength(json);
      const frame = frameFor(length);
      frame.write(json, frame.length - 1 - length, 'utf8');
      connection.write(frame);
    },
  };
  return writer;
}
