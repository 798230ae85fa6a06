/**
 * The micro1 adapter against the micro1 simulator on port 0: exact upstream calls (counted at
 * the simulator), exact results, exact error codes. Expectations are computed from the
 * simulator's data set, never from the code under test.
 */
import { request } from 'undici';
import { InterviewStatus, type Interview, type Report } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { GatewayError } from '../../src/errors/gateway.error';
import { SHARED_PEOPLE_COUNT, createPeople, varyEmail } from '../../src/vendors/kit/sandbox/data/people';
import { createMicro1Dataset, MICRO1_INVITE_COUNT, MICRO1_POOL_RANGE, type SimInvite, type SimReport } from '../../src/vendors/micro1/sandbox/micro1.data';
import { createSimulator, type Micro1Simulator } from '../../src/vendors/micro1/sandbox/micro1.simulator';
import { micro1 } from '../../src/vendors/micro1';
import { createMicro1Adapter, type Micro1Adapter } from '../../src/vendors/micro1/micro1.adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { codeOf } from '../support/contract-helpers';

const API_KEY = 'micro1-contract-key';
const INVITES = 'GET /interview/invites';
const REPORTS = 'GET /interview/reports';
const INTERVIEWS = 'GET /interviews';

let sim: Micro1Simulator;
let adapter: Micro1Adapter;
const { newAdapter } = describeVendorContract({
  // A 429 test leaves its adapter paused for the Retry-After it was given (as every replica would be).
  freshAdapterPerTest: true,
  simulator: () => createSimulator({ apiKey: API_KEY }),
  createAdapter: createMicro1Adapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
  },
  reset: (s) => {
    s.driftReports(false);
    s.failInterview(null);
    s.envelopeFailure(false);
  },
});

// ------------------------------------------------------------------ expectations from the data set

const data = () => sim.dataset;
const loc = (i: { interview_id: string; candidate_id: string }) => `${i.interview_id}~${i.candidate_id}`;
const reportsOfSession = (i: { interview_id: string; candidate_id: string }) =>
  data().reports.filter((r) => r.interview_id === i.interview_id && r.candidate_id === i.candidate_id);
const reportsOfTemplate = (interviewId: string) => data().reports.filter((r) => r.interview_id === interviewId);
const invitesOfTemplate = (interviewId: string) => data().invites.filter((i) => i.interview_id === interviewId);
/** Pages of 100 needed to read `n` rows when a short page ends the list. */
const pagesFor = (n: number) => Math.floor(n / 100) + 1;
function latestOf(reports: SimReport[]): SimReport | null {
  return [...reports].sort((a, b) => (a.date_created < b.date_created ? 1 : a.date_created > b.date_created ? -1 : 0))[0] ?? null;
}
/** Report calls for a set of sessions: one filtered call for a lone session of a template, the template's pages otherwise. */
function expectedReportCalls(sessions: Array<{ interview_id: string; candidate_id: string }>): number {
  const byTemplate = new Map<string, Set<string>>();
  for (const s of sessions) byTemplate.set(s.interview_id, (byTemplate.get(s.interview_id) ?? new Set()).add(s.candidate_id));
  let calls = 0;
  for (const [interviewId, candidates] of byTemplate) {
    calls +=
      candidates.size === 1
        ? pagesFor(reportsOfSession({ interview_id: interviewId, candidate_id: [...candidates][0] }).length)
        : pagesFor(reportsOfTemplate(interviewId).length);
  }
  return calls;
}
const statusOf = (i: SimInvite) => (reportsOfSession(i).length > 0 ? InterviewStatus.COMPLETED : InterviewStatus.INVITED);
/** A template with at least `n` invites, some with reports, some without. */
function templateWithMixedSessions(): string {
  const t = data().templates.find((tpl) => {
    const invites = invitesOfTemplate(tpl.interview_id);
    return invites.some((i) => statusOf(i) === InterviewStatus.COMPLETED) && invites.some((i) => statusOf(i) === InterviewStatus.INVITED);
  });
  if (!t) throw new Error('data set has no template with both completed and invited sessions');
  return t.interview_id;
}
/** A session with two reports (a retake). */
function retakeSession(): SimInvite {
  const invite = data().invites.find((i) => reportsOfSession(i).length > 1);
  if (!invite) throw new Error('data set has no retake');
  return invite;
}

async function rawGet(path: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  const response = await request(`${sim.url}${path}`, { headers });
  return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as Record<string, unknown> };
}

// ------------------------------------------------------------------ the simulator itself

describe('micro1 simulator', () => {
  it("answers 401 {status:false, message} for a missing or wrong x-api-key, with micro1's CORS headers", async () => {
    const attempts: Array<Record<string, string>> = [{}, { 'x-api-key': 'wrong' }, { authorization: `Bearer ${API_KEY}` }];
    for (const headers of attempts) {
      const answer = await rawGet('/interviews', headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ status: false, message: expect.any(String) });
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['access-control-allow-credentials']).toBe('true');
    }
  });

  it('envelopes lists, pages by page/limit (default 10, capped at 100)', async () => {
    const first = await rawGet('/interview/invites');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: true, message: 'Candidate invites fetched successfully', data: data().invites.slice(0, 10) });
    expect((await rawGet('/interview/invites?page=3&limit=7')).body.data).toEqual(data().invites.slice(14, 21));
    expect((await rawGet('/interview/invites?limit=500')).body.data).toHaveLength(100);
    expect((await rawGet('/interview/invites?page=2&limit=100')).body.data).toEqual(data().invites.slice(100, 200));
    expect((await rawGet('/interview/invites?page=99&limit=100')).body.data).toEqual([]);
  });

  it.each(['page=abc', 'page=0', 'limit=-1', 'limit=1.5'])('answers 400 {status:false, message} for %s', async (query) => {
    const answer = await rawGet(`/interview/reports?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ status: false, message: expect.stringMatching(/must be a positive integer/) });
  });

  it('filters by interview_id, candidate_id and keyword', async () => {
    const invite = data().invites[3];
    const byTemplate = await rawGet(`/interview/invites?interview_id=${invite.interview_id}&limit=100`);
    expect(byTemplate.body.data).toEqual(invitesOfTemplate(invite.interview_id));
    const bySession = await rawGet(`/interview/reports?interview_id=${invite.interview_id}&candidate_id=${invite.candidate_id}&limit=100`);
    expect(bySession.body.data).toEqual(reportsOfSession(invite));
    const byKeyword = await rawGet(`/interview/invites?keyword=${encodeURIComponent(invite.candidate_name.toUpperCase())}&limit=100`);
    expect(byKeyword.body.data).toContainEqual(invite);
    expect((byKeyword.body.data as SimInvite[]).every((i) => i.candidate_name === invite.candidate_name)).toBe(true);
    expect((await rawGet('/interview/invites?interview_id=nope')).body.data).toEqual([]);
  });

  it('serves recordings by report id, 404 when unknown, 400 without one', async () => {
    const report = data().reports[0];
    expect((await rawGet(`/interview/recording?report_id=${report.report_id}`)).body).toEqual({
      status: true,
      video_url: report.interview_recording_url,
    });
    const unknown = await rawGet('/interview/recording?report_id=nope');
    expect([unknown.status, unknown.body.status]).toEqual([404, false]);
    expect((await rawGet('/interview/recording')).status).toBe(400);
  });

  it('answers 500 {status:false} (no message) on injected errors', async () => {
    sim.configure({ errorRate: 1 });
    const answer = await rawGet('/interviews');
    expect([answer.status, answer.body]).toEqual([500, { status: false }]);
  });

  it('holds a deterministic data set with every shared person, emails varied', () => {
    const again = createMicro1Dataset();
    expect(again).toEqual(data());
    const d = data();
    expect(d.templates).toHaveLength(5);
    expect(d.invites).toHaveLength(MICRO1_INVITE_COUNT);
    expect(new Set(d.invites.map(loc)).size).toBe(MICRO1_INVITE_COUNT);
    for (const t of d.templates) {
      expect(t.skills.length).toBeGreaterThanOrEqual(2);
      expect(t.skills.length).toBeLessThanOrEqual(6);
      expect(t.custom_questions.length).toBeLessThanOrEqual(4);
    }
    const people = createPeople();
    for (let index = 0; index < SHARED_PEOPLE_COUNT; index += 1) {
      const candidate = d.candidates.find((c) => c.person.index === index);
      expect(candidate?.email).toBe(varyEmail(people[index].email, index + 1));
      expect(d.invites.some((i) => i.candidate_id === candidate?.candidateId)).toBe(true);
    }
    expect(
      d.candidates.every((c) => c.person.index < SHARED_PEOPLE_COUNT || (c.person.index >= MICRO1_POOL_RANGE.from && c.person.index <= MICRO1_POOL_RANGE.to)),
    ).toBe(true);
    expect(d.candidates.length).toBeGreaterThanOrEqual(200);
    const completed = new Set(d.reports.map(loc)).size;
    expect(completed / d.invites.length).toBeGreaterThan(0.5);
    expect(completed / d.invites.length).toBeLessThan(0.7);
    expect(d.reports.every((r) => r.interview_recording_url.endsWith('.m3u8') && r.report_url.endsWith('.pdf'))).toBe(true);
    const violationTypes = new Set(d.reports.flatMap((r) => r.proctoring_violations.map((v) => v.type)));
    expect([...violationTypes].sort()).toEqual(['ai_classifier', 'eye_movement', 'tab_switch']);
    expect(d.reports.some((r) => r.custom_question_evaluation.some((q) => / Answer$/.test(q.ai_evaluation.rating)))).toBe(true);
    expect(d.reports.some((r) => r.interview_webcam_recording_url)).toBe(true);
  });

  it('is what the registry entry loads', async () => {
    const module = await micro1.loadSimulator!();
    expect(module.createSimulator).toBe(createSimulator);
    expect(micro1.createAdapter).toBe(createMicro1Adapter);
    expect(micro1.descriptor.provider).toBe(Provider.MICRO1);
  });
});

// ------------------------------------------------------------------ templates

describe('templates', () => {
  it('lists every template in one call and says when the list ended', async () => {
    const page = await adapter.listTemplates({ first: 10, after: null });
    expect(page.edges.map((e) => e.node.locator)).toEqual(data().templates.map((t) => t.interview_id));
    expect(page.edges.map((e) => e.cursor)).toEqual(['0', '1', '2', '3', '4']);
    expect(page.hasNextPage).toBe(false);
    expect(page.edges[0].node.raw).toEqual(data().templates[0]);
    expect(page.edges[0].node.questions.map((q) => q.timeLimitSeconds)).toEqual(data().templates[0].custom_questions.map((q) => q.time));
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
  });

  it('pages with offset cursors, one call per page', async () => {
    const seen: string[] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    do {
      const page = await adapter.listTemplates({ first: 2, after });
      seen.push(...page.edges.map((e) => e.node.locator));
      more.push(page.hasNextPage);
      after = page.hasNextPage ? (page.edges.at(-1)?.cursor ?? null) : null;
    } while (after !== null);
    expect(seen).toEqual(data().templates.map((t) => t.interview_id));
    expect(more).toEqual([true, true, false]);
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 3 });
    expect(sim.requests()).toEqual(['GET /interviews?page=1&limit=2', 'GET /interviews?page=2&limit=2', 'GET /interviews?page=3&limit=2']);
  });

  it('continues after an unaligned cursor with one call', async () => {
    const page = await adapter.listTemplates({ first: 2, after: '0' });
    expect(page.edges.map((e) => [e.cursor, e.node.locator])).toEqual([
      ['1', data().templates[1].interview_id],
      ['2', data().templates[2].interview_id],
    ]);
    expect(page.hasNextPage).toBe(true);
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
  });

  it('gets templates by locator in input order, null for unknown or malformed, in one call', async () => {
    const [t0, , t2] = data().templates;
    const result = await adapter.getTemplates([t2.interview_id, 'no-such-id', t0.interview_id, 'a~b', '', t2.interview_id]);
    expect(result.results.map((r) => (r instanceof Error || r === null ? r : r.name))).toEqual([
      t2.interview_name,
      null,
      t0.interview_name,
      null,
      null,
      t2.interview_name,
    ]);
    expect(sim.calls()).toEqual({ [INTERVIEWS]: 1 });
  });

  it('makes no call when no locator can be a template', async () => {
    expect((await adapter.getTemplates(['a~b', ''])).results).toEqual([null, null]);
    expect(sim.totalCalls()).toBe(0);
  });
});

// ------------------------------------------------------------------ interviews

describe('listInterviews', () => {
  it('first 50: one invites call plus one report call per template on the page', async () => {
    const expected = data().invites.slice(0, 50);
    const page = await adapter.listInterviews({ first: 50, after: null });

    expect(page.edges.map((e) => e.node.locator)).toEqual(expected.map(loc));
    expect(page.edges.map((e) => e.cursor)).toEqual(expected.map((_, i) => String(i)));
    expect(page.edges.map((e) => e.node.status)).toEqual(expected.map(statusOf));
    expect(page.hasNextPage).toBe(true);
    expect(sim.calls()).toEqual({ [INVITES]: 1, [REPORTS]: expectedReportCalls(expected) });
    expect(sim.requests()[0]).toBe('GET /interview/invites?page=1&limit=50');
  });

  it('returns the latest report of every session it returns in related.reports', async () => {
    const expected = data().invites.slice(0, 50);
    const page = await adapter.listInterviews({ first: 50, after: null });
    const related = page.related?.reports ?? [];
    expect(related.map((r) => r.interviewLocator)).toEqual(expected.map(loc));
    expect(related.map((r) => r.report?.providerId ?? null)).toEqual(expected.map((i) => latestOf(reportsOfSession(i))?.report_id ?? null));
    for (const edge of page.edges) {
      const latest = latestOf(reportsOfSession(edge.node.raw as SimInvite));
      expect(edge.node.completedAt).toBe(latest ? `${latest.date_created.replace(' ', 'T')}.000Z` : null);
    }
  });

  it("maps a session's fields and keeps the invite row as raw", async () => {
    const invite = data().invites[0];
    const node = (await adapter.listInterviews({ first: 1, after: null })).edges[0].node;
    expect(node).toMatchObject({
      kind: 'Interview',
      provider: Provider.MICRO1,
      locator: loc(invite),
      providerId: loc(invite),
      statusRaw: 'active',
      decision: null,
      candidate: { provider: Provider.MICRO1, providerId: invite.candidate_id, name: invite.candidate_name, email: invite.candidate_email_id },
      templateLocator: invite.interview_id,
      templateName: invite.interview_name,
      inviteUrl: null,
      invitedAt: `${invite.date_created.replace(' ', 'T')}.000Z`,
      startedAt: null,
    });
    expect(node.raw).toEqual(invite);
    // A lone session of its template on the page costs one filtered report call.
    expect(sim.requests()).toEqual([
      'GET /interview/invites?page=1&limit=1',
      `GET /interview/reports?page=1&limit=100&interview_id=${invite.interview_id}&candidate_id=${invite.candidate_id}`,
    ]);
  });

  it.each([37, 50, 100])('pages through everything (first %i): each invite once, in order, one invites call per page', async (first) => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let reportCalls = 0;
    for (;;) {
      sim.resetCalls();
      const page = await adapter.listInterviews({ first, after });
      const expected = data().invites.slice(pages * first, (pages + 1) * first);
      expect(sim.calls()).toEqual(expected.length > 0 ? { [INVITES]: 1, [REPORTS]: expectedReportCalls(expected) } : { [INVITES]: 1 });
      reportCalls += sim.calls()[REPORTS] ?? 0;
      pages += 1;
      seen.push(...page.edges.map((e) => e.node.locator));
      if (!page.hasNextPage) break;
      after = page.edges.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual(data().invites.map(loc));
    expect(pages).toBe(Math.floor(data().invites.length / first) + 1);
    expect(reportCalls).toBeGreaterThan(0);
  });

  it('continues after an unaligned cursor with one invites call', async () => {
    const page = await adapter.listInterviews({ first: 10, after: '4' });
    expect(page.edges.map((e) => e.node.locator)).toEqual(data().invites.slice(5, 15).map(loc));
    expect(page.edges.map((e) => e.cursor)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    expect(sim.calls()[INVITES]).toBe(1);
  });

  it.each([InterviewStatus.COMPLETED, InterviewStatus.INVITED])('filters by derived status %s without gaps or repeats', async (status) => {
    const seen: string[] = [];
    const statuses = new Set<InterviewStatus>();
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await adapter.listInterviews({ first: 20, after, status });
      seen.push(...page.edges.map((e) => e.node.locator));
      page.edges.forEach((e) => statuses.add(e.node.status));
      expect(page.related?.reports?.map((r) => r.interviewLocator)).toEqual(page.edges.map((e) => e.node.locator));
      if (!page.hasNextPage) break;
      expect(page.edges).toHaveLength(20);
      after = page.edges.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual(
      data()
        .invites.filter((i) => statusOf(i) === status)
        .map(loc),
    );
    expect([...statuses]).toEqual([status]);
  });

  it('filters by template, passing interview_id upstream', async () => {
    const interviewId = templateWithMixedSessions();
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await adapter.listInterviews({ first: 10, after, templateLocator: interviewId });
      seen.push(...page.edges.map((e) => e.node.locator));
      if (!page.hasNextPage) break;
      after = page.edges.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual(invitesOfTemplate(interviewId).map(loc));
    expect(
      sim
        .requests()
        .filter((r) => r.startsWith(INVITES))
        .every((r) => r.includes(`interview_id=${interviewId}`)),
    ).toBe(true);
  });

  it('matches nothing, without a call, for a status micro1 cannot report', async () => {
    const page = await adapter.listInterviews({ first: 10, after: null, status: InterviewStatus.IN_PROGRESS });
    expect([page.edges, page.hasNextPage]).toEqual([[], false]);
    expect(sim.totalCalls()).toBe(0);
  });

  it('rejects a cursor it did not issue as BAD_USER_INPUT', async () => {
    await expect(adapter.listInterviews({ first: 10, after: 'bogus' })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    await expect(adapter.listTemplates({ first: 10, after: '-1' })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('getInterviews', () => {
  it('answers in input order, null for unknown and malformed, grouped per template', async () => {
    const multi = templateWithMixedSessions();
    const [a, b] = invitesOfTemplate(multi);
    const lone = data().invites.find((i) => i.interview_id !== multi && reportsOfSession(i).length > 0) as SimInvite;
    const other = data().templates.find((t) => t.interview_id !== multi && t.interview_id !== lone.interview_id)!.interview_id;
    const locators = [loc(b), 'garbage', loc(lone), `${other}~nobody`, loc(a), loc(b), 'x~y~z'];

    const result = await adapter.getInterviews(locators);

    const nodes = result.results as Array<Interview | null>;
    expect(nodes.map((n) => n?.locator ?? null)).toEqual([loc(b), null, loc(lone), null, loc(a), loc(b), null]);
    expect(nodes.map((n) => n?.status ?? null)).toEqual([statusOf(b), null, InterviewStatus.COMPLETED, null, statusOf(a), statusOf(b), null]);
    expect(nodes[2]?.raw).toEqual(lone);
    // Three template groups: each one invites call and one reports call (or the template's pages).
    expect(sim.calls()).toEqual({
      [INVITES]: pagesFor(invitesOfTemplate(multi).length) + 1 + 1,
      [REPORTS]: pagesFor(reportsOfTemplate(multi).length) + pagesFor(reportsOfSession(lone).length) + 1,
    });
    expect(sim.requests()).toContain(`GET /interview/invites?page=1&limit=100&interview_id=${lone.interview_id}&candidate_id=${lone.candidate_id}`);
    const related = new Map((result.related?.reports ?? []).map((r) => [r.interviewLocator, r.report?.providerId ?? null]));
    expect(related).toEqual(new Map([a, b, lone].map((i) => [loc(i), latestOf(reportsOfSession(i))?.report_id ?? null] as const)));
  });

  it('makes no call for malformed locators only', async () => {
    expect((await adapter.getInterviews(['', 'nope', '~', 'a~b~c'])).results).toEqual([null, null, null, null]);
    expect(sim.totalCalls()).toBe(0);
  });
});

// ------------------------------------------------------------------ reports

describe('getReportsForInterviews', () => {
  it('returns the latest report per session, null without one, one report call per template', async () => {
    const retake = retakeSession();
    const noReport = data().invites.find((i) => i.interview_id !== retake.interview_id && reportsOfSession(i).length === 0) as SimInvite;
    const sibling = invitesOfTemplate(retake.interview_id).find((i) => i !== retake) as SimInvite;
    const locators = [loc(retake), loc(noReport), 'junk', `${retake.interview_id}~nobody`, loc(sibling)];

    const result = await adapter.getReportsForInterviews(locators);
    const reports = result.results as Array<Report | null>;

    expect(reports.map((r) => r?.providerId ?? null)).toEqual([
      latestOf(reportsOfSession(retake))?.report_id,
      null,
      null,
      null,
      latestOf(reportsOfSession(sibling))?.report_id ?? null,
    ]);
    expect(reportsOfSession(retake)).toHaveLength(2);
    expect(reports[0]?.interviewLocator).toBe(loc(retake));
    expect(reports[0]?.raw).toEqual(latestOf(reportsOfSession(retake)));
    expect(sim.calls()).toEqual({ [REPORTS]: pagesFor(reportsOfTemplate(retake.interview_id).length) + pagesFor(0) });
  });

  it('normalizes a simulated report end to end', async () => {
    const report = data().reports.find((r) => r.proctoring_violations.length > 0 && r.interview_webcam_recording_url) as SimReport;
    const [normalized] = (await adapter.getReportsForInterviews([loc(report)])).results as Report[];
    const latest = latestOf(reportsOfSession(report)) as SimReport;
    expect(normalized.score).toMatchObject({ raw: latest.ai_match_score, value: null, scale: 'UNKNOWN' });
    expect(normalized.integrity?.violations.map((v) => v.type)).toEqual(latest.proctoring_violations.map((v) => v.type));
    expect(normalized.transcript.map((t) => t.offsetMs)).toEqual(latest.interview_transcript.map((t) => t.timestamp * 1000));
    expect(normalized.recordings.map((r) => r.kind)).toEqual(latest.interview_webcam_recording_url ? ['SCREEN', 'WEBCAM'] : ['SCREEN']);
    expect(normalized.pdfUrl).toBe(latest.report_url);
    expect(sim.calls()).toEqual({ [REPORTS]: 1 });
  });
});

describe('getReports', () => {
  it('finds reports by locator (older retake reports too), one call per session', async () => {
    const retake = retakeSession();
    const [newer, older] = [...reportsOfSession(retake)].sort((x, y) => (x.date_created < y.date_created ? 1 : -1));
    const other = data().reports.find((r) => r.interview_id !== retake.interview_id) as SimReport;
    const locators = [
      `${loc(older)}~${older.report_id}`,
      `${loc(other)}~nope`,
      'x~y',
      `${loc(newer)}~${newer.report_id}`,
      `${other.interview_id}~nobody~${other.report_id}`,
    ];

    const result = await adapter.getReports(locators);
    expect((result.results as Array<Report | null>).map((r) => r?.providerId ?? null)).toEqual([older.report_id, null, null, newer.report_id, null]);
    expect((result.results[0] as Report).locator).toBe(locators[0]);
    expect(sim.calls()).toEqual({ [REPORTS]: 3 });
    expect(result.related?.reports?.find((r) => r.interviewLocator === loc(retake))?.report?.providerId).toBe(newer.report_id);
  });
});

describe('recordings (client)', () => {
  it('fetches the screen recording URL by report id, null for an unknown report', async () => {
    const report = data().reports[5];
    expect(await adapter.client.getRecording({ reportId: report.report_id })).toEqual({ status: true, video_url: report.interview_recording_url });
    expect(await adapter.client.getRecording({ reportId: 'nope' })).toBeNull();
    expect(sim.calls()).toEqual({ 'GET /interview/recording': 2 });
  });
});

// ------------------------------------------------------------------ errors

describe('errors', () => {
  const twoTemplates = () => {
    const a = data().invites[0];
    const b = data().invites.find((i) => i.interview_id !== a.interview_id) as SimInvite;
    return [a, b];
  };

  it('a wrong key: VENDOR_AUTH_FAILED for every key, malformed keys still null', async () => {
    const wrong = newAdapter({ apiKey: 'not-the-key' });
    const [a, b] = twoTemplates();
    const result = await wrong.getInterviews([loc(a), 'junk', loc(b)]);
    expect(result.results.map(codeOf)).toEqual([ErrorCode.VENDOR_AUTH_FAILED, undefined, ErrorCode.VENDOR_AUTH_FAILED]);
    expect(result.results[1]).toBeNull();
    expect((result.results[0] as GatewayError).extensions).toMatchObject({ code: ErrorCode.VENDOR_AUTH_FAILED, provider: Provider.MICRO1 });
    await expect(wrong.listInterviews({ first: 5, after: null })).rejects.toMatchObject({ code: ErrorCode.VENDOR_AUTH_FAILED });
    expect((await wrong.getTemplates([a.interview_id])).results.map(codeOf)).toEqual([ErrorCode.VENDOR_AUTH_FAILED]);
    expect(wrong.health().status).not.toBe('UP');
  });

  it('an outage: VENDOR_UNAVAILABLE', async () => {
    sim.configure({ outage: true });
    const [a, b] = twoTemplates();
    expect((await adapter.getReportsForInterviews([loc(a), loc(b)])).results.map(codeOf)).toEqual([ErrorCode.VENDOR_UNAVAILABLE, ErrorCode.VENDOR_UNAVAILABLE]);
    await expect(adapter.listTemplates({ first: 5, after: null })).rejects.toMatchObject({ code: ErrorCode.VENDOR_UNAVAILABLE });
  });

  it('429: VENDOR_RATE_LIMITED with retryAfterSeconds', async () => {
    sim.configure({ rateLimitNext: 100, rateLimitRetryAfterSeconds: 7 });
    const report = data().reports[0];
    const [error] = (await adapter.getReports([`${loc(report)}~${report.report_id}`])).results;
    expect(codeOf(error)).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect((error as GatewayError).extensions.retryAfterSeconds).toBe(7);
  });

  it('a failed group fails only its own keys', async () => {
    const [a, b] = twoTemplates();
    sim.failInterview(a.interview_id);
    const result = await adapter.getInterviews([loc(a), loc(b)]);
    expect(codeOf(result.results[0])).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect((result.results[1] as Interview).locator).toBe(loc(b));
    expect(result.related?.reports?.map((r) => r.interviewLocator)).toEqual([loc(b)]);
  });

  it('schema drift in reports: VENDOR_BAD_RESPONSE', async () => {
    sim.driftReports(true);
    // Sessions that have reports: an empty list cannot drift.
    const a = data().reports[0];
    const b = data().reports.find((r) => r.interview_id !== a.interview_id) as SimReport;
    expect((await adapter.getReportsForInterviews([loc(a), loc(b)])).results.map(codeOf)).toEqual([
      ErrorCode.VENDOR_BAD_RESPONSE,
      ErrorCode.VENDOR_BAD_RESPONSE,
    ]);
    expect((await adapter.getInterviews([loc(a)])).results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    await expect(adapter.listInterviews({ first: 10, after: null })).rejects.toMatchObject({ code: ErrorCode.VENDOR_BAD_RESPONSE });
    // Templates do not read reports: unaffected.
    expect((await adapter.listTemplates({ first: 1, after: null })).edges).toHaveLength(1);
  });

  it('HTTP 200 with {status:false}: VENDOR_BAD_RESPONSE', async () => {
    sim.envelopeFailure(true);
    expect((await adapter.getTemplates([data().templates[0].interview_id])).results.map(codeOf)).toEqual([ErrorCode.VENDOR_BAD_RESPONSE]);
    await expect(adapter.listInterviews({ first: 10, after: null })).rejects.toMatchObject({ code: ErrorCode.VENDOR_BAD_RESPONSE });
  });

  it('no answer within the timeout: VENDOR_TIMEOUT', async () => {
    const impatient = newAdapter({ timeoutMs: 150 });
    sim.configure({ hang: true });
    await expect(impatient.listTemplates({ first: 1, after: null })).rejects.toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT });
  });
});
