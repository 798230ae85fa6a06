/**
 * The Evalyo simulator finishing sessions (`simulateCompletion`, `POST /__sim/complete/:id`), as
 * Evalyo's agent finalizes an interview: every read route then shows it COMPLETED, and the adapter
 * reads it so. Evalyo sends no webhooks, so none are sent. Its own simulator: completions change
 * the data set the other Evalyo suites count.
 */
import { request } from 'undici';
import { InterviewStatus, type Report } from '../../src/domain/model';
import {
  completeEvalyoInterview,
  createEvalyoDataset,
  isUsualEvaluation,
  type SimInterview,
  type SimInterviewDetail,
  type SimReport,
  type SimTurn,
} from '../../src/vendors/evalyo/sandbox/evalyo.data';
import { createSimulator, type EvalyoSimulator } from '../../src/vendors/evalyo/sandbox/evalyo.simulator';
import { createEvalyoAdapter, type EvalyoAdapter } from '../../src/vendors/evalyo/evalyo.adapter';
import { describeVendorContract } from '../support/vendor-contract';

const API_KEY = 'evk_live_completion_test_key';
const AT = Date.parse('2026-06-02T10:00:00.000Z');

let sim: EvalyoSimulator;
let adapter: EvalyoAdapter;
describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: createEvalyoAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
  },
});

const byStatus = (word: string) => sim.dataset.interviews.filter((r) => r.detail.status === word).map((r) => r.detail);

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  return { status: response.status, body: (await response.json()) as T };
}
const detailOf = async (id: string) => (await get<{ data: SimInterviewDetail }>(`/api/v1/interviews/${id}`)).body.data;
/** Every page of the list with this query. */
async function listed(query: string): Promise<{ rows: SimInterview[]; total: number }> {
  const rows: SimInterview[] = [];
  for (let page = 1; ; page += 1) {
    const { body } = await get<{ data: SimInterview[]; pagination: { total: number; totalPages: number } }>(
      `/api/v1/interviews?pageSize=100&page=${page}${query}`,
    );
    rows.push(...body.data);
    if (page >= body.pagination.totalPages) return { rows, total: body.pagination.total };
  }
}
const idsOf = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id);

/** The criteria (name, maxScore) of the job's seeded evaluations: what its stage scores. */
function criteriaOfJob(jobId: string): Array<{ name: string; maxScore: number }> {
  const seeded = byStatus('COMPLETED').find((d) => d.jobId === jobId && isUsualEvaluation(d.evaluation));
  if (!seeded || !isUsualEvaluation(seeded.evaluation)) throw new Error(`no seeded evaluation for job ${jobId}`);
  return seeded.evaluation.criteria.map(({ name, maxScore }) => ({ name, maxScore }));
}

/** A whole conversation: turns 1..n in order, agent first and alternating, nothing pending. */
function expectWholeTranscript(turns: readonly SimTurn[]): void {
  expect(turns.map((t) => t.turnNumber)).toEqual(turns.map((_, i) => i + 1));
  expect(turns.map((t) => t.role)).toEqual(turns.map((_, i) => (i % 2 === 0 ? 'agent' : 'candidate')));
  expect(turns.some((t) => t.isPendingQuestion)).toBe(false);
  for (const turn of turns) {
    expect(turn.content.length).toBeGreaterThan(0);
    expect(turn.evaluation === null).toBe(turn.role === 'agent');
  }
}

describe('simulateCompletion', () => {
  it('finishes an INVITED interview: the detail, the list, the status filter and the report all show it COMPLETED', async () => {
    const invited = byStatus('INVITED')[0];
    // Read first, so any index the status filter keeps is built before the change.
    const invitedBefore = await listed('&status=INVITED');
    const completedBefore = await listed('&status=COMPLETED');
    expect(idsOf(invitedBefore.rows)).toContain(invited.id);

    await expect(sim.simulateCompletion(invited.id, { at: AT })).resolves.toEqual([]);

    const detail = await detailOf(invited.id);
    expect(detail).toMatchObject({
      id: invited.id,
      candidateId: invited.candidateId,
      jobId: invited.jobId,
      createdAt: invited.createdAt,
      expiresAt: invited.expiresAt,
      status: 'COMPLETED',
      endedAt: new Date(AT).toISOString(),
    });
    expect(detail.startedAt! > invited.createdAt && detail.startedAt! < detail.endedAt!).toBe(true);
    expect(detail.updatedAt >= detail.endedAt!).toBe(true);
    expect(detail.audioUrl).toMatch(new RegExp(`^https://storage\\.evalyo\\.fr/recordings/${invited.id}/interview\\.(mp3|webm)\\?AWSAccessKeyId=`));
    expect(detail.transcript.length).toBeGreaterThanOrEqual(4);
    expect(detail.transcript.length).toBeLessThanOrEqual(12);
    expectWholeTranscript(detail.transcript);

    const evaluation = detail.evaluation;
    if (!isUsualEvaluation(evaluation)) throw new Error('expected the usual evaluation shape');
    expect(evaluation.criteria.map(({ name, maxScore }) => ({ name, maxScore }))).toEqual(criteriaOfJob(invited.jobId));
    for (const c of evaluation.criteria) expect(c.score).toBeGreaterThanOrEqual(0);
    for (const c of evaluation.criteria) expect(c.score).toBeLessThanOrEqual(c.maxScore);
    expect(evaluation.overallScore).toBe(
      Math.round((100 * evaluation.criteria.reduce((sum, c) => sum + c.score / c.maxScore, 0)) / evaluation.criteria.length),
    );
    expect(['STRONG_HIRE', 'HIRE', 'NO_HIRE', 'STRONG_NO_HIRE']).toContain(evaluation.recommendation);

    expect(detail.reportId).toMatch(/^c[a-z0-9]{24}$/);
    const report = await get<{ data: SimReport }>(`/api/v1/reports/${detail.reportId}`);
    expect(report.status).toBe(200);
    expect(report.body.data).toMatchObject({
      id: detail.reportId,
      interviewId: invited.id,
      candidateId: invited.candidateId,
      jobId: invited.jobId,
      evaluation,
    });
    expect(report.body.data.recordingUrl.split('?')[0]).toBe(detail.audioUrl!.split('?')[0]);

    // The list row, in its place (newest first by creation), says so too.
    const all = await listed('');
    const row = all.rows.find((r) => r.id === invited.id);
    expect(row).toMatchObject({ status: 'COMPLETED', startedAt: detail.startedAt, endedAt: detail.endedAt, updatedAt: detail.updatedAt });
    expect(row).not.toHaveProperty('evaluation');
    expect(idsOf(all.rows)).toEqual(sim.dataset.interviews.map((r) => r.detail.id));

    const invitedAfter = await listed('&status=INVITED');
    const completedAfter = await listed('&status=completed');
    expect(idsOf(invitedAfter.rows)).toEqual(idsOf(invitedBefore.rows).filter((id) => id !== invited.id));
    expect(invitedAfter.total).toBe(invitedBefore.total - 1);
    expect(idsOf(completedAfter.rows)).toContain(invited.id);
    expect(completedAfter.total).toBe(completedBefore.total + 1);
    expect(completedAfter.rows.every((r) => r.status === 'COMPLETED')).toBe(true);
  });

  it('finishes an IN_PROGRESS interview: its turns kept, the pending question answered, the conversation carried on', async () => {
    const running = byStatus('IN_PROGRESS')[0];
    const earlier = [...running.transcript].sort((a, b) => a.turnNumber - b.turnNumber);
    expect(earlier.at(-1)).toMatchObject({ role: 'agent', isPendingQuestion: true });
    await listed('&status=IN_PROGRESS');

    await sim.simulateCompletion(running.id, { at: AT });

    const detail = await detailOf(running.id);
    expect(detail).toMatchObject({ status: 'COMPLETED', startedAt: running.startedAt, endedAt: new Date(AT).toISOString() });
    expectWholeTranscript(detail.transcript);
    const unsigned = (turns: readonly SimTurn[]) => turns.map((t) => ({ ...t, audioUrl: t.audioUrl?.split('?')[0] ?? null }));
    expect(unsigned(detail.transcript.slice(0, earlier.length))).toEqual(unsigned(earlier.map((t) => ({ ...t, isPendingQuestion: false }))));
    expect(detail.transcript.length).toBeGreaterThan(earlier.length);
    expect(detail.transcript[earlier.length].role).toBe('candidate');
    expect(isUsualEvaluation(detail.evaluation)).toBe(true);
    expect((await get(`/api/v1/reports/${detail.reportId}`)).status).toBe(200);
    expect(idsOf((await listed('&status=IN_PROGRESS')).rows)).not.toContain(running.id);
    expect(idsOf((await listed('&status=COMPLETED')).rows)).toContain(running.id);
  });

  it('the adapter reads it COMPLETED, with a report scored as the evaluation says', async () => {
    const invited = byStatus('INVITED')[1];
    expect((await adapter.getInterviews([invited.id])).results[0]).toMatchObject({ status: InterviewStatus.INVITED });
    await sim.simulateCompletion(invited.id);
    const detail = sim.dataset.interview(invited.id)!.detail;
    if (!isUsualEvaluation(detail.evaluation)) throw new Error('expected the usual evaluation shape');
    // Ended now (no `at`): the creation lies long before.
    expect(Date.parse(detail.endedAt!)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(detail.endedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await adapter.getInterviews([invited.id])).results[0]).toMatchObject({ status: InterviewStatus.COMPLETED, completedAt: detail.endedAt });
    const [report] = (await adapter.getReportsForInterviews([invited.id])).results as Report[];
    expect(report.score?.raw).toBe(detail.evaluation.overallScore);
    expect(report.transcript.length).toBe(detail.transcript.length);
    expect(report.recordings).toHaveLength(1);
  });

  it('is deterministic: an interview finishes the same way in another data set of the same seed', () => {
    const one = createEvalyoDataset();
    const two = createEvalyoDataset();
    const [first, second] = [one, two].map((d) => d.interviews.filter((r) => r.detail.status === 'INVITED').map((r) => r.detail.id));
    // Another completion first in one of them: it must not change how the next one goes.
    completeEvalyoInterview(one, first[1], AT);
    const a = completeEvalyoInterview(one, first[0], AT);
    const b = completeEvalyoInterview(two, second[0], AT);
    expect(a.detail).toEqual(b.detail);
    expect(a.report).toEqual(b.report);
    expect(one.report(a.detail.reportId!)).toBe(a.report);
  });

  it('never asks a question twice: every interview in progress, once finished', () => {
    const dataset = createEvalyoDataset();
    const running = dataset.interviews.filter((r) => r.detail.status === 'IN_PROGRESS').map((r) => r.detail.id);
    expect(running.length).toBeGreaterThan(10);
    for (const id of running) {
      const questions = completeEvalyoInterview(dataset, id, AT)
        .detail.transcript.filter((t) => t.role === 'agent')
        .map((t) => t.content);
      expect(new Set(questions).size).toBe(questions.length);
    }
  });

  it('never ends before what already happened: an early `at` moves the end after the start', () => {
    const dataset = createEvalyoDataset();
    const running = dataset.interviews.find((r) => r.detail.status === 'IN_PROGRESS')!;
    const { startedAt, updatedAt } = running.detail;
    const done = completeEvalyoInterview(dataset, running.detail.id, 0).detail;
    expect(done.startedAt).toBe(startedAt);
    expect(done.endedAt! > updatedAt && done.endedAt! > startedAt!).toBe(true);
  });

  it('finishes without evaluation or report when the job scores nothing (a stage without AI report)', async () => {
    const draftJob = sim.dataset.jobs.find((j) => j.status === 'DRAFT')!;
    const created = await request(`${sim.url}/api/v1/interviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ candidateId: sim.dataset.candidates[0].candidate.id, jobId: draftJob.id }),
    });
    expect(created.statusCode).toBe(201);
    const { data } = (await created.body.json()) as { data: SimInterview };
    expect(data.status).toBe('INVITED');

    await sim.simulateCompletion(data.id);

    const detail = await detailOf(data.id);
    expect(detail).toMatchObject({ status: 'COMPLETED', evaluation: null, reportId: null });
    expect(detail.audioUrl).not.toBeNull();
    expectWholeTranscript(detail.transcript);
    expect(Date.parse(detail.endedAt!)).toBeGreaterThan(Date.parse(data.createdAt));
  });

  it('refuses an unknown interview and one that is not open, changing nothing', async () => {
    await expect(sim.simulateCompletion('cnosuchinterview000000000')).rejects.toThrow('no Evalyo interview cnosuchinterview000000000 in the data set');
    for (const word of ['COMPLETED', 'CANCELLED', 'EXPIRED']) {
      const finished = byStatus(word)[0];
      const before = structuredClone(finished);
      await expect(sim.simulateCompletion(finished.id)).rejects.toThrow(`Evalyo interview ${finished.id} is already ${word}`);
      expect(sim.dataset.interview(finished.id)!.detail).toEqual(before);
    }
    const draft = byStatus('DRAFT')[0];
    await expect(sim.simulateCompletion(draft.id)).rejects.toThrow(`Evalyo interview ${draft.id} is DRAFT: its invitation was never sent`);
    expect(sim.dataset.interview(draft.id)!.detail.status).toBe('DRAFT');
    // Finished here: a second completion is refused too.
    const invited = byStatus('INVITED')[0];
    await sim.simulateCompletion(invited.id);
    const report = sim.dataset.interview(invited.id)!.report;
    await expect(sim.simulateCompletion(invited.id)).rejects.toThrow(`Evalyo interview ${invited.id} is already COMPLETED`);
    expect(sim.dataset.interview(invited.id)!.report).toBe(report);
  });

  it('over HTTP (POST /__sim/complete/:id): 200 with no webhooks, 400 {error} when refused', async () => {
    const invited = byStatus('INVITED')[0];
    const post = async (id: string) => {
      const response = await request(`${sim.url}/__sim/complete/${id}`, { method: 'POST' });
      return { status: response.statusCode, body: await response.body.json() };
    };
    expect(await post(invited.id)).toEqual({ status: 200, body: { provider: 'EVALYO', id: invited.id, webhooks: [] } });
    expect((await detailOf(invited.id)).status).toBe('COMPLETED');
    expect(await post(invited.id)).toEqual({ status: 400, body: { error: `Evalyo interview ${invited.id} is already COMPLETED` } });
    expect(await post('cnope')).toEqual({ status: 400, body: { error: 'no Evalyo interview cnope in the data set' } });
    // An admin route: not counted among the vendor calls.
    expect(sim.calls()).toEqual({ 'GET /api/v1/interviews/:id': 1 });
  });
});
