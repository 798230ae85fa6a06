/**
 * The whole-response cache, over real HTTP: who may be served whose response (tenants, API keys,
 * JWT subjects), what kills an entry (webhooks, mutations, refresh; across two instances on one
 * Redis), what is never cached, and the HTTP it speaks (Cache-Control, ETag / 304, no-cache).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { HeymiloSimulator } from '../../src/vendors/heymilo/sandbox/heymilo.simulator';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { VENDORS } from '../../src/vendors/vendors';
import { RedisConnection } from '../../src/infra/redis-connection';
import { Provider } from '../support/providers';
import { deleteRedisKeys } from '../support/redis-keys';
import { eventually } from '../support/timing';
import { type HttpResult, startHarness, type Harness } from '../support/harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = () => randomBytes(4).toString('hex');
/** Every tenant a test makes here, each a run of its own; what the Redis runs left is deleted at the end. */
const tenants: string[] = [];
const tenantId = (name: string) => {
  const id = `${name}-${run()}`;
  tenants.push(id);
  return id;
};
afterAll(() => deleteRedisKeys(...tenants.map((t) => `ig:*${t}*`)));

const post = (h: Harness, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpResult> =>
  h.http('POST', '/graphql', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
const cacheOf = (response: HttpResult) => response.headers['x-response-cache'];
const dataOf = <T = Record<string, unknown>>(response: HttpResult) => (JSON.parse(response.body) as { data: T }).data;

const LIST = '{ interviews(provider: MICRO1, first: 3) { edges { node { id status } } } }';

describe.each([
  ['in memory', {}],
  ['with Redis (shared layer and invalidation log)', { REDIS_URL }],
])('tenant safety %s: an identical operation is never answered with another caller’s response', (_, env: Record<string, string>) => {
  let sandboxA: Sandbox;
  let sandboxB: Sandbox;
  let h: Harness;
  const A = { id: tenantId('acme'), keys: ['acme-client-key-000000001', 'acme-client-key-000000002'] };
  const B = { id: tenantId('globex'), keys: ['globex-client-key-0000001'] };
  beforeAll(async () => {
    sandboxA = await startSandbox(VENDORS, { seed: 42 });
    sandboxB = await startSandbox(VENDORS, { seed: 7 });
    h = await startHarness({
      env,
      sandbox: sandboxA,
      tenants: [
        { id: A.id, apiKeys: A.keys, sandbox: sandboxA },
        { id: B.id, apiKeys: B.keys, sandbox: sandboxB },
      ],
    });
  });
  afterAll(async () => {
    await h.close();
    await sandboxA.close();
    await sandboxB.close();
  });

  it('two tenants asking the same query each get their own vendor accounts’ data', async () => {
    const first = await post(h, LIST, undefined, { 'x-api-key': A.keys[0] });
    expect(cacheOf(first)).toBe('miss');
    expect(cacheOf(await post(h, LIST, undefined, { 'x-api-key': A.keys[0] }))).toBe('hit');

    const other = await post(h, LIST, undefined, { 'x-api-key': B.keys[0] });
    expect(cacheOf(other)).toBe('miss');
    expect(other.body).not.toBe(first.body);
    const ids = (r: HttpResult) => dataOf<{ interviews: { edges: Array<{ node: { id: string } }> } }>(r).interviews.edges.map((e) => e.node.id);
    expect(ids(other).filter((id) => ids(first).includes(id))).toEqual([]);
    const again = await post(h, LIST, undefined, { 'x-api-key': B.keys[0] });
    expect(cacheOf(again)).toBe('hit');
    expect(again.body).toBe(other.body);
  });

  it('two API keys of one tenant do not share entries (a key is a scope of its own)', async () => {
    const query = '{ interviews(provider: HEYMILO, first: 2) { edges { node { id } } } }';
    expect(cacheOf(await post(h, query, undefined, { 'x-api-key': A.keys[0] }))).toBe('miss');
    expect(cacheOf(await post(h, query, undefined, { 'x-api-key': A.keys[0] }))).toBe('hit');
    expect(cacheOf(await post(h, query, undefined, { 'x-api-key': A.keys[1] }))).toBe('miss');
    expect(cacheOf(await post(h, query, undefined, { 'x-api-key': A.keys[1] }))).toBe('hit');
  });

  it('authentication still runs first on the hit path: no credential, or a wrong one, gets 401', async () => {
    await post(h, LIST, undefined, { 'x-api-key': A.keys[0] });
    const none = await post(h, LIST);
    expect(none.status).toBe(401);
    expect(none.body).not.toContain('"interviews"');
    expect((await post(h, LIST, undefined, { 'x-api-key': 'not-a-key-of-anyone-000' })).status).toBe(401);
  });
});

describe.each([
  ['in memory', {}],
  ['with Redis', { REDIS_URL }],
])('tenant safety with JWT principals %s', (_, env: Record<string, string>) => {
  const SECRET = 'response-cache-test-secret-0123456789abcdef';
  let h: Harness;
  const token = (sub: string) => createSigner({ key: SECRET, algorithm: 'HS256' })({ sub, exp: Math.floor(Date.now() / 1000) + 60 });
  beforeAll(async () => {
    h = await startHarness({ env: { ...env, AUTH_JWT_SECRET: SECRET, TENANT_ID: tenantId('jwt') } });
  });
  afterAll(() => h.close());

  it('each subject has its own entries; the same subject with a fresh token hits', async () => {
    const as = (sub: string) => ({ authorization: `Bearer ${token(sub)}` });
    expect(cacheOf(await post(h, LIST, undefined, as('user-1')))).toBe('miss');
    expect(cacheOf(await post(h, LIST, undefined, as('user-1')))).toBe('hit');
    expect(cacheOf(await post(h, LIST, undefined, as('user-2')))).toBe('miss');
  });
});

describe('one instance (in memory)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_TTL_ACTIVE_SECONDS: '20', RESPONSE_CACHE_MAX_TTL_SECONDS: '45' } });
    // As `npm start` does at boot: until the index is complete, answers reading it say so and are not cached.
    await h.app.tenant().identitySync.runAll();
  });
  afterAll(() => h.close());

  it('a hit costs no vendor call and returns the same bytes, with Cache-Control and ETag', async () => {
    const miss = await post(h, LIST);
    expect(cacheOf(miss)).toBe('miss');
    h.resetCalls();
    const hit = await post(h, LIST);
    expect(h.totalCalls()).toBe(0);
    expect(cacheOf(hit)).toBe('hit');
    expect(hit.body).toBe(miss.body);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers['x-request-id']).toBeDefined();
    expect(hit.headers['x-request-id']).not.toBe(miss.headers['x-request-id']);
  });

  it('lives as long as the shortest-lived thing it read: an active interview (20 s), a feed (the 45 s cap)', async () => {
    const maxAge = (r: HttpResult) => Number(/max-age=(\d+)/.exec(String(r.headers['cache-control']))?.[1]);
    const listed = await post(h, '{ interviews(provider: HEYMILO, status: INVITED, first: 1) { edges { node { id } } } }');
    const { id } = dataOf<{ interviews: { edges: Array<{ node: { id: string } }> } }>(listed).interviews.edges[0].node;
    const active = await post(h, 'query ($id: ID!) { interview(id: $id) { id status } }', { id });
    expect(maxAge(active)).toBeGreaterThan(15);
    expect(maxAge(active)).toBeLessThanOrEqual(20);
    const feed = await post(h, '{ candidates(first: 2) { edges { node { email } } } }');
    expect(cacheOf(feed)).toBe('miss');
    expect(maxAge(feed)).toBeGreaterThan(40);
    expect(maxAge(feed)).toBeLessThanOrEqual(45);
  });

  it('variables, the operation name and the document are part of the key; an APQ hash is the document', async () => {
    const query = 'query One($first: Int) { interviews(provider: EVALYO, first: $first) { edges { node { id } } } }';
    expect(cacheOf(await post(h, query, { first: 1 }))).toBe('miss');
    expect(cacheOf(await post(h, query, { first: 1 }))).toBe('hit');
    expect(cacheOf(await post(h, query, { first: 2 }))).toBe('miss');
    expect(cacheOf(await post(h, `${query} query Two { __typename }`, { first: 1 }))).toBe('skip'); // two operations, no name: an error
    const hash = createHash('sha256').update(query).digest('hex');
    const apq = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(cacheOf(apq)).toBe('hit');
    const lying = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    expect(cacheOf(lying)).toBeUndefined();
    expect(lying.body).toContain('provided sha does not match query');
  });

  it('GET answers 304 to a matching If-None-Match; CSRF rules still apply to hits', async () => {
    const url = `/graphql?query=${encodeURIComponent(LIST)}`;
    const preflight = { 'apollo-require-preflight': 'true' };
    const first = await h.http('GET', url, { headers: preflight });
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    const notModified = await h.http('GET', url, { headers: { ...preflight, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect((await h.http('GET', url, { headers: { ...preflight, 'if-none-match': '"other"' } })).status).toBe(200);
    // A simple cross-site request (no preflight) is Apollo's to refuse, even with the answer cached.
    const csrf = await h.http('GET', url);
    expect(csrf.status).toBe(400);
    expect(csrf.body).not.toContain('"interviews"');
  });

  it('Cache-Control: no-cache from the client skips the lookup (and refreshes the entry); no-store keeps nothing', async () => {
    const query = '{ interviews(provider: XOBIN, first: 2) { edges { node { id } } } }';
    await post(h, query);
    h.resetCalls();
    const fresh = await post(h, query, undefined, { 'cache-control': 'no-cache' });
    expect(cacheOf(fresh)).toBe('miss');
    expect(cacheOf(await post(h, query))).toBe('hit');
    const other = '{ interviews(provider: XOBIN, first: 1) { edges { node { id } } } }';
    expect(cacheOf(await post(h, other, undefined, { 'cache-control': 'no-store' }))).toBeUndefined();
    expect(cacheOf(await post(h, other))).toBe('miss');
  });

  it('never caches errors, raw payloads, mutations or live provider health', async () => {
    const unknown = 'query { interview(id: "micro1:Interview:no-such~thing") { id } }';
    expect(cacheOf(await post(h, unknown))).toBe('skip');
    expect(cacheOf(await post(h, unknown))).toBe('skip');
    const raw = '{ interviews(provider: MICRO1, first: 1) { edges { node { id raw } } } }';
    expect(cacheOf(await post(h, raw))).toBe('skip');
    expect(cacheOf(await post(h, raw))).toBe('skip');
    const health = '{ providers { provider health { status } } }';
    expect(cacheOf(await post(h, health))).toBe('skip');
    const mutation =
      'mutation { inviteCandidate(input: { templateId: "micro1:InterviewTemplate:none", candidate: { name: "X", email: "x@example.com" } }) { replayed } }';
    expect(cacheOf(await post(h, mutation))).toBe('skip');
  });

  it('after a webhook’s 2xx the next read reflects it: by id, in a vendor list, in the feeds, for the candidate', async () => {
    const sim = h.sim<never>(Provider.HEYMILO) as unknown as HeymiloSimulator;
    const invited = dataOf<{ interviews: { edges: Array<{ node: { id: string; candidate: { email: string } } }> } }>(
      await post(h, '{ interviews(provider: HEYMILO, status: INVITED, first: 1) { edges { node { id candidate { email } } } } }'),
    ).interviews.edges[0].node;
    const reads = {
      byId: ['query ($id: ID!) { interview(id: $id) { id status report { id } } }', { id: invited.id }],
      list: ['{ interviews(provider: HEYMILO, first: 50) { edges { node { id status } } } }', undefined],
      feed: ['{ interviews(first: 1) { edges { node { id status } } } }', undefined],
      person: [
        'query ($email: String!) { candidate(email: $email) { interviews(first: 20) { edges { node { id status } } } } }',
        { email: invited.candidate.email },
      ],
    } as const;
    for (const [query, variables] of Object.values(reads)) {
      await post(h, query, variables);
      expect(cacheOf(await post(h, query, variables))).toBe('hit');
    }

    sim.deliverWebhooks(`${h.url}/webhooks/heymilo/${h.app.tenant().webhookTokens.HEYMILO}`);
    const deliveries = await sim.simulateCompletion(invited.id.slice(invited.id.indexOf(':Interview:') + 11), { at: Date.now() });
    sim.deliverWebhooks(null);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);

    const byId = await post(h, ...reads.byId);
    expect(cacheOf(byId)).toBe('miss');
    expect(dataOf(byId)).toMatchObject({ interview: { id: invited.id, status: 'COMPLETED', report: { id: expect.any(String) } } });
    const statusIn = (r: HttpResult) => JSON.stringify(dataOf(r)).includes(`{"id":"${invited.id}","status":"COMPLETED"}`);
    expect(statusIn(await post(h, ...reads.list))).toBe(true);
    expect(statusIn(await post(h, ...reads.feed))).toBe(true);
    expect(statusIn(await post(h, ...reads.person))).toBe(true);
  });

  it('a mutation’s answer comes after the entries it outdates are gone (inviteCandidate: the feed and the person)', async () => {
    const email = `ada.${run()}@example.com`;
    const feed = 'query ($email: String!) { interviews(first: 1, candidateEmail: $email) { edges { node { candidate { email } } } } }';
    const person = 'query ($email: String!) { candidate(email: $email) { email } }';
    await post(h, feed, { email });
    expect(dataOf(await post(h, feed, { email }))).toEqual({ interviews: { edges: [] } });
    await post(h, person, { email });
    expect(dataOf(await post(h, person, { email }))).toEqual({ candidate: null });
    const template = dataOf<{ interviewTemplates: { edges: Array<{ node: { id: string } }> } }>(
      await post(h, '{ interviewTemplates(provider: MICRO1, first: 1) { edges { node { id } } } }'),
    ).interviewTemplates.edges[0].node.id;
    const invited = await post(h, 'mutation ($input: InviteCandidateInput!) { inviteCandidate(input: $input) { interview { id } } }', {
      input: { templateId: template, candidate: { name: 'Ada Lovelace', email }, sendEmail: false },
    });
    expect(JSON.parse(invited.body).errors).toBeUndefined();
    expect(cacheOf(invited)).toBe('skip');
    const after = await post(h, feed, { email });
    expect(cacheOf(after)).toBe('miss');
    expect(dataOf(after)).toMatchObject({ interviews: { edges: [{ node: { candidate: { email } } }] } });
    expect(dataOf(await post(h, person, { email }))).toEqual({ candidate: { email } });
  });

  it('counts hits, misses and stores in /metrics', async () => {
    const metrics = await h.http('GET', '/metrics');
    expect(metrics.body).toMatch(/ig_response_cache_requests_total\{result="hit"\} [1-9]/);
    expect(metrics.body).toMatch(/ig_response_cache_requests_total\{result="miss"\} [1-9]/);
    expect(metrics.body).toMatch(/ig_response_cache_stores_total\{result="stored"\} [1-9]/);
    expect(metrics.body).toMatch(/ig_response_cache_stores_total\{result="errors"\} [1-9]/);
    expect(metrics.body).toMatch(/ig_response_cache_invalidations_total\{unit="tag"\} [1-9]/);
    expect(metrics.body).toMatch(/ig_response_cache_bytes [1-9]/);
  });
});

describe('a stale copy served while the vendor fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_TTL_ACTIVE_SECONDS: '1', CACHE_TTL_LIST_SECONDS: '1' } });
  });
  afterAll(() => h.close());

  it('is answered (marked stale) and never cached: the next request asks again', async () => {
    const listed = await post(h, '{ interviews(provider: HEYMILO, status: INVITED, first: 1) { edges { node { id } } } }');
    const { id } = dataOf<{ interviews: { edges: Array<{ node: { id: string } }> } }>(listed).interviews.edges[0].node;
    const byId = 'query ($id: ID!) { interview(id: $id) { id status } }';
    // Fresh for less than a whole second: not worth a response-cache entry ('skip'), but now in the entity cache.
    expect(cacheOf(await post(h, byId, { id }))).toBe('skip');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    h.setKnobs(Provider.HEYMILO, { outage: true });
    try {
      for (let i = 0; i < 2; i += 1) {
        const stale = await post(h, byId, { id });
        expect(JSON.parse(stale.body).extensions?.stale).toHaveLength(1);
        expect(cacheOf(stale)).toBe('skip');
        expect(stale.headers['cache-control']).toBe('private, no-store');
      }
    } finally {
      h.setKnobs(Provider.HEYMILO, { outage: false });
    }
  });
});

describe('two instances on one Redis', () => {
  const tenant = tenantId('rc');
  const token = `heymilo-token-${run()}-0000000000`;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    const env = { REDIS_URL, TENANT_ID: tenant, HEYMILO_WEBHOOK_TOKEN: token };
    a = await startHarness({ env });
    b = await startHarness({ env, sandbox: a.sandbox });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a webhook applied by one instance is reflected by the next read at the other, at once', async () => {
    const sim = a.sim<never>(Provider.HEYMILO) as unknown as HeymiloSimulator;
    const invited = dataOf<{ interviews: { edges: Array<{ node: { id: string } }> } }>(
      await post(a, '{ interviews(provider: HEYMILO, status: INVITED, first: 2) { edges { node { id } } } }'),
    ).interviews.edges[1].node;
    const byId = 'query ($id: ID!) { interview(id: $id) { id status } }';
    for (const h of [a, b]) {
      await post(h, byId, { id: invited.id });
      expect(cacheOf(await post(h, byId, { id: invited.id }))).toBe('hit');
    }
    sim.deliverWebhooks(`${a.url}/webhooks/heymilo/${token}`);
    const deliveries = await sim.simulateCompletion(invited.id.slice(invited.id.indexOf(':Interview:') + 11), { at: Date.now() });
    sim.deliverWebhooks(null);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    // No wait: B reads the invalidation log before looking up, so the delivery's 2xx is enough.
    const atB = await post(b, byId, { id: invited.id });
    expect(cacheOf(atB)).toBe('miss');
    expect(dataOf(atB)).toEqual({ interview: { id: invited.id, status: 'COMPLETED' } });
    expect(dataOf(await post(a, byId, { id: invited.id }))).toEqual({ interview: { id: invited.id, status: 'COMPLETED' } });
  });

  it('a response built by one instance is served by the other from Redis, without executing', async () => {
    const query = '{ interviews(provider: XOBIN, first: 3) { edges { node { id status } } } }';
    const built = await post(a, query);
    expect(cacheOf(built)).toBe('miss');
    // The shared write follows the response: wait for it.
    const redis = new RedisConnection(REDIS_URL);
    try {
      await eventually(async () => Number(await redis.run((c) => c.sendCommand(['GET', `ig:rc:v1:${tenant}:bytes`]))) > 0, 'the shared response is in Redis');
    } finally {
      await redis.close();
    }
    const atB = await post(b, query);
    expect(cacheOf(atB)).toBe('hit');
    expect(atB.body).toBe(built.body);
    expect((await b.http('GET', '/metrics')).body).toMatch(/ig_response_cache_requests_total\{result="hit_shared"\} [1-9]/);
  });

  it('while Redis cannot say what was invalidated, nothing is served from or stored in the cache', async () => {
    const query = '{ interviews(provider: EVALYO, first: 1) { edges { node { id } } } }';
    await post(b, query);
    expect(cacheOf(await post(b, query))).toBe('hit');
    const responses = b.app.tenant().responses!;
    const current = responses.invalidations.current.bind(responses.invalidations);
    responses.invalidations.current = () => Promise.reject(new Error('Redis is not reachable'));
    try {
      const answered = await post(b, query);
      expect(answered.status).toBe(200);
      expect(cacheOf(answered)).toBeUndefined();
    } finally {
      responses.invalidations.current = current;
    }
  });
});
