/**
 * The loaders' promise, counted at the simulators: a query for 50 interviews with candidate +
 * report + scorecard, and one person across the four vendors (the bench's Q3), make exactly the
 * minimum vendor calls cold (src/sandbox/minimum-calls.ts), and none warm.
 */
import { Provider } from '../support/providers';
import type { EvalyoDataset } from '../../src/vendors/evalyo/sandbox/evalyo.data';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import { candidateMinimum, heymiloListMinimum, micro1ListMinimum } from '../../src/sandbox/minimum-calls';
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

const EVALYO_DETAIL = 'GET /api/v1/interviews/:id';
const EVALYO_PROFILE = 'GET /api/v1/candidates/:id';

/** The bench's Q3 (bench/run.ts), and the same with each interview's candidate selected. */
const Q3_EMAIL = 'omar.petrov.8@example.com';
const Q3 = `{ candidate(email: "${Q3_EMAIL}") { email interviews(first: 10) { edges { provider node { id status report { score { value } } } } } } }`;
const Q3_WITH_CANDIDATES = `{ candidate(email: "${Q3_EMAIL}") { email interviews(first: 10) { edges { provider node { id status candidate { email name accounts { provider providerId name email } } report { score { value } } } } } } }`;

describe('upstream calls for one candidate across the four vendors (Q3)', () => {
  let synced: Harness;
  let cold: Harness;
  beforeEach(async () => {
    // A gateway whose sync indexed every vendor, and one on the same simulators that has read
    // nothing: no cached object, no adapter state (Evalyo's discovery keeps profiles). It gets the
    // person's index entries only, as its own sync would have left them.
    synced = await startHarness();
    await synced.app.tenant().identitySync.runAll();
    cold = await startHarness({ sandbox: synced.sandbox });
    const [refs] = await synced.app.tenant().identity.refsFor([Q3_EMAIL]);
    for (const provider of new Set(refs.map((r) => r.provider))) {
      await cold.app.tenant().identity.record(
        provider,
        refs.filter((r) => r.provider === provider),
      );
    }
    cold.resetCalls();
  });
  afterEach(async () => {
    await cold.close();
    await synced.close();
  });

  const expectations = async () => {
    const [refs] = await cold.app.tenant().identity.refsFor([Q3_EMAIL]);
    expect(new Set(refs.map((r) => r.provider))).toEqual(new Set(Object.values(Provider)));
    expect(refs.length).toBeLessThanOrEqual(10);
    const evalyo = refs.filter((r) => r.provider === Provider.EVALYO);
    return { refs, evalyo, minimum: candidateMinimum(refs, cold.sim<Micro1Dataset>(Provider.MICRO1).dataset) };
  };

  it('cold, every cache empty: exactly the minimum (one call per interview, no Evalyo profile); warm: none; same answer as a synced gateway', async () => {
    const { refs, evalyo, minimum } = await expectations();
    const first = await cold.query(Q3);
    expect(first.errors).toBeUndefined();
    expect(cold.totalCalls()).toBe(minimum);
    expect(cold.calls().EVALYO).toEqual({ [EVALYO_DETAIL]: evalyo.length });
    const edges = (first.data as { candidate: { interviews: { edges: Array<{ provider: string; node: { id: string } }> } } }).candidate.interviews.edges;
    expect(edges).toHaveLength(refs.length);

    cold.resetCalls();
    const again = await cold.query(Q3);
    expect(cold.totalCalls()).toBe(0);
    expect(again.data).toEqual(first.data);
    expect((await synced.query(Q3)).data).toEqual(first.data);
  });

  it("cold, with each interview's candidate: still the minimum (the index has Evalyo's name and email), the vendor's values", async () => {
    const { evalyo, minimum } = await expectations();
    const answer = await cold.query(Q3_WITH_CANDIDATES);
    expect(answer.errors).toBeUndefined();
    expect(cold.totalCalls()).toBe(minimum);
    expect(cold.calls().EVALYO).toEqual({ [EVALYO_DETAIL]: evalyo.length });

    const dataset = cold.sim<EvalyoDataset>(Provider.EVALYO).dataset;
    type Account = { provider: string; providerId: string; name: string | null; email: string | null };
    const edges = (
      answer.data as {
        candidate: { interviews: { edges: Array<{ provider: string; node: { candidate: { email: string; name: string; accounts: Account[] } } }> } };
      }
    ).candidate.interviews.edges;
    const evalyoEdges = edges.filter((e) => e.provider === Provider.EVALYO);
    expect(evalyoEdges).toHaveLength(evalyo.length);
    for (const { node } of evalyoEdges) {
      const account = node.candidate.accounts.find((a) => a.provider === Provider.EVALYO)!;
      const profile = dataset.candidate(account.providerId)!.candidate;
      expect(account).toEqual({ provider: Provider.EVALYO, providerId: profile.id, name: `${profile.firstName} ${profile.lastName}`, email: profile.email });
      expect(node.candidate.email).toBe(Q3_EMAIL);
    }
    // What a synced gateway answers, where the sync read Evalyo's profiles itself.
    expect((await synced.query(Q3_WITH_CANDIDATES)).data).toEqual(answer.data);
  });
});

describe("an Evalyo interview's candidate: read only when a field needs it", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const page = (fields: string) => `{ interviews(provider: EVALYO, first: 100) { edges { node { providerId ${fields} } } } }`;
  type Node = { providerId: string; candidate?: { email: string | null; name: string | null; accounts: unknown[] } };
  const nodesOf = (data: unknown) => (data as { interviews: { edges: Array<{ node: Node }> } }).interviews.edges.map((e) => e.node);

  it('not selected: the list call alone', async () => {
    const answer = await h.query(page('status'));
    expect(answer.errors).toBeUndefined();
    expect(h.calls().EVALYO).toEqual({ 'GET /api/v1/interviews': 1 });
    expect(h.totalCalls()).toBe(1);
  });

  it("selected: the vendor's name and email, one profile call per distinct candidate, all in one batch; warm: none", async () => {
    const dataset = h.sim<EvalyoDataset>(Provider.EVALYO).dataset;
    const rows = dataset.interviews.slice(0, 100).map((r) => r.detail);
    const distinct = [...new Set(rows.map((d) => d.candidateId))];
    expect(distinct.length).toBeLessThan(rows.length); // some people have several interviews on the page
    const adapter = h.app.tenant().registry.get(Provider.EVALYO);
    const lookups = jest.spyOn(adapter, 'getCandidates' as never) as unknown as jest.SpyInstance;

    const cold = await h.query(page('candidate { email name accounts { provider providerId name email } }'));
    expect(cold.errors).toBeUndefined();
    expect(h.calls().EVALYO).toEqual({ 'GET /api/v1/interviews': 1, [EVALYO_PROFILE]: distinct.length });
    expect(h.totalCalls()).toBe(1 + distinct.length);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0][0]).toEqual(distinct);

    const nodes = nodesOf(cold.data);
    expect(nodes.map((n) => n.providerId)).toEqual(rows.map((d) => d.id));
    nodes.forEach((node, i) => {
      const profile = dataset.candidate(rows[i].candidateId)?.candidate;
      const name = profile ? `${profile.firstName} ${profile.lastName}` : null;
      expect(node.candidate).toEqual({
        email: profile ? profile.email.trim().toLowerCase() : null,
        name,
        accounts: [{ provider: Provider.EVALYO, providerId: rows[i].candidateId, name, email: profile?.email ?? null }],
      });
    });

    h.resetCalls();
    const warm = await h.query(page('candidate { email name accounts { provider providerId name email } }'));
    expect(h.totalCalls()).toBe(0);
    expect(warm.data).toEqual(cold.data);
  });

  it('one interview by id: its detail, then its profile only when the candidate is selected', async () => {
    const detail = h.sim<EvalyoDataset>(Provider.EVALYO).dataset.interviews[0].detail;
    const listed = nodesOf((await h.query(page('id'))).data) as Array<Node & { id: string }>;
    const id = listed.find((n) => n.providerId === detail.id)!.id;
    const restart = await startHarness({ sandbox: h.sandbox });
    try {
      h.resetCalls();
      await restart.query(`{ interview(id: "${id}") { status } }`);
      expect(h.calls().EVALYO).toEqual({ [EVALYO_DETAIL]: 1 });
      h.resetCalls();
      const answer = await restart.query(`{ interview(id: "${id}") { status candidate { email name } } }`);
      expect(answer.errors).toBeUndefined();
      expect(h.calls().EVALYO).toEqual({ [EVALYO_PROFILE]: 1 });
      const profile = h.sim<EvalyoDataset>(Provider.EVALYO).dataset.candidate(detail.candidateId)!.candidate;
      expect((answer.data as { interview: { candidate: unknown } }).interview.candidate).toEqual({
        email: profile.email.trim().toLowerCase(),
        name: `${profile.firstName} ${profile.lastName}`,
      });
    } finally {
      await restart.close();
    }
  });
});
