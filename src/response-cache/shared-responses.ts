/**
 * The shared layer (L2) of the response cache, in Redis when `REDIS_URL` is set: a response one
 * replica built is served by another without executing. Each tenant has a byte budget; past it the
 * entries closest to expiry go first. An entry is used only if the reading replica's invalidation
 * log says nothing it read changed since its request started (see `invalidation-ledger.ts`).
 */
import type { Logger } from 'pino';
import type { RedisConnection } from '../infra/redis-connection';
import type { CachedResponse, SharedResponses } from './cached-response';

/** Expired entries' bookkeeping cleared per write, at most. */
const EXPIRED_PER_WRITE = 64;

/**
 * KEYS: entry, index (sorted set: entry key by expiry), sizes (hash), bytes (counter).
 * ARGV: value, ttl ms, now ms, size, budget. Returns the tenant's bytes after the write.
 */
const PUT = `
local now = tonumber(ARGV[3])
local function forget(k)
  local s = redis.call('HGET', KEYS[3], k)
  if s then redis.call('DECRBY', KEYS[4], s); redis.call('HDEL', KEYS[3], k) end
  redis.call('ZREM', KEYS[2], k)
end
for _, k in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, ${EXPIRED_PER_WRITE})) do forget(k) end
forget(KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), KEYS[1])
redis.call('HSET', KEYS[3], KEYS[1], ARGV[4])
local total = redis.call('INCRBY', KEYS[4], ARGV[4])
while total > tonumber(ARGV[5]) do
  local first = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #first == 0 then break end
  forget(first[1])
  redis.call('DEL', first[1])
  total = tonumber(redis.call('GET', KEYS[4]) or '0')
end
return total`;

export class RedisSharedResponses implements SharedResponses {
  private readonly prefix: string;

  /** `reads` has the short guard (a slow Redis means executing); `writes` the stores' one. */
  constructor(
    private readonly redis: { reads: RedisConnection; writes: RedisConnection },
    tenantId: string,
    private readonly budgetBytes: number,
    private readonly logger: Logger,
  ) {
    this.prefix = `ig:rc:v1:${tenantId}`;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    try {
      const value = (await this.redis.reads.run((client) => client.sendCommand(['GET', this.entryKey(key)]))) as unknown as string | null;
      if (value === null) return undefined;
      const entry = JSON.parse(value) as CachedResponse;
      return typeof entry.body === 'string' && Array.isArray(entry.tags) && typeof entry.seq === 'number' ? entry : undefined;
    } catch (error) {
      this.logger.debug({ err: error }, 'response cache: shared layer unreadable (a miss)');
      return undefined;
    }
  }

  async put(key: string, entry: CachedResponse): Promise<void> {
    const value = JSON.stringify(entry);
    const ttlMs = entry.expiresAt - Date.now();
    if (ttlMs < 1000 || value.length > this.budgetBytes) return;
    try {
      await this.redis.writes.run((client) =>
        client.sendCommand([
          'EVAL',
          PUT,
          '4',
          this.entryKey(key),
          `${this.prefix}:index`,
          `${this.prefix}:sizes`,
          `${this.prefix}:bytes`,
          value,
          String(Math.floor(ttlMs)),
          String(Date.now()),
          String(value.length),
          String(this.budgetBytes),
        ]),
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache: could not write the shared layer (kept in memory only)');
    }
  }

  /** Bytes the tenant's entries hold in Redis (for tests and `/metrics`). */
  async bytes(): Promise<number> {
    return Number((await this.redis.writes.run((client) => client.sendCommand(['GET', `${this.prefix}:bytes`]))) ?? 0);
  }

  private entryKey(key: string): string {
    // `key` starts with the tenant id (see response-key.ts): only its digest part is needed here.
    return `${this.prefix}:e:${key.slice(key.lastIndexOf(':') + 1)}`;
  }
}
