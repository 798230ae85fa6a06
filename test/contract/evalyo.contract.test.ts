/**
 * The Evalyo adapter against the Evalyo simulator on port 0: exact upstream calls (counted at the
 * simulator), paging, discovery passes, typed errors. Also pins the simulator's own vendor
 * behaviour (auth and scopes, envelopes, validation, error bodies, rate-limit headers), since the
 * adapter is only as right as it. Expectations come from the simulator's data set, never from the
 * code under test.
 */
import pino from 'pino';
import { InterviewStatus, Recommendation, RecordingKind, Speaker, type Interview, type Report } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { GatewayError } from '../../src/errors/gateway.error';
import { createPeople, DATA_EPOCH, SHARED_PEOPLE_COUNT, varyEmail } from '../../src/vendors/kit/sandbox/data/people';
import {
  createEvalyoDataset,
  EVALYO_INTERVIEW_COUNT,
  EVALYO_POOL_RANGE,
  EVALYO_STATUS_COUNTS,
  EVALYO_STATUS_WORDS,
  EVALYO_OTHER_SHAPE_EVALUATIONS,
  EVALYO_UNEVALUATED_COMPLETED,
  isUsualEvaluation,
  type SimEvaluation,
  type EvalyoDataset,
  type SimInterviewDetail,
} from '../../src/vendors/evalyo/sandbox/evalyo.data';
import { createSimulator, type EvalyoSimulator } from '../../src/vendors/evalyo/sandbox/evalyo.simulator';
import { evalyo } from '../../src/vendors/evalyo';
import { createEvalyoAdapter, type EvalyoAdapter } from '../../src/vendors/evalyo/evalyo.adapter';
import type { DiscoveryPage, ListResult } from '../../src/vendors/vendor-adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { allInterviewPages, codeOf, rejection } from '../support/contract-helpers';
import { ADAPTER_ONLY } from '../support/adapter-factory';
import type { VendorAdapter } from '../../src/vendors/vendor-adapter';

const API_KEY = 'evk_live_contract_test_key';
/** A valid key created without `candidates:read`. */
const NO_CANDIDATES_KEY = 'evk_live_no_candidates_scope';
const INTERVIEWS = 'GET /api/v1/interviews';
const INTERVIEW = 'GET /api/v1/interviews/:id';
const CANDIDATE = 'GET /api/v1/candidates/:id';
const JOB = 'GET /api/v1/jobs/:id';
const REPORT = 'GET /api/v1/reports/:reportId';
const DAY_SECONDS = 86_400;

let sim: EvalyoSimulator;
let adapter: EvalyoAdapter;
let dataset: EvalyoDataset;
const { newAdapter } = describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0, scopedKeys: { [NO_CANDIDATES_KEY]: ['interviews:read', 'jobs:read', 'reports:read'] } }),
  createAdapter: createEvalyoAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    dataset = sim.dataset;
  },
  reset: (s) => {
    s.driftInterviews(false);
  },
  // A fresh adapter per test: its candidate profiles cache must not carry calls between tests.
  freshAdapterPerTest: true,
});

// ------------------------------------------------------------------ expectations from the data set

const details = () => dataset.interviews.map((r) => r.detail);
const byStatus = (word: string) => details().filter((d) => d.status === word);
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((i) => i.id);
const distinctCandidates = (items: readonly SimInterviewDetail[]) => new Set(items.map((d) => d.candidateId)).size;
const emailOf = (candidateId: string) => dataset.candidate(candidateId)?.candidate.email ?? null;
const nameOf = (candidateId: string) => {
  const c = dataset.candidate(candidateId)?.candidate;
  return c ? `${c.firstName} ${c.lastName}` : null;
};
/** A read's candidate: named by id only, its profile read when a field needs it. */
const deferred = (candidateId: string) => ({ provider: Provider.EVALYO, providerId: candidateId, name: null, email: null, deferred: true });
const orphan = () => details().find((d) => d.candidateId === dataset.deletedCandidateId)!;
const unevaluated = () => byStatus('COMPLETED').filter((d) => d.evaluation === null);
const shuffled = () => dataset.interviews.find((r) => r.shuffledTranscript && r.report)!.detail;

/** Every page of one discovery pass; each page's call counts are recorded. */
async function discoveryPass(checkpoint: string | null, target = adapter): Promise<Array<{ page: DiscoveryPage; calls: Record<string, number> }>> {
  const pages: Array<{ page: DiscoveryPage; calls: Record<string, number> }> = [];
  let resume: string | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    sim.resetCalls();
    const page: DiscoveryPage = await target.discoverInterviews({ checkpoint, resume });
    pages.push({ page, calls: sim.calls() });
    if (page.resume === null) return pages;
    resume = page.resume;
  }
  throw new Error('discovery did not end');
}

// ------------------------------------------------------------------ the data set

/** Every page of listInterviews (this file's adapter unless another is given). */
const allPages = (args: Parameters<typeof allInterviewPages>[1], target: VendorAdapter = adapter) => allInterviewPages(target, args);

describe('the simulator data set', () => {
  it('has a job of every status, every interview status word in fixed counts, newest first', () => {
    expect(dataset.jobs.map((j) => j.status).sort()).toEqual(['ACTIVE', 'CLOSED', 'DRAFT', 'PAUSED']);
    const draftJob = dataset.jobs.find((j) => j.status === 'DRAFT')!;
    expect(details().some((d) => d.jobId === draftJob.id)).toBe(false);
    expect(details()).toHaveLength(EVALYO_INTERVIEW_COUNT);
    for (const word of EVALYO_STATUS_WORDS) expect(byStatus(word)).toHaveLength(EVALYO_STATUS_COUNTS[word]);
    expect(new Set(ids(details())).size).toBe(EVALYO_INTERVIEW_COUNT);
    const created = details().map((d) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('has over 200 candidates: every shared person (emails varied) plus the pool slice 700–899', () => {
    const people = createPeople();
    const indices = dataset.candidates.map((c) => c.personIndex).sort((a, b) => a - b);
    const expected = [
      ...Array(SHARED_PEOPLE_COUNT).keys(),
      ...Array.from({ length: EVALYO_POOL_RANGE.to - EVALYO_POOL_RANGE.from + 1 }, (_, i) => EVALYO_POOL_RANGE.from + i),
    ];
    expect(indices).toEqual(expected);
    expect(dataset.candidates.length).toBeGreaterThanOrEqual(200);
    for (let index = 0; index < SHARED_PEOPLE_COUNT; index += 1) {
      const { candidate } = dataset.candidates.find((c) => c.personIndex === index)!;
      expect(candidate.email).toBe(varyEmail(people[index].email, index + 2));
      expect(details().some((d) => d.candidateId === candidate.id)).toBe(true);
    }
    expect(dataset.candidates.filter((c) => c.personIndex < SHARED_PEOPLE_COUNT).some((c) => c.candidate.email !== people[c.personIndex].email)).toBe(true);
    // Every candidate has an interview; the deleted candidate's interview lingers.
    const interviewed = new Set(details().map((d) => d.candidateId));
    expect(dataset.candidates.every((c) => interviewed.has(c.candidate.id))).toBe(true);
    expect(orphan().status).toBe('EXPIRED');
    expect(dataset.candidate(dataset.deletedCandidateId)).toBeUndefined();
  });

  it('completed interviews carry transcripts (some out of order), audio and, but for a few, an evaluation', () => {
    const completed = byStatus('COMPLETED');
    expect(unevaluated()).toHaveLength(EVALYO_UNEVALUATED_COMPLETED);
    for (const d of completed) {
      expect(d.transcript.length).toBeGreaterThanOrEqual(4);
      expect(d.transcript.length).toBeLessThanOrEqual(12);
      expect(d.audioUrl).toMatch(/\.(mp3|webm)$/);
      expect(d.startedAt! < d.endedAt!).toBe(true);
      expect(dataset.interview(d.id)!.report?.id ?? null).toBe(d.reportId);
    }
    const outOfOrder = dataset.interviews.filter((r) => r.shuffledTranscript);
    expect(outOfOrder.length).toBeGreaterThan(5);
    for (const r of outOfOrder) expect(r.detail.transcript.map((t) => t.turnNumber)).not.toEqual(r.detail.transcript.map((_, i) => i + 1));
    expect(new Set(completed.map((d) => d.audioUrl!.split('.').pop()))).toEqual(new Set(['mp3', 'webm']));
    expect(new Set(completed.flatMap((d) => (d.evaluation ? [d.evaluation.recommendation] : [])))).toEqual(
      new Set(['STRONG_HIRE', 'HIRE', 'NO_HIRE', 'STRONG_NO_HIRE']),
    );
    expect(completed.some((d) => isUsualEvaluation(d.evaluation) && d.evaluation.flags.length > 0)).toBe(true);
    expect(new Set(completed.flatMap((d) => (isUsualEvaluation(d.evaluation) ? d.evaluation.criteria.map((c) => c.maxScore) : [])))).toEqual(new Set([5, 10]));
    // Evalyo documents no evaluation shape: a few come in another one, so the sandbox cannot hide a mismatch.
    expect(completed.filter((d) => d.evaluation !== null && !isUsualEvaluation(d.evaluation))).toHaveLength(EVALYO_OTHER_SHAPE_EVALUATIONS);
    expect(byStatus('IN_PROGRESS').every((d) => d.transcript.at(-1)?.isPendingQuestion === true && d.evaluation === null && d.audioUrl === null)).toBe(true);
    expect(byStatus('CANCELLED').some((d) => d.startedAt !== null && d.endedAt !== null)).toBe(true);
  });

  it('dates every event before DATA_EPOCH; open invitations expire after it', () => {
    for (const d of details()) {
      for (const at of [d.createdAt, d.updatedAt, d.startedAt, d.endedAt]) if (at) expect(Date.parse(at)).toBeLessThan(DATA_EPOCH);
      expect(Date.parse(d.updatedAt)).toBeGreaterThanOrEqual(Date.parse(d.createdAt));
      if (['DRAFT', 'INVITED', 'IN_PROGRESS'].includes(d.status)) expect(Date.parse(d.expiresAt)).toBeGreaterThan(DATA_EPOCH);
      if (d.status === 'EXPIRED') expect(Date.parse(d.expiresAt)).toBeLessThan(DATA_EPOCH);
    }
    for (const { candidate } of dataset.candidates) expect(Date.parse(candidate.createdAt)).toBeLessThan(DATA_EPOCH);
  });

  it('is deterministic, and is what the registry entry loads', async () => {
    const again = createEvalyoDataset();
    expect(again.interviews).toEqual(dataset.interviews);
    expect(again.candidates).toEqual(dataset.candidates);
    expect(again.jobs).toEqual(dataset.jobs);
    const module = await evalyo.loadSimulator!();
    expect(module.createSimulator).toBe(createSimulator);
    expect(evalyo.createAdapter).toBe(createEvalyoAdapter);
  });
});

// ------------------------------------------------------------------ the simulator speaks Evalyo

describe('the simulator speaks Evalyo', () => {
  const get = (path: string, key: string | null = API_KEY, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}${path}`, { headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers } });
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

  it('401 {error:{code,message}} without a valid Bearer key; rate-limit headers even then', async () => {
    for (const response of [
      await get('/api/v1/interviews', null),
      await get('/api/v1/interviews', 'wrong'),
      await get('/api/v1/interviews', null, { 'x-api-key': API_KEY }),
    ]) {
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      expect(response.headers.get('x-ratelimit-limit')).toBe('500');
    }
    expect((await get('/api/v1/interviews', null, { authorization: `bearer ${API_KEY}` })).status).toBe(200);
  });

  it('403 FORBIDDEN for a valid key lacking the route scope', async () => {
    const candidateId = details()[0].candidateId;
    const forbidden = await get(`/api/v1/candidates/${candidateId}`, NO_CANDIDATES_KEY);
    expect(forbidden.status).toBe(403);
    expect(await json(forbidden)).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('candidates:read') } });
    expect((await get('/api/v1/candidates', NO_CANDIDATES_KEY)).status).toBe(403);
    expect((await get('/api/v1/interviews', NO_CANDIDATES_KEY)).status).toBe(200);
    expect((await get(`/api/v1/candidates/${candidateId}`)).status).toBe(200);
  });

  it('lists in {data, pagination}: page 1 of 20 by default, pageSize up to 100', async () => {
    const first = await json(await get('/api/v1/interviews'));
    expect(ids(first.data as SimInterviewDetail[])).toEqual(ids(details().slice(0, 20)));
    expect(first.pagination).toEqual({ page: 1, pageSize: 20, total: EVALYO_INTERVIEW_COUNT, totalPages: Math.ceil(EVALYO_INTERVIEW_COUNT / 20) });
    // List rows carry no evaluation, transcript or audio.
    expect(Object.keys((first.data as object[])[0]).sort()).toEqual(
      [
        'campaignId',
        'candidateId',
        'configId',
        'createdAt',
        'endedAt',
        'expiresAt',
        'id',
        'inviteUrl',
        'jobId',
        'stageId',
        'startedAt',
        'status',
        'updatedAt',
      ].sort(),
    );
    expect(ids((await json(await get('/api/v1/interviews?page=3&pageSize=7'))).data as SimInterviewDetail[])).toEqual(ids(details().slice(14, 21)));
    expect((await json(await get('/api/v1/interviews?pageSize=100'))).data).toHaveLength(100);
    expect((await json(await get('/api/v1/interviews?page=99&pageSize=100'))).data).toEqual([]);
  });

  it.each(['pageSize=101', 'pageSize=0', 'page=0', 'pageSize=ten', 'page=1.5', 'status=FINISHED'])('400 VALIDATION_ERROR for %s', async (query) => {
    const response = await get(`/api/v1/interviews?${query}`);
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
  });

  it('filters interviews by status (either case), jobId and campaignId', async () => {
    const upper = await json(await get('/api/v1/interviews?status=COMPLETED&pageSize=100'));
    const lower = await json(await get('/api/v1/interviews?status=completed&pageSize=100'));
    expect(ids(upper.data as SimInterviewDetail[])).toEqual(ids(byStatus('COMPLETED').slice(0, 100)));
    expect(lower).toEqual(upper);
    expect((upper.pagination as { total: number }).total).toBe(EVALYO_STATUS_COUNTS.COMPLETED);
    const { jobId, campaignId } = details().find((d) => d.campaignId !== null)!;
    const ofJob = await json(await get(`/api/v1/interviews?jobId=${jobId}&pageSize=100`));
    expect((ofJob.pagination as { total: number }).total).toBe(details().filter((d) => d.jobId === jobId).length);
    const ofCampaign = await json(await get(`/api/v1/interviews?campaignId=${campaignId}&pageSize=100`));
    expect((ofCampaign.data as SimInterviewDetail[]).every((d) => d.campaignId === campaignId)).toBe(true);
  });

  it('filters candidates by search, tags and jobId, and jobs by status', async () => {
    const { candidate } = dataset.candidates.find((c) => c.personIndex === 3)!;
    const found = await json(await get(`/api/v1/candidates?search=${encodeURIComponent(candidate.email.trim().toUpperCase())}`));
    expect(ids(found.data as Array<{ id: string }>)).toEqual([candidate.id]);
    const tagged = await json(await get('/api/v1/candidates?tags=bilingue,vivier&pageSize=100'));
    expect((tagged.data as Array<{ tags: string[] }>).every((c) => c.tags.includes('bilingue') || c.tags.includes('vivier'))).toBe(true);
    expect((tagged.data as unknown[]).length).toBeGreaterThan(0);
    const closed = await json(await get('/api/v1/jobs?status=closed'));
    expect((closed.data as Array<{ status: string }>).map((j) => j.status)).toEqual(['CLOSED']);
    const closedJob = dataset.jobs.find((j) => j.status === 'CLOSED')!.id;
    const ofJob = await json(await get(`/api/v1/candidates?jobId=${closedJob}&pageSize=100`));
    expect((ofJob.pagination as { total: number }).total).toBe(
      new Set(
        details()
          .filter((d) => d.jobId === closedJob && d.candidateId !== dataset.deletedCandidateId)
          .map((d) => d.candidateId),
      ).size,
    );
  });

  it('404 NOT_FOUND for unknown objects and routes', async () => {
    for (const path of [
      '/api/v1/interviews/cnope',
      '/api/v1/candidates/cnope',
      `/api/v1/candidates/${dataset.deletedCandidateId}`,
      '/api/v1/jobs/cnope',
      '/api/v1/reports/cnope',
      '/api/v2/interviews',
    ]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('X-RateLimit-* on every answer: per-key minute budget of 500', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await get('/api/v1/jobs');
    const b = await get('/api/v1/jobs/cnope');
    const [remainingA, remainingB] = [Number(a.headers.get('x-ratelimit-remaining')), Number(b.headers.get('x-ratelimit-remaining'))];
    expect(a.headers.get('x-ratelimit-limit')).toBe('500');
    // Another request may straddle a minute boundary: then the budget starts over.
    // One that does not enforce its budget (this one) never reports it spent.
    expect(remainingB === remainingA - 1 || remainingB === 499 || remainingB === 1).toBe(true);
    const reset = Number(b.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(before);
    expect(reset).toBeLessThanOrEqual(before + 61);
  });

  it('429 RATE_LIMITED with Retry-After and no remaining budget (chassis knob)', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 3 });
    const response = await get('/api/v1/interviews');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await json(response)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
  });

  it('the adapter keeps to X-RateLimit-Remaining: 0 until X-RateLimit-Reset: the next call is not sent, VENDOR_RATE_LIMITED says when', async () => {
    const strict = await createSimulator({ apiKey: API_KEY, rateLimitPerMinute: 2, enforceRateLimit: true });
    const paced = createEvalyoAdapter({
      apiKey: API_KEY,
      baseUrl: strict.url,
      timeoutMs: 5_000,
      connectTimeoutMs: 1_000,
      resilience: ADAPTER_ONLY,
      logger: pino({ level: 'silent' }),
    });
    try {
      const minute = Math.floor(Date.now() / 60_000);
      await paced.listInterviews({ first: 1, after: null });
      await paced.listInterviews({ first: 2, after: null });
      const error = (await paced.listInterviews({ first: 3, after: null }).then(
        () => null,
        (e: unknown) => e,
      )) as GatewayError | null;
      // Within 2 s of the minute's end the pause is waited out and the call made in the next minute
      // (the simulator's budget starts over): nothing to assert then.
      if (Math.floor(Date.now() / 60_000) === minute) {
        expect(error).toBeInstanceOf(GatewayError);
        if (!error) return;
        expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
        expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
        // The simulator saw two calls: the third was never sent (it would have been a 429).
        expect(strict.calls()).toEqual({ [INTERVIEWS]: 2 });
      }
    } finally {
      await paced.close();
      await strict.close();
    }
  });

  it('enforces the per-minute budget when asked to', async () => {
    const strict = await createSimulator({ apiKey: API_KEY, rateLimitPerMinute: 3, enforceRateLimit: true });
    try {
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < 4; i += 1) {
        last = await fetch(`${strict.url}/api/v1/jobs`, { headers: { authorization: `Bearer ${API_KEY}` } });
        statuses.push(last.status);
      }
      // Four requests can straddle a minute boundary; the budget then restarts.
      if (statuses[3] !== 200) {
        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      }
    } finally {
      await strict.close();
    }
  });

  it('signs the full and per-turn audio per response, valid 24 h; reports carry the signed recordingUrl', async () => {
    const done = byStatus('COMPLETED').find((d) => d.evaluation !== null)!;
    const before = Math.floor(Date.now() / 1000);
    const body = (await json(await get(`/api/v1/interviews/${done.id}`))).data as SimInterviewDetail;
    const after = Math.floor(Date.now() / 1000);
    const expires = Number(new URL(body.audioUrl!).searchParams.get('Expires'));
    expect(expires).toBeGreaterThanOrEqual(before + DAY_SECONDS);
    expect(expires).toBeLessThanOrEqual(after + DAY_SECONDS);
    expect(body.audioUrl!.startsWith(`${done.audioUrl}?`)).toBe(true);
    expect(body.transcript.every((t) => /[?&]Expires=\d+/.test(t.audioUrl!))).toBe(true);
    expect(body.evaluation).toEqual(done.evaluation);
    const report = (await json(await get(`/api/v1/reports/${done.reportId}`))).data as { interviewId: string; recordingUrl: string };
    expect(report.interviewId).toBe(done.id);
    expect(report.recordingUrl).toMatch(/\?AWSAccessKeyId=\w+&Expires=\d+&Signature=/);
    // reports:read is a scope of its own.
    expect((await get(`/api/v1/reports/${done.reportId}`, NO_CANDIDATES_KEY)).status).toBe(200);
  });

  it('503 SERVICE_UNAVAILABLE during an outage', async () => {
    sim.configure({ outage: true });
    const response = await get('/api/v1/jobs');
    expect(response.status).toBe(503);
    expect(await json(response)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
  });
});

// ------------------------------------------------------------------ templates

describe('listTemplates / getTemplates', () => {
  it('lists every job in one call and knows from the total that the list ended', async () => {
    const page = await adapter.listTemplates({ first: 10, after: null });
    expect(page.edges.map((e) => e.node.locator)).toEqual(ids(dataset.jobs));
    expect(page.edges.map((e) => e.cursor)).toEqual(['0', '1', '2', '3']);
    expect(page.edges.map((e) => e.node.status)).toEqual(dataset.jobs.map((j) => j.status));
    expect(page.edges[0].node.raw).toEqual(dataset.jobs[0]);
    expect(page.edges[0].node.skills.map((s) => s.name)).toEqual(dataset.jobs[0].skills);
    expect(page.hasNextPage).toBe(false);
    expect(sim.requests()).toEqual(['GET /api/v1/jobs?page=1&pageSize=10']);
  });

  it('pages with offset cursors, one call per page and none past the end', async () => {
    const seen: string[] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    do {
      const page: ListResult<{ locator: string }> = await adapter.listTemplates({ first: 1, after });
      seen.push(...page.edges.map((e) => e.node.locator));
      more.push(page.hasNextPage);
      after = page.hasNextPage ? page.edges[page.edges.length - 1].cursor : null;
    } while (after !== null);
    expect(seen).toEqual(ids(dataset.jobs));
    expect(more).toEqual([true, true, true, false]);
    expect(sim.requests()).toEqual([1, 2, 3, 4].map((p) => `GET /api/v1/jobs?page=${p}&pageSize=1`));
  });

  it('gets jobs by id in parallel, one call per distinct id; unknown and garbage → null', async () => {
    const [a, b] = dataset.jobs;
    const result = await adapter.getTemplates([b.id, 'cunknownjob', a.id, '../jobs', b.id, '']);
    expect(result.results.map((t) => (t as { name: string } | null)?.name ?? null)).toEqual([b.title, null, a.title, null, b.title, null]);
    expect(sim.calls()).toEqual({ [JOB]: 3 });
    sim.resetCalls();
    expect((await adapter.getTemplates(['a/b', '..'])).results).toEqual([null, null]);
    expect(sim.totalCalls()).toBe(0);
  });
});

// ------------------------------------------------------------------ interviews

describe('listInterviews', () => {
  it('first 50: one list call, no profile call (candidates deferred); fields, cursors, known-absent reports', async () => {
    const expected = details().slice(0, 50);
    const page = await adapter.listInterviews({ first: 50, after: null });
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
    expect(sim.requests()).toEqual(['GET /api/v1/interviews?page=1&pageSize=50']);
    expect(page.edges.map((e) => e.node.locator)).toEqual(ids(expected));
    expect(page.edges.map((e) => e.cursor)).toEqual(expected.map((_, i) => String(i)));
    expect(page.edges.map((e) => e.node.candidate)).toEqual(expected.map((d) => deferred(d.candidateId)));
    expect(page.edges.map((e) => e.node.statusRaw)).toEqual(expected.map((d) => d.status));
    expect(page.hasNextPage).toBe(true);
    const absent = expected.filter((d) => d.status !== 'COMPLETED');
    expect(absent.length).toBeGreaterThan(0);
    expect(page.related?.reports).toEqual(absent.map((d) => ({ interviewLocator: d.id, report: null })));
    const node = page.edges[0].node;
    const row = expected[0];
    expect(node).toMatchObject({
      kind: 'Interview',
      provider: Provider.EVALYO,
      providerId: row.id,
      templateLocator: row.jobId,
      inviteUrl: row.inviteUrl,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
    });
    expect(node.raw).toEqual(Object.fromEntries(Object.entries(row).filter(([k]) => !['reportId', 'evaluation', 'transcript', 'audioUrl'].includes(k))));
  });

  it.each([7, 29, 50, 100])('paging with first %i returns every interview exactly once, in order, one list call per page', async (first) => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      sim.resetCalls();
      const page: ListResult<Interview> = await adapter.listInterviews({ first, after });
      expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
      pages += 1;
      seen.push(...page.edges.map((e) => e.node.locator));
      if (!page.hasNextPage) break;
      after = page.edges[page.edges.length - 1].cursor;
    }
    expect(seen).toEqual(ids(details()));
    // The envelope's total ends the list: no empty trailing page, even when the last page is full (29 × 10).
    expect(pages).toBe(Math.ceil(EVALYO_INTERVIEW_COUNT / first));
  });

  it('continues after an unaligned cursor with one list call', async () => {
    const page = await adapter.listInterviews({ first: 10, after: '4' });
    expect(page.edges.map((e) => e.node.locator)).toEqual(ids(details().slice(5, 15)));
    expect(page.edges.map((e) => e.cursor)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    expect(sim.requests()[0]).toBe('GET /api/v1/interviews?page=1&pageSize=15');
    expect(sim.calls()[INTERVIEWS]).toBe(1);
  });

  it.each([
    [InterviewStatus.COMPLETED, 'COMPLETED'],
    [InterviewStatus.IN_PROGRESS, 'IN_PROGRESS'],
    [InterviewStatus.CANCELLED, 'CANCELLED'],
    [InterviewStatus.EXPIRED, 'EXPIRED'],
  ])('status %s is passed to Evalyo; paging returns each match exactly once', async (status, word) => {
    const pages = await allPages({ first: 20, status });
    const seen = pages.flatMap((p) => p.edges.map((e) => e.node));
    expect(seen.map((i) => i.locator)).toEqual(ids(byStatus(word)));
    expect(seen.every((i) => i.status === status)).toBe(true);
    const lists = sim.requests().filter((r) => r.startsWith(`${INTERVIEWS}?`));
    expect(lists).toHaveLength(Math.ceil(EVALYO_STATUS_COUNTS[word as keyof typeof EVALYO_STATUS_COUNTS] / 20));
    expect(lists.every((r) => r.includes(`status=${word}`))).toBe(true);
  });

  it('INVITED covers Evalyo INVITED then DRAFT: two vendor lists, cursors of the second prefixed', async () => {
    const pages = await allPages({ first: 15, status: InterviewStatus.INVITED });
    const seen = pages.flatMap((p) => p.edges);
    expect(seen.map((e) => e.node.locator)).toEqual(ids([...byStatus('INVITED'), ...byStatus('DRAFT')]));
    expect(seen.every((e) => e.node.status === InterviewStatus.INVITED)).toBe(true);
    expect(seen.filter((e) => e.node.statusRaw === 'DRAFT').every((e) => e.cursor.startsWith('1:') && e.node.invitedAt === null)).toBe(true);
    expect(sim.requests().filter((r) => r.startsWith(`${INTERVIEWS}?`))).toEqual([
      'GET /api/v1/interviews?page=1&pageSize=15&status=INVITED',
      'GET /api/v1/interviews?page=2&pageSize=15&status=INVITED',
      'GET /api/v1/interviews?page=3&pageSize=15&status=INVITED',
      'GET /api/v1/interviews?page=1&pageSize=5&status=DRAFT',
      'GET /api/v1/interviews?page=1&pageSize=20&status=DRAFT',
    ]);
    expect(pages.map((p) => p.edges.length)).toEqual([15, 15, 15, 15]);
    expect(pages.map((p) => p.hasNextPage)).toEqual([true, true, true, false]);
  });

  it('PROCESSING and UNKNOWN match no Evalyo word: empty, without a call', async () => {
    for (const status of [InterviewStatus.PROCESSING, InterviewStatus.UNKNOWN]) {
      expect(await adapter.listInterviews({ first: 10, after: null, status })).toEqual({ edges: [], hasNextPage: false, related: { reports: [] } });
    }
    expect(sim.totalCalls()).toBe(0);
  });

  it('a template passes jobId upstream; an unknown one lists nothing; a garbage one costs no call', async () => {
    const job = dataset.jobs.find((j) => j.status === 'PAUSED')!;
    const pages = await allPages({ first: 25, templateLocator: job.id });
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.locator))).toEqual(ids(details().filter((d) => d.jobId === job.id)));
    expect(
      sim
        .requests()
        .filter((r) => r.startsWith(`${INTERVIEWS}?`))
        .every((r) => r.includes(`jobId=${job.id}`)),
    ).toBe(true);
    sim.resetCalls();
    expect(await adapter.listInterviews({ first: 10, after: null, templateLocator: 'cnosuchjob' })).toEqual({
      edges: [],
      hasNextPage: false,
      related: { reports: [] },
    });
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
    sim.resetCalls();
    expect((await adapter.listInterviews({ first: 10, after: null, templateLocator: '../../admin' })).edges).toEqual([]);
    expect(sim.totalCalls()).toBe(0);
  });

  it('rejects cursors it did not issue and bad page sizes as BAD_USER_INPUT, without a call', async () => {
    for (const args of [
      { first: 10, after: 'garbage' },
      { first: 10, after: '1:4' },
      { first: 10, after: '-1' },
      { first: 0, after: null },
      { first: 2.5, after: null },
    ]) {
      expect((await rejection(adapter.listInterviews(args))).code).toBe(ErrorCode.BAD_USER_INPUT);
    }
    expect((await rejection(adapter.listTemplates({ first: 5, after: 'x' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('getInterviews', () => {
  const pickOneOfEach = () => EVALYO_STATUS_WORDS.map((word) => byStatus(word)[1]);

  it('one detail call per distinct id, no profile call; answers in order', async () => {
    const picks = pickOneOfEach();
    const locators = [...ids(picks), picks[0].id, 'cunknowninterview', 'a/b', '', 'x'.repeat(300)];
    const result = await adapter.getInterviews(locators);
    expect(sim.calls()).toEqual({ [INTERVIEW]: picks.length + 1 });
    const nodes = result.results as Array<Interview | null>;
    expect(nodes.map((n) => n?.locator ?? null)).toEqual([...ids(picks), picks[0].id, null, null, null, null]);
    expect(nodes.slice(0, picks.length).map((n) => [n!.status, n!.statusRaw])).toEqual([
      [InterviewStatus.INVITED, 'DRAFT'],
      [InterviewStatus.INVITED, 'INVITED'],
      [InterviewStatus.IN_PROGRESS, 'IN_PROGRESS'],
      [InterviewStatus.COMPLETED, 'COMPLETED'],
      [InterviewStatus.CANCELLED, 'CANCELLED'],
      [InterviewStatus.EXPIRED, 'EXPIRED'],
    ]);
    expect(nodes.slice(0, picks.length).map((n) => n!.candidate)).toEqual(picks.map((d) => deferred(d.candidateId)));
    // The same details answer the reports: an interview + its report costs one detail call.
    const related = result.related?.reports ?? [];
    expect(related.map((r) => r.interviewLocator)).toEqual(ids(picks));
    expect(related.map((r) => r.report?.locator ?? null)).toEqual(picks.map((d) => (d.status === 'COMPLETED' ? d.id : null)));
  });

  it('gives the same Interview as the list row it came from', async () => {
    const listed = (await adapter.listInterviews({ first: 30, after: null })).edges.map((e) => e.node);
    const fetched = (await adapter.getInterviews(listed.map((i) => i.locator))).results as Interview[];
    const strip = ({ raw: _raw, ...rest }: Interview) => rest;
    expect(fetched.map(strip)).toEqual(listed.map(strip));
  });

  it('a deleted candidate: the interview keeps the candidate id; its profile is null', async () => {
    const [interview] = (await adapter.getInterviews([orphan().id])).results as Interview[];
    expect(interview.candidate).toEqual(deferred(dataset.deletedCandidateId));
    expect((await adapter.getCandidates([dataset.deletedCandidateId])).results).toEqual([null]);
    expect(sim.calls()).toEqual({ [INTERVIEW]: 1, [CANDIDATE]: 1 });
  });

  it('makes no call for garbage locators only', async () => {
    expect((await adapter.getInterviews(['', '..', 'a b'])).results).toEqual([null, null, null]);
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('getCandidates', () => {
  it('one profile call per distinct id; the accounts in order; unknown or deleted → null; garbage costs no call', async () => {
    const [a, b] = dataset.candidates.map((c) => c.candidate);
    const result = await adapter.getCandidates([b.id, a.id, 'cunknowncandidate', b.id, dataset.deletedCandidateId, 'a/b', '']);
    expect(sim.calls()).toEqual({ [CANDIDATE]: 4 });
    const account = (c: typeof a) => ({ provider: Provider.EVALYO, providerId: c.id, name: nameOf(c.id), email: emailOf(c.id) });
    expect(result.results).toEqual([account(b), account(a), null, account(b), null, null, null]);
    expect(result.related).toBeUndefined();
  });

  it('resolves a deferred candidate to what discovery reads with the interview, always from the vendor', async () => {
    const picks = details().slice(0, 30);
    const discovered = (await adapter.discoverInterviews({ checkpoint: null, resume: null })).related!.interviews!.slice(0, 30);
    const read = (await adapter.getInterviews(ids(picks))).results as Interview[];
    sim.resetCalls();
    const accounts = (await adapter.getCandidates(read.map((i) => i.candidate.providerId!))).results;
    expect(accounts).toEqual(discovered.map((i) => i.candidate));
    // The profiles discovery keeps serve discovery only: the gateway's cache is in front of this call.
    expect(sim.calls()).toEqual({ [CANDIDATE]: distinctCandidates(picks) });
  });
});

// ------------------------------------------------------------------ reports

describe('reports', () => {
  it('getReportsForInterviews: one detail call each, no candidate lookups; null unless COMPLETED', async () => {
    const done = byStatus('COMPLETED').find((d) => isUsualEvaluation(d.evaluation) && d.evaluation.flags.length > 0)!;
    const locators = [
      done.id,
      byStatus('IN_PROGRESS')[0].id,
      byStatus('DRAFT')[0].id,
      byStatus('CANCELLED').find((d) => d.startedAt)!.id,
      unevaluated()[0].id,
      'cnope',
    ];
    const result = await adapter.getReportsForInterviews(locators);
    expect(sim.calls()).toEqual({ [INTERVIEW]: locators.length });
    const reports = result.results as Array<Report | null>;
    expect(reports.map((r) => r?.locator ?? null)).toEqual([done.id, null, null, null, unevaluated()[0].id, null]);
    const report = reports[0]!;
    const evaluation = done.evaluation as SimEvaluation;
    expect(report.score?.raw).toBe(evaluation.overallScore);
    expect(report.recommendationRaw).toBe(evaluation.recommendation);
    expect(report.recommendation).toBe(
      { STRONG_HIRE: Recommendation.STRONG_YES, HIRE: Recommendation.YES, NO_HIRE: Recommendation.NO, STRONG_NO_HIRE: Recommendation.DEFINITELY_NO }[
        evaluation.recommendation
      ],
    );
    expect([report.summary, report.highlights, report.lowlights]).toEqual([evaluation.summary, evaluation.strengths, evaluation.weaknesses]);
    expect(report.scorecard!.items.map((i) => [i.name, i.score!.raw, i.score!.scaleMax])).toEqual(
      evaluation.criteria.map((c) => [c.name, c.score, c.maxScore]),
    );
    expect(report.integrity).toEqual({
      score: null,
      violations: evaluation.flags.map((f) => ({ type: f.type, value: f.severity, description: f.description })),
    });
    expect(report.completedAt).toBe(done.endedAt);
    expect(result.related).toBeUndefined();
    // Stage without AI report: transcript and audio, nothing scored.
    expect(reports[4]).toMatchObject({
      score: null,
      scorecard: null,
      recommendation: Recommendation.NO_DECISION,
      recordings: [expect.objectContaining({ kind: RecordingKind.AUDIO })],
    });
  });

  it('orders a shuffled transcript by turnNumber, with no timestamps', async () => {
    const detail = shuffled();
    const [report] = (await adapter.getReports([detail.id])).results as Report[];
    const sorted = [...detail.transcript].sort((a, b) => a.turnNumber - b.turnNumber);
    expect(report.transcript.map((t) => t.text)).toEqual(sorted.map((t) => t.content));
    expect(report.transcript.map((t) => t.speaker)).toEqual(sorted.map((t) => (t.role === 'agent' ? Speaker.INTERVIEWER : Speaker.CANDIDATE)));
    expect(report.transcript.map((t) => t.sequence)).toEqual([...sorted.keys()]);
    expect(report.transcript.every((t) => t.offsetMs === null && t.at === null)).toBe(true);
    expect(sim.calls()).toEqual({ [INTERVIEW]: 1 });
  });

  it('the recording expires when its signature says (24 h from the response)', async () => {
    const detail = byStatus('COMPLETED')[0];
    const before = Math.floor(Date.now() / 1000);
    const [report] = (await adapter.getReportsForInterviews([detail.id])).results as Report[];
    const after = Math.floor(Date.now() / 1000);
    expect(report.recordings).toHaveLength(1);
    expect(report.recordings[0]).toMatchObject({ kind: RecordingKind.AUDIO, format: detail.audioUrl!.endsWith('.mp3') ? 'MP3' : 'WEBM', playerUrl: null });
    const expires = Date.parse(report.recordings[0].expiresAt!) / 1000;
    expect(expires).toBeGreaterThanOrEqual(before + DAY_SECONDS);
    expect(expires).toBeLessThanOrEqual(after + DAY_SECONDS);
  });

  it('the client reads /api/v1/reports/:reportId too (null when unknown)', async () => {
    const detail = byStatus('COMPLETED').find((d) => d.reportId)!;
    const report = (await adapter.client.getReport(detail.reportId!))?.parsed;
    expect(report).toMatchObject({ id: detail.reportId, interviewId: detail.id, evaluation: detail.evaluation });
    expect(await adapter.client.getReport('cnope')).toBeNull();
    expect(sim.calls()).toEqual({ [REPORT]: 2 });
  });
});

// ------------------------------------------------------------------ discovery

describe('discoverInterviews', () => {
  it('a first pass pages the whole list: one list call per page plus its candidates; checkpoint = newest createdAt', async () => {
    const pass = await discoveryPass(null);
    expect(pass).toHaveLength(Math.ceil(EVALYO_INTERVIEW_COUNT / 100));
    const profiled = new Set<string>();
    pass.forEach(({ page, calls }, i) => {
      const expected = details().slice(i * 100, (i + 1) * 100);
      // Each candidate's profile once per pass (the adapter keeps profiles for a few minutes).
      const fresh = new Set(expected.map((d) => d.candidateId).filter((c) => !profiled.has(c)));
      for (const c of fresh) profiled.add(c);
      expect(calls).toEqual({ [INTERVIEWS]: 1, [CANDIDATE]: fresh.size });
      expect(page.refs.map((r) => r.locator)).toEqual(ids(expected));
      expect(page.checkpoint).toBe(i === pass.length - 1 ? details()[0].createdAt : null);
      expect(page.related?.interviews?.map((n) => n.locator)).toEqual(ids(expected));
    });
    const refs = pass.flatMap(({ page }) => page.refs);
    expect(refs.map((r) => r.email)).toEqual(details().map((d) => emailOf(d.candidateId)));
    expect(refs.map((r) => r.name)).toEqual(details().map((d) => nameOf(d.candidateId)));
    expect(refs.map((r) => r.candidateProviderId)).toEqual(details().map((d) => d.candidateId));
    expect(refs.map((r) => r.createdAt)).toEqual(details().map((d) => d.createdAt));
    expect(refs.find((r) => r.locator === orphan().id)).toMatchObject({ email: null, name: null });
  });

  it('a pass from a checkpoint stops at the first page that reaches older interviews', async () => {
    const checkpoint = details()[150].createdAt;
    const pass = await discoveryPass(checkpoint);
    expect(pass.map((p) => p.calls[INTERVIEWS])).toEqual([1, 1]);
    const expected = details().filter((d) => d.createdAt >= checkpoint);
    expect(pass.flatMap((p) => p.page.refs.map((r) => r.locator))).toEqual(ids(expected));
    const onFirstPage = new Set(expected.slice(0, 100).map((d) => d.candidateId));
    expect(pass[1].calls[CANDIDATE]).toBe(
      new Set(
        expected
          .slice(100)
          .map((d) => d.candidateId)
          .filter((c) => !onFirstPage.has(c)),
      ).size,
    );
    expect(pass.at(-1)!.page.checkpoint).toBe(details()[0].createdAt);
  });

  it('a pass with nothing new costs one list call and keeps the checkpoint', async () => {
    const checkpoint = details()[0].createdAt;
    const pass = await discoveryPass(checkpoint);
    expect(pass).toHaveLength(1);
    expect(pass[0].calls).toEqual({ [INTERVIEWS]: 1, [CANDIDATE]: 1 });
    // The interview AT the checkpoint is re-sent (a twin created in the same millisecond must not be lost).
    expect(pass[0].page.refs.map((r) => r.locator)).toEqual([details()[0].id]);
    expect(pass[0].page.checkpoint).toBe(checkpoint);
  });

  it('an unreadable checkpoint restarts from scratch; a foreign resume token is BAD_USER_INPUT', async () => {
    const first = await adapter.discoverInterviews({ checkpoint: 'not a date', resume: null });
    expect(first.refs).toHaveLength(100);
    expect(first.resume).toMatch(/^2@/);
    sim.resetCalls();
    expect((await rejection(adapter.discoverInterviews({ checkpoint: null, resume: 'page-two' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(sim.totalCalls()).toBe(0);
  });

  it('an incremental pass finds interviews created since the last one', async () => {
    const fresh = await createSimulator({ apiKey: API_KEY });
    const target = createEvalyoAdapter({ apiKey: API_KEY, baseUrl: fresh.url, timeoutMs: 5000, connectTimeoutMs: 1000, logger: pino({ level: 'silent' }) });
    const previous = sim;
    try {
      sim = fresh;
      const first = await discoveryPass(null, target);
      const checkpoint = first.at(-1)!.page.checkpoint!;
      expect(checkpoint).toBe(fresh.dataset.interviews[0].detail.createdAt);

      // Three new interviews through the vendor API (the newest becomes first in the list).
      const activeJob = fresh.dataset.jobs.find((j) => j.status === 'ACTIVE')!;
      const people = fresh.dataset.candidates.slice(0, 3).map((c) => c.candidate);
      const created: string[] = [];
      for (const [i, person] of people.entries()) {
        const response = await fetch(`${fresh.url}/api/v1/interviews`, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ candidateId: person.id, jobId: activeJob.id, sendInvite: i !== 1 }),
        });
        expect(response.status).toBe(201);
        created.unshift(((await response.json()) as { data: { id: string } }).data.id);
      }
      const closedJob = fresh.dataset.jobs.find((j) => j.status === 'CLOSED')!;
      const refused = await fetch(`${fresh.url}/api/v1/interviews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ candidateId: people[0].id, jobId: closedJob.id }),
      });
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([422, 'JOB_CLOSED']);

      const second = await discoveryPass(checkpoint, target);
      expect(second).toHaveLength(1);
      const boundary = fresh.dataset.interviews[3].detail;
      // Every candidate of the new interviews was profiled by the first pass minutes ago: no lookup.
      expect(second[0].calls).toEqual({ [INTERVIEWS]: 1 });
      const refs = second[0].page.refs;
      expect(refs.map((r) => r.locator)).toEqual([...created, boundary.id]);
      expect(refs.slice(0, 3).map((r) => r.email)).toEqual([...people].reverse().map((p) => p.email));
      expect(second[0].page.checkpoint).toBe(refs[0].createdAt);
      expect(Date.parse(refs[0].createdAt!)).toBeGreaterThan(Date.parse(checkpoint));
      // The one created with sendInvite:false is a DRAFT: INVITED, not yet invited.
      const draft = second[0].page.related!.interviews!.find((i) => i.locator === created[1])!;
      expect([draft.status, draft.statusRaw, draft.invitedAt]).toEqual([InterviewStatus.INVITED, 'DRAFT', null]);
    } finally {
      sim = previous;
      await target.close();
      await fresh.close();
    }
  });
});

// ------------------------------------------------------------------ vendor failures

describe('vendor failures', () => {
  it('a wrong key → VENDOR_AUTH_FAILED, per key and for lists; garbage keys still null', async () => {
    const wrong = newAdapter({ apiKey: 'evk_wrong' });
    const [a, b] = details();
    const result = await wrong.getInterviews([a.id, 'a/b', b.id]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_AUTH_FAILED, undefined, ErrorCode.VENDOR_AUTH_FAILED]);
    expect(result.results[1]).toBeNull();
    expect((result.results[0] as GatewayError).extensions).toMatchObject({ code: ErrorCode.VENDOR_AUTH_FAILED, provider: Provider.EVALYO });
    expect((await rejection(wrong.listTemplates({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect((await rejection(wrong.discoverInterviews({ checkpoint: null, resume: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(wrong.health()).toMatchObject({ status: 'DEGRADED', lastErrorCode: ErrorCode.VENDOR_AUTH_FAILED });
  });

  it('a key without candidates:read (403) → VENDOR_AUTH_FAILED wherever emails are needed; interviews and reports still work', async () => {
    const limited = newAdapter({ apiKey: NO_CANDIDATES_KEY });
    const picks = byStatus('COMPLETED').slice(0, 2);
    const result = await limited.getInterviews(ids(picks));
    expect((result.results as Interview[]).map((i) => i.candidate)).toEqual(picks.map((d) => deferred(d.candidateId)));
    expect(result.related?.reports?.map((r) => r.report?.locator)).toEqual(ids(picks));
    expect((await limited.listInterviews({ first: 5, after: null })).edges).toHaveLength(5);
    expect(sim.calls()).toEqual({ [INTERVIEW]: 2, [INTERVIEWS]: 1 });
    const accounts = await limited.getCandidates(picks.map((d) => d.candidateId));
    expect(accounts.results.map(codeOf)).toEqual(picks.map(() => ErrorCode.VENDOR_AUTH_FAILED));
    // A failed discovery page waits for its other lookups: no call of it reaches the vendor afterwards.
    sim.resetCalls();
    expect((await rejection(limited.discoverInterviews({ checkpoint: null, resume: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    const made = sim.totalCalls();
    expect(made).toBe(1 + distinctCandidates(details().slice(0, 100)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.totalCalls()).toBe(made);
    const reports = await limited.getReportsForInterviews(ids(picks));
    expect(reports.results.map((r) => (r as Report).locator)).toEqual(ids(picks));
  });

  it('an outage → VENDOR_UNAVAILABLE', async () => {
    sim.configure({ outage: true });
    const result = await adapter.getReportsForInterviews([details()[0].id, details()[1].id]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_UNAVAILABLE, ErrorCode.VENDOR_UNAVAILABLE]);
    expect((await rejection(adapter.listInterviews({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect((await rejection(adapter.discoverInterviews({ checkpoint: null, resume: null }))).code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
  });

  it('429 → VENDOR_RATE_LIMITED with retryAfterSeconds, for that key only', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 7 });
    const [a, b] = dataset.jobs;
    const result = await adapter.getTemplates([a.id, b.id]);
    const errors = result.results.filter((r) => r instanceof Error) as GatewayError[];
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(errors[0].extensions.retryAfterSeconds).toBe(7);
    expect(result.results.filter((r) => r !== null && !(r instanceof Error))).toHaveLength(1);
    // The pause it asked for holds for every call of this account: the next is not sent.
    sim.resetCalls();
    const listed = await rejection(adapter.listInterviews({ first: 5, after: null }));
    expect(listed.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(listed.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(6);
    expect(listed.extensions.retryAfterSeconds).toBeLessThanOrEqual(7);
    expect(sim.calls()).toEqual({});
  });

  it('schema drift on interviews (no status, createdAt as epoch seconds) degrades those fields: the interviews still load, raw keeps what was sent', async () => {
    sim.driftInterviews(true);
    const told: string[] = [];
    const watched = newAdapter({ drift: (field) => told.push(field) });
    const [read] = (await watched.getInterviews([details()[0].id])).results as Interview[];
    expect(read).toMatchObject({ locator: details()[0].id, status: InterviewStatus.UNKNOWN, statusRaw: null, createdAt: null, invitedAt: null });
    expect((read.raw as { createdAt: unknown }).createdAt).toEqual(expect.any(Number));
    expect(told).toContain('createdAt');
    // Without a status there is no claim of completion, so no report.
    expect((await watched.getReportsForInterviews([details()[0].id])).results).toEqual([null]);
    const listed = await watched.listInterviews({ first: 5, after: null });
    expect(listed.edges.map((e) => e.node.status)).toEqual(Array(5).fill(InterviewStatus.UNKNOWN));
    expect((await watched.discoverInterviews({ checkpoint: null, resume: null })).refs.length).toBeGreaterThan(0);
    expect((await watched.listTemplates({ first: 2, after: null })).edges).toHaveLength(2);
  });

  it('a hanging vendor → VENDOR_TIMEOUT', async () => {
    const impatient = newAdapter({ timeoutMs: 200 });
    sim.configure({ hang: true });
    expect((await impatient.getInterviews([details()[0].id])).results.map(codeOf)).toEqual([ErrorCode.VENDOR_TIMEOUT]);
  });
});
