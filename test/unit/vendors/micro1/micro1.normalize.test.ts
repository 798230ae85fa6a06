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
  type Score,
  ScoreScale,
} from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { isTemplateLocator, parseReportLocator, parseSessionLocator, reportLocator, sessionLocator } from '../../../../src/vendors/micro1/micro1.ids';
import { deriveInterviewStatus, normalizeInvite, normalizeReport, normalizeTemplate, pickLatestReport } from '../../../../src/vendors/micro1/micro1.normalize';
import { MICRO1_LADDERS } from '../../../../src/vendors/micro1/micro1.scores';
import {
  micro1InterviewListSchema,
  micro1InviteListSchema,
  micro1ReportListSchema,
  micro1ReportSchema,
  type Micro1Report,
} from '../../../../src/vendors/micro1/micro1.raw';
import seedReportEvent from '../../../fixtures/vendors/micro1/webhook.interview-report-created.seed000.json';
import specReports from '../../../fixtures/vendors/micro1/reports.openapi-example.json';
import specInvites from '../../../fixtures/vendors/micro1/invites.openapi-example.json';
import specInterviews from '../../../fixtures/vendors/micro1/interviews.openapi-example.json';

const IDS = { report_id: 'r1', interview_id: 'i1', candidate_id: 'c1' };

/** A report with only the ids plus `fields`, as micro1 might send it. */
function report(fields: Record<string, unknown> = {}): Micro1Report {
  return micro1ReportSchema.parse({ ...IDS, ...fields });
}

function labelScore(raw: number, min: number, max: number, label: string): Score {
  return {
    value: Math.round(((raw - min) / (max - min)) * 10000) / 100,
    raw,
    scaleMin: min,
    scaleMax: max,
    scaleKnown: true,
    scale: ScoreScale.ORDINAL,
    label,
  };
}

/** micro1 documents no scale for `ai_match_score` / `proctoring_score` (example 85): kept raw, no 0–100 value. */
const UNKNOWN_85: Score = { value: null, raw: 85, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label: null };

describe('normalizeReport: seed 000 interview_report.created data', () => {
  const data = seedReportEvent.data;
  const normalized = normalizeReport(micro1ReportSchema.parse(data), data);

  it('maps every field to exactly the documented values', () => {
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    expect(normalized).toEqual({
      kind: 'Report',
      provider: Provider.MICRO1,
      locator: `${uuid}~${uuid}~h0gqkAcaDJ`,
      providerId: 'h0gqkAcaDJ',
      createdAt: '2021-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      interviewLocator: `${uuid}~${uuid}`,
      score: UNKNOWN_85,
      recommendation: Recommendation.NO_DECISION,
      recommendationRaw: null,
      summary: null,
      highlights: [],
      lowlights: [],
      integrity: {
        score: UNKNOWN_85,
        violations: [{ type: 'tab_switch', value: '3', description: '3 tab switches detected, indicating multitasking or external searches.' }],
      },
      scorecard: {
        overall: UNKNOWN_85,
        items: [
          {
            category: ScorecardCategory.TECHNICAL_SKILL,
            name: 'React.js',
            question: null,
            answer: null,
            score: { value: 100, raw: 3, scaleMin: 0, scaleMax: 3, scaleKnown: true, scale: 'ORDINAL', label: 'Senior' },
            feedback: 'Candidate has demonstrated a solid understanding of optimizing FastAPI performance.',
            weight: null,
            notScored: false,
          },
          {
            category: ScorecardCategory.SOFT_SKILL,
            name: 'Overall',
            question: null,
            answer: null,
            score: { value: 40, raw: 3, scaleMin: 1, scaleMax: 6, scaleKnown: true, scale: 'ORDINAL', label: 'B1' },
            feedback:
              'Candidate demonstrated clear and organized thoughts throughout the interview, effectively addressing each question with relevant examples and explanations',
            weight: null,
            notScored: false,
          },
          {
            category: ScorecardCategory.CODING,
            name: 'Coding',
            question: null,
            answer: null,
            score: { value: 100, raw: 3, scaleMin: 0, scaleMax: 3, scaleKnown: true, scale: 'ORDINAL', label: 'Senior' },
            feedback: 'The candidate has demonstrated a good understanding of the problem',
            weight: null,
            notScored: false,
          },
          {
            category: ScorecardCategory.CUSTOM_QUESTION,
            name: 'Are you willing to relocate?',
            question: 'Are you willing to relocate?',
            answer: 'Yes, I am willing to relocate',
            score: { value: 100, raw: 3, scaleMin: 0, scaleMax: 3, scaleKnown: true, scale: 'ORDINAL', label: 'Great Answer' },
            feedback: 'Candidate is willing to relocate with a 20% chance',
            weight: null,
            notScored: false,
          },
        ],
      },
      transcript: [
        {
          sequence: 0,
          speaker: Speaker.INTERVIEWER,
          speakerRaw: 'interviewer',
          text: 'Can you tell me about yourself?',
          mode: TurnMode.SPEECH,
          modeRaw: null,
          offsetMs: 100000,
          at: null,
        },
      ],
      recordings: [
        {
          kind: RecordingKind.SCREEN,
          format: RecordingFormat.HLS,
          url: 'https://micro1.ai/interview/h0gqkAcaDJ.m3u8',
          playerUrl: null,
          sessionKey: null,
          expiresAt: null,
        },
      ],
      pdfUrl: 'https://micro1.ai/report/h0gqkAcaDJ.pdf',
      reportUrl: null,
      // report_date (2024-01-01) is the completion day; date_created (2021) is another day, so
      // it cannot refine it: the day alone, said so.
      completedAt: '2024-01-01T00:00:00.000Z',
      timeNotes: [
        { field: 'createdAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_created' },
        { field: 'updatedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_modified' },
        { field: 'completedAt', origin: TimeOrigin.DAY_ONLY, source: 'report_date' },
      ],
      raw: data,
    });
  });

  it('keeps the vendor object itself as raw, unknown fields included', () => {
    expect(normalized.raw).toBe(data);
    const withExtra = { ...data, brand_new_field: { x: 1 } };
    expect(normalizeReport(micro1ReportSchema.parse(withExtra), withExtra).raw).toHaveProperty('brand_new_field', { x: 1 });
  });
});

describe('normalizeReport: OpenAPI example report', () => {
  const item = specReports.data[0];
  const normalized = normalizeReport(micro1ReportListSchema.parse(specReports).data[0].parsed, item);

  it('maps the player URL and session id onto the screen recording', () => {
    expect(normalized.recordings).toEqual([
      {
        kind: RecordingKind.SCREEN,
        format: RecordingFormat.HLS,
        url: 'https://micro1.ai/interview/h0gqkAcaDJ.m3u8',
        playerUrl: 'https://zara.micro1.ai/ai-interview-videos/abcxyz?id=123e4567-e89b-12d3-a456-426614174000',
        sessionKey: '123e4567-e89b-12d3-a456-426614174000',
        expiresAt: null,
      },
    ]);
  });

  it('maps the custom exercise to a CODING item and the spec-cased "Great answer"', () => {
    const items = normalized.scorecard?.items ?? [];
    expect(items.map((i) => [i.category, i.name, i.score?.label, i.score?.value])).toEqual([
      [ScorecardCategory.TECHNICAL_SKILL, 'React.js', 'Senior', 100],
      [ScorecardCategory.SOFT_SKILL, 'Overall', 'B1', 40],
      [ScorecardCategory.CODING, 'Coding', 'Senior', 100],
      [ScorecardCategory.CODING, 'Custom exercise', 'Senior', 100],
      [ScorecardCategory.CUSTOM_QUESTION, 'Are you willing to relocate?', 'Great answer', 100],
    ]);
  });
});

describe('rating ladders', () => {
  const ladderCases: Array<[string, readonly string[], number, (rating: string) => Record<string, unknown>]> = [
    ['technical', MICRO1_LADDERS.experience.labels, 0, (rating) => ({ technical_skills_evaluation: [{ skill: 'Go', ai_evaluation: { rating } }] })],
    ['coding', MICRO1_LADDERS.experience.labels, 0, (rating) => ({ coding_skills_evaluation: { rating } })],
    ['custom exercise', MICRO1_LADDERS.experience.labels, 0, (rating) => ({ custom_exercise_evaluation: { rating } })],
    ['soft (CEFR)', MICRO1_LADDERS.cefr.labels, 1, (rating) => ({ soft_skills_evaluation: [{ skill: 'Overall', ai_evaluation: { rating } }] })],
    ['soft (words)', MICRO1_LADDERS.softSkill.labels, 0, (rating) => ({ soft_skills_evaluation: [{ skill: 'Overall', ai_evaluation: { rating } }] })],
    [
      'custom question',
      MICRO1_LADDERS.customQuestion.labels,
      0,
      (rating) => ({ custom_question_evaluation: [{ question_text: 'Q?', answer_text: 'A', ai_evaluation: { rating } }] }),
    ],
  ];

  const scoreOf = (fields: Record<string, unknown>) => normalizeReport(report(fields)).scorecard?.items[0].score;

  describe.each(ladderCases)('%s', (_name, labels, firstPoint, fields) => {
    const max = firstPoint + labels.length - 1;
    it.each(labels.map((label, index) => [label, index]))('%s → point %i on its ladder', (label, index) => {
      expect(scoreOf(fields(label))).toEqual(labelScore(firstPoint + index, firstPoint, max, label));
    });
  });

  it('gives the ladder ends 0 and 100', () => {
    expect(scoreOf(ladderCases[0][3]('Not experienced'))?.value).toBe(0);
    expect(scoreOf(ladderCases[0][3]('Senior'))?.value).toBe(100);
    expect(scoreOf(ladderCases[3][3]('A1'))?.value).toBe(0);
    expect(scoreOf(ladderCases[3][3]('C2'))?.value).toBe(100);
    expect(scoreOf(ladderCases[3][3]('Excellent'))?.value).toBe(100);
  });

  it('matches case and whitespace drift but keeps the label as sent', () => {
    expect(scoreOf(ladderCases[5][3]('great ANSWER'))).toEqual(labelScore(3, 0, 3, 'great ANSWER'));
    expect(scoreOf(ladderCases[0][3](' mid-level '))).toEqual(labelScore(2, 0, 3, ' mid-level '));
    expect(scoreOf(ladderCases[0][3]('JUNIOR'))).toEqual(labelScore(1, 0, 3, 'JUNIOR'));
    expect(scoreOf(ladderCases[3][3]('b2'))).toEqual(labelScore(4, 1, 6, 'b2'));
    expect(scoreOf(ladderCases[5][3]('Not an  impressive answer'))).toEqual(labelScore(0, 0, 3, 'Not an  impressive answer'));
  });

  it('reads the older docs\' "Senior" on soft skills and custom questions from the experience ladder', () => {
    expect(scoreOf(ladderCases[3][3]('Senior'))).toEqual(labelScore(3, 0, 3, 'Senior'));
    expect(scoreOf(ladderCases[5][3]('Senior'))).toEqual(labelScore(3, 0, 3, 'Senior'));
  });

  it('resolves "Not experienced"/"Not Experienced" to the category\'s own ladder', () => {
    expect(scoreOf(ladderCases[0][3]('Not Experienced'))).toEqual(labelScore(0, 0, 3, 'Not Experienced'));
    expect(scoreOf(ladderCases[3][3]('Not experienced'))).toEqual(labelScore(0, 0, 4, 'Not experienced'));
  });

  it("falls back to another category's ladder for a label foreign to its own", () => {
    expect(scoreOf(ladderCases[0][3]('Good answer'))).toEqual(labelScore(2, 0, 3, 'Good answer'));
    expect(scoreOf(ladderCases[0][3]('C1'))).toEqual(labelScore(5, 1, 6, 'C1'));
  });

  it('keeps an unknown label with no value', () => {
    expect(scoreOf(ladderCases[0][3]('Exceptional'))).toEqual({
      value: null,
      raw: null,
      scaleMin: null,
      scaleMax: null,
      scaleKnown: false,
      scale: 'UNKNOWN',
      label: 'Exceptional',
    });
  });

  it('has no score for a missing or empty rating, and no feedback without an evaluation', () => {
    const items = normalizeReport(
      report({
        technical_skills_evaluation: [{ skill: 'Go', ai_evaluation: { rating: '', feedback: 'ok' } }, { skill: 'SQL' }],
        soft_skills_evaluation: [{ ai_evaluation: { rating: null } }],
      }),
    ).scorecard?.items;
    expect(items?.map((i) => [i.name, i.score, i.feedback])).toEqual([
      ['Go', null, 'ok'],
      ['SQL', null, null],
      ['Soft skill', null, null],
    ]);
  });
});

describe('transcript', () => {
  const turns = (entries: unknown[]) => normalizeReport(report({ interview_transcript: entries })).transcript;

  it('converts second offsets to milliseconds and keeps the listed order as sequence', () => {
    expect(
      turns([
        { timestamp: 0, role: 'interviewer', content: 'Hi' },
        { timestamp: 1.5, role: 'user', content: 'Hello' },
        { timestamp: 100, role: 'interviewer', content: 'Next' },
      ]).map((t) => [t.sequence, t.speaker, t.offsetMs, t.at, t.mode]),
    ).toEqual([
      [0, Speaker.INTERVIEWER, 0, null, TurnMode.SPEECH],
      [1, Speaker.CANDIDATE, 1500, null, TurnMode.SPEECH],
      [2, Speaker.INTERVIEWER, 100000, null, TurnMode.SPEECH],
    ]);
  });

  it('maps unknown roles to UNKNOWN keeping the word, and tolerates case and missing fields', () => {
    expect(
      turns([{ timestamp: null, role: 'assistant', content: 'x' }, { role: 'User', content: 'y' }, { timestamp: 3 }]).map((t) => [
        t.speaker,
        t.speakerRaw,
        t.offsetMs,
        t.text,
      ]),
    ).toEqual([
      [Speaker.UNKNOWN, 'assistant', null, 'x'],
      [Speaker.CANDIDATE, 'User', null, 'y'],
      [Speaker.UNKNOWN, null, 3000, ''],
    ]);
  });
});

describe('integrity and recordings', () => {
  it('keeps every violation type and stringifies numeric values', () => {
    const integrity = normalizeReport(
      report({
        proctoring_score: 42,
        proctoring_violations: [
          { type: 'tab_switch', value: 5, description: '5 tab switches' },
          { type: 'eye_movement', value: '12%', description: null },
          { type: 'ai_classifier', value: '30%' },
          { value: '1' },
        ],
      }),
    ).integrity;
    expect(integrity).toEqual({
      score: { value: null, raw: 42, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null },
      violations: [
        { type: 'tab_switch', value: '5', description: '5 tab switches' },
        { type: 'eye_movement', value: '12%', description: null },
        { type: 'ai_classifier', value: '30%', description: null },
        { type: 'unknown', value: '1', description: null },
      ],
    });
  });

  it('has a score with no violations, or violations with no score', () => {
    expect(normalizeReport(report({ proctoring_score: 100 })).integrity?.violations).toEqual([]);
    expect(normalizeReport(report({ proctoring_violations: [] })).integrity).toEqual({ score: null, violations: [] });
  });

  it('maps the webcam recording, formats by extension, and reads signed-URL expiry', () => {
    const signed = 'https://cdn.micro1.ai/r/abc.m3u8?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=f';
    const recordings = normalizeReport(
      report({
        session_id: 's-1',
        interview_recording_url: signed,
        interview_webcam_recording_url: 'https://cdn.micro1.ai/r/abc-webcam.mp4',
        interview_webcam_recording_player_url: 'https://client.micro1.ai/ai-interview-video/abc?view=webcam',
      }),
    ).recordings;
    expect(recordings).toEqual([
      { kind: RecordingKind.SCREEN, format: RecordingFormat.HLS, url: signed, playerUrl: null, sessionKey: 's-1', expiresAt: '2026-01-01T01:00:00.000Z' },
      {
        kind: RecordingKind.WEBCAM,
        format: RecordingFormat.MP4,
        url: 'https://cdn.micro1.ai/r/abc-webcam.mp4',
        playerUrl: 'https://client.micro1.ai/ai-interview-video/abc?view=webcam',
        sessionKey: 's-1',
        expiresAt: null,
      },
    ]);
  });

  it('skips empty recording URLs', () => {
    expect(normalizeReport(report({ interview_recording_url: '', interview_webcam_recording_url: '  ' })).recordings).toEqual([]);
  });
});

describe('missing optional blocks', () => {
  it('gives nulls and empty lists for a report with only its ids', () => {
    expect(normalizeReport(report())).toEqual({
      kind: 'Report',
      provider: Provider.MICRO1,
      locator: 'i1~c1~r1',
      providerId: 'r1',
      createdAt: null,
      updatedAt: null,
      interviewLocator: 'i1~c1',
      score: null,
      recommendation: Recommendation.NO_DECISION,
      recommendationRaw: null,
      summary: null,
      highlights: [],
      lowlights: [],
      integrity: null,
      scorecard: null,
      transcript: [],
      recordings: [],
      pdfUrl: null,
      reportUrl: null,
      completedAt: null,
      timeNotes: [],
    });
  });

  it('accepts explicit nulls for every optional block', () => {
    const normalized = normalizeReport(
      report({
        proctoring_violations: null,
        interview_transcript: null,
        technical_skills_evaluation: null,
        soft_skills_evaluation: null,
        coding_skills_evaluation: null,
        custom_exercise_evaluation: null,
        custom_question_evaluation: null,
        ai_match_score: null,
        proctoring_score: null,
      }),
    );
    expect([normalized.score, normalized.integrity, normalized.scorecard, normalized.transcript]).toEqual([null, null, null, []]);
  });

  it('has a scorecard of items without an overall score when ai_match_score is missing', () => {
    const scorecard = normalizeReport(report({ coding_skills_evaluation: { rating: 'Junior' } })).scorecard;
    expect(scorecard?.overall).toBeNull();
    expect(scorecard?.items.map((i) => i.name)).toEqual(['Coding']);
  });

  it('completes on report_date, to the second when date_created is that same day, else the day alone (noted)', () => {
    const completion = (fields: Record<string, unknown>) => {
      const normalized = normalizeReport(report(fields));
      return [normalized.completedAt, normalized.timeNotes?.find((n) => n.field === 'completedAt') ?? null];
    };
    const day = (source: string) => ({ field: 'completedAt', origin: TimeOrigin.DAY_ONLY, source });
    const naive = (source: string) => ({ field: 'completedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source });
    expect(completion({ report_date: '2024-01-01' })).toEqual(['2024-01-01T00:00:00.000Z', day('report_date')]);
    expect(completion({ date_created: 'yesterday', report_date: '2024-02-03' })).toEqual(['2024-02-03T00:00:00.000Z', day('report_date')]);
    expect(completion({ date_created: '2024-02-03 10:11:12', report_date: '2024-02-03' })).toEqual(['2024-02-03T10:11:12.000Z', naive('date_created')]);
    // Another day than the report's: the record's creation, not the completion.
    expect(completion({ date_created: '2024-02-03 10:11:12', report_date: '2024-02-01' })).toEqual(['2024-02-01T00:00:00.000Z', day('report_date')]);
    // No report_date: the record's creation is all there is.
    expect(completion({ date_created: '2024-02-03 10:11:12' })).toEqual(['2024-02-03T10:11:12.000Z', naive('date_created')]);
    expect(completion({})).toEqual([null, null]);
  });

  it('reads a block of another shape as absent, tells the drift sink, and keeps the rest of the report', () => {
    const sent = {
      report_id: 'r1',
      interview_id: 'i1',
      candidate_id: 'c1',
      ai_match_score: '85',
      technical_skills_evaluation: { skill: 'React', rating: 'Senior' },
      interview_transcript: [{ timestamp: 1, role: 'user', content: 'hello' }],
    };
    const drifted: Array<[string, unknown]> = [];
    const normalized = normalizeReport(micro1ReportSchema.parse(sent), sent, (field, value) => drifted.push([field, value]));
    expect(normalized.score).toBeNull();
    expect(normalized.scorecard).toBeNull();
    expect(normalized.transcript).toHaveLength(1);
    expect(normalized.raw).toBe(sent);
    expect(drifted).toEqual([
      ['ai_match_score', '85'],
      ['technical_skills_evaluation', { skill: 'React', rating: 'Senior' }],
    ]);
  });
});

describe('interviews (sessions) and status derivation', () => {
  const parsedInvites = micro1InviteListSchema.parse(specInvites).data;
  const invite = parsedInvites[0].parsed;

  it('is INVITED without a report and COMPLETED with one', () => {
    expect(deriveInterviewStatus(null)).toBe(InterviewStatus.INVITED);
    expect(deriveInterviewStatus(undefined)).toBe(InterviewStatus.INVITED);
    expect(deriveInterviewStatus(report())).toBe(InterviewStatus.COMPLETED);
  });

  it('maps the OpenAPI example invite (no report)', () => {
    expect(normalizeInvite(invite, { raw: specInvites.data[0] })).toEqual({
      kind: 'Interview',
      provider: Provider.MICRO1,
      locator: '123e4567-e89b-12d3-a456-426614174000~h0gqkAcaDJ',
      providerId: '123e4567-e89b-12d3-a456-426614174000~h0gqkAcaDJ',
      createdAt: '2021-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      status: InterviewStatus.INVITED,
      statusRaw: 'active',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.MICRO1, providerId: 'h0gqkAcaDJ', name: 'John Doe', email: 'john.doe@micro1.ai' },
      templateLocator: '123e4567-e89b-12d3-a456-426614174000',
      templateName: 'Full Stack Engineer Interview',
      inviteUrl: null,
      invitedAt: '2021-01-01T00:00:00.000Z',
      startedAt: null,
      completedAt: null,
      externalIds: [],
      timeNotes: [
        { field: 'createdAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_created' },
        { field: 'updatedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_modified' },
        { field: 'invitedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_created' },
      ],
      raw: specInvites.data[0],
    });
  });

  it('is COMPLETED when a report exists, at its completion, with its ATS ids', () => {
    const interview = normalizeInvite(invite, {
      report: report({
        date_created: '2024-03-01 05:06:07',
        report_date: '2024-03-01',
        ats_job_id: 'JOB1',
        ats_job_application_id: 'APP1',
        job_applicant_id: 'ja1',
      }),
    });
    expect([interview.status, interview.statusRaw, interview.completedAt]).toEqual([InterviewStatus.COMPLETED, 'active', '2024-03-01T05:06:07.000Z']);
    expect(interview.externalIds).toEqual([
      { kind: ExternalIdKind.ATS_JOB, id: 'JOB1', source: 'ats_job_id' },
      { kind: ExternalIdKind.ATS_APPLICATION, id: 'APP1', source: 'ats_job_application_id' },
      { kind: ExternalIdKind.VENDOR_APPLICATION, id: 'ja1', source: 'job_applicant_id' },
    ]);
  });

  it('reads an invite or template field of another shape as absent and tells the drift sink; unknown extra fields are not drift', () => {
    const sentInvite = { ...specInvites.data[0], interview_name: { en: 'Full Stack' }, brand_new: 1 };
    const drifted: string[] = [];
    const interview = normalizeInvite(micro1InviteListSchema.parse({ ...specInvites, data: [sentInvite] }).data[0].parsed, { raw: sentInvite }, (field) =>
      drifted.push(field),
    );
    expect([interview.templateName, interview.candidate.email]).toEqual([null, 'john.doe@micro1.ai']);
    const sentTemplate = { ...specInterviews.data[0], skills: 'React, Node' };
    const template = normalizeTemplate(micro1InterviewListSchema.parse({ ...specInterviews, data: [sentTemplate] }).data[0].parsed, sentTemplate, (field) =>
      drifted.push(field),
    );
    expect([template.name, template.skills]).toEqual(['Full Stack Engineer Interview', []]);
    expect(drifted).toEqual(['interview_name', 'skills']);
  });

  it('uses an invite URL only when one is known', () => {
    expect(normalizeInvite(invite, { inviteUrl: 'https://interview.micro1.ai/x' }).inviteUrl).toBe('https://interview.micro1.ai/x');
    expect(normalizeInvite(invite, { inviteUrl: '' }).inviteUrl).toBeNull();
  });
});

describe('pickLatestReport', () => {
  const r = (id: string, created?: string, day?: string) => report({ report_id: id, date_created: created, report_date: day });

  it('picks the greatest date_created, then report_date', () => {
    expect(pickLatestReport([r('a', '2024-01-01 00:00:00'), r('b', '2024-01-02 00:00:00'), r('c', '2023-12-31 23:59:59')])?.report_id).toBe('b');
    expect(pickLatestReport([r('a', '2024-01-01 00:00:00', '2024-01-01'), r('b', '2024-01-01 00:00:00', '2024-01-03')])?.report_id).toBe('b');
  });

  it('prefers a readable date over a missing one and keeps the first on a full tie', () => {
    expect(pickLatestReport([r('a'), r('b', '2020-01-01 00:00:00')])?.report_id).toBe('b');
    expect(pickLatestReport([r('a', undefined, '2020-01-01'), r('b')])?.report_id).toBe('a');
    expect(pickLatestReport([r('a', '2024-01-01 00:00:00'), r('b', '2024-01-01 00:00:00')])?.report_id).toBe('a');
  });

  it('is null for no reports', () => {
    expect(pickLatestReport([])).toBeNull();
  });
});

describe('templates', () => {
  const parsed = micro1InterviewListSchema.parse(specInterviews).data[0];

  it('maps the OpenAPI example interview, question time in seconds', () => {
    expect(normalizeTemplate(parsed.parsed, parsed.raw)).toEqual({
      kind: 'InterviewTemplate',
      provider: Provider.MICRO1,
      locator: '123e4567-e89b-12d3-a456-426614174000',
      providerId: '123e4567-e89b-12d3-a456-426614174000',
      createdAt: '2021-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      name: 'Full Stack Engineer Interview',
      description: null,
      status: 'active',
      language: 'English',
      skills: [{ name: 'React', description: 'Must be proficient in React Context API' }],
      questions: [{ text: 'Where do you see yourself in 5 years?', timeLimitSeconds: 120, type: 'audio' }],
      inviteUrl: 'https://interview.micro1.ai/intro/micro1?uid=123e4567-e89b-12d3-a456-426614174000',
      raw: specInterviews.data[0],
    });
  });

  it('falls back to the id for a missing name and drops nameless skills and empty questions', () => {
    const template = normalizeTemplate({
      interview_id: 'i9',
      skills: [{ name: '' }, { name: 'Go' }],
      custom_questions: [
        { question: null, time: 60 },
        { question: 'Why?', time: null },
      ],
    });
    expect([template.name, template.skills, template.questions, template.language, template.inviteUrl, template.createdAt]).toEqual([
      'i9',
      [{ name: 'Go', description: null }],
      [{ text: 'Why?', timeLimitSeconds: null, type: null }],
      null,
      null,
      null,
    ]);
  });
});

describe('locators', () => {
  it('round-trips session and report locators', () => {
    expect(parseSessionLocator(sessionLocator('i', 'c'))).toEqual({ interviewId: 'i', candidateId: 'c' });
    expect(parseReportLocator(reportLocator('i', 'c', 'r'))).toEqual({ interviewId: 'i', candidateId: 'c', reportId: 'r' });
  });

  it.each(['', 'abc', 'a~', '~b', 'a~b~c', '~', 'a~~b'])('rejects malformed session locator %p', (locator) => {
    expect(parseSessionLocator(locator)).toBeNull();
  });

  it.each(['', 'a~b', 'a~b~', '~b~c', 'a~b~c~d'])('rejects malformed report locator %p', (locator) => {
    expect(parseReportLocator(locator)).toBeNull();
  });

  it('accepts only bare ids as template locators', () => {
    expect([isTemplateLocator('abc'), isTemplateLocator(''), isTemplateLocator('a~b')]).toEqual([true, false, false]);
  });
});
