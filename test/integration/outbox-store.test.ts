/**
 * The outbox contract, in memory and on the real Redis: a delivery is enqueued once; a claim gives
 * each attempt one holder, keeps the per-endpoint cap and the order of changes about one object;
 * only the lease holder records a result; 410 disables the endpoint; a lost holder's delivery is
 * offered again after its lease; the log pages newest first and filters by status. And the webhook
 * store's side: a stored delivery is unpublished from the same write, offered to publish only once
 * applied.
 */
import { MemoryOutboxStore, type OutboxStore } from '../../src/outbound/outbox-store';
import { RedisOutboxStore } from '../../src/outbound/redis-outbox-store';
import type { DeliveryAttempt, OutboundDelivery, WebhookEndpoint } from '../../src/outbound/outbound.types';
import { MemoryWebhookStore, RedisWebhookStore, type StoredWebhook, type WebhookStore } from '../../src/webhooks/webhook-store';
import { Provider } from '../support/providers';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `outbox-${process.pid}-${Date.now()}`;
let tenants = 0;
const tenant = () => `${RUN}-${(tenants += 1)}`;

afterAll(() => deleteRedisKeys(`ig:*:v1:${RUN}-*`));

const endpoint = (id: string, createdAt = 1): WebhookEndpoint => ({
  id,
  url: 'https://hooks.example.com/in',
  description: null,
  events: ['interview.updated', 'report.ready'],
  secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', expiresAt: null }],
  createdAt,
  updatedAt: createdAt,
});

let seq = 0;
const delivery = (over: Partial<OutboundDelivery> = {}): OutboundDelivery => {
  seq += 1;
  return {
    id: `dlv_${String(seq).padStart(6, '0')}`,
    eventId: `msg_${seq}`,
    endpointId: 'ep_a',
    type: 'interview.updated',
    orderKey: `interview:i${seq}`,
    changedAt: 1000 + seq,
    createdAt: 1000 + seq,
    payload: JSON.stringify({ type: 'interview.updated', data: { n: seq, list: [] } }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    lastAttempt: null,
    ...over,
  };
};

const attempt = (status: number | null): DeliveryAttempt => ({
  at: 5000,
  status,
  latencyMs: 12,
  error: status === 200 ? null : `HTTP ${status}`,
  responseBody: 'ok',
});
const claim = (store: OutboxStore, nowMs = 10_000, perEndpoint = 4, limit = 10) => store.claim({ nowMs, limit, leaseUntilMs: nowMs + 1000, perEndpoint });

describe.each([
  ['memory', () => new MemoryOutboxStore()],
  ['redis', () => new RedisOutboxStore(REDIS_URL, tenant())],
] as Array<[string, () => OutboxStore]>)('%s outbox', (_name, make) => {
  let store: OutboxStore;
  beforeEach(async () => {
    store = make();
    await store.saveEndpoint(endpoint('ep_a'), 10);
  });
  afterEach(() => store.close());

  it('keeps endpoints (a cap on how many), and their disabled state apart from what an admin wrote', async () => {
    expect(await store.saveEndpoint(endpoint('ep_b', 2), 2)).toBe(true);
    expect(await store.saveEndpoint(endpoint('ep_c', 3), 2)).toBe(false);
    expect(await store.saveEndpoint({ ...endpoint('ep_b', 2), description: 'edited' }, 2)).toBe(true);
    expect(await store.setDisabled('ep_b', 'gone')).toBe(true);
    expect(await store.endpoints()).toEqual([
      { endpoint: endpoint('ep_a'), disabledReason: null },
      { endpoint: { ...endpoint('ep_b', 2), description: 'edited' }, disabledReason: 'gone' },
    ]);
    expect(await store.setDisabled('ep_zz', 'x')).toBe(false);
    expect(await store.deleteEndpoint('ep_b')).toBe(true);
    expect(await store.deleteEndpoint('ep_b')).toBe(false);
    expect(await store.endpoint('ep_b')).toBeNull();
    // An update that lost the race with a delete does not bring the endpoint back.
    expect(await store.saveEndpoint(endpoint('ep_b', 2), 10, 'update')).toBe(false);
    expect(await store.endpoint('ep_b')).toBeNull();
  });

  it('enqueues a delivery once, its payload byte for byte', async () => {
    const d = delivery();
    expect(await store.enqueue([d, d])).toBe(1);
    expect(await store.enqueue([d])).toBe(0);
    expect(await store.delivery(d.id)).toEqual(d);
  });

  it('claims each delivery for one holder; only that holder records the result', async () => {
    const d = delivery();
    await store.enqueue([d]);
    const [mine, ...more] = await Promise.all([claim(store), claim(store), claim(store)]);
    expect([mine, ...more].flat()).toHaveLength(1);
    const held = [mine, ...more].flat()[0];
    expect(await store.finish({ ...held, lease: 'someone-else' }, attempt(200), { outcome: 'delivered' })).toBe(false);
    expect(await store.finish(held, attempt(500), { outcome: 'retry', nextAttemptAt: 20_000 })).toBe(true);
    expect(await claim(store, 19_999)).toEqual([]);
    const [again] = await claim(store, 20_000);
    expect(again).toMatchObject({ id: d.id, attempts: 1, lastAttempt: attempt(500) });
    expect(await store.finish(again, attempt(200), { outcome: 'delivered' })).toBe(true);
    expect(await store.delivery(d.id)).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null, lastAttempt: attempt(200) });
    expect(await store.oldestPending()).toBeNull();
  });

  it("offers a delivery again once its holder's lease ran out (the holder died mid-attempt); the old holder can no longer record", async () => {
    await store.enqueue([delivery()]);
    const [first] = await claim(store, 10_000);
    expect(await claim(store, 10_999)).toEqual([]);
    const [second] = await claim(store, 11_000);
    expect(second.id).toBe(first.id);
    expect(await store.finish(first, attempt(200), { outcome: 'delivered' })).toBe(false);
    expect(await store.finish(second, attempt(200), { outcome: 'delivered' })).toBe(true);
  });

  it('keeps at most `perEndpoint` attempts in flight per endpoint', async () => {
    await store.saveEndpoint(endpoint('ep_b', 2), 10);
    await store.enqueue([delivery(), delivery(), delivery(), delivery({ endpointId: 'ep_b' })]);
    const claimed = await claim(store, 10_000, 2);
    expect(claimed.map((d) => d.endpointId).sort()).toEqual(['ep_a', 'ep_a', 'ep_b']);
    expect(await claim(store, 10_000, 2)).toEqual([]);
    await store.finish(claimed[0], attempt(200), { outcome: 'delivered' });
    expect(await claim(store, 10_000, 2)).toHaveLength(1);
  });

  it('sends changes about one object in change order: a later one waits while an earlier one is pending (retrying included)', async () => {
    const older = delivery({ orderKey: 'interview:X', changedAt: 50 });
    const newer = delivery({ orderKey: 'interview:X', changedAt: 60 });
    const other = delivery({ orderKey: 'interview:Y', changedAt: 70 });
    await store.enqueue([newer, other, older]);
    const first = await claim(store);
    expect(first.map((d) => d.id).sort()).toEqual([older.id, other.id].sort());
    const held = first.find((d) => d.id === older.id)!;
    await store.finish(held, attempt(503), { outcome: 'retry', nextAttemptAt: 30_000 });
    await store.finish(first.find((d) => d.id === other.id)!, attempt(200), { outcome: 'delivered' });
    expect(await claim(store, 20_000)).toEqual([]);
    const [retried] = await claim(store, 30_000);
    expect(retried.id).toBe(older.id);
    await store.finish(retried, attempt(200), { outcome: 'delivered' });
    expect((await claim(store, 30_000)).map((d) => d.id)).toEqual([newer.id]);
  });

  it('410: the delivery fails and the endpoint is disabled; its other deliveries fail at their turn, a redelivery waits for it to be enabled', async () => {
    const a = delivery();
    const b = delivery();
    await store.enqueue([a]);
    const [held] = await claim(store);
    await store.finish(held, attempt(410), { outcome: 'failed', disable: 'The endpoint answered 410 Gone.' });
    expect(await store.endpoint('ep_a')).toMatchObject({ disabledReason: 'The endpoint answered 410 Gone.' });
    await store.enqueue([b]);
    expect(await claim(store)).toEqual([]);
    expect(await store.delivery(b.id)).toMatchObject({ status: 'failed', lastAttempt: { error: 'The endpoint is disabled.', status: null } });
    expect(await store.redeliver(a.id, 40_000)).toBe('endpoint-disabled');
    await store.setDisabled('ep_a', null);
    expect(await store.redeliver(a.id, 40_000)).toMatchObject({ id: a.id, status: 'pending', attempts: 1 });
    expect(await store.redeliver(a.id, 40_000)).toBe('pending');
    expect(await store.oldestPending()).toBe(40_000);
    const [again] = await claim(store, 40_000);
    expect(again).toMatchObject({ id: a.id, eventId: a.eventId });
    expect(await store.redeliver('dlv_nope', 1)).toBe('not-found');
  });

  it('fails the deliveries of a deleted endpoint at their turn', async () => {
    const d = delivery();
    await store.enqueue([d]);
    await store.deleteEndpoint('ep_a');
    expect(await claim(store)).toEqual([]);
    expect(await store.delivery(d.id)).toMatchObject({ status: 'failed', lastAttempt: { error: 'The endpoint was deleted.' } });
  });

  it('lists an endpoint’s log newest first, by status, in pages', async () => {
    const ds = [delivery({ createdAt: 100 }), delivery({ createdAt: 200 }), delivery({ createdAt: 200 }), delivery({ createdAt: 300 })];
    await store.enqueue(ds);
    const claimed = await claim(store);
    await store.finish(claimed.find((d) => d.id === ds[1].id)!, attempt(200), { outcome: 'delivered' });
    const page1 = await store.list('ep_a', null, 2, null);
    expect(page1.items.map((d) => d.id)).toEqual([ds[3].id, ds[2].id]);
    const page2 = await store.list('ep_a', null, 2, page1.endCursor);
    expect(page2.items.map((d) => d.id)).toEqual([ds[1].id, ds[0].id]);
    expect(page2.endCursor).toBeNull();
    expect((await store.list('ep_a', 'delivered', 10, null)).items.map((d) => d.id)).toEqual([ds[1].id]);
    expect((await store.list('ep_a', 'pending', 10, null)).items.map((d) => d.id)).toEqual([ds[3].id, ds[2].id, ds[0].id]);
    expect((await store.list('ep_other', null, 10, null)).items).toEqual([]);
  });
});

const stored = (dedupeKey: string): StoredWebhook => ({
  receipt: `r-${dedupeKey}-${Math.random()}`,
  provider: Provider.MICRO1,
  type: 'interview_report.created',
  dedupeKey,
  interviewLocator: 'i~c',
  receivedAt: '2026-01-01T00:00:00.000Z',
  body: { event: 'interview_report.created' },
});

describe.each([
  ['memory', () => new MemoryWebhookStore()],
  ['redis', () => new RedisWebhookStore(REDIS_URL, tenant())],
] as Array<[string, () => WebhookStore]>)('%s webhook store: publishing', (_name, make) => {
  let store: WebhookStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it('offers a stored delivery to publish only once applied, with what its apply did and the note from before it; once per lease', async () => {
    await store.store([stored('a'), stored('b')], 60, 0);
    expect(await store.claimUnpublished(10, Date.now(), Date.now() + 60_000)).toEqual([]);
    await store.note(Provider.MICRO1, 'a', 'first');
    await store.note(Provider.MICRO1, 'a', 'second');
    await store.settle(Provider.MICRO1, 'a', { result: 'applied', interviews: ['i~c'] });
    const [change, ...rest] = await store.claimUnpublished(10, Date.now(), Date.now() + 60_000);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ record: { dedupeKey: 'a' }, applied: { result: 'applied', interviews: ['i~c'] }, note: 'first' });
    expect(await store.claimUnpublished(10, Date.now(), Date.now() + 60_000)).toEqual([]);
    // Its publisher vanished: offered again after the lease, until published.
    const later = Date.now() + 60_000;
    expect((await store.claimUnpublished(10, later, later + 60_000)).map((c) => c.record.dedupeKey)).toEqual(['a']);
    await store.published([{ provider: Provider.MICRO1, dedupeKey: 'a' }]);
    expect(await store.claimUnpublished(10, later + 60_000, later + 120_000)).toEqual([]);
    // A duplicate delivery is not unpublished again.
    expect(await store.store([stored('a')], 60, 0)).toEqual([false]);
    expect(await store.claimUnpublished(10, later + 60_000, later + 120_000)).toEqual([]);
  });
});
