import { describe, expect, it } from 'vitest';
import { allChecked } from './maybe-async.js';

describe('allChecked', () => {
  it('answers undefined when every check answered now, and waits for the pending ones otherwise', async () => {
    expect(allChecked((add) => [undefined, 1].forEach(add))).toBeUndefined();
    let settled = false;
    const pending = allChecked((add) => add(Promise.resolve().then(() => (settled = true))));
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(settled).toBe(true);
  });

  it('gives the pending checks a handler when a later one refuses now, so their own refusal is not unhandled', async () => {
    let refuseLater!: (error: Error) => void;
    const later = new Promise<void>((_, reject) => {
      refuseLater = reject;
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(() =>
        allChecked((add) => {
          add(later);
          throw new Error('refused now');
        }),
      ).toThrow('refused now');
      refuseLater(new Error('refused later'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
