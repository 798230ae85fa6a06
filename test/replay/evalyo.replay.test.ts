/**
 * Evalyo replay: Evalyo documents its request fields, status words and transcript turns (seed 002)
 * but no response body and no `evaluation` shape, so the bodies here are the fixtures built from
 * those documented fields (the project's assumption, shared with the simulator). Served verbatim
 * through a running gateway, they show where each field lands (a unified field, or `raw`); their
 * drift variants show that an evaluation of another shape — the likeliest mismatch with the real
 * API — degrades only the fields it feeds: the interview, its status, transcript and audio load,
 * the values stay in `raw`, and the drift is counted by path. The simulator serves such
 * evaluations too (EVALYO_OTHER_SHAPE_EVALUATIONS), so the sandbox cannot hide a mismatch.
 *
 * Field map: docs/field-map/evalyo.md.
 */
import { Provider } from '../support/providers';
import { isUsualEvaluation, type EvalyoDataset } from '../../src/vendors/evalyo/sandbox/evalyo.data';
import { serveDocumentedBodies } from '../support/documented-vendor';
import { startHarness, type Harness } from '../support/harness';
import completedInterview from '../fixtures/vendors/evalyo/interview.completed.json';
import inProgressInterview from '../fixtures/vendors/evalyo/interview.in-progress.json';
import interviewsPage from '../fixtures/vendors/evalyo/interviews.page.json';
import candidate from '../fixtures/vendors/evalyo/candidate.json';
import job from '../fixtures/vendors/evalyo/job.json';

const COMPLETED_ID = completedInterview.data.id;
const INTERVIEW_FIELDS = `
  id status statusRaw templateName invitedAt startedAt completedAt createdAt updatedAt inviteUrl
  candidate { email accounts { provider providerId name email } }
  externalIds { kind id source }
  timeNotes { field origin source }
  template { id name }
  raw`;
const REPORT_FIELDS = `
  id completedAt recommendation recommendationRaw summary highlights lowlights
  score { value raw scale scaleKnown }
  integrity { score { raw } violations { type value description } }
  recordings { kind format url }
  transcript { sequence speaker text offsetMs at }
  scorecard { overall { raw scale } items { category name feedback score { value raw scale scaleMax } } }
  raw`;

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(value: T): T => structuredClone(value);

let vendor: Awaited<ReturnType<typeof serveDocumentedBodies>>;
let h: Harness;
/** Path → body; a test may replace one (drift variants). */
const bodies = new Map<string, unknown>();
const resetBodies = () => {
  bodies.clear();
  bodies.set('/api/v1/interviews', interviewsPage);
  bodies.set(`/api/v1/interviews/${COMPLETED_ID}`, completedInterview);
  bodies.set(`/api/v1/interviews/${inProgressInterview.id}`, inProgressInterview);
  bodies.set(`/api/v1/candidates/${candidate.data.id}`, candidate);
  bodies.set(`/api/v1/jobs/${job.data.id}`, job);
};
const interview = async (harness: Harness, id: string): Promise<Body> => {
  const result = await harness.query(`query ($id: ID!) { interview(id: $id) { ${INTERVIEW_FIELDS} report { ${REPORT_FIELDS} } } }`, { id });
  expect(result.errors).toBeUndefined();
  return (result.data as { interview: Body }).interview;
};

beforeAll(async () => {
  resetBodies();
  vendor = await serveDocumentedBodies((path) => bodies.get(path), { error: { code: 'NOT_FOUND', message: 'not found' } });
  h = await startHarness({ baseUrls: { [Provider.EVALYO]: vendor.url } });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

describe('the interview detail, served verbatim', () => {
  let served: Body;
  beforeAll(async () => {
    served = await interview(h, `evalyo:Interview:${COMPLETED_ID}`);
  });

  it('lands the interview: status, the candidate from its profile, the job as template, Evalyo’s own ISO times (no notes), raw = the object inside the envelope', () => {
    expect(served).toMatchObject({
      status: 'COMPLETED',
      statusRaw: 'COMPLETED',
      createdAt: '2026-05-20T09:14:03.120Z',
      // Creating an interview sends the invitation (seed 002).
      invitedAt: '2026-05-20T09:14:03.120Z',
      startedAt: '2026-05-21T18:12:40.000Z',
      completedAt: '2026-05-21T18:41:12.500Z',
      inviteUrl: completedInterview.data.inviteUrl,
      // The person's email is normalised (the identity index joins on it); the account keeps it as sent.
      candidate: {
        email: 'camille.martin@example.com',
        accounts: [{ provider: 'EVALYO', providerId: candidate.data.id, name: 'Camille Martin', email: 'Camille.Martin@example.com' }],
      },
      template: { name: job.data.title },
      timeNotes: [],
      externalIds: [],
    });
    // campaignId, stageId, configId, expiresAt and reportId have no unified field: they are here.
    expect(served.raw).toEqual(completedInterview.data);
  });

  it('lands the report: overallScore on an UNKNOWN scale, criteria on their own maxScore, flags as violations, transcript without times, the audio', () => {
    const evaluation = completedInterview.data.evaluation;
    expect(served.report).toMatchObject({
      completedAt: '2026-05-21T18:41:12.500Z',
      recommendation: 'YES',
      recommendationRaw: 'HIRE',
      summary: evaluation.summary,
      highlights: evaluation.strengths,
      lowlights: evaluation.weaknesses,
      score: { value: null, raw: 78, scale: 'UNKNOWN', scaleKnown: false },
      recordings: [{ kind: 'AUDIO', format: 'MP3', url: completedInterview.data.audioUrl }],
    });
    expect(served.report.scorecard.items.map((i: Body) => [i.name, i.score.raw, i.score.scaleMax, i.score.scale])).toEqual(
      evaluation.criteria.map((c: Body) => [c.name, c.score, c.maxScore, 'PERCENT']),
    );
    expect(served.report.integrity.violations).toEqual(evaluation.flags.map((f: Body) => ({ type: f.type, value: f.severity, description: f.description })));
    expect(served.report.transcript).toHaveLength(completedInterview.data.transcript.length);
    // Evalyo dates no turn: no offsets, no instants.
    expect(served.report.transcript.every((t: Body) => t.offsetMs === null && t.at === null)).toBe(true);
    expect(served.report.raw).toEqual(completedInterview.data);
  });
});

describe('the interview list and a bare (unenveloped) detail, served verbatim', () => {
  it('list rows land with their status words as sent (lower case too), raw = the row', async () => {
    const result = await h.query(`{ interviews(provider: EVALYO, first: 5) { edges { node { id status statusRaw invitedAt raw } } } }`);
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { interviews: { edges: Array<{ node: Body }> } }).interviews.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.status, n.statusRaw])).toEqual([
      ['COMPLETED', 'COMPLETED'],
      ['IN_PROGRESS', 'in_progress'],
      // A DRAFT has sent no invitation yet: INVITED, invitedAt null.
      ['INVITED', 'DRAFT'],
    ]);
    expect(nodes[2].invitedAt).toBeNull();
    expect(nodes.map((n) => n.raw)).toEqual(interviewsPage.data);
  });

  it('the in-progress detail has no report; its transcript is not a report', async () => {
    const served = await interview(h, `evalyo:Interview:${inProgressInterview.id}`);
    expect(served).toMatchObject({ status: 'IN_PROGRESS', completedAt: null, report: null });
    expect(served.raw).toEqual(inProgressInterview);
  });
});

describe('drift in the evaluation (its shape is undocumented)', () => {
  afterEach(resetBodies);

  it('flags as words, criteria as a map and the score as text degrade those fields alone; the interview, status, transcript and audio load; /metrics counts each path', async () => {
    const drifted = clone(completedInterview) as Body;
    const id = 'cm8xdrift0001lb08aaaaaaaa';
    Object.assign(drifted.data, { id, brandNewField: { nested: true } });
    Object.assign(drifted.data.evaluation, { overallScore: '78/100', flags: ['READING_SUSPECTED'], criteria: { Communication: 4 } });
    bodies.set(`/api/v1/interviews/${id}`, drifted);
    const served = await interview(h, `evalyo:Interview:${id}`);
    expect(served.status).toBe('COMPLETED');
    expect(served.report).toMatchObject({
      score: null,
      integrity: null,
      scorecard: null,
      recommendation: 'YES',
      summary: drifted.data.evaluation.summary,
      recordings: [{ kind: 'AUDIO' }],
    });
    expect(served.report.transcript).toHaveLength(drifted.data.transcript.length);
    expect(served.report.raw).toEqual(drifted.data);
    const metrics = (await h.http('GET', '/metrics')).body;
    for (const field of ['evaluation.overallScore', 'evaluation.flags', 'evaluation.criteria']) {
      expect(metrics).toMatch(new RegExp(`ig_vendor_schema_drift_total\\{provider="EVALYO",field="${field.replace('.', '\\.')}"\\} [1-9]`));
    }
    expect(metrics).not.toContain('field="brandNewField"');
  });

  it('an evaluation that is a sentence, and a transcript that is an object: the interview still loads, with its status and audio', async () => {
    const drifted = clone(completedInterview) as Body;
    const id = 'cm8xdrift0002lb08bbbbbbbb';
    Object.assign(drifted.data, { id, evaluation: 'Strong candidate, hire.', transcript: { turns: [] } });
    bodies.set(`/api/v1/interviews/${id}`, drifted);
    const served = await interview(h, `evalyo:Interview:${id}`);
    expect(served).toMatchObject({ status: 'COMPLETED', completedAt: '2026-05-21T18:41:12.500Z' });
    expect(served.report).toMatchObject({ score: null, summary: null, scorecard: null, transcript: [], recordings: [{ kind: 'AUDIO' }] });
    expect(served.report.raw).toMatchObject({ evaluation: 'Strong candidate, hire.', transcript: { turns: [] } });
  });

  it('missing optionals and nulls: an interview with only its id still loads (status UNKNOWN, every time null)', async () => {
    const id = 'cm8xbare0003lb08cccccccc';
    bodies.set(`/api/v1/interviews/${id}`, { data: { id, status: null, evaluation: null, transcript: null } });
    const served = await interview(h, `evalyo:Interview:${id}`);
    expect(served).toMatchObject({ status: 'UNKNOWN', statusRaw: null, createdAt: null, invitedAt: null, startedAt: null, completedAt: null, report: null });
  });

  it('an unreadable id is the one thing that fails: VENDOR_BAD_RESPONSE, typed and named', async () => {
    const id = 'cm8xbad00004lb08dddddddd';
    bodies.set(`/api/v1/interviews/${id}`, { data: { ...clone(completedInterview.data), id: 42 } });
    const result = await h.query(`query ($id: ID!) { interview(id: $id) { id } }`, { id: `evalyo:Interview:${id}` });
    expect(result.data).toEqual({ interview: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', provider: 'EVALYO' });
  });
});

describe('the simulator serves evaluations of another shape too', () => {
  let sim: Harness;
  beforeAll(async () => {
    sim = await startHarness();
  });
  afterAll(() => sim.close());

  it('those interviews load through the gateway like any other, their evaluation kept in raw and its drift counted', async () => {
    const dataset = sim.sim<EvalyoDataset>(Provider.EVALYO).dataset;
    const other = dataset.interviews.map((r) => r.detail).filter((d) => d.evaluation !== null && !isUsualEvaluation(d.evaluation));
    expect(other.length).toBeGreaterThan(0);
    for (const detail of other) {
      const served = await interview(sim, `evalyo:Interview:${detail.id}`);
      expect(served.status).toBe('COMPLETED');
      expect(served.report).toMatchObject({ score: null, recommendationRaw: detail.evaluation!.recommendation, summary: detail.evaluation!.summary });
      expect(served.report.transcript).toHaveLength(detail.transcript.length);
      expect(served.report.raw.evaluation).toEqual(detail.evaluation);
    }
    const metrics = (await sim.http('GET', '/metrics')).body;
    expect(metrics).toMatch(/ig_vendor_schema_drift_total\{provider="EVALYO",field="evaluation\.criteria"\} [1-9]/);
    expect(metrics).toMatch(/ig_vendor_schema_drift_total\{provider="EVALYO",field="evaluation\.overallScore"\} [1-9]/);
  });
});
