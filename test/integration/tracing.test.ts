/**
 * OpenTelemetry tracing, exported for real (OTLP/HTTP JSON) to a collector endpoint on loopback
 * that records what it receives: a server span per request continuing the caller's
 * `traceparent`, a client span per vendor call under it, `traceparent` sent on to the vendors,
 * failures marked, sampling honoured, and nothing at all when no endpoint is configured.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Provider } from '../support/providers';
import { createLogger } from '../../src/server/logger';
import { startHarness, type Harness } from '../support/harness';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
}

/** An OTLP/HTTP collector stand-in: keeps every span POSTed to /v1/traces (JSON encoding), and the headers it came with. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url !== '/v1/traces' || request.method !== 'POST') {
        response.writeHead(404).end();
        return;
      }
      headers.push(request.headers);
      const payload = JSON.parse(body) as {
        resourceSpans: Array<{
          resource: { attributes: Attr[] };
          scopeSpans: Array<{ spans: Array<Omit<ExportedSpan, 'attributes'> & { attributes: Attr[] }> }>;
        }>;
      };
      for (const resource of payload.resourceSpans) {
        const service = attributes(resource.resource.attributes)['service.name'];
        for (const scope of resource.scopeSpans)
          for (const span of scope.spans) spans.push({ ...span, attributes: { ...attributes(span.attributes), 'service.name': service } });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, spans, headers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Attr = {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; arrayValue?: { values: Array<{ stringValue?: string }> } };
};
function attributes(list: Attr[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.arrayValue?.values.map((v) => v.stringValue))),
    ]),
  );
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const QUERY = 'query Traced { interviews(provider: MICRO1, first: 2) { edges { node { id report { id } } } } }';
const WEBHOOK_TOKEN = 'micro1-webhook-token-tracing';
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

describe('tracing on (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let h: Harness;
  let closed = false;
  const lines: string[] = [];

  beforeAll(async () => {
    collector = await startCollector();
    h = await startHarness({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-secret',
        OTEL_SERVICE_NAME: 'interview-graph-test',
        MICRO1_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
        VENDOR_RETRIES: '0',
      },
      logger: createLogger('info', { write: (line: string) => lines.push(line) }),
    });
    h.resetCalls();
    const answer = await h.as({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` }).query(QUERY);
    expect(answer.errors).toBeUndefined();
    // A vendor outage, in a trace of its own (no traceparent sent).
    h.setKnobs(Provider.XOBIN, { outage: true });
    await h.query('query Failing { interviews(provider: XOBIN, first: 1) { edges { node { id } } } }');
    h.setKnobs(Provider.XOBIN, { outage: false });
    await h.http('POST', `/webhooks/micro1/${WEBHOOK_TOKEN}`, { headers: { 'content-type': 'application/json' }, body: '{"not":"a micro1 event"}' });
    await h.http('GET', '/healthz');
    // Closing the gateway exports what is pending.
    await h.close();
    closed = true;
  });
  afterAll(async () => {
    if (!closed) await h.close();
    await collector.close();
  });

  const inTrace = () => collector.spans.filter((s) => s.traceId === TRACE_ID);
  const serverSpan = () => {
    const found = inTrace().filter((s) => s.kind === SPAN_KIND_SERVER);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('exports to <endpoint>/v1/traces with the configured headers and service name', () => {
    expect(collector.headers.length).toBeGreaterThan(0);
    for (const headers of collector.headers) expect(headers.authorization).toBe('Bearer collector-secret');
    expect(new Set(collector.spans.map((s) => s.attributes['service.name']))).toEqual(new Set(['interview-graph-test']));
  });

  it("the request is one server span, continuing the caller's trace, named after the operation", () => {
    const span = serverSpan();
    expect(span.parentSpanId).toBe(CALLER_SPAN);
    expect(span.name).toBe('query Traced');
    expect(span.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Traced',
      'interview_graph.tenant': 'default',
    });
  });

  it('every vendor call is a client span under it, and carried traceparent to the vendor', () => {
    const server = serverSpan();
    const vendorSpans = inTrace().filter((s) => s.kind === SPAN_KIND_CLIENT);
    const micro1 = h.sim(Provider.MICRO1);
    const requests = micro1.requests();
    expect(vendorSpans).toHaveLength(requests.length);
    expect(server.attributes['interview_graph.vendor_calls']).toBe(requests.length);
    for (const span of vendorSpans) {
      expect(span.parentSpanId).toBe(server.spanId);
      expect(span.name).toMatch(/^MICRO1 GET \//);
      expect(span.attributes).toMatchObject({ 'interview_graph.vendor': 'MICRO1', 'http.request.method': 'GET', 'http.response.status_code': 200 });
      expect(span.attributes['url.template']).toBe(span.name.slice('MICRO1 '.length));
      expect(span.status.code ?? 0).not.toBe(STATUS_ERROR);
    }
    // Each vendor request carried its own span as parent: the vendor can join the trace.
    expect(micro1.traceparents().sort()).toEqual(vendorSpans.map((s) => `00-${TRACE_ID}-${s.spanId}-01`).sort());
  });

  it('a failed vendor call is an error span with the error code', () => {
    const failing = collector.spans.find((s) => s.kind === SPAN_KIND_SERVER && s.name === 'query Failing');
    expect(failing).toBeDefined();
    expect(failing!.traceId).not.toBe(TRACE_ID);
    const calls = collector.spans.filter((s) => s.parentSpanId === failing!.spanId);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.attributes).toMatchObject({ 'interview_graph.vendor': 'XOBIN', 'http.response.status_code': 503, 'error.type': 'VENDOR_UNAVAILABLE' });
      expect(call.status.code).toBe(STATUS_ERROR);
    }
    expect(failing!.attributes['interview_graph.error_codes']).toEqual(['VENDOR_UNAVAILABLE']);
  });

  it('webhooks are traced by route template (the token never appears); probes are not traced', () => {
    const webhook = collector.spans.find((s) => s.name === 'POST /webhooks/:provider/:token');
    expect(webhook).toBeDefined();
    // An unreadable delivery is refused (422): the caller's fault, not a failed span.
    expect(webhook!.attributes['http.response.status_code']).toBe(422);
    expect(webhook!.status.code ?? 0).not.toBe(STATUS_ERROR);
    expect(JSON.stringify(collector.spans)).not.toContain(WEBHOOK_TOKEN);
    expect(collector.spans.some((s) => s.name.includes('healthz'))).toBe(false);
  });
});

describe('sampling, collector credentials, a collector that is down', () => {
  it('OTEL_TRACES_SAMPLER_ARG=0 records no new trace, but keeps a caller-sampled one', async () => {
    const collector = await startCollector();
    const h = await startHarness({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_TRACES_SAMPLER_ARG: '0' } });
    try {
      await h.query('query Unsampled { interviews(provider: MICRO1, first: 1) { edges { node { id } } } }');
      await h
        .as({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` })
        .query('query Sampled { interviews(provider: HEYMILO, first: 1) { edges { node { id } } } }');
    } finally {
      await h.close();
      await collector.close();
    }
    expect(collector.spans.some((s) => s.name === 'query Unsampled')).toBe(false);
    expect(collector.spans.filter((s) => s.kind === SPAN_KIND_SERVER).map((s) => s.name)).toEqual(['query Sampled']);
    expect(collector.spans.every((s) => s.traceId === TRACE_ID)).toBe(true);
  });

  it('credentials in the endpoint URL are sent as Basic auth', async () => {
    const collector = await startCollector();
    const h = await startHarness({
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url.replace('http://', 'http://otel%20user:p%40ss@')}/v1/traces` },
    });
    try {
      await h.query('{ interviews(provider: MICRO1, first: 1) { edges { node { id } } } }');
    } finally {
      await h.close();
      await collector.close();
    }
    expect(collector.spans.length).toBeGreaterThan(0);
    expect(new Set(collector.headers.map((headers) => headers.authorization))).toEqual(new Set([`Basic ${Buffer.from('otel user:p@ss').toString('base64')}`]));
  });

  it('an unreachable collector costs the requests nothing and is logged once, without the credentials of its URL', async () => {
    const lines: string[] = [];
    const h = await startHarness({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:pw-not-logged@127.0.0.1:1' },
      logger: createLogger('warn', { write: (line: string) => lines.push(line) }),
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await h.query('{ interviews(provider: MICRO1, first: 1) { edges { node { id } } } }');
        expect(answer.status).toBe(200);
        expect(answer.errors).toBeUndefined();
      }
    } finally {
      await h.close();
    }
    const warnings = lines.map((l) => JSON.parse(l) as { msg: string; endpoint?: string }).filter((l) => l.msg === 'trace export failed (spans dropped)');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].endpoint).toBe('http://127.0.0.1:1/v1/traces');
    expect(lines.filter((l) => l.includes('pw-not-logged'))).toEqual([]);
  });
});

describe('tracing off (no endpoint)', () => {
  it('sends no traceparent to the vendors', async () => {
    const h = await startHarness();
    try {
      h.resetCalls();
      await h.as({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` }).query(QUERY);
      const sent = h.sim(Provider.MICRO1).traceparents();
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent)).toEqual(new Set(['']));
    } finally {
      await h.close();
    }
  });
});
