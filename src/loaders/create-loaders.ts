/**
 * Per-request loaders: the only way resolvers reach vendor data. Each request gets fresh
 * DataLoaders (batching and de-duplication within the request); everything shared across
 * requests goes through the Cache (tenant- and credential-scoped keys, TTL by state) and the
 * SingleFlight (one vendor call for concurrent misses of one key).
 *
 * Flow of a batch: group keys by provider → cache.getMany → join fetches already in flight →
 * one adapter batch call for the rest → cache what is cacheable (never errors, never `raw`) →
 * prime and cache the `related` objects the adapter learned on the way.
 *
 * Stale-if-error: an entry is kept past its TTL for the stale window (`TtlPolicy.retention`).
 * A copy past its TTL is not served while the vendor answers — it is refetched — but when the
 * vendor fails (unavailable, timed out, rate limited, circuit open) the stale copy is served
 * instead of the error, and `staleServed()` lists it for the response's `extensions.stale`.
 */
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache';
import type { CacheKeys } from '../cache/cache-keys';
import type { TtlPolicy } from '../cache/ttl-policy';
import type { Entity, Interview, InterviewTemplate, Report } from '../domain/model';
import type { Provider } from '../domain/provider';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';
import { VendorError } from '../errors/vendor.error';
import type { IdentityIndex } from '../identity/identity-index';
import type { IndexedRef } from '../identity/identity-store';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { BatchResult, InterviewListArgs, ListArgs, ListResult, Related, VendorAdapter } from '../vendors/vendor-adapter';
import { parseRefKey, type RefKey, refKey } from './entity-ref';
import { SingleFlight } from './single-flight';
import { stableJson } from '../infra/stable-json';

/** Shared, cross-request parts the loaders are built from (one per app). */
export interface LoaderDeps {
  registry: VendorRegistry;
  cache: Cache;
  keys: CacheKeys;
  ttl: TtlPolicy;
  singleFlight: SingleFlight;
  logger: Logger;
  /** The identity index `refsByEmail` reads. */
  index?: IdentityIndex;
  /**
   * Told what the vendors answered (fresh reads, never cache hits) and what was absorbed (sync
   * pages, webhooks, writes): the identity index and the read model learn from it. Must not throw.
   */
  onLearned?: (provider: Provider, learned: Related) => Promise<void>;
  /** Clock for freshness (epoch ms); default Date.now. */
  now?: () => number;
  /** Told how cached reads were answered (metrics): `count` reads of `kind` were a hit, a miss or stale. */
  onCacheRead?: (kind: string, result: 'hit' | 'miss' | 'stale', count: number) => void;
  /**
   * One adapter call per key and no memo within the request (DataLoader `batch: false, cache:
   * false`): how a naive resolver fetches. Only the benchmark's naive peer sets it.
   */
  unbatched?: boolean;
}

export interface Loaders {
  /** `interviewByLocator.load(refKey(p, locator))` → the Interview, or null when the vendor has none. */
  interviewByLocator: DataLoader<RefKey, Interview | null>;
  templateByLocator: DataLoader<RefKey, InterviewTemplate | null>;
  reportByLocator: DataLoader<RefKey, Report | null>;
  /** Interview ref → locator of its latest report, or null when it has none (yet). */
  reportLocatorByInterview: DataLoader<RefKey, string | null>;
  /** The vendor's own payload for an entity, always fetched fresh (never cached). */
  rawByEntity: DataLoader<string, unknown>;
  /** Identity index: an email (any spelling) → that person's interviews at every vendor. */
  refsByEmail: DataLoader<string, IndexedRef[]>;
  /** What this request served from a stale cached copy because its vendor failed. */
  staleServed(): StaleServed[];
  /** The latest report of an interview, or null. */
  reportForInterview(provider: Provider, interviewLocator: string): Promise<Report | null>;
  listInterviews(provider: Provider, args: InterviewListArgs): Promise<ListResult<Interview>>;
  listTemplates(provider: Provider, args: ListArgs): Promise<ListResult<InterviewTemplate>>;
  /**
   * Caches (and primes) objects learned outside a loader call: a sync page, a webhook, a
   * mutation's answer. It is also told to `onLearned` (awaited; never throws) unless `remember`
   * is false because the caller records it itself (the sync, strictly).
   */
  absorb(provider: Provider, related: Related, options?: AbsorbOptions): Promise<void>;
  /**
   * Drops the cached interview and which report is its latest, so the next read asks the vendor
   * (a webhook said they changed). List pages holding the interview expire with the list TTL.
   */
  invalidate(provider: Provider, interviewLocator: string): Promise<void>;
}

export interface AbsorbOptions {
  /** False when the caller records what was learned itself (the sync). Default true. */
  remember?: boolean;
  /**
   * Cache the objects with their `raw` (webhooks: the payload they were built from cannot be
   * fetched again, and is bounded by the webhook body limit). Default false: raw is dropped.
   */
  keepRaw?: boolean;
}

/** Cache kinds (part of the key). */
const KIND = {
  interview: 'interview',
  template: 'template',
  report: 'report',
  reportPointer: 'report-of-interview',
  interviewList: 'list:interviews',
  templateList: 'list:templates',
} as const;

/**
 * What is stored under a key: `{ v: null }` is a cached "none", distinct from a miss. `f` is
 * when it stops being fresh (epoch ms); past it the entry is only served while its vendor fails.
 * Entries without `f` (written before stale-if-error existed) are fresh until they expire.
 */
interface Stored<T> {
  v: T | null;
  f?: number;
}

/** One stale copy served in a response (see `extensions.stale`). */
export interface StaleServed {
  provider: Provider;
  /** `Interview`, `Report`, `InterviewTemplate`, `ReportOfInterview`, `InterviewList` or `TemplateList`. */
  type: string;
  /** The vendor-side locator (entities) or the list arguments (lists). */
  key: string;
  /** The error it stands in for. */
  code: ErrorCode;
  /** When the copy stopped being fresh (ISO-8601). */
  staleSince: string;
}

/** Vendor failures a stale copy may stand in for: the vendor is down or refusing, not saying "no". */
const SERVE_STALE_ON: ReadonlySet<ErrorCode> = new Set([ErrorCode.VENDOR_UNAVAILABLE, ErrorCode.VENDOR_TIMEOUT, ErrorCode.VENDOR_RATE_LIMITED]);

const STALE_TYPE: Record<string, string> = {
  interview: 'Interview',
  template: 'InterviewTemplate',
  report: 'Report',
  'report-of-interview': 'ReportOfInterview',
  'list:interviews': 'InterviewList',
  'list:templates': 'TemplateList',
};

interface CacheWrite {
  key: string;
  value: unknown;
  ttlSeconds: number;
}

interface Source<T> {
  kind: string;
  fetch(adapter: VendorAdapter, locators: readonly string[]): Promise<BatchResult<T>>;
  ttl(value: T | null): number;
  /** Called with what the vendor returned (not cache hits). */
  fresh?(values: T[], provider: Provider): void;
}

export function createLoaders(deps: LoaderDeps): Loaders {
  const { registry, cache, keys, ttl, singleFlight, logger, index } = deps;
  const learn = (provider: Provider, learned: Related): Promise<void> => deps.onLearned?.(provider, learned) ?? Promise.resolve();
  const now = deps.now ?? Date.now;
  const stale: StaleServed[] = [];

  /** A cache write of `value`: fresh for `ttlSeconds`, then kept for the stale window. */
  const entry = (key: string, value: unknown, ttlSeconds: number): CacheWrite => ({
    key,
    value: { v: value, f: now() + ttlSeconds * 1000 } satisfies Stored<unknown>,
    ttlSeconds: ttl.retention(value, ttlSeconds),
  });
  const isFresh = (stored: Stored<unknown>) => stored.f === undefined || stored.f > now();
  /** The stale copy instead of `error`, when the error is the vendor failing; else the error. */
  const staleOr = <T>(error: Error, copy: Stored<T> | undefined, provider: Provider, kind: string, key: string): T | null | Error => {
    if (!copy || !(error instanceof GatewayError) || !SERVE_STALE_ON.has(error.code)) return error;
    deps.onCacheRead?.(kind, 'stale', 1);
    stale.push({ provider, type: STALE_TYPE[kind] ?? kind, key, code: error.code, staleSince: new Date(copy.f ?? now()).toISOString() });
    logger.info({ provider, kind, key, code: error.code }, 'vendor failed: serving a stale cached copy');
    return copy.v;
  };

  const entityKey = (adapter: VendorAdapter, kind: string, locator: string) => keys.entity(adapter.descriptor.provider, adapter.credentialScope, kind, locator);

  /**
   * The cache writes for `related` objects; primes this request's loaders with them and tells the
   * listener about them (unless `remember` is false).
   */
  const relatedWrites = (adapter: VendorAdapter, related: Related | undefined, remember = true, keepRaw = false): CacheWrite[] => {
    if (!related) return [];
    const stripped = <T>(value: T): T => (keepRaw ? value : withoutRaw(value));
    const provider = adapter.descriptor.provider;
    const writes: CacheWrite[] = [];
    if (remember) void learn(provider, related);
    for (const interview of related.interviews ?? []) {
      writes.push(entry(entityKey(adapter, KIND.interview, interview.locator), stripped(interview), ttl.interview(interview)));
      prime(loaders.interviewByLocator, refKey(provider, interview.locator), interview);
    }
    for (const template of related.templates ?? []) {
      writes.push(entry(entityKey(adapter, KIND.template, template.locator), stripped(template), ttl.template(template)));
      prime(loaders.templateByLocator, refKey(provider, template.locator), template);
    }
    for (const { interviewLocator, report } of related.reports ?? []) {
      writes.push(entry(entityKey(adapter, KIND.reportPointer, interviewLocator), report ? report.locator : null, ttl.report(report)));
      prime(loaders.reportLocatorByInterview, refKey(provider, interviewLocator), report ? report.locator : null);
      if (report) {
        writes.push(entry(entityKey(adapter, KIND.report, report.locator), stripped(report), ttl.report(report)));
        prime(loaders.reportByLocator, refKey(provider, report.locator), report);
      }
    }
    return writes;
  };

  /**
   * Writes the entries; one that may not be kept (TTL ≤ 0: e.g. a report whose signed URLs have
   * expired) deletes the key instead, so an older copy — say, an interview's "no report yet"
   * pointer — does not outlive the news that replaced it. The last write of a key wins.
   */
  const writeAll = async (writes: CacheWrite[]) => {
    const byKey = new Map<string, CacheWrite>();
    for (const write of writes) byKey.set(write.key, write);
    const kept = [...byKey.values()].filter((w) => w.ttlSeconds > 0);
    const dropped = [...byKey.values()].filter((w) => w.ttlSeconds <= 0);
    await Promise.all([kept.length > 0 ? cache.setMany(kept) : undefined, ...dropped.map((w) => cache.delete(w.key))]);
  };

  /** The cache → single-flight → adapter batch function shared by every entity loader. */
  const cachedBatch =
    <T>(source: Source<T>) =>
    async (refs: readonly RefKey[]): Promise<Array<T | null | Error>> => {
      const results: Array<T | null | Error> = new Array(refs.length);
      const byProvider = groupByProvider(refs);
      await Promise.all(
        [...byProvider].map(async ([provider, indices]) => {
          const adapter = registry.tryGet(provider);
          if (!adapter) {
            const error = new VendorError(ErrorCode.VENDOR_NOT_CONFIGURED, provider);
            for (const i of indices) results[i] = error;
            return;
          }
          const locators = indices.map((i) => parseRefKey(refs[i]).locator);
          const cacheKeys = locators.map((locator) => entityKey(adapter, source.kind, locator));
          const cached = await cache.getMany<Stored<T>>(cacheKeys);

          const waits: Promise<void>[] = [];
          let hits = 0;
          const misses: Array<{ index: number; locator: string; key: string; copy: Stored<T> | undefined; flight: ReturnType<SingleFlight['lead']> }> = [];
          indices.forEach((index, j) => {
            const hit = cached[j];
            if (hit !== undefined && isFresh(hit)) {
              results[index] = hit.v;
              hits += 1;
              return;
            }
            // Past its TTL (or absent): refetch; a stale copy stands in only if the vendor fails.
            const copy = hit;
            const running = singleFlight.join<T | null>(cacheKeys[j]);
            if (running) {
              waits.push(
                running.then(
                  (v) => {
                    results[index] = v;
                  },
                  (e: unknown) => {
                    results[index] = staleOr(asError(e, provider), copy, provider, source.kind, locators[j]);
                  },
                ),
              );
              return;
            }
            // The same key twice in one batch cannot happen: DataLoader de-duplicates keys.
            misses.push({ index, locator: locators[j], key: cacheKeys[j], copy, flight: singleFlight.lead(cacheKeys[j]) });
          });
          deps.onCacheRead?.(source.kind, 'hit', hits);
          deps.onCacheRead?.(source.kind, 'miss', cached.length - hits);

          if (misses.length > 0) {
            let batch: BatchResult<T>;
            try {
              batch = await source.fetch(
                adapter,
                misses.map((m) => m.locator),
              );
              if (batch.results.length !== misses.length) {
                throw new Error(`${provider} adapter broke the batch contract: ${misses.length} keys, ${batch.results.length} results`);
              }
            } catch (error) {
              const typed = asError(error, provider);
              batch = { results: misses.map(() => typed) };
            }
            const writes: CacheWrite[] = [];
            misses.forEach((miss, k) => {
              const value = batch.results[k];
              if (value instanceof Error) {
                results[miss.index] = staleOr(value, miss.copy, provider, source.kind, miss.locator);
                miss.flight.reject(value);
                return;
              }
              results[miss.index] = value;
              const stored = value === null ? null : withoutRaw(value);
              writes.push(entry(miss.key, stored, source.ttl(value)));
              miss.flight.resolve(stored);
            });
            source.fresh?.(
              batch.results.filter((v): v is T => v !== null && !(v instanceof Error)),
              provider,
            );
            writes.push(...relatedWrites(adapter, batch.related));
            await writeAll(writes);
          }
          await Promise.all(waits);
        }),
      );
      return results;
    };

  const perKey = deps.unbatched ? { batch: false, cache: false } : {};
  const loaders: Loaders = {
    interviewByLocator: new DataLoader(
      cachedBatch<Interview>({
        kind: KIND.interview,
        fetch: (a, l) => a.getInterviews(l),
        ttl: (v) => ttl.interview(v),
        fresh: (interviews, provider) => void learn(provider, { interviews }),
      }),
      perKey,
    ),
    templateByLocator: new DataLoader(
      cachedBatch<InterviewTemplate>({
        kind: KIND.template,
        fetch: (a, l) => a.getTemplates(l),
        ttl: (v) => ttl.template(v),
        fresh: (templates, provider) => void learn(provider, { templates }),
      }),
      perKey,
    ),
    reportByLocator: new DataLoader(
      cachedBatch<Report>({
        kind: KIND.report,
        fetch: (a, l) => a.getReports(l),
        ttl: (v) => ttl.report(v),
        fresh: (reports, provider) => void learn(provider, { reports: reports.map((report) => ({ interviewLocator: report.interviewLocator, report })) }),
      }),
      perKey,
    ),
    reportLocatorByInterview: new DataLoader(
      cachedBatch<string>({
        kind: KIND.reportPointer,
        // The reports themselves travel as `related`, so they are cached and primed too.
        fetch: async (adapter, locators) => {
          const batch = await adapter.getReportsForInterviews(locators);
          const pairs = batch.results.flatMap((r, i) => (r instanceof Error ? [] : [{ interviewLocator: locators[i], report: r }]));
          return {
            results: batch.results.map((r) => (r instanceof Error || r === null ? r : r.locator)),
            related: { ...batch.related, reports: [...(batch.related?.reports ?? []), ...pairs] },
          };
        },
        ttl: (locator) => (locator === null ? ttl.report(null) : 0), // written with the report's own TTL via `related`
      }),
      perKey,
    ),
    rawByEntity: new DataLoader(async (keys: readonly string[]) => fetchRaw(registry, keys)),
    staleServed: () => [...stale],
    refsByEmail: new DataLoader(async (emails: readonly string[]) => {
      if (!index) return emails.map(() => []);
      try {
        return await index.refsFor(emails);
      } catch (error) {
        logger.warn({ err: error }, 'identity index unavailable');
        const unavailable = new GatewayError(ErrorCode.INDEX_UNAVAILABLE, 'The identity index is unavailable; try again shortly.');
        return emails.map(() => unavailable);
      }
    }),

    async reportForInterview(provider, interviewLocator) {
      const reportLocator = await loaders.reportLocatorByInterview.load(refKey(provider, interviewLocator));
      return reportLocator === null ? null : loaders.reportByLocator.load(refKey(provider, reportLocator));
    },

    listInterviews: (provider, args) =>
      cachedList(
        provider,
        KIND.interviewList,
        args,
        (adapter) => adapter.listInterviews(args),
        (adapter, node) => {
          prime(loaders.interviewByLocator, refKey(provider, node.locator), node);
          return entry(entityKey(adapter, KIND.interview, node.locator), withoutRaw(node), ttl.interview(node));
        },
      ),

    absorb: async (provider, related, options = {}) => {
      const adapter = registry.get(provider);
      // Pushed objects (webhooks) are often partial: what they leave out (an invite URL, the
      // invite date) is kept from the cached copy instead of being erased.
      const interviews = related.interviews ?? [];
      if (interviews.length > 0) {
        const cached = await cache.getMany<Stored<Interview>>(interviews.map((i) => entityKey(adapter, KIND.interview, i.locator)));
        // `raw` is the payload this object was built from, never an earlier one's.
        related = { ...related, interviews: interviews.map((next, i) => ({ ...mergeKnown(withoutRaw(cached[i]?.v ?? null), next), raw: next.raw })) };
      }
      await Promise.all([
        writeAll(relatedWrites(adapter, related, false, options.keepRaw ?? false)),
        options.remember === false ? undefined : learn(provider, related),
      ]);
    },

    invalidate: async (provider, interviewLocator) => {
      const adapter = registry.get(provider);
      await Promise.all([
        cache.delete(entityKey(adapter, KIND.interview, interviewLocator)),
        cache.delete(entityKey(adapter, KIND.reportPointer, interviewLocator)),
      ]);
      loaders.interviewByLocator.clear(refKey(provider, interviewLocator));
      loaders.reportLocatorByInterview.clear(refKey(provider, interviewLocator));
    },

    listTemplates: (provider, args) =>
      cachedList(
        provider,
        KIND.templateList,
        args,
        (adapter) => adapter.listTemplates(args),
        (adapter, node) => {
          prime(loaders.templateByLocator, refKey(provider, node.locator), node);
          return entry(entityKey(adapter, KIND.template, node.locator), withoutRaw(node), ttl.template(node));
        },
      ),
  };

  /**
   * A list page: cached as a whole for the list TTL (without `raw`); its nodes are also cached and
   * primed one by one, so following a node by id costs nothing.
   */
  async function cachedList<T extends Entity>(
    provider: Provider,
    kind: string,
    args: object,
    fetch: (adapter: VendorAdapter) => Promise<ListResult<T>>,
    node: (adapter: VendorAdapter, node: T) => CacheWrite,
  ): Promise<ListResult<T>> {
    const adapter = registry.get(provider);
    const argsKey = stableJson(args);
    const key = entityKey(adapter, kind, argsKey);
    const hit = await cache.get<Stored<ListResult<T>>>(key);
    if (hit?.v && isFresh(hit)) {
      deps.onCacheRead?.(kind, 'hit', 1);
      for (const edge of hit.v.edges) node(adapter, edge.node);
      return hit.v;
    }
    deps.onCacheRead?.(kind, 'miss', 1);
    let fresh = false;
    let page: ListResult<T>;
    try {
      page = await singleFlight.run(key, async () => {
        fresh = true;
        try {
          return await fetch(adapter);
        } catch (error) {
          throw asError(error, provider);
        }
      });
    } catch (error) {
      const served = staleOr(asError(error, provider), hit, provider, kind, argsKey);
      if (served instanceof Error || served === null) throw served ?? error;
      for (const edge of served.edges) node(adapter, edge.node);
      return served;
    }
    if (!fresh) {
      for (const edge of page.edges) node(adapter, edge.node);
      return page;
    }
    const nodes = page.edges.map((e) => e.node as Entity);
    void learn(provider, {
      interviews: nodes.filter((n): n is Interview => n.kind === 'Interview'),
      templates: nodes.filter((n): n is InterviewTemplate => n.kind === 'InterviewTemplate'),
    });
    const stored: ListResult<T> = { edges: page.edges.map((e) => ({ node: withoutRaw(e.node), cursor: e.cursor })), hasNextPage: page.hasNextPage };
    const writes = [entry(key, stored, ttl.list()), ...page.edges.map((e) => node(adapter, e.node)), ...relatedWrites(adapter, page.related)];
    await writeAll(writes);
    return page;
  }

  return loaders;

  function asError(error: unknown, provider: Provider): Error {
    if (error instanceof GatewayError) return error;
    logger.error({ err: error, provider }, 'adapter failed with an untyped error');
    return new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, { cause: error });
  }
}

/** Keys of `rawByEntity`: `<kind>|<PROVIDER>|<locator>`. */
export function rawKey(kind: Entity['kind'], provider: Provider, locator: string): string {
  return `${kind}|${refKey(provider, locator)}`;
}

async function fetchRaw(registry: VendorRegistry, keys: readonly string[]): Promise<Array<unknown>> {
  const results: unknown[] = new Array(keys.length);
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const group = key.slice(0, key.indexOf('|', key.indexOf('|') + 1));
    const indices = groups.get(group);
    if (indices) indices.push(i);
    else groups.set(group, [i]);
  });
  await Promise.all(
    [...groups].map(async ([group, indices]) => {
      const [kind, provider] = group.split('|') as [Entity['kind'], Provider];
      const locators = indices.map((i) => keys[i].slice(group.length + 1));
      try {
        const adapter = registry.get(provider);
        const batch =
          kind === 'Interview'
            ? await adapter.getInterviews(locators)
            : kind === 'Report'
              ? await adapter.getReports(locators)
              : await adapter.getTemplates(locators);
        indices.forEach((index, k) => {
          const value = batch.results[k];
          results[index] = value instanceof Error || value === null ? value : (value.raw ?? null);
        });
      } catch (error) {
        for (const index of indices) results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  return results;
}

function groupByProvider(refs: readonly RefKey[]): Map<Provider, number[]> {
  const groups = new Map<Provider, number[]>();
  refs.forEach((ref, i) => {
    const { provider } = parseRefKey(ref);
    const list = groups.get(provider);
    if (list) list.push(i);
    else groups.set(provider, [i]);
  });
  return groups;
}

function prime<V>(loader: DataLoader<RefKey, V>, key: RefKey, value: V): void {
  loader.prime(key, value);
}

/**
 * `next` with every field it lacks (null/undefined) filled from `previous`, one level into plain
 * objects (the candidate account): newer knowledge wins, missing knowledge never erases.
 */
export function mergeKnown<T extends object>(previous: T | null, next: T): T {
  if (!previous) return next;
  const merged: Record<string, unknown> = { ...(previous as Record<string, unknown>) };
  for (const [key, value] of Object.entries(next)) {
    const before = merged[key];
    if (value === null || value === undefined) continue;
    merged[key] =
      typeof value === 'object' && !Array.isArray(value) && before && typeof before === 'object' && !Array.isArray(before)
        ? mergeKnown(before as object, value as object)
        : value;
  }
  return merged as T;
}

/** The entity without its `raw` payload (raw is opt-in and never cached). */
export function withoutRaw<T>(value: T): T {
  if (typeof value !== 'object' || value === null || !('raw' in value)) return value;
  const { raw: _raw, ...rest } = value as T & { raw?: unknown };
  return rest as T;
}
