import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Cache } from './cache';

/** APQ in the shared cache, so every instance knows any registered query; shared by tenants (only query text). */
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
