/**
 * Stale-if-error through the whole app: a cached copy past its TTL is refetched while the vendor
 * answers, served (and named in `extensions.stale`) while the vendor is down, and never served
 * for a vendor that answers "no" or when the window is off.
 */
import { Provider } from '../support/providers';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import type { Micro1Simulator } from '../../src/vendors/micro1/sandbox/micro1.simulator';
import { startHarness, type Harness } from '../support/harness';

/** Everything fresh for one second, then only a stale copy. */
const SHORT_TTLS = {
  CACHE_TTL_ACTIVE_SECONDS: '1',
  CACHE_TTL_COMPLETED_SECONDS: '1',
  CACHE_TTL_LIST_SECONDS: '1',
  CACHE_TTL_TEMPLATE_SECONDS: '1',
  VENDOR_RETRIES: '0',
};
const expire = () => new Promise((resolve) => setTimeout(resolve, 1_150));

describe('stale-if-error', () => {
  let h: Harness;
  afterEach(() => h?.close());

  function firstSession(harness: Harness): string {
    const data = harness.sim<Micro1Dataset>(Provider.MICRO1).dataset;
    const invite = data.invites.find((i) => data.reports.some((r) => r.interview_id === i.interview_id && r.candidate_id === i.candidate_id))!;
    return `micro1:Interview:${invite.interview_id}~${invite.candidate_id}`;
  }
  const ONE = 'query ($id: ID!) { interview(id: $id) { id status candidate { email } report { id score { value } } } }';

  it('serves the expired copy while the vendor is down, names it in extensions.stale, and refetches once it is back', async () => {
    h = await startHarness({ env: SHORT_TTLS });
    const id = firstSession(h);
    const warm = await h.query(ONE, { id });
    expect(warm.errors).toBeUndefined();
    await expire();

    h.setKnobs(Provider.MICRO1, { outage: true });
    h.resetCalls();
    const down = await h.query(ONE, { id });
    expect(down.errors).toBeUndefined();
    expect(down.data).toEqual(warm.data);
    const stale = (JSON.parse(down.body) as { extensions?: { stale?: Array<Record<string, unknown>> } }).extensions?.stale ?? [];
    expect(stale).toContainEqual({ provider: 'MICRO1', type: 'Interview', id, code: 'VENDOR_UNAVAILABLE', staleSince: expect.any(String) });
    expect(stale.every((s) => s.provider === 'MICRO1' && s.code === 'VENDOR_UNAVAILABLE')).toBe(true);
    expect(h.totalCalls()).toBeGreaterThan(0); // it did ask the vendor first

    h.setKnobs(Provider.MICRO1, { outage: false });
    h.resetCalls();
    const back = await h.query(ONE, { id });
    expect(back.errors).toBeUndefined();
    expect(JSON.parse(back.body).extensions?.stale).toBeUndefined();
    expect(h.totalCalls()).toBeGreaterThan(0); // refetched, not the stale copy
  });

  it('a list page too: the stale page, marked InterviewList', async () => {
    h = await startHarness({ env: SHORT_TTLS });
    const LIST = '{ interviews(provider: MICRO1, first: 3) { edges { node { id } } } }';
    const warm = await h.query(LIST);
    await expire();
    h.setKnobs(Provider.MICRO1, { outage: true });
    const down = await h.query(LIST);
    expect(down.errors).toBeUndefined();
    expect(down.data).toEqual(warm.data);
    expect(JSON.parse(down.body).extensions.stale).toContainEqual(
      expect.objectContaining({ provider: 'MICRO1', type: 'InterviewList', code: 'VENDOR_UNAVAILABLE' }),
    );
  });

  it('is off with CACHE_STALE_IF_ERROR_SECONDS=0: past its TTL, a vendor outage is an error again', async () => {
    h = await startHarness({ env: { ...SHORT_TTLS, CACHE_STALE_IF_ERROR_SECONDS: '0' } });
    const id = firstSession(h);
    await h.query(ONE, { id });
    await expire();
    h.setKnobs(Provider.MICRO1, { outage: true });
    const down = await h.query(ONE, { id });
    expect(down.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', provider: 'MICRO1' });
    expect(JSON.parse(down.body).extensions?.stale).toBeUndefined();
  });

  it('is not used when the vendor answers, only unreadably: VENDOR_BAD_RESPONSE, not an old copy', async () => {
    h = await startHarness({ env: SHORT_TTLS });
    const LIST = '{ interviews(provider: MICRO1, first: 2) { edges { node { id } } } }';
    await h.query(LIST);
    await expire();
    const sim = h.sim(Provider.MICRO1) as unknown as Micro1Simulator;
    sim.envelopeFailure(true); // HTTP 200 {status:false}: micro1 is up and says something is wrong
    try {
      const answered = await h.query(LIST);
      expect(answered.errors?.[0].extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', provider: 'MICRO1' });
      expect(JSON.parse(answered.body).extensions?.stale).toBeUndefined();
    } finally {
      sim.envelopeFailure(false);
    }
  });
});
