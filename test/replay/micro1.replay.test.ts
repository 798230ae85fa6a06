/**
 * micro1 replay: the vendor's own documented examples (seed 000, the OpenAPI examples, the webhook
 * docs), verbatim, through a running gateway — webhooks POSTed, REST bodies served as the vendor
 * documents them — asserting where each documented field lands (a unified field, or `raw`), and
 * what drift does (the field degrades, the object still loads, the drift is counted).
 *
 * Field map: docs/field-map/micro1.md.
 */
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Provider } from '../support/providers';
import type { MemoryWebhookStore } from '../../src/webhooks/webhook-store';
import { serveDocumentedBodies } from '../support/documented-vendor';
import { startHarness, type Harness } from '../support/harness';
import { firstEvent, subscriptionsOpened } from '../support/subscriptions';
import seedReportEvent from '../fixtures/vendors/micro1/webhook.interview-report-created.seed000.json';
import seedRecordingEvent from '../fixtures/vendors/micro1/webhook.interview-recording-completed.seed000.json';
import seedApplicantEvent from '../fixtures/vendors/micro1/webhook.applicant-completed.seed000.json';
import startedEvent from '../fixtures/vendors/micro1/webhook.interview-started.docs-example.json';
import webcamEvent from '../fixtures/vendors/micro1/webhook.interview-webcam-recording-completed.json';
import proctoringEvent from '../fixtures/vendors/micro1/webhook.proctoring-score-completed.json';
import specReports from '../fixtures/vendors/micro1/reports.openapi-example.json';
import specInvites from '../fixtures/vendors/micro1/invites.openapi-example.json';
import specInterviews from '../fixtures/vendors/micro1/interviews.openapi-example.json';

const TOKEN = 'micro1-replay-token';
const UUID = '123e4567-e89b-12d3-a456-426614174000';
const SESSION_ID = `MICRO1:Interview:${UUID}~${UUID}`;

const INTERVIEW_FIELDS = `
  id status statusRaw templateName completedAt startedAt updatedAt
  candidate { email accounts { provider providerId name email } }
  externalIds { kind id source }
  timeNotes { field origin source }
  template { id }
  raw`;
const REPORT_FIELDS = `
  id providerId completedAt createdAt updatedAt pdfUrl
  score { value raw scale scaleKnown }
  integrity { score { raw scale } violations { type value description } }
  recordings { kind format url playerUrl sessionKey }
  transcript { speaker text offsetMs }
  scorecard { overall { raw scale } items { category name question answer feedback score { raw scale label } } }
  timeNotes { field origin source }
  raw`;

let h: Harness;
const post = (body: unknown) => h.http('POST', `/webhooks/micro1/${TOKEN}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const clone = <T>(value: T): T => structuredClone(value);
const interview = async (id: string) => {
  const result = await h.query(`query ($id: ID!) { interview(id: $id) { ${INTERVIEW_FIELDS} report { ${REPORT_FIELDS} } } }`, { id });
  expect(result.errors).toBeUndefined();
  return (result.data as { interview: Record<string, any> }).interview; // eslint-disable-line @typescript-eslint/no-explicit-any
};

beforeAll(async () => {
  h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN } });
});
afterAll(() => h.close());

describe('seed 000 interview_report.created, POSTed verbatim', () => {
  let served: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    expect(JSON.parse((await post(seedReportEvent)).body)).toEqual({ result: 'applied' });
    served = await interview(SESSION_ID);
  });

  it('lands the interview: status, candidate, template name, ATS ids, completion day (noted), raw = the payload', () => {
    expect(served).toMatchObject({
      status: 'COMPLETED',
      statusRaw: 'active',
      templateName: 'Full Stack Engineer Interview',
      // report_date is the completion day; date_created (2021) is another day, so the day alone.
      completedAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      candidate: {
        email: 'john.doe@micro1.ai',
        accounts: expect.arrayContaining([{ provider: 'MICRO1', providerId: UUID, name: 'John Doe', email: 'john.doe@micro1.ai' }]),
      },
      externalIds: [
        { kind: 'ATS_JOB', id: 'ABCD1234', source: 'ats_job_id' },
        { kind: 'ATS_APPLICATION', id: 'ABCD1234', source: 'ats_job_application_id' },
        { kind: 'VENDOR_APPLICATION', id: UUID, source: 'job_applicant_id' },
      ],
      timeNotes: [
        { field: 'updatedAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_modified' },
        { field: 'completedAt', origin: 'DAY_ONLY', source: 'report_date' },
      ],
    });
    expect(served.raw).toEqual(seedReportEvent.data);
  });

  it('lands the report: scores on UNKNOWN scales, labels ORDINAL, violations, transcript, recording, PDF; raw keeps report_date and per-skill timestamps', () => {
    const report = served.report;
    expect(report).toMatchObject({
      providerId: 'h0gqkAcaDJ',
      pdfUrl: 'https://micro1.ai/report/h0gqkAcaDJ.pdf',
      completedAt: '2024-01-01T00:00:00.000Z',
      score: { value: null, raw: 85, scale: 'UNKNOWN', scaleKnown: false },
      integrity: {
        score: { raw: 85, scale: 'UNKNOWN' },
        violations: [{ type: 'tab_switch', value: '3', description: '3 tab switches detected, indicating multitasking or external searches.' }],
      },
      recordings: [{ kind: 'SCREEN', format: 'HLS', url: 'https://micro1.ai/interview/h0gqkAcaDJ.m3u8', playerUrl: null, sessionKey: null }],
      transcript: [{ speaker: 'INTERVIEWER', text: 'Can you tell me about yourself?', offsetMs: 100_000 }],
    });
    expect(
      report.scorecard.items.map((i: { category: string; name: string; score: { scale: string; label: string } }) => [
        i.category,
        i.name,
        i.score.scale,
        i.score.label,
      ]),
    ).toEqual([
      ['TECHNICAL_SKILL', 'React.js', 'ORDINAL', 'Senior'],
      ['SOFT_SKILL', 'Overall', 'ORDINAL', 'B1'],
      ['CODING', 'Coding', 'ORDINAL', 'Senior'],
      ['CUSTOM_QUESTION', 'Are you willing to relocate?', 'ORDINAL', 'Great Answer'],
    ]);
    expect(report.scorecard.items[3]).toMatchObject({
      question: 'Are you willing to relocate?',
      answer: 'Yes, I am willing to relocate',
      feedback: 'Candidate is willing to relocate with a 20% chance',
    });
    expect(report.raw).toEqual(seedReportEvent.data);
    expect(report.raw).toMatchObject({ report_date: '2024-01-01', technical_skills_evaluation: [{ timestamp: 100 }] });
  });

  it('a retry of the same payload is acknowledged as a duplicate, and the stored delivery is the body as sent', async () => {
    expect(JSON.parse((await post(seedReportEvent)).body)).toEqual({ result: 'duplicate' });
    const stored = (h.app.tenant().webhookStore as MemoryWebhookStore).all().find((d) => d.type === 'interview_report.created');
    expect(stored?.body).toEqual(seedReportEvent);
  });
});

describe('report parts that name only report_id (recording, webcam, proctoring)', () => {
  it('seed 000 interview_recording.completed for a report not known yet is held, then lands when the report arrives', async () => {
    expect(JSON.parse((await post(seedRecordingEvent)).body)).toEqual({ result: 'applied' });
    // The report ABCD1234 of the seed's candidate arrives later (the seed report, renumbered).
    const report = clone(seedReportEvent);
    report.data.report_id = 'ABCD1234';
    report.data.interview_id = 'tpl-replay-1';
    expect(JSON.parse((await post(report)).body)).toEqual({ result: 'applied' });
    const served = await interview(`MICRO1:Interview:tpl-replay-1~${UUID}`);
    expect(served.report.recordings).toEqual([
      // The seed's URL is a bare host ending in .m3u8: no path to read a format from.
      {
        kind: 'SCREEN',
        format: 'UNKNOWN',
        url: 'https://url_to_interview_recording.m3u8',
        playerUrl: 'https://client.micro1.ai/ai-interview-video/ABCDXYZ',
        sessionKey: null,
      },
    ]);
  });

  it('webcam recording and proctoring score of a report micro1 lists land on it (located by candidate_id), pushed to subscribers', async () => {
    const sim = h.sim<{ reports: Array<{ report_id: string; candidate_id: string; interview_id: string }> }>(Provider.MICRO1);
    const target = sim.dataset.reports[0];
    const id = `MICRO1:Interview:${target.interview_id}~${target.candidate_id}`;
    await interview(id); // cached, as a frontend would have it
    const ws = createWsClient({ url: `${h.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    try {
      const opened = subscriptionsOpened(h.app.events);
      const pushed = firstEvent(
        ws,
        `subscription { reportReady(provider: MICRO1) { providerId recordings { kind playerUrl } integrity { score { raw scale } } } }`,
      );
      await opened(1);
      const webcam = clone(webcamEvent);
      Object.assign(webcam.data, { report_id: target.report_id, candidate_id: target.candidate_id });
      expect(JSON.parse((await post(webcam)).body)).toEqual({ result: 'applied' });
      expect(await pushed).toMatchObject({
        reportReady: {
          providerId: target.report_id,
          recordings: expect.arrayContaining([{ kind: 'WEBCAM', playerUrl: webcamEvent.data.interview_webcam_recording_player_url }]),
        },
      });
    } finally {
      await ws.dispose();
    }
    const proctoring = clone(proctoringEvent);
    Object.assign(proctoring.data, { report_id: target.report_id, candidate_id: target.candidate_id, proctoring_score: 42 });
    expect(JSON.parse((await post(proctoring)).body)).toEqual({ result: 'applied' });
    const served = await interview(id);
    expect(served.report.integrity.score).toEqual({ raw: 42, scale: 'UNKNOWN' });
    expect(served.report.recordings).toContainEqual(expect.objectContaining({ kind: 'WEBCAM', url: webcamEvent.data.interview_webcam_recording_url }));
  });
});

describe('other documented events, verbatim', () => {
  it('interview.started (docs example): IN_PROGRESS, started at date_started (zone assumed, said so), job id as an external id', async () => {
    expect(JSON.parse((await post(startedEvent)).body)).toEqual({ result: 'applied' });
    const served = await interview(`MICRO1:Interview:${startedEvent.data.interview_id}~${startedEvent.data.candidate_id}`);
    expect(served).toMatchObject({
      status: 'IN_PROGRESS',
      startedAt: '2024-01-01T10:00:00.000Z',
      templateName: startedEvent.data.interview_name,
      timeNotes: [
        { field: 'updatedAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_started' },
        { field: 'startedAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_started' },
      ],
    });
    expect(served.externalIds).toContainEqual({ kind: 'VENDOR_JOB', id: startedEvent.data.job_id, source: 'job_id' });
    expect(served.raw).toEqual(startedEvent.data);
  });

  it('applicant.completed (seed 000): acknowledged and stored as sent; no interview to put it on', async () => {
    expect(JSON.parse((await post(seedApplicantEvent)).body)).toEqual({ result: 'applied' });
    const stored = (h.app.tenant().webhookStore as MemoryWebhookStore).all().find((d) => d.type === 'applicant.completed');
    expect(stored).toMatchObject({ interviewLocator: null, body: seedApplicantEvent });
  });
});

describe('drift in a report payload', () => {
  it('a score sent as a string and a skill block of another shape degrade those fields; the interview and the rest load; /metrics counts it', async () => {
    const drifted = clone(seedReportEvent) as { event: string; data: Record<string, unknown> };
    Object.assign(drifted.data, {
      report_id: 'drift1',
      interview_id: 'tpl-drift',
      ai_match_score: '85',
      soft_skills_evaluation: { Overall: 'B1' },
      brand_new_field: { nested: true },
    });
    expect(JSON.parse((await post(drifted)).body)).toEqual({ result: 'applied' });
    const served = await interview(`MICRO1:Interview:tpl-drift~${UUID}`);
    expect(served.status).toBe('COMPLETED');
    expect(served.report.score).toBeNull();
    expect(served.report.scorecard.items.map((i: { name: string }) => i.name)).toEqual(['React.js', 'Coding', 'Are you willing to relocate?']);
    expect(served.report.transcript).toHaveLength(1);
    expect(served.report.raw).toMatchObject({ ai_match_score: '85', soft_skills_evaluation: { Overall: 'B1' }, brand_new_field: { nested: true } });
    const metrics = (await h.http('GET', '/metrics')).body;
    expect(metrics).toContain('ig_vendor_schema_drift_total{provider="MICRO1",field="ai_match_score"} 1');
    expect(metrics).toContain('ig_vendor_schema_drift_total{provider="MICRO1",field="soft_skills_evaluation"} 1');
  });

  it('missing optionals and nulls: a report with only its ids still lands, with nulls and empty lists', async () => {
    const bare = {
      event: 'interview_report.created',
      data: { report_id: 'bare1', interview_id: 'tpl-bare', candidate_id: UUID, ai_match_score: null, interview_transcript: null },
    };
    expect(JSON.parse((await post(bare)).body)).toEqual({ result: 'applied' });
    const served = await interview(`MICRO1:Interview:tpl-bare~${UUID}`);
    expect(served).toMatchObject({ status: 'COMPLETED', completedAt: null, externalIds: [], timeNotes: [], templateName: null });
    expect(served.report).toMatchObject({ score: null, integrity: null, scorecard: null, transcript: [], recordings: [], pdfUrl: null });
  });
});

describe('REST bodies as micro1 documents them (OpenAPI examples), served verbatim', () => {
  let vendor: Awaited<ReturnType<typeof serveDocumentedBodies>>;
  let rest: Harness;
  beforeAll(async () => {
    const bodies: Record<string, unknown> = { '/interview/invites': specInvites, '/interview/reports': specReports, '/interviews': specInterviews };
    vendor = await serveDocumentedBodies((path) => bodies[path], { status: false, message: 'not found' });
    rest = await startHarness({ baseUrls: { [Provider.MICRO1]: vendor.url } });
  });
  afterAll(async () => {
    await rest.close();
    await vendor.close();
  });

  it('the invite lands as an Interview (times noted as read in UTC), raw = the list item', async () => {
    const result = await rest.query(`{ interviews(provider: MICRO1, first: 5) { edges { node { ${INTERVIEW_FIELDS} } } } }`);
    expect(result.errors).toBeUndefined();
    const [{ node }] = (result.data as { interviews: { edges: Array<{ node: Record<string, unknown> }> } }).interviews.edges;
    expect(node).toMatchObject({
      status: 'INVITED',
      statusRaw: 'active',
      templateName: 'Full Stack Engineer Interview',
      candidate: {
        email: 'john.doe@micro1.ai',
        accounts: expect.arrayContaining([{ provider: 'MICRO1', providerId: 'h0gqkAcaDJ', name: 'John Doe', email: 'john.doe@micro1.ai' }]),
      },
      timeNotes: [
        { field: 'createdAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_created' },
        { field: 'updatedAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_modified' },
        { field: 'invitedAt', origin: 'ZONE_ASSUMED_UTC', source: 'date_created' },
      ],
      template: { id: `micro1:InterviewTemplate:${UUID}` },
    });
    expect(node.raw).toEqual(specInvites.data[0]);
  });

  it('the report lands whole; what the model has no field for (session_id, job_applicant_id, ATS ids, report_date) is in raw', async () => {
    const result = await rest.query(`query ($id: ID!) { report(id: $id) { ${REPORT_FIELDS} } }`, { id: `MICRO1:Report:${UUID}~${UUID}~h0gqkAcaDJ` });
    expect(result.errors).toBeUndefined();
    const report = (result.data as { report: Record<string, any> }).report; // eslint-disable-line @typescript-eslint/no-explicit-any
    const example = specReports.data[0];
    expect(report).toMatchObject({
      providerId: example.report_id,
      pdfUrl: example.report_url,
      score: { raw: example.ai_match_score, scale: 'UNKNOWN' },
      recordings: [
        expect.objectContaining({
          kind: 'SCREEN',
          url: example.interview_recording_url,
          playerUrl: example.interview_recording_player_url,
          sessionKey: example.session_id,
        }),
      ],
    });
    expect(report.scorecard.items.map((i: { category: string }) => i.category)).toContain('CODING');
    expect(report.raw).toEqual(example);
  });
});
