/**
 * The webhook store contract, in memory and on the real Redis: a delivery is stored once (a
 * duplicate is refused), and per interview only events not older than the applied one advance.
 */
import { createClient } from '@keyv/redis';
import { Provider } from '../../src/domain/provider';
import { MemoryWebhookStore, notOlder, RedisWebhookStore, type StoredWebhook, type WebhookStore } from '../../src/webhooks/webhook-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tenants: string[] = [];

const implementations: Array<[string, () => WebhookStore]> = [
  ['memory', () => new MemoryWebhookStore()],
  [
    'redis',
    () => {
      const tenant = `wh-${process.pid}-${Date.now()}-${tenants.length}`;
      tenants.push(tenant);
      return new RedisWebhookStore(REDIS_URL, tenant);
    },
  ],
];

afterAll(async () => {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for (const tenant of tenants) for await (const keys of redis.scanIterator({ MATCH: `ig:wh:v1:${tenant}:*` })) if (keys.length) await redis.del(keys);
  await redis.quit();
});

const delivery = (dedupeKey: string): StoredWebhook => ({
  provider: Provider.MICRO1,
  type: 'interview_report.created',
  dedupeKey,
  interviewLocator: 'i~c',
  receivedAt: '2026-01-01T00:00:00.000Z',
  body: { event: 'interview_report.created' },
});

describe('notOlder', () => {
  it.each([
    [{ occurredAt: '2026-01-02', stage: 1 }, { occurredAt: '2026-01-01', stage: 4 }, true],
    [{ occurredAt: '2026-01-01', stage: 4 }, { occurredAt: '2026-01-02', stage: 1 }, false],
    [{ occurredAt: '2026-01-01', stage: 4 }, { occurredAt: '2026-01-01', stage: 2 }, true],
    [{ occurredAt: '2026-01-01', stage: 2 }, { occurredAt: '2026-01-01', stage: 4 }, false],
    [{ occurredAt: null, stage: 4 }, { occurredAt: '2026-01-01', stage: 2 }, true],
    [{ occurredAt: null, stage: 2 }, { occurredAt: '2026-01-01', stage: 4 }, false],
    [{ occurredAt: null, stage: 3 }, { occurredAt: null, stage: 3 }, true],
  ])('%j after %j: %s', (next, applied, expected) => {
    expect(notOlder(next, applied)).toBe(expected);
  });
});

describe.each(implementations)('%s webhook store', (_name, make) => {
  let store: WebhookStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it('stores a delivery once; the same key again is a duplicate', async () => {
    expect(await store.store(delivery('k1'), 60)).toBe(true);
    expect(await store.store(delivery('k1'), 60)).toBe(false);
    expect(await store.store(delivery('k2'), 60)).toBe(true);
  });

  it('stores exactly one of many concurrent identical deliveries', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.store(delivery('race'), 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('advances an interview only to a version not older than the applied one', async () => {
    expect(await store.advance(Provider.MICRO1, 'i~c', { occurredAt: '2026-01-01T10:00:00.000Z', stage: 2 }, 60)).toBe(true);
    expect(await store.advance(Provider.MICRO1, 'i~c', { occurredAt: '2026-01-01T12:00:00.000Z', stage: 4 }, 60)).toBe(true);
    expect(await store.advance(Provider.MICRO1, 'i~c', { occurredAt: '2026-01-01T11:00:00.000Z', stage: 3 }, 60)).toBe(false);
    expect(await store.advance(Provider.MICRO1, 'i~c', { occurredAt: null, stage: 3 }, 60)).toBe(false);
    expect(await store.advance(Provider.MICRO1, 'i~c', { occurredAt: null, stage: 4 }, 60)).toBe(true);
    expect(await store.advance(Provider.HEYMILO, 'i~c', { occurredAt: null, stage: 1 }, 60)).toBe(true); // other provider
    expect(await store.current(Provider.MICRO1, 'i~c')).toEqual({ occurredAt: null, stage: 4 });
    expect(await store.current(Provider.MICRO1, 'nope')).toBeNull();
  });
});

describe('redis webhook store when Redis is unreachable', () => {
  it('fails fast (so the route answers 503 and the vendor retries) instead of hanging', async () => {
    const store = new RedisWebhookStore('redis://127.0.0.1:1', 'down');
    try {
      const started = Date.now();
      await expect(store.store(delivery('x'), 60)).rejects.toThrow('Redis is not reachable');
      // At most the Redis guard's 250 ms timeout.
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      // A connection left open would keep reconnecting, and keep jest from exiting.
      await store.close();
    }
  });
});
