import { Decision, InterviewStatus, Recommendation, RecordingFormat, RecordingKind, ScorecardCategory, Speaker, TurnMode } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import {
  isHeymiloNotReady,
  mapHeymiloStatus,
  normalizeHeymiloCandidate,
  normalizeHeymiloInterviewData,
  normalizeHeymiloPosting,
  normalizeHeymiloReport,
} from '../../../../src/vendors/heymilo/heymilo.normalize';
import { normalizeIntegrity } from '../../../../src/vendors/heymilo/heymilo.scores';
import {
  heymiloCandidateListResponseSchema,
  heymiloInterviewDataResponseSchema,
  heymiloPostingResponseSchema,
  type RawHeymiloInterviewData,
} from '../../../../src/vendors/heymilo/heymilo.raw';
import seed003 from '../../../fixtures/vendors/heymilo/interview-data.seed-003.json';
import completedFixture from '../../../fixtures/vendors/heymilo/interview-data.completed.json';
import candidatesPage from '../../../fixtures/vendors/heymilo/candidates.page.json';
import postingFixture from '../../../fixtures/vendors/heymilo/posting.json';

const seed = () => heymiloInterviewDataResponseSchema.parse(structuredClone(seed003)).data.parsed;
const completed = () => heymiloInterviewDataResponseSchema.parse(structuredClone(completedFixture)).data.parsed;

describe('seed 003 (the documented GET /api/v2/interviews/{id}/data example)', () => {
  it('parses verbatim, extra fields kept', () => {
    const data = seed();
    expect(data.interview_id).toBe('<string>');
    expect((data as Record<string, unknown>).metadata).toEqual({ external_id: 'interview_abc' });
  });

  it('normalizes the interview', () => {
    const data = seed();
    const interview = normalizeHeymiloInterviewData(data);
    expect(interview).toMatchObject({
      kind: 'Interview',
      provider: Provider.HEYMILO,
      locator: '<string>',
      providerId: '<string>',
      // "<string>" is no status word HeyMilo documents.
      status: InterviewStatus.UNKNOWN,
      statusRaw: '<string>',
      decision: null,
      candidate: { provider: Provider.HEYMILO, providerId: 'cand_def456', name: '<string>', email: '<string>' },
      templateLocator: '<string>',
      inviteUrl: null,
      invitedAt: null,
      createdAt: null,
      updatedAt: '2025-02-16T14:20:00.000Z',
      // The first (only) step started: its last_updated_at.
      startedAt: '2025-02-16T13:50:00.000Z',
      // No interviewed_at on /data; all_complete → last_activity_at.
      completedAt: '2025-02-16T14:20:00.000Z',
    });
    expect(interview.raw).toBe(data);
  });

  it('normalizes the scorecard item: 123 kept raw, on no scale (HeyMilo says 1–10 and 1–5), the 0–100 figures clamped', () => {
    const report = normalizeHeymiloReport(seed());
    expect(report).not.toBeNull();
    expect(report!.score).toEqual({ value: 78.5, raw: 78.5, scaleMin: 0, scaleMax: 100, scaleKnown: true, scale: 'PERCENT', label: null });
    expect(report!.scorecard!.overall).toEqual({ value: 100, raw: 123, scaleMin: 0, scaleMax: 100, scaleKnown: true, scale: 'PERCENT', label: null });
    const [question, resumeCriterion, formQuestion] = report!.scorecard!.items;
    expect(report!.scorecard!.items).toHaveLength(3);
    expect(question).toEqual({
      category: ScorecardCategory.QUESTION,
      name: '<string>',
      question: '<string>',
      // The only transcript turn has speaker "<string>", not Candidate.
      answer: null,
      score: { value: null, raw: 123, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null },
      feedback: '<string>',
      weight: 5,
      notScored: false,
    });
    expect(resumeCriterion).toEqual({
      category: ScorecardCategory.CRITERION,
      name: '<string>',
      question: null,
      answer: null,
      score: { value: 100, raw: 123, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null },
      feedback: '<string>',
      weight: null,
      notScored: false,
    });
    expect(formQuestion).toEqual({
      category: ScorecardCategory.MUST_HAVE,
      name: '<string>',
      question: '<string>',
      answer: 'yes',
      score: { value: 100, raw: 1, scaleMin: 0, scaleMax: 1, scaleKnown: true, scale: 'PERCENT', label: 'passed' },
      feedback: null,
      weight: null,
      notScored: false,
    });
  });

  it('normalizes the transcript: voice turn with an offset, then the SMS turn with an absolute time', () => {
    const report = normalizeHeymiloReport(seed())!;
    expect(report.transcript).toEqual([
      { sequence: 0, speaker: Speaker.UNKNOWN, speakerRaw: '<string>', text: '<string>', mode: TurnMode.SPEECH, modeRaw: null, offsetMs: 123_000, at: null },
      {
        sequence: 1,
        speaker: Speaker.UNKNOWN,
        speakerRaw: '<string>',
        text: '<string>',
        mode: TurnMode.TEXT,
        modeRaw: null,
        offsetMs: null,
        at: '2024-02-15T16:00:00.000Z',
      },
    ]);
  });

  it('normalizes the mp3 and mp4 recordings (unsigned: no expiry)', () => {
    const report = normalizeHeymiloReport(seed())!;
    expect(report.recordings).toEqual([
      {
        kind: RecordingKind.AUDIO,
        format: RecordingFormat.MP3,
        url: 'https://cdn.heymilo.io/recordings/abc123.mp3',
        playerUrl: null,
        sessionKey: null,
        expiresAt: null,
      },
      {
        kind: RecordingKind.VIDEO,
        format: RecordingFormat.MP4,
        url: 'https://cdn.heymilo.io/recordings/abc123.mp4',
        playerUrl: null,
        sessionKey: null,
        expiresAt: null,
      },
    ]);
  });

  it('fills the rest of the report', () => {
    const data = seed();
    const report = normalizeHeymiloReport(data)!;
    expect(report).toMatchObject({
      kind: 'Report',
      provider: Provider.HEYMILO,
      locator: '<string>',
      providerId: '<string>',
      interviewLocator: '<string>',
      recommendation: Recommendation.NO_DECISION,
      recommendationRaw: null,
      summary: null,
      highlights: ['<string>'],
      lowlights: ['<string>'],
      // cheat_detection is absent from the example.
      integrity: null,
      pdfUrl: null,
      reportUrl: null,
      completedAt: '2025-02-16T14:20:00.000Z',
    });
    expect(report.raw).toBe(data);
  });
});

describe('a realistic completed /data payload', () => {
  it('orders scorecard questions by rank, joins candidate turns as the answer, flags not_scored', () => {
    const report = normalizeHeymiloReport(completed())!;
    const questions = report.scorecard!.items.filter((i) => i.category === ScorecardCategory.QUESTION);
    expect(questions.map((q) => q.name)).toEqual([
      'Tell me a little about yourself.',
      'Walk me through how you would design a URL shortener.',
      "How do you keep a team's on-call load sustainable?",
    ]);
    expect(questions[0]).toMatchObject({ notScored: true, weight: 1, score: { raw: 7, value: null, scaleMin: null, scaleMax: null, scale: 'UNKNOWN' } });
    expect(questions[1]).toMatchObject({
      notScored: false,
      weight: 8,
      answer: "I'd start with a base62 key generated from a counter sharded by region.\nCache the top redirects at the edge with a short TTL.",
      feedback: 'Strong system design thinking with clear trade-offs.',
      score: { raw: 8, value: null },
    });
    expect(questions[2].score).toMatchObject({ raw: 6, value: null });
    expect(report.scorecard!.overall).toMatchObject({ value: 82, raw: 82 });
  });

  it('maps resume criteria on 0–10 and form questions as pass/fail criteria', () => {
    const items = normalizeHeymiloReport(completed())!.scorecard!.items;
    expect(items.slice(3)).toEqual([
      {
        category: ScorecardCategory.CRITERION,
        name: 'Experience with distributed systems',
        question: null,
        answer: null,
        score: { value: 85, raw: 8.5, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null },
        feedback: 'Five years at a CDN company.\nLed a sharding migration.',
        weight: null,
        notScored: false,
      },
      expect.objectContaining({ category: ScorecardCategory.MUST_HAVE, name: 'Are you authorized to work in the US?', answer: 'yes' }),
      expect.objectContaining({
        category: ScorecardCategory.CRITERION,
        name: 'Which cloud do you know best?',
        answer: 'AWS',
        score: expect.objectContaining({ value: 100, label: 'passed' }),
      }),
    ]);
  });

  it('puts the SMS conversation after the voice transcript, numbered continuously', () => {
    const transcript = normalizeHeymiloReport(completed())!.transcript;
    expect(transcript).toHaveLength(15);
    expect(transcript.map((t) => t.sequence)).toEqual([...Array(15).keys()]);
    expect(transcript.slice(0, 12).every((t) => t.mode === TurnMode.SPEECH && t.at === null)).toBe(true);
    // "candidate" in lower case is still the candidate; an unknown speaker keeps its word.
    expect(transcript[4]).toMatchObject({ speaker: Speaker.CANDIDATE, speakerRaw: 'candidate', offsetMs: 12_000 });
    expect(transcript[0]).toMatchObject({ speaker: Speaker.SYSTEM, speakerRaw: 'System', offsetMs: 0 });
    expect(transcript[9]).toMatchObject({ speaker: Speaker.UNKNOWN, speakerRaw: 'Recruiter Bot', offsetMs: 250_250 });
    expect(transcript.slice(12)).toEqual([
      {
        sequence: 12,
        speaker: Speaker.INTERVIEWER,
        speakerRaw: 'agent',
        text: 'Hi Jane! Are you available to start within 2 weeks?',
        mode: TurnMode.TEXT,
        modeRaw: null,
        offsetMs: null,
        at: '2025-02-16T14:10:00.000Z',
      },
      {
        sequence: 13,
        speaker: Speaker.CANDIDATE,
        speakerRaw: 'Candidate',
        text: 'Yes, I can start within 2 weeks.',
        mode: TurnMode.TEXT,
        modeRaw: null,
        offsetMs: null,
        at: '2025-02-16T14:20:00.500Z',
      },
      { sequence: 14, speaker: Speaker.INTERVIEWER, speakerRaw: 'agent', text: 'Great, thanks!', mode: TurnMode.TEXT, modeRaw: null, offsetMs: null, at: null },
    ]);
  });

  it('reads the expiry of CloudFront- and S3-signed recording URLs', () => {
    const recordings = normalizeHeymiloReport(completed())!.recordings;
    expect(recordings.map((r) => [r.kind, r.format, r.expiresAt])).toEqual([
      [RecordingKind.AUDIO, RecordingFormat.MP3, '2025-02-17T14:20:00.000Z'],
      [RecordingKind.VIDEO, RecordingFormat.MP4, '2025-02-16T15:00:00.000Z'],
    ]);
  });

  it('inverts the cheat ranking and lists the signals that fired', () => {
    const integrity = normalizeHeymiloReport(completed())!.integrity;
    expect(integrity).toEqual({
      // ranking 2 of 1–5 (1 = clean) → 75 of 100 (100 = clean)
      score: { value: 75, raw: 2, scaleMin: 1, scaleMax: 5, scaleKnown: true, scale: 'PERCENT', label: null },
      violations: [
        { type: 'ai_scripted_answer', value: '0.71', description: 'Highly formulaic structure uncommon in speech.' },
        { type: 'tab_switching', value: '3', description: null },
        { type: 'eye_movement', value: '2', description: null },
        { type: 'head_movement', value: '1', description: null },
      ],
    });
  });

  it('matches the status word case-insensitively, keeping the raw word', () => {
    const interview = normalizeHeymiloInterviewData(completed());
    expect(interview).toMatchObject({ status: InterviewStatus.COMPLETED, statusRaw: 'Completed', decision: null });
    expect(interview.candidate.email).toBe(' Jane.Smith@Example.com ');
  });
});

describe('status words', () => {
  it.each([
    ['pending', InterviewStatus.INVITED, null, null],
    ['in_progress', InterviewStatus.IN_PROGRESS, null, null],
    ['evaluating', InterviewStatus.PROCESSING, null, null],
    ['completed', InterviewStatus.COMPLETED, null, null],
    ['shortlisted', InterviewStatus.COMPLETED, Decision.SHORTLISTED, 'shortlisted'],
    ['dismissed', InterviewStatus.COMPLETED, Decision.REJECTED, 'dismissed'],
    ['knocked_out', InterviewStatus.COMPLETED, Decision.KNOCKED_OUT, 'knocked_out'],
    ['not_ready', InterviewStatus.UNKNOWN, null, null],
    ['archived_by_ats', InterviewStatus.UNKNOWN, null, null],
    [' Shortlisted ', InterviewStatus.COMPLETED, Decision.SHORTLISTED, ' Shortlisted '],
    ['IN_PROGRESS', InterviewStatus.IN_PROGRESS, null, null],
  ])('%j → %s / %s', (word, status, decision, decisionRaw) => {
    expect(mapHeymiloStatus(word)).toEqual({ status, statusRaw: word, decision, decisionRaw });
  });

  it('takes the decision from the flags only when the word is "completed"', () => {
    expect(mapHeymiloStatus('completed', { shortlisted: true })).toMatchObject({
      status: InterviewStatus.COMPLETED,
      decision: Decision.SHORTLISTED,
      decisionRaw: 'shortlisted',
    });
    expect(mapHeymiloStatus('completed', { dismissed: true })).toMatchObject({ decision: Decision.REJECTED, decisionRaw: 'dismissed' });
    expect(mapHeymiloStatus('completed', { shortlisted: true, dismissed: true })).toMatchObject({
      decision: Decision.UNKNOWN,
      decisionRaw: 'shortlisted,dismissed',
    });
    expect(mapHeymiloStatus('completed', { shortlisted: false, dismissed: false })).toMatchObject({ decision: null, decisionRaw: null });
    // The word is the more specific statement.
    expect(mapHeymiloStatus('knocked_out', { shortlisted: true })).toMatchObject({ decision: Decision.KNOCKED_OUT });
    expect(mapHeymiloStatus('in_progress', { dismissed: true })).toMatchObject({ status: InterviewStatus.IN_PROGRESS, decision: null });
  });

  it('detects not_ready in any case', () => {
    expect(isHeymiloNotReady({ status: 'NOT_READY' })).toBe(true);
    expect(isHeymiloNotReady({ status: 'completed' })).toBe(false);
  });
});

describe('candidate list rows', () => {
  const rows = heymiloCandidateListResponseSchema.parse(structuredClone(candidatesPage)).data.map((r) => r.parsed);

  it('maps a finished, shortlisted row', () => {
    const interview = normalizeHeymiloCandidate(rows[0]);
    expect(interview).toMatchObject({
      locator: 'D536A69A4090E13F',
      status: InterviewStatus.COMPLETED,
      statusRaw: 'completed',
      decision: Decision.SHORTLISTED,
      decisionRaw: 'shortlisted',
      candidate: { providerId: 'cand_def456', name: 'Jane Smith', email: 'jane.smith@example.com' },
      templateLocator: '13D77095',
      inviteUrl: 'https://candidates.heymilo.io/acme/i/D536A69A4090E13F',
      createdAt: '2025-02-15T09:40:00.000Z',
      invitedAt: '2025-02-15T09:40:00.000Z',
      updatedAt: '2025-02-16T14:20:00.000Z',
      // Steps arrive out of order: the first by `order` is the resume step.
      startedAt: '2025-02-15T09:41:00.000Z',
      completedAt: '2025-02-16T13:50:00.000Z',
    });
    expect(interview.raw).toBe(rows[0]);
  });

  it('maps an in-progress row with a null candidate_id', () => {
    expect(normalizeHeymiloCandidate(rows[1])).toMatchObject({
      status: InterviewStatus.IN_PROGRESS,
      candidate: { providerId: null },
      startedAt: '2025-02-15T11:46:40.000Z',
      completedAt: null,
    });
  });

  it('maps a pending row without workflow', () => {
    expect(normalizeHeymiloCandidate(rows[2])).toMatchObject({
      status: InterviewStatus.INVITED,
      inviteUrl: null,
      startedAt: null,
      completedAt: null,
      updatedAt: null,
      invitedAt: '2025-02-16T10:00:00.000Z',
    });
  });
});

describe('reports that do not exist yet', () => {
  const notReady = (): RawHeymiloInterviewData => ({
    ...seed(),
    status: 'not_ready',
    score: null,
    web_interview: null,
    resume: null,
    sms: null,
    form: null,
  });

  it('not_ready → null report and an UNKNOWN interview', () => {
    expect(normalizeHeymiloReport(notReady())).toBeNull();
    expect(normalizeHeymiloInterviewData(notReady())).toMatchObject({ status: InterviewStatus.UNKNOWN, statusRaw: 'not_ready' });
  });

  it('evaluating → null even if partial results are present', () => {
    expect(normalizeHeymiloReport({ ...seed(), status: 'evaluating' })).toBeNull();
  });

  it('a finished interview with no agent results → null', () => {
    expect(normalizeHeymiloReport({ ...notReady(), status: 'completed' })).toBeNull();
  });

  it('a candidate knocked out by the form still gets a report from the form results', () => {
    const data: RawHeymiloInterviewData = {
      ...notReady(),
      status: 'knocked_out',
      form: {
        interview_id: 'x',
        overall_status: 'failed',
        questions: [
          {
            question_id: 'fq1',
            question_text: 'Are you at least 18 years old?',
            question_type: 'multiple-choice',
            is_knockout: true,
            passed: false,
            candidate_answer: 'no',
            expected_answer: 'yes',
          },
        ],
      },
    };
    const report = normalizeHeymiloReport(data)!;
    expect(report.score).toBeNull();
    expect(report.scorecard).toEqual({
      overall: null,
      items: [
        {
          category: ScorecardCategory.MUST_HAVE,
          name: 'Are you at least 18 years old?',
          question: 'Are you at least 18 years old?',
          answer: 'no',
          score: { value: 0, raw: 0, scaleMin: 0, scaleMax: 1, scaleKnown: true, scale: 'PERCENT', label: 'failed' },
          feedback: null,
          weight: null,
          notScored: false,
        },
      ],
    });
    expect(report.transcript).toEqual([]);
    expect(report.recordings).toEqual([]);
  });

  it('falls back to match_score when the aggregate score is missing', () => {
    expect(normalizeHeymiloReport({ ...seed(), score: null })!.score).toMatchObject({ raw: 123, value: 100 });
  });
});

describe('integrity', () => {
  it.each([
    [1, 100],
    [2, 75],
    [3, 50],
    [4, 25],
    [5, 0],
  ])('ranking %i → %i', (ranking, value) => {
    expect(normalizeIntegrity({ overall_ranking: ranking })!.score).toEqual({
      value,
      raw: ranking,
      scaleMin: 1,
      scaleMax: 5,
      scaleKnown: true,
      scale: 'PERCENT',
      label: null,
    });
  });

  it('absent → null; present without a ranking → no score, no violations', () => {
    expect(normalizeIntegrity(undefined)).toBeNull();
    expect(normalizeIntegrity(null)).toBeNull();
    expect(normalizeIntegrity({ enabled: false, overall_ranking: null, web_interview: null })).toEqual({ score: null, violations: [] });
  });

  it('reports transcript cheating and unusual delays when they fire', () => {
    const integrity = normalizeIntegrity({
      overall_ranking: 5,
      web_interview: {
        cheat_detection_result: {
          cheating_detected: true,
          cheating_confidence: 0.82,
          cheating_instances: [{ reasoning: 'Reads from a script.' }, { reasoning: 'Second voice.' }],
        },
        unusual_delay_detection: { delay_detected: true, delay_confidence: 0.58 },
        llm_detection_result: { llm_generated_detected: false, detection_confidence: 0.2 },
        tab_switch_detection: { total_count: 0 },
      },
    })!;
    expect(integrity.violations).toEqual([
      { type: 'transcript_cheating', value: '0.82', description: 'Reads from a script.\nSecond voice.' },
      { type: 'unusual_delays', value: '0.58', description: null },
    ]);
  });
});

describe('postings', () => {
  it('maps a posting to a template', () => {
    const raw = heymiloPostingResponseSchema.parse(structuredClone(postingFixture)).data.parsed;
    const template = normalizeHeymiloPosting(raw);
    expect(template).toEqual({
      kind: 'InterviewTemplate',
      provider: Provider.HEYMILO,
      locator: '13D77095',
      providerId: '13D77095',
      createdAt: '2025-02-15T09:40:00.000Z',
      updatedAt: '2025-02-15T11:00:00.000Z',
      raw,
      name: 'Senior Software Engineer',
      description: 'We are looking for a senior software engineer...',
      status: 'active',
      language: 'en',
      skills: [],
      questions: [],
      inviteUrl: 'https://candidates.heymilo.io/acme/senior-engineer',
    });
  });

  it('never has an empty name', () => {
    expect(normalizeHeymiloPosting({ id: 'P1', title: '', name: 'slug-name' }).name).toBe('slug-name');
    expect(normalizeHeymiloPosting({ id: 'P1' }).name).toBe('P1');
  });
});
