/**
 * Observability: `/metrics` after real traffic shows exactly the vendor calls made, cache results,
 * operations, errors, webhooks and breakers; a request id travels from the client to the vendors
 * and onto the log lines; one log line per request with its status, timing, operation and vendor-call count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Provider } from '../support/providers';
import { createLogger } from '../../src/server/logger';
import { startHarness, type Harness } from '../support/harness';

const TOKEN = 'micro1-webhook-token-metrics';
const QUERY =
  'query TwoVendors { m: interviews(provider: MICRO1, first: 2) { edges { node { id } } } x: interviews(provider: XOBIN, first: 2) { edges { node { id } } } }';
const reportCreated = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'vendors', 'micro1', 'webhook.interview-report-created.seed000.json'), 'utf8'),
) as unknown;

/** The value of one sample of the exposition, e.g. `metric(text, 'ig_x_total', { a: '1' })`; 0 when absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

let h: Harness;
const lines: string[] = [];
const onLine = new Set<() => void>();
beforeAll(async () => {
  h = await startHarness({
    env: { MICRO1_WEBHOOK_TOKEN: TOKEN, VENDOR_RETRIES: '0' },
    logger: createLogger('info', {
      write: (line: string) => {
        lines.push(line);
        for (const notify of onLine) notify();
      },
    }),
  });
});
type LogLine = Record<string, unknown>;
/** The request line is written once the answer is sent, maybe after the client has it: wait for it. */
function lineLogged(predicate: (line: LogLine) => boolean): Promise<LogLine> {
  const find = () => lines.map((l) => JSON.parse(l) as LogLine).find(predicate);
  return new Promise((resolve) => {
    const check = () => {
      const found = find();
      if (!found) return;
      onLine.delete(check);
      resolve(found);
    };
    onLine.add(check);
    check();
  });
}
afterAll(() => h.close());
const scrape = async () => {
  const response = await h.http('GET', '/metrics');
  expect(response.status).toBe(200);
  expect(String(response.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.body;
};

describe('/metrics after traffic', () => {
  it('counts exactly the vendor calls a query made, then the cache hits of its warm repeat', async () => {
    h.resetCalls();
    const before = await scrape();
    const cold = await h.query(QUERY);
    expect(cold.errors).toBeUndefined();
    const after = await scrape();
    const calls = h.calls();
    expect(Object.keys(calls.MICRO1).length + Object.keys(calls.XOBIN).length).toBeGreaterThan(0);
    for (const provider of [Provider.MICRO1, Provider.XOBIN]) {
      for (const [simRoute, count] of Object.entries(calls[provider])) {
        // The simulator names a route as Fastify does (`:id`), the gateway as the vendor's docs (`{id}`).
        const route = simRoute.replace(/:(\w+)/g, '{$1}');
        const labels = { provider, route, status: '200', code: '' };
        expect({ route, counted: metric(after, 'ig_vendor_requests_total', labels) - metric(before, 'ig_vendor_requests_total', labels) }).toEqual({
          route,
          counted: count,
        });
        expect(metric(after, 'ig_vendor_request_duration_seconds_count', { provider, route })).toBeGreaterThanOrEqual(count);
      }
    }
    expect(metric(after, 'ig_graphql_operations_total', { operation: 'TwoVendors', type: 'query', result: 'ok' })).toBe(1);
    expect(metric(after, 'ig_graphql_operation_duration_seconds_count', { operation: 'TwoVendors', type: 'query' })).toBe(1);
    const misses = metric(after, 'ig_cache_reads_total', { result: 'miss' });
    expect(misses).toBeGreaterThan(0);

    h.resetCalls();
    // The repeat executes (no-cache skips the response cache) and reads every object from the entity cache.
    await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' }, body: JSON.stringify({ query: QUERY }) });
    expect(h.totalCalls()).toBe(0);
    const warm = await scrape();
    // No new vendor call; the repeat was answered from the cache (the in-memory layer).
    expect(metric(warm, 'ig_vendor_requests_total', { provider: 'MICRO1', status: '200' })).toBe(
      metric(after, 'ig_vendor_requests_total', { provider: 'MICRO1', status: '200' }),
    );
    expect(metric(warm, 'ig_cache_reads_total', { result: 'hit' })).toBeGreaterThan(metric(after, 'ig_cache_reads_total', { result: 'hit' }));
    expect(metric(warm, 'ig_cache_layer_reads_total', { layer: 'memory', result: 'hit' })).toBeGreaterThan(0);
    expect(metric(warm, 'ig_graphql_operations_total', { operation: 'TwoVendors', result: 'ok' })).toBe(2);
    // A plain repeat is answered whole by the response cache: still an operation in the counts.
    const hit = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(hit.headers['x-response-cache']).toBe('hit');
    const later = await scrape();
    expect(metric(later, 'ig_graphql_operations_total', { operation: 'TwoVendors', result: 'ok' })).toBe(3);
    expect(metric(later, 'ig_response_cache_requests_total', { result: 'hit' })).toBe(1);
    // Process metrics come along (CPU, memory, event loop).
    expect(warm).toMatch(/^ig_process_cpu_seconds_total /m);
    expect(warm).toMatch(/^ig_nodejs_eventloop_lag_p99_seconds /m);
  });

  it('counts failed vendor calls by code, errors by code, and shows an open breaker', async () => {
    h.setKnobs(Provider.HEYMILO, { outage: true });
    try {
      for (let i = 0; i < 5; i += 1) await h.query('query Down { interviews(provider: HEYMILO, first: 1) { edges { node { id } } } }');
      const text = await scrape();
      expect(metric(text, 'ig_vendor_requests_total', { provider: 'HEYMILO', status: '503', code: 'VENDOR_UNAVAILABLE' })).toBe(5);
      expect(metric(text, 'ig_graphql_errors_total', { code: 'VENDOR_UNAVAILABLE' })).toBe(5);
      expect(metric(text, 'ig_graphql_operations_total', { operation: 'Down', result: 'error' })).toBe(5);
      expect(metric(text, 'ig_vendor_breaker_state', { tenant: 'default', provider: 'HEYMILO' })).toBe(2);
      expect(metric(text, 'ig_vendor_breaker_state', { tenant: 'default', provider: 'MICRO1' })).toBe(0);
    } finally {
      h.setKnobs(Provider.HEYMILO, { outage: false });
    }
  });

  it('counts webhook deliveries by result', async () => {
    const post = (token: string) =>
      h.http('POST', `/webhooks/micro1/${token}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(reportCreated) });
    expect((await post(TOKEN)).status).toBe(200);
    expect((await post(TOKEN)).status).toBe(200);
    expect((await post('wrong-token-0000000000')).status).toBe(401);
    expect((await h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    const text = await scrape();
    expect(metric(text, 'ig_webhook_deliveries_total', { provider: 'MICRO1', result: 'applied' })).toBe(1);
    expect(metric(text, 'ig_webhook_deliveries_total', { provider: 'MICRO1', result: 'duplicate' })).toBe(1);
    expect(metric(text, 'ig_webhook_deliveries_total', { provider: 'MICRO1', result: 'UNAUTHORIZED' })).toBe(1);
    expect(metric(text, 'ig_webhook_deliveries_total', { provider: 'MICRO1', result: 'MALFORMED_JSON' })).toBe(1);
  });

  it('keeps operation names bounded: names that are not GraphQL names count as (other)', async () => {
    await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ providers { provider } }' }) });
    expect(metric(await scrape(), 'ig_graphql_operations_total', { operation: '(anonymous)', result: 'ok' })).toBeGreaterThan(0);
  });
});

describe('request ids and the operation log line', () => {
  it("sends the caller's x-request-id to every vendor call, echoes it, and logs it with the operation's timing and vendor calls", async () => {
    h.resetCalls();
    lines.length = 0;
    const response = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123' },
      body: JSON.stringify({ query: 'query Fresh { interviews(provider: EVALYO, first: 3) { edges { node { id } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('trace-abc-123');
    const sent = h.sim(Provider.EVALYO).requestIds();
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(['trace-abc-123']));

    // One line at info for the whole request (Fastify's own two are off): the request, its answer and the operation.
    await lineLogged((l) => l.reqId === 'trace-abc-123' && l.msg === 'request completed');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.reqId === 'trace-abc-123' && (l.level as number) >= 30);
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: expect.objectContaining({ method: 'POST', url: '/graphql' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        operation: 'Fresh',
        type: 'query',
        tenant: 'default',
        client: 'anonymous',
        vendorCalls: sent.length,
        durationMs: expect.any(Number),
      }),
    ]);

    // The same query again is a response-cache hit: still one line, saying so, with no vendor call.
    const again = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-124' },
      body: JSON.stringify({ query: 'query Fresh { interviews(provider: EVALYO, first: 3) { edges { node { id } } } }' }),
    });
    expect(again.headers['x-response-cache']).toBe('hit');
    await lineLogged((l) => l.reqId === 'trace-abc-124' && l.msg === 'request completed');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.reqId === 'trace-abc-124' && (l.level as number) >= 30)).toEqual([
      expect.objectContaining({ res: { statusCode: 200 }, operation: 'Fresh', responseCache: 'hit', vendorCalls: 0, client: 'anonymous' }),
    ]);
  });

  it('makes up a request id when none (or a strange one) is sent', async () => {
    const response = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id\twith spaces' },
      body: JSON.stringify({ query: '{ providers { provider } }' }),
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics settings', () => {
  it('METRICS_TOKEN makes a scrape send it as a bearer token', async () => {
    const guarded = await startHarness({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    try {
      const refused = await guarded.http('GET', '/metrics');
      expect(refused.status).toBe(401);
      expect((await guarded.http('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-000000000' } })).status).toBe(401);
      expect((await guarded.http('GET', '/metrics', { headers: { authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('METRICS_ENABLED=false serves no /metrics', async () => {
    const off = await startHarness({ env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await off.http('GET', '/metrics')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
