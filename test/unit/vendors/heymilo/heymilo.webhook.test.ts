import pino from 'pino';
import { Decision, InterviewStatus, type Interview } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { BadUserInputError } from '../../../../src/errors/bad-user-input.error';
import { ErrorCode } from '../../../../src/errors/error-code';
import { createHeymiloAdapter } from '../../../../src/vendors/heymilo/heymilo.adapter';
import { normalizeHeymiloReport } from '../../../../src/vendors/heymilo/heymilo.normalize';
import { heymiloInterviewDataSchema } from '../../../../src/vendors/heymilo/heymilo.raw';
import { HEYMILO_WEBHOOK_EVENTS, parseHeymiloWebhook } from '../../../../src/vendors/heymilo/heymilo.webhook';
import ingestedEvent from '../../../fixtures/vendors/heymilo/webhook.candidate-ingested.json';
import startedEvent from '../../../fixtures/vendors/heymilo/webhook.interview-started.json';
import completedEvent from '../../../fixtures/vendors/heymilo/webhook.interview-completed.json';
import reportEvent from '../../../fixtures/vendors/heymilo/webhook.report-available.json';
import reportNoDataEvent from '../../../fixtures/vendors/heymilo/webhook.report-available.no-data.json';

const ID = 'D536A69A4090E13F';
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const clone = <T>(value: T): T => structuredClone(value);

/** The fields every webhook Interview of the fixtures' candidate shares. */
const BASE: Interview = {
  kind: 'Interview',
  provider: Provider.HEYMILO,
  locator: ID,
  providerId: ID,
  createdAt: iso(1739612400),
  updatedAt: null,
  status: InterviewStatus.UNKNOWN,
  statusRaw: null,
  decision: null,
  decisionRaw: null,
  candidate: { provider: Provider.HEYMILO, providerId: 'cand_def456', name: 'Jane Smith', email: 'jane.smith@example.com' },
  templateLocator: '13D77095',
  templateName: null,
  inviteUrl: `https://candidates.heymilo.io/acme/i/${ID}`,
  invitedAt: iso(1739612400),
  startedAt: null,
  completedAt: null,
  timeNotes: [],
};
/** HeyMilo dates no start (nor, on /data, a completion): read off the workflow, and said so. */
const STARTED_NOTE = { field: 'startedAt', origin: 'DERIVED', source: 'workflow.steps[first].last_updated_at (once started)' };
const _COMPLETED_NOTE = { field: 'completedAt', origin: 'DERIVED', source: 'workflow.last_activity_at (all_complete)' };
const REF = { locator: ID, email: 'jane.smith@example.com', name: 'Jane Smith', candidateProviderId: 'cand_def456', createdAt: iso(1739612400) };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectBadInput(body: unknown, message: string): void {
  const error = thrown(() => parseHeymiloWebhook(body));
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).code).toBe(ErrorCode.BAD_USER_INPUT);
  expect((error as Error).message).toBe(message);
}

describe('candidate_ingested', () => {
  it('gives the INVITED interview (stage 1)', () => {
    expect(parseHeymiloWebhook(clone(ingestedEvent))).toEqual({
      type: 'candidate_ingested',
      dedupeKey: `candidate_ingested|${ID}|1739612400|pending|`,
      interviewLocator: ID,
      occurredAt: iso(1739612400),
      stage: 1,
      // No workflow activity yet: the event's own time is the latest change.
      interview: { ...BASE, status: InterviewStatus.INVITED, statusRaw: 'pending', updatedAt: iso(1739612400), raw: ingestedEvent },
      refs: [REF],
    });
  });
});

describe('interview_started', () => {
  it('gives the IN_PROGRESS interview, started when the first workflow step started', () => {
    expect(parseHeymiloWebhook(clone(startedEvent))).toEqual({
      type: 'interview_started',
      dedupeKey: `interview_started|${ID}|1739612430|in_progress|`,
      interviewLocator: ID,
      occurredAt: iso(1739612430),
      stage: 2,
      interview: {
        ...BASE,
        status: InterviewStatus.IN_PROGRESS,
        statusRaw: 'in_progress',
        updatedAt: iso(1739612430),
        startedAt: iso(1739612430),
        timeNotes: [STARTED_NOTE],
        raw: startedEvent,
      },
      refs: [REF],
    });
  });

  it('falls back to occurred_at for the start when the payload has no workflow; the event fixes the status', () => {
    const { workflow: _w, ...bare } = clone(startedEvent);
    const event = parseHeymiloWebhook({ ...bare, status: undefined });
    expect(event.interview).toMatchObject({ status: InterviewStatus.IN_PROGRESS, statusRaw: null, startedAt: iso(1739612430), updatedAt: iso(1739612430) });
  });
});

describe('interview_completed', () => {
  it('gives the PROCESSING interview while HeyMilo is still evaluating', () => {
    expect(parseHeymiloWebhook(clone(completedEvent))).toEqual({
      type: 'interview_completed',
      dedupeKey: `interview_completed|${ID}|1739715600|evaluating|`,
      interviewLocator: ID,
      occurredAt: iso(1739715600),
      stage: 3,
      interview: {
        ...BASE,
        status: InterviewStatus.PROCESSING,
        statusRaw: 'evaluating',
        updatedAt: iso(1739715600),
        // The first step (order 1) had started; its last change is the best HeyMilo dates.
        startedAt: iso(1739612460),
        completedAt: iso(1739713800),
        timeNotes: [STARTED_NOTE],
        raw: completedEvent,
      },
      refs: [REF],
    });
  });

  it('reads a final word as COMPLETED with its decision', () => {
    const event = parseHeymiloWebhook({ ...clone(completedEvent), status: 'dismissed' });
    expect(event.interview).toMatchObject({ status: InterviewStatus.COMPLETED, statusRaw: 'dismissed', decision: Decision.REJECTED, decisionRaw: 'dismissed' });
    const flagged = parseHeymiloWebhook({ ...clone(completedEvent), status: 'completed', shortlisted: true });
    expect(flagged.interview).toMatchObject({ status: InterviewStatus.COMPLETED, decision: Decision.SHORTLISTED });
  });

  it('never goes back before PROCESSING: a missing or earlier word still means the steps are done', () => {
    for (const status of [undefined, 'in_progress', 'weird']) {
      const { interviewed_at: _i, workflow: _w, ...bare } = clone(completedEvent);
      const event = parseHeymiloWebhook({ ...bare, status });
      expect(event.interview).toMatchObject({ status: InterviewStatus.PROCESSING, statusRaw: status ?? null, decision: null, completedAt: iso(1739715600) });
    }
  });
});

describe('report_available', () => {
  it('with the /data object: the Report (as the REST path reads /data) and the Interview, no invalidation', () => {
    const event = parseHeymiloWebhook(clone(reportEvent));
    // The Report as the REST path reads /data, its raw the payload's `data` as sent.
    const expectedReport = normalizeHeymiloReport(heymiloInterviewDataSchema.parse(clone(reportEvent.data)), reportEvent.data)!;
    expect(event).toEqual({
      type: 'report_available',
      dedupeKey: `report_available|${ID}|1739715720|shortlisted|78.5`,
      interviewLocator: ID,
      occurredAt: iso(1739715720),
      stage: 4,
      interview: {
        ...BASE,
        // /data's own status word ("Completed") with the row's shortlisted flag.
        status: InterviewStatus.COMPLETED,
        statusRaw: 'Completed',
        decision: Decision.SHORTLISTED,
        decisionRaw: 'shortlisted',
        updatedAt: iso(1739715600),
        startedAt: iso(1739612460),
        completedAt: iso(1739713800),
        timeNotes: [STARTED_NOTE],
        raw: reportEvent,
      },
      report: expectedReport,
      refs: [REF],
    });
    expect(event.report).toMatchObject({ locator: ID, interviewLocator: ID, score: { value: 78.5, raw: 78.5, scaleMin: 0, scaleMax: 100 } });
    expect(event.report!.scorecard!.items.length).toBeGreaterThan(0);
    expect(event.invalidate).toBeUndefined();
  });

  it('without it: invalidate, so the next read fetches /data', () => {
    expect(parseHeymiloWebhook(clone(reportNoDataEvent))).toEqual({
      type: 'report_available',
      dedupeKey: `report_available|${ID}|1739715720|shortlisted|78.5`,
      interviewLocator: ID,
      occurredAt: iso(1739715720),
      stage: 4,
      refs: [REF],
      invalidate: true,
    });
  });

  it('with a /data object that is not ready: invalidate as well', () => {
    const notReady = { ...clone(reportEvent.data), status: 'not_ready', web_interview: null, resume: null, sms: null, form: null };
    const event = parseHeymiloWebhook({ ...clone(reportEvent), data: notReady });
    expect(event).toMatchObject({ invalidate: true, interviewLocator: ID, stage: 4 });
    expect(event.report).toBeUndefined();
    expect(event.interview).toBeUndefined();
  });

  it('reads a minimal payload (ids and event only)', () => {
    expect(parseHeymiloWebhook({ event_type: 'report_available', interview_id: 'int_1' })).toEqual({
      type: 'report_available',
      dedupeKey: 'report_available|int_1|||',
      interviewLocator: 'int_1',
      occurredAt: null,
      stage: 4,
      refs: [{ locator: 'int_1', email: null, name: null, candidateProviderId: null, createdAt: null }],
      invalidate: true,
    });
  });
});

describe('tolerance', () => {
  it('accepts `timestamp` for the time and the identity at the top level', () => {
    const { candidate: _c, occurred_at: _o, ...rest } = clone(startedEvent);
    const event = parseHeymiloWebhook({ ...rest, timestamp: 1739612430, candidate_id: 'cand_def456', name: 'Jane Smith', email: 'jane.smith@example.com' });
    expect(event.occurredAt).toBe(iso(1739612430));
    expect(event.interview?.candidate).toEqual(BASE.candidate);
  });

  it('keeps templateLocator null without a posting', () => {
    const { posting_id: _p, ...rest } = clone(startedEvent);
    expect(parseHeymiloWebhook(rest).interview?.templateLocator).toBeNull();
  });
});

describe('dedupe keys', () => {
  const fixtures = [ingestedEvent, startedEvent, completedEvent, reportEvent];

  it('cover every event type', () => {
    expect(new Set(fixtures.map((f) => f.event_type))).toEqual(new Set(HEYMILO_WEBHOOK_EVENTS));
  });

  it('are stable across retries and distinct across events of the same interview', () => {
    const keys = fixtures.map((f) => parseHeymiloWebhook(clone(f)).dedupeKey);
    expect(fixtures.map((f) => parseHeymiloWebhook({ ...clone(f), extra: 1 }).dedupeKey)).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('change for a re-scored report', () => {
    const key = parseHeymiloWebhook(clone(reportNoDataEvent)).dedupeKey;
    expect(parseHeymiloWebhook({ ...clone(reportNoDataEvent), score: 80 }).dedupeKey).not.toBe(key);
    expect(parseHeymiloWebhook({ ...clone(reportNoDataEvent), occurred_at: 1739715999 }).dedupeKey).not.toBe(key);
  });
});

describe('bad input → BAD_USER_INPUT with what is wrong', () => {
  it('refuses a body that is not an object', () => {
    for (const body of [null, 'x', 1, []]) expectBadInput(body, 'heymilo webhook: the body must be a JSON object');
  });

  it('refuses a missing, mistyped or unknown event type', () => {
    expectBadInput({ interview_id: ID }, 'heymilo webhook: "event_type" is required');
    expectBadInput({ event_type: 3, interview_id: ID }, 'heymilo webhook: "event_type" must be a string, got number');
    expectBadInput({ event_type: 'interview_deleted', interview_id: ID }, 'unknown heymilo webhook event "interview_deleted"');
  });

  it('names a missing or empty interview id (what names the event)', () => {
    expectBadInput({ event_type: 'interview_started' }, 'heymilo webhook: "interview_id" is required');
    expectBadInput({ event_type: 'interview_started', interview_id: '' }, 'heymilo webhook: "interview_id" must not be empty');
  });

  it('a drifted field degrades alone, is told to the drift sink and stays in raw', () => {
    const told: string[] = [];
    const tell = (field: string) => told.push(field);
    const started = parseHeymiloWebhook({ ...clone(startedEvent), occurred_at: '2025-01-01' }, tell);
    expect(started).toMatchObject({
      type: 'interview_started',
      occurredAt: null,
      interview: { status: InterviewStatus.IN_PROGRESS, raw: { occurred_at: '2025-01-01' } },
    });
    const { interview_id: _i, ...dataWithoutId } = clone(reportEvent.data);
    // /data that names no interview cannot be a report: the event says only "read /data again".
    expect(parseHeymiloWebhook({ ...clone(reportEvent), data: dataWithoutId }, tell)).toMatchObject({ type: 'report_available', invalidate: true });
    const scored = clone(reportEvent) as { data: { web_interview: Record<string, unknown> } };
    scored.data.web_interview.match_score = '80';
    const event = parseHeymiloWebhook(scored, tell);
    expect(event.report).toMatchObject({ score: { raw: 78.5 } });
    expect(told).toEqual(['occurred_at', 'data', 'data.web_interview.match_score']);
  });

  it('refuses a /data object about another interview', () => {
    expectBadInput(
      { ...clone(reportEvent), data: { ...clone(reportEvent.data), interview_id: 'other' } },
      `heymilo webhook: "data.interview_id" ("other") does not match "interview_id" ("${ID}")`,
    );
  });
});

describe('the adapter exposes the parser', () => {
  it('as parseWebhook', () => {
    const adapter = createHeymiloAdapter({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 1000,
      connectTimeoutMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    expect(adapter.parseWebhook!(clone(startedEvent))).toEqual(parseHeymiloWebhook(clone(startedEvent)));
    return adapter.close();
  });
});
