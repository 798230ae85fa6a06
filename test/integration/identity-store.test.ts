/**
 * The identity store contract, run against both implementations: in memory, and on the real
 * Redis (REDIS_URL, default 127.0.0.1:6379) that several gateway instances share.
 */
import { Provider } from '../support/providers';
import type { Provider as ProviderName } from '../../src/domain/provider';
import type { IdentityStore, IndexedRef } from '../../src/identity/identity-store';
import { MemoryIdentityStore } from '../../src/identity/memory-identity-store';
import { RedisIdentityStore } from '../../src/identity/redis-identity-store';
import { STORE_GUARD } from '../../src/infra/redis-guard';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `store-${process.pid}-${Date.now()}`;
let tenants = 0;

function ref(provider: ProviderName, locator: string, extra: Partial<IndexedRef> = {}): IndexedRef {
  return { provider, locator, email: null, name: null, candidateProviderId: null, createdAt: null, ...extra };
}

const implementations: Array<[string, () => IdentityStore]> = [
  ['memory', () => new MemoryIdentityStore()],
  [
    'redis',
    () => {
      return new RedisIdentityStore(REDIS_URL, `${RUN}-${(tenants += 1)}`);
    },
  ],
];

afterAll(() => deleteRedisKeys(`ig:idx:v1:${RUN}-*`));

describe.each(implementations)('%s identity store', (_name, make) => {
  let store: IdentityStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it('adds refs idempotently, keeps each (provider, interview) once, never erases a known field', async () => {
    await store.add([{ emailKey: 'ada@example.com', ref: ref(Provider.MICRO1, 'm1', { name: 'Ada', createdAt: '2026-01-02T00:00:00.000Z' }) }]);
    await store.add([
      { emailKey: 'ada@example.com', ref: ref(Provider.MICRO1, 'm1', { candidateProviderId: 'c1' }) },
      { emailKey: 'ada@example.com', ref: ref(Provider.HEYMILO, 'h1') },
      { emailKey: 'bob@example.com', ref: ref(Provider.HEYMILO, 'h2', { name: 'Bob' }) },
    ]);
    const [ada, bob, nobody] = await store.refsFor(['ada@example.com', 'bob@example.com', 'nobody@example.com']);
    expect(ada.sort((a, b) => a.locator.localeCompare(b.locator))).toEqual([
      ref(Provider.HEYMILO, 'h1'),
      ref(Provider.MICRO1, 'm1', { name: 'Ada', createdAt: '2026-01-02T00:00:00.000Z', candidateProviderId: 'c1' }),
    ]);
    expect(bob).toEqual([ref(Provider.HEYMILO, 'h2', { name: 'Bob' })]);
    expect(nobody).toEqual([]);
    expect(await store.count()).toBe(2);
  });

  it('pages emails in order, and searches email and name', async () => {
    const people = ['dan', 'ada', 'cid', 'bea', 'eve'].map((n) => ({
      emailKey: `${n}@example.com`,
      ref: ref(Provider.HEYMILO, n, { name: n === 'cid' ? 'Cid Zorro' : null }),
    }));
    await store.add(people);
    const first = await store.emails({ search: null, after: null, first: 2 });
    expect(first).toEqual({ emailKeys: ['ada@example.com', 'bea@example.com'], hasNext: true });
    const rest = await store.emails({ search: null, after: 'bea@example.com', first: 10 });
    expect(rest).toEqual({ emailKeys: ['cid@example.com', 'dan@example.com', 'eve@example.com'], hasNext: false });
    expect(await store.emails({ search: 'ZORRO', after: null, first: 10 })).toEqual({ emailKeys: ['cid@example.com'], hasNext: false });
    expect(await store.emails({ search: 'ev', after: null, first: 10 })).toEqual({ emailKeys: ['eve@example.com'], hasNext: false });
  });

  it('keeps sync progress per provider', async () => {
    expect((await store.getSyncState(Provider.MICRO1)).checkpoint).toBeNull();
    const state = {
      checkpoint: 'c',
      resume: 'r',
      lastSyncAt: null,
      lastAttemptAt: '2026-01-01T00:00:00.000Z',
      lastError: 'x',
      lastErrorAt: null,
      passRefs: 3,
      passFull: true,
      fullPassAt: null,
      indexedAt: '2026-01-01T00:00:01.000Z',
    };
    await store.setSyncState(Provider.MICRO1, state);
    expect(await store.getSyncState(Provider.MICRO1)).toEqual(state);
    expect((await store.getSyncState(Provider.HEYMILO)).resume).toBeNull();
  });

  it('locks a provider for one owner until released or expired', async () => {
    expect(await store.acquireLock(Provider.HEYMILO, 'a', 200)).toBe(true);
    expect(await store.acquireLock(Provider.HEYMILO, 'b', 200)).toBe(false);
    expect(await store.acquireLock(Provider.HEYMILO, 'a', 200)).toBe(true); // renew
    expect(await store.acquireLock(Provider.MICRO1, 'b', 200)).toBe(true); // other provider
    await store.releaseLock(Provider.HEYMILO, 'b'); // not b's: no effect
    expect(await store.acquireLock(Provider.HEYMILO, 'b', 200)).toBe(false);
    await new Promise((r) => setTimeout(r, 260)); // a died: its lock expires
    expect(await store.acquireLock(Provider.HEYMILO, 'b', 200)).toBe(true);
    await store.releaseLock(Provider.HEYMILO, 'b');
    expect(await store.acquireLock(Provider.HEYMILO, 'c', 200)).toBe(true);
  });
});

describe('redis identity store when Redis is unreachable', () => {
  it('fails fast with a clear error instead of hanging', async () => {
    const store = new RedisIdentityStore('redis://127.0.0.1:1', 'down');
    try {
      const started = Date.now();
      await expect(store.refsFor(['a@example.com'])).rejects.toThrow('identity index: Redis is not reachable');
      // Never longer than the stores' guard holds an operation: its timeout, with a stalled event
      // loop's lateness given back up to 4 × (MAX_WAIT_FACTOR, infra/redis-guard.ts).
      expect(Date.now() - started).toBeLessThan(4 * STORE_GUARD.timeoutMs);
    } finally {
      // A connection left open would keep reconnecting, and keep jest from exiting.
      await store.close();
    }
  });
});
