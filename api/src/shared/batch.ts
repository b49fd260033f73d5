import DataLoader from 'dataloader';

/**
 * A DataLoader for one request: module loader factories (`<module>.loader.ts`) build theirs with
 * it, and the request context composes them, so a loader never outlives or crosses a request.
 */
export function batchLoader<K, V, C = K>(
  batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  /** For object keys: the value two equal keys share (the same request asked twice is one load). */
  cacheKeyFn?: (key: K) => C,
): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>(batch, { maxBatchSize: 1000, ...(cacheKeyFn ? { cacheKeyFn } : {}) });
}

/** Orders batch results to match the keys, `null` for keys that found nothing. */
export function oneByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** Groups batch results per key, in row order. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
