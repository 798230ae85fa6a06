import { createClient } from '@keyv/redis';
import pino from 'pino';
import { KeyvCache } from '../../src/cache/keyv-cache';
import { startSlowProxy } from '../support/slow-redis-proxy';
import { eventually, timed } from '../support/timing';
import { deleteRedisKeys } from '../support/redis-keys';

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
    await deleteRedisKeys(`${prefix}*`);
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
    const guard = { timeoutMs: 200, failures: 3, probeAfterMs: 60_000 };
    const down = new KeyvCache({ maxItems: 100, redisUrl: 'redis://127.0.0.1:1', logger, guard });
    try {
      for (let i = 0; i < guard.failures; i += 1) await down.get(`${prefix}:warmup:${i}`);
      const { ms } = await timed(async () => {
        for (let i = 0; i < 50; i += 1) expect(await down.get(`${prefix}:absent:${i}`)).toBeUndefined();
        await down.set(`${prefix}:l1`, 'kept', 60);
        expect(await down.get(`${prefix}:l1`)).toBe('kept');
      });
      // 52 operations from memory, together less than two waits on Redis (each would cost the
      // guard's timeout): room for a busy host's pauses, none for a wait per operation.
      expect(ms).toBeLessThan(2 * guard.timeoutMs);
      expect(await down.status()).toMatchObject({ redisReachable: false });
    } finally {
      await down.close();
    }
  });

  it('a slow Redis is skipped after operations time out, and the layer comes back by itself once Redis is fast again', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const guard = { timeoutMs: 100, failures: 2, probeAfterMs: 300 };
    const slow = new KeyvCache({ maxItems: 100, redisUrl: proxy.url, logger, guard });
    try {
      await slow.set(`${prefix}:shared`, 'from-redis', 60);
      expect(await redis.get(`${prefix}:shared`)).not.toBeNull(); // through the proxy, into Redis
      proxy.delayMs = 1_000;
      // Each answer is held 1 s; the guard gives up after 100 ms, twice, then skips Redis.
      const { ms } = await timed(async () => {
        for (let i = 0; i < 10; i += 1) expect(await slow.get(`${prefix}:absent:${i}`)).toBeUndefined();
      });
      // Skipping Redis costs the two timeouts; twice that leaves room for a busy host's pauses and
      // none for waiting on Redis (10 × 100 ms without the skip, 10 × 1 s without the timeout).
      expect(ms).toBeLessThan(2 * guard.failures * guard.timeoutMs);
      expect((await slow.status()).redisInUse).toBe(false);

      proxy.delayMs = 0;
      // A second instance wrote a value meanwhile: once a probe succeeds, reads see Redis again. A
      // probe a busy host makes miss its 100 ms reopens the breaker for 300 ms: the next read after
      // that is the next probe.
      const other = new KeyvCache({ maxItems: 10, redisUrl: REDIS_URL, logger });
      await other.set(`${prefix}:later`, 'written-elsewhere', 60);
      await other.close();
      await eventually(async () => (await slow.get(`${prefix}:later`)) === 'written-elsewhere', 'reads see Redis again', { everyMs: 50 });
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
