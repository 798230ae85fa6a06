/**
 * The HeyMilo adapter against the HeyMilo simulator on port 0: exact upstream calls (counted at
 * the simulator), paging, nulls, typed errors. Also pins the simulator's own vendor behaviour
 * (envelopes, validation, error bodies) since the adapter's correctness is only as good as it.
 */
import { InterviewStatus, RecordingFormat, RecordingKind, type Interview, type Report } from '../../src/domain/model';
import { ErrorCode } from '../../src/errors/error-code';
import { GatewayError } from '../../src/errors/gateway.error';
import { SHARED_PEOPLE_COUNT } from '../../src/vendors/kit/sandbox/data/people';
import { createSimulator, type HeymiloSimulator } from '../../src/vendors/heymilo/sandbox/heymilo.simulator';
import { createHeymiloDataset, HEYMILO_STATUS_WORDS, type HeymiloDataset, type HeymiloInterviewRecord } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import { createHeymiloAdapter, type HeymiloAdapter } from '../../src/vendors/heymilo/heymilo.adapter';
import { mapHeymiloStatus } from '../../src/vendors/heymilo/heymilo.normalize';
import type { VendorAdapter } from '../../src/vendors/vendor-adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { allInterviewPages, codeOf, rejection } from '../support/contract-helpers';

const API_KEY = 'hm_live_contract_test_key';
/** Size of the first posting (same default seed as the simulator), so one paging case ends a page exactly at a posting's end. */
const FIRST_POSTING_SIZE = createHeymiloDataset().postings[0].interviews.length;
const POSTINGS = 'GET /api/v2/postings';
const POSTING = 'GET /api/v2/postings/:posting_id';
const CANDIDATES = 'GET /api/v2/postings/:posting_id/candidates';
const DATA = 'GET /api/v2/interviews/:interview_id/data';

let sim: HeymiloSimulator;
let adapter: HeymiloAdapter;
let dataset: HeymiloDataset;
const { newAdapter } = describeVendorContract({
  // A 429 test leaves its adapter paused for the Retry-After it was given (as every replica would be).
  freshAdapterPerTest: true,
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: createHeymiloAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    dataset = sim.dataset;
  },
  reset: (s) => {
    s.driftData(false);
  },
});

const byStatus = (word: string) => dataset.interviews.filter((i) => i.status === word);
const ids = (records: readonly HeymiloInterviewRecord[]) => records.map((r) => r.interviewId);
const normalizedStatus = (record: HeymiloInterviewRecord) =>
  mapHeymiloStatus(record.candidate.status, { shortlisted: record.candidate.shortlisted, dismissed: record.candidate.dismissed }).status;

/** Every page of listInterviews (this file's adapter unless another is given). */
const allPages = (args: Parameters<typeof allInterviewPages>[1], target: VendorAdapter = adapter) => allInterviewPages(target, args);

describe('the simulator data set', () => {
  it('has postings of every status, ≥200 distinct candidates, every status word, all shared people', () => {
    expect(dataset.postings.map((p) => p.posting.status).sort()).toEqual(['active', 'active', 'archived', 'draft', 'expired']);
    for (const word of HEYMILO_STATUS_WORDS) expect(byStatus(word).length).toBeGreaterThan(0);
    const people = new Set(dataset.interviews.map((i) => i.personIndex));
    expect(people.size).toBeGreaterThanOrEqual(200);
    for (let p = 0; p < SHARED_PEOPLE_COUNT; p += 1) expect(people.has(p)).toBe(true);
    expect(new Set(ids(dataset.interviews)).size).toBe(dataset.interviews.length);
    // The same person keeps one candidate_id across postings.
    const byPerson = new Map<number, Set<string>>();
    for (const i of dataset.interviews) byPerson.set(i.personIndex, (byPerson.get(i.personIndex) ?? new Set()).add(i.candidateId));
    expect([...byPerson.values()].every((set) => set.size === 1)).toBe(true);
  });

  it('is deterministic', async () => {
    const other = await createSimulator({ apiKey: 'k' });
    try {
      expect(ids(other.dataset.interviews)).toEqual(ids(dataset.interviews));
      expect(other.dataset.interviews[5].data).toEqual(dataset.interviews[5].data);
    } finally {
      await other.close();
    }
  });
});

describe('getInterviews', () => {
  it('makes exactly one /data call per distinct id and answers in order', async () => {
    const picks = [
      ...byStatus('completed').slice(0, 3),
      ...byStatus('shortlisted').slice(0, 2),
      ...byStatus('knocked_out').slice(0, 2),
      ...byStatus('pending').slice(0, 1),
      ...byStatus('in_progress').slice(0, 1),
      ...byStatus('evaluating').slice(0, 1),
    ];
    expect(picks).toHaveLength(10);
    const result = await adapter.getInterviews(ids(picks));
    expect(sim.calls()).toEqual({ [DATA]: 10 });
    expect(result.results.map((r) => (r as Interview).locator)).toEqual(ids(picks));
    expect(result.results.map((r) => (r as Interview).status)).toEqual([
      ...Array(5).fill(InterviewStatus.COMPLETED),
      InterviewStatus.COMPLETED,
      InterviewStatus.COMPLETED,
      // /data says only `not_ready` for unfinished interviews.
      InterviewStatus.UNKNOWN,
      InterviewStatus.UNKNOWN,
      InterviewStatus.UNKNOWN,
    ]);
    const first = result.results[0] as Interview;
    expect(first.candidate).toEqual({ provider: 'HEYMILO', providerId: picks[0].candidateId, name: picks[0].data.name, email: picks[0].data.email });
    expect(first.templateLocator).toBe(picks[0].postingId);
    expect(first.raw).toMatchObject({ interview_id: picks[0].interviewId, object: 'interview_data' });
    // The same payloads answer the reports: a query for interview + report costs one call.
    const reports = result.related?.reports ?? [];
    expect(reports.map((r) => r.interviewLocator)).toEqual(ids(picks));
    expect(reports.map((r) => r.report !== null)).toEqual([true, true, true, true, true, true, true, false, false, false]);
  });

  it('dedupes, answers null for unknown and garbage ids, and never sends garbage upstream', async () => {
    const known = dataset.interviews[0].interviewId;
    const result = await adapter.getInterviews([known, 'int_doesnotexist00', 'a/b', '..', '', '%2e%2e', known, 'x'.repeat(300)]);
    expect(sim.calls()).toEqual({ [DATA]: 2 });
    expect(result.results.map((r) => (r as Interview | null)?.locator ?? null)).toEqual([known, null, null, null, null, null, known, null]);
  });
});

describe('reports', () => {
  const completed = () => dataset.interviews.filter((i) => i.status === 'completed' && i.has.webInterview && i.has.video && i.has.cheatDetection)[0];

  it('getReportsForInterviews: one /data call each; report or null; no related interviews (the list row is richer)', async () => {
    const done = completed();
    const pending = byStatus('pending')[0];
    const evaluating = byStatus('evaluating')[0];
    const result = await adapter.getReportsForInterviews([done.interviewId, pending.interviewId, evaluating.interviewId, 'int_nope']);
    expect(sim.calls()).toEqual({ [DATA]: 4 });
    const [report, notReady, notReadyEither, unknown] = result.results;
    expect(notReady).toBeNull();
    expect(notReadyEither).toBeNull();
    expect(unknown).toBeNull();
    const r = report as Report;
    expect(r).toMatchObject({ locator: done.interviewId, interviewLocator: done.interviewId, recommendation: 'NO_DECISION' });
    const web = done.data.web_interview!;
    expect(r.scorecard!.overall!.raw).toBe(web.match_score);
    expect(r.scorecard!.items.filter((i) => i.category === 'QUESTION').map((i) => i.score!.raw)).toEqual(web.scorecard!.map((q) => q.score));
    expect(r.transcript.length).toBe(web.transcript!.length + (done.data.sms?.transcript?.length ?? 0));
    expect(r.integrity!.score!.raw).toBe(done.data.cheat_detection!.overall_ranking);
    // /data lacks invite URL and dates: its Interview must not overwrite the list row in the cache.
    expect(result.related?.interviews).toBeUndefined();
  });

  it('signs recording URLs per response; the adapter reads their expiry', async () => {
    const done = completed();
    const before = Math.floor(Date.now() / 1000);
    const [report] = (await adapter.getReports([done.interviewId])).results as Report[];
    const after = Math.floor(Date.now() / 1000);
    expect(report.recordings.map((r) => [r.kind, r.format])).toEqual([
      [RecordingKind.AUDIO, RecordingFormat.MP3],
      [RecordingKind.VIDEO, RecordingFormat.MP4],
    ]);
    for (const recording of report.recordings) {
      expect(recording.url).toMatch(/\?Expires=\d+&Signature=/);
      const expires = Date.parse(recording.expiresAt!) / 1000;
      expect(expires).toBeGreaterThanOrEqual(before + 3600);
      expect(expires).toBeLessThanOrEqual(after + 3600);
    }
  });

  it('getReports: report locator = interview id, same single call; SMS turns carry absolute times', async () => {
    const withSms = dataset.interviews.find((i) => i.ready && i.has.sms)!;
    const result = await adapter.getReports([withSms.interviewId]);
    expect(sim.calls()).toEqual({ [DATA]: 1 });
    const report = result.results[0] as Report;
    const smsTurns = report.transcript.filter((t) => t.mode === 'TEXT');
    expect(smsTurns.length).toBe(withSms.data.sms!.transcript!.length);
    expect(smsTurns.every((t) => t.at !== null && t.offsetMs === null)).toBe(true);
    expect(report.transcript.map((t) => t.sequence)).toEqual([...report.transcript.keys()]);
  });

  it('knocked out by the form: a report from the form results, no scorecard overall', async () => {
    const knocked = dataset.interviews.find((i) => i.status === 'knocked_out' && i.has.form && !i.has.webInterview)!;
    const report = (await adapter.getReports([knocked.interviewId])).results[0] as Report;
    expect(report.scorecard!.overall).toBeNull();
    expect(report.scorecard!.items.some((i) => i.category === 'MUST_HAVE' && i.score!.label === 'failed')).toBe(true);
  });
});

describe('listTemplates / getTemplates', () => {
  it('pages postings with the vendor cursor, one call per page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let calls = 0;
    for (;;) {
      const page = await adapter.listTemplates({ first: 2, after });
      calls += 1;
      seen.push(...page.edges.map((e) => e.node.locator));
      expect(page.edges.every((e) => e.cursor === e.node.locator)).toBe(true);
      if (!page.hasNextPage) break;
      after = page.edges[page.edges.length - 1].cursor;
    }
    expect(seen).toEqual(dataset.postings.map((p) => p.posting.id));
    expect(sim.calls()).toEqual({ [POSTINGS]: calls });
    expect(calls).toBe(Math.ceil(dataset.postings.length / 2));
  });

  it('gets postings by id in parallel; unknown and garbage → null', async () => {
    const [a, b] = dataset.postings;
    const result = await adapter.getTemplates([b.posting.id, 'pst_unknown', a.posting.id, '../postings', b.posting.id]);
    expect(sim.calls()).toEqual({ [POSTING]: 3 });
    expect(result.results.map((t) => (t as { name: string } | null)?.name ?? null)).toEqual([b.posting.title, null, a.posting.title, null, b.posting.title]);
  });
});

describe('listInterviews', () => {
  /** Calls the walk makes from the start without a filter: 1 postings page + one candidates page per posting touched. */
  function expectedWalkCalls(first: number): number {
    let need = first;
    let touched = 0;
    for (const posting of dataset.postings) {
      touched += 1;
      need -= Math.min(need, posting.interviews.length);
      if (need === 0) break;
    }
    return touched;
  }

  it('first:50 without a template walks postings: exact calls and order', async () => {
    const page = await adapter.listInterviews({ first: 50, after: null });
    expect(page.edges.map((e) => e.node.locator)).toEqual(ids(dataset.interviews.slice(0, 50)));
    expect(page.hasNextPage).toBe(true);
    expect(sim.calls()).toEqual({ [POSTINGS]: 1, [CANDIDATES]: expectedWalkCalls(50) });
    // The postings read on the way come back as related templates (they cost nothing more).
    expect(page.related?.templates?.map((t) => t.locator)).toEqual(dataset.postings.map((p) => p.posting.id));
    expect(page.edges[0].cursor).toBe(`${dataset.interviews[0].postingId}/${dataset.interviews[0].interviewId}`);
    // Unfinished interviews (pending, in_progress, evaluating) are known to have no report yet.
    const unfinished = dataset.interviews.slice(0, 50).filter((i) => !i.ready);
    expect(unfinished.length).toBeGreaterThan(0);
    expect(page.related?.reports).toEqual(unfinished.map((i) => ({ interviewLocator: i.interviewId, report: null })));
  });

  it.each([1, 7, 25, FIRST_POSTING_SIZE, 100])('paging with first:%i returns every interview exactly once, in order', async (first) => {
    const pages = await allPages({ first });
    const seen = pages.flatMap((p) => p.edges.map((e) => e.node.locator));
    expect(seen).toEqual(ids(dataset.interviews));
    // Only the last page may be short (possibly empty, when the previous one filled exactly at a posting's end).
    expect(pages.slice(0, -1).every((p) => p.edges.length === first)).toBe(true);
    expect(pages[pages.length - 1].hasNextPage).toBe(false);
  });

  it('a page that ends exactly where a posting ends is continued by the next postings', async () => {
    const size = dataset.postings[0].interviews.length;
    const page1 = await adapter.listInterviews({ first: size, after: null });
    expect(page1.edges).toHaveLength(size);
    // Conservative: later postings may hold interviews (they do).
    expect(page1.hasNextPage).toBe(true);
    sim.resetCalls();
    const page2 = await adapter.listInterviews({ first: 3, after: page1.edges[size - 1].cursor });
    expect(page2.edges.map((e) => e.node.locator)).toEqual(ids(dataset.interviews.slice(size, size + 3)));
    // The cursor's posting (exhausted), then the postings after it, then the empty draft, then the next posting.
    expect(sim.calls()).toEqual({ [CANDIDATES]: 3, [POSTINGS]: 1 });
  });

  it('a cursor inside a posting continues with a single candidates call', async () => {
    const page1 = await adapter.listInterviews({ first: 5, after: null });
    sim.resetCalls();
    const page2 = await adapter.listInterviews({ first: 5, after: page1.edges[4].cursor });
    expect(page2.edges.map((e) => e.node.locator)).toEqual(ids(dataset.interviews.slice(5, 10)));
    expect(sim.calls()).toEqual({ [CANDIDATES]: 1 });
  });

  it.each([InterviewStatus.COMPLETED, InterviewStatus.INVITED, InterviewStatus.PROCESSING])(
    'status %s is filtered client-side; paging returns each match exactly once',
    async (status) => {
      const expected = dataset.interviews.filter((r) => normalizedStatus(r) === status);
      expect(expected.length).toBeGreaterThan(0);
      const pages = await allPages({ first: 4, status });
      const seen = pages.flatMap((p) => p.edges.map((e) => e.node));
      expect(seen.map((i) => i.locator)).toEqual(ids(expected));
      expect(seen.every((i) => i.status === status)).toBe(true);
    },
  );

  it('with a template: only that posting, no postings call', async () => {
    const posting = dataset.postings.find((p) => p.interviews.length > 0 && p.posting.status === 'expired')!;
    const pages = await allPages({ first: 15, templateLocator: posting.posting.id });
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.locator))).toEqual(ids(posting.interviews));
    expect(sim.calls()).toEqual({ [CANDIDATES]: Math.ceil(posting.interviews.length / 15) });
    expect(sim.calls()[POSTINGS]).toBeUndefined();
  });

  it('with a template and a status: exact hasNextPage when the page holds the answer', async () => {
    const posting = dataset.postings[0];
    const knocked = posting.interviews.filter((r) => r.status === 'knocked_out');
    const page = await adapter.listInterviews({ first: knocked.length, after: null, templateLocator: posting.posting.id, status: InterviewStatus.COMPLETED });
    expect(page.edges.every((e) => e.node.status === InterviewStatus.COMPLETED)).toBe(true);
    const all = await allPages({ first: 100, templateLocator: posting.posting.id, status: InterviewStatus.COMPLETED });
    expect(all).toHaveLength(1);
    expect(all[0].hasNextPage).toBe(false);
    expect(all[0].edges.map((e) => e.node.locator)).toEqual(ids(posting.interviews.filter((r) => normalizedStatus(r) === InterviewStatus.COMPLETED)));
  });

  it('an unknown template lists nothing; a garbage one costs no call', async () => {
    expect(await adapter.listInterviews({ first: 10, after: null, templateLocator: 'pst_missing' })).toEqual({
      edges: [],
      hasNextPage: false,
      related: { reports: [] },
    });
    expect(sim.calls()).toEqual({ [CANDIDATES]: 1 });
    sim.resetCalls();
    expect(await adapter.listInterviews({ first: 10, after: null, templateLocator: '../../admin' })).toEqual({ edges: [], hasNextPage: false });
    expect(sim.totalCalls()).toBe(0);
  });

  it('rejects malformed cursors and cursors of another template without calling the vendor', async () => {
    expect((await rejection(adapter.listInterviews({ first: 10, after: 'garbage' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listInterviews({ first: 10, after: 'a/b/c' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    const [p1, , p3] = dataset.postings;
    const cursor = `${p1.posting.id}/${p1.interviews[0].interviewId}`;
    expect((await rejection(adapter.listInterviews({ first: 10, after: cursor, templateLocator: p3.posting.id }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listInterviews({ first: 0, after: null }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(sim.totalCalls()).toBe(0);
  });

  it('stale cursors (their posting or interview is gone at the vendor) are BAD_USER_INPUT, not vendor errors', async () => {
    const posting = dataset.postings[0].posting.id;
    expect((await rejection(adapter.listInterviews({ first: 10, after: 'pst_gone/int_gone' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listInterviews({ first: 10, after: `${posting}/int_gone` }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listInterviews({ first: 10, after: `${posting}/int_gone`, templateLocator: posting }))).code).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    expect((await rejection(adapter.listTemplates({ first: 10, after: 'pst_gone' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('vendor failures', () => {
  it('a wrong key → VENDOR_AUTH_FAILED, per key and for lists', async () => {
    const wrong = newAdapter({ apiKey: 'hm_wrong' });
    const result = await wrong.getInterviews([dataset.interviews[0].interviewId, dataset.interviews[1].interviewId]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_AUTH_FAILED, ErrorCode.VENDOR_AUTH_FAILED]);
    expect((await rejection(wrong.listTemplates({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(wrong.health()).toMatchObject({ status: 'DEGRADED', lastErrorCode: ErrorCode.VENDOR_AUTH_FAILED });
  });

  it('an outage → VENDOR_UNAVAILABLE', async () => {
    sim.configure({ outage: true });
    const result = await adapter.getReportsForInterviews([dataset.interviews[0].interviewId]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_UNAVAILABLE]);
    expect((await rejection(adapter.listInterviews({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
  });

  it('429 → VENDOR_RATE_LIMITED with retryAfterSeconds, for that key only', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 7 });
    const done = dataset.interviews.filter((i) => i.ready).slice(0, 2);
    const result = await adapter.getInterviews(ids(done));
    const errors = result.results.filter((r) => r instanceof Error) as GatewayError[];
    const ok = result.results.filter((r) => r !== null && !(r instanceof Error)) as Interview[];
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(errors[0].extensions.retryAfterSeconds).toBe(7);
    expect(ok).toHaveLength(1);
  });

  it('schema drift on /data → VENDOR_BAD_RESPONSE; lists unaffected', async () => {
    sim.driftData(true);
    const result = await adapter.getInterviews([dataset.interviews[0].interviewId]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    const reports = await adapter.getReportsForInterviews([dataset.interviews[0].interviewId]);
    expect(reports.results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    expect((await adapter.listInterviews({ first: 3, after: null })).edges).toHaveLength(3);
  });

  it('a hanging vendor → VENDOR_TIMEOUT', async () => {
    const impatient = newAdapter({ timeoutMs: 200 });
    sim.configure({ hang: true });
    const result = await impatient.getInterviews([dataset.interviews[0].interviewId]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_TIMEOUT]);
  });
});

describe('the simulator speaks HeyMilo', () => {
  const get = (path: string, headers: Record<string, string> = { 'X-API-KEY': API_KEY }) => fetch(`${sim.url}${path}`, { headers });

  it('401 with the authentication_error body; Bearer is accepted too', async () => {
    const response = await get('/api/v2/postings', {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { type: 'authentication_error', code: 'invalid_api_key', message: expect.any(String) } });
    expect((await get('/api/v2/postings', { authorization: `Bearer ${API_KEY}` })).status).toBe(200);
  });

  it('list and single envelopes with object discriminators', async () => {
    const list = (await (await get('/api/v2/postings?limit=2')).json()) as { data: Array<{ object: string; id: string }>; pagination: unknown };
    expect(list.data.map((p) => p.object)).toEqual(['posting', 'posting']);
    expect(list.pagination).toEqual({ has_more: true, total_count: dataset.postings.length, url: '/api/v2/postings' });
    const single = (await (await get(`/api/v2/postings/${list.data[0].id}`)).json()) as { data: { id: string }; meta: unknown };
    expect(single).toEqual({ data: expect.objectContaining({ id: list.data[0].id, object: 'posting' }), meta: {} });
  });

  it('defaults limit to 20 and validates it the FastAPI way', async () => {
    const posting = dataset.postings[0].posting.id;
    const page = (await (await get(`/api/v2/postings/${posting}/candidates`)).json()) as { data: unknown[] };
    expect(page.data).toHaveLength(20);
    for (const bad of ['0', '101', 'ten']) {
      const response = await get(`/api/v2/postings/${posting}/candidates?limit=${bad}`);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { detail: Array<{ loc: unknown[]; msg: string; type: string }> };
      expect(body.detail[0]).toMatchObject({ loc: ['query', 'limit'], msg: expect.any(String), type: expect.any(String) });
    }
  });

  it('400 for an unknown starting_after; 404 resource_missing for unknown objects', async () => {
    const posting = dataset.postings[0].posting.id;
    const bad = await get(`/api/v2/postings/${posting}/candidates?starting_after=int_nope`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'starting_after' } });
    for (const path of ['/api/v2/postings/pst_nope', '/api/v2/postings/pst_nope/candidates', '/api/v2/interviews/int_nope/data']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'resource_missing' } });
    }
  });

  it('filters candidates by created_after / created_before (inclusive, ISO or epoch seconds)', async () => {
    const posting = dataset.postings[0];
    const sorted = [...posting.interviews].sort((a, b) => a.createdAt - b.createdAt);
    const from = sorted[5].createdAt;
    const to = sorted[14].createdAt;
    const expected = posting.interviews.filter((i) => i.createdAt >= from && i.createdAt <= to).map((i) => i.interviewId);
    const iso = new Date(to * 1000).toISOString();
    const body = (await (await get(`/api/v2/postings/${posting.posting.id}/candidates?limit=100&created_after=${from}&created_before=${iso}`)).json()) as {
      data: Array<{ interview_id: string }>;
      pagination: { total_count: number };
    };
    expect(body.data.map((c) => c.interview_id)).toEqual(expected);
    expect(body.pagination.total_count).toBe(10);
    const inverted = await get(`/api/v2/postings/${posting.posting.id}/candidates?created_after=${to}&created_before=${from}`);
    expect(inverted.status).toBe(400);
  });

  it('/data says not_ready with null results for unfinished interviews', async () => {
    const evaluating = byStatus('evaluating')[0];
    const body = (await (await get(`/api/v2/interviews/${evaluating.interviewId}/data`)).json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      object: 'interview_data',
      interview_id: evaluating.interviewId,
      status: 'not_ready',
      web_interview: null,
      sms: null,
      resume: null,
      form: null,
    });
  });

  it('429 with the rate_limit_error body and Retry-After', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 3 });
    const response = await get('/api/v2/postings');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: expect.any(String) } });
  });
});
