import { MemoryInvalidations, TagLedger } from '../../../src/response-cache/invalidation-ledger';
import { type CachedResponse, ResponseCache, entryBytes } from '../../../src/response-cache/response-cache';
import { ResponseDependencies } from '../../../src/response-cache/response-dependencies';
import { collapseTags, MAX_TAGS_PER_INVALIDATION, Tag, tagsOfChange } from '../../../src/response-cache/response-tags';

const entry = (seq: number, tags: string[], body = '{"data":{}}'): CachedResponse => ({
  body,
  contentType: 'application/json; charset=utf-8',
  etag: '"e"',
  operationName: null,
  expiresAt: Date.now() + 60_000,
  tags,
  seq,
});

describe('TenantResponses', () => {
  const setup = (maxBytes = 1024 * 1024) => {
    const cache = new ResponseCache({ maxBytes, maxEntryBytes: 64 * 1024 });
    const invalidations = new MemoryInvalidations(100);
    return { cache, invalidations, tenant: cache.tenant('acme', invalidations) };
  };

  it('evicts exactly the entries carrying an invalidated tag', async () => {
    const { tenant } = setup();
    tenant.set('a', entry(0, ['i|MICRO1|1', 'li|MICRO1']));
    tenant.set('b', entry(0, ['i|MICRO1|2']));
    tenant.set('c', entry(0, []));
    await tenant.invalidate(['i|MICRO1|1']);
    expect(tenant.get('a')).toBeUndefined();
    expect(tenant.get('b')).toBeDefined();
    expect(tenant.get('c')).toBeDefined();
  });

  it('refuses a response whose request started before a change to what it read (the race)', async () => {
    const { tenant, invalidations } = setup();
    const started = await invalidations.current();
    await tenant.invalidate(['i|MICRO1|1']); // a webhook lands while the request executes
    expect(tenant.set('late', entry(started, ['i|MICRO1|1']))).toBe(false);
    expect(tenant.get('late')).toBeUndefined();
    // An unrelated tag changing does not outdate it; a request started after the change is fine.
    expect(tenant.set('other', entry(started, ['i|MICRO1|2']))).toBe(true);
    expect(tenant.set('after', entry(await invalidations.current(), ['i|MICRO1|1']))).toBe(true);
  });

  it('stays within its byte budget under 10,000 distinct responses, and forgets evicted entries’ tags', () => {
    const maxBytes = 200_000;
    const { cache, tenant } = setup(maxBytes);
    const body = JSON.stringify({ data: { x: 'y'.repeat(900) } });
    for (let i = 0; i < 10_000; i += 1) tenant.set(`k${i}`, entry(0, [`i|MICRO1|${i}`, 'li|MICRO1'], body));
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(entries).toBeGreaterThan(50);
    expect(entries).toBeLessThan(250);
    // The tag index holds only what the LRU holds.
    const index = (tenant as unknown as { byTag: Map<string, Set<string>> }).byTag;
    expect(index.get('li|MICRO1')?.size).toBe(entries);
    expect(index.size).toBe(entries + 1);
  });

  it('does not keep a response larger than the entry limit', () => {
    const cache = new ResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 1000 });
    const tenant = cache.tenant('acme', new MemoryInvalidations(10));
    expect(tenant.set('big', entry(0, [], 'x'.repeat(1001)))).toBe(false);
    expect(entryBytes(entry(0, ['t'], 'x'.repeat(10)), 'k')).toBeGreaterThan(10);
  });

  it('tenants share the byte budget but never each other’s invalidations', async () => {
    const cache = new ResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 });
    const a = cache.tenant('a', new MemoryInvalidations(10));
    const b = cache.tenant('b', new MemoryInvalidations(10));
    a.set('a:1', entry(0, ['i|MICRO1|1']));
    b.set('b:1', entry(0, ['i|MICRO1|1']));
    await a.invalidate(['i|MICRO1|1']);
    expect(a.get('a:1')).toBeUndefined();
    expect(b.get('b:1')).toBeDefined();
  });
});

describe('TagLedger', () => {
  it('forgetting a tag (past its bound) outdates every response older than it: never stale', () => {
    const ledger = new TagLedger(2);
    ledger.apply(1, ['a']);
    ledger.apply(2, ['b']);
    ledger.apply(3, ['c']); // 'a' forgotten: the floor becomes 1
    expect(ledger.unchangedSince(['a'], 0)).toBe(false);
    expect(ledger.unchangedSince(['x'], 0)).toBe(false);
    expect(ledger.unchangedSince(['a'], 1)).toBe(true);
    expect(ledger.unchangedSince(['b'], 1)).toBe(false);
    expect(ledger.unchangedSince(['c', 'b'], 3)).toBe(true);
  });
});

describe('ResponseDependencies', () => {
  it('lives as long as the shortest-lived read, within the cap; a value without freshness is capped', () => {
    const now = 1_000_000;
    const deps = new ResponseDependencies(0);
    deps.read({ kind: 'interview', provider: 'MICRO1', key: '1', freshUntil: now + 30_000 });
    deps.read({ kind: 'report', provider: 'MICRO1', key: 'r', freshUntil: now + 5_500 });
    deps.read({ kind: 'reportPointer', provider: 'MICRO1', key: '1', freshUntil: null });
    expect(deps.ttlSeconds(now, 60)).toBe(5);
    expect([...deps.tags].sort()).toEqual(
      [Tag.interview('MICRO1', '1'), Tag.reportOf('MICRO1', '1'), Tag.report('MICRO1', 'r'), Tag.provider('MICRO1')].sort(),
    );
    expect(new ResponseDependencies(0).ttlSeconds(now, 60)).toBe(60);
  });

  it('keeps the first refusal', () => {
    const deps = new ResponseDependencies(0);
    deps.refuse('raw');
    deps.refuse('errors');
    expect(deps.refused).toBe('raw');
  });
});

describe('tagsOfChange', () => {
  it('names the objects, their lists and their people; a sync page’s refs too', () => {
    const tags = tagsOfChange({
      provider: 'HEYMILO',
      origin: 'webhook',
      related: {
        interviews: [{ locator: 'i1', candidate: { email: ' Ada@Example.com ' } } as never],
        reports: [{ interviewLocator: 'i1', report: { locator: 'r1' } as never }],
      },
      invalidated: ['i2'],
      refs: [{ locator: 'i3', email: 'bob@example.com', name: null, candidateProviderId: null, createdAt: null }],
    });
    expect(new Set(tags)).toEqual(
      new Set([
        Tag.interview('HEYMILO', 'i1'),
        Tag.reportOf('HEYMILO', 'i1'),
        Tag.report('HEYMILO', 'r1'),
        Tag.interviews('HEYMILO'),
        Tag.person('ada@example.com'),
        Tag.interview('HEYMILO', 'i2'),
        Tag.reportOf('HEYMILO', 'i2'),
        Tag.interview('HEYMILO', 'i3'),
        Tag.reportOf('HEYMILO', 'i3'),
        Tag.person('bob@example.com'),
      ]),
    );
  });
});

describe('collapseTags', () => {
  it('logs a large invalidation as its providers (and any person): fewer tags, never fewer responses dropped', async () => {
    const many = Array.from({ length: MAX_TAGS_PER_INVALIDATION + 1 }, (_, i) => Tag.interview('MICRO1', `x${i}`));
    const collapsed = collapseTags([...many, Tag.person('ada@example.com'), Tag.interviews('MICRO1')]);
    expect(new Set(collapsed)).toEqual(new Set([Tag.provider('MICRO1'), Tag.anyPerson, Tag.interviews('MICRO1')]));
    expect(collapseTags(many.slice(0, 3))).toEqual(many.slice(0, 3));

    const cache = new ResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 });
    const tenant = cache.tenant('acme', new MemoryInvalidations(10));
    const read = (provider: string, person = false) => {
      const deps = new ResponseDependencies(0);
      deps.read({ kind: 'interview', provider, key: 'x7', freshUntil: null });
      if (person) deps.depend(Tag.person('bob@example.com'));
      return entry(0, [...deps.tags]);
    };
    tenant.set('micro1', read('MICRO1'));
    tenant.set('heymilo', read('HEYMILO'));
    tenant.set('person', read('HEYMILO', true));
    await tenant.invalidate(collapsed);
    expect(tenant.get('micro1')).toBeUndefined();
    expect(tenant.get('person')).toBeUndefined();
    expect(tenant.get('heymilo')).toBeDefined();
  });
});
