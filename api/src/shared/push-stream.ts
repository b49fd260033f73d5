/**
 * Where a live stream pushes its events when the transport takes them directly (the WebSocket
 * server's shared fan-out) instead of pulling them one by one through an async iterator.
 */
export interface PushTarget<E> {
  /**
   * A live event, in stream order, called synchronously as the stream's hub hands it out.
   * `false`: the subscriber is too far behind (its socket's buffer is full); the stream stops
   * pushing live events and catches up from its own store instead, through {@link replay}.
   */
  live(event: E): boolean;
  /** Stored events (a page, in order); resolves once the subscriber can take more. */
  replay(events: readonly E[]): Promise<void>;
  /** The stream cannot go on: the operation ends with this error (never the socket). */
  fail(error: unknown): void;
}

/** A live stream that can push to a {@link PushTarget} instead of being iterated. */
export interface PushStream<E> extends AsyncIterableIterator<E> {
  /** Starts pushing to `target` (once; the iterator is not used then). */
  pushTo(target: PushTarget<E>): void;
}

export function isPushStream(value: unknown): value is PushStream<unknown> {
  return typeof (value as { pushTo?: unknown } | null)?.pushTo === 'function';
}

/**
 * The async-iterator side of a push stream: a target that queues what is pushed until `next()`
 * takes it. Live events beyond `maxQueued` are refused (the stream catches up from its store); a
 * replayed page waits until the queue has room.
 */
export class IteratorTarget<E> implements PushTarget<E> {
  private readonly queue: E[] = [];
  private failure: { error: unknown } | undefined;
  private closed = false;
  private wake: (() => void) | undefined;
  private room: (() => void) | undefined;

  constructor(private readonly maxQueued: number) {}

  live(event: E): boolean {
    if (this.queue.length >= this.maxQueued) {
      return false;
    }
    this.queue.push(event);
    this.alarm();
    return true;
  }

  async replay(events: readonly E[]): Promise<void> {
    this.queue.push(...events);
    this.alarm();
    while (!this.closed && this.queue.length > this.maxQueued / 2) {
      await new Promise<void>((resolve) => (this.room = resolve));
    }
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.alarm();
  }

  close(): void {
    this.closed = true;
    this.alarm();
    this.room?.();
  }

  async next(): Promise<IteratorResult<E>> {
    for (;;) {
      const event = this.queue.shift();
      if (event !== undefined) {
        if (this.queue.length <= this.maxQueued / 2) {
          const room = this.room;
          this.room = undefined;
          room?.();
        }
        return { value: event, done: false };
      }
      if (this.failure) {
        throw this.failure.error;
      }
      if (this.closed) {
        return { value: undefined, done: true };
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private alarm(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
