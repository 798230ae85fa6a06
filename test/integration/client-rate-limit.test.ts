/**
 * Per-client rate limits on /graphql (CLIENT_RATE_LIMIT_PER_MINUTE): per API key, per IP for open
 * access (X-Forwarded-For only with TRUST_PROXY), 429 + Retry-After in the GraphQL error shape,
 * response-cache hits counted too, and one budget across replicas on one real Redis.
 */
import { loadConfig } from '../../src/config/config';
import { VENDORS } from '../../src/vendors/vendors';
import { startHarness, type Harness } from '../support/harness';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY_A = 'client-a-0123456789abcdef';
const KEY_B = 'client-b-0123456789abcdef';
const PING = '{ __typename }';

describe('per-client rate limits', () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
  });

  async function gateway(env: Record<string, string>, sandboxOf?: Harness): Promise<Harness> {
    const h = await startHarness({ env, sandbox: sandboxOf?.sandbox });
    harnesses.push(h);
    return h;
  }

  const post = (h: Harness, headers: Record<string, string> = {}, query = PING) =>
    h.http('POST', '/graphql', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it('past its budget a key gets 429 with Retry-After and RATE_LIMITED; another key keeps its own; /metrics counts it', async () => {
    const h = await gateway({ AUTH_API_KEYS: `${KEY_A},${KEY_B}`, CLIENT_RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i += 1) expect((await post(h, { 'x-api-key': KEY_A })).status).toBe(200);
    const refused = await post(h, { 'x-api-key': KEY_A });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.body)).toEqual({
      errors: [
        {
          message: expect.stringMatching(/budget of 3 requests a minute is spent; retry in \d+ s/),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
    expect((await post(h, { 'x-api-key': KEY_B })).status).toBe(200);
    // Authentication comes first: a wrong key is 401, not a spend of anyone's budget.
    expect((await post(h, { 'x-api-key': 'wrong-0123456789abcdef' })).status).toBe(401);
    const metrics = await h.http('GET', '/metrics');
    expect(metrics.body).toMatch(/^ig_client_rate_limited_total 1$/m);
  });

  it('response-cache hits count as requests', async () => {
    const h = await gateway({ AUTH_API_KEYS: KEY_A, CLIENT_RATE_LIMIT_PER_MINUTE: '2' });
    const query = '{ interviews(provider: MICRO1, first: 2) { edges { node { id } } } }';
    expect((await post(h, { 'x-api-key': KEY_A }, query)).status).toBe(200);
    const hit = await post(h, { 'x-api-key': KEY_A }, query);
    expect([hit.status, hit.headers['x-response-cache']]).toEqual([200, 'hit']);
    expect((await post(h, { 'x-api-key': KEY_A }, query)).status).toBe(429);
  });

  it('open access is limited per IP; X-Forwarded-For names the client only behind a trusted proxy', async () => {
    const untrusting = await gateway({ CLIENT_RATE_LIMIT_PER_MINUTE: '2' });
    expect((await post(untrusting, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await post(untrusting, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
    // Both came from 127.0.0.1: the header is not believed.
    expect((await post(untrusting, { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429);

    const behindProxy = await gateway({ CLIENT_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2'])
      expect((await post(behindProxy, { 'x-forwarded-for': ip })).status).toBe(200);
    expect((await post(behindProxy, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
  });

  it('two replicas on one Redis share a client budget', async () => {
    const tenant = `crl-${process.pid}-${Date.now()}`;
    const env = { AUTH_API_KEYS: KEY_A, CLIENT_RATE_LIMIT_PER_MINUTE: '4', REDIS_URL, TENANT_ID: tenant };
    const a = await gateway(env);
    const b = await gateway(env, a);
    const statuses: number[] = [];
    for (const h of [a, b, a, b, a, b]) statuses.push((await post(h, { 'x-api-key': KEY_A })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    await deleteRedisKeys(`ig:*${tenant}*`);
  });

  it('is off by default in sandbox mode and on (1,200 a minute) with real vendor keys', () => {
    const descriptors = VENDORS.map((v) => v.descriptor);
    expect(loadConfig({}, descriptors).clientRateLimitPerMinute).toBeNull();
    expect(loadConfig({ MICRO1_API_KEY: 'k'.repeat(20), AUTH_API_KEYS: KEY_A }, descriptors).clientRateLimitPerMinute).toBe(1_200);
    expect(
      loadConfig({ MICRO1_API_KEY: 'k'.repeat(20), AUTH_API_KEYS: KEY_A, CLIENT_RATE_LIMIT_PER_MINUTE: '0' }, descriptors).clientRateLimitPerMinute,
    ).toBeNull();
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' }, descriptors)).toThrow(/TRUST_PROXY/);
  });
});
