import pino from 'pino';
import { CacheKeys } from '../../../src/cache/cache-keys';
import { KeyvCache } from '../../../src/cache/keyv-cache';
import { TtlPolicy } from '../../../src/cache/ttl-policy';
import { type CandidateAccount, type Interview, InterviewStatus } from '../../../src/domain/model';
import { ErrorCode } from '../../../src/errors/error-code';
import { NotFoundError } from '../../../src/errors/not-found.error';
import { VendorError } from '../../../src/errors/vendor.error';
import { createLoaders, type LoaderDeps } from '../../../src/loaders/create-loaders';
import { entityRef as refKey } from '../../../src/store/entity-ref';
import { EntityStore } from '../../../src/store/entity-store';
import type { BatchResult } from '../../../src/vendors/vendor-adapter';
import { VendorRegistry } from '../../../src/vendors/vendor-registry';
import { FakeAdapter, fakeInterview, fakeReport, Provider } from '../../support/fake-adapter';

const logger = pino({ level: 'silent' });
const ttl = { completedSeconds: 3600, activeSeconds: 30, listSeconds: 60, templateSeconds: 300, staleIfErrorSeconds: 0 };

function setup() {
  const a = new FakeAdapter(
    Provider.MICRO1,
    ['a1', 'a2', 'a3'].map((l) => fakeInterview(Provider.MICRO1, l)),
    [fakeReport(Provider.MICRO1, 'a1'), fakeReport(Provider.MICRO1, 'a2')],
  );
  const b = new FakeAdapter(Provider.HEYMILO, [fakeInterview(Provider.HEYMILO, 'b1', InterviewStatus.IN_PROGRESS)], []);
  const registry = new VendorRegistry([a.descriptor, b.descriptor], [a, b], true);
  const cache = new KeyvCache({ maxItems: 1000, redisUrl: null, logger });
  const storeFor = (tenant: string) => new EntityStore({ registry, cache, keys: new CacheKeys(tenant), ttl: new TtlPolicy(ttl), logger });
  const store = storeFor('t1');
  const deps: LoaderDeps = { store, logger };
  return { a, b, deps, cache, store, storeFor };
}

describe('createLoaders', () => {
  it('answers keys in order, batching one adapter call per provider, null for unknown ids', async () => {
    const { a, b, deps } = setup();
    const loaders = createLoaders(deps);
    const keys = [refKey(Provider.HEYMILO, 'b1'), refKey(Provider.MICRO1, 'a2'), refKey(Provider.MICRO1, 'zz'), refKey(Provider.MICRO1, 'a1')];
    const values = await loaders.interviewByLocator.loadMany(keys);
    expect(values.map((v) => (v && !(v instanceof Error) ? v.locator : v))).toEqual(['b1', 'a2', null, 'a1']);
    expect(a.calls).toEqual([{ method: 'getInterviews', locators: ['a2', 'zz', 'a1'] }]);
    expect(b.calls).toEqual([{ method: 'getInterviews', locators: ['b1'] }]);
  });

  it('gives a failed key its own error and still answers the others', async () => {
    const { a, deps } = setup();
    a.fail.set('a2', new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, Provider.MICRO1));
    const values = await createLoaders(deps).interviewByLocator.loadMany([refKey(Provider.MICRO1, 'a1'), refKey(Provider.MICRO1, 'a2')]);
    expect((values[0] as { locator: string }).locator).toBe('a1');
    expect(values[1]).toBeInstanceOf(VendorError);
    expect((values[1] as VendorError).extensions).toEqual({ code: 'VENDOR_BAD_RESPONSE', provider: 'MICRO1' });
  });

  it('serves a second request from the cache without calling the vendor, and never caches errors', async () => {
    const { a, deps } = setup();
    a.fail.set('a3', new VendorError(ErrorCode.VENDOR_UNAVAILABLE, Provider.MICRO1));
    const keys = ['a1', 'a3', 'zz'].map((l) => refKey(Provider.MICRO1, l));
    await createLoaders(deps).interviewByLocator.loadMany(keys);
    a.fail.clear();
    const second = await createLoaders(deps).interviewByLocator.loadMany(keys);
    expect(second.map((v) => (v && !(v instanceof Error) ? v.locator : v))).toEqual(['a1', 'a3', null]);
    // Only the errored key went back to the vendor; the cached "none" for zz did not.
    expect(a.calls.map((c) => c.locators)).toEqual([['a1', 'a3', 'zz'], ['a3']]);
  });

  it('never caches `raw`: it is present on fresh objects and fetched anew for cached ones', async () => {
    const { a, deps } = setup();
    const first = await createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    expect(first?.raw).toEqual({ vendor: 'payload' });
    const loaders = createLoaders(deps);
    const cached = await loaders.interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    expect(cached).not.toHaveProperty('raw');
    expect(await loaders.rawByEntity.load({ kind: 'Interview', provider: Provider.MICRO1, locator: 'a1' })).toEqual({ vendor: 'payload' });
    expect(a.count('getInterviews')).toBe(2);
  });

  it('makes one vendor call for concurrent misses of the same key from different requests', async () => {
    const { a, deps } = setup();
    a.delayMs = 30;
    const results = await Promise.all(Array.from({ length: 5 }, () => createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a2'))));
    expect(results.every((r) => r?.locator === 'a2')).toBe(true);
    expect(a.count('getInterviews')).toBe(1);
  });

  it('shares a failure with the concurrent requests that joined it', async () => {
    const { a, deps } = setup();
    a.delayMs = 30;
    a.fail.set('a2', new VendorError(ErrorCode.VENDOR_TIMEOUT, Provider.MICRO1));
    const results = await Promise.allSettled([1, 2, 3].map(() => createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a2'))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(a.count('getInterviews')).toBe(1);
  });

  it('primes and caches what a list brought along: following nodes and their reports costs no call', async () => {
    const { a, deps } = setup();
    const loaders = createLoaders(deps);
    const page = await loaders.listInterviews(Provider.MICRO1, { first: 3, after: null });
    expect(page.edges.map((e) => e.node.locator)).toEqual(['a1', 'a2', 'a3']);
    const reports = await Promise.all(page.edges.map((e) => loaders.reportForInterview(Provider.MICRO1, e.node.locator)));
    expect(reports.map((r) => r?.locator ?? null)).toEqual(['r-a1', 'r-a2', null]);
    expect(a.calls.map((c) => c.method)).toEqual(['listInterviews']);

    // A new request: list and reports come from the cache.
    const again = createLoaders(deps);
    const cachedPage = await again.listInterviews(Provider.MICRO1, { first: 3, after: null });
    await Promise.all(cachedPage.edges.map((e) => again.reportForInterview(Provider.MICRO1, e.node.locator)));
    await again.interviewByLocator.load(refKey(Provider.MICRO1, 'a2'));
    expect(a.calls.map((c) => c.method)).toEqual(['listInterviews']);
  });

  it('keys the cache by tenant and credential: another scope does not see the entry', async () => {
    const { a, deps, storeFor } = setup();
    await createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    const otherTenant = createLoaders({ ...deps, store: storeFor('t2') });
    await otherTenant.interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    expect(a.count('getInterviews')).toBe(2);
  });

  it('answers VENDOR_NOT_CONFIGURED for a provider without an adapter', async () => {
    const { deps } = setup();
    await expect(createLoaders(deps).interviewByLocator.load(refKey(Provider.XOBIN, 'x'))).rejects.toMatchObject({
      extensions: { code: 'VENDOR_NOT_CONFIGURED', provider: 'XOBIN' },
    });
  });

  it('turns an adapter that throws an untyped error into VENDOR_BAD_RESPONSE for its keys', async () => {
    const { a, deps } = setup();
    a.getReports = async () => {
      throw new TypeError('boom');
    };
    await expect(createLoaders(deps).reportByLocator.load(refKey(Provider.MICRO1, 'r-a1'))).rejects.toMatchObject({
      extensions: { code: 'VENDOR_BAD_RESPONSE', provider: 'MICRO1' },
    });
  });

  it('passes typed NOT_FOUND errors through', async () => {
    const { a, deps } = setup();
    a.fail.set('a1', new NotFoundError('gone', Provider.MICRO1));
    await expect(createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a1'))).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('EntityStore.write (pushed objects)', () => {
  it('keeps what a partial pushed interview leaves out, and takes what it brings', async () => {
    const { a, deps, store } = setup();
    const listed = await createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    expect(listed?.candidate.name).toBe('Person a1');
    const pushed = {
      ...fakeInterview(Provider.MICRO1, 'a1', InterviewStatus.IN_PROGRESS),
      templateName: null,
      startedAt: '2026-02-01T10:00:00.000Z',
      candidate: { provider: Provider.MICRO1, providerId: 'c-a1', name: null, email: 'a1@example.com' },
    };
    await store.write(Provider.MICRO1, { interviews: [pushed] }, { origin: 'webhook' });
    const after = await createLoaders(deps).interviewByLocator.load(refKey(Provider.MICRO1, 'a1'));
    expect(after).toMatchObject({ status: InterviewStatus.IN_PROGRESS, startedAt: '2026-02-01T10:00:00.000Z', templateName: 'Template' });
    expect(after?.candidate.name).toBe('Person a1');
    expect(a.count('getInterviews')).toBe(1);
  });
});

describe('candidateOf (interviews that name their candidate by id only)', () => {
  const deferred = (locator: string, candidateId: string): Interview => ({
    ...fakeInterview(Provider.MICRO1, locator),
    candidate: { provider: Provider.MICRO1, providerId: candidateId, name: null, email: null, deferred: true },
  });
  const account = (providerId: string, name: string | null, email: string | null) => ({ provider: Provider.MICRO1, providerId, name, email });

  /** `a` answers profiles: c1 exists, any other id is unknown, and `fail` fails an id. */
  function withProfiles() {
    const context = setup();
    const asked: string[][] = [];
    Object.assign(context.a, {
      getCandidates: async (ids: readonly string[]): Promise<BatchResult<CandidateAccount>> => {
        asked.push([...ids]);
        return { results: ids.map((id) => context.a.fail.get(id) ?? (id === 'c1' ? account('c1', 'Ada Lovelace', 'Ada@Example.org') : null)) };
      },
    });
    return { ...context, asked };
  }

  it('looks each distinct candidate up once, in one batch; the next request reads the cache; a known account costs nothing', async () => {
    const { deps, asked } = withProfiles();
    const loaders = createLoaders(deps);
    const known = fakeInterview(Provider.MICRO1, 'a4');
    const accounts = await Promise.all([deferred('a1', 'c1'), deferred('a2', 'c1'), deferred('a3', 'c2'), known].map((i) => loaders.candidateOf(i)));
    expect(accounts).toEqual([
      { ...account('c1', 'Ada Lovelace', 'Ada@Example.org'), deferred: false },
      { ...account('c1', 'Ada Lovelace', 'Ada@Example.org'), deferred: false },
      // Unknown to the vendor (deleted): the id stays, name and email are none.
      { ...account('c2', null, null), deferred: false },
      known.candidate,
    ]);
    expect(asked).toEqual([['c1', 'c2']]);
    expect(await createLoaders(deps).candidateOf(deferred('a5', 'c1'))).toEqual({ ...account('c1', 'Ada Lovelace', 'Ada@Example.org'), deferred: false });
    expect(asked).toHaveLength(1);
  });

  it('a failed lookup fails that candidate alone and is not cached', async () => {
    const { a, deps, asked } = withProfiles();
    a.fail.set('c2', new VendorError(ErrorCode.VENDOR_AUTH_FAILED, Provider.MICRO1));
    const loaders = createLoaders(deps);
    const [ok, failed] = await Promise.allSettled([loaders.candidateOf(deferred('a1', 'c1')), loaders.candidateOf(deferred('a2', 'c2'))]);
    expect(ok).toMatchObject({ status: 'fulfilled', value: { email: 'Ada@Example.org' } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'VENDOR_AUTH_FAILED', provider: 'MICRO1' } } });
    a.fail.clear();
    expect(await createLoaders(deps).candidateOf(deferred('a2', 'c2'))).toEqual({ ...account('c2', null, null), deferred: false });
    expect(asked).toEqual([['c1', 'c2'], ['c2']]);
  });

  it('an account the vendor gave with the interview, or without an id, is never looked up', async () => {
    const { deps, asked } = withProfiles();
    const noId: Interview = { ...fakeInterview(Provider.MICRO1, 'a1'), candidate: { provider: Provider.MICRO1, providerId: null, name: null, email: null } };
    expect(await createLoaders(deps).candidateOf(noId)).toBe(noId.candidate);
    expect(asked).toEqual([]);
  });
});
