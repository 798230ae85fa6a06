/**
 * Automatic persisted queries (APQ): a query is registered once with its SHA-256, then sent as the
 * hash alone (also as a cacheable GET); registrations live in the gateway's keyv cache, so with
 * Redis every instance knows them.
 */
import { VENDORS } from '../../src/vendors/vendors';
import { createHash, randomBytes } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';
import { eventually } from '../support/timing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// A per-run comment makes the hash new each run, so Redis holds nothing from an earlier one.
const QUERY = `query Persisted { providers { provider mode } } # ${randomBytes(6).toString('hex')}`;
const HASH = createHash('sha256').update(QUERY).digest('hex');
const persisted = (hash = HASH) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((h) => h.close())));
async function harness(env: Record<string, string> = {}, sandbox?: Harness['sandbox']): Promise<Harness> {
  const h = await startHarness({ env, sandbox });
  harnesses.push(h);
  return h;
}
const post = (h: Harness, payload: unknown) =>
  h
    .http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
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
});
