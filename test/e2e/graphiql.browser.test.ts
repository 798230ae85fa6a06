/**
 * The explorer in a real browser (Debian's Chromium driven by playwright-core): the self-hosted
 * GraphiQL page at GET /graphql loads, runs an example tab against the simulators, shows the
 * result, and receives a live `reportReady` event over graphql-ws when a simulated session
 * finishes — and every request the page makes goes to the gateway itself, none to a CDN.
 *
 * Saves a screenshot to test-output/graphiql.png; with UPDATE_SCREENSHOT=1 also to
 * docs/graphiql.png (the README's), so an ordinary run never dirties the tree.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { request } from 'undici';
import { Provider } from '../support/providers';
import { bootAsSandbox, type BrowserSession, openChromium } from '../support/chromium';
import { startHarness, type Harness } from '../support/harness';
import { subscriptionsOpened } from '../support/subscriptions';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(ROOT, 'test-output', 'graphiql.png');
const README_SCREENSHOT = join(ROOT, 'docs', 'graphiql.png');
const CANDIDATE = 'omar.petrov.8@example.com';

let h: Harness;
let browser: BrowserSession;
let context: BrowserContext;
let page: Page;
/** Every URL the page asked for (documents, scripts, styles, workers, fetches, WebSockets). */
const requested: string[] = [];
/** Console errors and uncaught exceptions in the page. */
let pageErrors: string[];

beforeAll(async () => {
  browser = await openChromium('the GraphiQL browser test', { width: 1440, height: 900 });
  ({ context, page, pageErrors } = browser);
  context.on('request', (r) => requested.push(r.url()));
  page.on('websocket', (ws) => requested.push(ws.url()));
  h = await startHarness();
  await bootAsSandbox(h);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** GraphiQL's result pane (a Monaco editor: only the lines in view are in the DOM; spaces may be U+00A0). */
const RESULT_PANE = 'section[aria-label="Result Window"]';

/** The page's `document`, typed just enough for the check below (this project's TypeScript has no DOM lib). */
type PageDocument = { querySelector(selector: string): { textContent: string | null } | null };

/** Waits until the result pane shows `pattern` (whitespace collapsed), then returns that text. */
async function waitForResult(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const text = async () => ((await page.locator(RESULT_PANE).textContent()) ?? '').replace(/\s+/g, ' ');
  try {
    await page.waitForFunction(
      ({ selector, source, flags }) => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        return new RegExp(source, flags).test((doc.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' '));
      },
      { selector: RESULT_PANE, source: pattern.source, flags: pattern.flags },
      { timeout: timeoutMs },
    );
  } catch (error) {
    throw new Error(`The result pane never showed ${pattern}; it shows: ${await text()}`, { cause: error });
  }
  return text();
}

/**
 * Makes a tab the active one. A click on a tab button sometimes does not switch tabs (GraphiQL's
 * draggable tab bar can take the first press for the start of a drag), so it is clicked again
 * until the tab says it is active.
 */
async function openTab(name: string): Promise<void> {
  const tab = page.locator('.graphiql-tab', { hasText: name });
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await page.locator('.graphiql-tab-button', { hasText: name }).click();
    try {
      await tab.and(page.locator('.graphiql-tab-active')).waitFor({ timeout: 1_000 });
      return;
    } catch {
      // not switched yet: click again
    }
  }
  throw new Error(`GraphiQL did not switch to the ${name} tab`);
}

describe('GraphiQL in Chromium', () => {
  it('opens at GET /graphql with the example tabs and the schema docs, and runs a query against the simulators', async () => {
    const response = await page.goto(`${h.url}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);

    for (const tab of [
      'CandidateAcrossVendors',
      'PipelineAcrossVendors',
      'ReportWithScorecard',
      'InviteCandidate',
      'ReportReady',
      'InterviewUpdated',
      'CreateWebhookEndpoint',
    ]) {
      await page.locator('.graphiql-tab-button', { hasText: tab }).waitFor();
    }
    // The docs come from introspection: the explorer knows the Query type's fields.
    const docs = page.locator('button[aria-label$="Documentation Explorer"]');
    await docs.click();
    await page
      .locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ })
      .first()
      .click();
    await page.locator('a.graphiql-doc-explorer-field-name', { hasText: /^candidate$/ }).waitFor();
    await docs.click(); // closed again: the screenshot shows the editor and the result
    await page.locator('.graphiql-doc-explorer').waitFor({ state: 'detached' });

    await page.locator('.graphiql-tab-button', { hasText: 'CandidateAcrossVendors' }).click();
    const answered = page.waitForResponse((r) => r.url() === `${h.url}/graphql` && (r.request().postData() ?? '').includes('CandidateAcrossVendors'));
    await page.locator('.graphiql-execute-button').click();
    const result = await waitForResult(new RegExp(`"email": "${CANDIDATE.replace(/\./g, '\\.')}"`));
    expect(result).toMatch(/"candidate": \{/);
    expect(result).toMatch(/"id": "(micro1|heymilo|xobin|evalyo):Interview:/);
    expect(result).not.toMatch(/"errors"/);
    // What the pane shows came from every vendor's simulator (the pane only renders the lines in view).
    const body = (await (await answered).json()) as { data: { candidate: { interviews: { edges: Array<{ provider: string }> } } } };
    expect(new Set(body.data.candidate.interviews.edges.map((e) => e.provider))).toEqual(new Set(Object.values(Provider)));

    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(SCREENSHOT, README_SCREENSHOT);
    }
  }, 60_000);

  it('shows a reportReady event pushed over graphql-ws when a simulated HeyMilo session finishes', async () => {
    const pending = await h.query('{ interviews(provider: HEYMILO, first: 100, status: IN_PROGRESS) { edges { node { providerId candidate { email } } } } }');
    const target = (pending.data!.interviews as { edges: Array<{ node: { providerId: string; candidate: { email: string } } }> }).edges[0].node;

    // The server has the subscription once graphql-ws has asked the event bus for the topic.
    const subscribed = new Promise<void>((resolve) => {
      const original = h.app.events.subscribe.bind(h.app.events);
      h.app.events.subscribe = (topic, tenantId) => {
        if (topic === 'REPORT_READY') {
          h.app.events.subscribe = original;
          resolve();
        }
        return original(topic, tenantId);
      };
    });
    await openTab('ReportReady');
    // GraphiQL takes the new tab's operation name from its editor a moment later (run before, it
    // would ask for the previous tab's operation); yoga writes the editor's text to ?query= then.
    await page.waitForURL((url) => (url.searchParams.get('query') ?? '').includes('subscription ReportReady'), { waitUntil: 'commit' });
    await page.locator('.graphiql-execute-button').click();
    await subscribed;
    await h.app.events.ready();

    const completed = await request(`${h.sim(Provider.HEYMILO).url}/__sim/complete/${target.providerId}`, { method: 'POST' });
    const { webhooks } = (await completed.body.json()) as { webhooks: Array<{ status: number }> };
    expect(webhooks.length).toBeGreaterThan(0);
    expect(webhooks.every((d) => d.status === 200)).toBe(true);

    const result = await waitForResult(/"reportReady": \{/);
    expect(result).toMatch(/"provider": "HEYMILO"/);
    expect(result).toContain(`"email": "${target.candidate.email}"`);
  }, 45_000);

  it('registers an outbound webhook endpoint from its tab, showing the secret once', async () => {
    await openTab('CreateWebhookEndpoint');
    await page.waitForURL((url) => (url.searchParams.get('query') ?? '').includes('mutation CreateWebhookEndpoint'), { waitUntil: 'commit' });
    await page.locator('.graphiql-execute-button').click();
    const result = await waitForResult(/"secret": "whsec_/);
    expect(result).toContain('"url": "http://127.0.0.1:8787/webhooks"');
    const [state] = await h.app.tenant().outbox.endpoints();
    expect(state.endpoint).toMatchObject({ url: 'http://127.0.0.1:8787/webhooks', events: ['report.ready', 'interview.updated', 'candidate.updated'] });
    expect(result).toContain(`"id": "${state.endpoint.id}"`);
  }, 45_000);

  it('made every request to the gateway itself: page, assets, Monaco workers, GraphQL over HTTP and graphql-ws', () => {
    const origin = new URL(h.url);
    const offsite = requested.filter((url) => {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false; // in-page data, not a request to anyone
      return u.host !== origin.host || !['http:', 'ws:'].includes(u.protocol);
    });
    expect(offsite).toEqual([]);
    const paths = requested.map((url) => new URL(url).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/graphql', expect.stringMatching(/yoga-graphiql\.umd\.js$/), expect.stringMatching(/graphiql\.css$/)]));
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/editor\.worker\.js$/), expect.stringMatching(/graphql\.worker\.js$/)]));
    expect(requested).toContain(`${h.url.replace('http:', 'ws:')}/graphql`);
    // No CSP violation (Chromium reports each as a console error) and no other error either.
    expect(pageErrors).toEqual([]);
  });

  it('with client authentication on, the Headers tab authenticates queries and, as connectionParams, subscriptions', async () => {
    const KEY = 'graphiql-browser-client-key-01';
    const authed = await startHarness({ env: { AUTH_API_KEYS: KEY } });
    try {
      await bootAsSandbox(authed);
      await page.goto(`${authed.url}/graphiql`);
      // Each GraphiQL tab has its own headers, as it has its own query.
      const setKey = async () => {
        await page.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).click();
        await page.locator('.monaco-editor[data-uri$="-headers.json"]').click();
        // The editor holds the template {"x-api-key": "<your API key>"}: replaced whole.
        const template = (await page.locator('.monaco-editor[data-uri$="-headers.json"] .view-lines').textContent()) ?? '';
        expect(template.replace(/\s+/g, ' ')).toContain('"x-api-key": "<your API key>"');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.keyboard.type(`{"x-api-key": "${KEY}"`); // Monaco closes the brace
      };

      await page.locator('.graphiql-tab-button', { hasText: 'CandidateAcrossVendors' }).click();
      await page.locator('.graphiql-execute-button').click();
      await waitForResult(/"code": "UNAUTHENTICATED"/);
      await setKey();
      await page.locator('.graphiql-execute-button').click();
      await waitForResult(new RegExp(`"email": "${CANDIDATE.replace(/\./g, '\\.')}"`));

      const pending = await authed
        .as({ 'x-api-key': KEY })
        .query('{ interviews(provider: HEYMILO, first: 100, status: IN_PROGRESS) { edges { node { providerId } } } }');
      const target = (pending.data!.interviews as { edges: Array<{ node: { providerId: string } }> }).edges[0].node;
      const sentInit = new Promise<string>((resolve) =>
        page.on('websocket', (ws) => ws.on('framesent', (frame) => String(frame.payload).includes('connection_init') && resolve(String(frame.payload)))),
      );
      await openTab('ReportReady');
      await page.waitForURL((url) => (url.searchParams.get('query') ?? '').includes('subscription ReportReady'), { waitUntil: 'commit' });
      await setKey();
      const opened = subscriptionsOpened(authed.app.events);
      await page.locator('.graphiql-execute-button').click();
      expect(JSON.parse(await sentInit)).toEqual({ type: 'connection_init', payload: { 'x-api-key': KEY } });
      await opened(1);
      await request(`${authed.sim(Provider.HEYMILO).url}/__sim/complete/${target.providerId}`, { method: 'POST' });
      expect(await waitForResult(/"reportReady": \{/)).toMatch(/"provider": "HEYMILO"/);
      // The key lives only as long as the page: never written to the browser's storage.
      const stored = await page.evaluate(() => {
        const storage = (globalThis as unknown as { localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null } })
          .localStorage;
        return Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`).join('\n');
      });
      expect(stored).not.toContain(KEY);
    } finally {
      await authed.close();
    }
  }, 60_000);
});
