import pino from 'pino';
import { CacheKeys } from '../../../src/cache/cache-keys';
import { KeyvCache } from '../../../src/cache/keyv-cache';
import { TtlPolicy } from '../../../src/cache/ttl-policy';
import { InterviewStatus } from '../../../src/domain/model';
import { ErrorCode } from '../../../src/errors/error-code';
import { VendorError } from '../../../src/errors/vendor.error';
import { EntityStore, type StaleServed, type StoreChange, type StoreRead } from '../../../src/store/entity-store';
import { VendorRegistry } from '../../../src/vendors/vendor-registry';
import { FakeAdapter, fakeInterview, fakeReport, Provider } from '../../support/fake-adapter';

const logger = pino({ level: 'silent' });
const ttl = { completedSeconds: 3600, activeSeconds: 30, listSeconds: 60, templateSeconds: 300, staleIfErrorSeconds: 600 };

function setup() {
  const a = new FakeAdapter(
    Provider.MICRO1,
    ['a1', 'a2'].map((l) => fakeInterview(Provider.MICRO1, l)),
    [fakeReport(Provider.MICRO1, 'a1')],
  );
  const registry = new VendorRegistry([a.descriptor], [a], true);
  const cache = new KeyvCache({ maxItems: 1000, redisUrl: null, logger });
  let now = Date.parse('2026-03-01T00:00:00Z');
  const clock = { advance: (seconds: number) => void (now += seconds * 1000) };
  const store = new EntityStore({ registry, cache, keys: new CacheKeys('t1'), ttl: new TtlPolicy(ttl, () => now), logger, now: () => now });
  const changes: StoreChange[] = [];
  store.onChange((change) => void changes.push(change));
  return { a, store, changes, clock };
}

describe('EntityStore', () => {
  it('answers in the order of the locators, one adapter call for the misses, and tells listeners what the vendor said (not cache hits)', async () => {
    const { a, store, changes } = setup();
    const first = await store.load('interview', Provider.MICRO1, ['a2', 'zz', 'a1']);
    expect(first.map((v) => (v && !(v instanceof Error) ? v.locator : v))).toEqual(['a2', null, 'a1']);
    expect(changes).toEqual([{ provider: Provider.MICRO1, origin: 'read', related: { interviews: first.filter(Boolean) }, invalidated: [] }]);
    await store.load('interview', Provider.MICRO1, ['a1', 'zz']);
    expect(a.calls).toEqual([{ method: 'getInterviews', locators: ['a2', 'zz', 'a1'] }]);
    expect(changes).toHaveLength(1);
  });

  it('writes through and waits for its listeners, which already read what was written', async () => {
    const { a, store } = setup();
    const seen: unknown[] = [];
    store.onChange(async (change) => {
      if (change.origin !== 'webhook') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(...(await store.load('interview', Provider.MICRO1, ['a1'])));
    });
    const pushed = { ...fakeInterview(Provider.MICRO1, 'a1', InterviewStatus.IN_PROGRESS), raw: { event: 'interview.started' } };
    await store.write(Provider.MICRO1, { interviews: [pushed] }, { origin: 'webhook', keepRaw: true });
    expect(seen).toEqual([expect.objectContaining({ locator: 'a1', status: InterviewStatus.IN_PROGRESS, raw: { event: 'interview.started' } })]);
    expect(a.calls).toEqual([]);
  });

  it('drops an invalidated interview and its report pointer: the next read asks the vendor; listeners hear which', async () => {
    const { a, store, changes } = setup();
    await store.load('reportPointer', Provider.MICRO1, ['a1']);
    await store.load('interview', Provider.MICRO1, ['a1']);
    changes.length = 0;
    await store.invalidate(Provider.MICRO1, 'a1', { origin: 'webhook' });
    expect(changes).toEqual([{ provider: Provider.MICRO1, origin: 'webhook', related: {}, invalidated: ['a1'] }]);
    await store.load('interview', Provider.MICRO1, ['a1']);
    await store.load('reportPointer', Provider.MICRO1, ['a1']);
    expect(a.calls.map((c) => c.method)).toEqual(['getReportsForInterviews', 'getInterviews', 'getInterviews', 'getReportsForInterviews']);
  });

  it('tells a request what it read and until when it is fresh: a report only until its signed URLs expire', async () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const report = {
      ...fakeReport(Provider.MICRO1, 'a1'),
      recordings: [
        { kind: 'VIDEO', format: 'MP4', url: 'https://x/v.mp4', playerUrl: null, sessionKey: null, expiresAt: new Date(now + 600_000).toISOString() },
      ],
    } as ReturnType<typeof fakeReport>;
    const a = new FakeAdapter(Provider.MICRO1, [fakeInterview(Provider.MICRO1, 'a1')], [report]);
    const store = new EntityStore({
      registry: new VendorRegistry([a.descriptor], [a], true),
      cache: new KeyvCache({ maxItems: 1000, redisUrl: null, logger }),
      keys: new CacheKeys('t1'),
      ttl: new TtlPolicy(ttl, () => now),
      logger,
      now: () => now,
    });
    const reads: StoreRead[] = [];
    const scope = { read: (read: StoreRead) => void reads.push(read) };
    await store.load('interview', Provider.MICRO1, ['a1'], scope);
    await store.load('report', Provider.MICRO1, ['r-a1'], scope);
    await store.load('report', Provider.MICRO1, ['r-a1'], scope); // a cache hit says the same
    expect(reads).toEqual([
      // A finished interview: the completed TTL.
      { kind: 'interview', provider: Provider.MICRO1, key: 'a1', freshUntil: now + 3_600_000 },
      // 600 s of URL life, less the 60 s margin: not the completed TTL of 3,600 s.
      { kind: 'report', provider: Provider.MICRO1, key: 'r-a1', freshUntil: now + 540_000 },
      { kind: 'report', provider: Provider.MICRO1, key: 'r-a1', freshUntil: now + 540_000 },
    ]);
  });

  it('shows a cached list page with each node as its own cached copy now is (a webhook rewrote one)', async () => {
    const { a, store } = setup();
    const before = await store.listInterviews(Provider.MICRO1, { first: 10, after: null } as never);
    expect(before.edges.map((e) => e.node.status)).toEqual([InterviewStatus.COMPLETED, InterviewStatus.COMPLETED]);
    await store.write(Provider.MICRO1, { interviews: [fakeInterview(Provider.MICRO1, 'a2', InterviewStatus.CANCELLED)] }, { origin: 'webhook' });
    const after = await store.listInterviews(Provider.MICRO1, { first: 10, after: null } as never);
    expect(after.edges.map((e) => [e.node.locator, e.node.status])).toEqual([
      ['a1', InterviewStatus.COMPLETED],
      ['a2', InterviewStatus.CANCELLED],
    ]);
    expect(a.calls.filter((c) => c.method === 'listInterviews')).toHaveLength(1);
  });

  it('settled() waits for what reads told the listeners without waiting (shutdown closes their stores after it)', async () => {
    const { store } = setup();
    let release: () => void = () => undefined;
    const learned: string[] = [];
    store.onChange(async (change) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      learned.push(change.origin);
    });
    await store.load('interview', Provider.MICRO1, ['a1']);
    let done = false;
    const settled = store.settled().then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    release();
    await settled;
    expect(learned).toEqual(['read']);
  });

  it('keeps writing when a listener fails', async () => {
    const { a, store } = setup();
    store.onChange(() => {
      throw new Error('listener down');
    });
    await expect(store.write(Provider.MICRO1, { interviews: [fakeInterview(Provider.MICRO1, 'a9')] }, { origin: 'write' })).resolves.toBeUndefined();
    expect(await store.load('interview', Provider.MICRO1, ['a9'])).toEqual([expect.objectContaining({ locator: 'a9' })]);
    expect(a.calls).toEqual([]);
  });

  it('serves a stale copy when the vendor is down and tells the reader which', async () => {
    const { a, store, clock } = setup();
    await store.load('interview', Provider.MICRO1, ['a1']);
    clock.advance(ttl.completedSeconds + 1);
    a.fail.set('a1', new VendorError(ErrorCode.VENDOR_UNAVAILABLE, Provider.MICRO1));
    const stale: StaleServed[] = [];
    const [served] = await store.load('interview', Provider.MICRO1, ['a1'], { staleServed: (s) => void stale.push(s) });
    expect(served).toMatchObject({ locator: 'a1' });
    expect(stale).toEqual([
      { provider: Provider.MICRO1, type: 'Interview', key: 'a1', code: ErrorCode.VENDOR_UNAVAILABLE, staleSince: '2026-03-01T01:00:00.000Z' },
    ]);
  });

  it('answers VENDOR_NOT_CONFIGURED for every key of a provider without credentials here', async () => {
    const { store } = setup();
    const results = await store.load('interview', Provider.XOBIN, ['x1', 'x2']);
    expect(results.map((r) => (r as VendorError).extensions)).toEqual([
      { code: 'VENDOR_NOT_CONFIGURED', provider: 'XOBIN' },
      { code: 'VENDOR_NOT_CONFIGURED', provider: 'XOBIN' },
    ]);
  });

  it("answers an interview's latest report: the report, null when it has none, its vendor's error", async () => {
    const { a, store } = setup();
    expect(await store.latestReport(Provider.MICRO1, 'a1')).toMatchObject({ locator: 'r-a1' });
    expect(await store.latestReport(Provider.MICRO1, 'a2')).toBeNull();
    a.fail.set('a9', new VendorError(ErrorCode.VENDOR_UNAVAILABLE, Provider.MICRO1));
    expect(await store.latestReport(Provider.MICRO1, 'a9')).toBeInstanceOf(VendorError);
  });
});
