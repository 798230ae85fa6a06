/**
 * One tenant's entity store, the only way to vendor objects (never caches errors or `raw`).
 * Stale-if-error: a copy past its TTL is refetched, and served only when the vendor fails.
 */
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache';
import type { CacheKeys } from '../cache/cache-keys';
import type { TtlPolicy } from '../cache/ttl-policy';
import type { IdentityRef } from '../domain/identity-ref';
import type { CandidateAccount, Entity, EntityKind, Interview, InterviewTemplate, Report } from '../domain/model';
import type { Provider } from '../domain/provider';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';
import { VendorError, asVendorError } from '../errors/vendor.error';
import { stableJson } from '../infra/stable-json';
import type { BatchResult, InterviewListArgs, ListArgs, ListResult, Related, VendorAdapter } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import { mergeKnown, withoutRaw } from './entity-values';
import { type CacheWrite, EntryFormat, type Stored } from './stored-entry';
import { SingleFlight } from './single-flight';
import { InFlight } from '../infra/in-flight';

/** What the store keeps, by kind: the entities, and which report is an interview's latest. */
export interface StoredKinds {
  interview: Interview;
  template: InterviewTemplate;
  report: Report;
  /** Interview locator → its latest report's locator (null: none yet). */
  reportPointer: string;
  /** The vendor's candidate id → the account, for interviews that name it by id only (`candidate.deferred`). */
  candidate: CandidateAccount;
}
export type StoredKind = keyof StoredKinds;

/** Cache kinds (part of the key: changing one orphans every entry of that kind). */
const CACHE_KIND: Record<StoredKind | 'interviewList' | 'templateList', string> = {
  interview: 'interview',
  template: 'template',
  report: 'report',
  reportPointer: 'report-of-interview',
  candidate: 'candidate',
  interviewList: 'list:interviews',
  templateList: 'list:templates',
};

/** How `extensions.stale` names each cache kind. */
const STALE_TYPE: Record<string, string> = {
  interview: 'Interview',
  template: 'InterviewTemplate',
  report: 'Report',
  'report-of-interview': 'ReportOfInterview',
  candidate: 'CandidateAccount',
  'list:interviews': 'InterviewList',
  'list:templates': 'TemplateList',
};

/** Vendor failures a stale copy may stand in for: the vendor is down or refusing, not saying "no". */
const SERVE_STALE_ON: ReadonlySet<ErrorCode> = new Set([ErrorCode.VENDOR_UNAVAILABLE, ErrorCode.VENDOR_TIMEOUT, ErrorCode.VENDOR_RATE_LIMITED]);

/** One stale copy served in a response (see `extensions.stale`). */
export interface StaleServed {
  provider: Provider;
  /** `Interview`, `Report`, `InterviewTemplate`, `ReportOfInterview`, `CandidateAccount`, `InterviewList` or `TemplateList`. */
  type: string;
  /** The vendor-side locator (entities) or the list arguments (lists). */
  key: string;
  /** The error it stands in for. */
  code: ErrorCode;
  /** When the copy stopped being fresh (ISO-8601). */
  staleSince: string;
}

/** One value the store served fresh (from the cache or the vendor); stale copies are `StaleServed` instead. */
export interface StoreRead {
  kind: StoredKind | 'interviewList' | 'templateList';
  provider: Provider;
  /** The locator (entities) or the list arguments (lists). */
  key: string;
  /** End of the value's freshness (epoch ms); null: fresh until the cache drops it. */
  freshUntil: number | null;
}

/** The reader's side of a read: a request's loaders pass one; background readers pass none. */
export interface ReadScope {
  /** Told of each stale copy served instead of a vendor error. */
  staleServed?(served: StaleServed): void;
  /** Told of each fresh value served (what a response built from it depends on, and for how long). */
  read?(read: StoreRead): void;
  /** Told of objects read or learned on the way (list nodes, `related`), to memoise them. */
  learned?(provider: Provider, related: Related): void;
}

export type ChangeOrigin = 'read' | 'sync' | 'webhook' | 'write';

/** What the store learned or was told; `related` keeps `raw` as it arrived. */
export interface StoreChange {
  provider: Provider;
  origin: ChangeOrigin;
  related: Related;
  /** Interviews whose cached copies were dropped, so the next read asks the vendor. */
  invalidated: string[];
  /** Interviews a sync page named (possibly without their objects in `related`). */
  refs?: readonly IdentityRef[];
}

/**
 * Reads notify without waiting; writes and invalidations wait, so what a webhook or mutation
 * acknowledged is indexed and published first. A failure is logged, and thrown to a `strict` writer.
 */
export type ChangeListener = (change: StoreChange) => void | Promise<void>;

export interface WriteOptions {
  origin: Exclude<ChangeOrigin, 'read'>;
  /** Keep `raw` in the cache (webhooks: the payload cannot be fetched again). Default false. */
  keepRaw?: boolean;
  /** The sync's page of interview refs, told to the listeners with the change. */
  refs?: readonly IdentityRef[];
  /**
   * A listener's failure (the index, the read model, the response cache not reached) is thrown once
   * every listener ran, instead of only logged: a webhook then applies its delivery again. Default false.
   */
  strict?: boolean;
}

export interface EntityStoreDeps {
  registry: VendorRegistry;
  cache: Cache;
  keys: CacheKeys;
  ttl: TtlPolicy;
  logger: Logger;
  /** Clock for freshness (epoch ms); default Date.now. */
  now?: () => number;
  /** Told how cached reads were answered (metrics): `count` reads of `kind` were a hit, a miss or stale. */
  onCacheRead?: (kind: string, result: 'hit' | 'miss' | 'stale', count: number) => void;
}

/** How each kind is fetched and how long a value of it stays fresh. */
interface Source<K extends StoredKind> {
  fetch(adapter: VendorAdapter, locators: readonly string[]): Promise<BatchResult<StoredKinds[K]>>;
  ttl(value: StoredKinds[K] | null): number;
  /** What a fresh answer teaches the listeners (not cache hits). */
  learned?(values: Array<StoredKinds[K]>): Related;
}

export class EntityStore {
  private readonly singleFlight = new SingleFlight();
  private readonly format: EntryFormat;
  private readonly now: () => number;
  private readonly listeners: ChangeListener[] = [];
  /** What reads told the listeners without waiting (the index and read model learning): awaited at shutdown. */
  private readonly telling = new InFlight();
  private readonly sources: { [K in StoredKind]: Source<K> };

  constructor(private readonly deps: EntityStoreDeps) {
    this.now = deps.now ?? Date.now;
    this.format = new EntryFormat(deps.ttl, this.now);
    const { ttl } = deps;
    this.sources = {
      interview: { fetch: (a, l) => a.getInterviews(l), ttl: (v) => ttl.interview(v), learned: (interviews) => ({ interviews }) },
      template: { fetch: (a, l) => a.getTemplates(l), ttl: (v) => ttl.template(v), learned: (templates) => ({ templates }) },
      report: {
        fetch: (a, l) => a.getReports(l),
        ttl: (v) => ttl.report(v),
        learned: (reports) => ({ reports: reports.map((report) => ({ interviewLocator: report.interviewLocator, report })) }),
      },
      reportPointer: {
        // The reports themselves travel as `related`, so they are cached (and memoised) too.
        fetch: async (adapter, locators) => {
          const batch = await adapter.getReportsForInterviews(locators);
          const pairs = batch.results.flatMap((r, i) => (r instanceof Error ? [] : [{ interviewLocator: locators[i], report: r }]));
          return {
            results: batch.results.map((r) => (r instanceof Error || r === null ? r : r.locator)),
            related: { ...batch.related, reports: [...(batch.related?.reports ?? []), ...pairs] },
          };
        },
        // A pointer to a report is written with the report's own TTL, through `related`.
        ttl: (locator) => (locator === null ? ttl.report(null) : 0),
      },
      // Only asked of adapters whose interviews defer their candidate, which implement it.
      candidate: { fetch: (a, l) => (a.getCandidates ? a.getCandidates(l) : noCandidates(l)), ttl: (v) => ttl.candidate(v) },
    };
  }

  /** Registers a listener of every change; returns its removal. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** `result[i]` answers `locators[i]`: the object, null when the vendor has none, or an Error for that key alone. */
  async load<K extends StoredKind>(
    kind: K,
    provider: Provider,
    locators: readonly string[],
    scope: ReadScope = {},
  ): Promise<Array<StoredKinds[K] | null | Error>> {
    type T = StoredKinds[K];
    const source = this.sources[kind] as unknown as Source<K>;
    const cacheKind = CACHE_KIND[kind];
    const results: Array<T | null | Error> = new Array(locators.length);
    const adapter = this.deps.registry.tryGet(provider);
    if (!adapter) return results.fill(new VendorError(ErrorCode.VENDOR_NOT_CONFIGURED, provider));

    const cacheKeys = locators.map((locator) => this.key(adapter, cacheKind, locator));
    const cached = await this.deps.cache.getMany<Stored<T>>(cacheKeys);
    const waits: Promise<void>[] = [];
    let hits = 0;
    const misses: Array<{ index: number; copy: Stored<T> | undefined; flight: ReturnType<SingleFlight['lead']> }> = [];
    locators.forEach((locator, index) => {
      const hit = cached[index];
      if (hit !== undefined && this.format.isFresh(hit)) {
        results[index] = hit.v;
        hits += 1;
        scope.read?.({ kind, provider, key: locator, freshUntil: hit.f ?? null });
        return;
      }
      // Past its TTL (or absent): refetch; a stale copy stands in only if the vendor fails.
      const running = this.singleFlight.join<T | null>(cacheKeys[index]);
      if (running) {
        waits.push(
          running.then(
            (v) => {
              results[index] = v;
              scope.read?.({ kind, provider, key: locator, freshUntil: this.freshUntil(source, kind, v) });
            },
            (e: unknown) => {
              results[index] = this.staleOr(this.typed(e, provider), hit, provider, cacheKind, locator, scope);
            },
          ),
        );
        return;
      }
      // The same key twice in one call would lead twice: callers (DataLoader) de-duplicate keys.
      misses.push({ index, copy: hit, flight: this.singleFlight.lead(cacheKeys[index]) });
    });
    this.deps.onCacheRead?.(cacheKind, 'hit', hits);
    this.deps.onCacheRead?.(cacheKind, 'miss', cached.length - hits);

    if (misses.length > 0) {
      let batch: BatchResult<T>;
      try {
        batch = await source.fetch(
          adapter,
          misses.map((m) => locators[m.index]),
        );
        if (batch.results.length !== misses.length) {
          throw new Error(`${provider} adapter broke the batch contract: ${misses.length} keys, ${batch.results.length} results`);
        }
      } catch (error) {
        const typed = this.typed(error, provider);
        batch = { results: misses.map(() => typed) };
      }
      const writes: CacheWrite[] = [];
      const fresh: T[] = [];
      misses.forEach((miss, k) => {
        const value = batch.results[k];
        if (value instanceof Error) {
          results[miss.index] = this.staleOr(value, miss.copy, provider, cacheKind, locators[miss.index], scope);
          miss.flight.reject(value);
          return;
        }
        results[miss.index] = value;
        scope.read?.({ kind, provider, key: locators[miss.index], freshUntil: this.freshUntil(source, kind, value) });
        const stored = value === null ? null : withoutRaw(value);
        writes.push(this.format.entry(cacheKeys[miss.index], stored, source.ttl(value)));
        miss.flight.resolve(stored);
        if (value !== null) fresh.push(value);
      });
      if (fresh.length > 0 && source.learned) this.tell({ provider, origin: 'read', related: source.learned(fresh), invalidated: [] });
      if (batch.related) {
        scope.learned?.(provider, batch.related);
        this.tell({ provider, origin: 'read', related: batch.related, invalidated: [] });
        writes.push(...this.relatedWrites(adapter, batch.related, false));
      }
      await this.writeAll(writes);
    }
    await Promise.all(waits);
    return results;
  }

  listInterviews(provider: Provider, args: InterviewListArgs, scope: ReadScope = {}): Promise<ListResult<Interview>> {
    return this.list(provider, 'interviewList', args, (adapter) => adapter.listInterviews(args), scope);
  }

  listTemplates(provider: Provider, args: ListArgs, scope: ReadScope = {}): Promise<ListResult<InterviewTemplate>> {
    return this.list(provider, 'templateList', args, (adapter) => adapter.listTemplates(args), scope);
  }

  /** Vendor payloads, never cached (opt-in, possibly large); `result[i]` answers `locators[i]`. */
  async raw(kind: EntityKind, provider: Provider, locators: readonly string[]): Promise<Array<unknown>> {
    try {
      const adapter = this.deps.registry.get(provider);
      const batch =
        kind === 'Interview'
          ? await adapter.getInterviews(locators)
          : kind === 'Report'
            ? await adapter.getReports(locators)
            : await adapter.getTemplates(locators);
      return batch.results.map((value) => (value instanceof Error || value === null ? value : (value.raw ?? null)));
    } catch (error) {
      const failed = error instanceof Error ? error : new Error(String(error));
      return locators.map(() => failed);
    }
  }

  /** Pushed objects are often partial: fields they leave out are kept from the cached copy, not erased. */
  async write(provider: Provider, related: Related, options: WriteOptions): Promise<void> {
    const adapter = this.deps.registry.get(provider);
    const interviews = related.interviews ?? [];
    if (interviews.length > 0) {
      const cached = await this.deps.cache.getMany<Stored<Interview>>(interviews.map((i) => this.key(adapter, CACHE_KIND.interview, i.locator)));
      // `raw` is the payload this object was built from, never an earlier one's.
      related = { ...related, interviews: interviews.map((next, i) => ({ ...mergeKnown(withoutRaw(cached[i]?.v ?? null), next), raw: next.raw })) };
    }
    await this.writeAll(this.relatedWrites(adapter, related, options.keepRaw ?? false));
    await this.tellAndWait({ provider, origin: options.origin, related, invalidated: [], ...(options.refs ? { refs: options.refs } : {}) }, options.strict);
  }

  /** The interview's latest report: null when it has none (yet), an Error when a read failed. */
  async latestReport(provider: Provider, interviewLocator: string): Promise<Report | null | Error> {
    const [pointer] = await this.load('reportPointer', provider, [interviewLocator]);
    if (pointer === null || pointer instanceof Error) return pointer;
    const [report] = await this.load('report', provider, [pointer]);
    return report;
  }

  /**
   * Another instance changed these objects and wrote them to the shared cache layer: this
   * instance's in-memory copies go, so its next read takes the shared one.
   */
  async forgetLocal(refs: ReadonlyArray<{ kind: StoredKind; provider: Provider; locator: string }>): Promise<void> {
    if (!this.deps.cache.forgetLocal) return;
    const keys = refs.flatMap(({ kind, provider, locator }) => {
      const adapter = this.deps.registry.tryGet(provider);
      return adapter ? [this.key(adapter, CACHE_KIND[kind], locator)] : [];
    });
    await this.deps.cache.forgetLocal(keys);
  }

  /** List pages holding the interview are not dropped: they expire with the list TTL. */
  async invalidate(provider: Provider, interviewLocator: string, { origin, strict }: Pick<WriteOptions, 'origin' | 'strict'>): Promise<void> {
    const adapter = this.deps.registry.get(provider);
    await Promise.all([
      this.deps.cache.delete(this.key(adapter, CACHE_KIND.interview, interviewLocator)),
      this.deps.cache.delete(this.key(adapter, CACHE_KIND.reportPointer, interviewLocator)),
    ]);
    await this.tellAndWait({ provider, origin, related: {}, invalidated: [interviewLocator] }, strict);
  }

  /** Nodes are also cached one by one, so following a node by id costs no vendor call. */
  private async list<T extends Interview | InterviewTemplate>(
    provider: Provider,
    listKind: 'interviewList' | 'templateList',
    args: object,
    fetch: (adapter: VendorAdapter) => Promise<ListResult<T>>,
    scope: ReadScope,
  ): Promise<ListResult<T>> {
    const kind = CACHE_KIND[listKind];
    const adapter = this.deps.registry.get(provider);
    const argsKey = stableJson(args);
    const key = this.key(adapter, kind, argsKey);
    const nodesOf = (page: ListResult<T>): Related => {
      const nodes = page.edges.map((e) => e.node as Entity);
      return listKind === 'interviewList' ? { interviews: nodes as Interview[] } : { templates: nodes as InterviewTemplate[] };
    };
    const hit = await this.deps.cache.get<Stored<ListResult<T>>>(key);
    if (hit?.v && this.format.isFresh(hit)) {
      this.deps.onCacheRead?.(kind, 'hit', 1);
      const page = await this.withCurrentNodes(adapter, listKind, hit.v);
      scope.read?.({ kind: listKind, provider, key: argsKey, freshUntil: hit.f ?? null });
      scope.learned?.(provider, nodesOf(page));
      return page;
    }
    this.deps.onCacheRead?.(kind, 'miss', 1);
    let fresh = false;
    let page: ListResult<T>;
    try {
      page = await this.singleFlight.run(key, async () => {
        fresh = true;
        try {
          return await fetch(adapter);
        } catch (error) {
          throw this.typed(error, provider);
        }
      });
    } catch (error) {
      const served = this.staleOr(this.typed(error, provider), hit, provider, kind, argsKey, scope);
      if (served instanceof Error || served === null) throw served ?? error;
      scope.learned?.(provider, nodesOf(served));
      return served;
    }
    const nodes = nodesOf(page);
    scope.read?.({ kind: listKind, provider, key: argsKey, freshUntil: this.now() + this.deps.ttl.list() * 1000 });
    scope.learned?.(provider, nodes);
    if (!fresh) return page;
    if (page.related) scope.learned?.(provider, page.related);
    this.tell({ provider, origin: 'read', related: nodes, invalidated: [] });
    if (page.related) this.tell({ provider, origin: 'read', related: page.related, invalidated: [] });
    const stored: ListResult<T> = { edges: page.edges.map((e) => ({ node: withoutRaw(e.node), cursor: e.cursor })), hasNextPage: page.hasNextPage };
    await this.writeAll([
      this.format.entry(key, stored, this.deps.ttl.list()),
      ...this.relatedWrites(adapter, nodes, false),
      ...this.relatedWrites(adapter, page.related, false),
    ]);
    return page;
  }

  /**
   * A cached page with each node's own cached copy in its place: a webhook or mutation rewrites an
   * object's copy at once, and the page must not show the older one it was fetched with.
   * (Membership and order stay the page's until the list TTL.)
   */
  private async withCurrentNodes<T extends Interview | InterviewTemplate>(
    adapter: VendorAdapter,
    listKind: 'interviewList' | 'templateList',
    page: ListResult<T>,
  ): Promise<ListResult<T>> {
    if (page.edges.length === 0) return page;
    const kind = listKind === 'interviewList' ? CACHE_KIND.interview : CACHE_KIND.template;
    const copies = await this.deps.cache.getMany<Stored<T>>(page.edges.map((e) => this.key(adapter, kind, e.node.locator)));
    if (copies.every((copy, i) => !copy?.v || copy.v === page.edges[i].node)) return page;
    return { ...page, edges: page.edges.map((edge, i) => (copies[i]?.v ? { ...edge, node: copies[i].v } : edge)) };
  }

  private relatedWrites(adapter: VendorAdapter, related: Related | undefined, keepRaw: boolean): CacheWrite[] {
    if (!related) return [];
    const { ttl } = this.deps;
    const stripped = <T>(value: T): T => (keepRaw ? value : withoutRaw(value));
    const entry = (kind: string, locator: string, value: unknown, seconds: number) => this.format.entry(this.key(adapter, kind, locator), value, seconds);
    const writes: CacheWrite[] = [];
    for (const interview of related.interviews ?? [])
      writes.push(entry(CACHE_KIND.interview, interview.locator, stripped(interview), ttl.interview(interview)));
    for (const template of related.templates ?? []) writes.push(entry(CACHE_KIND.template, template.locator, stripped(template), ttl.template(template)));
    for (const { interviewLocator, report } of related.reports ?? []) {
      writes.push(entry(CACHE_KIND.reportPointer, interviewLocator, report ? report.locator : null, ttl.report(report)));
      if (report) writes.push(entry(CACHE_KIND.report, report.locator, stripped(report), ttl.report(report)));
    }
    return writes;
  }

  /**
   * TTL ≤ 0 (e.g. a report whose signed URLs expired) deletes the key, so an older copy such as a
   * "no report yet" pointer does not outlive the news that replaced it. Last write of a key wins.
   */
  private async writeAll(writes: CacheWrite[]): Promise<void> {
    const byKey = new Map<string, CacheWrite>();
    for (const write of writes) byKey.set(write.key, write);
    const kept = [...byKey.values()].filter((w) => w.ttlSeconds > 0);
    const dropped = [...byKey.values()].filter((w) => w.ttlSeconds <= 0);
    await Promise.all([kept.length > 0 ? this.deps.cache.setMany(kept) : undefined, ...dropped.map((w) => this.deps.cache.delete(w.key))]);
  }

  private staleOr<T>(error: Error, copy: Stored<T> | undefined, provider: Provider, kind: string, key: string, scope: ReadScope): T | null | Error {
    if (!copy || !(error instanceof GatewayError) || !SERVE_STALE_ON.has(error.code)) return error;
    this.deps.onCacheRead?.(kind, 'stale', 1);
    scope.staleServed?.({ provider, type: STALE_TYPE[kind] ?? kind, key, code: error.code, staleSince: new Date(copy.f ?? this.now()).toISOString() });
    this.deps.logger.info({ provider, kind, key, code: error.code }, 'vendor failed: serving a stale cached copy');
    return copy.v;
  }

  /** A pointer to a report is as fresh as the report, which is read (and timed) on its own. */
  private freshUntil<K extends StoredKind>(source: Source<K>, kind: K, value: StoredKinds[K] | null): number | null {
    if (kind === 'reportPointer' && value !== null) return null;
    return this.now() + source.ttl(value) * 1000;
  }

  private key(adapter: VendorAdapter, kind: string, locator: string): string {
    return this.deps.keys.entity(adapter.descriptor.provider, adapter.credentialScope, kind, locator);
  }

  private tell(change: StoreChange): void {
    void this.telling.track(this.tellAndWait(change));
  }

  /** Resolves once the listeners have heard every change told so far (before the stores they write to close). */
  settled(): Promise<void> {
    return this.telling.settled();
  }

  private async tellAndWait(change: StoreChange, strict = false): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      this.listeners.map(async (listener) => {
        try {
          await listener(change);
        } catch (error) {
          failures.push(error);
          this.deps.logger.error({ err: error, provider: change.provider, origin: change.origin }, 'entity store: a change listener failed');
        }
      }),
    );
    if (strict && failures.length > 0) throw new AggregateError(failures, `${failures.length} change listener(s) failed`);
  }

  /** Whatever an adapter threw, typed (asVendorError); an untyped one is logged, being a bug or an unread answer. */
  private typed(error: unknown, provider: Provider): Error {
    const typed = asVendorError(error, provider);
    if (typed !== error) this.deps.logger.error({ err: error, provider }, 'adapter failed with an untyped error');
    return typed;
  }
}

async function noCandidates(locators: readonly string[]): Promise<BatchResult<CandidateAccount>> {
  return { results: locators.map(() => null) };
}
