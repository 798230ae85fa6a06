import { Cacheable, KeyvCacheableMemory, Keyv } from 'cacheable';
import KeyvRedis, { createClient } from '@keyv/redis';
import type { Logger } from 'pino';
import type { Cache, CacheStatus } from './cache';
import { DEFAULT_GUARD, guardLayer, type GuardOptions } from './guarded-layer';

export interface KeyvCacheOptions {
  maxItems: number;
  redisUrl: string | null;
  logger: Logger;
  guard?: Omit<GuardOptions, 'onChange'>;
  onLayerRead?: (layer: 'memory' | 'redis', hits: number, misses: number) => void;
}

/** A bounded LRU in front of Redis. A sick Redis never fails a request; a slow one is skipped until it recovers. */
export class KeyvCache implements Cache {
  private readonly cache: Cacheable;
  /** Unguarded, for the readiness probe only. */
  private readonly redis: Keyv | null;
  private readonly guarded: ReturnType<typeof guardLayer> | null;
  private readonly firstConnect: Promise<void>;

  constructor(private readonly options: KeyvCacheOptions) {
    // Objects kept as-is: a JSON round trip per read was the largest cost of a warm request (values
    // are never mutated). One Map: the default 16 shards hash every key for no gain at this size.
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

  async forgetLocal(keys: readonly string[]): Promise<void> {
    if (!this.redis || keys.length === 0) return;
    try {
      await this.cache.primary.deleteMany([...keys]);
    } catch (error) {
      this.options.logger.warn({ err: error, keys: keys.length }, 'cache: could not drop local copies');
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
      // A client that never connected would keep reconnecting after a graceful close: stop it outright.
      const client = (this.redis?.store as { client?: { isReady?: boolean; isOpen?: boolean; destroy?: () => void } } | undefined)?.client;
      if (client?.isOpen && !client.isReady) client.destroy?.();
      await this.cache.disconnect();
    } catch (error) {
      this.options.logger.debug({ err: error }, 'cache disconnect failed');
    }
  }
}

const REDIS_MAX_RECONNECT_DELAY_MS = 500;

const FIRST_CONNECT_WAIT_MS = 1_000;

/** No offline queue: commands fail at once while disconnected, and reconnection goes on in the background. */
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
  // Connected now rather than by the first request.
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

/** `Cacheable` reads raw entries, for their expiry. */
const READS = new Set(['getRaw', 'getManyRaw']);

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
