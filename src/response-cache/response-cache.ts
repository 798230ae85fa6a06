/**
 * Whole GraphQL responses, as the bytes sent, in one byte-bounded LRU per process shared by every
 * tenant (keys carry the tenant, see `response-key.ts`). Each entry is indexed by its tags, so an
 * invalidation evicts exactly the responses that read what changed.
 */
import { LRUCache } from 'lru-cache';
import type { Invalidations } from './invalidation-ledger';
import type { CachedResponse, SharedResponses } from './cached-response';

export type { CachedResponse } from './cached-response';

export interface ResponseCacheOptions {
  /** Bytes of all entries together (bodies, tags and bookkeeping, estimated). */
  maxBytes: number;
  /** Larger responses are not cached. */
  maxEntryBytes: number;
  now?: () => number;
}

/**
 * Fixed cost per entry beyond its strings, measured on V8 (bench/run.ts, `responseCacheMemory`):
 * the entry objects, the LRU's slots and timers, the tag array.
 */
const ENTRY_OVERHEAD_BYTES = 900;
/** Per tag: its string in the entry and a slot in the tag index. */
const TAG_OVERHEAD_BYTES = 64;

export function entryBytes(entry: Pick<CachedResponse, 'body' | 'tags' | 'etag' | 'contentType'>, key: string): number {
  let bytes = ENTRY_OVERHEAD_BYTES + entry.body.length + entry.etag.length + entry.contentType.length + key.length;
  for (const tag of entry.tags) bytes += tag.length + TAG_OVERHEAD_BYTES;
  return bytes;
}

type Entry = CachedResponse & { tenant: TenantResponses };

export class ResponseCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly tenants = new Map<string, TenantResponses>();
  readonly now: () => number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.lru = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      maxEntrySize: Math.min(options.maxEntryBytes * 2 + 64_000, options.maxBytes),
      sizeCalculation: (entry, key) => entryBytes(entry, key),
      dispose: (entry, key) => entry.tenant.untrack(key, entry.tags),
    });
  }

  /** The tenant's view; `invalidations` is its ledger (memory or Redis); `shared` its Redis layer, if any. */
  tenant(id: string, invalidations: Invalidations, shared: SharedResponses | null = null): TenantResponses {
    let found = this.tenants.get(id);
    if (!found) {
      found = new TenantResponses(id, this, invalidations, shared);
      this.tenants.set(id, found);
    }
    return found;
  }

  /** For `/metrics`. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  get maxEntryBytes(): number {
    return this.options.maxEntryBytes;
  }

  /** @internal */
  lookup(key: string): Entry | undefined {
    const entry = this.lru.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.lru.delete(key);
      return undefined;
    }
    return entry;
  }

  /** @internal */
  put(key: string, entry: Entry): boolean {
    if (entry.body.length > this.options.maxEntryBytes) return false;
    this.lru.set(key, entry, { ttl: Math.max(1, entry.expiresAt - this.now()) });
    return this.lru.peek(key) === entry;
  }

  /** @internal */
  drop(key: string): void {
    this.lru.delete(key);
  }
}

export class TenantResponses {
  private readonly byTag = new Map<string, Set<string>>();

  constructor(
    readonly id: string,
    private readonly cache: ResponseCache,
    readonly invalidations: Invalidations,
    private readonly shared: SharedResponses | null = null,
  ) {
    invalidations.onApplied((tags) => this.evict(tags));
  }

  get maxEntryBytes(): number {
    return this.cache.maxEntryBytes;
  }

  get(key: string): CachedResponse | undefined {
    return this.cache.lookup(key);
  }

  /**
   * From the shared layer, when this replica has none: only if nothing it read has been
   * invalidated since its request started (as far as this replica's log says, read just before).
   */
  async getShared(key: string): Promise<CachedResponse | undefined> {
    if (!this.shared) return undefined;
    const entry = await this.shared.get(key);
    if (!entry || entry.expiresAt <= this.cache.now() + 1000) return undefined;
    return this.keep(key, entry) ? entry : undefined;
  }

  /** False when not kept: too large, already outdated (a tag invalidated since `entry.seq`), or evicted at once. */
  set(key: string, entry: CachedResponse): boolean {
    if (!this.keep(key, entry)) return false;
    void this.shared?.put(key, entry);
    return true;
  }

  private keep(key: string, entry: CachedResponse): boolean {
    if (!this.invalidations.unchangedSince(entry.tags, entry.seq)) return false;
    if (!this.cache.put(key, { ...entry, tenant: this })) return false;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      if (keys) keys.add(key);
      else this.byTag.set(tag, new Set([key]));
    }
    return true;
  }

  /** The responses of these tags go now, here; other replicas drop theirs when they next read the ledger. */
  invalidate(tags: readonly string[]): Promise<void> {
    return this.invalidations.invalidate(tags);
  }

  /** @internal: the LRU lets an entry go. */
  untrack(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }

  private evict(tags: readonly string[] | 'all'): void {
    const keys = new Set<string>();
    if (tags === 'all') for (const set of this.byTag.values()) for (const key of set) keys.add(key);
    else for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) keys.add(key);
    for (const key of keys) this.cache.drop(key);
  }
}
