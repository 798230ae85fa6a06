/**
 * The read-model store contract on the real Redis (REDIS_URL, default 127.0.0.1:6379), plus what
 * only a shared store must guarantee: writers in parallel on one interview leave it in exactly the
 * indexes its final state belongs to, and two stores (two gateway instances) read the same feed.
 */
import { createClient } from '@keyv/redis';
import pino from 'pino';
import { mergeSummaries } from '../../src/domain/interview-summary';
import { InterviewStatus } from '../../src/domain/model';
import { Provider } from '../../src/domain/provider';
import { FeedOrder } from '../../src/readmodel/feed-order';
import { ReadModel } from '../../src/readmodel/read-model';
import { RedisReadModelStore } from '../../src/readmodel/redis-read-model-store';
import { describeReadModelStore, population } from '../support/read-model-contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tenants: string[] = [];
const tenant = () => {
  const id = `rm-${process.pid}-${Date.now()}-${tenants.length}`;
  tenants.push(id);
  return id;
};

afterAll(async () => {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for (const t of tenants) for await (const keys of redis.scanIterator({ MATCH: `ig:rm:v1:${t}:*` })) if (keys.length) await redis.del(keys);
  await redis.quit();
});

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
