/**
 * The README's first command, for real: the compiled gateway (`node dist/src/main.js`, what
 * `npm start` runs after building) starts with no vendor keys, says loudly that it serves the
 * simulators, answers GraphQL with data from both, refuses bad config by name, and drains on SIGTERM.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { VENDORS } from '../../src/vendors/vendors';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => RegExpMatchArray | null, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = predicate();
    if (match) return match;
    if (Date.now() > deadline) throw new Error('timed out waiting for the gateway');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

describe('node dist/src/main.js', () => {
  it('starts in sandbox mode with no keys, serves every vendor, syncs identities at boot, and exits 0 on SIGTERM', async () => {
    const gateway = start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      const [, address] = await waitFor(() => gateway.output().match(/GraphQL gateway ready at (http:\/\/[^/"]+)\/graphql/));
      expect(gateway.output()).toMatch(/SANDBOX MODE: serving built-in vendor simulators/);
      expect(gateway.output()).toMatch(/"reason":"no vendor API key is set"/);
      expect(gateway.output()).toMatch(
        /"level":40,.*"reason":"sandbox mode with no client credential configured".*"msg":"OPEN ACCESS: \/graphql answers anyone/,
      );

      const response = await request(`${address}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ providers { provider mode } m: interviews(provider: MICRO1, first: 2) { edges { node { id } } } h: interviews(provider: HEYMILO, first: 2) { edges { node { id } } } }',
        }),
      });
      const body = (await response.body.json()) as { data: { providers: unknown; m: { edges: unknown[] }; h: { edges: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.providers).toEqual(VENDORS.map((v) => ({ provider: v.descriptor.provider, mode: 'SANDBOX' })));
      expect(body.data.m.edges).toHaveLength(2);
      expect(body.data.h.edges).toHaveLength(2);

      // The identity sync runs at boot: soon one person is visible across every vendor.
      const post = async (query: string) => {
        const r = await request(`${address}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        return (await r.body.json()) as { data: Record<string, unknown> };
      };
      const deadline = Date.now() + 20_000;
      let synced = false;
      while (!synced && Date.now() < deadline) {
        const providers = (await post('{ providers { sync { lastSyncAt } } }')).data.providers as Array<{ sync: { lastSyncAt: string | null } }>;
        synced = providers.every((p) => p.sync.lastSyncAt !== null);
        if (!synced) await new Promise((r) => setTimeout(r, 100));
      }
      expect(synced).toBe(true);
      const person = await post('{ candidate(email: "Tariq.Rossi.1@example.com") { interviews(first: 50) { edges { provider node { id } } } } }');
      const edges = (person.data.candidate as { interviews: { edges: Array<{ provider: string }> } }).interviews.edges;
      expect(new Set(edges.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));

      // Live demo: finishing a simulated HeyMilo session sends its webhooks to the gateway, which
      // then shows the interview completed without asking HeyMilo.
      const heymiloUrl = /"HEYMILO":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(gateway.output())![1];
      const pending = await post('{ interviews(provider: HEYMILO, first: 100, status: IN_PROGRESS) { edges { node { id providerId } } } }');
      const target = (pending.data.interviews as { edges: Array<{ node: { id: string; providerId: string } }> }).edges[0].node;
      const completed = await request(`${heymiloUrl}/__sim/complete/${target.providerId}`, { method: 'POST' });
      const { webhooks } = (await completed.body.json()) as { webhooks: Array<{ status: number }> };
      expect(webhooks.length).toBeGreaterThan(0);
      expect(webhooks.every((d) => d.status === 200)).toBe(true);
      const after = await post(`{ interview(id: "${target.id}") { status report { score { value } } } }`);
      expect(after.data.interview).toMatchObject({ status: 'COMPLETED', report: { score: { value: expect.any(Number) } } });
    } finally {
      gateway.child.kill('SIGTERM');
    }
    // A shutdown that hangs is a failure, not a stuck test run.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([gateway.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 10_000)))]);
    clearTimeout(timer);
    if (outcome === 'hung') gateway.child.kill('SIGKILL');
    expect(outcome).toBe(0);
    expect(gateway.output()).toMatch(/shutting down: draining requests/);
  }, 30_000);

  it('refuses to start on a bad variable, naming it', async () => {
    const gateway = start({ PORT: 'eighty', REDIS_URL: 'http://nope' });
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toMatch(/Invalid configuration:/);
    expect(gateway.output()).toMatch(/PORT: .*"eighty"/);
    expect(gateway.output()).toMatch(/REDIS_URL: must be a URL starting with redis: or rediss:/);
  }, 30_000);

  it('refuses to start with a real vendor key but no client credential, unless open access is explicit', async () => {
    const refused = start({ PORT: '0', MICRO1_API_KEY: 'a-real-looking-vendor-key' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/AUTH_API_KEYS: real vendor keys are configured but no client credential is/);
    expect(refused.output()).not.toContain('a-real-looking-vendor-key');

    const open = start({
      PORT: '0',
      HOST: '127.0.0.1',
      MICRO1_API_KEY: 'a-real-looking-vendor-key',
      MICRO1_BASE_URL: 'http://127.0.0.1:9',
      AUTH_ALLOW_OPEN: 'true',
      IDENTITY_SYNC_INTERVAL_SECONDS: '0',
    });
    try {
      await waitFor(() => open.output().match(/GraphQL gateway ready at/));
      expect(open.output()).toMatch(/"level":40,.*"reason":"AUTH_ALLOW_OPEN=true".*"msg":"OPEN ACCESS/);
    } finally {
      open.child.kill('SIGTERM');
    }
    expect(await open.exited).toBe(0);
  }, 30_000);

  it('refuses to serve the simulators under NODE_ENV=production (as the Docker image runs) unless SANDBOX=true says so', async () => {
    const refused = start({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' });
    // A gateway that starts anyway is stopped here, not left running past the test.
    const started = waitFor(() => refused.output().match(/GraphQL gateway ready/)).then(
      () => 'started' as const,
      () => 'neither' as const,
    );
    const outcome = await Promise.race([refused.exited, started]);
    if (outcome === 'started') refused.child.kill('SIGTERM');
    expect(outcome).toBe(1);
    expect(refused.output()).toMatch(/SANDBOX: NODE_ENV=production and no vendor API key is set.*set the vendor keys \(MICRO1_API_KEY, .*or SANDBOX=true/);
    expect(refused.output()).not.toMatch(/GraphQL gateway ready/);

    const forced = start({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', SANDBOX: 'true', IDENTITY_SYNC_INTERVAL_SECONDS: '0' });
    try {
      await waitFor(() => forced.output().match(/GraphQL gateway ready at/));
      expect(forced.output()).toMatch(/SANDBOX MODE: serving built-in vendor simulators/);
    } finally {
      forced.child.kill('SIGTERM');
    }
    expect(await forced.exited).toBe(0);
  }, 30_000);
});
