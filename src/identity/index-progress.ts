import type { Provider } from '../domain/provider';
import type { IdentityStore } from './identity-store';

const RECHECK_MS = 500;

/**
 * Read by every feed response and `/readyz`, so the answer is kept for half a second; a vendor once
 * complete is never read again (completion is permanent).
 */
export class IndexProgress {
  private readonly complete = new Set<Provider>();
  private last: Provider[] | null = null;
  private checkedAt = 0;
  private reading: Promise<Provider[]> | null = null;

  constructor(
    private readonly store: IdentityStore,
    private readonly providers: () => readonly Provider[],
    private readonly now: () => number = Date.now,
  ) {}

  /** In registry order. */
  async incomplete(): Promise<Provider[]> {
    const open = this.providers().filter((p) => !this.complete.has(p));
    if (open.length === 0) return [];
    if (this.last && this.now() - this.checkedAt < RECHECK_MS) return this.last.filter((p) => open.includes(p));
    this.reading ??= this.read(open).finally(() => (this.reading = null));
    return this.reading;
  }

  private async read(open: readonly Provider[]): Promise<Provider[]> {
    try {
      const states = await Promise.all(open.map((p) => this.store.getSyncState(p)));
      open.forEach((p, i) => {
        if (states[i].indexedAt) this.complete.add(p);
      });
      this.last = open.filter((p) => !this.complete.has(p));
    } catch {
      // Store unreachable: the last known answer (at first, that nothing is indexed).
      this.last ??= [...open];
    }
    this.checkedAt = this.now();
    return this.last;
  }
}
