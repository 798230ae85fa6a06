/**
 * Automatic persisted queries (APQ): a query is registered once with its SHA-256, then sent as the
 * hash alone (also as a cacheable GET); registrations live in the gateway's keyv cache, so with
 * Redis every instance knows them.
 */
import { VENDORS } from '../../src/vendors/vendors';
import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { PersistedQueryCache } from '../../src/cache/persisted-query-cache';
import { RedisConnection } from '../../src/infra/redis-connection';
import { withRequestContext } from '../../src/observability/request-context';
import { startHarness, type Harness } from '../support/harness';
import { eventually } from '../support/timing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// A per-run comment makes the hash new each run, so Redis holds nothing from an earlier one.
const QUERY = `query Persisted { providers { provider mode } } # ${randomBytes(6).toString('hex')}`;
const HASH = createHash('sha256').update(QUERY).digest('hex');
const persisted = (hash = HASH) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((h) => h.close())));
async function harness(
  env: Record<string, string> = {},
  sandbox?: Harness['sandbox'],
  tenants?: NonNullable<Parameters<typeof startHarness>[0]>['tenants'],
): Promise<Harness> {
  const h = await startHarness({ env, sandbox, tenants });
  harnesses.push(h);
  return h;
}
const post = (h: Harness, payload: unknown, headers: Record<string, string> = {}) =>
  h
    .http('POST', '/graphql', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) })
    .then((r) => ({ status: r.status, body: JSON.parse(r.body) }));

describe('automatic persisted queries', () => {
  it('an unknown hash asks for the query; query + hash registers it; the hash alone then runs it, by POST or GET', async () => {
    const h = await harness();
    expect((await post(h, { extensions: persisted() })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(h, { query: QUERY, extensions: persisted() });
    expect(registered.status).toBe(200);
    expect(registered.body.data.providers).toHaveLength(VENDORS.length);

    expect((await post(h, { extensions: persisted() })).body).toEqual(registered.body);
    const get = await h.http('GET', `/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted()))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toEqual(registered.body);
  });

  it('refuses a query whose hash is not its SHA-256, and still applies the query limits', async () => {
    const h = await harness({ GRAPHQL_MAX_ALIASES: '1' });
    const mismatch = await post(h, { query: QUERY, extensions: persisted('0'.repeat(64)) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
    const aliased = '{ a: providers { provider } b: providers { provider } }';
    const refused = await post(h, { query: aliased, extensions: persisted(createHash('sha256').update(aliased).digest('hex')) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('with Redis, a query registered on one instance runs by hash on another', async () => {
    const a = await harness({ REDIS_URL });
    const b = await harness({ REDIS_URL }, a.sandbox);
    const query = `${QUERY} shared`;
    const hash = createHash('sha256').update(query).digest('hex');
    expect((await post(a, { query, extensions: persisted(hash) })).status).toBe(200);
    // Apollo stores a registration without holding the response for it: it reaches Redis shortly
    // after A's answer, so B is asked until it knows the hash (a client would resend the query).
    let onB = await post(b, { extensions: persisted(hash) });
    await eventually(
      async () => {
        if (onB.body.errors?.[0]?.extensions?.code !== 'PERSISTED_QUERY_NOT_FOUND') return true;
        onB = await post(b, { extensions: persisted(hash) });
        return false;
      },
      'B knows the hash A registered',
      { everyMs: 50 },
    );
    expect(onB.status).toBe(200);
    expect(onB.body.data.providers).toHaveLength(VENDORS.length);
  });

  it('GRAPHQL_PERSISTED_QUERIES=false: hashes are refused as not supported', async () => {
    const h = await harness({ GRAPHQL_PERSISTED_QUERIES: 'false' });
    expect((await post(h, { extensions: persisted() })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('a query longer than GRAPHQL_PERSISTED_QUERY_MAX_BYTES runs but is not registered, and the answer says so', async () => {
    const h = await harness({ GRAPHQL_PERSISTED_QUERY_MAX_BYTES: '256' });
    // A query the response cache would keep: its noted answer must not be served by hash.
    const long = `{ __typename } # ${randomBytes(6).toString('hex')} ${'x'.repeat(300)}`;
    const hash = createHash('sha256').update(long).digest('hex');
    const first = await post(h, { query: long, extensions: persisted(hash) });
    expect(first).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' }, extensions: { persistedQuery: { registered: false, code: 'PERSISTED_QUERY_TOO_LARGE', maxBytes: 256 } } },
    });
    expect((await post(h, { query: long, extensions: persisted(hash) })).status).toBe(200);
    expect((await post(h, { extensions: persisted(hash) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // At the limit: registered, no note.
    const fits = `${QUERY} ${'y'.repeat(256 - QUERY.length - 1)}`;
    const fitsHash = createHash('sha256').update(fits).digest('hex');
    expect((await post(h, { query: fits, extensions: persisted(fitsHash) })).body.extensions).toBeUndefined();
    expect((await post(h, { extensions: persisted(fitsHash) })).body.data.providers).toHaveLength(VENDORS.length);
  });

  it('a registration is the tenant’s own: another tenant’s hash alone is not found', async () => {
    const keyA = `key-a-${randomBytes(8).toString('hex')}`;
    const keyB = `key-b-${randomBytes(8).toString('hex')}`;
    const h = await harness({}, undefined, [
      { id: 'apq-a', apiKeys: [keyA] },
      { id: 'apq-b', apiKeys: [keyB] },
    ]);
    const query = `${QUERY} tenants`;
    const hash = createHash('sha256').update(query).digest('hex');
    expect((await post(h, { query, extensions: persisted(hash) }, { 'x-api-key': keyA })).status).toBe(200);
    expect((await post(h, { extensions: persisted(hash) }, { 'x-api-key': keyA })).body.data.providers).toHaveLength(VENDORS.length);
    expect((await post(h, { extensions: persisted(hash) }, { 'x-api-key': keyB })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('in Redis, each tenant’s registrations stay within GRAPHQL_PERSISTED_QUERIES_MAX_BYTES; the soonest to expire go first', async () => {
    const redis = new RedisConnection(REDIS_URL);
    const budget = 64 * 1024;
    const store = new PersistedQueryCache({ ttlSeconds: 60, maxBytes: budget, redis, logger: pino({ level: 'silent' }) });
    const tenant = `apq-${randomBytes(4).toString('hex')}`;
    const other = `apq-${randomBytes(4).toString('hex')}`;
    const as = <T>(tenantId: string, run: () => Promise<T>) => withRequestContext({ requestId: 'test', vendorCalls: 0, tenantId }, run);
    try {
      await as(other, () => store.set('apq:other', 'q'.repeat(10_000)));
      for (let i = 0; i < 30; i += 1) await as(tenant, () => store.set(`apq:${i}`, `${i} ${'q'.repeat(10_000)}`));
      const counted = await store.redisBudget(tenant)?.bytes();
      expect(counted).toBeLessThanOrEqual(budget);
      expect(counted).toBeGreaterThan(budget - 10_100);
      // Another replica (no memory copy) finds the latest, not the first; the other tenant's is untouched.
      const replica = new PersistedQueryCache({ ttlSeconds: 60, maxBytes: budget, redis, logger: pino({ level: 'silent' }) });
      expect(await as(tenant, () => replica.get('apq:29'))).toMatch(/^29 /);
      expect(await as(tenant, () => replica.get('apq:0'))).toBeUndefined();
      expect(await as(other, () => replica.get('apq:other'))).toHaveLength(10_000);
      expect(await as(tenant, () => replica.get('apq:other'))).toBeUndefined();
    } finally {
      await redis.run(async (client) => {
        const keys = [tenant, other].flatMap((t) => [`ig:apq:v2:${t}:index`, `ig:apq:v2:${t}:sizes`, `ig:apq:v2:${t}:bytes`]);
        await client.sendCommand(['DEL', ...keys]);
      });
      await redis.close();
    }
  });
});
