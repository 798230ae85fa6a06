/**
 * Xobin replay: the vendor's documented examples (seed 001 and its instantiation, the "invited"
 * docs example, the two AI-interview webhooks), verbatim, through a running gateway — webhooks
 * POSTed, REST bodies served as Xobin documents them — asserting where each documented field
 * lands (a unified field, or `raw`), which times are Xobin's and which are the gateway's reading
 * of them (`timeNotes`), and what drift does (the field degrades, the object still loads, the
 * drift is counted).
 *
 * Field map: docs/field-map/xobin.md.
 */
import { Provider } from '../support/providers';
import type { MemoryWebhookStore } from '../../src/webhooks/webhook-store';
import { serveDocumentedBodies } from '../support/documented-vendor';
import { startHarness, type Harness } from '../support/harness';
import startEvent from '../fixtures/vendors/xobin/webhook.ai-interview-start.docs-example.json';
import submissionEvent from '../fixtures/vendors/xobin/webhook.ai-interview-submission.json';
import invitedExample from '../fixtures/vendors/xobin/invited.docs-example.json';
import completedReport from '../fixtures/vendors/xobin/report.completed.json';
import pendingReport from '../fixtures/vendors/xobin/report.pending.json';
import completedSketch from '../fixtures/vendors/xobin/report.completed.seed001.json';

const TOKEN = 'xobin-replay-token';
const STARTED = 'min(interview_recording session keys, conversation[].timestamp)';

const INTERVIEW_FIELDS = `
  id status statusRaw templateName invitedAt startedAt completedAt updatedAt
  candidate { email accounts { provider providerId name email } }
  externalIds { kind id source }
  timeNotes { field origin source }
  raw`;
const REPORT_FIELDS = `
  id providerId completedAt recommendation recommendationRaw summary pdfUrl reportUrl
  score { value raw scale scaleKnown }
  integrity { score { value raw scale } violations { type } }
  recordings { kind format url sessionKey }
  transcript { speaker speakerRaw mode text at }
  scorecard { overall { raw scale } items { category name score { raw scale } } }
  timeNotes { field origin source }
  raw`;

let h: Harness;
const post = (body: unknown) => h.http('POST', `/webhooks/xobin/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const clone = <T>(value: T): T => structuredClone(value);
type Served = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const interviewOn = async (harness: Harness, id: string): Promise<Served> => {
  const result = await harness.query(`query ($id: ID!) { interview(id: $id) { ${INTERVIEW_FIELDS} report { ${REPORT_FIELDS} } } }`, { id });
  expect(result.errors).toBeUndefined();
  return (result.data as { interview: Served }).interview;
};

beforeAll(async () => {
  h = await startHarness({ env: { XOBIN_WEBHOOK_TOKEN: TOKEN } });
});
afterAll(() => h.close());

describe('AI Interview Start (docs example), POSTed verbatim', () => {
  it('lands IN_PROGRESS with the candidate and template name; no time is invented (the payload has none); raw = the body', async () => {
    expect(JSON.parse((await post(startEvent)).body)).toEqual({ result: 'applied' });
    const served = await interviewOn(h, 'XOBIN:Interview:6726');
    expect(served).toMatchObject({
      status: 'IN_PROGRESS',
      statusRaw: 'Started',
      templateName: 'Receptionist',
      invitedAt: null,
      startedAt: null,
      completedAt: null,
      updatedAt: null,
      candidate: {
        email: 'jennifergross@mailinator.com',
        accounts: expect.arrayContaining([{ provider: 'XOBIN', providerId: '7054', name: 'Jennifer Gross', email: 'jennifergross@mailinator.com' }]),
      },
      externalIds: [],
      timeNotes: [],
    });
    expect(served.raw).toEqual(startEvent);
  });
});

describe('AI Interview Submission (the report shape), POSTed verbatim', () => {
  let served: Served;
  beforeAll(async () => {
    expect(JSON.parse((await post(submissionEvent)).body)).toEqual({ result: 'applied' });
    served = await interviewOn(h, 'XOBIN:Interview:6726');
  });

  it('lands the interview: COMPLETED; the start derived from the first session key and said so; completed_date read as UTC and said so', () => {
    expect(served).toMatchObject({
      status: 'COMPLETED',
      statusRaw: 'Completed',
      // The first message (1751689365000), earlier than the session keys.
      startedAt: new Date(1751689365000).toISOString(),
      completedAt: '2025-07-05T04:42:45.000Z',
      timeNotes: [
        { field: 'startedAt', origin: 'DERIVED', source: STARTED },
        { field: 'completedAt', origin: 'ZONE_ASSUMED_UTC', source: 'completed_date' },
      ],
    });
    expect(served.raw).toEqual(submissionEvent);
  });

  it('lands the report: score on an UNKNOWN scale, integrity 0–10 as PERCENT, skills UNKNOWN, recommendation, transcript, sessions, links; raw = the body', () => {
    const report = served.report;
    expect(report).toMatchObject({
      providerId: '6726',
      completedAt: '2025-07-05T04:42:45.000Z',
      recommendation: 'NO',
      recommendationRaw: 'Not Recommended',
      summary: submissionEvent.candidate_summary,
      pdfUrl: submissionEvent.pdf_link,
      reportUrl: submissionEvent.report_link,
      score: { value: null, raw: 14, scale: 'UNKNOWN', scaleKnown: false },
      integrity: { score: { value: 100, raw: 10, scale: 'PERCENT' }, violations: [] },
      recordings: [
        { kind: 'VIDEO', format: 'WEBM', url: 'https://example.com/interview_recording/session-1.webm', sessionKey: '1755695988585' },
        { kind: 'VIDEO', format: 'WEBM', url: 'https://example.com/interview_recording/session-2.webm', sessionKey: '1755695988586' },
      ],
      timeNotes: [{ field: 'completedAt', origin: 'ZONE_ASSUMED_UTC', source: 'completed_date' }],
    });
    expect(report.scorecard.items).toEqual([
      { category: 'MUST_HAVE', name: 'Experience', score: { raw: 1, scale: 'UNKNOWN' } },
      { category: 'MUST_HAVE', name: 'Organizational abilities', score: { raw: 1, scale: 'UNKNOWN' } },
      { category: 'NICE_TO_HAVE', name: 'Phone etiquette', score: { raw: 3, scale: 'UNKNOWN' } },
    ]);
    expect(report.transcript[0]).toEqual({
      speaker: 'INTERVIEWER',
      speakerRaw: 'assistant',
      mode: 'SPEECH',
      text: submissionEvent.conversation[0].content,
      at: new Date(submissionEvent.conversation[0].timestamp).toISOString(),
    });
    expect(report.transcript).toHaveLength(submissionEvent.conversation.length);
    expect(report.raw).toEqual(submissionEvent);
  });

  it('a retry of the same body is acknowledged as a duplicate, and the stored delivery is the body as sent', async () => {
    expect(JSON.parse((await post(submissionEvent)).body)).toEqual({ result: 'duplicate' });
    const stored = (h.app.tenant().webhookStore as MemoryWebhookStore).all().find((d) => d.type === 'AI Interview Submission');
    expect(stored?.body).toEqual(submissionEvent);
  });
});

describe('drift in a submission', () => {
  it('a score as a string and a skill block as a list degrade those fields; the interview, transcript and recordings load; /metrics counts each', async () => {
    const drifted = {
      ...clone(submissionEvent),
      response_id: 6901,
      score: '14',
      skill_wise_scores: [{ skill_name: 'Experience', score: 1 }],
      brand_new_field: { nested: true },
    };
    expect(JSON.parse((await post(drifted)).body)).toEqual({ result: 'applied' });
    const served = await interviewOn(h, 'XOBIN:Interview:6901');
    expect(served.status).toBe('COMPLETED');
    expect(served.report).toMatchObject({ score: null, scorecard: null, recommendation: 'NO', integrity: { score: { raw: 10 } } });
    expect(served.report.transcript).toHaveLength(submissionEvent.conversation.length);
    expect(served.report.recordings).toHaveLength(2);
    expect(served.report.raw).toMatchObject({ score: '14', skill_wise_scores: [{ skill_name: 'Experience', score: 1 }], brand_new_field: { nested: true } });
    const metrics = (await h.http('GET', '/metrics')).body;
    expect(metrics).toContain('ig_vendor_schema_drift_total{provider="XOBIN",field="score"} 1');
    expect(metrics).toContain('ig_vendor_schema_drift_total{provider="XOBIN",field="skill_wise_scores"} 1');
    // An unknown extra field is not drift: it is only kept in raw.
    expect(metrics).not.toContain('field="brand_new_field"');
  });

  it('missing optionals and nulls: a submission with only its naming fields still lands, with nulls and empty lists', async () => {
    const bare = { response_id: 6902, invite_status: 'Completed', score: null, conversation: null, candidate_summary: 'ok' };
    expect(JSON.parse((await post(bare)).body)).toEqual({ result: 'applied' });
    const served = await interviewOn(h, 'XOBIN:Interview:6902');
    expect(served).toMatchObject({ status: 'COMPLETED', startedAt: null, completedAt: null, templateName: null, externalIds: [], timeNotes: [] });
    expect(served.report).toMatchObject({
      score: null,
      integrity: null,
      scorecard: null,
      transcript: [],
      recordings: [],
      pdfUrl: null,
      summary: 'ok',
      timeNotes: [],
    });
  });

  it('an unreadable naming field is refused 422 INVALID_WEBHOOK naming it, and nothing is stored', async () => {
    const before = (h.app.tenant().webhookStore as MemoryWebhookStore).all().length;
    const response = await post({ ...clone(startEvent), response_id: '6726' });
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'INVALID_WEBHOOK', message: 'xobin webhook: "response_id" must be a number, got string' } });
    expect((h.app.tenant().webhookStore as MemoryWebhookStore).all()).toHaveLength(before);
  });
});

describe('REST bodies as Xobin documents them, served verbatim', () => {
  let vendor: Awaited<ReturnType<typeof serveDocumentedBodies>>;
  let rest: Harness;
  const bodies: Record<string, unknown> = {
    '/ai-interviews/invited/211': invitedExample,
    '/ai-interviews/report/7421': completedReport,
    '/ai-interviews/report/7422': pendingReport,
    // Seed 001 is a type sketch ("response_id": "integer"), not a payload.
    '/ai-interviews/report/9001': completedSketch,
  };
  beforeAll(async () => {
    vendor = await serveDocumentedBodies((path) => bodies[path], { error: 'Response not found' });
    rest = await startHarness({ baseUrls: { [Provider.XOBIN]: vendor.url }, vendorOptions: { [Provider.XOBIN]: { AI_INTERVIEW_IDS: '211' } } });
  });
  afterAll(async () => {
    await rest.close();
    await vendor.close();
  });

  it('the completed report (seed 001 instantiated): custom_field_id as an external id, times noted, raw = the body', async () => {
    const served = await interviewOn(rest, 'XOBIN:Interview:7421');
    expect(served).toMatchObject({
      status: 'COMPLETED',
      templateName: 'Senior Data Engineer',
      completedAt: '2025-07-18T10:42:45.000Z',
      externalIds: [{ kind: 'CUSTOM', id: 'CAND-2025-001', source: 'custom_field_id' }],
      timeNotes: [
        { field: 'startedAt', origin: 'DERIVED', source: STARTED },
        { field: 'completedAt', origin: 'ZONE_ASSUMED_UTC', source: 'completed_date' },
      ],
      candidate: { accounts: expect.arrayContaining([{ provider: 'XOBIN', providerId: '7063', name: 'alex tanaka', email: 'alex.tanaka@example.com' }]) },
    });
    expect(served.report).toMatchObject({
      score: { raw: 72, scale: 'UNKNOWN' },
      integrity: { score: { value: 85, raw: 8.5, scale: 'PERCENT' } },
      recommendation: 'YES',
    });
    expect(served.raw).toEqual(completedReport);
    expect(served.report.raw).toEqual(completedReport);
  });

  it('the reduced (pending) report: INVITED, no report, no times; the custom id still lands', async () => {
    const served = await interviewOn(rest, 'XOBIN:Interview:7422');
    expect(served).toMatchObject({ status: 'INVITED', statusRaw: 'Pending', startedAt: null, completedAt: null, timeNotes: [], report: null });
    expect(served.externalIds).toEqual([{ kind: 'CUSTOM', id: 'CAND-2025-002', source: 'custom_field_id' }]);
    expect(served.raw).toEqual(pendingReport);
  });

  it('the invitee list (docs example): rows whose report Xobin no longer finds are served from the row alone; last_updated_at is Xobin’s own GMT time, not noted', async () => {
    const result = await rest.query(`{ interviews(provider: XOBIN, first: 5) { edges { node { ${INTERVIEW_FIELDS} } } } }`);
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { interviews: { edges: Array<{ node: Served }> } }).interviews.edges.map((e) => e.node);
    expect(nodes).toEqual([
      expect.objectContaining({
        id: 'xobin:Interview:6734',
        status: 'INVITED',
        statusRaw: 'Pending',
        updatedAt: '2025-07-10T11:52:57.000Z',
        timeNotes: [],
        raw: invitedExample[0],
      }),
      expect.objectContaining({
        id: 'xobin:Interview:6735',
        status: 'COMPLETED',
        statusRaw: 'Completed',
        updatedAt: '2025-07-10T12:10:05.000Z',
        timeNotes: [],
        raw: invitedExample[1],
      }),
    ]);
    expect(nodes[0].candidate.accounts).toEqual([{ provider: 'XOBIN', providerId: '7062', name: null, email: null }]);
  });

  it('the seed 001 type sketch itself is not a payload: that interview fails as VENDOR_BAD_RESPONSE, typed and named', async () => {
    const result = await rest.query(`{ interview(id: "XOBIN:Interview:9001") { id } }`);
    expect(result.data).toEqual({ interview: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', provider: 'XOBIN' });
  });
});
