/**
 * The vendor call policies through the whole app, against the simulators' fault knobs: a read
 * retried after the vendor's Retry-After, the circuit breaker opening, failing fast, showing in
 * `providers { health }` and closing again, and the client-side rate limit keeping to the budget.
 */
import { Provider } from '../support/providers';
import type { Provider as ProviderName } from '../../src/domain/provider';
import { startHarness, type Harness } from '../support/harness';
import { baselineMs, median, slack, timed } from '../support/timing';

const HEALTH = '{ providers { provider health { status breaker consecutiveFailures lastErrorCode rateLimitPerMinute rateLimitRemaining inFlight queued } } }';
const MICRO1_PAGE = (first: number) => `{ interviews(provider: MICRO1, first: ${first}) { edges { node { id } } } }`;

async function health(h: Harness, provider: ProviderName): Promise<Record<string, unknown>> {
  const result = await h.query(HEALTH);
  const row = (result.data!.providers as Array<{ provider: string; health: Record<string, unknown> }>).find((p) => p.provider === provider);
  return row!.health;
}

describe('vendor call policies on the simulators', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("a read answered 429 is retried after the vendor's Retry-After and succeeds; the client never sees it", async () => {
    h = await startHarness();
    h.setKnobs(Provider.HEYMILO, { rateLimitNext: 1, rateLimitRetryAfterSeconds: 1 });
    const started = Date.now();
    const result = await h.query('{ interviewTemplates(provider: HEYMILO, first: 3) { edges { node { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(h.calls().HEYMILO).toEqual({ 'GET /api/v2/postings': 2 });
  });

  it('the breaker opens after 5 failed calls: then fails fast with no vendor call, shows OPEN, and closes once the vendor is back', async () => {
    h = await startHarness({ env: { VENDOR_RETRIES: '0', VENDOR_BREAKER_HALF_OPEN_SECONDS: '1' } });
    h.setKnobs(Provider.MICRO1, { outage: true });
    for (let first = 1; first <= 5; first += 1) {
      const failed = await h.query(MICRO1_PAGE(first));
      expect(failed.errors?.[0].extensions).toEqual({ code: 'VENDOR_UNAVAILABLE', provider: 'MICRO1' });
    }
    expect(h.calls().MICRO1).toEqual({ 'GET /interview/invites': 5 });
    expect(await health(h, Provider.MICRO1)).toMatchObject({ status: 'DOWN', breaker: 'OPEN', consecutiveFailures: 5, lastErrorCode: 'VENDOR_UNAVAILABLE' });

    // Other vendors are not affected; their answer, cached, is what failing fast is measured against.
    const heymilo = '{ interviews(provider: HEYMILO, first: 2) { edges { node { id } } } }';
    expect((await h.query(heymilo)).errors).toBeUndefined();
    const cached = await baselineMs(() => h.query(heymilo));

    h.resetCalls();
    // Failing fast: no vendor call, and (the median of a few, so one pause of the host does not
    // decide) no slower than a cached answer, give or take the host's pace.
    const times: number[] = [];
    for (let first = 6; first <= 10; first += 1) {
      const { result: fast, ms } = await timed(() => h.query(MICRO1_PAGE(first)));
      expect(fast.errors?.[0].extensions).toEqual({ code: 'VENDOR_UNAVAILABLE', provider: 'MICRO1', circuitOpen: true });
      times.push(ms);
    }
    expect(h.totalCalls()).toBe(0);
    expect(median(times)).toBeLessThanOrEqual(slack(cached));

    h.setKnobs(Provider.MICRO1, { outage: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const back = await h.query(MICRO1_PAGE(11));
    expect(back.errors).toBeUndefined();
    expect(await health(h, Provider.MICRO1)).toMatchObject({ status: 'UP', breaker: 'CLOSED', consecutiveFailures: 0 });
  });

  it('a vendor down costs at most the timeout: retries stop when the budget is spent', async () => {
    const timeoutMs = 400;
    h = await startHarness({ env: { VENDOR_TIMEOUT_MS: String(timeoutMs) } });
    // A healthy round trip on this host now (a shorter page, cached after its first call).
    const healthy = await baselineMs(() => h.query('{ interviews(provider: XOBIN, first: 2) { edges { node { id } } } }'));
    h.resetCalls();
    h.setKnobs(Provider.XOBIN, { outage: true });
    const { result, ms } = await timed(() => h.query('{ interviews(provider: XOBIN, first: 3) { edges { node { id } } } }'));
    // The timeout, plus the host's pace, capped below a second timeout. (The simulator's 503s are
    // instant and the jittered backoff before the two retries is at most 100 + 200 ms, so this
    // holds even when the budget is not kept: the budget itself is the unit test's, with attempts
    // that take time, in test/unit/vendors/kit/http/vendor-resilience.test.ts.)
    expect(ms).toBeLessThanOrEqual(timeoutMs + slack(healthy, { capMs: timeoutMs * 0.9 }));
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', provider: 'XOBIN' });
    // 503 is retried (at most twice) within the budget.
    const calls = Object.values(h.calls().XOBIN).reduce((a, b) => a + b, 0);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it("keeps to the vendor's rate limit (<VENDOR>_RATE_LIMIT_PER_MINUTE): past it VENDOR_RATE_LIMITED with no call; health shows the headroom", async () => {
    h = await startHarness({ env: { HEYMILO_RATE_LIMIT_PER_MINUTE: '2', VENDOR_TIMEOUT_MS: '1000' } });
    expect(await health(h, Provider.HEYMILO)).toMatchObject({ rateLimitPerMinute: 2, rateLimitRemaining: 2, inFlight: 0, queued: 0 });
    expect(await health(h, Provider.MICRO1)).toMatchObject({ rateLimitPerMinute: null, rateLimitRemaining: null });
    for (const first of [1, 2]) {
      expect((await h.query(`{ interviewTemplates(provider: HEYMILO, first: ${first}) { edges { node { id } } } }`)).errors).toBeUndefined();
    }
    const limited = await h.query('{ interviewTemplates(provider: HEYMILO, first: 3) { edges { node { id } } } }');
    // The budget is a window of a minute from its first call, less the time the calls took.
    const extensions = limited.errors?.[0].extensions as { retryAfterSeconds: number };
    expect(extensions).toEqual({ code: 'VENDOR_RATE_LIMITED', provider: 'HEYMILO', retryAfterSeconds: expect.any(Number) });
    expect(extensions.retryAfterSeconds).toBeGreaterThanOrEqual(45);
    expect(extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(h.calls().HEYMILO).toEqual({ 'GET /api/v2/postings': 2 });
    expect(await health(h, Provider.HEYMILO)).toMatchObject({ rateLimitRemaining: 0, breaker: 'CLOSED' });
  });
});
