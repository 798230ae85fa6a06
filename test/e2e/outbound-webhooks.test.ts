/**
 * Outbound webhooks with real processes. First, what the README shows a user: the compiled gateway
 * in sandbox mode, an endpoint registered over GraphQL, the example receiver
 * (`examples/webhook-receiver/receiver.mjs`, which verifies with the public Standard Webhooks
 * library) started with the secret, a HeyMilo session finished in the simulator — and a verified
 * `report.ready` printed, with the delivery in the log. Second, a replica killed (SIGKILL) while its
 * delivery is in flight: another replica on the same Redis completes it after the lease.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { request } from 'undici';
import { HttpReceiver } from '../support/http-receiver';
import { buildGateway, freePortBase, ROOT, start, stop, waitFor } from '../support/gateway-process';
import { startHarness } from '../support/harness';
import { eventually } from '../support/timing';
import { micro1Session } from '../support/webhook-payloads';
import { deleteRedisKeys } from '../support/redis-keys';
import { postGraphql } from '../support/graphql-http';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

beforeAll(() => buildGateway(), 180_000);

async function graphql<T>(address: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const body = await postGraphql<T>(`${address}/graphql`, query, { variables, headers });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

function receiverProcess(secret: string, port: number): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'examples', 'webhook-receiver', 'receiver.mjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('the README flow: register in GraphQL, finish a sandbox interview, see a verified report.ready', () => {
  it('the example receiver verifies the delivery with the Standard Webhooks library, and the log shows it delivered', async () => {
    const gateway = start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', IDENTITY_SYNC_INTERVAL_SECONDS: '0' });
    let receiver: ReturnType<typeof receiverProcess> | null = null;
    try {
      const [, address] = await waitFor(() => gateway.output().match(/GraphQL gateway ready at (http:\/\/[^/"]+)\/graphql/));
      const port = await freePortBase(1);
      const created = await graphql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
        address,
        'mutation($url: String!) { createWebhookEndpoint(url: $url, events: [REPORT_READY], description: "my receiver") { secret endpoint { id } } }',
        { url: `http://127.0.0.1:${port}/webhooks` },
      );
      const { secret, endpoint } = created.createWebhookEndpoint;
      receiver = receiverProcess(secret, port);
      await waitFor(() => receiver!.output().match(/"listening"/));

      const heymiloUrl = /"HEYMILO":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(gateway.output())![1];
      const pending = await graphql<{ interviews: { edges: Array<{ node: { id: string; providerId: string } }> } }>(
        address,
        '{ interviews(provider: HEYMILO, first: 100, status: IN_PROGRESS) { edges { node { id providerId } } } }',
      );
      const target = pending.interviews.edges[0].node;
      const completed = await request(`${heymiloUrl}/__sim/complete/${target.providerId}`, { method: 'POST' });
      expect(completed.statusCode).toBe(200);
      await completed.body.dump();

      const [line] = await waitFor(() => receiver!.output().match(/\{"verified":true,[^\n]*"type":"report\.ready"[^\n]*\}/));
      const printed = JSON.parse(line) as { id: string; provider: string; subject: string; change: string };
      expect(printed).toMatchObject({ provider: 'HEYMILO', id: expect.stringMatching(/^msg_/), change: expect.stringMatching(/^chg_/) });
      expect(printed.subject).toMatch(/^heymilo:Report:/);
      expect(receiver.output()).not.toContain('"verified":false');

      const log = await graphql<{
        webhookDeliveries: { edges: Array<{ node: { eventId: string; status: string; responseStatus: number; attempts: number } }> };
      }>(address, 'query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { eventId status responseStatus attempts } } } }', { id: endpoint.id });
      expect(log.webhookDeliveries.edges.map((e) => e.node)).toContainEqual({ eventId: printed.id, status: 'DELIVERED', responseStatus: 204, attempts: 1 });
    } finally {
      receiver?.child.kill('SIGKILL');
      expect(await stop(gateway)).not.toBe('hung');
    }
  }, 60_000);
});

describe('a replica killed mid-delivery', () => {
  const tenant = `outbound-kill-${process.pid}-${Date.now()}`;
  const ADMIN = 'admin-key-outbound-kill-0123456789';
  const TOKEN = 'micro1-token-outbound-kill-0123456789';
  const redis = createClient({ url: REDIS_URL });
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await deleteRedisKeys(`ig:*${tenant}*`);
    await redis.quit();
  });

  it('another replica on the same Redis completes it once the lease runs out; the receiver dedupes by webhook-id', async () => {
    const endpoint = new HttpReceiver();
    const url = await endpoint.start();
    // The first attempt hangs: the replica making it is killed before it has an answer.
    endpoint.answer = (_r, i) => (i === 0 ? 'hold' : 204);
    // Replica B (in this process) shares the simulators with replica A (a real process).
    const b = await startHarness({
      env: { REDIS_URL, OUTBOUND_WEBHOOK_TIMEOUT_MS: '2000', OUTBOUND_WEBHOOK_RETRY_SCHEDULE: '0.2' },
      tenants: [{ id: tenant, apiKeys: [], adminApiKeys: [ADMIN], webhookTokens: { MICRO1: TOKEN } }],
    });
    const micro1 = b.sandbox.vendorConfig.MICRO1!;
    // B does not run its outbox until A is gone, so the attempt is A's.
    await b.app.tenant(tenant).outbound.stop();
    const a = start({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL,
      TENANT_ID: tenant,
      AUTH_ADMIN_API_KEYS: ADMIN,
      MICRO1_API_KEY: micro1.apiKey,
      MICRO1_BASE_URL: micro1.baseUrl,
      MICRO1_WEBHOOK_TOKEN: TOKEN,
      OUTBOUND_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      OUTBOUND_WEBHOOK_TIMEOUT_MS: '2000',
      IDENTITY_SYNC_INTERVAL_SECONDS: '0',
    });
    try {
      const [, address] = await waitFor(() => a.output().match(/GraphQL gateway ready at (http:\/\/[^/"]+)\/graphql/)).catch(() => {
        throw new Error(`replica A did not start:\n${a.output()}`);
      });
      const created = await graphql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
        address,
        'mutation($url: String!) { createWebhookEndpoint(url: $url, events: [REPORT_READY]) { endpoint { id } } }',
        { url },
        { 'x-api-key': ADMIN },
      );
      const session = micro1Session(7001);
      const posted = await request(`${address}/webhooks/micro1/${TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(session.report),
      });
      expect(posted.statusCode).toBe(200);
      await posted.body.dump();
      await endpoint.until(() => endpoint.received.length === 1);
      a.child.kill('SIGKILL');
      await a.exited;
      const killedAt = performance.now();

      b.app.tenant(tenant).outbound.start();
      await endpoint.until(() => endpoint.received.length >= 2, 20_000);
      // Not before A's lease (its 2 s timeout plus the 5 s margin) ran out.
      expect(performance.now() - killedAt).toBeGreaterThan(2_000);
      const [first, second] = endpoint.received;
      expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(second.body).toBe(first.body);
      await eventually(async () => {
        const log = await b
          .as({ 'x-api-key': ADMIN })
          .query<{ webhookDeliveries: { edges: Array<{ node: { status: string } }> } }>(
            'query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { status } } } }',
            { id: created.createWebhookEndpoint.endpoint.id },
          );
        return log.data?.webhookDeliveries.edges[0]?.node.status === 'DELIVERED';
      }, 'the delivery to be recorded as delivered');
      await new Promise((r) => setTimeout(r, 1500));
      expect(endpoint.received).toHaveLength(2);
    } finally {
      a.child.kill('SIGKILL');
      await b.close();
      await endpoint.close();
    }
  }, 60_000);
});
