/**
 * Outbound webhooks on the real Redis (REDIS_URL, default 127.0.0.1:6379) with two replicas, as
 * behind a load balancer: vendor events arriving at either replica reach the endpoint once each;
 * the outbox outlives every replica; and a vendor event stored by a replica that stopped before
 * applying it still ends in its outbound events (stored and marked unpublished in one step).
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { HttpReceiver } from '../support/http-receiver';
import { startHarness, type Harness } from '../support/harness';
import { Provider } from '../support/providers';
import { eventually } from '../support/timing';
import { micro1Session } from '../support/webhook-payloads';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'micro1-token-outbound-redis-0123456789';
const tenant = `outbound-redis-${process.pid}-${Date.now()}`;
const env = { REDIS_URL, WEBHOOK_APPLY_RETRY_SECONDS: '1', OUTBOUND_WEBHOOK_RETRY_SCHEDULE: '0.5,0.5,0.5' };

const redis = createClient({ url: REDIS_URL });
let first: Harness;
let receiver: HttpReceiver;
let url: string;

const replica = () =>
  startHarness({ env, sandbox: first?.sandbox, tenants: [{ id: tenant, apiKeys: [], adminApiKeys: [], webhookTokens: { MICRO1: TOKEN } }] });
const post = (h: Harness, body: unknown) =>
  h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  await redis.connect();
  first = await replica();
});
afterAll(async () => {
  await first.close();
  await deleteRedisKeys(`ig:*${tenant}*`);
  await redis.quit();
});
beforeEach(async () => {
  receiver = new HttpReceiver();
  url = await receiver.start();
  const outbox = first.app.tenant(tenant).outbox;
  for (const { endpoint } of await outbox.endpoints()) await outbox.deleteEndpoint(endpoint.id);
});
afterEach(() => receiver.close());

it('two replicas deliver each event exactly once, wherever its vendor event arrived', async () => {
  const second = await replica();
  try {
    await first.app.tenant(tenant).outbound.createEndpoint({ url, events: ['interview.updated', 'report.ready'] });
    const sessions = Array.from({ length: 20 }, (_, i) => micro1Session(5000 + i));
    const answers = await Promise.all(sessions.map((s, i) => post(i % 2 === 0 ? first : second, s.report)));
    expect(answers.map((a) => a.status)).toEqual(sessions.map(() => 200));
    await receiver.until(() => receiver.received.length >= 40);
    // Time for a second copy to show up, if any replica were to send one.
    await new Promise((r) => setTimeout(r, 2000));
    const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const reported = receiver.events('report.ready').map((e) => (e.data.report as { interview: { id: string } }).interview.id);
    expect(reported.sort()).toEqual(sessions.map((s) => s.id).sort());
  } finally {
    await second.close();
  }
});

it('the outbox outlives the replicas: a delivery still retrying when every replica stopped is delivered by one started later', async () => {
  receiver.answer = () => 503;
  const { state } = await first.app.tenant(tenant).outbound.createEndpoint({ url, events: ['report.ready'] });
  const second = await replica();
  await post(second, micro1Session(6001).report);
  await receiver.until(() => receiver.received.length >= 1);
  await second.close();
  await first.close();
  const attempts = receiver.received.length;
  receiver.answer = () => 200;
  first = await replica();
  await receiver.until(() => receiver.received.length > attempts);
  const last = receiver.received.at(-1)!;
  expect(last.headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
  await eventually(async () => (await first.app.tenant(tenant).outbox.list(state.endpoint.id, 'delivered', 10, null)).items.length === 1, 'delivered');
});

it('a vendor event stored by a replica that stopped before applying it still ends in its outbound events', async () => {
  await first.app.tenant(tenant).outbound.createEndpoint({ url, events: ['report.ready'] });
  const s = micro1Session(6101);
  // What the intake writes before the 2xx — and then the replica is gone: nothing applied, nothing published.
  const [stored] = await first.app.tenant(tenant).webhookStore.store(
    [
      {
        receipt: randomUUID(),
        provider: Provider.MICRO1,
        type: s.report.event,
        dedupeKey: `interview_report.created:${(s.report.data as { report_id: string }).report_id}`,
        interviewLocator: s.id.split(':').slice(2).join(':'),
        receivedAt: new Date().toISOString(),
        body: s.report,
      },
    ],
    86_400,
    Date.now(),
  );
  expect(stored).toBe(true);
  // The sweep (WEBHOOK_APPLY_RETRY_SECONDS) applies it; the outbox publishes it.
  await receiver.until(() => receiver.received.length >= 1, 20_000);
  expect(receiver.events('report.ready')[0].data).toMatchObject({ report: { interview: { id: s.id } } });
});
