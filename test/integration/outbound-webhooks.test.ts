/**
 * Outbound webhooks end to end in one gateway (in memory): an admin registers an endpoint over
 * GraphQL, vendor webhooks arrive, and the endpoint receives the unified model's events signed as
 * Standard Webhooks — verified here with the public `standardwebhooks` library, not our code.
 * Retries with backoff, 410, redelivery, rotation, the delivery log, admin scope, tenant isolation
 * and the SSRF refusals are each what a customer would see.
 */
import { Webhook } from 'standardwebhooks';
import { EVENT_SELECTIONS, withoutExpiredRecordings } from '../../src/outbound/event-renderer';
import { HttpReceiver } from '../support/http-receiver';
import { startHarness, type GqlResult, type Harness } from '../support/harness';
import { eventually } from '../support/timing';
import { micro1Session } from '../support/webhook-payloads';

const TOKEN = 'micro1-outbound-token-for-tests';

const CREATE = `mutation($url: String!, $events: [WebhookEventType!]!, $description: String) {
  createWebhookEndpoint(url: $url, events: $events, description: $description) {
    secret endpoint { id url events enabled disabledReason description previousSecretExpiresAt }
  }
}`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $id, status: $status, first: $first, after: $after) {
    edges { cursor node { id eventId eventType status attempts responseStatus latencyMs error responseBody nextAttemptAt lastAttemptAt payload } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Endpoint = { id: string; url: string; events: string[]; enabled: boolean; disabledReason: string | null };
type Delivery = { id: string; eventId: string; eventType: string; status: string; attempts: number; responseStatus: number | null; error: string | null };

let h: Harness;
let receiver: HttpReceiver;
let url: string;
let session = 0;

beforeAll(async () => {
  h = await startHarness({
    env: { MICRO1_WEBHOOK_TOKEN: TOKEN, OUTBOUND_WEBHOOK_RETRY_SCHEDULE: '0.3,0.3,0.3', OUTBOUND_WEBHOOK_TIMEOUT_MS: '2000' },
  });
});
afterAll(() => h.close());
beforeEach(async () => {
  receiver = new HttpReceiver();
  url = await receiver.start();
  for (const { endpoint } of await h.app.tenant().outbox.endpoints()) await h.app.tenant().outbox.deleteEndpoint(endpoint.id);
});
afterEach(() => receiver.close());

function ok<T>(result: GqlResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

async function create(events = ['INTERVIEW_UPDATED', 'REPORT_READY', 'CANDIDATE_UPDATED'], target = url) {
  const data = ok(await h.query<{ createWebhookEndpoint: { secret: string; endpoint: Endpoint } }>(CREATE, { url: target, events, description: 'ATS sync' }));
  return data.createWebhookEndpoint;
}

/** A micro1 session's report webhook (a new person each time): one interview.updated, one report.ready, one candidate.updated. */
async function finishSession() {
  session += 1;
  const s = micro1Session(900 + session);
  const response = await h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.report) });
  expect(response.status).toBe(200);
  return s;
}

async function deliveries(endpointId: string, extra: Record<string, unknown> = {}) {
  const data = ok(
    await h.query<{
      webhookDeliveries: {
        edges: Array<{ cursor: string; node: Delivery & Record<string, unknown> }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(DELIVERIES, { id: endpointId, ...extra }),
  );
  return data.webhookDeliveries;
}

describe('a sandbox change reaches a registered endpoint, signed', () => {
  it('report.ready, interview.updated and candidate.updated arrive verified by the Standard Webhooks library; the log shows each delivered', async () => {
    const { secret, endpoint } = await create();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(endpoint).toMatchObject({ url, events: ['INTERVIEW_UPDATED', 'REPORT_READY', 'CANDIDATE_UPDATED'], enabled: true });
    const s = await finishSession();
    await receiver.until(() => receiver.received.length >= 3);

    const verifier = new Webhook(secret);
    const verified = receiver.received.map(
      (r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> },
    );
    expect(verified.map((e) => e.type).sort()).toEqual(['candidate.updated', 'interview.updated', 'report.ready']);
    for (const r of receiver.received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{26}$/);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      // Tampering is caught: the same library refuses a changed body.
      expect(() => verifier.verify(r.body.replace('"type"', '"typ3"'), r.headers as Record<string, string>)).toThrow();
    }

    const [report] = receiver.events('report.ready');
    expect(report.data).toMatchObject({
      provider: 'MICRO1',
      change: { id: expect.stringMatching(/^chg_/), source: 'vendor-webhook', vendorEvent: 'interview_report.created' },
    });
    // The same fields a query with the documented selection returns, never `raw`.
    const queried = ok(await h.query<{ reportForInterview: unknown }>(EVENT_SELECTIONS.report, { interviewId: s.id }));
    expect(report.data.report).toEqual(queried.reportForInterview);
    const queriedInterview = ok(await h.query<{ interview: unknown }>(EVENT_SELECTIONS.interview, { id: s.id }));
    expect(receiver.events('interview.updated')[0].data.interview).toEqual(queriedInterview.interview);
    // Score.raw (the vendor's own number) is part of the shape; the objects' vendor payload (`raw`) is not.
    expect(report.data.report).not.toHaveProperty('raw');
    expect(receiver.events('interview.updated')[0].data.interview).not.toHaveProperty('raw');
    expect(receiver.events('candidate.updated')[0].data).toMatchObject({
      candidate: { email: s.report.data.candidate_email_id, accounts: [expect.objectContaining({ provider: 'MICRO1' })] },
      interview: { id: s.id },
    });

    await eventually(async () => (await deliveries(endpoint.id)).edges.every((e) => e.node.status === 'DELIVERED'), 'the log to show them delivered');
    const log = await deliveries(endpoint.id);
    expect(log.edges).toHaveLength(3);
    for (const { node } of log.edges) {
      expect(node).toMatchObject({ status: 'DELIVERED', attempts: 1, responseStatus: 204, error: null, nextAttemptAt: null });
      expect(node.latencyMs).toEqual(expect.any(Number));
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toContain(node.eventId);
    }
    const metrics = (await h.http('GET', '/metrics')).body;
    expect(metrics).toMatch(/^ig_outbound_webhook_attempts_total\{result="delivered"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^ig_outbound_webhook_attempt_duration_seconds_count [1-9]\d*$/m);
    expect(metrics).toMatch(/^ig_outbound_webhook_oldest_pending_seconds\{tenant="default"\} 0$/m);
  });

  it('a duplicate vendor delivery makes no second event; a later change about the same interview is a new event', async () => {
    await create(['INTERVIEW_UPDATED']);
    const s = await finishSession();
    await receiver.until(() => receiver.received.length >= 1);
    await h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.report) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(1);
  });

  it('only changes received after the endpoint was created are sent, and only its events', async () => {
    await finishSession();
    await new Promise((r) => setTimeout(r, 300));
    await create(['REPORT_READY']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(0);
    await finishSession();
    await receiver.until(() => receiver.received.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.events().map((e) => e.type)).toEqual(['report.ready']);
  });
});

describe('delivery: retries, 410, redelivery, rotation', () => {
  it('retries with backoff until the endpoint answers 2xx; every attempt carries the same webhook-id', async () => {
    receiver.answer = (_r, i) => (i < 2 ? { status: 500, body: 'database down' } : 200);
    const { endpoint } = await create(['REPORT_READY']);
    await finishSession();
    await receiver.until(() => receiver.received.length >= 3);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    // The schedule is 0.3 s ±20 % between attempts.
    const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i].at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(230);
    await eventually(async () => (await deliveries(endpoint.id)).edges[0]?.node.status === 'DELIVERED', 'delivered');
    expect((await deliveries(endpoint.id)).edges[0].node).toMatchObject({ attempts: 3, responseStatus: 200 });
  });

  it('a slow endpoint holds only its own deliveries: another endpoint gets two changes in a row while the first is still waiting', async () => {
    const slow = new HttpReceiver();
    const slowUrl = await slow.start();
    try {
      slow.answer = () => 'hold';
      const { endpoint: held } = await create(['INTERVIEW_UPDATED'], slowUrl);
      await create(['INTERVIEW_UPDATED']);
      session += 1;
      const s = micro1Session(900 + session);
      for (const body of [s.started, s.report]) {
        await h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      }
      // Two events about one interview: the second leaves only once the first is delivered.
      await receiver.until(() => receiver.received.length >= 2);
      expect(receiver.events('interview.updated').map((e) => (e.data.interview as { status: string }).status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
      expect(slow.received).toHaveLength(1);
      expect((await deliveries(held.id)).edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ status: 'PENDING', attempts: 0 }));
      slow.answer = () => 204;
      slow.release();
      await slow.until(() => slow.received.length >= 3);
    } finally {
      await slow.close();
    }
  });

  it('fails after the schedule is used up, with the last answer in the log; redeliverWebhook sends it again with the same webhook-id', async () => {
    receiver.answer = () => ({ status: 503, body: 'x'.repeat(5000) });
    const { endpoint } = await create(['REPORT_READY']);
    await finishSession();
    await receiver.until(() => receiver.received.length >= 1);
    // While it is retrying, the oldest pending delivery has an age.
    await new Promise((r) => setTimeout(r, 400));
    const pendingAge = /^ig_outbound_webhook_oldest_pending_seconds\{tenant="default"\} (\S+)$/m.exec((await h.http('GET', '/metrics')).body);
    expect(Number(pendingAge?.[1])).toBeGreaterThanOrEqual(0.3);
    await eventually(async () => (await deliveries(endpoint.id)).edges[0]?.node.status === 'FAILED', 'failed', { timeoutMs: 15_000 });
    expect((await h.http('GET', '/metrics')).body).toMatch(/^ig_outbound_webhook_attempts_total\{result="failed"\} [1-9]\d*$/m);
    const [failed] = (await deliveries(endpoint.id, { status: 'FAILED' })).edges;
    expect(failed.node).toMatchObject({ attempts: 4, responseStatus: 503, error: 'HTTP 503', nextAttemptAt: null });
    expect(String(failed.node.responseBody).length).toBeLessThanOrEqual(1024);
    expect(receiver.received).toHaveLength(4);

    receiver.answer = () => 200;
    const redelivered = await h.query<{ redeliverWebhook: Delivery }>('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attempts } }', {
      id: failed.node.id,
    });
    expect(redelivered.data?.redeliverWebhook).toMatchObject({ id: failed.node.id, status: 'PENDING', attempts: 4 });
    await receiver.until(() => receiver.received.length >= 5);
    expect(receiver.received[4].headers['webhook-id']).toBe(failed.node.eventId);
    await eventually(async () => (await deliveries(endpoint.id)).edges[0]?.node.status === 'DELIVERED', 'delivered after redelivery');
    const again = await h.query('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: 'dlv_nope' });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('410 Gone disables the endpoint: nothing more is sent until an admin enables it', async () => {
    receiver.answer = () => 410;
    const { endpoint } = await create(['REPORT_READY']);
    await finishSession();
    await eventually(async () => (await h.app.tenant().outbox.endpoint(endpoint.id))?.disabledReason != null, 'disabled');
    const listed = ok(await h.query<{ webhookEndpoints: Endpoint[] }>('{ webhookEndpoints { id enabled disabledReason } }'));
    expect(listed.webhookEndpoints).toEqual([{ id: endpoint.id, enabled: false, disabledReason: expect.stringMatching(/^The endpoint answered 410 Gone/) }]);
    expect((await deliveries(endpoint.id)).edges[0].node).toMatchObject({ status: 'FAILED', attempts: 1, responseStatus: 410 });

    receiver.answer = () => 200;
    await finishSession();
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(1);

    ok(await h.query('mutation($id: ID!) { updateWebhookEndpoint(id: $id, enabled: true) { enabled } }', { id: endpoint.id }));
    await finishSession();
    await receiver.until(() => receiver.received.length >= 2);
    expect(receiver.received[1].headers['webhook-id']).not.toBe(receiver.received[0].headers['webhook-id']);
  });

  it('rotateWebhookSecret: the next deliveries carry two signatures, so the old secret and the new one both verify; the new secret is shown once', async () => {
    const { secret: old, endpoint } = await create(['REPORT_READY']);
    const rotated = ok(
      await h.query<{ rotateWebhookSecret: { secret: string; endpoint: { previousSecretExpiresAt: string } } }>(
        'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }',
        { id: endpoint.id },
      ),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(old);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(86_000_000);
    await finishSession();
    await receiver.until(() => receiver.received.length >= 1);
    const [r] = receiver.received;
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(r.body, r.headers as Record<string, string>)).toThrow();
    // No field of the schema gives a secret back.
    const fields = ok(await h.query<{ __type: { fields: Array<{ name: string }> } }>('{ __type(name: "WebhookEndpoint") { fields { name } } }'));
    expect(fields.__type.fields.map((f) => f.name)).not.toContain('secret');
  });

  it('the log pages newest first, and filters by status', async () => {
    const { endpoint } = await create(['INTERVIEW_UPDATED', 'REPORT_READY']);
    for (let i = 0; i < 3; i += 1) await finishSession();
    await receiver.until(() => receiver.received.length >= 6);
    await eventually(async () => (await deliveries(endpoint.id, { status: 'DELIVERED', first: 10 })).edges.length === 6, 'six delivered');
    const first = await deliveries(endpoint.id, { first: 4 });
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await deliveries(endpoint.id, { first: 4, after: first.pageInfo.endCursor });
    expect(rest.edges).toHaveLength(2);
    expect(new Set([...first.edges, ...rest.edges].map((e) => e.node.id)).size).toBe(6);
    expect((await deliveries(endpoint.id, { status: 'PENDING' })).edges).toEqual([]);
    const bad = await h.query(DELIVERIES, { id: endpoint.id, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('endpoints: input, SSRF, admin scope, tenants', () => {
  it('refuses what is not a usable endpoint, with the argument named', async () => {
    const refused = async (variables: Record<string, unknown>) => {
      const result = await h.query(CREATE, { url, events: ['REPORT_READY'], ...variables });
      expect(result.data).toBeNull();
      return result.errors?.[0];
    };
    expect(await refused({ events: [] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'events' } });
    expect(await refused({ url: 'ftp://example.com/x' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'url' } });
    expect(await refused({ url: 'not a url' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'url' } });
    expect(await refused({ description: 'd'.repeat(501) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'description' } });
    const missing = await h.query('mutation { deleteWebhookEndpoint(id: "ep_nope") }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('an update changes what is given and keeps the rest; a deleted endpoint is gone with its log', async () => {
    const { endpoint } = await create(['REPORT_READY']);
    const updated = ok(
      await h.query<{ updateWebhookEndpoint: Endpoint & { description: string } }>(
        'mutation($id: ID!) { updateWebhookEndpoint(id: $id, events: [INTERVIEW_UPDATED]) { id url events description enabled } }',
        { id: endpoint.id },
      ),
    );
    expect(updated.updateWebhookEndpoint).toEqual({ id: endpoint.id, url, events: ['INTERVIEW_UPDATED'], description: 'ATS sync', enabled: true });
    expect(ok(await h.query<{ deleteWebhookEndpoint: string }>('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id }))).toEqual({
      deleteWebhookEndpoint: endpoint.id,
    });
    expect(ok(await h.query<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);
    expect((await h.query(DELIVERIES, { id: endpoint.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('outside sandbox settings: SSRF refused, admin scope, tenant isolation', () => {
  const ADMIN_A = 'admin-key-of-tenant-a-0123456789';
  const READER_A = 'reader-key-of-tenant-a-0123456789';
  const ADMIN_B = 'admin-key-of-tenant-b-0123456789';
  let g: Harness;
  beforeAll(async () => {
    g = await startHarness({
      sandbox: h.sandbox,
      env: { OUTBOUND_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' },
      tenants: [
        { id: `out-a-${process.pid}`, apiKeys: [READER_A], adminApiKeys: [ADMIN_A] },
        { id: `out-b-${process.pid}`, apiKeys: [], adminApiKeys: [ADMIN_B] },
      ],
    });
  });
  afterAll(() => g.close());
  const as = (key: string) => g.as({ 'x-api-key': key });

  it.each([
    ['http:// (not https)', 'http://hooks.example.com/in'],
    ['loopback', 'https://127.0.0.1/in'],
    ['IPv6 loopback', 'https://[::1]/in'],
    ['private 10/8', 'https://10.1.2.3/in'],
    ['private 192.168/16', 'https://192.168.0.10/in'],
    ['cloud metadata (link-local)', 'https://169.254.169.254/latest/meta-data'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/in'],
    ['localhost by name', 'https://localhost/in'],
    ['credentials in the URL', 'https://user:pass@hooks.example.com/in'],
  ])('refuses %s: BAD_USER_INPUT on url, nothing saved', async (_what, target) => {
    const result = await as(ADMIN_A).query(CREATE, { url: target, events: ['REPORT_READY'] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'url' });
    expect(ok(await as(ADMIN_A).query<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);
  });

  it('needs the admin role: a reader key gets FORBIDDEN on every field and changes nothing', async () => {
    for (const document of [
      '{ webhookEndpoints { id } }',
      '{ webhookDeliveries(endpointId: "ep_x") { edges { cursor } } }',
      'mutation { createWebhookEndpoint(url: "https://hooks.example.com/x", events: [REPORT_READY]) { secret } }',
      'mutation { rotateWebhookSecret(id: "ep_x") { secret } }',
      'mutation { deleteWebhookEndpoint(id: "ep_x") }',
      'mutation { redeliverWebhook(deliveryId: "dlv_x") { id } }',
    ]) {
      const result = await as(READER_A).query(document);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The reader still reads the graph.
    expect((await as(READER_A).query('{ providers { provider } }')).errors).toBeUndefined();
  });

  it("keeps tenants apart: another tenant's admin sees none of its endpoints, deliveries or secrets, and cannot change them", async () => {
    const tenantA = g.app.tenant(`out-a-${process.pid}`);
    // Saved as it is (no DNS here to check a public name against).
    const endpoint = {
      id: 'ep_tenant_a',
      url: 'https://hooks.example.com/a',
      description: null,
      events: ['report.ready' as const],
      secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', expiresAt: null }],
      createdAt: Date.now(),
      updatedAt: Date.now(),
    };
    await tenantA.outbox.saveEndpoint(endpoint, 10);
    await tenantA.outbox.enqueue([
      {
        id: 'dlv_tenant_a',
        eventId: 'msg_tenant_a',
        endpointId: endpoint.id,
        type: 'report.ready',
        orderKey: 'report:x',
        changedAt: Date.now(),
        createdAt: Date.now(),
        payload: '{"type":"report.ready","timestamp":"2026-01-01T00:00:00.000Z","data":{}}',
        status: 'failed',
        attempts: 1,
        nextAttemptAt: null,
        lastAttempt: null,
      },
    ]);
    expect(ok(await as(ADMIN_A).query<{ webhookEndpoints: Endpoint[] }>('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([{ id: endpoint.id }]);
    expect(ok(await as(ADMIN_B).query<{ webhookEndpoints: Endpoint[] }>('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);
    for (const document of [
      `{ webhookDeliveries(endpointId: "${endpoint.id}") { edges { cursor } } }`,
      '{ webhookDelivery(id: "dlv_tenant_a") { id } }',
      `mutation { rotateWebhookSecret(id: "${endpoint.id}") { secret } }`,
      `mutation { updateWebhookEndpoint(id: "${endpoint.id}", url: "https://evil.example.com/") { id } }`,
      `mutation { deleteWebhookEndpoint(id: "${endpoint.id}") }`,
      'mutation { redeliverWebhook(deliveryId: "dlv_tenant_a") { id } }',
    ]) {
      const result = await as(ADMIN_B).query(document);
      expect([document, result.errors?.[0]?.extensions?.code]).toEqual([document, 'NOT_FOUND']);
    }
    expect(await tenantA.outbox.endpoint(endpoint.id)).toMatchObject({ endpoint: { url: 'https://hooks.example.com/a' }, disabledReason: null });
    expect(await tenantA.outbox.delivery('dlv_tenant_a')).toMatchObject({ id: 'dlv_tenant_a', endpointId: endpoint.id });
  });
});

describe('payload bounds', () => {
  it('drops a recording whose signed URL has expired, and counts it', async () => {
    const body = JSON.stringify({
      type: 'report.ready',
      timestamp: 't',
      data: {
        report: {
          recordings: [
            { url: 'https://cdn/a?sig', expiresAt: '2026-01-01T00:00:00.000Z' },
            { url: 'https://cdn/b', expiresAt: null },
            { url: 'https://cdn/c?sig', expiresAt: '2026-01-01T02:00:00.000Z' },
          ],
        },
      },
    });
    const sent = JSON.parse(withoutExpiredRecordings(body, Date.parse('2026-01-01T01:00:00.000Z')));
    expect(sent.data.report.recordings.map((r: { url: string }) => r.url)).toEqual(['https://cdn/b', 'https://cdn/c?sig']);
    expect(sent.data.recordingsOmitted).toBe(1);
    expect(withoutExpiredRecordings(body, Date.parse('2025-12-31T00:00:00.000Z'))).toBe(body);
  });

  it('over OUTBOUND_WEBHOOK_MAX_PAYLOAD_BYTES an event is sent slim (ids only, truncated: true)', async () => {
    const small = await startHarness({ sandbox: h.sandbox, env: { MICRO1_WEBHOOK_TOKEN: TOKEN, OUTBOUND_WEBHOOK_MAX_PAYLOAD_BYTES: '1024' } });
    try {
      await small.app.tenant().outbound.createEndpoint({ url, events: ['report.ready'] });
      const s = micro1Session(990);
      await small.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.report) });
      await receiver.until(() => receiver.received.length >= 1);
      const [event] = receiver.events('report.ready');
      expect(event.data).toMatchObject({
        truncated: true,
        provider: 'MICRO1',
        report: { id: expect.any(String), provider: 'MICRO1', providerId: expect.any(String) },
      });
      expect(Object.keys(event.data.report as object).sort()).toEqual(['id', 'provider', 'providerId']);
    } finally {
      await small.close();
    }
  });
});
