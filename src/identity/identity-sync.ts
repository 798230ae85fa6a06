import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Report } from '../domain/model';
import type { Provider } from '../domain/provider';
import type { ReadModel } from '../readmodel/read-model';
import type { FeedPosition } from '../readmodel/feed-order';
import type { EntityStore } from '../store/entity-store';
import type { Related, VendorAdapter } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { IdentityIndex } from './identity-index';
import type { SyncState } from './identity-store';

export interface IdentitySyncOptions {
  registry: VendorRegistry;
  index: IdentityIndex;
  readModel: ReadModel;
  store: EntityStore;
  logger: Logger;
  /** Pause between runs, in ms; 0 = no background runs (call `runOnce`). */
  intervalMs: number;
  pagesPerRun: number;
  /** Lock lifetime, renewed after every page, in ms: another instance takes over after it. */
  lockTtlMs: number;
  /** In ms: how often a vendor without webhooks has its status changes re-read. Default 24 h. */
  fullPassEveryMs?: number;
  now?: () => Date;
}

/** One backlog step counts as one page of the run. */
export const REPORT_BACKLOG_BATCH = 50;
const TEMPLATE_PAGES = 20;
const DAY_MS = 86_400_000;

export type SyncOutcome = 'completed' | 'partial' | 'failed' | 'locked';

/**
 * Progress is saved after every page, so a failed run resumes where it stopped. A lock with expiry,
 * renewed per page, lets one instance sync a vendor; if it dies another takes over.
 */
export class IdentitySync {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: IdentitySyncOptions) {}

  /** Epoch ms; `/readyz` waits from here. */
  startedAt: number | null = null;

  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.stopped = false;
    this.startedAt = Date.now();
    const tick = () => {
      this.running = this.runAll()
        .then(() => undefined)
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs).unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.startedAt = null;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async runAll(): Promise<Record<string, SyncOutcome>> {
    const adapters = this.options.registry.configured();
    const outcomes = await Promise.all(adapters.map((a) => this.runOnce(a.descriptor.provider)));
    return Object.fromEntries(adapters.map((a, i) => [a.descriptor.provider, outcomes[i]]));
  }

  /** Indexed (`indexedAt`) once a whole-list pass completed and the report backlog is empty. */
  async runOnce(provider: Provider): Promise<SyncOutcome> {
    const { index, logger, lockTtlMs, pagesPerRun, readModel } = this.options;
    const store = index.store;
    const adapter = this.options.registry.get(provider);
    const clock = () => this.options.now?.() ?? new Date();
    const now = () => clock().toISOString();
    try {
      if (!(await store.acquireLock(provider, this.instanceId, lockTtlMs))) return 'locked';
    } catch (error) {
      logger.warn({ err: error, provider }, 'identity sync: index unavailable');
      return 'failed';
    }
    let state: SyncState | null = null;
    try {
      state = { ...(await store.getSyncState(provider)), lastAttemptAt: now() };
      let pages = 0;
      let outcome: SyncOutcome = 'partial';
      if (state.resume === null) {
        // A new pass: whole-list when none has completed yet (or the last is old), else incremental.
        const fullEvery = this.options.fullPassEveryMs ?? DAY_MS;
        const full = !state.fullPassAt || clock().getTime() - Date.parse(state.fullPassAt) >= fullEvery;
        state = { ...state, passFull: full };
        await this.syncTemplates(adapter);
      }
      while (pages < pagesPerRun) {
        const current: SyncState = state;
        const result = await adapter.discoverInterviews({ checkpoint: current.passFull ? null : current.checkpoint, resume: current.resume });
        pages += 1;
        const added = await index.record(provider, result.refs);
        // Strictly: a failure fails the page, which is read again next run.
        await readModel.record(provider, result.related ?? {}, result.refs);
        if (result.related || result.refs.length > 0) await this.options.store.write(provider, result.related ?? {}, { origin: 'sync', refs: result.refs });
        const passRefs = (current.resume === null ? 0 : current.passRefs) + added;
        const next: SyncState =
          result.resume === null
            ? {
                ...current,
                resume: null,
                checkpoint: result.checkpoint ?? current.checkpoint,
                lastSyncAt: now(),
                lastError: null,
                passRefs,
                passFull: false,
                fullPassAt: current.passFull ? now() : (current.fullPassAt ?? null),
              }
            : { ...current, resume: result.resume, passRefs };
        state = next;
        await store.setSyncState(provider, next);
        if (!(await store.acquireLock(provider, this.instanceId, lockTtlMs))) return 'partial'; // lost it: stop
        if (result.resume === null) {
          outcome = 'completed';
          break;
        }
      }
      pages += await this.fetchAwaitedReports(provider, pagesPerRun - pages);
      if (!state.indexedAt && state.fullPassAt && (await readModel.awaitingReports(provider, null, 1)).length === 0) {
        state = { ...state, indexedAt: now() };
        await store.setSyncState(provider, state);
        logger.info({ provider }, 'identity sync: first whole pass complete; the read model holds every interview and report');
      }
      return outcome;
    } catch (error) {
      const message =
        error instanceof Error ? `${(error as { extensions?: { code?: string } }).extensions?.code ?? error.name}: ${error.message}` : String(error);
      logger.warn({ err: error, provider }, 'identity sync: run failed; it resumes from its saved progress next time');
      if (state) await store.setSyncState(provider, { ...state, lastError: message, lastErrorAt: now() }).catch(() => undefined);
      return 'failed';
    } finally {
      await store.releaseLock(provider, this.instanceId).catch(() => undefined);
    }
  }

  private async syncTemplates(adapter: VendorAdapter): Promise<void> {
    if (!adapter.descriptor.capabilities.listTemplates) return;
    const provider = adapter.descriptor.provider;
    let after: string | null = null;
    for (let page = 0; page < TEMPLATE_PAGES; page += 1) {
      const result = await adapter.listTemplates({ first: 100, after });
      const related: Related = { ...result.related, templates: [...(result.related?.templates ?? []), ...result.edges.map((e) => e.node)] };
      await this.options.readModel.record(provider, related);
      await this.options.store.write(provider, related, { origin: 'sync' });
      if (!result.hasNextPage || result.edges.length === 0) return;
      after = result.edges[result.edges.length - 1].cursor;
    }
  }

  /** A vendor failure stops it; the rest waits for the next run. Returns the steps taken. */
  private async fetchAwaitedReports(provider: Provider, budget: number): Promise<number> {
    const { readModel, store } = this.options;
    let position: FeedPosition | null = null;
    let steps = 0;
    while (steps < budget) {
      const batch = await readModel.awaitingReports(provider, position, REPORT_BACKLOG_BATCH);
      if (batch.length === 0) break;
      position = batch[batch.length - 1].position;
      steps += 1;
      const pointers = await store.load(
        'reportPointer',
        provider,
        batch.map((b) => b.locator),
      );
      const reports = await store.load(
        'report',
        provider,
        pointers.filter((p): p is string => typeof p === 'string'),
      );
      const failure = [...pointers, ...reports].find((r): r is Error => r instanceof Error);
      const byLocator = new Map(reports.flatMap((r) => (r !== null && !(r instanceof Error) ? [[r.locator, r] as const] : [])));
      // An error is left for later.
      const pairs = batch.flatMap((b, i): Array<{ interviewLocator: string; report: Report | null }> => {
        const pointer = pointers[i];
        if (pointer === null) return [{ interviewLocator: b.locator, report: null }];
        const report = typeof pointer === 'string' ? byLocator.get(pointer) : undefined;
        return report ? [{ interviewLocator: b.locator, report }] : [];
      });
      await readModel.record(provider, { reports: pairs });
      if (failure) throw failure;
    }
    return steps;
  }
}
