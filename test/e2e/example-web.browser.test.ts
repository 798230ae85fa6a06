/**
 * The example frontend (examples/web) in a real browser (Debian's Chromium driven by
 * playwright-core): Vite builds it, `vite preview` serves it and proxies `/graphql` (HTTP and
 * graphql-ws) to the gateway on the simulators — one origin, as `npm run example:web` does in
 * development. The pipeline feed shows every vendor; a candidate page shows accounts, interviews
 * and reports; finishing a HeyMilo session in its simulator adds a report on the open page,
 * pushed over graphql-ws, without a reload. Queries go out as automatic persisted queries.
 *
 * Saves a screenshot to test-output/example-web.png; with UPDATE_SCREENSHOT=1 also to
 * docs/example-web.png (the README's), so an ordinary run never dirties the tree.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { request } from 'undici';
import { Provider } from '../support/providers';
import { bootAsSandbox, type BrowserSession, openChromium } from '../support/chromium';
import { startHarness, type Harness } from '../support/harness';
import { subscriptionsOpened } from '../support/subscriptions';
import { eventually } from '../support/timing';

const ROOT = join(__dirname, '..', '..');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const VITE_CONFIG = join(ROOT, 'examples', 'web', 'vite.config.ts');
const OUT_DIR = join(ROOT, 'test-output', 'example-web');
const SCREENSHOT = join(ROOT, 'test-output', 'example-web.png');
const README_SCREENSHOT = join(ROOT, 'docs', 'example-web.png');
const FEED_SIZE = 25; // the page's page size

let h: Harness;
let preview: ChildProcess | undefined;
let webUrl: string;
let browser: BrowserSession;
let page: Page;
/** Bodies of the page's POST /graphql requests, in order. */
const posted: Array<{ operationName?: string; query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } }> = [];
let pageErrors: string[];

/** Runs vite to its end; rejects with its output when it fails. */
function vite(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [VITE, ...args, '--config', VITE_CONFIG, '--outDir', OUT_DIR], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk) => (text += String(chunk)));
  child.stderr?.on('data', (chunk) => (text += String(chunk)));
  return () => text;
}

async function build(): Promise<void> {
  if (!existsSync(join(ROOT, 'examples', 'web', 'src', 'gql', 'index.ts'))) {
    throw new Error('examples/web/src/gql is missing: run `npm run codegen` (npm test does it first)');
  }
  const child = vite(['build', '--emptyOutDir', '--logLevel', 'warn']);
  const text = output(child);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${text()}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** `vite preview` of the build, proxying /graphql to `gatewayUrl`; resolves with its URL once it listens. */
async function startPreview(gatewayUrl: string): Promise<string> {
  const port = await freePort();
  preview = vite(['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { GATEWAY_URL: gatewayUrl, NO_COLOR: '1' });
  const text = output(preview);
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    preview!.on('close', (code) => reject(new Error(`vite preview exited (${code}):\n${text()}`)));
    preview!.stdout?.on('data', () => text().includes(url) && resolve());
  });
  return url;
}

beforeAll(async () => {
  const [harness, opened] = await Promise.all([startHarness(), openChromium("the example frontend's browser test", { width: 1360, height: 1000 }), build()]);
  h = harness;
  browser = opened;
  ({ page, pageErrors } = browser);
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') posted.push(JSON.parse(r.postData() ?? '{}'));
  });
  await bootAsSandbox(h);
  webUrl = await startPreview(h.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (preview && preview.exitCode === null) {
    const closed = new Promise((resolve) => preview!.once('close', resolve));
    preview.kill();
    await closed;
  }
  await h?.close();
});

describe('the example frontend in Chromium', () => {
  it('shows the cross-vendor feed, opens a candidate, and adds a report live when a simulated session finishes', async () => {
    const feed = await h.query(`{ interviews(first: ${FEED_SIZE}, orderBy: UPDATED_AT_DESC) { edges { node { id provider } } } }`);
    const nodes = (feed.data!.interviews as { edges: Array<{ node: { id: string; provider: string } }> }).edges.map((e) => e.node);

    await page.goto(webUrl);
    const rows = page.locator('table.feed tbody tr[data-interview]');
    await rows.first().waitFor();
    // The feed's first page as the gateway orders it, each row with its vendor's badge.
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-interview')))).toEqual(nodes.map((n) => n.id));
    const badges = await rows.locator('.badge.vendor').allTextContents();
    expect(badges).toEqual(nodes.map((n) => ({ MICRO1: 'micro1', HEYMILO: 'HeyMilo', XOBIN: 'Xobin', EVALYO: 'Evalyo' })[n.provider]));
    expect(new Set(badges).size).toBeGreaterThan(1);

    // The feed's first query went out as its hash alone, then (PERSISTED_QUERY_NOT_FOUND) with the query.
    const feedPosts = posted.filter((p) => p.operationName === 'PipelineFeed');
    expect(feedPosts[0].extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(feedPosts[0].query).toBeUndefined();
    expect(feedPosts[1].query).toContain('query PipelineFeed');

    // Filtered to HeyMilo sessions in progress: someone whose session the simulator can finish.
    await page.getByRole('button', { name: 'HeyMilo', exact: true }).click();
    await page.getByLabel('Status').selectOption('IN_PROGRESS');
    const running = page.locator('table.feed tbody tr[data-interview^="heymilo:Interview:"]', {
      has: page.locator('.badge.status', { hasText: 'In progress' }),
    });
    await running.first().waitFor();
    // The two filters apply one after the other: read the rows once both have (in one snapshot).
    await eventually(async () => {
      const shown = await rows.evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('.badge.vendor')?.textContent, tr.querySelector('.badge.status')?.textContent]),
      );
      return shown.length > 0 && shown.every(([vendor, status]) => vendor === 'HeyMilo' && status === 'In progress');
    }, 'the feed to show only HeyMilo sessions in progress');
    const interviewId = (await running.first().getAttribute('data-interview'))!;
    const target = {
      providerId: interviewId.replace('heymilo:Interview:', ''),
      email: (await running.first().locator('.candidate-link .small').textContent())!,
    };

    // The candidate page, reached from the feed; it subscribes to interviewUpdated and reportReady.
    const opened = subscriptionsOpened(h.app.events);
    await page.locator(`tr[data-interview="heymilo:Interview:${target.providerId}"] a.candidate-link`).click();
    await page.waitForURL((url) => url.hash === `#/candidate/${encodeURIComponent(target.email)}`);
    await page.locator('h2', { hasText: 'Accounts' }).waitFor();
    await page.locator(`tr[data-interview="heymilo:Interview:${target.providerId}"] .badge.status`, { hasText: 'In progress' }).waitFor();
    await opened(2);
    const heymiloReports = page.locator('article.report[data-report^="heymilo:Report:"]');
    const before = await heymiloReports.count();
    await page.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    const completed = await request(`${h.sim(Provider.HEYMILO).url}/__sim/complete/${target.providerId}`, { method: 'POST' });
    expect(completed.statusCode).toBe(200);
    await completed.body.dump();

    // Pushed over graphql-ws, then asked again: the new report, its score and the interview's new status.
    await page.locator('output.notice', { hasText: 'New report from HeyMilo' }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      (count) =>
        (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
          'article.report[data-report^="heymilo:Report:"]',
        ).length > count,
      before,
      { timeout: 15_000 },
    );
    await page.locator(`tr[data-interview="heymilo:Interview:${target.providerId}"] .badge.status`, { hasText: 'Completed' }).waitFor({ timeout: 15_000 });
    // The new report is the gateway's latest for this person, with its score as the gateway gives it.
    const latest = await h.query('query ($email: String!) { candidate(email: $email) { latestReport { id provider score { value scale } } } }', {
      email: target.email,
    });
    const report = (latest.data!.candidate as { latestReport: { id: string; provider: string; score: { value: number; scale: string } } }).latestReport;
    expect(report.provider).toBe('HEYMILO');
    expect(report.score.scale).toBe('PERCENT');
    expect(await page.locator(`article.report[data-report="${report.id}"] .score-big`).textContent()).toBe(`${Math.round(report.score.value)}%`);
    // No reload: the page's own global is still there.
    expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(SCREENSHOT, README_SCREENSHOT);
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
