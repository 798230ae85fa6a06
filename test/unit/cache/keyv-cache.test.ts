import pino from 'pino';
import { KeyvCache } from '../../../src/cache/keyv-cache';

const logger = pino({ level: 'silent' });

describe('KeyvCache (in-memory LRU only)', () => {
  let cache: KeyvCache;
  beforeEach(() => {
    cache = new KeyvCache({ maxItems: 100, redisUrl: null, logger });
  });
  afterEach(() => cache.close());

  it('stores JSON values with a TTL in seconds and reports a miss as undefined', async () => {
    await cache.set('a', { v: { n: 1 } }, 60);
    expect(await cache.get('a')).toEqual({ v: { n: 1 } });
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.getMany(['missing', 'a'])).toEqual([undefined, { v: { n: 1 } }]);
  });

  it('expires entries after their TTL', async () => {
    await cache.set('short', 1, 0.05);
    expect(await cache.get('short')).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('never stores an entry without a positive TTL', async () => {
    await cache.set('zero', 1, 0);
    expect(await cache.get('zero')).toBeUndefined();
  });

  it('is bounded: the least recently used entries are evicted', async () => {
    const small = new KeyvCache({ maxItems: 100, redisUrl: null, logger });
    for (let i = 0; i < 150; i += 1) await small.set(`k${i}`, i, 60);
    expect(await small.get('k0')).toBeUndefined();
    expect(await small.get('k149')).toBe(149);
    await small.close();
  });

  it('reports its layers', async () => {
    expect(await cache.status()).toEqual({ layers: ['memory'], redisReachable: null, redisInUse: null });
  });
});
