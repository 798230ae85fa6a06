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

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'micro1-webhook-token-for-tests';
const reportCreated = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'vendors', 'micro1', 'webhook.interview-report-created.seed000.json'), 'utf8'),
) as {
  data: { candidate_email_id: string; report_id: string };
};

const clients: Client[] = [];
const harnesses: Harness[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all(harnesses.map((h) => h.close()));
});

function wsClient(h: Harness): Client {
  const client = createWsClient({ url: `${h.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  clients.push(client);
  return client;
}

/** Subscribes and resolves with the first event (or rejects after `timeoutMs`). */
function firstEvent(client: Client, query: string): { event: Promise<Record<string, unknown>>; started: Promise<void> } {
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const event = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event within 5 s')), 5000);
    const unsubscribe = client.subscribe(
      { query },
      {
        next: (value) => {
          clearTimeout(timer);
          unsubscribe();
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          else resolve(value.data as Record<string, unknown>);
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
    // The server has the subscription once the socket is open and a beat has passed.
    client.on('connected', () => setTimeout(started, 150));
  });
  return { event, started: startedPromise };
}

const postWebhook = (h: Harness, body: unknown) =>
  h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('subscriptions', () => {
  it('reportReady on the same instance: the seed 000 report arrives with its score', async () => {
    const h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN } });
    harnesses.push(h);
    const { event, started } = firstEvent(
      wsClient(h),
      `subscription { reportReady(candidateEmail: "  ${reportCreated.data.candidate_email_id.toUpperCase()} ") { provider providerId score { raw scale } raw } }`,
    );
    await started;
    await h.app.events.ready();
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
    const other = firstEvent(client, 'subscription { interviewUpdated(provider: HEYMILO) { id } }');
    const mine = firstEvent(
      client,
      `subscription { interviewUpdated(provider: MICRO1, candidateEmail: "${reportCreated.data.candidate_email_id}") { status candidate { email } } }`,
    );
    await Promise.all([other.started, mine.started]);
    await h.app.events.ready();
    await postWebhook(h, reportCreated);
    expect(await mine.event).toEqual({ interviewUpdated: { status: 'COMPLETED', candidate: { email: reportCreated.data.candidate_email_id } } });
    await expect(other.event).rejects.toThrow('no event within 5 s');
  }, 15_000);

  it('two instances on one Redis: a webhook posted to A reaches a subscriber on B', async () => {
    const tenant = `subs-${process.pid}-${Date.now()}`;
    const a = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN, REDIS_URL, TENANT_ID: tenant } });
    const b = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN, REDIS_URL, TENANT_ID: tenant } });
    harnesses.push(a, b);
    const { event, started } = firstEvent(wsClient(b), `subscription { reportReady(provider: MICRO1) { providerId score { raw scale } } }`);
    await started;
    await b.app.events.ready();
    expect((await postWebhook(a, reportCreated)).status).toBe(200);
    expect(await event).toEqual({ reportReady: { providerId: reportCreated.data.report_id, score: { raw: 85, scale: 'UNKNOWN' } } });
  });
});

describe('caps on what one client holds open', () => {
  /** Resolves once the server acknowledged the connection, or with the close it got instead. */
  function connect(h: Harness, apiKey: string): Promise<{ client: Client; closed: { code: number; reason: string } | null }> {
    return new Promise((resolve) => {
      const client = createWsClient({
        url: `${h.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { 'x-api-key': apiKey },
        onNonLazyError: () => undefined, // the close is the outcome looked at
        on: {
          connected: () => resolve({ client, closed: null }),
          closed: (event) => resolve({ client, closed: { code: (event as { code: number }).code, reason: (event as { reason: string }).reason } }),
        },
      });
      clients.push(client);
    });
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
    await kept.started;
    await h.app.events.ready();
    expect((await postWebhook(h, reportCreated)).status).toBe(200);
    expect(await kept.event).toEqual({ reportReady: { providerId: reportCreated.data.report_id } });
    other();
  });
});
