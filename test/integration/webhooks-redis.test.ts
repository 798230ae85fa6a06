/**
 * Webhooks on the real Redis when the host or Redis is slow: a delivery is acknowledged only once
 * Redis has it, is never refused for being slow (a saturated CPU, a stalled Redis), and every event
 * is applied exactly once, later if its apply met the stall. Only a real outage is refused: 503
 * with Retry-After once the configured budget is spent, nothing claimed as stored.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { startHarness, type Harness, type HttpResult } from '../support/harness';
import { startSlowProxy } from '../support/slow-redis-proxy';
import { micro1Session } from '../support/webhook-payloads';
import { countRedisKeys, deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'micro1-webhook-token-for-tests';
const RUN = `whr-${process.pid}-${Date.now()}`;
const tenantId = (name: string) => `${RUN}-${name}`;

afterAll(() => deleteRedisKeys(`ig:*${RUN}-*`));

/** The tenant's stored deliveries, read from Redis itself. */
const storedDeliveries = (tenant: string): Promise<number> => countRedisKeys(`ig:wh:v1:${tenant}:delivery:*`);

const post = (h: Harness, body: unknown): Promise<HttpResult> =>
  h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Both webhooks of `sessions` sessions (from `from`), plus `duplicates` repeats, shuffled (deterministic). */
function deliveries(from: number, sessions: number, duplicates: number) {
  const all = Array.from({ length: sessions }, (_, i) => micro1Session(from + i));
  const distinct = all.flatMap((s) => [s.started, s.report]);
  const list = [...distinct, ...Array.from({ length: duplicates }, (_, i) => distinct[(i * 7) % distinct.length])];
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return { sessions: all, list };
}

/** `inFlight` at a time, as a vendor's retry storm would send them. */
async function sendAll(h: Harness, bodies: unknown[], inFlight: number): Promise<HttpResult[]> {
  const results: HttpResult[] = new Array(bodies.length);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      results[i] = await post(h, bodies[i]);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return results;
}

/** Counts each delivery's settling (applied or found stale), by dedupe key. */
function countSettled(h: Harness): Map<string, number> {
  const settled = new Map<string, number>();
  h.app.tenant().webhooks.onSettled((record) => settled.set(record.dedupeKey, (settled.get(record.dedupeKey) ?? 0) + 1));
  return settled;
}

/** Polls `check` (every 50 ms) until it holds; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Every session completed with its report and its candidate indexed, with no vendor call. */
async function expectAllApplied(h: Harness, sessions: ReturnType<typeof micro1Session>[]): Promise<void> {
  h.resetCalls();
  // 15 aliases a query: the default GRAPHQL_MAX_ALIASES.
  for (let i = 0; i < sessions.length; i += 15) {
    const chunk = sessions.slice(i, i + 15);
    const interviews = await h.query(`{ ${chunk.map((s, k) => `i${k}: interview(id: "${s.id}") { status report { providerId } }`).join(' ')} }`);
    expect(interviews.errors).toBeUndefined();
    for (const value of Object.values(interviews.data!))
      expect(value).toMatchObject({ status: 'COMPLETED', report: { providerId: expect.stringMatching(/^rep/) } });
    const emails = chunk.map((s) => (s.started.data as { candidate_email_id: string }).candidate_email_id);
    const people = await h.query(`{ ${emails.map((e, k) => `c${k}: candidate(email: "${e}") { accounts { provider } }`).join(' ')} }`);
    expect(people.errors).toBeUndefined();
    for (const value of Object.values(people.data!)) expect(value).toEqual({ accounts: [{ provider: 'MICRO1' }] });
  }
  expect(h.totalCalls()).toBe(0);
}

/**
 * Both cores busy in worker threads, and this process's event loop (the gateway's) blocked in
 * bursts, until `stop` or `maxMs`.
 */
function saturateCpu(maxMs: number): { stop(): Promise<void> } {
  const spin = `const end = Date.now() + ${maxMs}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
  const workers = [new Worker(spin, { eval: true }), new Worker(spin, { eval: true })];
  const bursts = setInterval(() => {
    const end = performance.now() + 40;
    while (performance.now() < end);
  }, 60);
  const deadline = setTimeout(() => clearInterval(bursts), maxMs);
  return {
    stop: async () => {
      clearInterval(bursts);
      clearTimeout(deadline);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

describe('webhooks on Redis under hostile load', () => {
  it('1,000 deliveries (30 % duplicates, shuffled) with the CPUs saturated: none refused, each event applied exactly once', async () => {
    const tenant = tenantId('flood');
    const h = await startHarness({ env: { REDIS_URL, TENANT_ID: tenant, MICRO1_WEBHOOK_TOKEN: TOKEN, WEBHOOK_APPLY_RETRY_SECONDS: '1' } });
    try {
      const settled = countSettled(h);
      const { sessions, list } = deliveries(0, 350, 300);
      const load = saturateCpu(15_000);
      let results: HttpResult[];
      try {
        results = await sendAll(h, list, 250);
      } finally {
        await load.stop();
      }
      const refused = results.filter((r) => r.status !== 200);
      expect(refused.map((r) => `${r.status} ${r.body}`)).toEqual([]);
      const outcomes = results.map((r) => (JSON.parse(r.body) as { result: string }).result);
      expect(outcomes.filter((r) => r === 'duplicate')).toHaveLength(300);
      expect(outcomes.filter((r) => ['applied', 'stale', 'stored'].includes(r))).toHaveLength(700);
      expect(await storedDeliveries(tenant)).toBe(700);

      // Applied now, or (an apply that met a slow Redis) by the sweep: each exactly once.
      await until(async () => (await h.app.tenant().webhooks.unapplied()) === 0, 30_000, 'every delivery applied');
      expect(settled.size).toBe(700);
      expect([...settled.values()].filter((n) => n !== 1)).toEqual([]);
      await expectAllApplied(h, sessions);
    } finally {
      await h.close();
    }
  }, 90_000);

  it('a Redis answering ~1 s late: none refused; what met the stall is applied once Redis is back, exactly once', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const tenant = tenantId('stall');
    const h = await startHarness({ env: { REDIS_URL: proxy.url, TENANT_ID: tenant, MICRO1_WEBHOOK_TOKEN: TOKEN, WEBHOOK_APPLY_RETRY_SECONDS: '1' } });
    try {
      const settled = countSettled(h);
      const { sessions, list } = deliveries(10_000, 15, 12);
      proxy.delayMs = 1_000;
      const results = await sendAll(h, list, list.length);
      expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([]);
      expect(results.filter((r) => JSON.parse(r.body).result === 'duplicate')).toHaveLength(12);

      proxy.delayMs = 0;
      await until(async () => (await h.app.tenant().webhooks.unapplied()) === 0, 30_000, 'every delivery applied');
      expect(settled.size).toBe(30);
      expect([...settled.values()].filter((n) => n !== 1)).toEqual([]);
      expect(await storedDeliveries(tenant)).toBe(30);
      await expectAllApplied(h, sessions);
    } finally {
      await h.close();
      await proxy.close();
    }
  }, 60_000);

  it('an apply slower than WEBHOOK_STORE_TIMEOUT_MS: answered 200 "stored" within the budget, applied behind the answer', async () => {
    const budgetMs = 500;
    const h = await startHarness({
      env: { REDIS_URL, TENANT_ID: tenantId('slow-apply'), MICRO1_WEBHOOK_TOKEN: TOKEN, WEBHOOK_STORE_TIMEOUT_MS: String(budgetMs) },
    });
    try {
      const settled = countSettled(h);
      const entities = h.app.tenant().store;
      const write = entities.write.bind(entities);
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      jest.spyOn(entities, 'write').mockImplementation(async (...args) => {
        await released;
        return write(...args);
      });
      const s = micro1Session(40_000);
      expect(JSON.parse((await post(h, s.started)).body)).toEqual({ result: 'stored' });
      expect(settled.size).toBe(0);
      release();
      await until(async () => (await h.app.tenant().webhooks.unapplied()) === 0, 10_000, 'the delivery applied');
      expect([...settled.values()]).toEqual([1]);
      const result = await h.query('query($id: ID!) { interview(id: $id) { status } }', { id: s.id });
      expect(result.data).toEqual({ interview: { status: 'IN_PROGRESS' } });
    } finally {
      await h.close();
    }
  }, 30_000);

  it('a line full while Redis stalls: the deliveries past WEBHOOK_QUEUE_MAX_DELIVERIES get 503 WEBHOOK_QUEUE_FULL with Retry-After', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const tenant = tenantId('full');
    const h = await startHarness({
      env: { REDIS_URL: proxy.url, TENANT_ID: tenant, MICRO1_WEBHOOK_TOKEN: TOKEN, WEBHOOK_QUEUE_MAX_DELIVERIES: '2', WEBHOOK_STORE_TIMEOUT_MS: '3000' },
    });
    try {
      const s = [micro1Session(20_000), micro1Session(20_001)];
      proxy.delayMs = 500;
      const results = await Promise.all([s[0].started, s[0].report, s[1].started, s[1].report].map((body) => post(h, body)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 503, 503]);
      for (const refused of results.filter((r) => r.status === 503)) {
        expect(JSON.parse(refused.body)).toEqual({ error: { code: 'WEBHOOK_QUEUE_FULL', message: expect.any(String) } });
        expect(refused.headers['retry-after']).toBe('3');
      }
      proxy.delayMs = 0;
      expect(await storedDeliveries(tenant)).toBe(2);
    } finally {
      await h.close();
      await proxy.close();
    }
  }, 30_000);

  it('Redis really down: 503 STORE_UNAVAILABLE with Retry-After once WEBHOOK_STORE_TIMEOUT_MS is spent, nothing stored', async () => {
    const proxy = await startSlowProxy(new URL(REDIS_URL));
    const tenant = tenantId('down');
    const budgetMs = 1_500;
    const h = await startHarness({ env: { REDIS_URL: proxy.url, TENANT_ID: tenant, MICRO1_WEBHOOK_TOKEN: TOKEN, WEBHOOK_STORE_TIMEOUT_MS: String(budgetMs) } });
    try {
      expect(JSON.parse((await post(h, micro1Session(30_000).started)).body)).toEqual({ result: 'applied' });
      await proxy.close(); // connections cut, the port refuses
      const started = performance.now();
      const refused = await post(h, micro1Session(30_001).started);
      const elapsed = performance.now() - started;
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body)).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: expect.any(String) } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Waited out the whole budget (a short blip would have been ridden out), and not much longer.
      expect(elapsed).toBeGreaterThanOrEqual(budgetMs);
      expect(elapsed).toBeLessThan(budgetMs * 4);
      expect(await storedDeliveries(tenant)).toBe(1);
    } finally {
      await h.close();
    }
  }, 30_000);
});
