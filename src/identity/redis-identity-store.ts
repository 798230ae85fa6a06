import { type RedisClient, type RedisConnection, storeConnection } from '../infra/redis-connection';
import type { Provider } from '../domain/provider';
import { EMPTY_SYNC_STATE, type IdentityStore, type IndexedRef, refField, type SyncState } from './identity-store';
import { keepKnown } from './memory-identity-store';

/** KEYS[1] lock; ARGV owner, ttl ms. */
const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Emails examined per round trip while searching. */
const SCAN_CHUNK = 500;

/**
 * `email:<key>` HASH of ref JSON (HSETNX: adds never race away); `emails` ZSET, score 0 for
 * lexicographic paging; `names` HASH for search; `sync:<P>` progress; `lock:<P>` owner with expiry.
 */
export class RedisIdentityStore implements IdentityStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:idx:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
  }

  async add(entries: ReadonlyArray<{ emailKey: string; ref: IndexedRef }>): Promise<void> {
    if (entries.length === 0) return;
    return this.run(async (c) => {
      const created = await Promise.all(
        entries.map(({ emailKey, ref }) => c.sendCommand(['HSETNX', this.emailKey(emailKey), refField(ref), JSON.stringify(ref)])),
      );
      await Promise.all([
        ...entries.map(({ emailKey }) => c.sendCommand(['ZADD', this.key('emails'), '0', emailKey])),
        ...entries.filter((e) => e.ref.name).map(({ emailKey, ref }) => c.sendCommand(['HSETNX', this.key('names'), emailKey, ref.name as string])),
      ]);
      await Promise.all(
        entries.map(async ({ emailKey, ref }, i) => {
          if (Number(created[i]) === 1) return;
          const stored = (await c.sendCommand(['HGET', this.emailKey(emailKey), refField(ref)])) as string | null;
          const previous = stored ? (JSON.parse(stored) as IndexedRef) : undefined;
          const merged = { ...ref, ...keepKnown(previous, ref) };
          if (JSON.stringify(merged) !== stored) await c.sendCommand(['HSET', this.emailKey(emailKey), refField(ref), JSON.stringify(merged)]);
        }),
      );
    });
  }

  async refsFor(emailKeys: readonly string[]): Promise<IndexedRef[][]> {
    if (emailKeys.length === 0) return [];
    return this.run(async (c) => {
      const hashes = await Promise.all(emailKeys.map((k) => c.sendCommand(['HVALS', this.emailKey(k)]) as Promise<string[]>));
      return hashes.map((values) => values.map((v) => JSON.parse(v) as IndexedRef));
    });
  }

  async emails(args: { search: string | null; after: string | null; first: number }): Promise<{ emailKeys: string[]; hasNext: boolean }> {
    return this.run(async (c) => {
      const term = args.search?.trim().toLowerCase() || null;
      const out: string[] = [];
      let from = args.after === null ? '-' : `(${args.after}`;
      for (;;) {
        const chunk = (await c.sendCommand(['ZRANGE', this.key('emails'), from, '+', 'BYLEX', 'LIMIT', '0', String(SCAN_CHUNK)])) as string[];
        if (chunk.length === 0) return { emailKeys: out, hasNext: false };
        const names = term ? ((await c.sendCommand(['HMGET', this.key('names'), ...chunk])) as Array<string | null>) : [];
        for (let i = 0; i < chunk.length; i += 1) {
          if (term && !chunk[i].includes(term) && !names[i]?.toLowerCase().includes(term)) continue;
          if (out.length === args.first) return { emailKeys: out, hasNext: true };
          out.push(chunk[i]);
        }
        if (chunk.length < SCAN_CHUNK) return { emailKeys: out, hasNext: false };
        from = `(${chunk[chunk.length - 1]}`;
      }
    });
  }

  async count(): Promise<number> {
    return this.run(async (c) => {
      return Number(await c.sendCommand(['ZCARD', this.key('emails')]));
    });
  }

  async getSyncState(provider: Provider): Promise<SyncState> {
    return this.run(async (c) => {
      const stored = (await c.sendCommand(['GET', this.key(`sync:${provider}`)])) as string | null;
      return stored ? { ...EMPTY_SYNC_STATE, ...(JSON.parse(stored) as SyncState) } : { ...EMPTY_SYNC_STATE };
    });
  }

  async setSyncState(provider: Provider, state: SyncState): Promise<void> {
    return this.run(async (c) => {
      await c.sendCommand(['SET', this.key(`sync:${provider}`), JSON.stringify(state)]);
    });
  }

  async acquireLock(provider: Provider, owner: string, ttlMs: number): Promise<boolean> {
    return this.run(async (c) => {
      const result = await c.sendCommand(['EVAL', ACQUIRE, '1', this.key(`lock:${provider}`), owner, String(Math.ceil(ttlMs))]);
      return Number(result) === 1;
    });
  }

  async releaseLock(provider: Provider, owner: string): Promise<void> {
    return this.run(async (c) => {
      await c.sendCommand(['EVAL', RELEASE, '1', this.key(`lock:${provider}`), owner]);
    });
  }

  close(): Promise<void> {
    return this.closeConnection();
  }

  private async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await this.connection.run(operation);
    } catch (error) {
      throw new Error('identity index: Redis is not reachable', {
        cause: error,
      });
    }
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }

  private emailKey(emailKey: string): string {
    return this.key(`email:${emailKey}`);
  }
}
