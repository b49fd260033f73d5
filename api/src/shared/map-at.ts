/** A Map or a WeakMap. */
interface Keyed<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The inner map of a two-level cache at `key`, made empty and kept on first use. */
export function mapAt<K, K2, V>(maps: Keyed<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = maps.get(key);
  if (inner === undefined) {
    inner = new Map();
    maps.set(key, inner);
  }
  return inner;
}
