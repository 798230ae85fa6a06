import type { Provider } from '../domain/provider';
import { EMPTY_SYNC_STATE, type IdentityStore, type IndexedRef, refField, type SyncState } from './identity-store';

export class MemoryIdentityStore implements IdentityStore {
  private readonly byEmail = new Map<string, Map<string, IndexedRef>>();
  private sorted: string[] | null = [];
  private readonly sync = new Map<Provider, SyncState>();
  private readonly locks = new Map<Provider, { owner: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async add(entries: ReadonlyArray<{ emailKey: string; ref: IndexedRef }>): Promise<void> {
    for (const { emailKey, ref } of entries) {
      let refs = this.byEmail.get(emailKey);
      if (!refs) {
        refs = new Map();
        this.byEmail.set(emailKey, refs);
        this.sorted = null;
      }
      refs.set(refField(ref), { ...ref, ...keepKnown(refs.get(refField(ref)), ref) });
    }
  }

  async refsFor(emailKeys: readonly string[]): Promise<IndexedRef[][]> {
    return emailKeys.map((key) => [...(this.byEmail.get(key)?.values() ?? [])]);
  }

  async emails(args: { search: string | null; after: string | null; first: number }): Promise<{ emailKeys: string[]; hasNext: boolean }> {
    this.sorted ??= [...this.byEmail.keys()].sort();
    const term = args.search?.trim().toLowerCase() || null;
    const out: string[] = [];
    for (const key of this.sorted) {
      if (args.after !== null && key <= args.after) continue;
      if (term && !matches(key, this.byEmail.get(key), term)) continue;
      if (out.length === args.first) return { emailKeys: out, hasNext: true };
      out.push(key);
    }
    return { emailKeys: out, hasNext: false };
  }

  async count(): Promise<number> {
    return this.byEmail.size;
  }

  async getSyncState(provider: Provider): Promise<SyncState> {
    return { ...(this.sync.get(provider) ?? EMPTY_SYNC_STATE) };
  }

  async setSyncState(provider: Provider, state: SyncState): Promise<void> {
    this.sync.set(provider, { ...state });
  }

  async acquireLock(provider: Provider, owner: string, ttlMs: number): Promise<boolean> {
    const held = this.locks.get(provider);
    if (held && held.owner !== owner && held.until > this.now()) return false;
    this.locks.set(provider, { owner, until: this.now() + ttlMs });
    return true;
  }

  async releaseLock(provider: Provider, owner: string): Promise<void> {
    if (this.locks.get(provider)?.owner === owner) this.locks.delete(provider);
  }

  async close(): Promise<void> {}
}

function matches(emailKey: string, refs: Map<string, IndexedRef> | undefined, term: string): boolean {
  if (emailKey.includes(term)) return true;
  for (const ref of refs?.values() ?? []) if (ref.name?.toLowerCase().includes(term)) return true;
  return false;
}

/** A later sighting without a field (e.g. a list row without a date) never erases a known one. */
export function keepKnown(previous: IndexedRef | undefined, next: IndexedRef): Partial<IndexedRef> {
  if (!previous) return {};
  return {
    email: next.email ?? previous.email,
    name: next.name ?? previous.name,
    candidateProviderId: next.candidateProviderId ?? previous.candidateProviderId,
    createdAt: next.createdAt ?? previous.createdAt,
  };
}
