/**
 * Three gateway replicas (three servers on loopback) on one real Redis (REDIS_URL, default
 * 127.0.0.1:6379) and one set of simulators, as behind a load balancer: they spend one vendor
 * budget between them, and an outage one of them has seen fails fast on all.
 */
import { createClient } from '@keyv/redis';
import { startHarness, type Harness } from '../support/harness';
import { Provider } from '../support/providers';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tenant = `replicas-${process.pid}-${Date.now()}`;

describe('three replicas, one Redis, one set of simulators', () => {
  const replicas: Harness[] = [];
  const redis = createClient({ url: REDIS_URL });

  beforeAll(async () => {
    await redis.connect();
    const env = {
      REDIS_URL,
      TENANT_ID: tenant,
      HEYMILO_RATE_LIMIT_PER_MINUTE: '5',
      // Every read below must reach the vendor layer.
      RESPONSE_CACHE_ENABLED: 'false',
    };
    const first = await startHarness({ env });
    replicas.push(first);
    for (let i = 0; i < 2; i += 1) replicas.push(await startHarness({ env, sandbox: first.sandbox }));
  });

  afterAll(async () => {
    // The first owns the simulators: it goes last.
    for (const h of [...replicas].reverse()) await h.close();
    await deleteRedisKeys(`ig:*${tenant}*`);
    await redis.quit();
  });

  it("a burst of uncached reads spread over the replicas spends at most the vendor's budget in aggregate; the rest are VENDOR_RATE_LIMITED", async () => {
    const [a] = replicas;
    a.resetCalls();
    // 15 distinct pages (none cached), five to each replica, all at once.
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => replicas[i % 3].query(`{ interviewTemplates(provider: HEYMILO, first: ${i + 1}) { edges { node { id } } } }`)),
    );
    const calls = Object.values(a.calls().HEYMILO ?? {}).reduce((sum, n) => sum + n, 0);
    expect(calls).toBe(5);
    const served = results.filter((r) => r.errors === undefined);
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.code === 'VENDOR_RATE_LIMITED');
    expect(served).toHaveLength(5);
    expect(limited).toHaveLength(10);
    for (const r of limited) expect(r.errors?.[0]?.extensions).toMatchObject({ provider: 'HEYMILO', retryAfterSeconds: expect.any(Number) });
  });

  it('an outage seen by one replica fails fast on the others: VENDOR_UNAVAILABLE with circuitOpen and no vendor call', async () => {
    const [a, b, c] = replicas;
    a.setKnobs(Provider.XOBIN, { outage: true });
    const query = '{ interviews(provider: XOBIN, first: 3) { edges { node { id } } } }';
    // Replica A alone meets the outage until its breaker opens (5 failures in a row; retries count).
    let opened = false;
    for (let i = 0; i < 10 && !opened; i += 1) {
      const result = await a.query(query);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', provider: 'XOBIN' });
      opened = result.errors?.[0]?.extensions?.circuitOpen === true;
    }
    expect(opened).toBe(true);

    a.resetCalls();
    for (const replica of [b, c]) {
      const result = await replica.query(query);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'VENDOR_UNAVAILABLE', provider: 'XOBIN', circuitOpen: true });
    }
    expect(a.calls().XOBIN ?? {}).toEqual({});
    const health = await b.query('{ providers { provider health { breaker } } }');
    const xobin = ((health.data?.providers ?? []) as Array<{ provider: string; health: { breaker: string } }>).find((p) => p.provider === 'XOBIN');
    expect(xobin?.health.breaker).toBe('OPEN');
  });
});
