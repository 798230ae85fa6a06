/**
 * The shared layer (L2) of the response cache, in Redis when `REDIS_URL` is set: a response one
 * replica built is served by another without executing. Each tenant has a byte budget; past it the
 * entries closest to expiry go first. An entry is used only if the reading replica's invalidation
 * log says nothing it read changed since its request started (see `invalidation-ledger.ts`).
 */
import type { Logger } from 'pino';
import { RedisByteBudget } from '../infra/redis-byte-budget';
import type { RedisConnection } from '../infra/redis-connection';
import type { CachedResponse, SharedResponses } from './cached-response';

export class RedisSharedResponses implements SharedResponses {
  private readonly prefix: string;
  private readonly budget: RedisByteBudget;

  /** `reads` has the short guard (a slow Redis means executing); `writes` the stores' one. */
  constructor(
    private readonly redis: { reads: RedisConnection; writes: RedisConnection },
    tenantId: string,
    budgetBytes: number,
    private readonly logger: Logger,
  ) {
    this.prefix = `ig:rc:v1:${tenantId}`;
    this.budget = new RedisByteBudget(redis.writes, this.prefix, budgetBytes);
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
    const ttlMs = entry.expiresAt - Date.now();
    if (ttlMs < 1000) return;
    try {
      await this.budget.put(this.entryKey(key), JSON.stringify(entry), ttlMs);
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache: could not write the shared layer (kept in memory only)');
    }
  }

  /** Bytes the tenant's entries hold in Redis (for tests and `/metrics`). */
  bytes(): Promise<number> {
    return this.budget.bytes();
  }

  private entryKey(key: string): string {
    // `key` starts with the tenant id (see response-key.ts): only its digest part is needed here.
    return `${this.prefix}:e:${key.slice(key.lastIndexOf(':') + 1)}`;
  }
}
