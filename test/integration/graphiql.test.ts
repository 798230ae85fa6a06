/**
 * The self-hosted GraphiQL over real HTTP: browsers get the page at /graphiql and GET /graphql,
 * GraphQL clients keep GraphQL-over-GET, every asset the page names is served from the installed
 * package with the right type, nothing in the page points at another origin, the example tabs are
 * valid against the schema and run, and config turns the page (and introspection) off.
 */
import { VENDORS } from '../../src/vendors/vendors';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { GRAPHIQL_EXAMPLE_TABS } from '../../src/server/graphiql.examples';
import { prefersHtml } from '../../src/server/graphiql.routes';
import { Provider } from '../support/providers';
import { startHarness, type Harness } from '../support/harness';

/** What Chromium sends when navigating to a page. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
/** What GraphiQL's own fetcher (and most GraphQL clients) send. */
const GRAPHQL_ACCEPT = 'application/graphql-response+json, application/json, multipart/mixed';
const JS = /^text\/javascript; charset=utf-8$/;

type PageOptions = {
  endpoint: string;
  props: { defaultTabs: Array<{ query: string; variables?: string; headers?: string }>; query: string; defaultHeaders: string };
};
/** The options the page hands GraphiQL. */
function pageOptions(html: string): PageOptions {
  return JSON.parse(/<script type="application\/json" id="graphiql-options">([^<]*)<\/script>/.exec(html)![1]) as PageOptions;
}

/** `src` and `href` values in the page, resolved against `base` (the page's own URL). */
function referencedUrls(html: string, base: string): URL[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], base));
}

describe('GraphiQL', () => {
  let h: Harness;
  let page: string;
  beforeAll(async () => {
    h = await startHarness();
    page = (await h.http('GET', '/graphiql')).body;
  });
  afterAll(() => h.close());

  it.each(['/graphiql', '/graphql', '/graphql?query=%7Bproviders%7Bname%7D%7D'])(
    'GET %s from a browser answers the GraphiQL page with a same-origin CSP',
    async (path) => {
      const response = await h.http('GET', path, { headers: { accept: BROWSER_ACCEPT, host: 'localhost:4000' } });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<div id="root">');
      expect(response.body).toContain('yoga-graphiql.umd.js');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("connect-src 'self' ws://localhost:4000 wss://localhost:4000;");
      expect(csp).toContain("worker-src 'self';");
      expect(csp).not.toMatch(/unsafe-eval|https?:\/\/|\*/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('has no inline script and no URL of another origin in the page', () => {
    // The tabs' text is data, not something the page loads: its one URL is the example endpoint a
    // user registers for outbound webhooks (their own receiver on loopback).
    const data = /<script type="application\/json" id="graphiql-options">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect([...data.matchAll(/https?:\/\/[^\s"\\]+/g)].map((m) => m[0])).toEqual(['http://127.0.0.1:8787/webhooks']);
    const outsideData = page.replace(data, '');
    expect(outsideData).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i); // no protocol-relative URLs either
    // Every <script> loads a file of ours, except the JSON data block (not executed).
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(3);
    for (const [, attributes, body] of scripts) {
      if (attributes.includes('type="application/json"')) continue;
      expect(attributes).toMatch(/src="graphiql\/assets\//);
      expect(body).toBe('');
    }
  });

  it('serves every asset the page references, and the Monaco workers the bootstrap names, with the right content type', async () => {
    const base = `${h.url}/graphql`;
    const urls = referencedUrls(page, base).filter((u) => u.protocol !== 'data:');
    expect(urls.map((u) => u.pathname)).toEqual([
      expect.stringMatching(/^\/graphiql\/assets\/v\d+\.\d+\.\d+\/graphiql\.css$/),
      expect.stringMatching(/^\/graphiql\/assets\/graphiql-boot\.[0-9a-f]{12}\.js$/),
      expect.stringMatching(/^\/graphiql\/assets\/v\d+\.\d+\.\d+\/yoga-graphiql\.umd\.js$/),
    ]);
    for (const url of urls) {
      expect(url.origin).toBe(new URL(h.url).origin);
      const asset = await h.http('GET', url.pathname);
      expect({ path: url.pathname, status: asset.status }).toEqual({ path: url.pathname, status: 200 });
      expect(asset.headers['content-type']).toMatch(url.pathname.endsWith('.css') ? /^text\/css; charset=utf-8$/ : JS);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.body.length).toBeGreaterThan(100);
    }

    const boot = await h.http('GET', urls[1].pathname);
    expect(boot.body).not.toMatch(/https?:\/\//);
    expect(boot.body).toContain("subscriptionsProtocol: 'WS'");
    const workers = JSON.parse(/var workers = (\{[^}]+\});/.exec(boot.body)![1]) as Record<string, string>;
    expect(Object.keys(workers).sort()).toEqual(['editorWorkerService', 'graphql', 'json']);
    for (const worker of Object.values(workers)) {
      const path = new URL(worker, new URL('./', new URL(urls[1].pathname, h.url))).pathname;
      const response = await h.http('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers['content-type']).toMatch(JS);
      expect(response.body.length).toBeGreaterThan(100_000);
    }
  });

  it('answers 404 for an asset name it does not serve (no path from the URL reaches the filesystem)', async () => {
    const css = referencedUrls(page, `${h.url}/graphql`).find((u) => u.pathname.endsWith('.css'))!.pathname;
    const dir = css.slice(0, css.lastIndexOf('/'));
    for (const path of [`${dir}/package.json`, `${dir}/..%2Fpackage.json`, `${dir}/%2e%2e%2f%2e%2e%2fpackage.json`, '/graphiql/assets/v0.0.0/graphiql.css']) {
      expect({ path, status: (await h.http('GET', path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('keeps GraphQL over GET for non-browsers (JSON, with Apollo CSRF prevention)', async () => {
    for (const accept of [undefined, '*/*', 'application/json', GRAPHQL_ACCEPT, 'text/html;q=0.5, application/json']) {
      const response = await h.http('GET', '/graphql?query=%7Bproviders%7Bname%7D%7D', {
        headers: { 'apollo-require-preflight': 'true', ...(accept === undefined ? {} : { accept }) },
      });
      expect({ accept, status: response.status }).toEqual({ accept, status: 200 });
      expect(response.headers['content-type']).toMatch(/json/);
      expect(JSON.parse(response.body).data.providers).toHaveLength(VENDORS.length);
    }
  });

  it('decides "browser" on an explicit text/html ranked above every JSON type', () => {
    expect(prefersHtml(BROWSER_ACCEPT)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('text/html, */*')).toBe(true);
    expect(prefersHtml('application/json;q=0.5, text/html')).toBe(true);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(GRAPHQL_ACCEPT)).toBe(false);
    expect(prefersHtml('text/html, application/json')).toBe(false); // a tie goes to GraphQL, as in Apollo
    expect(prefersHtml('text/html;q=0')).toBe(false);
  });

  it('opens with example tabs that are valid against the schema, and the query tabs run against the simulators', async () => {
    const introspection = await h.query(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);
    const options = pageOptions(page);
    expect(options.endpoint).toBe('graphql');
    // Every tab, and any tab the user opens, has the Headers editor ready for the API key.
    const headers = '{\n  "x-api-key": "<your API key>"\n}';
    expect(options.props.defaultTabs).toEqual(GRAPHIQL_EXAMPLE_TABS.map((tab) => ({ ...tab, headers })));
    expect(options.props.defaultHeaders).toBe(headers);
    expect(options.props.query).toBe(GRAPHIQL_EXAMPLE_TABS[0].query);

    const kinds = GRAPHIQL_EXAMPLE_TABS.map((tab) => {
      const document = parse(tab.query);
      expect(validate(schema, document)).toEqual([]);
      return document.definitions.map((d) => (d.kind === 'OperationDefinition' ? `${d.operation} ${d.name?.value}` : d.kind));
    });
    expect(kinds.flat()).toEqual([
      'query CandidateAcrossVendors',
      'query PipelineAcrossVendors',
      'query ReportWithScorecard',
      'mutation InviteCandidate',
      'subscription ReportReady',
      'subscription InterviewUpdated',
      'mutation CreateWebhookEndpoint',
    ]);
    expect(GRAPHIQL_EXAMPLE_TABS[0].query).toContain('candidate(email: "Omar.Petrov.8@example.com ")');

    await h.app.tenant().identitySync.runAll();
    const pipeline = await h.query(GRAPHIQL_EXAMPLE_TABS[1].query);
    expect(pipeline.errors).toBeUndefined();
    const feeds = pipeline.data as { latest: { edges: Array<{ provider: string }> }; best: { edges: Array<{ node: { score: { scale: string } } }> } };
    expect(feeds.latest.edges).toHaveLength(10);
    expect(feeds.best.edges[0].node.score.scale).toBe('PERCENT');
    const candidate = await h.query(GRAPHIQL_EXAMPLE_TABS[0].query);
    expect(candidate.errors).toBeUndefined();
    const edges = (candidate.data!.candidate as { interviews: { edges: Array<{ provider: string }> } }).interviews.edges;
    expect(new Set(edges.map((e) => e.provider))).toEqual(new Set(['MICRO1', 'HEYMILO', 'XOBIN', 'EVALYO']));
    const report = await h.query(GRAPHIQL_EXAMPLE_TABS[2].query);
    expect(report.errors).toBeUndefined();
    const node = (report.data!.interviews as { edges: Array<{ node: { report: { scorecard: { items: unknown[] }; transcript: unknown[] } } }> }).edges[0].node;
    expect(node.report.scorecard.items.length).toBeGreaterThan(0);
    expect(node.report.transcript.length).toBeGreaterThan(0);
  });

  it('has a mutation tab that invites to a sandbox template once: run again, it answers the same interview, replayed', async () => {
    const tab = GRAPHIQL_EXAMPLE_TABS.find((t) => t.query.includes('mutation InviteCandidate'))!;
    const variables = JSON.parse(tab.variables!) as Record<string, unknown>;
    h.resetCalls();
    const first = await h.query(tab.query, variables);
    expect(first.errors).toBeUndefined();
    const invited = first.data!.inviteCandidate as { replayed: boolean; interview: { id: string; status: string; candidate: { email: string } } };
    expect(invited).toMatchObject({ replayed: false, interview: { status: 'INVITED', candidate: { email: 'ada.lovelace@example.com' } } });
    const again = await h.query(tab.query, variables);
    expect(again.data!.inviteCandidate).toMatchObject({ replayed: true, interview: { id: invited.interview.id } });
    expect(
      h
        .sim(Provider.MICRO1)
        .writes()
        .map((w) => w.request.split('?')[0]),
    ).toEqual(['POST /interview/invite']);
  });

  it('names AUTH_API_KEY_HEADER in the Headers template', async () => {
    const custom = await startHarness({ env: { AUTH_API_KEY_HEADER: 'X-Client-Key' } });
    try {
      const { props } = pageOptions((await custom.http('GET', '/graphiql')).body);
      expect(props.defaultHeaders).toBe('{\n  "x-client-key": "<your API key>"\n}');
      expect(new Set(props.defaultTabs.map((t) => t.headers))).toEqual(new Set([props.defaultHeaders]));
    } finally {
      await custom.close();
    }
  });
});

describe('GraphiQL turned off (GRAPHQL_LANDING_PAGE=false)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHQL_LANDING_PAGE: 'false' } });
  });
  afterAll(() => h.close());

  it('answers 404 for /graphiql and its assets, and gives browsers no page at GET /graphql', async () => {
    const on = await startHarness();
    let assets: string[];
    try {
      const page = (await on.http('GET', '/graphiql')).body;
      assets = referencedUrls(page, `${on.url}/graphql`)
        .filter((u) => u.protocol !== 'data:')
        .map((u) => u.pathname);
    } finally {
      await on.close();
    }
    expect(assets.length).toBe(3);
    for (const path of ['/graphiql', ...assets]) {
      expect({ path, status: (await h.http('GET', path, { headers: { accept: BROWSER_ACCEPT } })).status }).toEqual({ path, status: 404 });
    }
    const graphql = await h.http('GET', '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(graphql.status).toBe(400); // Apollo: a GET without a query
    expect(graphql.headers['content-type']).not.toMatch(/html/);
    expect(graphql.body).not.toMatch(/<html/i);
  });

  it('still answers GraphQL over GET and POST', async () => {
    const get = await h.http('GET', '/graphql?query=%7Bproviders%7Bname%7D%7D', { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect((await h.query('{ providers { name } }')).data).toEqual({ providers: expect.any(Array) });
  });
});

describe('introspection turned off (GRAPHQL_INTROSPECTION=false)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHQL_INTROSPECTION: 'false' } });
  });
  afterAll(() => h.close());

  it('refuses introspection (so GraphiQL shows no docs) but answers queries', async () => {
    const introspection = await h.query('{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const full = await h.query(getIntrospectionQuery());
    expect(full.data).toBeNull();
    expect((await h.query('{ providers { name } }')).errors).toBeUndefined();
  });
});
