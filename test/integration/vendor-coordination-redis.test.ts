/**
 * The vendor call policies of several replicas on one real Redis (REDIS_URL, default
 * 127.0.0.1:6379), each replica a VendorResilience of its own over scripted attempts: they spend one
 * budget, a breaker opened by one fails fast on the others, a pause the vendor asked for holds for
 * all; and with Redis unreachable each counts alone and still serves.
 */
import { createClient } from '@keyv/redis';
import { ErrorCode } from '../../src/errors/error-code';
import { VendorError } from '../../src/errors/vendor.error';
import { RedisConnection } from '../../src/infra/redis-connection';
import { VENDOR_GUARD } from '../../src/infra/redis-guard';
import { withRequestContext } from '../../src/observability/request-context';
import { STATE_REFRESH_MS, VendorCoordination } from '../../src/vendors/kit/http/vendor-coordination';
import { DEFAULT_RESILIENCE, type ResilienceSettings, VendorResilience } from '../../src/vendors/kit/http/vendor-resilience';
import { rejection } from '../support/contract-helpers';
import { Provider } from '../support/providers';
import { eventually } from '../support/timing';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const P = Provider.HEYMILO;
const run = `vc-${process.pid}-${Date.now()}`;

const settings = (overrides: Partial<ResilienceSettings> = {}): ResilienceSettings => ({
  ...DEFAULT_RESILIENCE,
  backoffBaseMs: 5,
  backoffMaxMs: 50,
  maxRetries: 0,
  ...overrides,
});

function asRequest<T>(work: () => Promise<T>): Promise<T> {
  return withRequestContext({ requestId: 'test', vendorCalls: 0 }, work);
}

/** Attempts that answer per `outcome()` and count themselves. */
function vendor(outcome: () => Error | undefined = () => undefined) {
  let calls = 0;
  return {
    attempt: async () => {
      calls += 1;
      const error = outcome();
      if (error) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

const down = () => new VendorError(ErrorCode.VENDOR_UNAVAILABLE, P, { detail: { status: 503 } });

describe('replicas on one Redis share the vendor policies', () => {
  const connections: RedisConnection[] = [];
  const redis = createClient({ url: REDIS_URL });
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await deleteRedisKeys(`ig:vendor:v1:${run}*`);
    await redis.quit();
  });

  /** `count` replicas of one vendor account (`key`), each with its own connection as separate processes would have. */
  function replicas(key: string, count: number, options: { budgetPerMinute?: number | null; settings?: Partial<ResilienceSettings>; url?: string } = {}) {
    return Array.from({ length: count }, () => {
      const connection = new RedisConnection(options.url ?? REDIS_URL, VENDOR_GUARD);
      connections.push(connection);
      const budgetPerMinute = options.budgetPerMinute ?? null;
      const coordination = new VendorCoordination({ key: `ig:vendor:v1:${run}:${key}`, redis: connection, budgetPerMinute });
      return new VendorResilience(P, 2_000, settings({ rateLimitPerMinute: budgetPerMinute, ...options.settings }), coordination);
    });
  }

  it('three replicas spend one budget: 6 a minute in aggregate, the 7th is VENDOR_RATE_LIMITED with no call', async () => {
    const [a, b, c] = replicas('budget', 3, { budgetPerMinute: 6 });
    const calls = vendor();
    const outcomes = await Promise.all(
      Array.from({ length: 9 }, (_, i) => asRequest(() => [a, b, c][i % 3].run('read', 'GET /x', calls.attempt).catch((e: unknown) => e))),
    );
    expect(calls.calls()).toBe(6);
    const refused = outcomes.filter((o) => o !== 'ok') as VendorError[];
    expect(refused).toHaveLength(3);
    for (const error of refused) {
      expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
      expect(error.extensions.retryAfterSeconds).toBeGreaterThan(50);
    }
    // Each replica's health shows what it last saw of the shared budget: spent, at each replica
    // refused (which replicas are depends on how the three connections' commands interleave).
    const replicasRefused = outcomes.flatMap((o, i) => (o === 'ok' ? [] : [[a, b, c][i % 3]]));
    for (const replica of replicasRefused) expect(replica.snapshot().rateLimitRemaining).toBe(0);
  });

  it('a breaker opened by one replica fails fast on the others (no call), and a successful probe anywhere closes it for all', async () => {
    const [a, b] = replicas('breaker', 2, { settings: { breaker: { ...DEFAULT_RESILIENCE.breaker, consecutiveFailures: 3, halfOpenAfterMs: 800 } } });
    let failing = true;
    const calls = vendor(() => (failing ? down() : undefined));
    for (let i = 0; i < 3; i += 1) await rejection(asRequest(() => a.run('read', 'GET /x', calls.attempt)));
    expect(a.snapshot().breaker).toBe('OPEN');
    expect(calls.calls()).toBe(3);

    const error = await rejection(asRequest(() => b.run('read', 'GET /x', calls.attempt)));
    expect([error.code, error.extensions.circuitOpen]).toEqual([ErrorCode.VENDOR_UNAVAILABLE, true]);
    expect(calls.calls()).toBe(3);
    expect(b.snapshot().breaker).toBe('OPEN');

    // The vendor is back; after half-open time, A's probe succeeds and B follows within one refresh.
    failing = false;
    await eventually(async () => (await asRequest(() => a.run('read', 'GET /x', calls.attempt)).catch(() => 'refused')) === 'ok', "A's probe succeeds", {
      everyMs: 50,
    });
    expect(a.snapshot().breaker).toBe('CLOSED');
    await new Promise((resolve) => setTimeout(resolve, STATE_REFRESH_MS));
    expect(await asRequest(() => b.run('read', 'GET /x', calls.attempt))).toBe('ok');
    expect(b.snapshot().breaker).toBe('CLOSED');
  });

  it("a pause the vendor asked for (Retry-After) holds on every replica: no call, retryAfterSeconds from the vendor's pause", async () => {
    const [a, b] = replicas('pause', 2);
    const calls = vendor();
    await a.pause(Date.now() + 5_000);
    const error = await rejection(asRequest(() => b.run('read', 'GET /x', calls.attempt)));
    expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(4);
    expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(5);
    expect(calls.calls()).toBe(0);

    // A short pause (within backoffMaxMs and the time budget) is waited out instead.
    const [c, d] = replicas('short-pause', 2, { settings: { backoffMaxMs: 2_000 } });
    await c.pause(Date.now() + 300);
    expect(await asRequest(() => d.run('read', 'GET /x', calls.attempt))).toBe('ok');
    expect(calls.calls()).toBe(1);
  });

  it('with Redis unreachable each replica keeps its own budget and still calls the vendor', async () => {
    const [a] = replicas('no-redis', 1, { budgetPerMinute: 2, url: 'redis://127.0.0.1:1' });
    const calls = vendor();
    expect(await asRequest(() => a.run('read', 'GET /x', calls.attempt))).toBe('ok');
    expect(await asRequest(() => a.run('read', 'GET /x', calls.attempt))).toBe('ok');
    expect((await rejection(asRequest(() => a.run('read', 'GET /x', calls.attempt)))).code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(calls.calls()).toBe(2);
  });
});
