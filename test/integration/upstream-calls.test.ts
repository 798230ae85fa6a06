/**
 * The loaders' promise, counted at the simulators: a query for 50 interviews with candidate +
 * report + scorecard makes exactly the minimum vendor calls cold (src/sandbox/minimum-calls.ts),
 * and none warm.
 */
import { Provider } from '../support/providers';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import { heymiloListMinimum, micro1ListMinimum } from '../../src/sandbox/minimum-calls';
import { InterviewsWithReportsDocument } from '../generated/graphql';
import { startHarness, type Harness } from '../support/harness';

const FIRST = 50;

describe('upstream calls for 50 interviews × candidate + report + scorecard', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const micro1Minimum = (data: Micro1Dataset) => micro1ListMinimum(data, FIRST);

  it('micro1 cold: one invites call + one reports call per template on the page; warm: none', async () => {
    const sim = h.sim<Micro1Dataset>(Provider.MICRO1) as ReturnType<Harness['sim']> & { dataset: Micro1Dataset; requests(): string[] };
    const expected = micro1Minimum(sim.dataset);
    expect(expected.templates).toBeGreaterThan(1);

    const cold = await h.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: FIRST });
    expect(cold.errors).toBeUndefined();
    const edges = cold.data!.interviews!.edges;
    expect(edges).toHaveLength(FIRST);
    expect(h.calls().MICRO1).toEqual({ 'GET /interview/invites': expected.invites, 'GET /interview/reports': expected.reports });
    expect(h.totalCalls()).toBe(expected.invites + expected.reports); // no other vendor called
    expect(sim.requests()[0]).toBe('GET /interview/invites?page=1&limit=50');

    // The data is the simulator's: same sessions in the same order, reports where the vendor has them.
    const withReport = new Set(sim.dataset.reports.map((r) => `${r.interview_id}~${r.candidate_id}`));
    expect(edges.map((e) => e.node!.providerId)).toEqual(sim.dataset.invites.slice(0, FIRST).map((i) => `${i.interview_id}~${i.candidate_id}`));
    expect(edges.map((e) => e.node!.report !== null)).toEqual(edges.map((e) => withReport.has(e.node!.providerId)));
    expect(edges.filter((e) => e.node!.report).every((e) => e.node!.status === 'COMPLETED' && e.node!.report!.scorecard!.items.length > 0)).toBe(true);
    expect(edges.filter((e) => !e.node!.report).every((e) => e.node!.status === 'INVITED')).toBe(true);

    h.resetCalls();
    const warm = await h.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: FIRST });
    expect(h.totalCalls()).toBe(0);
    expect(warm.data).toEqual(cold.data);
  });

  const heymiloMinimum = (data: HeymiloDataset) => heymiloListMinimum(data, FIRST);

  it('HeyMilo cold: postings + candidates pages + one /data per finished interview; warm: none', async () => {
    const sim = h.sim<HeymiloDataset>(Provider.HEYMILO);
    const expected = heymiloMinimum(sim.dataset);
    expect(expected.data).toBeGreaterThan(0);
    expect(expected.data).toBeLessThan(FIRST);

    const cold = await h.gql(InterviewsWithReportsDocument, { provider: 'HEYMILO', first: FIRST });
    expect(cold.errors).toBeUndefined();
    const edges = cold.data!.interviews!.edges;
    expect(edges).toHaveLength(FIRST);
    expect(h.calls().HEYMILO).toEqual({
      'GET /api/v2/postings': expected.postings,
      'GET /api/v2/postings/:posting_id/candidates': expected.candidatePages,
      'GET /api/v2/interviews/:interview_id/data': expected.data,
    });
    expect(h.totalCalls()).toBe(expected.postings + expected.candidatePages + expected.data); // no other vendor called
    const finished = new Set(sim.dataset.interviews.filter((i) => i.ready && i.has.webInterview).map((i) => i.interviewId));
    for (const edge of edges) {
      if (finished.has(edge.node!.providerId)) expect(edge.node!.report?.scorecard?.items.length).toBeGreaterThan(0);
    }

    h.resetCalls();
    const warm = await h.gql(InterviewsWithReportsDocument, { provider: 'HEYMILO', first: FIRST });
    expect(h.totalCalls()).toBe(0);
    expect(warm.data).toEqual(cold.data);
  });

  it('concurrent identical cold queries make the calls of one (single-flight across requests)', async () => {
    const expected = micro1Minimum(h.sim<Micro1Dataset>(Provider.MICRO1).dataset);
    const results = await Promise.all([1, 2, 3, 4].map(() => h.gql(InterviewsWithReportsDocument, { provider: 'MICRO1', first: FIRST })));
    expect(results.every((r) => r.errors === undefined && r.data!.interviews!.edges.length === FIRST)).toBe(true);
    expect(h.calls().MICRO1).toEqual({ 'GET /interview/invites': expected.invites, 'GET /interview/reports': expected.reports });
  });
});
