import {
  ExternalIdKind,
  InterviewStatus,
  Recommendation,
  RecordingFormat,
  RecordingKind,
  ScorecardCategory,
  type Score,
  ScoreScale,
  TimeOrigin,
} from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { BadUserInputError } from '../../../../src/errors/bad-user-input.error';
import { ErrorCode } from '../../../../src/errors/error-code';
import { createMicro1Adapter } from '../../../../src/vendors/micro1/micro1.adapter';
import { normalizeReport } from '../../../../src/vendors/micro1/micro1.normalize';
import { micro1ReportSchema } from '../../../../src/vendors/micro1/micro1.raw';
import { MICRO1_WEBHOOK_EVENTS, parseMicro1Webhook } from '../../../../src/vendors/micro1/micro1.webhook';
import pino from 'pino';
import seedReportEvent from '../../../fixtures/vendors/micro1/webhook.interview-report-created.seed000.json';
import seedRecordingEvent from '../../../fixtures/vendors/micro1/webhook.interview-recording-completed.seed000.json';
import seedApplicantEvent from '../../../fixtures/vendors/micro1/webhook.applicant-completed.seed000.json';
import startedEvent from '../../../fixtures/vendors/micro1/webhook.interview-started.docs-example.json';
import completedEvent from '../../../fixtures/vendors/micro1/webhook.interview-completed.json';
import webcamEvent from '../../../fixtures/vendors/micro1/webhook.interview-webcam-recording-completed.json';
import proctoringEvent from '../../../fixtures/vendors/micro1/webhook.proctoring-score-completed.json';
import applicantCreatedEvent from '../../../fixtures/vendors/micro1/webhook.applicant-created.json';
import applicantUpdatedEvent from '../../../fixtures/vendors/micro1/webhook.applicant-updated.json';
import applicantInvitedEvent from '../../../fixtures/vendors/micro1/webhook.applicant-invited.json';

const UUID = '123e4567-e89b-12d3-a456-426614174000';
const SESSION = `${UUID}~${UUID}`;
/** micro1 documents no scale for `ai_match_score` / `proctoring_score` (example 85): kept raw, no 0–100 value. */
const UNKNOWN_85: Score = { value: null, raw: 85, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label: null };

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectBadInput(body: unknown, message: string): void {
  const error = thrown(() => parseMicro1Webhook(body));
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).code).toBe(ErrorCode.BAD_USER_INPUT);
  expect((error as Error).message).toBe(message);
}

const clone = <T>(value: T): T => structuredClone(value);

describe('interview_report.created (seed 000)', () => {
  const event = parseMicro1Webhook(clone(seedReportEvent));

  it('is a stage-4 event about the session, dated by the report', () => {
    expect(event.type).toBe('interview_report.created');
    expect(event.interviewLocator).toBe(SESSION);
    expect(event.occurredAt).toBe('2021-01-01T00:00:00.000Z');
    expect(event.stage).toBe(4);
    expect(event.dedupeKey).toBe('interview_report.created|h0gqkAcaDJ|2021-01-01 00:00:00');
    expect(event.invalidate).toBeUndefined();
  });

  it('carries the whole report, exactly as the REST path normalizes the same object, with the payload as raw', () => {
    expect(event.report).toEqual(normalizeReport(micro1ReportSchema.parse(seedReportEvent.data), seedReportEvent.data));
    // Every field micro1 sent stays reachable, those the model has no field for included.
    expect(event.report?.raw).toEqual(seedReportEvent.data);
    const report = event.report!;
    expect(report.locator).toBe(`${SESSION}~h0gqkAcaDJ`);
    expect(report.providerId).toBe('h0gqkAcaDJ');
    expect(report.interviewLocator).toBe(SESSION);
    expect(report.score).toEqual(UNKNOWN_85);
    expect(report.integrity).toEqual({
      score: UNKNOWN_85,
      violations: [{ type: 'tab_switch', value: '3', description: '3 tab switches detected, indicating multitasking or external searches.' }],
    });
    expect(report.recommendation).toBe(Recommendation.NO_DECISION);
    expect(report.scorecard?.overall).toEqual(UNKNOWN_85);
    expect(report.scorecard?.items.map((i) => [i.category, i.name, i.score?.value, i.score?.label])).toEqual([
      [ScorecardCategory.TECHNICAL_SKILL, 'React.js', 100, 'Senior'],
      [ScorecardCategory.SOFT_SKILL, 'Overall', 40, 'B1'],
      [ScorecardCategory.CODING, 'Coding', 100, 'Senior'],
      [ScorecardCategory.CUSTOM_QUESTION, 'Are you willing to relocate?', 100, 'Great Answer'],
    ]);
    expect(report.transcript).toHaveLength(1);
    expect(report.transcript[0].offsetMs).toBe(100_000);
    expect(report.recordings).toEqual([
      {
        kind: RecordingKind.SCREEN,
        format: RecordingFormat.HLS,
        url: 'https://micro1.ai/interview/h0gqkAcaDJ.m3u8',
        playerUrl: null,
        sessionKey: null,
        expiresAt: null,
      },
    ]);
    expect(report.pdfUrl).toBe('https://micro1.ai/report/h0gqkAcaDJ.pdf');
    // report_date is the completion day; date_created (2021) is another day: the day alone.
    expect(report.completedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(report.timeNotes).toContainEqual({ field: 'completedAt', origin: TimeOrigin.DAY_ONLY, source: 'report_date' });
  });

  it('carries the COMPLETED interview the report evaluates', () => {
    expect(event.interview).toEqual({
      kind: 'Interview',
      provider: Provider.MICRO1,
      locator: SESSION,
      providerId: SESSION,
      createdAt: null,
      updatedAt: '2021-01-01T00:00:00.000Z',
      status: InterviewStatus.COMPLETED,
      statusRaw: 'active',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.MICRO1, providerId: UUID, name: 'John Doe', email: 'john.doe@micro1.ai' },
      templateLocator: UUID,
      templateName: 'Full Stack Engineer Interview',
      inviteUrl: null,
      invitedAt: null,
      startedAt: null,
      completedAt: '2024-01-01T00:00:00.000Z',
      timeNotes: [
        { field: 'updatedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_modified' },
        { field: 'completedAt', origin: TimeOrigin.DAY_ONLY, source: 'report_date' },
      ],
      externalIds: [
        { kind: ExternalIdKind.ATS_JOB, id: 'ABCD1234', source: 'ats_job_id' },
        { kind: ExternalIdKind.ATS_APPLICATION, id: 'ABCD1234', source: 'ats_job_application_id' },
        { kind: ExternalIdKind.VENDOR_APPLICATION, id: UUID, source: 'job_applicant_id' },
      ],
      raw: seedReportEvent.data,
    });
  });

  it('refs the candidate for the identity index', () => {
    expect(event.refs).toEqual([
      { locator: SESSION, email: 'john.doe@micro1.ai', name: 'John Doe', candidateProviderId: UUID, createdAt: '2024-01-01T00:00:00.000Z' },
    ]);
  });

  it('falls back to date_modified, then report_date, for the time', () => {
    const data = { ...clone(seedReportEvent.data), date_created: null, date_modified: '2021-01-02 03:04:05' };
    expect(parseMicro1Webhook({ event: 'interview_report.created', data }).occurredAt).toBe('2021-01-02T03:04:05.000Z');
    const bare = { ...data, date_modified: undefined };
    expect(parseMicro1Webhook({ event: 'interview_report.created', data: bare }).occurredAt).toBe('2024-01-01T00:00:00.000Z');
  });
});

describe('interview.started (docs example)', () => {
  const event = parseMicro1Webhook(clone(startedEvent));
  const interviewId = '123c4567-e89b-12d3-a456-426614174000';
  const candidateId = '123a4567-e89b-12d3-a456-426614174000';
  const locator = `${interviewId}~${candidateId}`;

  it('gives the IN_PROGRESS interview, started at date_started', () => {
    expect(event).toEqual({
      type: 'interview.started',
      dedupeKey: `interview.started|${interviewId}|${candidateId}|2024-01-01 10:00:00`,
      interviewLocator: locator,
      occurredAt: '2024-01-01T10:00:00.000Z',
      stage: 2,
      interview: {
        kind: 'Interview',
        provider: Provider.MICRO1,
        locator,
        providerId: locator,
        createdAt: null,
        updatedAt: '2024-01-01T10:00:00.000Z',
        status: InterviewStatus.IN_PROGRESS,
        statusRaw: null,
        decision: null,
        decisionRaw: null,
        candidate: { provider: Provider.MICRO1, providerId: candidateId, name: 'John Doe', email: 'john.doe@micro1.ai' },
        templateLocator: interviewId,
        templateName: 'Backend Developer Interview',
        inviteUrl: null,
        invitedAt: null,
        startedAt: '2024-01-01T10:00:00.000Z',
        completedAt: null,
        timeNotes: [
          { field: 'updatedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_started' },
          { field: 'startedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_started' },
        ],
        externalIds: expect.arrayContaining([expect.objectContaining({ source: 'job_id', kind: ExternalIdKind.VENDOR_JOB })]),
        raw: startedEvent.data,
      },
      refs: [{ locator, email: 'john.doe@micro1.ai', name: 'John Doe', candidateProviderId: candidateId, createdAt: '2024-01-01T10:00:00.000Z' }],
    });
  });
});

describe('report parts: amendments of the report named by report_id (no interview_id, so no locator)', () => {
  const screen = (url: string, playerUrl: string) => ({
    kind: RecordingKind.SCREEN,
    format: RecordingFormat.HLS,
    url,
    playerUrl,
    sessionKey: null,
    expiresAt: null,
  });

  it('interview_recording.completed (seed 000): the screen recording and its player URL', () => {
    expect(parseMicro1Webhook(clone(seedRecordingEvent))).toEqual({
      type: 'interview_recording.completed',
      dedupeKey: 'interview_recording.completed|ABCD1234',
      interviewLocator: null,
      occurredAt: null,
      stage: 3,
      invalidate: true,
      amendment: {
        reportProviderId: 'ABCD1234',
        candidateProviderId: UUID,
        // The seed's URL is a bare host ending in .m3u8: no path to read a format from.
        recordings: [
          { ...screen('https://url_to_interview_recording.m3u8', 'https://client.micro1.ai/ai-interview-video/ABCDXYZ'), format: RecordingFormat.UNKNOWN },
        ],
      },
    });
  });

  it('interview.completed (same trigger, same fields)', () => {
    expect(parseMicro1Webhook(clone(completedEvent))).toEqual({
      type: 'interview.completed',
      dedupeKey: `interview.completed|h0gqkAcaDJ||${UUID}`,
      interviewLocator: null,
      occurredAt: null,
      stage: 3,
      invalidate: true,
      amendment: {
        reportProviderId: 'h0gqkAcaDJ',
        candidateProviderId: UUID,
        recordings: [screen('https://micro1.ai/interview/h0gqkAcaDJ.m3u8', 'https://client.micro1.ai/ai-interview-video/h0gqkAcaDJ')],
      },
    });
  });

  it('interview_webcam_recording.completed: the WEBCAM recording and its player URL', () => {
    expect(parseMicro1Webhook(clone(webcamEvent))).toEqual({
      type: 'interview_webcam_recording.completed',
      dedupeKey: 'interview_webcam_recording.completed|h0gqkAcaDJ',
      interviewLocator: null,
      occurredAt: null,
      stage: 3,
      invalidate: true,
      amendment: {
        reportProviderId: 'h0gqkAcaDJ',
        candidateProviderId: UUID,
        recordings: [
          {
            kind: RecordingKind.WEBCAM,
            format: RecordingFormat.HLS,
            url: 'https://micro1.ai/interview/h0gqkAcaDJ-webcam.m3u8',
            playerUrl: 'https://client.micro1.ai/ai-interview-video/h0gqkAcaDJ?view=webcam',
            sessionKey: null,
            expiresAt: null,
          },
        ],
      },
    });
  });

  it('proctoring_score.completed: the integrity score on an UNKNOWN scale (stage 4), keyed by its score', () => {
    expect(parseMicro1Webhook(clone(proctoringEvent))).toEqual({
      type: 'proctoring_score.completed',
      dedupeKey: 'proctoring_score.completed|h0gqkAcaDJ|85',
      interviewLocator: null,
      occurredAt: null,
      stage: 4,
      invalidate: true,
      amendment: { reportProviderId: 'h0gqkAcaDJ', candidateProviderId: UUID, integrityScore: UNKNOWN_85 },
    });
  });

  it('interview.completed naming only the session is a plain invalidation', () => {
    expect(parseMicro1Webhook({ event: 'interview.completed', data: { interview_id: 'tpl1', candidate_id: 'c1' } }).amendment).toBeUndefined();
  });

  it('builds the session locator when a fragment does name the interview', () => {
    const withInterview = { ...clone(seedRecordingEvent), data: { ...seedRecordingEvent.data, interview_id: 'tpl1' } };
    expect(parseMicro1Webhook(withInterview).interviewLocator).toBe(`tpl1~${UUID}`);
    const completed = { event: 'interview.completed', data: { interview_id: 'tpl1', candidate_id: 'c1' } };
    expect(parseMicro1Webhook(completed)).toMatchObject({ interviewLocator: 'tpl1~c1', dedupeKey: 'interview.completed||tpl1|c1', invalidate: true });
  });
});

describe('applicant events: informational, about no interview', () => {
  it('applicant.completed (seed 000)', () => {
    expect(parseMicro1Webhook(clone(seedApplicantEvent))).toEqual({
      type: 'applicant.completed',
      dedupeKey: `applicant.completed|${UUID}||||80.25`,
      interviewLocator: null,
      occurredAt: null,
      stage: 0,
    });
  });

  const app = '123f4567-e89b-12d3-a456-426614174000';
  const cand = '123a4567-e89b-12d3-a456-426614174000';

  it('applicant.created: dated by date_created', () => {
    expect(parseMicro1Webhook(clone(applicantCreatedEvent))).toEqual({
      type: 'applicant.created',
      dedupeKey: `applicant.created|${app}|${cand}|2024-01-01 09:00:00|applied|`,
      interviewLocator: null,
      occurredAt: '2024-01-01T09:00:00.000Z',
      stage: 0,
    });
  });

  it('applicant.updated: dated by date_modified', () => {
    expect(parseMicro1Webhook(clone(applicantUpdatedEvent))).toEqual({
      type: 'applicant.updated',
      dedupeKey: `applicant.updated|${app}|${cand}|2024-01-01 09:30:00|screening|80.25`,
      interviewLocator: null,
      occurredAt: '2024-01-01T09:30:00.000Z',
      stage: 0,
    });
  });

  it('applicant.invited: stage 1', () => {
    expect(parseMicro1Webhook(clone(applicantInvitedEvent))).toEqual({
      type: 'applicant.invited',
      dedupeKey: `applicant.invited|${app}|${cand}|2024-01-01 09:45:00|interview_invited|80.25`,
      interviewLocator: null,
      occurredAt: '2024-01-01T09:45:00.000Z',
      stage: 1,
    });
  });

  it('names the application by the ATS id, then the email, when micro1 omits its own id', () => {
    const ats = { event: 'applicant.created', data: { ats_job_application_id: 'A1' } };
    expect(parseMicro1Webhook(ats).dedupeKey).toBe('applicant.created|ats:A1||||');
    const email = { event: 'applicant.created', data: { email_id: 'x@example.com', micro1_job_id: 'j1' } };
    expect(parseMicro1Webhook(email).dedupeKey).toBe('applicant.created|email:x@example.com@j1||||');
  });
});

describe('dedupe keys', () => {
  const fixtures = [
    seedReportEvent,
    seedRecordingEvent,
    seedApplicantEvent,
    startedEvent,
    completedEvent,
    webcamEvent,
    proctoringEvent,
    applicantCreatedEvent,
    applicantUpdatedEvent,
    applicantInvitedEvent,
  ];

  it('covers all ten documented event types', () => {
    expect(new Set(fixtures.map((f) => f.event))).toEqual(new Set(MICRO1_WEBHOOK_EVENTS));
  });

  it('are stable: the same payload (a retry) gives the same key, unknown extra fields ignored', () => {
    for (const fixture of fixtures) {
      const again = clone(fixture) as { data: Record<string, unknown> };
      again.data.some_new_field = 'x';
      expect(parseMicro1Webhook(again).dedupeKey).toBe(parseMicro1Webhook(clone(fixture)).dedupeKey);
    }
  });

  it('are distinct across every event type, even about the same report', () => {
    const keys = fixtures.map((f) => parseMicro1Webhook(clone(f)).dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('change when micro1 has something new to say about the same object', () => {
    const base = parseMicro1Webhook(clone(seedReportEvent)).dedupeKey;
    const modified = { ...clone(seedReportEvent), data: { ...seedReportEvent.data, date_modified: '2021-01-02 00:00:00' } };
    expect(parseMicro1Webhook(modified).dedupeKey).not.toBe(base);
    const rescored = { ...clone(proctoringEvent), data: { ...proctoringEvent.data, proctoring_score: 60 } };
    expect(parseMicro1Webhook(rescored).dedupeKey).not.toBe(parseMicro1Webhook(clone(proctoringEvent)).dedupeKey);
  });

  it('cannot be forged by a separator inside an id', () => {
    const a = parseMicro1Webhook({ event: 'interview.completed', data: { report_id: 'r|x', candidate_id: 'c' } }).dedupeKey;
    const b = parseMicro1Webhook({ event: 'interview.completed', data: { report_id: 'r', interview_id: 'x', candidate_id: 'c' } }).dedupeKey;
    expect(a).not.toBe(b);
    expect(a).toBe('interview.completed|r%7Cx||c');
  });
});

describe('bad input → BAD_USER_INPUT with what is wrong', () => {
  it('refuses a body that is not an object', () => {
    for (const body of [null, 'x', 42, [seedReportEvent]]) expectBadInput(body, 'micro1 webhook: the body must be a JSON object');
  });

  it('refuses a missing, mistyped or unknown event', () => {
    expectBadInput({ data: {} }, 'micro1 webhook: "event" is required');
    expectBadInput({ event: 7, data: {} }, 'micro1 webhook: "event" must be a string, got number');
    expectBadInput({ event: 'x', data: {} }, 'unknown micro1 webhook event "x"');
    expectBadInput({ event: 'interview.deleted', data: {} }, 'unknown micro1 webhook event "interview.deleted"');
  });

  it('refuses a missing or mistyped data object', () => {
    expectBadInput({ event: 'interview.started' }, 'micro1 webhook: "data" is required');
    expectBadInput({ event: 'interview.started', data: [1] }, 'micro1 webhook: "data" must be an object, got an array');
  });

  it('names the missing id', () => {
    const { report_id: _r, ...noReportId } = seedReportEvent.data;
    expectBadInput({ event: 'interview_report.created', data: noReportId }, 'micro1 webhook: "data.report_id" is required');
    expectBadInput({ event: 'interview_recording.completed', data: { candidate_id: 'c' } }, 'micro1 webhook: "data.report_id" is required');
    expectBadInput({ event: 'proctoring_score.completed', data: { proctoring_score: 3 } }, 'micro1 webhook: "data.report_id" is required');
    expectBadInput({ event: 'interview.completed', data: { candidate_id: 'c' } }, 'micro1 webhook: "data.report_id" is required');
    expectBadInput({ event: 'interview.started', data: { ...startedEvent.data, interview_id: null } }, 'micro1 webhook: "data.interview_id" is required');
    expectBadInput({ event: 'applicant.updated', data: { stage: 'x' } }, 'micro1 webhook: "data.micro1_job_application_id" is required');
  });

  it('names drift in the ids it reads, and in the one value a proctoring event carries', () => {
    expectBadInput(
      { event: 'interview_report.created', data: { ...seedReportEvent.data, report_id: '' } },
      'micro1 webhook: "data.report_id" must not be empty',
    );
    expectBadInput(
      { event: 'proctoring_score.completed', data: { report_id: 'r', proctoring_score: '85' } },
      'micro1 webhook: "data.proctoring_score" must be a number, got string',
    );
  });

  it('reads a report field of another shape as absent, tells the drift sink, and keeps it in raw', () => {
    const drifted: string[] = [];
    const data = { ...seedReportEvent.data, ai_match_score: '85', soft_skills_evaluation: 'B1' };
    const event = parseMicro1Webhook({ event: 'interview_report.created', data }, (field) => drifted.push(field));
    expect(drifted).toEqual(['ai_match_score', 'soft_skills_evaluation']);
    expect(event.report?.score).toBeNull();
    expect(event.report?.scorecard?.items.map((i) => i.name)).toEqual(['React.js', 'Coding', 'Are you willing to relocate?']);
    expect(event.interview?.status).toBe(InterviewStatus.COMPLETED);
    expect(event.report?.raw).toEqual(data);
  });

  it('reads event names case-insensitively', () => {
    expect(parseMicro1Webhook({ ...clone(startedEvent), event: ' Interview.Started ' }).type).toBe('interview.started');
  });
});

describe('the adapter exposes the parser', () => {
  it('as parseWebhook', () => {
    const adapter = createMicro1Adapter({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 1000,
      connectTimeoutMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    expect(adapter.parseWebhook?.(clone(seedReportEvent))).toEqual(parseMicro1Webhook(clone(seedReportEvent)));
    expect(adapter.descriptor.capabilities.webhooks).toBe(true);
    return adapter.close();
  });
});
