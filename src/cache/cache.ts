/**
 * Values must be JSON-serialisable; TTLs are in SECONDS. Backend failures become misses (and a log
 * line), never request errors.
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  /** `result[i]` answers `keys[i]`; a miss is `undefined`. */
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>>;
  /** `ttlSeconds` must be > 0; entries are never stored without an expiry. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  setMany(entries: ReadonlyArray<{ key: string; value: unknown; ttlSeconds: number }>): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Drops this process's own copies (the in-memory layer) and keeps the shared one: another
   * instance wrote newer values to the shared layer. Optional: a cache with one layer has none.
   */
  forgetLocal?(keys: readonly string[]): Promise<void>;
  status(): Promise<CacheStatus>;
  close(): Promise<void>;
}

export interface CacheStatus {
  layers: Array<'memory' | 'redis'>;
  /** null when there is no Redis layer. */
  redisReachable: boolean | null;
  /** False while Redis is skipped after failures; null without one. */
  redisInUse: boolean | null;
}
