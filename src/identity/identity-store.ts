import type { Provider } from '../domain/provider';

export interface IndexedRef {
  provider: Provider;
  locator: string;
  /** As the vendor shows it, not normalised. */
  email: string | null;
  name: string | null;
  candidateProviderId: string | null;
  /** ISO-8601; null sorts last in the merged candidate view. */
  createdAt: string | null;
}

/** Times are ISO-8601. */
export interface SyncState {
  /** Where the next pass starts (adapter-defined); null before the first completed pass. */
  checkpoint: string | null;
  /** Where the running pass continues after an interruption; null between passes. */
  resume: string | null;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  passRefs: number;
  /** The running pass started from no checkpoint: it reads the vendor's whole list. */
  passFull?: boolean;
  /** When a whole-list pass last completed (the read model then holds every interview); null before. */
  fullPassAt?: string | null;
  /** A whole-list pass done and every completed interview's report fetched; until then `/readyz` waits. */
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

/** Normalised email → that person's interviews at every vendor. Additive only, so an interrupted sync loses nothing. */
export interface IdentityStore {
  /** Idempotent. */
  add(entries: ReadonlyArray<{ emailKey: string; ref: IndexedRef }>): Promise<void>;
  /** `result[i]` holds the refs of `emailKeys[i]` (empty when unknown). */
  refsFor(emailKeys: readonly string[]): Promise<IndexedRef[][]>;
  /** Lexicographic, strictly after `after`; `search` matches email or a known name, case-insensitively. */
  emails(args: { search: string | null; after: string | null; first: number }): Promise<{ emailKeys: string[]; hasNext: boolean }>;
  count(): Promise<number>;
  getSyncState(provider: Provider): Promise<SyncState>;
  setSyncState(provider: Provider, state: SyncState): Promise<void>;
  /** The same owner extends its lock. */
  acquireLock(provider: Provider, owner: string, ttlMs: number): Promise<boolean>;
  /** Only if `owner` still holds it. */
  releaseLock(provider: Provider, owner: string): Promise<void>;
  close(): Promise<void>;
}

export function refField(ref: Pick<IndexedRef, 'provider' | 'locator'>): string {
  return `${ref.provider}|${ref.locator}`;
}
