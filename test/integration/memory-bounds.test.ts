/**
 * What a client can make the gateway keep is bounded by bytes: 300 distinct documents of 1 MB each
 * (under the body limit; a comment costs no tokens) grow the heap by no more than twice the
 * configured budget plus slack, whether sent as queries (Apollo's parsed-document cache) or
 * registered as persisted queries. Without the bounds each one stayed: ~300 MB.
 */
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startHarness, type Harness } from '../support/harness';

// Jest runs without --expose-gc; the flag set now gives a fresh context its `gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// And off again: jest gives each later test file of this worker a new context, which would get a
// global `gc` too (the bench smoke test reads its presence as "measure the heap").
setFlagsFromString('--no-expose-gc');

const MB = 1024 * 1024;
const BUDGET = 8 * MB;
/** Heap besides the bounded stores that the run may leave: pools, compiled code, logs. */
const SLACK = 24 * MB;
const DOCUMENTS = 300;
/** A query of ~1 MB, each one distinct, under the default 1 MiB body limit. */
const big = (i: number) => `{ __typename } # ${i} ${'x'.repeat(1_000_000)}`;

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((h) => h.close())));
async function harness(env: Record<string, string>): Promise<Harness> {
  // The response cache is bounded on its own (RESPONSE_CACHE_MAX_BYTES): left out of these figures.
  const h = await startHarness({ env: { RESPONSE_CACHE_ENABLED: 'false', LOG_LEVEL: 'silent', ...env } });
  harnesses.push(h);
  return h;
}

const post = async (h: Harness, payload: unknown) => {
  const response = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: response.status, body: JSON.parse(response.body) };
};

/** Heap growth over `run`, after full collections. */
async function heapGrowth(run: () => Promise<void>): Promise<number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  await run();
  gc();
  return process.memoryUsage().heapUsed - before;
}

it(`${DOCUMENTS} distinct 1 MB queries: the parsed-document cache keeps at most GRAPHQL_DOCUMENT_CACHE_MAX_BYTES`, async () => {
  const h = await harness({ GRAPHQL_DOCUMENT_CACHE_MAX_BYTES: String(BUDGET), GRAPHQL_PERSISTED_QUERIES: 'false' });
  await post(h, { query: big(-1) }); // warm-up: code paths compiled before measuring
  const growth = await heapGrowth(async () => {
    for (let i = 0; i < DOCUMENTS; i += 1) {
      const answer = await post(h, { query: big(i) });
      expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }
  });
  expect(growth).toBeLessThan(2 * BUDGET + SLACK);
});

it('a document of many comment lines (each a token the token limit does not count) is not kept past the budget', async () => {
  const h = await harness({ GRAPHQL_DOCUMENT_CACHE_MAX_BYTES: String(BUDGET), GRAPHQL_PERSISTED_QUERIES: 'false' });
  // ~100 KB of source, ~7 MB of heap once parsed: 50,000 comment tokens.
  const lines = (i: number) => `{ __typename } # ${i}\n${'#\n'.repeat(50_000)}`;
  await post(h, { query: lines(-1) });
  const growth = await heapGrowth(async () => {
    for (let i = 0; i < 30; i += 1) expect((await post(h, { query: lines(i) })).status).toBe(200);
  });
  expect(growth).toBeLessThan(2 * BUDGET + SLACK);
});

it(`${DOCUMENTS} distinct 1 MB persisted-query registrations: the store keeps at most GRAPHQL_PERSISTED_QUERIES_MAX_BYTES`, async () => {
  const h = await harness({
    GRAPHQL_PERSISTED_QUERIES_MAX_BYTES: String(BUDGET),
    GRAPHQL_PERSISTED_QUERY_MAX_BYTES: String(2 * MB),
    // The document cache is measured above: here only the registrations.
    GRAPHQL_DOCUMENT_CACHE_MAX_BYTES: '0',
  });
  const register = (query: string) =>
    post(h, { query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
  await register(big(-1));
  const growth = await heapGrowth(async () => {
    for (let i = 0; i < DOCUMENTS; i += 1) {
      const answer = await register(big(i));
      expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }
  });
  expect(growth).toBeLessThan(2 * BUDGET + SLACK);
  // The latest registrations are still served by hash alone.
  const last = big(DOCUMENTS - 1);
  const byHash = await post(h, { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(last).digest('hex') } } });
  expect(byHash.body).toEqual({ data: { __typename: 'Query' } });
});
