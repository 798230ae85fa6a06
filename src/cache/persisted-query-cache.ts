import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Cache } from './cache';

/**
 * Apollo's automatic persisted queries (APQ) stored in the gateway's own cache (keyv: memory, and
 * Redis when configured, so every instance knows a query any of them registered). Keys are
 * `ig:apq:v1:<Apollo's key>`; an entry is only a query's text under its own SHA-256, so it is
 * shared by all tenants (it holds no data). Entries live `ttlSeconds` unless Apollo asks for less.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.cache.get<string>(this.key(key));
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ? Math.min(options.ttl, this.ttlSeconds) : this.ttlSeconds;
    await this.cache.set(this.key(key), value, ttl);
  }

  async delete(key: string): Promise<void> {
    await this.cache.delete(this.key(key));
  }

  private key(key: string): string {
    return `ig:apq:v1:${key}`;
  }
}
