/**
 * One vendor failing: its fields are null with a typed error naming it, the other vendor's data
 * is complete, nothing of the vendor's answer (body, URL, key) reaches the client, and the
 * failure is not cached.
 */
import { Provider } from '../support/providers';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import type { Micro1Simulator } from '../../src/vendors/micro1/sandbox/micro1.simulator';
import { InterviewsWithReportsDocument } from '../generated/graphql';
import { createLogger } from '../../src/server/logger';
import { startHarness, type Harness } from '../support/harness';
import { expectNoLeak } from '../support/no-leak';
import { baselineMs, slack, timed } from '../support/timing';

const BOTH = `
  query Both {
    m: interviews(provider: MICRO1, first: 5) { edges { node { id status candidate { email } } } }
    h: interviews(provider: HEYMILO, first: 5) { edges { node { id status candidate { email } } } }
  }
`;

describe('vendor failures', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('is logged once per call, naming the tenant and the provider once each', async () => {
    const lines: string[] = [];
    h = await startHarness({ env: { VENDOR_RETRIES: '0' }, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
    h.setKnobs(Provider.HEYMILO, { outage: true });
    await h.query(BOTH);
    const failed = lines.filter((l) => l.includes('"vendor call failed"'));
    expect(failed).toHaveLength(1);
    // pino writes a key bound by a child logger and the same key given on the line twice over.
    expect(failed[0].match(/"provider":/g)).toHaveLength(1);
    expect(failed[0].match(/"tenant":/g)).toHaveLength(1);
    expect(JSON.parse(failed[0])).toMatchObject({ provider: 'HEYMILO', code: 'VENDOR_UNAVAILABLE' });
  });

  it('a HeyMilo outage nulls only HeyMilo: VENDOR_UNAVAILABLE with the provider; micro1 complete', async () => {
    h = await startHarness();
    h.setKnobs(Provider.HEYMILO, { outage: true });
    const result = await h.query(BOTH);
    expect(result.status).toBe(200);
    expect(result.data!.h).toBeNull();
    expect((result.data!.m as { edges: unknown[] }).edges).toHaveLength(5);
    expect(result.errors).toEqual([
      { message: 'HEYMILO is unavailable', path: ['h'], locations: expect.any(Array), extensions: { code: 'VENDOR_UNAVAILABLE', provider: 'HEYMILO' } },
    ]);
    expectNoLeak(result.body, h);

    // Errors are never cached: when HeyMilo is back, the same query succeeds.
    h.setKnobs(Provider.HEYMILO, { outage: false });
    const again = await h.query(BOTH);
    expect(again.errors).toBeUndefined();
    expect((again.data!.h as { edges: unknown[] }).edges).toHaveLength(5);
  });

  it('reports failing under a cached list: each report null with its own path, the interviews intact', async () => {
    h = await startHarness();
    // Warm the list page only (no report asked), then take HeyMilo down.
    await h.query('{ interviews(provider: HEYMILO, first: 40) { edges { node { id } } } }');
    h.setKnobs(Provider.HEYMILO, { outage: true });
    const result = await h.gql(InterviewsWithReportsDocument, { provider: 'HEYMILO', first: 40, after: null, status: null });
    const edges = result.data!.interviews!.edges;
    expect(edges).toHaveLength(40);
    expect(edges.every((e) => e.node!.status && e.node!.candidate)).toBe(true);
    // One error per finished interview (the unfinished ones are known to have no report yet).
    const finished = h
      .sim<HeymiloDataset>(Provider.HEYMILO)
      .dataset.interviews.slice(0, 40)
      .filter((i) => i.ready).length;
    expect(result.errors).toHaveLength(finished);
    for (const error of result.errors ?? []) {
      // Once the breaker opens (5 failures in a row), the rest fail fast without a call.
      expect(error.extensions).toEqual({ code: 'VENDOR_UNAVAILABLE', provider: 'HEYMILO', ...(error.extensions?.circuitOpen ? { circuitOpen: true } : {}) });
      expect(error.path).toEqual(['interviews', 'edges', expect.any(Number), 'node', 'report']);
      expect(edges[error.path![2] as number].node!.report).toBeNull();
    }
    expectNoLeak(result.body, h);
  });

  it('a wrong micro1 key: VENDOR_AUTH_FAILED for micro1 only', async () => {
    h = await startHarness({ apiKeys: { [Provider.MICRO1]: 'wrong-key' } });
    const result = await h.query(BOTH);
    expect(result.data!.m).toBeNull();
    expect((result.data!.h as { edges: unknown[] }).edges).toHaveLength(5);
    expect(result.errors).toEqual([expect.objectContaining({ path: ['m'], extensions: { code: 'VENDOR_AUTH_FAILED', provider: 'MICRO1' } })]);
    expect(result.body).not.toContain('wrong-key');
    expectNoLeak(result.body, h);
  });

  it('a 429: VENDOR_RATE_LIMITED with the retry delay the vendor asked for', async () => {
    h = await startHarness();
    h.setKnobs(Provider.HEYMILO, { rateLimitNext: 1, rateLimitRetryAfterSeconds: 7 });
    const result = await h.query(BOTH);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['h'], extensions: { code: 'VENDOR_RATE_LIMITED', provider: 'HEYMILO', retryAfterSeconds: 7 } }),
    ]);
    expectNoLeak(result.body, h);
  });

  it('a vendor that hangs: VENDOR_TIMEOUT after VENDOR_TIMEOUT_MS, the other vendor unaffected', async () => {
    // Long enough that a starved CI host's pauses (a few hundred ms under two jest workers) stay
    // inside the slack, short of a second timeout.
    const timeoutMs = 1_000;
    h = await startHarness({ env: { VENDOR_TIMEOUT_MS: String(timeoutMs) } });
    // A round trip through the gateway on this host now (one that calls no vendor).
    const healthy = await baselineMs(() => h.query('{ __typename }'));
    h.setKnobs(Provider.MICRO1, { hang: true });
    // Untimed once: a fresh gateway's first timed-out call pays for loading its code (ts-jest loads
    // modules on first use), which is not what is timed; errors are never cached.
    expect((await h.query(BOTH)).errors).toHaveLength(1);
    const { result, ms } = await timed(() => h.query(BOTH));
    expect(result.errors).toEqual([expect.objectContaining({ path: ['m'], extensions: { code: 'VENDOR_TIMEOUT', provider: 'MICRO1' } })]);
    expect((result.data!.h as { edges: unknown[] }).edges).toHaveLength(5);
    expect(ms).toBeGreaterThanOrEqual(timeoutMs - 10);
    // The timeout plus the host's pace (at least half the timeout: a pause the baseline did not
    // meet), capped below a second timeout.
    expect(ms).toBeLessThanOrEqual(timeoutMs + slack(healthy, { floorMs: timeoutMs * 0.5, capMs: timeoutMs * 0.9 }));
    h.setKnobs(Provider.MICRO1, { hang: false });
  });

  it('vendor schema drift: VENDOR_BAD_RESPONSE, not a crash', async () => {
    h = await startHarness();
    (h.sim<Micro1Dataset>(Provider.MICRO1) as unknown as Micro1Simulator).driftReports(true);
    const result = await h.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: 5, after: null, status: null });
    expect(result.data).toEqual({ interviews: null });
    expect(result.errors).toEqual([expect.objectContaining({ path: ['interviews'], extensions: { code: 'VENDOR_BAD_RESPONSE', provider: 'MICRO1' } })]);
    expectNoLeak(result.body, h);
    // The log has the detail; the health shows the failure.
    const providers = await h.query('{ providers { provider health { status lastErrorCode consecutiveFailures } } }');
    expect((providers.data!.providers as Array<{ provider: string; health: unknown }>)[0]).toEqual({
      provider: 'MICRO1',
      health: { status: 'DEGRADED', lastErrorCode: 'VENDOR_BAD_RESPONSE', consecutiveFailures: 1 },
    });
  });
});
