/**
 * The webhook store contract, in memory and on the real Redis: a delivery is stored once (a
 * duplicate is refused), and per interview only events not older than the applied one advance.
 */
import { Provider } from '../support/providers';
import { ScoreScale } from '../../src/domain/model';
import { STORE_GUARD } from '../../src/infra/redis-guard';
import { HELD_PER_REPORT, MemoryWebhookStore, notOlder, RedisWebhookStore, type StoredWebhook, type WebhookStore } from '../../src/webhooks/webhook-store';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `wh-${process.pid}-${Date.now()}`;
let tenants = 0;

const implementations: Array<[string, () => WebhookStore]> = [
  ['memory', () => new MemoryWebhookStore()],
  [
    'redis',
    () => {
      return new RedisWebhookStore(REDIS_URL, `${RUN}-${(tenants += 1)}`);
    },
  ],
];

afterAll(() => deleteRedisKeys(`ig:wh:v1:${RUN}-*`));

const delivery = (dedupeKey: string, receipt = `receipt-${dedupeKey}-${Math.random()}`): StoredWebhook => ({
  receipt,
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
    expect(await store.store([delivery('k1')], 60, 0)).toEqual([true]);
    expect(await store.store([delivery('k1'), delivery('k2')], 60, 0)).toEqual([false, true]);
  });

  it('stores exactly one of many concurrent identical deliveries', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.store([delivery('race')], 60, 0)));
    expect(results.flat().filter(Boolean)).toHaveLength(1);
  });

  it('a write of the same receipt again (its first answer lost) is told it stored it, not that it is a duplicate', async () => {
    const mine = delivery('again');
    expect(await store.store([mine], 60, 0)).toEqual([true]);
    expect(await store.store([mine], 60, 0)).toEqual([true]);
    expect(await store.store([{ ...mine, receipt: 'another' }], 60, 0)).toEqual([false]);
    expect(await store.unapplied()).toBe(1);
  });

  it('keeps a stored delivery unapplied until settled; a due one is claimed by one taker at a time', async () => {
    const [a, b] = [delivery('a'), delivery('b')];
    await store.store([a], 60, 1_000);
    await store.store([b], 60, 5_000);
    expect(await store.unapplied()).toBe(2);
    expect(await store.claimUnapplied(10, 999, 10_000)).toEqual([]);
    const [first, second] = await Promise.all([store.claimUnapplied(10, 1_000, 10_000), store.claimUnapplied(10, 1_000, 10_000)]);
    expect([first, second].sort((x, y) => y.length - x.length)).toEqual([[a], []]);
    // Put off to the claim's retry time: offered again then, unless settled.
    expect(await store.claimUnapplied(10, 9_999, 20_000)).toEqual([b]);
    expect(await store.claimUnapplied(10, 10_000, 30_000)).toEqual([a]);
    await store.settle(a.provider, a.dedupeKey);
    expect(await store.claimUnapplied(10, 100_000, 110_000)).toEqual([b]);
    expect(await store.unapplied()).toBe(1);
    // A settled delivery is still a duplicate.
    expect(await store.store([delivery('a')], 60, 0)).toEqual([false]);
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

  it('holds amendments of a report until released, oldest first, the newest 16 at most', async () => {
    const part = (n: number) => ({
      reportProviderId: 'r1',
      candidateProviderId: 'c1',
      integrityScore: { value: null, raw: n, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label: null },
    });
    expect(await store.held(Provider.MICRO1, 'r1')).toEqual([]);
    await store.hold(Provider.MICRO1, part(1), 60);
    await store.hold(Provider.MICRO1, part(2), 60);
    await store.hold(Provider.HEYMILO, part(3), 60); // another provider's report of the same id
    const taken = await store.held(Provider.MICRO1, 'r1');
    expect(taken).toEqual([part(1), part(2)]);
    // Still there until released (an apply that fails midway loses none); one arriving meanwhile stays.
    expect(await store.held(Provider.MICRO1, 'r1')).toEqual(taken);
    await store.hold(Provider.MICRO1, part(4), 60);
    await Promise.all([store.releaseHeld(Provider.MICRO1, 'r1', taken), store.releaseHeld(Provider.MICRO1, 'r1', taken)]);
    expect(await store.held(Provider.MICRO1, 'r1')).toEqual([part(4)]);
    expect(await store.held(Provider.HEYMILO, 'r1')).toEqual([part(3)]);
    await store.releaseHeld(Provider.MICRO1, 'r1', [part(4)]);
    for (let n = 0; n < HELD_PER_REPORT + 4; n += 1) await store.hold(Provider.MICRO1, part(n), 60);
    const kept = await store.held(Provider.MICRO1, 'r1');
    expect(kept.map((p) => p.integrityScore?.raw)).toEqual(Array.from({ length: HELD_PER_REPORT }, (_, i) => i + 4));
  });
});

describe('memory webhook store bounds', () => {
  it('expires held amendments after their TTL', async () => {
    let now = 0;
    const store = new MemoryWebhookStore(() => now);
    await store.hold(Provider.MICRO1, { reportProviderId: 'r1', candidateProviderId: null }, 60);
    now = 61_000;
    expect(await store.held(Provider.MICRO1, 'r1')).toEqual([]);
  });

  it('keeps deliveries within its byte budget: 1 MB bodies from a sender past 64 MB push the oldest out', async () => {
    const store = new MemoryWebhookStore();
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 80; i += 1) await store.store([{ ...delivery(`big-${i}`), body: big }], 3600, 0);
    const kept = store.all();
    expect(kept.length).toBeLessThan(64);
    expect(kept[kept.length - 1].dedupeKey).toBe('big-79');
    expect(kept.some((d) => d.dedupeKey === 'big-0')).toBe(false);
  });
});

describe('redis webhook store when Redis is unreachable', () => {
  it('fails fast (so the route answers 503 and the vendor retries) instead of hanging', async () => {
    const store = new RedisWebhookStore('redis://127.0.0.1:1', 'down');
    try {
      const started = Date.now();
      await expect(store.store([delivery('x')], 60, 0)).rejects.toThrow('Redis is not reachable');
      // Never longer than the stores' guard holds an operation: its timeout, with a stalled event
      // loop's lateness given back up to 4 × (MAX_WAIT_FACTOR, infra/redis-guard.ts).
      expect(Date.now() - started).toBeLessThan(4 * STORE_GUARD.timeoutMs);
    } finally {
      // A connection left open would keep reconnecting, and keep jest from exiting.
      await store.close();
    }
  });
});
