import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Provider } from '../domain/provider';
import type { Loaders } from '../loaders/create-loaders';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { IdentityIndex } from './identity-index';
import type { SyncState } from './identity-store';

export interface IdentitySyncOptions {
  registry: VendorRegistry;
  index: IdentityIndex;
  /** Fresh loaders (for caching what a sync page fetched on the way). */
  loaders: () => Loaders;
  logger: Logger;
  /** Pause between runs, in ms; 0 = no background runs (call `runOnce`). */
  intervalMs: number;
  /** Discovery pages one run may take per vendor (the rest waits for the next run). */
  pagesPerRun: number;
  /** Lock lifetime, renewed after every page, in ms: another instance takes over after it. */
  lockTtlMs: number;
  now?: () => Date;
}

export type SyncOutcome = 'completed' | 'partial' | 'failed' | 'locked';

/**
 * The background identity sync: for each vendor, pages through `discoverInterviews` and adds the
 * refs to the index. Progress (`resume`) is saved after every page, so a run that fails midway
 * (vendor outage, crash) continues where it stopped and never drops what it had. With several
 * instances on one Redis, a lock with expiry (renewed per page) lets one instance sync a vendor
 * at a time; if it dies, the lock expires and another takes over from the saved progress.
 */
export class IdentitySync {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: IdentitySyncOptions) {}

  /** Runs now and then every `intervalMs` (no-op when the interval is 0). */
  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.runAll().then(() => undefined).finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs).unref();
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One run over every configured vendor, in parallel (they are independent). */
  async runAll(): Promise<Record<string, SyncOutcome>> {
    const adapters = this.options.registry.configured();
    const outcomes = await Promise.all(adapters.map((a) => this.runOnce(a.descriptor.provider)));
    return Object.fromEntries(adapters.map((a, i) => [a.descriptor.provider, outcomes[i]]));
  }

  /** One run for one vendor: up to `pagesPerRun` pages, resuming any interrupted pass. */
  async runOnce(provider: Provider): Promise<SyncOutcome> {
    const { index, logger, lockTtlMs, pagesPerRun } = this.options;
    const store = index.store;
    const adapter = this.options.registry.get(provider);
    const now = () => (this.options.now?.() ?? new Date()).toISOString();
    try {
      if (!(await store.acquireLock(provider, this.instanceId, lockTtlMs))) return 'locked';
    } catch (error) {
      logger.warn({ err: error, provider }, 'identity sync: index unavailable');
      return 'failed';
    }
    let state: SyncState | null = null;
    try {
      state = { ...(await store.getSyncState(provider)), lastAttemptAt: now() };
      const loaders = this.options.loaders();
      for (let page = 0; page < pagesPerRun; page += 1) {
        const current: SyncState = state;
        const result = await adapter.discoverInterviews({ checkpoint: current.checkpoint, resume: current.resume });
        const added = await index.record(provider, result.refs);
        // The page's refs are recorded above (strictly: a failure fails the page).
        if (result.related) await loaders.absorb(provider, result.related, { remember: false });
        const passRefs = (current.resume === null ? 0 : current.passRefs) + added;
        const next: SyncState =
          result.resume === null
            ? { ...current, resume: null, checkpoint: result.checkpoint ?? current.checkpoint, lastSyncAt: now(), lastError: null, passRefs }
            : { ...current, resume: result.resume, passRefs };
        state = next;
        await store.setSyncState(provider, next);
        if (!(await store.acquireLock(provider, this.instanceId, lockTtlMs))) return 'partial'; // lost it: stop
        if (result.resume === null) return 'completed';
      }
      return 'partial';
    } catch (error) {
      const message = error instanceof Error ? `${(error as { extensions?: { code?: string } }).extensions?.code ?? error.name}: ${error.message}` : String(error);
      logger.warn({ err: error, provider }, 'identity sync: run failed; it resumes from its saved progress next time');
      if (state) await store.setSyncState(provider, { ...state, lastError: message, lastErrorAt: now() }).catch(() => undefined);
      return 'failed';
    } finally {
      await store.releaseLock(provider, this.instanceId).catch(() => undefined);
    }
  }
}
