/**
 * HeyMilo replay: seed 003 (the documented `GET /api/v2/interviews/{id}/data` example) served as
 * HeyMilo's answer through a running gateway, and the webhook payloads POSTed, asserting where each
 * documented field lands (a unified field, or `raw`), which scores are comparable (HeyMilo's
 * overall `score` and `match_score` are documented 0–100; per-question scores are declared 1–10
 * but the vendor's guide says 1–5, so UNKNOWN), which times HeyMilo dates and which the gateway
 * reads off the workflow (DERIVED), and what drift does (the field degrades, the object still
 * loads, the drift is counted by path).
 *
 * Seed 003 names its ids `"<string>"`, which cannot be an id in a URL: they are the only values
 * replaced (by `int_seed003` / `pst_seed003`); every other field is served as documented.
 *
 * Field map: docs/field-map/heymilo.md.
 */
import { Provider } from '../support/providers';
import { serveDocumentedBodies } from '../support/documented-vendor';
import { startHarness, type Harness } from '../support/harness';
import seed003 from '../fixtures/vendors/heymilo/interview-data.seed-003.json';
import reportEvent from '../fixtures/vendors/heymilo/webhook.report-available.json';
import startedEvent from '../fixtures/vendors/heymilo/webhook.interview-started.json';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(value: T): T => structuredClone(value);
const TOKEN = 'heymilo-replay-token';
const ID = 'int_seed003';
const STARTED_NOTE = { field: 'startedAt', origin: 'DERIVED', source: 'workflow.steps[first].last_updated_at (once started)' };
const COMPLETED_NOTE = { field: 'completedAt', origin: 'DERIVED', source: 'workflow.last_activity_at (all_complete)' };

/** Seed 003 with its placeholder ids made real; everything else as documented. */
function seedData(id = ID): Body {
  const body = clone(seed003) as { data: Body };
  const data = body.data;
  data.interview_id = id;
  data.posting_id = 'pst_seed003';
  for (const part of ['web_interview', 'resume', 'sms', 'form']) if (data[part]) data[part].interview_id = id;
  return body;
}

const INTERVIEW_FIELDS = `
  id status statusRaw startedAt completedAt updatedAt invitedAt
  candidate { accounts { provider providerId name email } }
  timeNotes { field origin source }
  raw`;
const REPORT_FIELDS = `
  id completedAt highlights lowlights
  score { value raw scale scaleKnown scaleMin scaleMax }
  integrity { score { raw scale } violations { type value } }
  recordings { kind url }
  transcript { speaker text offsetMs }
  scorecard { overall { raw scale } items { category name question feedback weight notScored score { raw scale scaleKnown } } }
  timeNotes { field origin source }
  raw`;

let vendor: Awaited<ReturnType<typeof serveDocumentedBodies>>;
let h: Harness;
const bodies = new Map<string, unknown>();
const interview = async (id: string): Promise<Body> => {
  const result = await h.query(`query ($id: ID!) { interview(id: $id) { ${INTERVIEW_FIELDS} report { ${REPORT_FIELDS} } } }`, { id });
  expect(result.errors).toBeUndefined();
  return (result.data as { interview: Body }).interview;
};
const post = (body: unknown) => h.http('POST', `/webhooks/heymilo/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  bodies.set(`/api/v2/interviews/${ID}/data`, seedData());
  vendor = await serveDocumentedBodies((path) => bodies.get(path), {
    error: { type: 'invalid_request_error', code: 'resource_missing', message: 'not found' },
  });
  h = await startHarness({ env: { HEYMILO_WEBHOOK_TOKEN: TOKEN }, baseUrls: { [Provider.HEYMILO]: vendor.url } });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

describe('seed 003 GET /api/v2/interviews/{id}/data', () => {
  let served: Body;
  beforeAll(async () => {
    served = await interview(`heymilo:Interview:${ID}`);
  });

  it('lands the interview: the status word kept ("<string>" is none HeyMilo documents), start and completion read off the workflow and said so; raw = the data object', () => {
    expect(served).toMatchObject({
      status: 'UNKNOWN',
      statusRaw: '<string>',
      startedAt: new Date(1739713800 * 1000).toISOString(),
      completedAt: new Date(1739715600 * 1000).toISOString(),
      updatedAt: new Date(1739715600 * 1000).toISOString(),
      // /data carries no created_at: no invite time.
      invitedAt: null,
      timeNotes: [STARTED_NOTE, COMPLETED_NOTE],
      candidate: { accounts: [{ provider: 'HEYMILO', providerId: 'cand_def456', name: '<string>', email: '<string>' }] },
    });
    expect(served.raw).toEqual(seedData().data);
  });

  it('lands the report: the overall score on its documented 0–100, per-question scores UNKNOWN (1–10 declared, 1–5 in the guide), recordings; resume, SMS, form, tags and metadata in raw', () => {
    const report = served.report;
    expect(report).toMatchObject({
      // The aggregate `score` (0–100, documented), not web_interview.match_score (kept in raw).
      score: { value: 78.5, raw: 78.5, scale: 'PERCENT', scaleKnown: true, scaleMin: 0, scaleMax: 100 },
      highlights: ['<string>'],
      lowlights: ['<string>'],
      recordings: expect.arrayContaining([expect.objectContaining({ url: seed003.data.web_interview.audio_recording_url })]),
      timeNotes: [COMPLETED_NOTE],
    });
    expect(report.scorecard.items[0]).toMatchObject({ question: '<string>', notScored: false, score: { raw: 123, scale: 'UNKNOWN', scaleKnown: false } });
    expect(report.raw).toEqual(seedData().data);
    expect(report.raw).toMatchObject({
      web_interview: { match_score: 123, speech_score: 3.5, tags: ['<string>'] },
      resume: { overall_score: 78.5 },
      sms: { messages_sent: 8 },
      form: { questions: [expect.objectContaining({ candidate_answer: 'yes' })] },
      metadata: { external_id: 'interview_abc' },
    });
  });
});

describe('webhooks, POSTed verbatim', () => {
  it('interview_started: IN_PROGRESS, raw = the body as sent', async () => {
    expect(JSON.parse((await post(startedEvent)).body)).toEqual({ result: 'applied' });
    const result = await h.query(`query ($id: ID!) { interview(id: $id) { status startedAt timeNotes { field origin } raw } }`, {
      id: `heymilo:Interview:${startedEvent.interview_id}`,
    });
    expect(result.errors).toBeUndefined();
    const served = (result.data as { interview: Body }).interview;
    expect(served.status).toBe('IN_PROGRESS');
    expect(served.raw).toEqual(startedEvent);
  });

  it('report_available with /data: the Interview keeps the body as raw; the Report, its data', async () => {
    // The payload's recording URLs are signed and expired (2025): the gateway never serves a
    // cached report past them, so the report is read from /data again (served here as sent).
    bodies.set(`/api/v2/interviews/${reportEvent.interview_id}/data`, { data: reportEvent.data });
    expect(JSON.parse((await post(reportEvent)).body)).toEqual({ result: 'applied' });
    const served = await interview(`heymilo:Interview:${reportEvent.interview_id}`);
    expect(served.status).toBe('COMPLETED');
    expect(served.raw).toEqual(reportEvent);
    expect(served.report.raw).toEqual(reportEvent.data);
    expect(served.report.score).toMatchObject({ raw: reportEvent.data.score, scale: 'PERCENT' });
  });
});

describe('drift in /data', () => {
  it('match_score as text, cheat_detection as a list and a scorecard item of another shape degrade those fields; the interview, score and transcript load; /metrics counts each path', async () => {
    const id = 'int_drift1';
    const drifted = seedData(id);
    drifted.data.web_interview.match_score = '80';
    drifted.data.web_interview.scorecard[0].score = 'seven';
    drifted.data.cheat_detection = [];
    drifted.data.brand_new_field = { nested: true };
    bodies.set(`/api/v2/interviews/${id}/data`, drifted);
    const served = await interview(`heymilo:Interview:${id}`);
    expect(served.statusRaw).toBe('<string>');
    expect(served.report).toMatchObject({ score: { value: 78.5 }, integrity: null });
    // The web interview's questions are gone; the resume criteria and form questions remain.
    expect(served.report.scorecard.items.map((i: Body) => i.category)).not.toContain('QUESTION');
    expect(served.report.scorecard.items.length).toBeGreaterThan(0);
    expect(served.report.transcript.length).toBeGreaterThan(0);
    expect(served.report.raw).toEqual(drifted.data);
    const metrics = (await h.http('GET', '/metrics')).body;
    for (const field of ['web_interview.match_score', 'web_interview.scorecard', 'cheat_detection']) {
      expect(metrics).toMatch(new RegExp(`ig_vendor_schema_drift_total\\{provider="HEYMILO",field="${field.replace(/\./g, '\\.')}"\\} [1-9]`));
    }
    expect(metrics).not.toContain('field="brand_new_field"');
  });

  it('an unreadable interview_id is the one thing that fails: VENDOR_BAD_RESPONSE, typed and named', async () => {
    const id = 'int_drift2';
    const bad = seedData(id);
    bad.data.interview_id = 42;
    bodies.set(`/api/v2/interviews/${id}/data`, bad);
    const result = await h.query(`query ($id: ID!) { interview(id: $id) { id } }`, { id: `heymilo:Interview:${id}` });
    expect(result.data).toEqual({ interview: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', provider: 'HEYMILO' });
  });
});
