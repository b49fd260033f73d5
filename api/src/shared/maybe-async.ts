/** A value now, or a promise of it: checks whose facts are already known answer without a promise. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** `next(value)` now when `value` is known, after it settles when it is a promise. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}

/**
 * The checks `run` adds, some answered now and some pending: undefined when every one answered
 * now, else the promise of them all. A check that throws now ends the run; the ones still pending
 * are then given a handler before the error goes on, since a refusal of theirs would otherwise be
 * an unhandled rejection (which stops the process).
 */
export function allChecked(run: (add: (checked: MaybePromise<unknown>) => void) => void): Promise<void> | undefined {
  let pending: Promise<unknown>[] | undefined;
  try {
    run((checked) => {
      if (isPromise(checked)) {
        (pending ??= []).push(checked);
      }
    });
  } catch (error) {
    for (const left of pending ?? []) {
      left.catch(() => undefined);
    }
    throw error;
  }
  return pending && Promise.all(pending).then(() => undefined);
}
