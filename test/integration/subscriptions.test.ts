/**
 * Subscriptions over graphql-ws on the gateway's own port: a webhook applied on one instance
 * reaches subscribers — on the same instance (memory bus), and on another instance sharing the
 * real Redis (pub/sub).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../support/harness';
import { firstEvent, openSocket, socketDrained, subscriptionsOpened } from '../support/subscriptions';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'micro1-webhook-token-for-tests';
const reportCreated = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'vendors', 'micro1', 'webhook.interview-report-created.seed000.json'), 'utf8'),
) as {
  data: { candidate_email_id: string; report_id: string };
};

const clients: Client[] = [];
const harnesses: Harness[] = [];
/** Tenants whose keys the Redis case wrote (the webhook's store, index and read model: most keep no expiry). */
const redisTenants: string[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all(harnesses.map((h) => h.close()));
  await deleteRedisKeys(...redisTenants.map((tenant) => `ig:*${tenant}*`));
});

function wsClient(h: Harness): Client {
  const client = createWsClient({ url: `${h.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  clients.push(client);
  return client;
}

const postWebhook = (h: Harness, body: unknown) =>
  h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('subscriptions', () => {
  it('reportReady on the same instance: the seed 000 report arrives with its score', async () => {
    const h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN } });
    harnesses.push(h);
    const opened = subscriptionsOpened(h.app.events);
    const event = firstEvent(
      wsClient(h),
      `subscription { reportReady(candidateEmail: "  ${reportCreated.data.candidate_email_id.toUpperCase()} ") { provider providerId score { raw scale } raw } }`,
    );
    await opened(1);
    expect((await postWebhook(h, reportCreated)).status).toBe(200);
    // raw is the payload as micro1 sent it: what the model has no field for reaches subscribers too.
    expect(await event).toEqual({
      reportReady: { provider: 'MICRO1', providerId: reportCreated.data.report_id, score: { raw: 85, scale: 'UNKNOWN' }, raw: reportCreated.data },
    });
  });

  it('interviewUpdated filters by provider and candidate', async () => {
    const h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN } });
    harnesses.push(h);
    const client = wsClient(h);
    const opened = subscriptionsOpened(h.app.events);
    const others: unknown[] = [];
    const filters = ['interviewUpdated(provider: HEYMILO)', 'interviewUpdated(provider: MICRO1, candidateEmail: "someone.else@example.com")'];
    for (const filter of filters) {
      client.subscribe(
        { query: `subscription { ${filter} { id } }` },
        { next: (value) => others.push(value), error: () => undefined, complete: () => undefined },
      );
    }
    const mine = firstEvent(
      client,
      `subscription { interviewUpdated(provider: MICRO1, candidateEmail: "${reportCreated.data.candidate_email_id}") { status candidate { email } } }`,
    );
    await opened(filters.length + 1);
    await postWebhook(h, reportCreated);
    expect(await mine).toEqual({ interviewUpdated: { status: 'COMPLETED', candidate: { email: reportCreated.data.candidate_email_id } } });
    // Whatever the other two subscriptions were sent for this event came before this answer.
    await socketDrained(client);
    expect(others).toEqual([]);
  });

  it('two instances on one Redis: a webhook posted to A reaches a subscriber on B', async () => {
    const tenant = `subs-${process.pid}-${Date.now()}`;
    redisTenants.push(tenant);
    const a = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN, REDIS_URL, TENANT_ID: tenant } });
    const b = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN, REDIS_URL, TENANT_ID: tenant } });
    harnesses.push(a, b);
    const opened = subscriptionsOpened(b.app.events);
    const event = firstEvent(wsClient(b), `subscription { reportReady(provider: MICRO1) { providerId score { raw scale } } }`);
    await opened(1);
    expect((await postWebhook(a, reportCreated)).status).toBe(200);
    expect(await event).toEqual({ reportReady: { providerId: reportCreated.data.report_id, score: { raw: 85, scale: 'UNKNOWN' } } });
  });
});

describe('caps on what one client holds open', () => {
  /** Resolves once the server acknowledged the connection, or with the close it got instead. */
  async function connect(h: Harness, apiKey: string): Promise<{ client: Client; closed: { code: number; reason: string } | null }> {
    const socket = await openSocket(h, { 'x-api-key': apiKey });
    clients.push(socket.client);
    return socket;
  }

  it('GRAPHQL_WS_MAX_CONNECTIONS_PER_CLIENT: a credential’s next socket is closed 4403 with the reason; another credential’s is not; a closed one frees its place', async () => {
    const [one, two] = ['ws-key-one-0123456789', 'ws-key-two-0123456789'];
    const h = await startHarness({ env: { GRAPHQL_WS_MAX_CONNECTIONS_PER_CLIENT: '2' }, tenants: [{ id: 'ws-caps', apiKeys: [one, two] }] });
    harnesses.push(h);
    const first = await connect(h, one);
    expect((await connect(h, one)).closed).toBeNull();
    expect((await connect(h, one)).closed).toEqual({ code: 4403, reason: 'Too many connections for this client (at most 2)' });
    expect((await connect(h, two)).closed).toBeNull();
    // The server frees the place when it hears the close: ask until it has.
    await first.client.dispose();
    let again = await connect(h, one);
    for (let i = 0; i < 200 && again.closed; i += 1) again = await connect(h, one);
    expect(again.closed).toBeNull();
  });

  it('GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: the next subscribe gets a TOO_MANY_SUBSCRIPTIONS error; the socket and its subscriptions stay', async () => {
    const h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN, GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2' } });
    harnesses.push(h);
    const client = wsClient(h);
    const opened = subscriptionsOpened(h.app.events);
    const kept = firstEvent(client, 'subscription { reportReady(provider: MICRO1) { providerId } }');
    const other = client.subscribe(
      { query: 'subscription { interviewUpdated(provider: HEYMILO) { id } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    const refused = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: 'subscription { reportReady { providerId } }' }, { next: resolve, error: resolve, complete: () => resolve('completed') }),
    );
    expect(refused).toEqual([
      {
        message: 'This connection already has 2 subscriptions; complete one or open another connection.',
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maxSubscriptions: 2 },
      },
    ]);
    await opened(2);
    expect((await postWebhook(h, reportCreated)).status).toBe(200);
    expect(await kept).toEqual({ reportReady: { providerId: reportCreated.data.report_id } });
    other();
  });
});
