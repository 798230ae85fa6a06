/**
 * The read-model store contract on the real Redis (REDIS_URL, default 127.0.0.1:6379), plus what
 * only a shared store must guarantee: writers in parallel on one interview leave it in exactly the
 * indexes its final state belongs to, and two stores (two gateway instances) read the same feed;
 * and the stores' patient Redis guard (a Redis stalled for a few hundred ms delays a
 * feed page instead of failing it).
 */
import pino from 'pino';
import { mergeSummaries } from '../../src/domain/interview-summary';
import { InterviewStatus } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { FeedOrder, indexName, providerPartition } from '../../src/readmodel/feed-order';
import { ReadModel } from '../../src/readmodel/read-model';
import { RedisReadModelStore } from '../../src/readmodel/redis-read-model-store';
import { STORE_GUARD } from '../../src/infra/redis-guard';
import { describeReadModelStore, population } from '../support/read-model-contract';
import { startSlowProxy } from '../support/slow-redis-proxy';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `rm-${process.pid}-${Date.now()}`;
let tenants = 0;
const tenant = () => `${RUN}-${(tenants += 1)}`;

afterAll(() => deleteRedisKeys(`ig:rm:v1:${RUN}-*`));

describeReadModelStore('Redis', async () => new RedisReadModelStore(REDIS_URL, tenant()));

describe('read model on Redis, shared by instances', () => {
  it('concurrent writers of one interview leave it once, in the indexes of its final state only', async () => {
    const t = tenant();
    const a = new RedisReadModelStore(REDIS_URL, t);
    const b = new RedisReadModelStore(REDIS_URL, t);
    const [base] = population(1);
    const versions = Array.from({ length: 20 }, (_, i) => ({
      ...base,
      status: i % 2 ? InterviewStatus.COMPLETED : InterviewStatus.IN_PROGRESS,
      updatedAt: Date.parse('2026-05-01T00:00:00Z') + i * 1000,
    }));
    await Promise.all(versions.map((v, i) => (i % 2 ? a : b).upsert([v], mergeSummaries)));
    const final = versions[versions.length - 1];
    expect(await a.get([`${base.provider}|${base.locator}`])).toEqual([expect.objectContaining({ status: final.status, updatedAt: final.updatedAt })]);
    const model = new ReadModel(b, pino({ level: 'silent' }));
    for (const status of [InterviewStatus.COMPLETED, InterviewStatus.IN_PROGRESS]) {
      const page = await model.interviews({
        providers: [base.provider],
        order: FeedOrder.UPDATED,
        status,
        template: null,
        updatedAfter: null,
        updatedBefore: null,
        email: null,
        first: 10,
        after: null,
      });
      expect(page.items.map((i) => i.value.locator)).toEqual(status === final.status ? [base.locator] : []);
    }
    const all = await model.interviews({
      providers: [Provider.MICRO1, Provider.HEYMILO, Provider.XOBIN, Provider.EVALYO],
      order: FeedOrder.UPDATED,
      status: null,
      template: null,
      updatedAfter: null,
      updatedBefore: null,
      email: null,
      first: 10,
      after: null,
    });
    expect(all.items).toHaveLength(1);
    expect(all.total).toBe(1);
    await a.close();
    await b.close();
  });
});

describe("read model on a Redis that stalls (the stores' guard: 500 ms per operation, 5 failures in a row)", () => {
  it("a Redis stalled for 400 ms (every answer in that time held back) delays reads and writes but fails none (the cache's 250 ms guard would open its breaker)", async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const store = new RedisReadModelStore(proxy.url, tenant());
    try {
      const summaries = population(12);
      await store.upsert(summaries, mergeSummaries);
      // The stall: what Redis answers in the next 400 ms reaches the client 400 ms late.
      proxy.delayMs = 400;
      const stall = setTimeout(() => (proxy.delayMs = 0), 400);
      const started = performance.now();
      const outcomes = await Promise.allSettled([
        store.size(),
        store.get(summaries.map((s) => `${s.provider}|${s.locator}`)),
        store.upsert(
          summaries.map((s) => ({ ...s, updatedAt: (s.updatedAt ?? 0) + 1 })),
          mergeSummaries,
        ),
        ...Array.from({ length: 6 }, () => store.scan(indexName(FeedOrder.UPDATED, providerPartition(Provider.MICRO1)), null, 5)),
      ]);
      clearTimeout(stall);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(390);
      expect(await store.size()).toBe(12);
    } finally {
      proxy.delayMs = 0;
      await store.close();
      await proxy.close();
    }
  });

  it('a Redis silent for longer than 500 ms fails operations with a named error, then the breaker refuses at once', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const store = new RedisReadModelStore(proxy.url, tenant());
    try {
      expect(await store.size()).toBe(0);
      proxy.delayMs = 1_500;
      const slow = await Promise.allSettled(Array.from({ length: 5 }, () => store.size()));
      expect(slow.map((o) => o.status === 'rejected' && (o.reason as Error).message)).toEqual(Array(5).fill('read model: Redis is not reachable'));
      const started = performance.now();
      await expect(store.size()).rejects.toThrow('read model: Redis is not reachable');
      // At once: well under one wait for Redis (the guard's timeout), however busy the host.
      expect(performance.now() - started).toBeLessThan(STORE_GUARD.timeoutMs / 2);
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});
