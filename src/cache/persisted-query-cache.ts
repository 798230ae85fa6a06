import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { RedisByteBudget } from '../infra/redis-byte-budget';
import type { RedisConnection } from '../infra/redis-connection';
import { currentRequest } from '../observability/request-context';

/**
 * APQ registrations, per tenant (a tenant cannot tell which queries another one runs), bounded by
 * bytes: in this process `maxBytes` in all, and with Redis `maxBytes` per tenant there (so every
 * replica knows a registered query). Past a budget the least recently used (memory) or the soonest
 * to expire (Redis) go; a client whose hash is gone gets PERSISTED_QUERY_NOT_FOUND and sends the
 * query again, as the protocol has it. Apollo gives no request to its APQ cache: the tenant comes
 * from the request context, and a request without one (none reaches Apollo) is served unregistered.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  private readonly memory: LRUCache<string, string>;
  private readonly budgets = new Map<string, RedisByteBudget>();

  constructor(
    private readonly options: {
      /** Seconds; the longest a registration is kept. */
      ttlSeconds: number;
      /** UTF-16 code units of query text (and hash keys). */
      maxBytes: number;
      redis: RedisConnection | null;
      logger: Logger;
    },
  ) {
    this.memory = new LRUCache({ maxSize: options.maxBytes, sizeCalculation: (value, key) => value.length + key.length, ttl: options.ttlSeconds * 1000 });
  }

  async get(key: string): Promise<string | undefined> {
    const tenant = currentRequest()?.tenantId;
    if (tenant === undefined) return undefined;
    const held = this.memory.get(this.memoryKey(tenant, key));
    if (held !== undefined || !this.options.redis) return held;
    try {
      const redisKey = this.redisKey(tenant, key);
      const [value, ttlMs] = (await this.options.redis.run((client) => client.multi().get(redisKey).pTTL(redisKey).exec())) as unknown as [
        string | null,
        number,
      ];
      if (typeof value !== 'string') return undefined;
      if (ttlMs > 0) this.memory.set(this.memoryKey(tenant, key), value, { ttl: ttlMs });
      return value;
    } catch (error) {
      this.options.logger.debug({ err: error }, 'persisted queries: Redis unreadable (a miss)');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const tenant = currentRequest()?.tenantId;
    if (tenant === undefined) return;
    const ttlSeconds = options?.ttl ? Math.min(options.ttl, this.options.ttlSeconds) : this.options.ttlSeconds;
    this.memory.set(this.memoryKey(tenant, key), value, { ttl: ttlSeconds * 1000 });
    if (!this.options.redis) return;
    try {
      await this.budget(tenant, this.options.redis).put(this.redisKey(tenant, key), value, ttlSeconds * 1000);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'persisted queries: could not write Redis (registered on this replica only)');
    }
  }

  async delete(key: string): Promise<void> {
    const tenant = currentRequest()?.tenantId;
    if (tenant === undefined) return;
    this.memory.delete(this.memoryKey(tenant, key));
    await this.options.redis?.run((client) => client.sendCommand(['DEL', this.redisKey(tenant, key)])).catch(() => undefined);
  }

  /** Bytes held in this process. */
  bytes(): number {
    return this.memory.calculatedSize;
  }

  /** The tenant's budget in Redis (null without Redis), for tests. */
  redisBudget(tenant: string): RedisByteBudget | null {
    return this.options.redis ? this.budget(tenant, this.options.redis) : null;
  }

  private budget(tenant: string, redis: RedisConnection): RedisByteBudget {
    let budget = this.budgets.get(tenant);
    if (!budget) {
      budget = new RedisByteBudget(redis, `ig:apq:v2:${tenant}`, this.options.maxBytes);
      this.budgets.set(tenant, budget);
    }
    return budget;
  }

  private memoryKey(tenant: string, key: string): string {
    return `${tenant}\n${key}`;
  }

  private redisKey(tenant: string, key: string): string {
    return `ig:apq:v2:${tenant}:q:${key}`;
  }
}
