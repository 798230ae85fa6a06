import pino from 'pino';
import { InterviewStatus, Recommendation, RecordingFormat, RecordingKind, ScorecardCategory } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { BadUserInputError } from '../../../../src/errors/bad-user-input.error';
import { ErrorCode } from '../../../../src/errors/error-code';
import { createXobinAdapter } from '../../../../src/vendors/xobin/xobin.adapter';
import { normalizeXobinInterview, normalizeXobinReport } from '../../../../src/vendors/xobin/xobin.normalize';
import { xobinReportSchema } from '../../../../src/vendors/xobin/xobin.raw';
import { parseXobinWebhook, XOBIN_WEBHOOK_START, XOBIN_WEBHOOK_SUBMISSION } from '../../../../src/vendors/xobin/xobin.webhook';
import startEvent from '../../../fixtures/vendors/xobin/webhook.ai-interview-start.docs-example.json';
import submissionEvent from '../../../fixtures/vendors/xobin/webhook.ai-interview-submission.json';
import pendingReport from '../../../fixtures/vendors/xobin/report.pending.json';

const clone = <T>(value: T): T => structuredClone(value);
const CANDIDATE = { provider: Provider.XOBIN, providerId: '7054', name: 'Jennifer Gross', email: 'jennifergross@mailinator.com' };
const STARTED_AT = new Date(1751689365000).toISOString();

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectBadInput(body: unknown, message: string): void {
  const error = thrown(() => parseXobinWebhook(body));
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).code).toBe(ErrorCode.BAD_USER_INPUT);
  expect((error as Error).message).toBe(message);
}

describe('AI Interview Start (docs sample)', () => {
  it('gives the IN_PROGRESS interview (stage 2); the payload carries no time', () => {
    expect(parseXobinWebhook(clone(startEvent))).toEqual({
      type: XOBIN_WEBHOOK_START,
      dedupeKey: 'AI Interview Start|6726',
      interviewLocator: '6726',
      occurredAt: null,
      stage: 2,
      interview: {
        kind: 'Interview',
        provider: Provider.XOBIN,
        locator: '6726',
        providerId: '6726',
        createdAt: null,
        updatedAt: null,
        status: InterviewStatus.IN_PROGRESS,
        statusRaw: 'Started',
        decision: null,
        decisionRaw: null,
        candidate: CANDIDATE,
        templateLocator: '206',
        templateName: 'Receptionist',
        inviteUrl: null,
        invitedAt: null,
        startedAt: null,
        completedAt: null,
        timeNotes: [],
        externalIds: [],
        // What Xobin sent: the gateway keeps it with the cached interview.
        raw: startEvent,
      },
      refs: [{ locator: '6726', email: 'jennifergross@mailinator.com', name: 'Jennifer Gross', candidateProviderId: '7054', createdAt: null }],
    });
  });
});

describe('AI Interview Submission (the report shape)', () => {
  const event = parseXobinWebhook(clone(submissionEvent));

  it('is a stage-4 event dated by completed_date', () => {
    expect(event.type).toBe(XOBIN_WEBHOOK_SUBMISSION);
    expect(event.interviewLocator).toBe('6726');
    expect(event.occurredAt).toBe('2025-07-05T04:42:45.000Z');
    expect(event.stage).toBe(4);
    expect(event.dedupeKey).toBe('AI Interview Submission|6726|Jul 05, 2025, 4:42:45 AM|14');
    expect(event.invalidate).toBeUndefined();
  });

  it('carries the Interview and Report exactly as the REST path reads the same object, raw = the body as sent', () => {
    const parsed = xobinReportSchema.parse(clone(submissionEvent));
    expect(event.interview).toEqual(normalizeXobinInterview(parsed, null, submissionEvent));
    expect(event.report).toEqual(normalizeXobinReport(parsed, submissionEvent));
    expect(event.interview?.raw).toEqual(submissionEvent);
    expect(event.report!.raw).toEqual(submissionEvent);
  });

  it('has the documented values', () => {
    expect(event.interview).toMatchObject({
      status: InterviewStatus.COMPLETED,
      statusRaw: 'Completed',
      candidate: CANDIDATE,
      templateLocator: '206',
      startedAt: STARTED_AT,
      completedAt: '2025-07-05T04:42:45.000Z',
    });
    const report = event.report!;
    expect(report).toMatchObject({
      locator: '6726',
      providerId: '6726',
      interviewLocator: '6726',
      score: { value: null, raw: 14, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null },
      recommendation: Recommendation.NO,
      recommendationRaw: 'Not Recommended',
      integrity: { score: { value: 100, raw: 10, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null }, violations: [] },
      completedAt: '2025-07-05T04:42:45.000Z',
      pdfUrl: submissionEvent.pdf_link,
      reportUrl: submissionEvent.report_link,
    });
    expect(report.summary).toMatch(/^Jennifer Gross exhibited/);
    expect(report.scorecard!.items.map((i) => [i.category, i.name, i.score?.raw])).toEqual([
      [ScorecardCategory.MUST_HAVE, 'Experience', 1],
      [ScorecardCategory.MUST_HAVE, 'Organizational abilities', 1],
      [ScorecardCategory.NICE_TO_HAVE, 'Phone etiquette', 3],
    ]);
    expect(report.recordings.map((r) => [r.kind, r.format, r.sessionKey])).toEqual([
      [RecordingKind.VIDEO, RecordingFormat.WEBM, '1755695988585'],
      [RecordingKind.VIDEO, RecordingFormat.WEBM, '1755695988586'],
    ]);
    expect(report.transcript).toHaveLength(2);
  });

  it('refs the candidate, dated by the earliest activity Xobin dates', () => {
    expect(event.refs).toEqual([
      { locator: '6726', email: 'jennifergross@mailinator.com', name: 'Jennifer Gross', candidateProviderId: '7054', createdAt: STARTED_AT },
    ]);
  });

  it('is recognised by its evaluation fields when the status word is unknown', () => {
    const odd = parseXobinWebhook({ ...clone(submissionEvent), invite_status: 'Evaluated' });
    expect(odd.type).toBe(XOBIN_WEBHOOK_SUBMISSION);
    expect(odd.report).toBeDefined();
    // Kept as the REST path keeps it: the word is unknown.
    expect(odd.interview?.status).toBe(InterviewStatus.UNKNOWN);
  });

  it('reads the status word case-insensitively', () => {
    expect(parseXobinWebhook({ ...clone(startEvent), invite_status: 'started' }).type).toBe(XOBIN_WEBHOOK_START);
    expect(parseXobinWebhook({ ...clone(submissionEvent), invite_status: 'COMPLETED' }).type).toBe(XOBIN_WEBHOOK_SUBMISSION);
  });
});

describe('dedupe keys', () => {
  it('are stable across retries and distinct between the two events of one response', () => {
    const start = parseXobinWebhook(clone(startEvent)).dedupeKey;
    const submission = parseXobinWebhook(clone(submissionEvent)).dedupeKey;
    expect(parseXobinWebhook({ ...clone(startEvent), extra: true }).dedupeKey).toBe(start);
    expect(parseXobinWebhook(clone(submissionEvent)).dedupeKey).toBe(submission);
    expect(start).not.toBe(submission);
  });

  it('change for a re-evaluated submission, and per response', () => {
    const key = parseXobinWebhook(clone(submissionEvent)).dedupeKey;
    expect(parseXobinWebhook({ ...clone(submissionEvent), score: 20 }).dedupeKey).not.toBe(key);
    expect(parseXobinWebhook({ ...clone(submissionEvent), completed_date: 'Jul 06, 2025, 4:42:45 AM' }).dedupeKey).not.toBe(key);
    expect(parseXobinWebhook({ ...clone(startEvent), response_id: 6727 }).dedupeKey).toBe('AI Interview Start|6727');
  });
});

describe('bad input → BAD_USER_INPUT with what is wrong', () => {
  it('refuses a body that is not an object', () => {
    for (const body of [null, 'x', 1, [startEvent]]) expectBadInput(body, 'xobin webhook: the body must be a JSON object');
  });

  it('refuses an envelope with an event name (assessment webhooks are not parsed)', () => {
    expectBadInput({ event: 'assessments.updates', timestamp: '2025-07-05', data: {} }, 'unknown xobin webhook event "assessments.updates"');
  });

  it('names the missing or drifted field', () => {
    const { response_id: _r, ...noId } = clone(startEvent);
    expectBadInput(noId, 'xobin webhook: "response_id" is required');
    const { invite_status: _s, ...noStatus } = clone(startEvent);
    expectBadInput(noStatus, 'xobin webhook: "invite_status" is required');
    expectBadInput({ ...clone(startEvent), response_id: '6726' }, 'xobin webhook: "response_id" must be a number, got string');
    expectBadInput({ ...clone(startEvent), response_id: 67.5 }, 'xobin webhook: "response_id" must be an integer, got number');
    expectBadInput({ ...clone(startEvent), invite_status: 2 }, 'xobin webhook: "invite_status" must be a string, got number');
  });

  it('a drifted evaluation field degrades that field alone, is told to the drift sink, and stays in raw', () => {
    const told: Array<[string, unknown]> = [];
    const body = { ...clone(submissionEvent), score: '14', skill_wise_scores: [{ Experience: 1 }] };
    const event = parseXobinWebhook(body, (field, value) => told.push([field, value]));
    expect(event.type).toBe(XOBIN_WEBHOOK_SUBMISSION);
    expect(event.report).toMatchObject({ score: null, summary: expect.stringMatching(/^Jennifer Gross/), scorecard: null });
    expect(event.report!.transcript.length).toBeGreaterThan(0);
    expect(event.report!.raw).toMatchObject({ score: '14', skill_wise_scores: [{ Experience: 1 }] });
    expect(told).toEqual([
      ['score', '14'],
      ['skill_wise_scores', [{ Experience: 1 }]],
    ]);
  });

  it('refuses shapes that are neither a start nor a submission', () => {
    expectBadInput(clone(pendingReport), 'unknown xobin webhook event (invite_status "Pending" without a report)');
    expectBadInput({ ...clone(startEvent), invite_status: 'Archived' }, 'unknown xobin webhook event (invite_status "Archived" without a report)');
  });
});

describe('the adapter exposes the parser', () => {
  it('as parseWebhook', () => {
    const adapter = createXobinAdapter({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9',
      options: { AI_INTERVIEW_IDS: '206' },
      timeoutMs: 1000,
      connectTimeoutMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    expect(adapter.parseWebhook!(clone(startEvent))).toEqual(parseXobinWebhook(clone(startEvent)));
    return adapter.close();
  });
});
