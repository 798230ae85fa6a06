/**
 * The README's promises, end to end over HTTP: the gateway on the simulators answers the example
 * queries with data from both vendors, follows ids, pages, and answers bad input with typed errors.
 */
import { Provider } from '../support/providers';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import {
  InterviewDetailDocument,
  InterviewIdsDocument,
  type InterviewIdsQuery,
  type InterviewIdsQueryVariables,
  InterviewRawDocument,
  NodeDocument,
  ProvidersDocument,
  ReportDetailDocument,
  ReportForInterviewDocument,
  TemplatesDocument,
  TemplateWithInterviewsDocument,
} from '../generated/graphql';
import { VENDORS } from '../../src/vendors/vendors';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let micro1: Micro1Dataset;
let heymilo: HeymiloDataset;

beforeAll(async () => {
  h = await startHarness();
  micro1 = h.sim<Micro1Dataset>(Provider.MICRO1).dataset;
  heymilo = h.sim<HeymiloDataset>(Provider.HEYMILO).dataset;
});
afterAll(() => h.close());
beforeEach(() => h.resetCalls());

describe('providers', () => {
  it('lists every registered vendor in sandbox mode with capabilities and health', async () => {
    const { data, errors } = await h.gql(ProvidersDocument, {});
    expect(errors).toBeUndefined();
    expect(data!.providers.map((p) => p.provider)).toEqual(VENDORS.map((v) => v.descriptor.provider));
    expect(data!.providers.map((p) => [p.mode, p.health?.status])).toEqual(VENDORS.map(() => ['SANDBOX', 'UP']));
    expect(data!.providers.find((p) => p.provider === 'MICRO1')).toMatchObject({
      name: 'micro1',
      capabilities: { pagination: 'OFFSET', numericScorecard: false, rateLimitPerMinute: null },
    });
    expect(data!.providers.find((p) => p.provider === 'HEYMILO')).toMatchObject({
      name: 'HeyMilo',
      capabilities: { pagination: 'CURSOR', numericScorecard: true, rateLimitPerMinute: 300 },
    });
  });
});

describe('templates', () => {
  it('lists every micro1 interview and HeyMilo posting as InterviewTemplates', async () => {
    const m = await h.gql(TemplatesDocument, { provider: 'MICRO1', first: 100 });
    expect(m.data!.interviewTemplates!.edges.map((e) => e.node!.providerId)).toEqual(micro1.templates.map((t) => t.interview_id));
    expect(m.data!.interviewTemplates!.edges[0].node!.skills.length).toBeGreaterThan(0);
    const hm = await h.gql(TemplatesDocument, { provider: 'HEYMILO', first: 100 });
    expect(hm.data!.interviewTemplates!.edges.map((e) => e.node!.name)).toEqual(heymilo.postings.map((p) => p.posting.title));
  });

  it('follows a template to its interviews', async () => {
    const posting = heymilo.postings.find((p) => p.interviews.length > 3)!;
    const { data, errors } = await h.gql(TemplateWithInterviewsDocument, { id: `heymilo:InterviewTemplate:${posting.posting.id}`, first: 3 });
    expect(errors).toBeUndefined();
    expect(data!.interviewTemplate!.interviews!.edges.map((e) => e.node!.id)).toEqual(
      posting.interviews.slice(0, 3).map((i) => `heymilo:Interview:${i.interviewId}`),
    );
    expect(data!.interviewTemplate!.interviews!.pageInfo.hasNextPage).toBe(true);
  });
});

describe('interviews and reports', () => {
  it('shows a completed micro1 interview with its template, HLS recording and transcript offsets', async () => {
    const report = micro1.reports.find((r) => r.interview_transcript.length > 0)!;
    const id = `micro1:Interview:${report.interview_id}~${report.candidate_id}`;
    const { data, errors } = await h.gql(InterviewDetailDocument, { id });
    expect(errors).toBeUndefined();
    const interview = data!.interview!;
    expect(interview).toMatchObject({ id, provider: 'MICRO1', status: 'COMPLETED', template: { name: report.interview_name } });
    expect(interview.candidate.email).toBe(report.candidate_email_id.trim().toLowerCase());
    expect(interview.recordings![0]).toMatchObject({ kind: 'SCREEN', format: 'HLS', url: expect.stringMatching(/\.m3u8/) });
    expect(interview.transcript![0].offsetMs).toBe(Math.round(report.interview_transcript[0].timestamp * 1000));
    expect(interview.report!.id).toMatch(/^micro1:Report:/);
  });

  it('shows a HeyMilo report with scorecard, transcript and signed recordings, and follows it back to its interview', async () => {
    const record = heymilo.interviews.find((i) => i.ready && i.has.webInterview && i.has.video && i.has.cheatDetection)!;
    const { data, errors } = await h.gql(ReportDetailDocument, { id: `heymilo:Report:${record.interviewId}` });
    expect(errors).toBeUndefined();
    const report = data!.report!;
    expect(report.score).toMatchObject({ scaleMin: 0, scaleMax: 100, scaleKnown: true });
    expect(report.scorecard!.items.filter((i) => i.category === 'QUESTION').map((i) => i.score!.raw)).toEqual(
      record.data.web_interview!.scorecard!.map((q) => q.score),
    );
    expect(report.recordings.map((r) => [r.kind, r.format])).toEqual([
      ['AUDIO', 'MP3'],
      ['VIDEO', 'MP4'],
    ]);
    expect(Date.parse(report.recordings[0].expiresAt!)).toBeGreaterThan(Date.now());
    expect(report.integrity!.score!.value).toBeGreaterThanOrEqual(0);
    expect(report.transcript.length).toBeGreaterThan(0);
    expect(report.interview).toEqual({ id: `heymilo:Interview:${record.interviewId}`, status: 'COMPLETED' });
  });

  it('answers reportForInterview with null, without an error, while the interview is unfinished', async () => {
    const pending = heymilo.interviews.find((i) => i.status === 'pending')!;
    const { data, errors } = await h.gql(ReportForInterviewDocument, { interviewId: `heymilo:Interview:${pending.interviewId}` });
    expect(errors).toBeUndefined();
    expect(data!.reportForInterview).toBeNull();
  });

  it('fetches any entity with node(id)', async () => {
    const report = micro1.reports[0];
    const ids = [
      `micro1:Interview:${report.interview_id}~${report.candidate_id}`,
      `micro1:Report:${report.interview_id}~${report.candidate_id}~${report.report_id}`,
      `heymilo:InterviewTemplate:${heymilo.postings[0].posting.id}`,
    ];
    const results = await Promise.all(ids.map((id) => h.gql(NodeDocument, { id })));
    expect(results.map((r) => [r.data!.node!.__typename, r.data!.node!.id])).toEqual([
      ['Interview', ids[0]],
      ['Report', ids[1]],
      ['InterviewTemplate', ids[2]],
    ]);
  });

  it('returns raw vendor payloads on request: free when fetched in the request, one fresh call per object when cached', async () => {
    // The last one: no other test of this file has touched (and cached) it.
    const record = [...heymilo.interviews].reverse().find((i) => i.ready && i.has.webInterview)!;
    const id = `heymilo:Interview:${record.interviewId}`;
    const first = await h.gql(InterviewRawDocument, { id });
    expect(first.errors).toBeUndefined();
    expect(first.data!.interview!.raw).toMatchObject({ interview_id: record.interviewId, object: 'interview_data' });
    expect(first.data!.interview!.report!.raw).toMatchObject({ interview_id: record.interviewId });
    expect(h.totalCalls()).toBe(1);
    h.resetCalls();
    const second = await h.gql(InterviewRawDocument, { id });
    expect(second.data!.interview!.raw).toMatchObject({ interview_id: record.interviewId });
    expect(second.data!.interview!.report!.raw).toMatchObject({ interview_id: record.interviewId });
    // Both objects now come from the cache, which never holds raw: one fresh fetch per object.
    expect(h.calls().HEYMILO).toEqual({ 'GET /api/v2/interviews/:interview_id/data': 2 });
  });
});

describe('paging', () => {
  async function pageThrough(provider: 'MICRO1' | 'HEYMILO', first: number, status?: 'COMPLETED') {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      const result: Awaited<ReturnType<typeof h.gql<InterviewIdsQuery, InterviewIdsQueryVariables>>> = await h.gql(InterviewIdsDocument, {
        provider,
        first,
        after,
        status: status ?? null,
        templateId: null,
      });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.interviews!;
      ids.push(...connection.edges.map((e) => e.node!.id));
      if (!connection.pageInfo.hasNextPage) return ids;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('did not finish paging');
  }

  it.each([
    ['MICRO1', 37],
    ['HEYMILO', 23],
  ] as const)('%s with first %i returns every interview exactly once', async (provider, first) => {
    const ids = await pageThrough(provider, first);
    const expected =
      provider === 'MICRO1'
        ? micro1.invites.map((i) => `micro1:Interview:${i.interview_id}~${i.candidate_id}`)
        : heymilo.interviews.map((i) => `heymilo:Interview:${i.interviewId}`);
    expect(ids).toEqual(expected);
  });

  it('filters by normalised status across pages', async () => {
    const ids = await pageThrough('HEYMILO', 30, 'COMPLETED');
    const completedWords = ['completed', 'shortlisted', 'dismissed', 'knocked_out'];
    expect(ids).toEqual(heymilo.interviews.filter((i) => completedWords.includes(i.status)).map((i) => `heymilo:Interview:${i.interviewId}`));
  });
});

describe('bad input gets a typed error', () => {
  it.each([
    ['a malformed id', 'not-an-id', 'BAD_USER_INPUT', /Malformed id/],
    ['an unknown provider', 'acme:Interview:1', 'BAD_USER_INPUT', /Unknown provider/],
    ['an id of another type', 'heymilo:Report:int_x', 'BAD_USER_INPUT', /is a Report, not a Interview/],
  ])('interview(id) with %s (%s): null and %s', async (_what, id, code, message) => {
    const { data, errors } = await h.gql(InterviewDetailDocument, { id });
    expect(data).toEqual({ interview: null });
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['interview'], extensions: { code } });
    expect(errors![0].message).toMatch(message);
    expect(h.totalCalls()).toBe(0);
  });

  it('interview(id) with an id the vendor does not know: null and NOT_FOUND with the provider', async () => {
    const { data, errors } = await h.gql(InterviewDetailDocument, { id: 'heymilo:Interview:int_doesnotexist' });
    expect(data).toEqual({ interview: null });
    expect(errors).toEqual([expect.objectContaining({ path: ['interview'], extensions: { code: 'NOT_FOUND', provider: 'HEYMILO' } })]);
  });

  it('node(id) with an unknown id: null without an error (Relay)', async () => {
    const { data, errors } = await h.gql(NodeDocument, { id: 'micro1:Report:nope~nope~nope' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ node: null });
  });

  it.each([0, 101, -5])('first: %i is BAD_USER_INPUT naming the argument', async (first) => {
    const { data, errors } = await h.gql(InterviewIdsDocument, { provider: 'MICRO1', first, after: null, status: null, templateId: null });
    expect(data).toEqual({ interviews: null });
    expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    expect(h.totalCalls()).toBe(0);
  });

  it('a cursor from another list or a forged cursor is BAD_USER_INPUT', async () => {
    const page = await h.gql(InterviewIdsDocument, { provider: 'HEYMILO', first: 2, after: null, status: null, templateId: null });
    const heymiloCursor = page.data!.interviews!.pageInfo.endCursor;
    for (const after of [heymiloCursor, 'garbage!', Buffer.from('["interviews","MICRO1",7]').toString('base64url')]) {
      const { errors } = await h.gql(InterviewIdsDocument, { provider: 'MICRO1', first: 2, after, status: null, templateId: null });
      expect(errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors![0].message).toMatch(/Invalid cursor/);
    }
  });

  it('a templateId of another provider is BAD_USER_INPUT', async () => {
    const { errors } = await h.gql(InterviewIdsDocument, {
      provider: 'MICRO1',
      first: 2,
      after: null,
      status: null,
      templateId: `heymilo:InterviewTemplate:${heymilo.postings[0].posting.id}`,
    });
    expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'templateId' } });
  });
});
