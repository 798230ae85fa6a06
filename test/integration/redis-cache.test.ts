import { createClient } from '@keyv/redis';
import pino from 'pino';
import { KeyvCache } from '../../src/cache/keyv-cache';

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
      expect(await a.status()).toEqual({ layers: ['memory', 'redis'], redisReachable: true });
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

  it('treats an unreachable Redis as misses and keeps serving from memory', async () => {
    const down = new KeyvCache({ maxItems: 100, redisUrl: 'redis://127.0.0.1:1', logger });
    try {
      await down.set(`${prefix}:local`, 7, 60);
      expect(await down.get(`${prefix}:local`)).toBe(7);
      expect(await down.get(`${prefix}:absent`)).toBeUndefined();
      expect(await down.status()).toEqual({ layers: ['memory', 'redis'], redisReachable: false });
    } finally {
      await down.close();
    }
  });
});
