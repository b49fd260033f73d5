import DataLoader from 'dataloader';

/**
 * The request's DataLoaders, created on first use and gone with the request. A loader is never
 * shared between requests, so nothing one caller loads can reach another.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results to match the keys, with a fallback for keys that found nothing. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K, missing: V | (() => V)): V[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? (typeof missing === 'function' ? (missing as () => V)() : missing));
}

/** Groups batch results per key, in row order. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
