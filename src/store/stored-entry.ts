import type { TtlPolicy } from '../cache/ttl-policy';

/**
 * What is stored under a key: `{ v: null }` is a cached "none", distinct from a miss. `f` is
 * when it stops being fresh (epoch ms); past it the entry is only served while its vendor fails.
 * Entries without `f` (written before stale-if-error existed) are fresh until they expire.
 */
export interface Stored<T> {
  v: T | null;
  f?: number;
}

/** One cache write; `ttlSeconds` ≤ 0 deletes the key instead (see `EntityStore.writeAll`). */
export interface CacheWrite {
  key: string;
  value: unknown;
  ttlSeconds: number;
}

/** Builds and judges stored entries against one clock. */
export class EntryFormat {
  constructor(
    private readonly ttl: TtlPolicy,
    private readonly now: () => number,
  ) {}

  /** A cache write of `value`: fresh for `ttlSeconds`, then kept for the stale window. */
  entry(key: string, value: unknown, ttlSeconds: number): CacheWrite {
    return {
      key,
      value: { v: value, f: this.now() + ttlSeconds * 1000 } satisfies Stored<unknown>,
      ttlSeconds: this.ttl.retention(value, ttlSeconds),
    };
  }

  isFresh(stored: Stored<unknown>): boolean {
    return stored.f === undefined || stored.f > this.now();
  }
}
