/**
 * Entries in Redis under one byte budget (a tenant's responses, persisted queries, idempotent
 * answers): sizes are counted in Redis itself, by one script per write, so replicas share the count.
 */
import type { RedisConnection } from './redis-connection';

/** Expired entries' bookkeeping cleared per write, at most. */
const EXPIRED_PER_WRITE = 64;

/**
 * KEYS: entry, index (sorted set: entry key by expiry), sizes (hash), bytes (counter).
 * ARGV: value, ttl ms, now ms, size, budget[, fallback].
 * Without a fallback, the entries closest to expiry make room; with one, an entry past the budget is
 * stored as the fallback instead, uncounted (returns -1). Else returns the bytes after the write.
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
if ARGV[6] and tonumber(redis.call('GET', KEYS[4]) or '0') + tonumber(ARGV[4]) > tonumber(ARGV[5]) then
  redis.call('SET', KEYS[1], ARGV[6], 'PX', ARGV[2])
  return -1
end
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

export class RedisByteBudget {
  /** `prefix` names the budget: its bookkeeping keys are `<prefix>:index`, `:sizes` and `:bytes`. */
  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
    /** In bytes (UTF-16 code units of the stored strings). */
    readonly budgetBytes: number,
  ) {}

  /**
   * Sets `key` (a full Redis key) for `ttlMs`. Without `fallback`, the entries closest to expiry go
   * to make room, and a value larger than the whole budget is not stored. With `fallback`, nothing
   * is evicted: past the budget the fallback is stored instead. Resolves whether `value` was stored.
   */
  async put(key: string, value: string, ttlMs: number, fallback?: string): Promise<boolean> {
    if (fallback === undefined && value.length > this.budgetBytes) return false;
    const args = [value, String(Math.max(1, Math.floor(ttlMs))), String(Date.now()), String(value.length), String(this.budgetBytes)];
    if (fallback !== undefined) args.push(fallback);
    const total = await this.connection.run((client) =>
      client.sendCommand(['EVAL', PUT, '4', key, `${this.prefix}:index`, `${this.prefix}:sizes`, `${this.prefix}:bytes`, ...args]),
    );
    return Number(total) >= 0;
  }

  /** Bytes counted in Redis (for tests and `/metrics`). */
  async bytes(): Promise<number> {
    return Number((await this.connection.run((client) => client.sendCommand(['GET', `${this.prefix}:bytes`]))) ?? 0);
  }
}
