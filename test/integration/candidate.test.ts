/**
 * The cross-vendor Candidate on the simulators: after an identity sync, one person's interviews
 * at every vendor, merged newest first, paged without gaps or repeats, with exact vendor calls
 * cold and none warm; a vendor outage nulls only that vendor's interviews.
 */
import { normaliseEmail } from '../../src/domain/email';
import { Provider } from '../support/providers';
import { createPeople, SHARED_PEOPLE_COUNT } from '../../src/vendors/kit/sandbox/data/people';
import { VENDORS } from '../../src/vendors/vendors';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import { CandidateReportsDocument, CandidatesDocument, type CandidatesQuery, CandidateViewDocument, type CandidateViewQuery } from '../generated/graphql';
import { startHarness, type Harness } from '../support/harness';

const people = createPeople();

let h: Harness;
/** Every interview of every vendor, read through the gateway's own lists (the ground truth). */
let everything: Array<{ id: string; provider: string; email: string | null; at: string; locator: string }>;

beforeAll(async () => {
  h = await startHarness();
  const outcomes = await h.app.tenant().identitySync.runAll();
  expect(outcomes).toEqual(Object.fromEntries(VENDORS.map((v) => [v.descriptor.provider, 'completed'])));
  everything = [];
  for (const vendor of VENDORS) {
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await h.query(
        `query($p: Provider!, $after: String) { interviews(provider: $p, first: 100, after: $after) {
           edges { node { id invitedAt startedAt completedAt updatedAt candidate { email } } } pageInfo { hasNextPage endCursor } } }`,
        { p: vendor.descriptor.provider, after },
      );
      expect(page.errors).toBeUndefined();
      const connection = page.data!.interviews as {
        edges: Array<{
          node: {
            id: string;
            invitedAt: string | null;
            startedAt: string | null;
            completedAt: string | null;
            updatedAt: string | null;
            candidate: { email: string | null };
          };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      for (const { node } of connection.edges) {
        everything.push({
          id: node.id,
          provider: vendor.descriptor.provider,
          email: node.candidate.email,
          at: node.invitedAt ?? node.startedAt ?? node.completedAt ?? node.updatedAt ?? '',
          locator: node.id.slice(node.id.indexOf(':Interview:') + ':Interview:'.length),
        });
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  }
}, 60_000);
afterAll(() => h.close());
beforeEach(() => h.resetCalls());

/** A person's interviews at every vendor, newest first (ties: by locator). */
function expectedInterviews(email: string): string[] {
  return everything
    .filter((i) => i.email === email)
    .sort((a, b) => (a.at !== b.at ? (a.at > b.at ? -1 : 1) : a.locator < b.locator ? -1 : 1))
    .map((i) => i.id);
}

describe('candidate(email)', () => {
  const shared = people[1]; // at every vendor, under a varied spelling of the email

  it('finds the person under any spelling, with an account per vendor and every interview, newest first', async () => {
    const { data, errors } = await h.gql(CandidateViewDocument, { email: `  ${shared.email.toUpperCase()} `, first: 50 });
    expect(errors).toBeUndefined();
    const candidate = data!.candidate!;
    expect(candidate.email).toBe(shared.email);
    // The shared people were interviewed at every vendor.
    expect(candidate.accounts.map((a) => a.provider)).toEqual(VENDORS.map((v) => v.descriptor.provider));
    const ids = candidate.interviews!.edges.map((e) => e.node!.id);
    expect(ids).toEqual(expectedInterviews(shared.email));
    expect(new Set(candidate.interviews!.edges.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));
    expect(candidate.interviews!.pageInfo.hasNextPage).toBe(false);
  });

  it.each([1, 2, 3])('pages with first %i: every interview exactly once, in the same order', async (first) => {
    const expected = expectedInterviews(shared.email);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const result: { data: CandidateViewQuery | null } = await h.gql(CandidateViewDocument, { email: shared.email, first, after });
      const connection = result.data!.candidate!.interviews!;
      seen.push(...connection.edges.map((e) => e.node!.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('filters by provider and status', async () => {
    const { data } = await h.gql(CandidateViewDocument, { email: shared.email, first: 50, provider: 'HEYMILO' });
    expect(data!.candidate!.interviews!.edges.every((e) => e.provider === 'HEYMILO')).toBe(true);
    const completed = await h.gql(CandidateViewDocument, { email: shared.email, first: 50, status: 'COMPLETED' });
    expect(completed.data!.candidate!.interviews!.edges.every((e) => e.node!.status === 'COMPLETED')).toBe(true);
  });

  it('costs no vendor call after the sync (it cached every interview and report it indexed), and none again', async () => {
    const fresh = await startHarness();
    try {
      await fresh.app.tenant().identitySync.runAll();
      fresh.resetCalls();
      const email = people[2].email;
      const first = await fresh.gql(CandidateViewDocument, { email, first: 50 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.candidate!.interviews!.edges.length).toBeGreaterThan(1);
      expect(fresh.totalCalls()).toBe(0);
      const again = await fresh.gql(CandidateViewDocument, { email, first: 50 });
      expect(fresh.totalCalls()).toBe(0);
      expect(again.data).toEqual(first.data);
    } finally {
      await fresh.close();
    }
  });

  it('lists reports newest first and the latest report', async () => {
    const { data, errors } = await h.gql(CandidateReportsDocument, { email: shared.email });
    expect(errors).toBeUndefined();
    const reports = data!.candidate!.reports;
    expect(reports.length).toBeGreaterThan(0);
    const dates = reports.map((r) => r!.completedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    const view = await h.gql(CandidateViewDocument, { email: shared.email, first: 1 });
    expect(view.data!.candidate!.latestReport!.id).toBe(reports[0]!.id);
  });

  it('answers null for an email nobody interviewed, BAD_USER_INPUT for something that is not an email', async () => {
    expect((await h.gql(CandidateViewDocument, { email: 'nobody@example.com', first: 5 })).data).toEqual({ candidate: null });
    const bad = await h.gql(CandidateViewDocument, { email: '   ', first: 5 });
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'email' } });
  });

  it("a vendor outage nulls only that vendor's interviews, which keep their place, with errors naming it", async () => {
    const fresh = await startHarness();
    try {
      await fresh.app.tenant().identitySync.runAll();
      // A new instance would read HeyMilo's interviews through /data: take HeyMilo down for it.
      const other = await startHarness();
      try {
        const refs = await fresh.app.tenant().identity.store.refsFor([shared.email]);
        await other.app.tenant().identity.store.add(refs[0].map((ref) => ({ emailKey: shared.email, ref })));
        other.setKnobs(Provider.HEYMILO, { outage: true });
        const result = await other.gql(CandidateViewDocument, { email: shared.email, first: 50 });
        const edges = result.data!.candidate!.interviews!.edges;
        expect(edges.map((e) => e.provider)).toEqual(expectedInterviews(shared.email).map((id) => id.split(':')[0].toUpperCase()));
        expect(edges.filter((e) => e.provider === 'MICRO1').every((e) => e.node !== null)).toBe(true);
        expect(edges.filter((e) => e.provider === 'HEYMILO').every((e) => e.node === null)).toBe(true);
        const heymiloCount = edges.filter((e) => e.provider === 'HEYMILO').length;
        expect(result.errors?.filter((e) => e.extensions?.code === 'VENDOR_UNAVAILABLE' && e.extensions?.provider === 'HEYMILO').length).toBeGreaterThanOrEqual(
          heymiloCount,
        );
      } finally {
        await other.close();
      }
    } finally {
      await fresh.close();
    }
  });
});

describe('the index learns from reads', () => {
  it('an interview read through the graph makes its candidate findable, before any sync', async () => {
    const fresh = await startHarness();
    try {
      const record = fresh.sim<HeymiloDataset>(Provider.HEYMILO).dataset.interviews[7];
      const email = normaliseEmail(record.candidate.email)!;
      expect((await fresh.gql(CandidateViewDocument, { email, first: 5 })).data).toEqual({ candidate: null });
      await fresh.query('query($id: ID!) { interview(id: $id) { id } }', { id: `heymilo:Interview:${record.interviewId}` });
      const found = await fresh.gql(CandidateViewDocument, { email, first: 5 });
      expect(found.data!.candidate!.interviews!.edges.map((e) => e.node!.id)).toContain(`heymilo:Interview:${record.interviewId}`);
    } finally {
      await fresh.close();
    }
  });
});

describe('candidates(search)', () => {
  it('pages every indexed person once, in email order, and finds by name', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      const page: { data: CandidatesQuery | null } = await h.gql(CandidatesDocument, { first: 100, after });
      seen.push(...page.data!.candidates!.edges.map((e) => e.node.email!));
      if (!page.data!.candidates!.pageInfo.hasNextPage) break;
      after = page.data!.candidates!.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < SHARED_PEOPLE_COUNT; i += 1) expect(seen).toContain(people[i].email);
    expect(seen.length).toBeGreaterThan(400);

    const byName = await h.gql(CandidatesDocument, { search: people[3].email.split('@')[0], first: 10 });
    expect(byName.data!.candidates!.edges.map((e) => e.node.email)).toContain(people[3].email);
  });
});
