import type { Provider } from '../domain/provider';

/** One interview of a person, as the identity index keeps it. */
export interface IndexedRef {
  provider: Provider;
  /** Interview locator at the provider. */
  locator: string;
  /** The email as the vendor shows it (not normalised). */
  email: string | null;
  name: string | null;
  candidateProviderId: string | null;
  /** ISO-8601; the merged candidate view orders by it (null sorts last). */
  createdAt: string | null;
}

/** Progress of a vendor's identity sync, as `providers { sync }` shows it. Times are ISO-8601. */
export interface SyncState {
  /** Where the next pass starts (adapter-defined); null before the first completed pass. */
  checkpoint: string | null;
  /** Where the running pass continues after an interruption; null between passes. */
  resume: string | null;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Refs added by this pass so far (or by the last completed one). */
  passRefs: number;
  /** True while the running pass started from no checkpoint (it reads the vendor's whole list). */
  passFull?: boolean;
  /** When a whole-list pass last completed (the read model then holds every interview); null before. */
  fullPassAt?: string | null;
  /**
   * When the vendor was first fully indexed: a whole-list pass completed and every completed
   * interview's report fetched. Until then responses say `extensions.indexIncomplete` and
   * `/readyz` waits. Null before.
   */
  indexedAt?: string | null;
}

export const EMPTY_SYNC_STATE: SyncState = {
  checkpoint: null,
  resume: null,
  lastSyncAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastErrorAt: null,
  passRefs: 0,
  passFull: false,
  fullPassAt: null,
  indexedAt: null,
};

/**
 * The identity index: normalised email → the interviews of that person at every vendor, plus
 * each vendor's sync progress and a per-vendor sync lock. Additive only: nothing is ever removed
 * by a sync, so an interrupted sync loses nothing. Implementations: in-memory (one instance) and
 * Redis (shared by every instance, atomic adds, lock with expiry).
 */
export interface IdentityStore {
  /** Adds refs under their normalised email key (idempotent). */
  add(entries: ReadonlyArray<{ emailKey: string; ref: IndexedRef }>): Promise<void>;
  /** `result[i]` holds the refs of `emailKeys[i]` (empty when unknown). */
  refsFor(emailKeys: readonly string[]): Promise<IndexedRef[][]>;
  /**
   * Email keys in lexicographic order strictly after `after`, whose email or a known name
   * contains `search` (case-insensitive) when given; up to `first`, and whether more follow.
   */
  emails(args: { search: string | null; after: string | null; first: number }): Promise<{ emailKeys: string[]; hasNext: boolean }>;
  count(): Promise<number>;
  getSyncState(provider: Provider): Promise<SyncState>;
  setSyncState(provider: Provider, state: SyncState): Promise<void>;
  /** Takes (or, for the same owner, extends) the provider's sync lock for `ttlMs`. */
  acquireLock(provider: Provider, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if `owner` still holds it. */
  releaseLock(provider: Provider, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** The field a ref is stored under for its email: one per (provider, interview). */
export function refField(ref: Pick<IndexedRef, 'provider' | 'locator'>): string {
  return `${ref.provider}|${ref.locator}`;
}
