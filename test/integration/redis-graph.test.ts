/**
 * The graph on the real Redis (REDIS_URL, default 127.0.0.1:6379): what one gateway instance
 * fetched, another instance on the same Redis serves without a vendor call; another tenant does not.
 */
import { createClient } from '@keyv/redis';
import { CACHE_SCHEMA_VERSION } from '../../src/cache/cache-keys';
import { InterviewsWithReportsDocument } from '../generated/graphql';
import { startHarness, type Harness } from '../support/harness';
import { eventually } from '../support/timing';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tenant = `it-${process.pid}-${Date.now()}`;

describe('two gateway instances on one Redis', () => {
  const harnesses: Harness[] = [];
  const redis = createClient({ url: REDIS_URL });
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
    await deleteRedisKeys(`ig:*${tenant}:*`, `ig:*${tenant}-other:*`);
    await redis.quit();
  });

  async function instance(tenantId: string): Promise<Harness> {
    const h = await startHarness({ env: { REDIS_URL, TENANT_ID: tenantId } });
    harnesses.push(h);
    return h;
  }

  it('instance B answers from Redis what instance A fetched: 0 vendor calls; another tenant refetches', async () => {
    const a = await instance(tenant);
    const cold = await a.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: 20 });
    expect(cold.errors).toBeUndefined();
    expect(a.totalCalls()).toBeGreaterThan(0);

    // Keys carry the tenant and the credential scope.
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `ig:v${CACHE_SCHEMA_VERSION}:${tenant}:MICRO1:*`, COUNT: 1_000 })) keys.push(...batch);
    expect(keys.some((k) => new RegExp(`^ig:v${CACHE_SCHEMA_VERSION}:[^:]+:MICRO1:[A-Za-z0-9_-]{16}:report:`).test(k))).toBe(true);

    const b = await instance(tenant); // its own simulators, its own empty memory cache
    // As a load balancer would: traffic once /readyz has seen Redis (on a busy host, the first
    // connection can take longer than the cache guard's 250 ms, and a layer that has not connected
    // yet is skipped as a slow one).
    await untilRedisReady(b);
    const warm = await b.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: 20 });
    expect(warm.errors).toBeUndefined();
    expect(b.totalCalls()).toBe(0);
    expect(warm.data).toEqual(cold.data);

    const other = await instance(`${tenant}-other`);
    await other.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: 20 });
    expect(other.totalCalls()).toBe(a.totalCalls());
  });

  async function untilRedisReady(h: Harness): Promise<void> {
    const reachable = async () =>
      (JSON.parse((await h.http('GET', '/readyz')).body) as { cache?: { redisReachable?: boolean } }).cache?.redisReachable === true;
    await eventually(reachable, 'Redis reachable from the second instance', { everyMs: 100 });
  }

  it('reports Redis in /readyz', async () => {
    const h = await instance(tenant);
    // Once its first connection is open (on a busy host, later than the first request can come).
    await untilRedisReady(h);
    const ready = JSON.parse((await h.http('GET', '/readyz')).body) as { status: string; cache: unknown };
    expect(ready).toMatchObject({ status: 'ready', cache: { layers: ['memory', 'redis'], redisReachable: true } });
  });
});
