import type { TtlPolicy } from '../cache/ttl-policy';

/**
 * `{ v: null }` is a cached "none", distinct from a miss. `f`: end of freshness (epoch ms); past it
 * the entry is served only while its vendor fails. Entries without `f` are fresh until they expire.
 */
export interface Stored<T> {
  v: T | null;
  f?: number;
}

/** `ttlSeconds` ≤ 0 deletes the key instead. */
export interface CacheWrite {
  key: string;
  value: unknown;
  ttlSeconds: number;
}

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
