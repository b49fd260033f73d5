import { describe, expect, it } from 'vitest';
import { batchingPreset } from './jobs.js';

describe('batchingPreset', () => {
  it('makes a runner whose fetch found nothing wait before the next one, however many jobs are announced', () => {
    expect(batchingPreset({ batchSize: 10, batchDelayMs: 20, idleFetchDelayMs: 100 })).toEqual({
      localQueue: { size: 10, refetchDelay: { durationMs: 100, threshold: 0, maxAbortThreshold: Infinity } },
      completeJobBatchDelay: 20,
      failJobBatchDelay: 20,
    });
  });

  it('fetches on every announcement with no idle delay, and one job per query without batches', () => {
    expect(batchingPreset({ batchSize: 10, batchDelayMs: 20, idleFetchDelayMs: 0 })).toEqual({
      localQueue: { size: 10 },
      completeJobBatchDelay: 20,
      failJobBatchDelay: 20,
    });
    expect(batchingPreset({ batchSize: 1, batchDelayMs: -1, idleFetchDelayMs: 100 })).toEqual({
      completeJobBatchDelay: -1,
      failJobBatchDelay: -1,
    });
  });
});
