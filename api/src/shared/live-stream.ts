/**
 * An async iterator over values pushed by a live source (a subscription's events): `subscribe`
 * registers the push function and returns how to unregister it, which happens when the client
 * ends the subscription. A slow consumer keeps at most `maxQueued` values; more are dropped.
 */
export function liveStream<T>(
  subscribe: (push: (value: T) => void) => () => void,
  maxQueued = 1000,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let wake: ((result: IteratorResult<T>) => void) | undefined;
  let closed = false;
  const unsubscribe = subscribe((value) => {
    if (wake) {
      const resolve = wake;
      wake = undefined;
      resolve({ value, done: false });
    } else if (queue.length < maxQueued) {
      queue.push(value);
    }
  });
  const close = (): Promise<IteratorResult<T>> => {
    closed = true;
    unsubscribe();
    wake?.({ value: undefined, done: true });
    wake = undefined;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length > 0) {
        return Promise.resolve({ value: queue.shift() as T, done: false });
      }
      if (closed) {
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise((resolve) => {
        wake = resolve;
      });
    },
    return: close,
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
