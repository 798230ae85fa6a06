/**
 * The README's first command, for real: the compiled gateway (`node dist/src/main.js`, what
 * `npm start` runs after building) starts with no vendor keys, says loudly that it serves the
 * simulators, answers GraphQL with data from both, refuses bad config by name, and drains on SIGTERM.
 * `npm start` on a built dist starts without compiling again; the gateway reads `.env` under the
 * real environment, puts the simulators on SANDBOX_PORT_BASE, +1, … and prints where everything is.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { VENDORS } from '../../src/vendors/vendors';
import { banner, buildGateway, freePortBase, ROOT, start, stop, waitFor } from '../support/gateway-process';
import { postGraphql } from '../support/graphql-http';

// The build step of `npm start` and `npm run dev`: compiles what changed since the last build (all of it on a fresh clone).
beforeAll(() => buildGateway(), 180_000);

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
      const post = async (query: string) => (await postGraphql(`${address}/graphql`, query)) as { data: Record<string, unknown> };
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

  it('npm start on a built dist starts without compiling again', async () => {
    const outputs = [join(ROOT, 'dist', 'src', 'main.js'), join(ROOT, 'dist', 'tsconfig.build.tsbuildinfo')];
    const before = outputs.map((f) => statSync(f).mtimeMs);
    const gateway = start({ PORT: '0', HOST: '127.0.0.1', IDENTITY_SYNC_INTERVAL_SECONDS: '0' }, { command: ['npm', 'start'] });
    try {
      await waitFor(() => gateway.output().match(/GraphQL gateway ready at/), 60_000);
    } finally {
      expect(await stop(gateway, true)).not.toBe('hung');
    }
    expect(outputs.map((f) => statSync(f).mtimeMs)).toEqual(before);
  }, 90_000);

  it('reads .env under the real environment, puts the simulators on SANDBOX_PORT_BASE, +1, … and prints one banner with every URL', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gateway-cwd-'));
    const base = await freePortBase(VENDORS.length);
    writeFileSync(join(cwd, '.env'), `SANDBOX_PORT_BASE=${base}\nTENANT_ID=from-dotenv\nIDENTITY_SYNC_INTERVAL_SECONDS=0\n`);
    const gateway = start({ PORT: '0', HOST: '127.0.0.1', TENANT_ID: 'from-env' }, { cwd });
    try {
      await waitFor(() => gateway.output().match(/GraphQL gateway ready at/));
      const { msg, address, banner: fields } = banner(gateway.output());
      const simulators = Object.fromEntries(VENDORS.map((v, i) => [v.descriptor.provider, `http://127.0.0.1:${base + i}`]));
      const webhooks = (fields.webhooks as Record<string, Record<string, string>>)['from-env'];
      expect(fields).toEqual({
        graphql: `${address}/graphql`,
        graphiql: `${address}/graphiql`,
        tenants: ['from-env'],
        simulators,
        webhooks: { 'from-env': expect.any(Object) },
        envFile: join(cwd, '.env'),
      });
      expect(Object.keys(webhooks).sort()).toEqual(['HEYMILO', 'MICRO1', 'XOBIN']);
      for (const [provider, url] of Object.entries(webhooks))
        expect(url).toMatch(new RegExp(`^${address}/webhooks/${provider.toLowerCase()}/[A-Za-z0-9_-]{16,}$`));
      expect(msg.split('\n')).toEqual(
        expect.arrayContaining([
          `GraphQL gateway ready at ${address}/graphql`,
          `  GraphiQL    ${address}/graphiql`,
          expect.stringMatching(
            new RegExp(`^ +HEYMILO +http://127\\.0\\.0\\.1:${base + 1}  finish a session: POST http://127\\.0\\.0\\.1:${base + 1}/__sim/complete/<id>$`),
          ),
          `              HEYMILO  POST ${webhooks.HEYMILO}`,
          `  .env        ${join(cwd, '.env')} (the environment's own values win)`,
        ]),
      );
      // The simulators do listen there.
      for (const url of Object.values(simulators)) expect((await request(`${url}/__sim/calls`)).statusCode).toBe(200);
    } finally {
      expect(await stop(gateway)).toBe(0);
      rmSync(cwd, { recursive: true, force: true });
    }
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
      MICRO1_WEBHOOK_TOKEN: 'real-webhook-token-0123456789',
    });
    try {
      await waitFor(() => open.output().match(/GraphQL gateway ready at/));
      expect(open.output()).toMatch(/"level":40,.*"reason":"AUTH_ALLOW_OPEN=true".*"msg":"OPEN ACCESS/);
      // A real webhook token is a secret: the banner says where it is set, never what it is.
      const { address, banner: fields } = banner(open.output());
      expect(fields.webhooks).toEqual({ default: { MICRO1: `${address}/webhooks/micro1/<MICRO1_WEBHOOK_TOKEN>` } });
      expect(fields.simulators).toBeUndefined();
      expect(open.output()).not.toContain('real-webhook-token-0123456789');
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
