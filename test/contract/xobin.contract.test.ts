/**
 * The Xobin adapter against the Xobin simulator on port 0: exact upstream calls (counted at the
 * simulator), paging, discovery passes, nulls, typed errors. Also pins the simulator's own vendor
 * behaviour (shapes, error bodies, `is_downloadable`) since the adapter is only as good as it.
 */
import pino from 'pino';
import {
  InterviewStatus,
  Recommendation,
  RecordingFormat,
  RecordingKind,
  ScorecardCategory,
  TurnMode,
  type Interview,
  type Report,
} from '../../src/domain/model';
import { ErrorCode } from '../../src/errors/error-code';
import { GatewayError } from '../../src/errors/gateway.error';
import { DATA_EPOCH, SHARED_PEOPLE_COUNT } from '../../src/vendors/kit/sandbox/data/people';
import { XOBIN_POOL_RANGE, XOBIN_STATUS_WORDS, type XobinResponseRecord } from '../../src/vendors/xobin/sandbox/xobin.data';
import { createSimulator, sandboxOptions, type XobinDataset, type XobinSimulator } from '../../src/vendors/xobin/sandbox/xobin.simulator';
import { xobin } from '../../src/vendors/xobin';
import { createXobinAdapter, type XobinAdapter } from '../../src/vendors/xobin/xobin.adapter';
import { XOBIN_DISCOVERY_BATCH } from '../../src/vendors/xobin/xobin.reads';
import { mapXobinStatus } from '../../src/vendors/xobin/xobin.normalize';
import type { DiscoveryPage } from '../../src/vendors/vendor-adapter';
import { adapterFactory } from '../support/adapter-factory';
import { describeVendorContract } from '../support/vendor-contract';
import completedSketch from '../fixtures/vendors/xobin/report.completed.seed001.json';
import pendingSketch from '../fixtures/vendors/xobin/report.pending.seed001.json';
import { interviewSortTime } from '../../src/domain/interview';
import { allInterviewPages, codeOf, rejection } from '../support/contract-helpers';
import type { VendorAdapter } from '../../src/vendors/vendor-adapter';

const API_KEY = 'xobin_contract_test_key';
const REPORT = 'GET /ai-interviews/report/:response_id';
const REPORT_BY_FIELD = 'GET /ai-interviews/report';
const INVITED = 'GET /ai-interviews/invited/:ai_interview_id';

let sim: XobinSimulator;
let adapter: XobinAdapter;
let dataset: XobinDataset;
const { newAdapter } = describeVendorContract({
  // A 429 test leaves its adapter paused for the Retry-After it was given (as every replica would be).
  freshAdapterPerTest: true,
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: (deps, s) => createXobinAdapter({ ...deps, options: sandboxOptions(s) }),
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    dataset = sim.dataset;
  },
  reset: (s) => {
    s.driftReports(false);
  },
});

const byStatus = (word: string) => dataset.responses.filter((r) => r.status === word);
const ids = (records: readonly XobinResponseRecord[]) => records.map((r) => String(r.responseId));
const locators = (edges: ReadonlyArray<{ node: { locator: string } }>) => edges.map((e) => e.node.locator);

/** Every page of listInterviews (this file's adapter unless another is given). */
const allPages = (args: Parameters<typeof allInterviewPages>[1], target: VendorAdapter = adapter) => allInterviewPages(target, args);

describe('the simulator data set', () => {
  it('4 AI interviews, 216 responses, ≥200 distinct people: every shared person and all of Xobin’s slice', () => {
    expect(dataset.aiInterviews.map((a) => [a.id, a.responses.length])).toEqual([
      [206, 56],
      [211, 54],
      [305, 54],
      [318, 52],
    ]);
    const people = new Set(dataset.responses.map((r) => r.personIndex));
    expect(people.size).toBe(212);
    for (let p = 0; p < SHARED_PEOPLE_COUNT; p += 1) expect(people.has(p)).toBe(true);
    for (let p = XOBIN_POOL_RANGE.from; p <= XOBIN_POOL_RANGE.to; p += 1) expect(people.has(p)).toBe(true);
    expect([...people].every((p) => p < SHARED_PEOPLE_COUNT || (p >= XOBIN_POOL_RANGE.from && p <= XOBIN_POOL_RANGE.to))).toBe(true);
    // The same person keeps one candidate_id across AI interviews.
    const byPerson = new Map<number, Set<number>>();
    for (const r of dataset.responses) byPerson.set(r.personIndex, (byPerson.get(r.personIndex) ?? new Set()).add(r.candidateId));
    expect([...byPerson.values()].every((set) => set.size === 1)).toBe(true);
  });

  it('every status word in every AI interview; integer ids ascending in list order; everything before DATA_EPOCH', () => {
    for (const a of dataset.aiInterviews) {
      for (const word of XOBIN_STATUS_WORDS) expect(a.responses.some((r) => r.status === word)).toBe(true);
      const responseIds = a.responses.map((r) => r.responseId);
      expect(responseIds).toEqual([...responseIds].sort((x, y) => x - y));
    }
    expect(new Set(dataset.responses.map((r) => r.responseId)).size).toBe(dataset.responses.length);
    expect(dataset.responses.every((r) => Number.isInteger(r.responseId) && Number.isInteger(r.candidateId))).toBe(true);
    expect(Math.max(...dataset.responses.map((r) => r.lastUpdatedAt))).toBeLessThan(DATA_EPOCH);
  });

  it('completed reports: ms timestamps, code turns in the technical interviews, 0–10 integrity floats, multi-session recordings', () => {
    const done = byStatus('Completed');
    expect(done.every((r) => (r.report.conversation ?? []).every((m) => m.timestamp > 1e12 && m.timestamp < DATA_EPOCH))).toBe(true);
    const withCode = new Set(done.filter((r) => r.report.conversation!.some((m) => m.mode === 'code')).map((r) => r.aiInterviewId));
    expect([...withCode].sort()).toEqual([211, 305]);
    expect(done.some((r) => !Number.isInteger(r.report.integrity_score))).toBe(true);
    expect(done.every((r) => r.report.integrity_score! >= 0 && r.report.integrity_score! <= 10)).toBe(true);
    expect(done.some((r) => Object.keys(r.recordings).length > 1)).toBe(true);
    expect(new Set(done.map((r) => r.report.recommendation))).toEqual(new Set(['Highly Recommended', 'Recommended', 'Not Recommended']));
  });

  it('is deterministic, and sandbox mode configures every AI interview', async () => {
    const module = await xobin.loadSimulator!();
    const other = (await module.createSimulator({ apiKey: 'k' })) as XobinSimulator;
    try {
      expect(ids(other.dataset.responses)).toEqual(ids(dataset.responses));
      expect(other.dataset.responses[7].report).toEqual(dataset.responses[7].report);
      expect(module.sandboxOptions?.(other)).toEqual({ AI_INTERVIEW_IDS: '206,211,305,318' });
    } finally {
      await other.close();
    }
  });
});

describe('getInterviews', () => {
  it('one report call per distinct id (with is_downloadable), answers in order, reports as related', async () => {
    const picks = [...byStatus('Completed').slice(0, 3), ...byStatus('Pending').slice(0, 2), ...byStatus('Started').slice(0, 2)];
    const result = await adapter.getInterviews([...ids(picks), ids(picks)[0]]);
    expect(sim.calls()).toEqual({ [REPORT]: 7 });
    expect(sim.requests().every((r) => /^GET \/ai-interviews\/report\/\d+\?is_downloadable=true$/.test(r))).toBe(true);
    const interviews = result.results as Interview[];
    expect(interviews.map((i) => i.locator)).toEqual([...ids(picks), ids(picks)[0]]);
    expect(interviews.map((i) => i.status)).toEqual([
      ...Array(3).fill(InterviewStatus.COMPLETED),
      InterviewStatus.INVITED,
      InterviewStatus.INVITED,
      InterviewStatus.IN_PROGRESS,
      InterviewStatus.IN_PROGRESS,
      InterviewStatus.COMPLETED,
    ]);
    const first = picks[0];
    expect(interviews[0]).toMatchObject({
      provider: 'XOBIN',
      providerId: String(first.responseId),
      candidate: { provider: 'XOBIN', providerId: String(first.candidateId), name: first.name, email: first.email },
      templateLocator: String(first.aiInterviewId),
      templateName: dataset.aiInterview(first.aiInterviewId)!.name,
      completedAt: new Date(first.completedAt!).toISOString(),
    });
    expect(interviews[0].raw).toMatchObject({ response_id: first.responseId, invite_status: 'Completed' });
    const reports = result.related?.reports ?? [];
    expect(reports.map((r) => [r.interviewLocator, r.report !== null])).toEqual(ids(picks).map((id, i) => [id, i < 3]));
    // Completed reports reveal their (configured) AI interview's name and skills.
    const templates = result.related?.templates ?? [];
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) expect(t.skills.length).toBeGreaterThan(0);
  });

  it('unknown ids → null (one call); garbage ids → null without a request', async () => {
    const known = ids(dataset.responses.slice(0, 1))[0];
    const result = await adapter.getInterviews([known, '999999', '', '0', '07', '-3', '12.5', 'abc', '../invited/206', '1'.repeat(30)]);
    expect(sim.calls()).toEqual({ [REPORT]: 2 });
    expect(result.results.map((r) => (r as Interview | null)?.locator ?? null)).toEqual([known, ...Array(9).fill(null)]);
  });
});

describe('reports', () => {
  const multiSession = () => byStatus('Completed').find((r) => Object.keys(r.recordings).length > 1 && r.aiInterviewId === 305)!;

  it('getReportsForInterviews: one call each; report or null; no related', async () => {
    const done = multiSession();
    const pending = byStatus('Pending')[0];
    const started = byStatus('Started')[0];
    const result = await adapter.getReportsForInterviews([String(done.responseId), String(pending.responseId), String(started.responseId), '999999', 'x']);
    expect(sim.calls()).toEqual({ [REPORT]: 4 });
    const [report, notYet, notYetEither, unknown, garbage] = result.results;
    expect([notYet, notYetEither, unknown, garbage]).toEqual([null, null, null, null]);
    const r = report as Report;
    expect(r).toMatchObject({ locator: String(done.responseId), interviewLocator: String(done.responseId), summary: done.report.candidate_summary });
    expect(r.score).toEqual({ value: null, raw: done.report.score, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null });
    expect(r.recommendation).toBe(
      { 'Highly Recommended': Recommendation.STRONG_YES, Recommended: Recommendation.YES, 'Not Recommended': Recommendation.NO }[done.report.recommendation!],
    );
    expect(r.integrity!.score).toMatchObject({ raw: done.report.integrity_score, value: Math.round(done.report.integrity_score! * 1000) / 100 });
    expect(r.scorecard!.items.map((i) => [i.category, i.name, i.score!.raw])).toEqual([
      ...done.report.skill_wise_scores!.must_haves.map((s) => [ScorecardCategory.MUST_HAVE, s.skill_name, s.score]),
      ...done.report.skill_wise_scores!.nice_to_haves.map((s) => [ScorecardCategory.NICE_TO_HAVE, s.skill_name, s.score]),
    ]);
    expect(r.transcript.map((t) => t.at)).toEqual(done.report.conversation!.map((m) => new Date(m.timestamp).toISOString()));
    expect(r.transcript.filter((t) => t.mode === TurnMode.CODE).length).toBe(done.report.conversation!.filter((m) => m.mode === 'code').length);
    expect(r.transcript.some((t) => t.mode === TurnMode.CODE)).toBe(true);
    expect(result.related).toBeUndefined();
  });

  it('recordings: one VIDEO/WEBM per session, signed per response, expiring an hour from now', async () => {
    const done = multiSession();
    const before = Math.floor(Date.now() / 1000);
    const report = (await adapter.getReports([String(done.responseId)])).results[0] as Report;
    const after = Math.floor(Date.now() / 1000);
    expect(report.recordings.map((r) => [r.kind, r.format, r.sessionKey])).toEqual(
      Object.keys(done.recordings).map((key) => [RecordingKind.VIDEO, RecordingFormat.WEBM, key]),
    );
    for (const recording of report.recordings) {
      expect(recording.url).toMatch(/\.webm\?Expires=\d+&Signature=/);
      const expires = Date.parse(recording.expiresAt!) / 1000;
      expect(expires).toBeGreaterThanOrEqual(before + 3600);
      expect(expires).toBeLessThanOrEqual(after + 3600);
    }
  });

  it('getReports: report locator = response id; the same call answers "the report of that interview"', async () => {
    const done = byStatus('Completed')[4];
    const pending = byStatus('Pending')[4];
    const result = await adapter.getReports([String(done.responseId), String(pending.responseId)]);
    expect(sim.calls()).toEqual({ [REPORT]: 2 });
    expect(result.results.map((r) => (r as Report | null)?.locator ?? null)).toEqual([String(done.responseId), null]);
    expect(result.related?.reports?.map((r) => [r.interviewLocator, r.report?.locator ?? null])).toEqual([
      [String(done.responseId), String(done.responseId)],
      [String(pending.responseId), null],
    ]);
  });

  it('custom_field_id lookups through the client echo the id; unknown → null', async () => {
    const record = dataset.responses.find((r) => r.customFieldId && r.status === 'Completed')!;
    const read = await adapter.client.getReportByCustomField(record.customFieldId!);
    expect(read?.parsed).toMatchObject({ response_id: record.responseId, custom_field_id: record.customFieldId });
    expect(read?.raw).toMatchObject({ response_id: record.responseId, custom_field_id: record.customFieldId });
    expect(await adapter.client.getReportByCustomField('ATS-NOPE')).toBeNull();
    expect(sim.calls()).toEqual({ [REPORT_BY_FIELD]: 2 });
    expect(sim.requests()[0]).toBe(`GET /ai-interviews/report?custom_field_id=${record.customFieldId}&is_downloadable=true`);
  });
});

describe('templates', () => {
  it('getTemplates: configured ids only; each costs its invitee list + one report (the first completed response)', async () => {
    const result = await adapter.getTemplates(['211', '999', 'abc', '206', '211']);
    expect(sim.calls()).toEqual({ [INVITED]: 2, [REPORT]: 2 });
    const [t211, unconfigured, garbage, t206, again] = result.results as Array<{ name: string; skills: Array<{ name: string }> } | null>;
    expect([unconfigured, garbage]).toEqual([null, null]);
    expect(t211!.name).toBe('Senior Data Engineer');
    expect(t211!.skills.map((s) => s.name)).toEqual(['SQL', 'Python', 'Data modelling', 'Apache Spark', 'Airflow']);
    expect(t206!.name).toBe('Customer Support Specialist');
    expect(again).toEqual(t211);
    const firstCompleted211 = dataset.aiInterview(211)!.responses.find((r) => r.status === 'Completed')!;
    expect(sim.requests()).toContain(`GET /ai-interviews/report/${firstCompleted211.responseId}?is_downloadable=true`);
    // The report read on the way is an Interview and a Report too.
    expect(result.related?.reports?.map((r) => r.interviewLocator).sort()).toEqual(
      [firstCompleted211.responseId, dataset.aiInterview(206)!.responses.find((r) => r.status === 'Completed')!.responseId].map(String).sort(),
    );
  });

  it('listTemplates: the configured AI interviews in order, offset cursors', async () => {
    const page1 = await adapter.listTemplates({ first: 3, after: null });
    expect(page1.edges.map((e) => [e.node.locator, e.cursor])).toEqual([
      ['206', '0'],
      ['211', '1'],
      ['305', '2'],
    ]);
    expect(page1.hasNextPage).toBe(true);
    const page2 = await adapter.listTemplates({ first: 3, after: '2' });
    expect(page2.edges.map((e) => [e.node.name, e.cursor])).toEqual([['Sales Development Representative', '3']]);
    expect(page2.hasNextPage).toBe(false);
    expect(sim.calls()).toEqual({ [INVITED]: 4, [REPORT]: 4 });
  });
});

describe('listInterviews', () => {
  it('first:50 from the start: one invitee list + one report per edge, in list order', async () => {
    const page = await adapter.listInterviews({ first: 50, after: null });
    expect(locators(page.edges)).toEqual(ids(dataset.responses.slice(0, 50)));
    expect(page.hasNextPage).toBe(true);
    expect(sim.calls()).toEqual({ [INVITED]: 1, [REPORT]: 50 });
    expect(page.edges[0].cursor).toBe('206:0');
    expect(page.edges[49].cursor).toBe('206:49');
    // Full Interviews (the rows carry no email): names, emails, and the row's last_updated_at.
    const first = dataset.responses[0];
    expect(page.edges[0].node).toMatchObject({ candidate: { email: first.email, name: first.name }, updatedAt: new Date(first.lastUpdatedAt).toISOString() });
    // Every edge's report (null while unfinished) comes back related.
    expect(page.related?.reports?.map((r) => [r.interviewLocator, r.report !== null])).toEqual(
      dataset.responses.slice(0, 50).map((r) => [String(r.responseId), r.status === 'Completed']),
    );
    expect(page.related?.templates?.map((t) => t.locator)).toEqual(['206']);
  });

  it.each([7, 25, 56, 100])('paging with first:%i returns every interview exactly once, in order', async (first) => {
    const pages = await allPages({ first });
    expect(pages.flatMap((p) => locators(p.edges))).toEqual(ids(dataset.responses));
    expect(pages.slice(0, -1).every((p) => p.edges.length === first)).toBe(true);
    expect(pages[pages.length - 1].hasNextPage).toBe(false);
    // Reports are read once per interview, never for rows outside a page.
    expect(sim.calls()[REPORT]).toBe(dataset.responses.length);
  });

  it('a cursor inside a list continues with that list only', async () => {
    const page1 = await adapter.listInterviews({ first: 5, after: null });
    sim.resetCalls();
    const page2 = await adapter.listInterviews({ first: 5, after: page1.edges[4].cursor });
    expect(locators(page2.edges)).toEqual(ids(dataset.responses.slice(5, 10)));
    expect(sim.calls()).toEqual({ [INVITED]: 1, [REPORT]: 5 });
  });

  it('a page that ends exactly where a list ends is continued by the next list', async () => {
    const size = dataset.aiInterviews[0].responses.length;
    const page1 = await adapter.listInterviews({ first: size, after: null });
    expect(page1.edges).toHaveLength(size);
    // Conservative: later lists may hold interviews (they do).
    expect(page1.hasNextPage).toBe(true);
    sim.resetCalls();
    const page2 = await adapter.listInterviews({ first: 3, after: page1.edges[size - 1].cursor });
    expect(locators(page2.edges)).toEqual(ids(dataset.responses.slice(size, size + 3)));
    expect(sim.calls()).toEqual({ [INVITED]: 2, [REPORT]: 3 });
  });

  it.each([InterviewStatus.COMPLETED, InterviewStatus.INVITED, InterviewStatus.IN_PROGRESS])(
    'status %s is matched on the invitee rows: reports are read for matches only',
    async (status) => {
      const expected = dataset.responses.filter((r) => mapXobinStatus(r.status) === status);
      const pages = await allPages({ first: 9, status });
      const seen = pages.flatMap((p) => p.edges.map((e) => e.node));
      expect(seen.map((i) => i.locator)).toEqual(ids(expected));
      expect(seen.every((i) => i.status === status)).toBe(true);
      expect(sim.calls()[REPORT]).toBe(expected.length);
    },
  );

  it('statuses no Xobin word produces match nothing, without a call', async () => {
    for (const status of [InterviewStatus.PROCESSING, InterviewStatus.CANCELLED, InterviewStatus.EXPIRED]) {
      expect(await adapter.listInterviews({ first: 10, after: null, status })).toEqual({ edges: [], hasNextPage: false, related: { reports: [] } });
    }
    expect(sim.totalCalls()).toBe(0);
  });

  it('with a template: only its list; exact hasNextPage when the list holds the answer', async () => {
    const ai = dataset.aiInterviews[2];
    const pages = await allPages({ first: 20, templateLocator: String(ai.id) });
    expect(pages.flatMap((p) => locators(p.edges))).toEqual(ids(ai.responses));
    expect(pages).toHaveLength(Math.ceil(ai.responses.length / 20));
    expect(sim.calls()).toEqual({ [INVITED]: pages.length, [REPORT]: ai.responses.length });
    const all = await adapter.listInterviews({ first: ai.responses.length, after: null, templateLocator: String(ai.id) });
    expect(all.hasNextPage).toBe(false);
  });

  it('an unconfigured or garbage template lists nothing, without a call', async () => {
    for (const templateLocator of ['999', '0', 'abc', '../../admin']) {
      expect(await adapter.listInterviews({ first: 10, after: null, templateLocator })).toEqual({ edges: [], hasNextPage: false });
    }
    expect(sim.totalCalls()).toBe(0);
  });

  it('rejects malformed cursors, cursors of another template and bad page sizes without calling the vendor', async () => {
    for (const after of ['garbage', '206', '206:x', '999:3']) {
      expect((await rejection(adapter.listInterviews({ first: 10, after }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    }
    expect((await rejection(adapter.listInterviews({ first: 10, after: '206:3', templateLocator: '211' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listInterviews({ first: 0, after: null }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((await rejection(adapter.listTemplates({ first: 5, after: 'x' }))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('discoverInterviews', () => {
  let own: XobinSimulator;
  let discoverer: XobinAdapter;
  const ownAdapters = adapterFactory(
    (deps) => createXobinAdapter({ ...deps, options: sandboxOptions(own) }),
    () => own,
  );

  beforeAll(async () => {
    // Its own simulator: this suite adds responses.
    own = await createSimulator({ apiKey: API_KEY, port: 0 });
    discoverer = ownAdapters.make();
  });

  afterAll(async () => {
    await ownAdapters.closeAll();
    await own.close();
  });

  beforeEach(() => own.resetCalls());

  /** A whole pass: every page, with the calls each page made. */
  async function pass(checkpoint: string | null): Promise<{ pages: DiscoveryPage[]; calls: Array<Record<string, number>> }> {
    const pages: DiscoveryPage[] = [];
    const calls: Array<Record<string, number>> = [];
    let resume: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      own.resetCalls();
      const page = await discoverer.discoverInterviews({ checkpoint, resume });
      pages.push(page);
      calls.push(own.calls());
      if (page.resume === null) return { pages, calls };
      expect(page.checkpoint).toBeNull();
      resume = page.resume;
    }
    throw new Error('the pass did not end');
  }

  const batches = (n: number) => Math.max(1, Math.ceil(n / XOBIN_DISCOVERY_BATCH));

  it('a first pass indexes every response with its email, one AI interview (≤ 50 reports) per page', async () => {
    const { pages, calls } = await pass(null);
    const sizes = own.dataset.aiInterviews.map((a) => a.responses.length);
    expect(pages).toHaveLength(sizes.reduce((n, size) => n + batches(size), 0));
    expect(calls).toEqual(
      sizes.flatMap((size) =>
        Array.from({ length: batches(size) }, (_, b) => ({ [INVITED]: 1, [REPORT]: Math.min(XOBIN_DISCOVERY_BATCH, size - b * XOBIN_DISCOVERY_BATCH) })),
      ),
    );
    const refs = pages.flatMap((p) => p.refs);
    expect(refs.map((r) => r.locator).sort()).toEqual(ids(own.dataset.responses).sort());
    const first = own.dataset.responses[0];
    expect(refs.find((r) => r.locator === String(first.responseId))).toEqual({
      locator: String(first.responseId),
      email: first.email,
      name: first.name,
      candidateProviderId: String(first.candidateId),
      // Xobin dates no invite: the ref carries the interview's earliest known activity.
      createdAt: interviewSortTime(pages.flatMap((p) => p.related?.interviews ?? []).find((i) => i.locator === String(first.responseId))!),
    });
    expect(refs.every((r) => r.createdAt === null || !Number.isNaN(Date.parse(r.createdAt)))).toBe(true);
    // What was fetched on the way is handed back: every interview, and its report (null while unfinished).
    const interviews = pages.flatMap((p) => p.related?.interviews ?? []);
    expect(interviews).toHaveLength(own.dataset.responses.length);
    expect(pages.flatMap((p) => p.related?.reports ?? []).filter((r) => r.report !== null)).toHaveLength(
      own.dataset.responses.filter((r) => r.status === 'Completed').length,
    );
    expect(JSON.parse(pages[pages.length - 1].checkpoint!)).toEqual({
      v: 1,
      hi: Object.fromEntries(own.dataset.aiInterviews.map((a) => [String(a.id), a.responses[a.responses.length - 1].responseId])),
    });
  });

  it('a later pass reads only the reports of responses added since the checkpoint', async () => {
    const { pages: first } = await pass(null);
    const checkpoint = first[first.length - 1].checkpoint!;
    const added = [own.addResponse(211), own.addResponse(318, 'Completed')];

    const { pages, calls } = await pass(checkpoint);
    expect(pages).toHaveLength(4);
    expect(calls).toEqual([{ [INVITED]: 1 }, { [INVITED]: 1, [REPORT]: 1 }, { [INVITED]: 1 }, { [INVITED]: 1, [REPORT]: 1 }]);
    const relatedById = new Map(pages.flatMap((p) => p.related?.interviews ?? []).map((i) => [i.locator, i]));
    expect(pages.flatMap((p) => p.refs)).toEqual(
      added.map((r) => ({
        locator: String(r.responseId),
        email: r.email,
        name: r.name,
        candidateProviderId: String(r.candidateId),
        createdAt: interviewSortTime(relatedById.get(String(r.responseId))!),
      })),
    );
    expect(pages[3].related?.reports?.[0].report?.locator).toBe(String(added[1].responseId));

    // Nothing new: list calls only.
    const { calls: idle } = await pass(pages[pages.length - 1].checkpoint);
    expect(idle).toEqual(Array(4).fill({ [INVITED]: 1 }));
  });

  it('an unreadable checkpoint starts a full pass; an unreadable resume token restarts the pass', async () => {
    own.resetCalls();
    const page = await discoverer.discoverInterviews({ checkpoint: 'garbage', resume: null });
    expect(page.refs).toHaveLength(XOBIN_DISCOVERY_BATCH);
    const restarted = await discoverer.discoverInterviews({ checkpoint: null, resume: '{"v":1,"next":"x"}' });
    expect(restarted.refs.map((r) => r.locator)).toEqual(page.refs.map((r) => r.locator));
  });

  it('a failed call fails the page; retrying the same tokens resumes where it was', async () => {
    own.configure({ outage: true });
    try {
      expect((await rejection(discoverer.discoverInterviews({ checkpoint: null, resume: null }))).code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    } finally {
      own.configure({ outage: false });
    }
    expect((await discoverer.discoverInterviews({ checkpoint: null, resume: null })).refs).toHaveLength(XOBIN_DISCOVERY_BATCH);
  });
});

describe('vendor failures', () => {
  it('a wrong key → VENDOR_AUTH_FAILED, per key and for lists', async () => {
    const wrong = newAdapter({ apiKey: 'wrong' });
    const result = await wrong.getInterviews(ids(dataset.responses.slice(0, 2)));
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_AUTH_FAILED, ErrorCode.VENDOR_AUTH_FAILED]);
    expect((await rejection(wrong.listInterviews({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect((await rejection(wrong.discoverInterviews({ checkpoint: null, resume: null }))).code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(wrong.health()).toMatchObject({ status: 'DEGRADED', lastErrorCode: ErrorCode.VENDOR_AUTH_FAILED });
  });

  it('an outage → VENDOR_UNAVAILABLE', async () => {
    sim.configure({ outage: true });
    const result = await adapter.getReportsForInterviews(ids(dataset.responses.slice(0, 1)));
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_UNAVAILABLE]);
    expect((await rejection(adapter.listInterviews({ first: 5, after: null }))).code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    const templates = await adapter.getTemplates(['206']);
    expect(templates.results.map(codeOf)).toEqual([ErrorCode.VENDOR_UNAVAILABLE]);
  });

  it('429 → VENDOR_RATE_LIMITED with retryAfterSeconds, for that key only', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 7 });
    const result = await adapter.getInterviews(ids(byStatus('Completed').slice(0, 2)));
    const errors = result.results.filter((r) => r instanceof Error) as GatewayError[];
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(errors[0].extensions.retryAfterSeconds).toBe(7);
    expect(result.results.filter((r) => r !== null && !(r instanceof Error))).toHaveLength(1);
  });

  it('schema drift on reports → VENDOR_BAD_RESPONSE per key, and for a list page that needs them', async () => {
    sim.driftReports(true);
    const result = await adapter.getInterviews(ids(dataset.responses.slice(0, 1)));
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    expect((await adapter.getReports(ids(dataset.responses.slice(0, 1)))).results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    expect((await rejection(adapter.listInterviews({ first: 3, after: null }))).code).toBe(ErrorCode.VENDOR_BAD_RESPONSE);
    // The invitee lists themselves still parse: the page fails only because its reports do.
    expect(sim.calls()[INVITED]).toBe(1);
    sim.driftReports(false);
    expect((await adapter.listInterviews({ first: 3, after: null })).edges).toHaveLength(3);
  });

  it('a hanging vendor → VENDOR_TIMEOUT', async () => {
    const impatient = newAdapter({ timeoutMs: 200 });
    sim.configure({ hang: true });
    const result = await impatient.getInterviews(ids(dataset.responses.slice(0, 1)));
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_TIMEOUT]);
  });

  it('a bad XOBIN_AI_INTERVIEW_IDS fails at construction, naming the variable', () => {
    expect(() => createXobinAdapter({ ...adapterDeps(), options: { AI_INTERVIEW_IDS: '206,two-eleven' } })).toThrow(
      'XOBIN_AI_INTERVIEW_IDS must be a comma-separated list of Xobin ai_interview_id values (positive integers, e.g. "206,211"); "two-eleven" is not one.',
    );
  });
});

describe('the simulator speaks Xobin', () => {
  const get = (path: string, headers: Record<string, string> = { apiKey: API_KEY }) => fetch(`${sim.url}${path}`, { headers });
  const completed = () => byStatus('Completed').find((r) => r.customFieldId)!;

  it('401 {error} without the apiKey header or with a wrong one', async () => {
    for (const headers of [{}, { apiKey: 'wrong' }, { 'x-api-key': API_KEY }] as Array<Record<string, string>>) {
      const response = await get('/ai-interviews/invited/206', headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Invalid API key' });
    }
  });

  it('the completed report in seed 001’s key order (by custom_field_id, downloadable)', async () => {
    const record = completed();
    const body = (await (await get(`/ai-interviews/report?custom_field_id=${record.customFieldId}&is_downloadable=true`)).json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(completedSketch));
    expect(body.custom_field_id).toBe(record.customFieldId);
    expect(Object.keys(body.interview_recording as object)).toEqual(Object.keys(record.recordings));
  });

  it('by response_id: no custom_field_id; recordings only with is_downloadable=true', async () => {
    const record = completed();
    const plain = (await (await get(`/ai-interviews/report/${record.responseId}`)).json()) as Record<string, unknown>;
    expect(plain.custom_field_id).toBeUndefined();
    expect(plain.interview_recording).toBeUndefined();
    const downloadable = (await (await get(`/ai-interviews/report/${record.responseId}?is_downloadable=true`)).json()) as Record<string, unknown>;
    expect(Object.values(downloadable.interview_recording as object).every((url) => /\.webm\?Expires=\d+/.test(url as string))).toBe(true);
  });

  it('the reduced object while unfinished (seed 001’s second shape)', async () => {
    for (const word of ['Pending', 'Started']) {
      const record = dataset.responses.find((r) => r.status === word && r.customFieldId)!;
      const body = (await (await get(`/ai-interviews/report?custom_field_id=${record.customFieldId}&is_downloadable=true`)).json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(Object.keys(pendingSketch));
      expect(body.invite_status).toBe(word);
    }
  });

  it('the invitee list is a bare array in invite order', async () => {
    const body = (await (await get('/ai-interviews/invited/211')).json()) as Array<Record<string, unknown>>;
    expect(body).toEqual(dataset.aiInterview(211)!.responses.map((r) => r.invitee));
    expect(Object.keys(body[0])).toEqual(['ai_interview_id', 'candidate_id', 'invite_status', 'last_updated_at', 'response_id']);
    expect(body[0].last_updated_at).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('400 for non-integer ids or no id at all; 404 {error} for unknown ones', async () => {
    for (const path of ['/ai-interviews/report/abc', '/ai-interviews/invited/2.5', '/ai-interviews/report']) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
    for (const path of ['/ai-interviews/report/1', '/ai-interviews/invited/1', '/ai-interviews/report?custom_field_id=NOPE']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('429 {error} with Retry-After', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 3 });
    const response = await get('/ai-interviews/invited/206');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });
});

/** Deps for adapters built outside the factory (custom options). */
function adapterDeps() {
  return { apiKey: API_KEY, baseUrl: sim.url, options: sandboxOptions(sim), timeoutMs: 5000, connectTimeoutMs: 1000, logger: pino({ level: 'silent' }) };
}
