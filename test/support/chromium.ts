import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Provider } from './providers';
import type { Harness } from './harness';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium in a fresh profile, with the flags this machine's closed network needs (without
 * the background-networking ones its connections are refused, many at a time). `test` names the
 * test in the message when Chromium is missing.
 */
export async function openChromium(test: string, viewport: { width: number; height: number }): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: ${test} needs it. Run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'test-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** As `npm start` in sandbox mode: the identity index filled at boot, the HeyMilo simulator delivering its webhooks to the gateway. */
export async function bootAsSandbox(h: Harness): Promise<void> {
  await h.app.tenant().identitySync.runAll();
  h.sim(Provider.HEYMILO).deliverWebhooks!(`${h.url}/webhooks/heymilo/${h.app.tenant().webhookTokens.HEYMILO}`);
}
