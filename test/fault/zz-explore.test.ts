import { Provider } from '../../src/domain/provider';
import { startHarness, type Harness } from '../support/harness';

const log = (label: string, v: unknown) => process.stdout.write(`\n### ${label}\n${JSON.stringify(v).slice(0, 1200)}\n`);
const Q = (p: string) => `{ interviews(provider: ${p}, first: 3) { edges { node { id status candidate { email } } } } }`;
const calls = (h: Harness) => JSON.stringify(h.calls());

describe('explore', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ env: { VENDOR_TIMEOUT_MS: '300' } }); });
  afterAll(() => h.close());
  beforeEach(() => h.resetCalls());

  it('corrupt', async () => {
    for (const mode of ['truncated', 'not-json', 'empty'] as const) {
      for (const p of [Provider.MICRO1, Provider.HEYMILO, Provider.XOBIN, Provider.EVALYO]) {
        h.resetCalls();
        h.setKnobs(p, { corruptBody: mode });
        const r = await h.query(Q(p));
        log(`${mode} ${p}`, { status: r.status, errors: r.errors, calls: calls(h) });
        h.setKnobs(p, { corruptBody: null });
      }
    }
  });
  it('500', async () => {
    h.setKnobs(Provider.XOBIN, { errorRate: 1 });
    const t = Date.now();
    const r = await h.query(Q('XOBIN'));
    log('500 xobin', { ms: Date.now() - t, errors: r.errors, calls: calls(h) });
    h.setKnobs(Provider.XOBIN, { errorRate: 0 });
  });
  it('429', async () => {
    h.setKnobs(Provider.EVALYO, { rateLimitNext: 1000, rateLimitRetryAfterSeconds: 30 });
    const t = Date.now();
    const r = await h.query(Q('EVALYO'));
    log('429 evalyo', { ms: Date.now() - t, errors: r.errors, calls: calls(h) });
    h.resetCalls();
    h.setKnobs(Provider.EVALYO, { rateLimitNext: 1000, rateLimitRetryAfterSeconds: 1 });
    const t2 = Date.now();
    const r2 = await h.query(Q('EVALYO'));
    log('429 evalyo ra1', { ms: Date.now() - t2, errors: r2.errors, calls: calls(h) });
    h.setKnobs(Provider.EVALYO, { rateLimitNext: 0 });
  });
  it('drift', async () => {
    (h.sim(Provider.HEYMILO) as any).driftData(true);
    const list = await h.query('{ interviews(provider: HEYMILO, first: 5) { edges { node { id status report { score { value } } } } } }');
    log('heymilo drift', { errors: list.errors, data: list.data, calls: calls(h) });
    (h.sim(Provider.HEYMILO) as any).driftData(false);
    h.resetCalls();
    (h.sim(Provider.EVALYO) as any).driftInterviews(true);
    const e = await h.query(Q('EVALYO'));
    log('evalyo drift', { errors: e.errors, data: e.data, calls: calls(h) });
    (h.sim(Provider.EVALYO) as any).driftInterviews(false);
  });
  it('ids', async () => {
    const ids = ['garbage', 'acme:Interview:x', 'micro1:Nope:x', 'micro1:Report:x', 'micro1:Interview:nonsense', 'micro1:Interview:a~b', 'heymilo:Interview:int_nope', 'xobin:Interview:abc', 'xobin:Interview:999999', 'evalyo:Interview:nope', 'micro1:InterviewTemplate:nope', 'heymilo:Report:int_nope', '', ':::', 'micro1::x', 'micro1:Interview:'];
    for (const id of ids) {
      h.resetCalls();
      const r = await h.query('query($id: ID!) { interview(id: $id) { id } n: node(id: $id) { id } }', { id });
      log(`id ${id}`, { status: r.status, data: r.data, errors: r.errors?.map((e) => [e.path, e.extensions]), calls: calls(h) });
    }
  });
  it('http', async () => {
    for (const [label, headers, body] of [
      ['text/plain', { 'content-type': 'text/plain' }, '{"query":"{ providers { provider } }"}'],
      ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7Bproviders%7Bprovider%7D%7D'],
      ['no ct', {}, '{"query":"{ providers { provider } }"}'],
      ['xml', { 'content-type': 'application/xml' }, '<q/>'],
      ['json array', { 'content-type': 'application/json' }, '[]'],
      ['json number', { 'content-type': 'application/json' }, '42'],
      ['json null', { 'content-type': 'application/json' }, 'null'],
      ['json string', { 'content-type': 'application/json' }, '"x"'],
      ['empty', { 'content-type': 'application/json' }, ''],
      ['query number', { 'content-type': 'application/json' }, '{"query": 42}'],
      ['vars string', { 'content-type': 'application/json' }, '{"query": "{ providers { provider } }", "variables": "x"}'],
      ['no query', { 'content-type': 'application/json' }, '{}'],
      ['bad utf8', { 'content-type': 'application/json' }, '{"query": "\uD800"}'],
      ['proto', { 'content-type': 'application/json' }, '{"__proto__": {"x": 1}, "query": "{ providers { provider } }"}'],
    ] as Array<[string, Record<string, string>, string]>) {
      const r = await h.http('POST', '/graphql', { headers, body });
      log(`http ${label}`, { status: r.status, body: r.body.slice(0, 400) });
    }
    const big = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ providers { provider } } # ${'x'.repeat(1024 * 1024)}` }) });
    log('413', { status: big.status, body: big.body.slice(0, 300) });
  });
  it('bad args', async () => {
    for (const q of [
      '{ interviews(provider: MICRO1, first: 99999999999) { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: -1) { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: 0) { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: 1000) { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: 2, after: "garbage") { edges { node { id } } } }',
      '{ interviews(provider: HEYMILO, first: 2, after: "garbage") { edges { node { id } } } }',
      '{ interviews(provider: XOBIN, first: 2, after: "garbage") { edges { node { id } } } }',
      '{ interviews(provider: EVALYO, first: 2, after: "garbage") { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: 2, templateId: "garbage") { edges { node { id } } } }',
      '{ candidate(email: "not-an-email") { email } }',
      '{ candidate(email: "") { email } }',
      '{ candidates(first: 2, after: "garbage") { edges { node { email } } } }',
      '{ interviews(provider: NOPE, first: 2) { edges { node { id } } } }',
      '{ interviews(provider: MICRO1, first: 2, status: NOPE) { edges { node { id } } } }',
      '{ candidate(email: "x@example.com") { interviews(first: 2, after: "zzz") { edges { node { id } } } } }',
      '{ candidate(email: "x@example.com") { interviews(first: 2, updatedAfter: "yesterday") { edges { node { id } } } } }',
      '{ reportForInterview(interviewId: "garbage") { id } }',
    ]) {
      h.resetCalls();
      const r = await h.query(q);
      log(q, { status: r.status, errors: r.errors?.map((e) => [e.message, e.extensions]), calls: calls(h) });
    }
  });
});
