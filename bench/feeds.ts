/**
 * `npm run bench:feeds`: the cross-vendor feeds at scale (ARCHITECTURE.md §6, issue "One graph
 * across providers"). Everything in this process on loopback:
 *
 * 1. The four simulators seeded with BENCH_FEED_INTERVIEWS extra interviews (default 100,000,
 *    spread evenly), as `SANDBOX_INTERVIEWS` does.
 * 2. The first full identity sync of all of them into the read model (in memory), timed, with the
 *    vendor calls it made per vendor. It runs with the vendors' rate limits off (the simulators do
 *    not enforce them); the time the documented budgets would impose (calls ÷ requests per minute)
 *    is printed beside it.
 * 3. Heap per 100,000 summaries: the read model's summaries copied into a fresh in-memory store,
 *    measured with `--expose-gc` (as the script runs). Redis memory per 100,000 summaries: the same
 *    summaries written to a Redis store (REDIS_URL, default 127.0.0.1:6379; skipped when
 *    unreachable), the sum of `MEMORY USAGE` over the store's own keys (the server's `used_memory`
 *    would count whatever else shares that Redis, such as a test suite running beside it).
 * 4. Page latency over HTTP, sequential requests: `interviews(first: 20)` (UPDATED_AT_DESC) and
 *    `reports(first: 20, orderBy: SCORE_DESC)`, first page and page 50, warm (the page's objects
 *    cached) and cold (the cache bypassed: every object of the page read from the simulators), on
 *    the in-memory read model and on the Redis one.
 *
 * Knobs: BENCH_FEED_INTERVIEWS, BENCH_FEED_SAMPLES (timed requests per cell, default 40),
 * BENCH_FEED_LATENCY_MS (simulated vendor latency, default 0), REDIS_URL.
 */
import { createClient } from '@keyv/redis';
import pino from 'pino';
import { createApp, type App } from '../src/app';
import type { Cache, CacheStatus } from '../src/cache/cache';
import { KeyvCache } from '../src/cache/keyv-cache';
import { loadConfig } from '../src/config/config';
import type { InterviewSummary } from '../src/domain/interview-summary';
import { mergeSummaries } from '../src/domain/interview-summary';
import { vendorEnvNames } from '../src/config/vendor-variables';
import { FeedOrder, type FeedPosition, indexName, providerPartition } from '../src/readmodel/feed-order';
import { MemoryReadModelStore } from '../src/readmodel/memory-read-model-store';
import type { ReadModelStore } from '../src/readmodel/read-model-store';
import { RedisReadModelStore } from '../src/readmodel/redis-read-model-store';
import { startSandbox, type Sandbox } from '../src/sandbox/start-sandbox';
import { VENDORS } from '../src/vendors/vendors';
import { post } from './run';

export interface FeedBenchOptions {
  interviews: number;
  samples: number;
  latencyMs: number;
  redisUrl: string | null;
}

export function feedBenchOptions(env: NodeJS.ProcessEnv): FeedBenchOptions {
  return {
    interviews: Number(env.BENCH_FEED_INTERVIEWS ?? 100_000),
    samples: Number(env.BENCH_FEED_SAMPLES ?? 40),
    latencyMs: Number(env.BENCH_FEED_LATENCY_MS ?? 0),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** A cache that can be bypassed: warm figures with it, cold ones without (every object from the vendor). */
class SwitchCache implements Cache {
  bypass = false;
  constructor(private readonly inner: Cache) {}
  get<T>(key: string): Promise<T | undefined> {
    return this.bypass ? Promise.resolve(undefined) : this.inner.get<T>(key);
  }
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.bypass ? Promise.resolve(keys.map(() => undefined)) : this.inner.getMany<T>(keys);
  }
  set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    return this.bypass ? Promise.resolve() : this.inner.set(key, value, ttlSeconds);
  }
  setMany(entries: ReadonlyArray<{ key: string; value: unknown; ttlSeconds: number }>): Promise<void> {
    return this.bypass ? Promise.resolve() : this.inner.setMany(entries);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  status(): Promise<CacheStatus> {
    return this.inner.status();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const RATE_LIMITS_OFF = Object.fromEntries(VENDORS.map((v) => [vendorEnvNames(v.descriptor.provider).rateLimit, '0']));

async function gatewayOn(sandbox: Sandbox, env: Record<string, string>): Promise<{ app: App; url: string; cache: SwitchCache }> {
  const loaded = loadConfig(
    {
      SANDBOX: 'true',
      LOG_LEVEL: 'silent',
      IDENTITY_SYNC_INTERVAL_SECONDS: '0',
      IDENTITY_SYNC_PAGES_PER_RUN: '100000',
      METRICS_ENABLED: 'false',
      CACHE_MAX_ITEMS: '1000000',
      ...RATE_LIMITS_OFF,
      ...env,
    },
    VENDORS.map((v) => v.descriptor),
  );
  const config = { ...loaded, tenants: loaded.tenants.map((t) => ({ ...t, vendors: sandbox.vendorConfig })) };
  const logger = pino({ level: 'silent' });
  const cache = new SwitchCache(new KeyvCache({ maxItems: config.cache.maxItems, redisUrl: null, logger }));
  const app = await createApp(config, { logger, cache });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, cache };
}

/** Every summary of a store, read through its per-provider indexes. */
async function allSummaries(store: ReadModelStore): Promise<InterviewSummary[]> {
  const out: InterviewSummary[] = [];
  for (const vendor of VENDORS) {
    const index = indexName(FeedOrder.UPDATED, providerPartition(vendor.descriptor.provider));
    let after: FeedPosition | null = null;
    for (;;) {
      const chunk = await store.scan(index, after, 5_000);
      out.push(...chunk.map((e) => e.value));
      if (chunk.length < 5_000) break;
      after = { key: chunk[chunk.length - 1].key, id: chunk[chunk.length - 1].id };
    }
  }
  return out;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

const canCollect = () => typeof (globalThis as { gc?: () => void }).gc === 'function';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const FEEDS = [
  { name: 'interviews UPDATED_AT_DESC', field: 'interviews', args: '', node: 'id status updatedAt candidate { email }' },
  { name: 'reports SCORE_DESC', field: 'reports', args: ', orderBy: SCORE_DESC', node: 'id completedAt score { value scale }' },
];

const feedQuery = (feed: (typeof FEEDS)[number]) =>
  `query($after: String) { ${feed.field}(first: 20, after: $after${feed.args}) { totalCount edges { provider node { ${feed.node} } } pageInfo { hasNextPage endCursor } } }`;

/** The cursor that opens page `page` (1-based) of a feed. */
async function cursorOf(url: string, feed: (typeof FEEDS)[number], page: number): Promise<string | null> {
  let after: string | null = null;
  for (let i = 1; i < page; i += 1) {
    const { body } = await post(url, feedQuery(feed), { after });
    const page = (JSON.parse(body) as { data?: Record<string, { pageInfo: { endCursor: string } } | null> }).data?.[feed.field];
    if (!page) throw new Error(`${feed.name}: no page ${i} (${body.slice(0, 500)})`);
    after = page.pageInfo.endCursor;
  }
  return after;
}

export interface FeedBenchResult {
  interviews: number;
  generationSeconds: number;
  sync: { seconds: number; calls: Record<string, number>; budgetMinutes: Record<string, number | null> };
  summaries: number;
  /** Null without `--expose-gc` (a heap figure without collecting first is noise). */
  heapMbPer100k: number | null;
  redis: { mbPer100k: number; writeSeconds: number } | null;
  /** store → feed → page → warm/cold → { p50, p95 } in ms, and errors seen. */
  latency: Array<{ store: string; feed: string; page: number; temperature: 'warm' | 'cold'; p50: number; p95: number; errors: number }>;
}

export async function runFeedBench(options: FeedBenchOptions): Promise<FeedBenchResult> {
  const generated = performance.now();
  const sandbox = await startSandbox(VENDORS, { seed: 42, interviews: options.interviews, knobs: { latencyMs: options.latencyMs } });
  const generationSeconds = (performance.now() - generated) / 1000;
  const closers: Array<() => Promise<void>> = [() => sandbox.close()];
  try {
    // 2. The first full sync.
    const memory = await gatewayOn(sandbox, {});
    closers.unshift(() => memory.app.close());
    for (const s of sandbox.simulators.values()) s.resetCalls();
    const synced = performance.now();
    for (let run = 0; run < 50; run += 1) {
      const outcomes = await memory.app.tenant().identitySync.runAll();
      if (Object.values(outcomes).every((o) => o === 'completed') && (await memory.app.tenant().indexProgress.incomplete()).length === 0) break;
    }
    const syncSeconds = (performance.now() - synced) / 1000;
    const calls: Record<string, number> = {};
    const budgetMinutes: Record<string, number | null> = {};
    for (const vendor of VENDORS) {
      const provider = vendor.descriptor.provider;
      calls[provider] = sandbox.simulators.get(provider)?.totalCalls() ?? 0;
      const limit = vendor.descriptor.capabilities.rateLimitPerMinute;
      budgetMinutes[provider] = limit ? calls[provider] / limit : null;
    }

    // 3. Heap and Redis memory per 100,000 summaries.
    const summaries = await allSummaries(memory.app.tenant().readModel.store);
    const copies = summaries.map((s) => JSON.parse(JSON.stringify(s)) as InterviewSummary);
    const before = heapMb();
    const measured = new MemoryReadModelStore();
    for (let i = 0; i < copies.length; i += 1_000) await measured.upsert(copies.slice(i, i + 1_000), mergeSummaries);
    copies.length = 0;
    const heapMbPer100k = canCollect() ? ((heapMb() - before) / summaries.length) * 100_000 : null;
    void measured.size();

    let redis: FeedBenchResult['redis'] = null;
    const tenant = `bench-feeds-${process.pid}`;
    const client = options.redisUrl ? createClient({ url: options.redisUrl }) : null;
    const reachable = client
      ? await client.connect().then(
          () => true,
          () => false,
        )
      : false;
    if (client && reachable && options.redisUrl) {
      // This store's own keys only: another user of the server cannot move the figure.
      const used = async () => {
        let bytes = 0;
        for await (const keys of client.scanIterator({ MATCH: `ig:rm:v1:${tenant}:*`, COUNT: 1000 })) {
          for (const key of keys) bytes += Number(await client.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0'])) || 0;
        }
        return bytes;
      };
      const redisStore = new RedisReadModelStore(options.redisUrl, tenant);
      // Registered before writing: a failed write must still close both connections.
      closers.push(async () => {
        await redisStore.close();
        // The read model's keys and what the second gateway wrote (its index, its cache).
        for await (const keys of client.scanIterator({ MATCH: `ig:*${tenant}:*`, COUNT: 1000 })) if (keys.length) await client.del(keys);
        await client.quit();
      });
      const start = await used();
      const written = performance.now();
      for (let i = 0; i < summaries.length; i += 500) await redisStore.upsert(summaries.slice(i, i + 500), mergeSummaries);
      const writeSeconds = (performance.now() - written) / 1000;
      redis = { mbPer100k: (((await used()) - start) / 1_048_576 / summaries.length) * 100_000, writeSeconds };
    } else if (client && reachable) {
      closers.push(() => client.quit().then(() => undefined));
    }

    // 4. Page latency, in memory and on Redis (a second gateway reading the Redis read model).
    const gateways: Array<{ store: string; url: string; cache: SwitchCache }> = [{ store: 'memory', url: memory.url, cache: memory.cache }];
    if (redis && options.redisUrl) {
      const shared = await gatewayOn(sandbox, { REDIS_URL: options.redisUrl, TENANT_ID: tenant });
      closers.unshift(() => shared.app.close());
      gateways.push({ store: 'redis', url: shared.url, cache: shared.cache });
    }
    const latency: FeedBenchResult['latency'] = [];
    for (const gateway of gateways) {
      for (const feed of FEEDS) {
        for (const page of [1, 50]) {
          const after = await cursorOf(gateway.url, feed, page);
          for (const temperature of ['warm', 'cold'] as const) {
            gateway.cache.bypass = temperature === 'cold';
            const times: number[] = [];
            let errors = 0;
            const samples = temperature === 'cold' ? Math.max(1, Math.ceil(options.samples / 2)) : options.samples;
            for (let i = 0; i < samples + 3; i += 1) {
              const { ms, body, status } = await post(gateway.url, feedQuery(feed), { after });
              if (status !== 200 || body.includes('"errors"')) errors += 1;
              if (i >= 3) times.push(ms); // the first few warm the path (and, warm, the cache)
            }
            gateway.cache.bypass = false;
            latency.push({ store: gateway.store, feed: feed.name, page, temperature, p50: percentile(times, 50), p95: percentile(times, 95), errors });
          }
        }
      }
    }
    return {
      interviews: summaries.length,
      generationSeconds,
      sync: { seconds: syncSeconds, calls, budgetMinutes },
      summaries: summaries.length,
      heapMbPer100k,
      redis,
      latency,
    };
  } finally {
    for (const close of closers) await close().catch(() => undefined);
  }
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));

export function printFeedBench(result: FeedBenchResult): string {
  const lines = [
    `interviews indexed: ${result.interviews} (simulators generated in ${fmt(result.generationSeconds)} s)`,
    '',
    '| first full sync | vendor calls | minutes at the documented budget |',
    '|---|---|---|',
    ...Object.entries(result.sync.calls).map(
      ([p, n]) => `| ${p} | ${n} | ${result.sync.budgetMinutes[p] === null ? 'no documented limit' : fmt(result.sync.budgetMinutes[p])} |`,
    ),
    `| all (rate limits off, measured) | ${Object.values(result.sync.calls).reduce((a, b) => a + b, 0)} | ${fmt(result.sync.seconds / 60, 2)} (${fmt(result.sync.seconds)} s) |`,
    '',
    `heap per 100,000 summaries (in memory): ${result.heapMbPer100k === null ? 'not measured (run with node --expose-gc, as npm run bench:feeds does)' : `${fmt(result.heapMbPer100k)} MB`}`,
    `Redis memory per 100,000 summaries: ${result.redis ? `${fmt(result.redis.mbPer100k)} MB (written in ${fmt(result.redis.writeSeconds)} s)` : 'skipped (no Redis)'}`,
    '',
    '| store | feed | page | warm p50 ms | warm p95 ms | cold p50 ms | cold p95 ms | page ÷ first page (warm p50) | errors |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const cell = (store: string, feed: string, page: number, t: 'warm' | 'cold') =>
    result.latency.find((l) => l.store === store && l.feed === feed && l.page === page && l.temperature === t);
  for (const store of [...new Set(result.latency.map((l) => l.store))]) {
    for (const feed of [...new Set(result.latency.map((l) => l.feed))]) {
      for (const page of [1, 50]) {
        const warm = cell(store, feed, page, 'warm');
        const cold = cell(store, feed, page, 'cold');
        const first = cell(store, feed, 1, 'warm');
        lines.push(
          `| ${store} | ${feed} | ${page} | ${fmt(warm?.p50, 2)} | ${fmt(warm?.p95, 2)} | ${fmt(cold?.p50, 2)} | ${fmt(cold?.p95, 2)} | ${fmt((warm?.p50 ?? NaN) / (first?.p50 ?? NaN), 2)} | ${(warm?.errors ?? 0) + (cold?.errors ?? 0)} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  runFeedBench(feedBenchOptions(process.env))
    .then((result) => {
      console.log(printFeedBench(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
