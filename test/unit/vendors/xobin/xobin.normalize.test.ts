import {
  ExternalIdKind,
  InterviewStatus,
  Recommendation,
  RecordingFormat,
  RecordingKind,
  ScorecardCategory,
  Speaker,
  TimeOrigin,
  TurnMode,
} from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { parseXobinId } from '../../../../src/vendors/xobin/xobin.ids';
import {
  mapXobinStatus,
  normalizeXobinInterview,
  normalizeXobinInvitee,
  normalizeXobinReport,
  normalizeXobinTemplate,
  parseXobinCompletedDate,
} from '../../../../src/vendors/xobin/xobin.normalize';
import { mapXobinRecommendation } from '../../../../src/vendors/xobin/xobin.scores';
import { xobinInviteeListSchema, xobinReportSchema, type RawXobinReport } from '../../../../src/vendors/xobin/xobin.raw';
import completedFixture from '../../../fixtures/vendors/xobin/report.completed.json';
import pendingFixture from '../../../fixtures/vendors/xobin/report.pending.json';
import invitedFixture from '../../../fixtures/vendors/xobin/invited.docs-example.json';

const completed = () => xobinReportSchema.parse(structuredClone(completedFixture));
const pending = () => xobinReportSchema.parse(structuredClone(pendingFixture));
const withChanges = (changes: Record<string, unknown>): RawXobinReport => xobinReportSchema.parse({ ...structuredClone(completedFixture), ...changes });

const unknownScale = (raw: number) => ({ value: null, raw, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null });

describe('the completed report (seed 001 shape, instantiated)', () => {
  it('normalizes the Interview', () => {
    const raw = completed();
    expect(normalizeXobinInterview(raw)).toEqual({
      kind: 'Interview',
      provider: Provider.XOBIN,
      locator: '7421',
      providerId: '7421',
      createdAt: null,
      // The report carries no last_updated_at (the invitee row does).
      updatedAt: null,
      raw,
      status: InterviewStatus.COMPLETED,
      statusRaw: 'Completed',
      decision: null,
      decisionRaw: null,
      // Kept exactly as sent (lower-case name, as in Xobin's own invite example).
      candidate: { provider: Provider.XOBIN, providerId: '7063', name: 'alex tanaka', email: 'alex.tanaka@example.com' },
      templateLocator: '305',
      templateName: 'Senior Data Engineer',
      inviteUrl: null,
      invitedAt: null,
      // Xobin has no start time: the first recording session's key (earlier than the first
      // message), noted as derived.
      startedAt: '2025-07-18T10:15:02.585Z',
      // "Jul 18, 2025, 10:42:45 AM", read as UTC and noted so.
      completedAt: '2025-07-18T10:42:45.000Z',
      timeNotes: [
        { field: 'startedAt', origin: TimeOrigin.DERIVED, source: 'min(interview_recording session keys, conversation[].timestamp)' },
        { field: 'completedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'completed_date' },
      ],
      // The caller's own id, set at invite.
      externalIds: [{ kind: ExternalIdKind.CUSTOM, id: 'CAND-2025-001', source: 'custom_field_id' }],
    });
  });

  it('normalizes the Report: unknown-scale score, recommendation, summary, links', () => {
    const raw = completed();
    const report = normalizeXobinReport(raw)!;
    expect(report).toMatchObject({
      kind: 'Report',
      provider: Provider.XOBIN,
      locator: '7421',
      providerId: '7421',
      interviewLocator: '7421',
      createdAt: null,
      updatedAt: null,
      score: unknownScale(72),
      recommendation: Recommendation.YES,
      recommendationRaw: 'Recommended',
      summary: completedFixture.candidate_summary,
      highlights: [],
      lowlights: [],
      pdfUrl: 'https://app.xobin.com/ai-interviews/report/7421/download?token=3f9c2a71d0b84e6a9c5e1f27',
      reportUrl: 'https://app.xobin.com/ai-interviews/shared-report/8c1d0e5b2a9f4c7d8e6b3a1f0c9d2e4b',
      completedAt: '2025-07-18T10:42:45.000Z',
    });
    expect(report.raw).toBe(raw);
  });

  it('maps integrity 0–10 onto 0–100, same direction, no violations', () => {
    expect(normalizeXobinReport(completed())!.integrity).toEqual({
      score: { value: 85, raw: 8.5, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null },
      violations: [],
    });
    expect(normalizeXobinReport(withChanges({ integrity_score: 10 }))!.integrity!.score!.value).toBe(100);
    expect(normalizeXobinReport(withChanges({ integrity_score: 0 }))!.integrity!.score!.value).toBe(0);
    expect(normalizeXobinReport(withChanges({ integrity_score: 7.25 }))!.integrity!.score!.value).toBe(72.5);
    // Out of range: clamped value, raw kept.
    expect(normalizeXobinReport(withChanges({ integrity_score: 12 }))!.integrity!.score).toMatchObject({ value: 100, raw: 12 });
    expect(normalizeXobinReport(withChanges({ integrity_score: null }))!.integrity).toBeNull();
  });

  it('builds the scorecard from must-haves then nice-to-haves, scores on an unknown scale', () => {
    expect(normalizeXobinReport(completed())!.scorecard).toEqual({
      overall: unknownScale(72),
      items: [
        {
          category: ScorecardCategory.MUST_HAVE,
          name: 'SQL',
          question: null,
          answer: null,
          score: unknownScale(8),
          feedback: null,
          weight: null,
          notScored: false,
        },
        {
          category: ScorecardCategory.MUST_HAVE,
          name: 'Data modelling',
          question: null,
          answer: null,
          score: unknownScale(7),
          feedback: null,
          weight: null,
          notScored: false,
        },
        {
          category: ScorecardCategory.NICE_TO_HAVE,
          name: 'Airflow',
          question: null,
          answer: null,
          score: unknownScale(1),
          feedback: null,
          weight: null,
          notScored: false,
        },
      ],
    });
  });

  it('names unnamed skills by group and position; no score → null; nothing at all → no scorecard', () => {
    const report = normalizeXobinReport(
      withChanges({ skill_wise_scores: { must_haves: [{ score: 3 }], nice_to_haves: [{ skill_name: 'Go', score: null }, { skill_name: ' ' }] } }),
    )!;
    expect(report.scorecard!.items.map((i) => [i.category, i.name, i.score?.raw ?? null])).toEqual([
      [ScorecardCategory.MUST_HAVE, 'Must-have 1', 3],
      [ScorecardCategory.NICE_TO_HAVE, 'Go', null],
      [ScorecardCategory.NICE_TO_HAVE, 'Nice-to-have 2', null],
    ]);
    expect(normalizeXobinReport(withChanges({ skill_wise_scores: null, score: null }))!.scorecard).toBeNull();
  });

  it('turns the conversation into a transcript: ms timestamps → at, code turns, roles', () => {
    const transcript = normalizeXobinReport(completed())!.transcript;
    const turn = (sequence: number, speaker: Speaker, speakerRaw: string, mode: TurnMode, modeRaw: string, at: string) => ({
      sequence,
      speaker,
      speakerRaw,
      text: completedFixture.conversation[sequence].content,
      mode,
      modeRaw,
      offsetMs: null,
      at,
    });
    expect(transcript).toEqual([
      turn(0, Speaker.INTERVIEWER, 'assistant', TurnMode.SPEECH, 'default', '2025-07-18T10:15:03.712Z'),
      turn(1, Speaker.CANDIDATE, 'user', TurnMode.SPEECH, 'default', '2025-07-18T10:15:11.950Z'),
      turn(2, Speaker.INTERVIEWER, 'assistant', TurnMode.SPEECH, 'default', '2025-07-18T10:15:16.204Z'),
      turn(3, Speaker.CANDIDATE, 'user', TurnMode.CODE, 'code', '2025-07-18T10:20:01.337Z'),
      turn(4, Speaker.CANDIDATE, 'user', TurnMode.SPEECH, 'default', '2025-07-18T10:20:52.881Z'),
      turn(5, Speaker.INTERVIEWER, 'assistant', TurnMode.SPEECH, 'default', '2025-07-18T10:22:09.010Z'),
      turn(6, Speaker.CANDIDATE, 'user', TurnMode.SPEECH, 'default', '2025-07-18T10:22:40.473Z'),
      turn(7, Speaker.INTERVIEWER, 'assistant', TurnMode.SPEECH, 'default', '2025-07-18T10:42:32.118Z'),
    ]);
    expect(transcript[3].text).toContain('ROW_NUMBER() OVER');
  });

  it('keeps unknown roles and modes visible; a missing timestamp gives no time', () => {
    const report = normalizeXobinReport(
      withChanges({
        conversation: [
          { content: 'x', mode: 'Whiteboard', role: 'Moderator' },
          { mode: 'CODE', role: 'USER', timestamp: 1752833703712 },
        ],
      }),
    )!;
    expect(report.transcript).toEqual([
      { sequence: 0, speaker: Speaker.UNKNOWN, speakerRaw: 'Moderator', text: 'x', mode: TurnMode.SPEECH, modeRaw: 'Whiteboard', offsetMs: null, at: null },
      {
        sequence: 1,
        speaker: Speaker.CANDIDATE,
        speakerRaw: 'USER',
        text: '',
        mode: TurnMode.CODE,
        modeRaw: 'CODE',
        offsetMs: null,
        at: '2025-07-18T10:15:03.712Z',
      },
    ]);
  });

  it('turns the recording map into one VIDEO per session, keyed by session', () => {
    expect(normalizeXobinReport(completed())!.recordings).toEqual([
      {
        kind: RecordingKind.VIDEO,
        format: RecordingFormat.WEBM,
        url: 'https://example.com/interview_recording/session-1.webm',
        playerUrl: null,
        sessionKey: '1752833702585',
        expiresAt: null,
      },
      {
        kind: RecordingKind.VIDEO,
        format: RecordingFormat.WEBM,
        url: 'https://example.com/interview_recording/session-2.webm',
        playerUrl: null,
        sessionKey: '1752834098765',
        expiresAt: null,
      },
    ]);
  });

  it('orders sessions by their timestamp keys (others after, in vendor order), reads signed expiries, skips empty URLs', () => {
    const report = normalizeXobinReport(
      withChanges({
        interview_recording: {
          session2: 'https://cdn.example.com/b.mp4',
          '1752834098765': 'https://cdn.example.com/2.webm?Expires=1752837698&Signature=abc&Key-Pair-Id=K1',
          session1: 'https://cdn.example.com/a',
          '1752833702585': 'https://cdn.example.com/1.webm',
          '1752833000000': null,
          '1752833000001': '',
        },
      }),
    )!;
    expect(report.recordings.map((r) => [r.sessionKey, r.format, r.expiresAt])).toEqual([
      ['1752833702585', RecordingFormat.WEBM, null],
      ['1752834098765', RecordingFormat.WEBM, '2025-07-18T11:21:38.000Z'],
      ['session2', RecordingFormat.MP4, null],
      ['session1', RecordingFormat.UNKNOWN, null],
    ]);
  });
});

describe('the pending (reduced) report', () => {
  it('normalizes the Interview', () => {
    const raw = pending();
    expect(normalizeXobinInterview(raw)).toEqual({
      kind: 'Interview',
      provider: Provider.XOBIN,
      locator: '7422',
      providerId: '7422',
      createdAt: null,
      updatedAt: null,
      raw,
      status: InterviewStatus.INVITED,
      statusRaw: 'Pending',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.XOBIN, providerId: '7064', name: 'Jordan Lee', email: 'Jordan.Lee@Example.com' },
      templateLocator: '305',
      templateName: 'Senior Data Engineer',
      inviteUrl: null,
      invitedAt: null,
      startedAt: null,
      completedAt: null,
      timeNotes: [],
      externalIds: [{ kind: ExternalIdKind.CUSTOM, id: 'CAND-2025-002', source: 'custom_field_id' }],
    });
  });

  it('has no report yet', () => {
    expect(normalizeXobinReport(pending())).toBeNull();
    expect(normalizeXobinReport({ ...pending(), invite_status: 'Started' })).toBeNull();
  });

  it('takes updatedAt from the invitee row when given one', () => {
    const [row] = xobinInviteeListSchema.parse(structuredClone(invitedFixture));
    expect(normalizeXobinInterview(pending(), row.parsed).updatedAt).toBe('2025-07-10T11:52:57.000Z');
  });
});

describe('status words', () => {
  it.each([
    ['Pending', InterviewStatus.INVITED],
    ['Started', InterviewStatus.IN_PROGRESS],
    ['Completed', InterviewStatus.COMPLETED],
    ['pending', InterviewStatus.INVITED],
    [' STARTED ', InterviewStatus.IN_PROGRESS],
    ['completed', InterviewStatus.COMPLETED],
    ['Expired', InterviewStatus.UNKNOWN],
    ['In Progress', InterviewStatus.UNKNOWN],
    ['', InterviewStatus.UNKNOWN],
  ])('%j → %s', (word, status) => {
    expect(mapXobinStatus(word)).toBe(status);
    const interview = normalizeXobinInterview({ ...pending(), invite_status: word });
    expect(interview.status).toBe(status);
    expect(interview.statusRaw).toBe(word);
  });

  it('a report for Completed in any case; for an unknown word only if it carries an evaluation', () => {
    expect(normalizeXobinReport({ ...completed(), invite_status: 'COMPLETED' })).not.toBeNull();
    expect(normalizeXobinReport({ ...completed(), invite_status: 'Reviewed' })).not.toBeNull();
    expect(normalizeXobinReport({ ...pending(), invite_status: 'Reviewed' })).toBeNull();
    // Completed with nothing evaluated yet is still the vendor saying "done".
    expect(normalizeXobinReport({ ...pending(), invite_status: 'Completed' })).toMatchObject({
      score: null,
      scorecard: null,
      integrity: null,
      transcript: [],
      recordings: [],
    });
  });
});

describe('recommendation words', () => {
  it.each([
    ['Highly Recommended', Recommendation.STRONG_YES],
    ['strongly recommended', Recommendation.STRONG_YES],
    ['Recommended', Recommendation.YES],
    ['RECOMMENDED', Recommendation.YES],
    ['Yes', Recommendation.YES],
    ['Not Recommended', Recommendation.NO],
    ['not_recommended', Recommendation.NO],
    ['Not-Recommended', Recommendation.NO],
    ['No', Recommendation.NO],
    ['Strongly Not Recommended', Recommendation.DEFINITELY_NO],
    ['Maybe', Recommendation.NO_DECISION],
    ['Worth a second look', Recommendation.NO_DECISION],
    [null, Recommendation.NO_DECISION],
  ])('%j → %s', (word, expected) => {
    expect(mapXobinRecommendation(word)).toBe(expected);
    const report = normalizeXobinReport(withChanges({ recommendation: word }))!;
    expect(report.recommendation).toBe(expected);
    expect(report.recommendationRaw).toBe(word);
  });
});

describe('completed_date', () => {
  it.each([
    ['Jul 05, 2025, 4:42:45 AM', '2025-07-05T04:42:45.000Z'],
    ['Jul 05, 2025, 4:42:45 PM', '2025-07-05T16:42:45.000Z'],
    ['Jan 01, 2026, 12:00:00 AM', '2026-01-01T00:00:00.000Z'],
    ['Jan 01, 2026, 12:30:00 PM', '2026-01-01T12:30:00.000Z'],
    ['sep 9, 2025, 9:05 pm', '2025-09-09T21:05:00.000Z'],
    ['September 09 2025 9:05:01 PM', '2025-09-09T21:05:01.000Z'],
    ['Feb 29, 2024, 1:00:00 AM', '2024-02-29T01:00:00.000Z'],
  ])('%j → %s (UTC)', (text, iso) => {
    expect(parseXobinCompletedDate(text)).toBe(iso);
  });

  it.each([
    '',
    'Feb 30, 2025, 1:00:00 AM',
    'Feb 29, 2025, 1:00:00 AM',
    'Jul 05, 2025, 13:42:45 PM',
    'Jul 05, 2025, 0:42:45 AM',
    'Jul 05, 2025, 4:42:45',
    '2025-07-05T04:42:45Z',
    'Jux 05, 2025, 4:42:45 AM',
    null,
  ])('%j → null', (text) => {
    expect(parseXobinCompletedDate(text)).toBeNull();
  });
});

describe('ids', () => {
  it.each([
    ['6735', 6735],
    ['1', 1],
    ['9007199254740991', 9007199254740991],
  ])('%j is a Xobin id', (text, id) => expect(parseXobinId(text)).toBe(id));

  it.each(['0', '07', '-1', '6.5', '1e3', ' 12', 'abc', '', '9007199254740993', '12345678901234567'])('%j is not', (text) => {
    expect(parseXobinId(text)).toBeNull();
  });
});

describe('invitee rows', () => {
  it('normalize the documented example without email or name', () => {
    const rows = xobinInviteeListSchema.parse(structuredClone(invitedFixture));
    expect(rows.map((row) => normalizeXobinInvitee(row.parsed, row.raw))).toEqual([
      expect.objectContaining({
        locator: '6734',
        status: InterviewStatus.INVITED,
        statusRaw: 'Pending',
        updatedAt: '2025-07-10T11:52:57.000Z',
        templateLocator: '211',
        templateName: null,
        candidate: { provider: Provider.XOBIN, providerId: '7062', name: null, email: null },
        raw: invitedFixture[0],
      }),
      expect.objectContaining({ locator: '6735', status: InterviewStatus.COMPLETED, updatedAt: '2025-07-10T12:10:05.000Z' }),
    ]);
  });
});

describe('templates', () => {
  it('from a completed report: name and the plan skills by group', () => {
    expect(normalizeXobinTemplate(305, completed())).toEqual({
      kind: 'InterviewTemplate',
      provider: Provider.XOBIN,
      locator: '305',
      providerId: '305',
      createdAt: null,
      updatedAt: null,
      raw: { ai_interview_id: 305, ai_interview_name: 'Senior Data Engineer' },
      name: 'Senior Data Engineer',
      description: null,
      status: null,
      language: null,
      skills: [
        { name: 'SQL', description: 'Must-have skill' },
        { name: 'Data modelling', description: 'Must-have skill' },
        { name: 'Airflow', description: 'Nice-to-have skill' },
      ],
      questions: [],
      inviteUrl: null,
    });
  });

  it('from a pending report: the name only; without any report: the id as its name', () => {
    expect(normalizeXobinTemplate(305, pending())).toMatchObject({ name: 'Senior Data Engineer', skills: [] });
    expect(normalizeXobinTemplate(318, null)).toMatchObject({
      locator: '318',
      name: '318',
      skills: [],
      raw: { ai_interview_id: 318, ai_interview_name: null },
    });
  });
});
