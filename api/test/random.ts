/** Seeded randomness for the fuzz tests: the same seed draws the same requests. */
export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function random(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Some of `items`, in a random order: at least one, at most `most`. */
export function someOf<T>(rng: Rng, items: readonly T[], most: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  const count = 1 + Math.floor(rng() * Math.min(most, pool.length));
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  }
  return chosen;
}
