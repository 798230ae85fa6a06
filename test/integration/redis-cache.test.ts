import { createClient } from '@keyv/redis';
import pino from 'pino';
import { KeyvCache } from '../../src/cache/keyv-cache';
import { startSlowProxy } from '../support/slow-redis-proxy';

/**
 * The two-layer cache against the real Redis server (REDIS_URL, default 127.0.0.1:6379).
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const prefix = `test:${process.pid}:${Date.now()}`;

describe('KeyvCache on Redis', () => {
  const redis = createClient({ url: REDIS_URL });
  beforeAll(() => redis.connect());
  afterAll(async () => {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  it('writes through to Redis with the TTL, and a second instance (another gateway) reads it', async () => {
    const a = new KeyvCache({ maxItems: 100, redisUrl: REDIS_URL, logger });
    const b = new KeyvCache({ maxItems: 100, redisUrl: REDIS_URL, logger });
    try {
      await a.set(`${prefix}:report`, { v: { score: 85 } }, 120);
      const ttl = await redis.pTTL(`${prefix}:report`);
      expect(ttl).toBeGreaterThan(100_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
      expect(JSON.parse((await redis.get(`${prefix}:report`)) as string)).toMatchObject({ value: { v: { score: 85 } } });
      expect(await b.get(`${prefix}:report`)).toEqual({ v: { score: 85 } });
      expect(await b.getMany([`${prefix}:nope`, `${prefix}:report`])).toEqual([undefined, { v: { score: 85 } }]);
      expect(await a.status()).toEqual({ layers: ['memory', 'redis'], redisReachable: true, redisInUse: true });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('deletes from both layers', async () => {
    const a = new KeyvCache({ maxItems: 100, redisUrl: REDIS_URL, logger });
    try {
      await a.set(`${prefix}:gone`, 1, 60);
      await a.delete(`${prefix}:gone`);
      expect(await redis.exists(`${prefix}:gone`)).toBe(0);
      expect(await a.get(`${prefix}:gone`)).toBeUndefined();
    } finally {
      await a.close();
    }
  });

  it('a dead Redis (connection refused) costs no wait: every operation is an L1 answer or a miss at once', async () => {
    const down = new KeyvCache({ maxItems: 100, redisUrl: 'redis://127.0.0.1:1', logger, guard: { timeoutMs: 200, failures: 3, probeAfterMs: 60_000 } });
    try {
      for (let i = 0; i < 3; i += 1) await down.get(`${prefix}:warmup:${i}`);
      const started = performance.now();
      for (let i = 0; i < 50; i += 1) expect(await down.get(`${prefix}:absent:${i}`)).toBeUndefined();
      await down.set(`${prefix}:l1`, 'kept', 60);
      expect(await down.get(`${prefix}:l1`)).toBe('kept');
      // 52 operations, none waiting on Redis (a connect timeout alone would be 500 ms each; the
      // bound is loose for a busy CI host, and still under two such waits).
      expect(performance.now() - started).toBeLessThan(900);
      expect(await down.status()).toMatchObject({ redisReachable: false });
    } finally {
      await down.close();
    }
  });

  it('a slow Redis is skipped after operations time out, and the layer comes back by itself once Redis is fast again', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const slow = new KeyvCache({ maxItems: 100, redisUrl: proxy.url, logger, guard: { timeoutMs: 100, failures: 2, probeAfterMs: 300 } });
    try {
      await slow.set(`${prefix}:shared`, 'from-redis', 60);
      expect(await redis.get(`${prefix}:shared`)).not.toBeNull(); // through the proxy, into Redis
      proxy.delayMs = 1_000;
      // Each answer is held 1 s; the guard gives up after 100 ms, twice, then skips Redis.
      const started = performance.now();
      for (let i = 0; i < 10; i += 1) expect(await slow.get(`${prefix}:absent:${i}`)).toBeUndefined();
      // Waiting on Redis would take 10 × 1 s; skipping it takes 2 × 100 ms plus the host's own
      // pace (bounded loosely: on a busy 2-core CI host the event loop alone adds hundreds of ms).
      expect(performance.now() - started).toBeLessThan(1_000);
      expect((await slow.status()).redisInUse).toBe(false);

      proxy.delayMs = 0;
      // A second instance wrote a value meanwhile: once the probe succeeds, reads see Redis again.
      const other = new KeyvCache({ maxItems: 10, redisUrl: REDIS_URL, logger });
      await other.set(`${prefix}:later`, 'written-elsewhere', 60);
      await other.close();
      await new Promise((resolve) => setTimeout(resolve, 1_300)); // held answers drain, the probe is due
      let seen: unknown;
      // A probe that a busy host makes miss its 100 ms reopens the breaker for 300 ms: the next
      // read after that is the next probe.
      for (let i = 0; i < 8 && seen === undefined; i += 1) {
        seen = await slow.get(`${prefix}:later`);
        if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 350));
      }
      expect(seen).toBe('written-elsewhere');
      expect((await slow.status()).redisInUse).toBe(true);
    } finally {
      await slow.close();
      await proxy.close();
    }
  });

  it('treats an unreachable Redis as misses and keeps serving from memory', async () => {
    const down = new KeyvCache({ maxItems: 100, redisUrl: 'redis://127.0.0.1:1', logger });
    try {
      await down.set(`${prefix}:local`, 7, 60);
      expect(await down.get(`${prefix}:local`)).toBe(7);
      expect(await down.get(`${prefix}:absent`)).toBeUndefined();
      expect(await down.status()).toEqual({ layers: ['memory', 'redis'], redisReachable: false, redisInUse: expect.any(Boolean) });
    } finally {
      await down.close();
    }
  });
});
