import { Cacheable, KeyvCacheableMemory, Keyv } from 'cacheable';
import KeyvRedis, { createClient } from '@keyv/redis';
import type { Logger } from 'pino';
import type { Cache, CacheStatus } from './cache';
import { DEFAULT_GUARD, guardLayer, type GuardOptions } from './guarded-layer';

export interface KeyvCacheOptions {
  /** Entries in the in-memory LRU layer (L1). */
  maxItems: number;
  /** When set, Redis is the shared second layer (L2). */
  redisUrl: string | null;
  logger: Logger;
  /** How a slow or dead Redis is taken out of the path and brought back (default DEFAULT_GUARD). */
  guard?: Omit<GuardOptions, 'onChange'>;
  /** Told how many keys each layer found and missed (metrics). */
  onLayerRead?: (layer: 'memory' | 'redis', hits: number, misses: number) => void;
}

/**
 * keyv-based two-layer cache (via `cacheable`): a bounded in-memory LRU in front, Redis behind
 * when configured. Reads go L1 → L2 (and back-fill L1); writes go to both. Any backend error is a
 * miss plus a warning, so a sick Redis never fails a request; and Redis sits behind a guard
 * (`guarded-layer.ts`: timeout + breaker), so a slow or dead Redis is skipped after a few failed
 * operations — the gateway runs on L1 and the vendors — and comes back by itself when Redis does.
 */
export class KeyvCache implements Cache {
  private readonly cache: Cacheable;
  /** The raw Redis layer (for the readiness probe); requests use the guarded one. */
  private readonly redis: Keyv | null;
  private readonly guarded: ReturnType<typeof guardLayer> | null;
  /** Settles once the Redis layer's first connection attempt has (see createSharedLayer). */
  private readonly firstConnect: Promise<void>;

  constructor(private readonly options: KeyvCacheOptions) {
    // The in-memory layer keeps the objects themselves: no JSON round trip per read (it was the
    // largest cost of a warm request). Cached values are never mutated: loaders store copies
    // (`withoutRaw`) and resolvers only read. One Map (`storeHashSize: 1`): the default 16 shards
    // hash every key to pick one, a cost with no gain for an LRU of this size.
    const primary = new Keyv({
      store: new KeyvCacheableMemory({ lruSize: options.maxItems, useClone: false, storeHashSize: 1 }),
      serialize: undefined,
      deserialize: undefined,
    });
    const shared = options.redisUrl ? createSharedLayer(options.redisUrl) : null;
    this.redis = shared?.keyv ?? null;
    this.firstConnect = shared?.firstConnect ?? Promise.resolve();
    this.redis?.on('error', (error: unknown) => options.logger.warn({ err: error }, 'redis cache error (treated as a miss)'));
    this.guarded = shared
      ? guardLayer(
          shared.keyv,
          {
            ...DEFAULT_GUARD,
            ...options.guard,
            onChange: (available) =>
              available
                ? options.logger.info('redis cache layer is back')
                : options.logger.warn('redis cache layer is failing or slow: serving from memory and the vendors until it recovers'),
          },
          shared.firstConnect,
        )
      : null;
    const counted = (layer: 'memory' | 'redis', keyv: Keyv) =>
      options.onLayerRead ? countReads(keyv, (hits, misses) => options.onLayerRead?.(layer, hits, misses)) : keyv;
    this.cache = new Cacheable({ primary: counted('memory', primary), ...(this.guarded ? { secondary: counted('redis', this.guarded.keyv) } : {}) });
    this.cache.on('error', (error: unknown) => options.logger.warn({ err: error }, 'cache error (treated as a miss)'));
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.cache.get<T>(key)) ?? undefined;
    } catch (error) {
      this.options.logger.warn({ err: error, key }, 'cache get failed (treated as a miss)');
      return undefined;
    }
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    try {
      const values = await this.cache.getMany<T>([...keys]);
      return values.map((v) => v ?? undefined);
    } catch (error) {
      this.options.logger.warn({ err: error, keys: keys.length }, 'cache getMany failed (treated as misses)');
      return keys.map(() => undefined);
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.setMany([{ key, value, ttlSeconds }]);
  }

  async setMany(entries: ReadonlyArray<{ key: string; value: unknown; ttlSeconds: number }>): Promise<void> {
    const items = entries.filter((e) => e.ttlSeconds > 0).map((e) => ({ key: e.key, value: e.value, ttl: Math.round(e.ttlSeconds * 1000) }));
    if (items.length === 0) return;
    try {
      await this.cache.setMany(items);
    } catch (error) {
      this.options.logger.warn({ err: error, keys: items.length }, 'cache set failed (value not cached)');
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.options.logger.warn({ err: error, key }, 'cache delete failed');
    }
  }

  async status(): Promise<CacheStatus> {
    if (!this.redis) return { layers: ['memory'], redisReachable: null, redisInUse: null };
    const probe = `health:${process.pid}:${Date.now()}`;
    await this.firstConnect;
    try {
      await this.redis.set(probe, 1, 5_000);
      const ok = (await this.redis.get(probe)) === 1;
      await this.redis.delete(probe);
      return { layers: ['memory', 'redis'], redisReachable: ok, redisInUse: this.guarded?.available() ?? false };
    } catch {
      return { layers: ['memory', 'redis'], redisReachable: false, redisInUse: this.guarded?.available() ?? false };
    }
  }

  async close(): Promise<void> {
    try {
      // A client that never connected (or lost its server) would keep reconnecting after a
      // graceful close: there is nothing to flush, so stop it outright.
      const client = (this.redis?.store as { client?: { isReady?: boolean; isOpen?: boolean; destroy?: () => void } } | undefined)?.client;
      if (client?.isOpen && !client.isReady) client.destroy?.();
      await this.cache.disconnect();
    } catch (error) {
      this.options.logger.debug({ err: error }, 'cache disconnect failed');
    }
  }
}

/** Longest pause between reconnection attempts while Redis is down, in ms. */
const REDIS_MAX_RECONNECT_DELAY_MS = 500;

/** Longest the first operations wait for the layer's first connection before their own timeout starts, in ms. */
const FIRST_CONNECT_WAIT_MS = 1_000;

/**
 * Redis as a layer that never blocks a request for long: commands fail at once while the
 * connection is down (no offline queue) instead of queueing, connecting gives up after 500 ms,
 * and the client keeps reconnecting (backoff capped at 500 ms) so the layer comes back by itself.
 */
function createSharedLayer(url: string): { keyv: Keyv; firstConnect: Promise<void> } {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 500, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, REDIS_MAX_RECONNECT_DELAY_MS) },
  });
  const store = new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: false, connectionTimeout: 500 });
  const keyv = new Keyv({ store, useKeyPrefix: false });
  // Our keys are already fully qualified (CacheKeys): no extra `keyv:` namespace in Redis.
  keyv.namespace = undefined;
  // Connected now rather than by the first request. The first attempt settles when the client is
  // ready, at its first error (a refused port fails at once), or after FIRST_CONNECT_WAIT_MS.
  let failed: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const firstConnect = Promise.race([
    client.connect().then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      failed = () => resolve();
      client.once('error', failed);
    }),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS))),
  ]).finally(() => {
    clearTimeout(timer);
    client.off('error', failed);
  });
  return { keyv, firstConnect };
}

/** The Keyv reads `Cacheable` makes on its layers (it reads the raw entries, for their expiry). */
const READS = new Set(['getRaw', 'getManyRaw']);

/** `keyv` with its reads counted: `count(hits, misses)` after every getRaw / getManyRaw. */
function countReads(keyv: Keyv, count: (hits: number, misses: number) => void): Keyv {
  return new Proxy(keyv, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !READS.has(property) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const found = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        const values = Array.isArray(found) && Array.isArray(args[0]) ? found : [found];
        const hits = values.filter((v) => v !== undefined && v !== null).length;
        count(hits, values.length - hits);
        return found;
      };
    },
  });
}
