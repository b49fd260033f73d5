import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './retry.js';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock or serialization failure', async () => {
    const codes = ['40P01', '40001'];
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls += 1;
      const code = codes.shift();
      if (code) {
        throw failure(code);
      }
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(calls).toBe(3);
  });

  it('passes any other failure straight through', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls += 1;
        throw failure('23P01');
      }),
    ).rejects.toThrow('23P01');
    expect(calls).toBe(1);
  });

  it('gives up after four attempts', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls += 1;
        throw failure('40P01');
      }),
    ).rejects.toThrow('40P01');
    expect(calls).toBe(4);
  });
});
