/**
 * The vendor call policies on their own, with scripted attempts (no network): which failures are
 * retried and how often, the timeout budget, Retry-After, the circuit breaker (consecutive and
 * rate), the rate limit and the concurrency cap — and that nothing they refuse reaches the vendor.
 */
import { Provider } from '../../../../support/providers';
import { ErrorCode } from '../../../../../src/errors/error-code';
import { GatewayError } from '../../../../../src/errors/gateway.error';
import { VendorError } from '../../../../../src/errors/vendor.error';
import { DEFAULT_RESILIENCE, type ResilienceSettings, VendorResilience } from '../../../../../src/vendors/kit/http/vendor-resilience';
import { withRequestContext } from '../../../../../src/observability/request-context';
import { VendorCoordination } from '../../../../../src/vendors/kit/http/vendor-coordination';
import { rejection } from '../../../../support/contract-helpers';

/** Runs `work` as part of a request being served (calls outside one are background work). */
function asRequest<T>(work: () => Promise<T>): Promise<T> {
  return withRequestContext({ requestId: 'test', vendorCalls: 0 }, work);
}

const P = Provider.HEYMILO;

/** An answer of the vendor with an HTTP status, as VendorHttpClient types it. */
function statusError(status: number, retryAfterSeconds?: number): VendorError {
  const code = status === 429 ? ErrorCode.VENDOR_RATE_LIMITED : status >= 500 ? ErrorCode.VENDOR_UNAVAILABLE : ErrorCode.VENDOR_BAD_RESPONSE;
  return new VendorError(code, P, { detail: { status }, retryAfterSeconds });
}

const timeout = () => new VendorError(ErrorCode.VENDOR_TIMEOUT, P, { detail: { reason: 'TimeoutError' } });

/** Attempts that fail with `script[i]` (an error) or succeed (undefined), and count themselves. */
function scripted(script: Array<Error | undefined>) {
  let calls = 0;
  const seenTimeouts: number[] = [];
  const attempt = async ({ timeoutMs }: { timeoutMs: number }) => {
    seenTimeouts.push(timeoutMs);
    const outcome = script[Math.min(calls, script.length - 1)];
    calls += 1;
    if (outcome) throw outcome;
    return 'ok';
  };
  return { attempt, calls: () => calls, seenTimeouts };
}

const settings = (overrides: Partial<ResilienceSettings> = {}): ResilienceSettings => ({
  ...DEFAULT_RESILIENCE,
  backoffBaseMs: 5,
  backoffMaxMs: 50,
  ...overrides,
});

describe('retries', () => {
  it.each([429, 502, 503, 504])('a read answered %i is retried, at most twice', async (status) => {
    const policies = new VendorResilience(P, 5_000, settings());
    const flaky = scripted([statusError(status), statusError(status), undefined]);
    expect(await policies.run('read', 'GET /x', flaky.attempt)).toBe('ok');
    expect(flaky.calls()).toBe(3);

    const down = scripted([statusError(status)]);
    expect((await rejection(policies.run('read', 'GET /x', down.attempt))).code).toBe(statusError(status).code);
    expect(down.calls()).toBe(3);
  });

  it.each([
    ['a 500', statusError(500)],
    ['a 400', statusError(400)],
    ['a timeout (the budget is spent)', timeout()],
    ['a 404', new GatewayError(ErrorCode.NOT_FOUND, 'no such object')],
  ])('%s is not retried', async (_label, error) => {
    const once = scripted([error]);
    await rejection(new VendorResilience(P, 5_000, settings()).run('read', 'GET /x', once.attempt));
    expect(once.calls()).toBe(1);
  });

  it('a connection refused before any answer is retried (reads)', async () => {
    const refused = new VendorError(ErrorCode.VENDOR_UNAVAILABLE, P, { detail: { reason: 'Error: connect ECONNREFUSED' } });
    const flaky = scripted([refused, undefined]);
    expect(await new VendorResilience(P, 5_000, settings()).run('read', 'GET /x', flaky.attempt)).toBe('ok');
    expect(flaky.calls()).toBe(2);
  });

  it('a write is never retried, whatever the answer', async () => {
    const policies = new VendorResilience(P, 5_000, settings());
    for (const status of [429, 502, 503, 504]) {
      const once = scripted([statusError(status), undefined]);
      await rejection(policies.run('write', 'POST /x', once.attempt));
      expect(once.calls()).toBe(1);
    }
  });

  it('maxRetries 0 turns retries off', async () => {
    const once = scripted([statusError(503), undefined]);
    await rejection(new VendorResilience(P, 5_000, settings({ maxRetries: 0 })).run('read', 'GET /x', once.attempt));
    expect(once.calls()).toBe(1);
  });

  it("waits the vendor's Retry-After before retrying", async () => {
    const flaky = scripted([statusError(429, 1), undefined]);
    const started = performance.now();
    expect(await new VendorResilience(P, 5_000, settings({ backoffMaxMs: 2_000 })).run('read', 'GET /x', flaky.attempt)).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(flaky.calls()).toBe(2);
  });

  it('does not hold a request for a Retry-After longer than backoffMaxMs: the client gets retryAfterSeconds at once', async () => {
    const limited = scripted([statusError(429, 7), undefined]);
    const backoffMaxMs = 2_000;
    const started = performance.now();
    const error = await rejection(new VendorResilience(P, 5_000, settings({ backoffMaxMs })).run('read', 'GET /x', limited.attempt));
    // At once: well under the shortest wait a held request would make (the backoff cap), however
    // busy the host.
    expect(performance.now() - started).toBeLessThan(backoffMaxMs / 2);
    expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(error.extensions.retryAfterSeconds).toBe(7);
    expect(limited.calls()).toBe(1);
  });

  it('keeps to the timeout budget: each attempt gets what is left, and no retry starts that cannot fit', async () => {
    // A 600 ms budget; attempts that fail after 400 ms (or their own timeout, if sooner), 40 ms
    // apart. Kept: 400 + 40 + what is left (160) = 600 ms, two attempts. An attempt given the whole
    // budget ends at 840 ms; no budget at all, at 1,280 ms.
    const budgetMs = 600;
    let calls = 0;
    const slowFailure = async ({ timeoutMs }: { timeoutMs: number }) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 400)));
      throw statusError(503);
    };
    const started = performance.now();
    await rejection(new VendorResilience(P, budgetMs, settings({ backoffBaseMs: 40, backoffMaxMs: 40 })).run('read', 'GET /x', slowFailure));
    const elapsed = performance.now() - started;
    // The budget plus a busy host's late timers (a quarter of the budget), under the 840 ms above.
    expect(elapsed).toBeLessThan(budgetMs * 1.25);
    expect(calls).toBeLessThanOrEqual(2);

    const budgets = scripted([statusError(503), statusError(503), undefined]);
    await new VendorResilience(P, 2_000, settings()).run('read', 'GET /x', budgets.attempt);
    expect(budgets.seenTimeouts[0]).toBeLessThanOrEqual(2_000);
    expect(budgets.seenTimeouts[2]).toBeLessThan(budgets.seenTimeouts[0]);
  });
});

describe('circuit breaker', () => {
  const breaker = (overrides: Partial<ResilienceSettings['breaker']> = {}) =>
    settings({ maxRetries: 0, breaker: { ...DEFAULT_RESILIENCE.breaker, halfOpenAfterMs: 100, ...overrides } });

  it('opens after 5 failures in a row: the next call fails fast without reaching the vendor; a probe after halfOpenAfter closes it', async () => {
    const policies = new VendorResilience(P, 5_000, breaker());
    const down = scripted([statusError(503)]);
    for (let i = 0; i < 5; i += 1) await rejection(policies.run('read', 'GET /x', down.attempt));
    expect(policies.snapshot().breaker).toBe('OPEN');

    const error = await rejection(policies.run('read', 'GET /x', down.attempt));
    expect(down.calls()).toBe(5);
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions).toEqual({ code: ErrorCode.VENDOR_UNAVAILABLE, provider: P, circuitOpen: true });
    // A write refused by an open breaker was never sent: its outcome is known.
    expect((await rejection(policies.run('write', 'POST /x', down.attempt))).extensions.outcomeUnknown).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 120));
    const back = scripted([undefined]);
    expect(await policies.run('read', 'GET /x', back.attempt)).toBe('ok');
    expect(policies.snapshot().breaker).toBe('CLOSED');
  });

  it('a failed probe re-opens it', async () => {
    const policies = new VendorResilience(P, 5_000, breaker({ consecutiveFailures: 2 }));
    const down = scripted([timeout()]);
    await rejection(policies.run('read', 'GET /x', down.attempt));
    await rejection(policies.run('read', 'GET /x', down.attempt));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await rejection(policies.run('read', 'GET /x', down.attempt));
    expect(down.calls()).toBe(3);
    expect(policies.snapshot().breaker).toBe('OPEN');
  });

  it('opens when more than half of the last 20 calls failed, though never 5 in a row', async () => {
    const policies = new VendorResilience(P, 5_000, breaker());
    // fail, fail, ok, fail, fail, ok, …: 2 in a row at most, two thirds failing.
    const pattern = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? undefined : statusError(502)));
    let opened = -1;
    for (let i = 0; i < pattern.length && opened < 0; i += 1) {
      const call = scripted([pattern[i]]);
      await policies.run('read', 'GET /x', call.attempt).catch(() => undefined);
      if (policies.snapshot().breaker === 'OPEN') opened = i + 1;
    }
    expect(opened).toBeGreaterThanOrEqual(20);
    expect(opened).toBeLessThanOrEqual(21);
  });

  it('a vendor answering 4xx, 404, 429 or an unreadable body is working: the breaker stays closed', async () => {
    const policies = new VendorResilience(P, 5_000, breaker());
    const answers = [statusError(400), statusError(429), new GatewayError(ErrorCode.NOT_FOUND, 'none'), new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, P)];
    for (let i = 0; i < 10; i += 1) {
      for (const answer of answers) await rejection(policies.run('read', 'GET /x', scripted([answer]).attempt));
    }
    expect(policies.snapshot().breaker).toBe('CLOSED');
  });
});

describe('rate limit and concurrency cap', () => {
  it("keeps to the vendor's budget per minute: past it, VENDOR_RATE_LIMITED with retryAfterSeconds and no call", async () => {
    const policies = new VendorResilience(P, 1_000, settings({ rateLimitPerMinute: 3 }));
    expect(policies.snapshot()).toMatchObject({ rateLimitPerMinute: 3, rateLimitRemaining: 3 });
    const calls = scripted([undefined]);
    for (let i = 0; i < 3; i += 1) await asRequest(() => policies.run('read', 'GET /x', calls.attempt));
    expect(policies.snapshot().rateLimitRemaining).toBe(0);
    const error = await rejection(asRequest(() => policies.run('read', 'GET /x', calls.attempt)));
    expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    // The budget is a minute's window from its first call: the next call fits when it ends.
    expect(error.extensions.retryAfterSeconds).toBeGreaterThan(50);
    expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(calls.calls()).toBe(3);
  });

  it('waits for the next window when that fits in the time budget', async () => {
    // A one-second window of 3 calls (180 a minute, prorated); the time budget (3 s) has room to wait for the next.
    const coordination = new VendorCoordination({ key: 'test', redis: null, budgetPerMinute: 180, windowSeconds: 1 });
    const policies = new VendorResilience(P, 3_000, settings({ rateLimitPerMinute: 180 }), coordination);
    const calls = scripted([undefined]);
    await Promise.all(Array.from({ length: 3 }, () => asRequest(() => policies.run('read', 'GET /x', calls.attempt))));
    const drained = performance.now();
    expect(await asRequest(() => policies.run('read', 'GET /x', calls.attempt))).toBe('ok');
    // The 4th waited for the window to end (RLF keeps whole seconds: up to a second).
    expect(performance.now() - drained).toBeGreaterThanOrEqual(100);
    expect(calls.calls()).toBe(4);
  });

  it('background work (no request being served) leaves a quarter of the budget and half the concurrency to requests', async () => {
    const policies = new VendorResilience(P, 1_000, settings({ rateLimitPerMinute: 8, maxConcurrent: 4 }));
    const calls = scripted([undefined]);
    // 8 a minute: background work spends 6 and then waits for the budget to refill past 2 …
    for (let i = 0; i < 6; i += 1) await policies.run('read', 'GET /x', calls.attempt);
    let waited = true;
    const background = policies.run('read', 'GET /x', calls.attempt).then(() => (waited = false));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waited).toBe(true);
    expect(calls.calls()).toBe(6);
    // … while a request still gets the last two at once.
    await asRequest(() => policies.run('read', 'GET /x', calls.attempt));
    await asRequest(() => policies.run('read', 'GET /x', calls.attempt));
    expect(calls.calls()).toBe(8);
    expect(waited).toBe(true);
    void background;

    // Concurrency: background calls hold at most half the slots.
    const lanes = new VendorResilience(P, 5_000, settings({ maxConcurrent: 4 }));
    let inFlight = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const slow = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight -= 1;
      return 'ok';
    };
    const sync = Array.from({ length: 6 }, () => lanes.run('read', 'GET /x', slow));
    await new Promise((resolve) => setImmediate(resolve));
    expect(peak).toBe(2);
    const served = asRequest(() => lanes.run('read', 'GET /x', slow));
    await new Promise((resolve) => setImmediate(resolve));
    expect(inFlight).toBe(3); // the request did not queue behind the background calls
    while (release.length > 0 || inFlight > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all([...sync, served])).toEqual(Array(7).fill('ok'));
  });

  it('has no budget for a vendor without a documented limit', () => {
    expect(new VendorResilience(P, 1_000, settings()).snapshot()).toMatchObject({ rateLimitPerMinute: null, rateLimitRemaining: null });
  });

  it('keeps at most maxConcurrent calls in flight; the rest queue, and past the queue fail at once', async () => {
    const policies = new VendorResilience(P, 5_000, settings({ maxConcurrent: 2, maxQueued: 3 }));
    let inFlight = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const slow = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight -= 1;
      return 'ok';
    };
    const running = Array.from({ length: 5 }, () => asRequest(() => policies.run('read', 'GET /x', slow)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(policies.snapshot()).toMatchObject({ inFlight: 2, queued: 3 });
    const overflow = await rejection(asRequest(() => policies.run('read', 'GET /x', slow)));
    expect(overflow.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    while (release.length > 0 || inFlight > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(running)).toEqual(Array(5).fill('ok'));
    expect(peak).toBe(2);
  });
});
