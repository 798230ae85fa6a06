/**
 * Evalyo normalisers on fixtures built from seed 002's documented fields (interview, turn and
 * status words) plus the simulator's response shapes (envelopes, evaluation).
 */
import { InterviewStatus, Recommendation, RecordingFormat, RecordingKind, ScorecardCategory, Speaker, TurnMode } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import {
  EVALYO_STATUS_QUERIES,
  evalyoCandidateAccount,
  mapEvalyoRecommendation,
  mapEvalyoSpeaker,
  mapEvalyoStatus,
  normalizeEvalyoInterview,
  normalizeEvalyoJob,
  normalizeEvalyoRecordings,
  normalizeEvalyoReport,
  normalizeEvalyoTranscript,
  PROFILE_NOT_READ,
} from '../../../../src/vendors/evalyo/evalyo.normalize';
import { normalizeEvalyoIntegrity, normalizeEvalyoScorecard } from '../../../../src/vendors/evalyo/evalyo.scores';
import {
  evalyoCandidateResponseSchema,
  evalyoInterviewDetailResponseSchema,
  evalyoInterviewListSchema,
  evalyoJobListSchema,
  evalyoJobResponseSchema,
  type RawEvalyoInterviewDetail,
} from '../../../../src/vendors/evalyo/evalyo.raw';
import completedFixture from '../../../fixtures/vendors/evalyo/interview.completed.json';
import inProgressFixture from '../../../fixtures/vendors/evalyo/interview.in-progress.json';
import interviewsPage from '../../../fixtures/vendors/evalyo/interviews.page.json';
import candidateFixture from '../../../fixtures/vendors/evalyo/candidate.json';
import jobFixture from '../../../fixtures/vendors/evalyo/job.json';
import jobsPage from '../../../fixtures/vendors/evalyo/jobs.page.json';

const completed = () => evalyoInterviewDetailResponseSchema.parse(structuredClone(completedFixture)).parsed;
const inProgress = () => evalyoInterviewDetailResponseSchema.parse(structuredClone(inProgressFixture)).parsed;
const candidate = () => evalyoCandidateResponseSchema.parse(structuredClone(candidateFixture)).parsed;
const rows = () => evalyoInterviewListSchema.parse(structuredClone(interviewsPage)).data.map((r) => r.parsed);
/** The completed fixture with some fields replaced. */
const completedWith = (patch: Partial<RawEvalyoInterviewDetail>): RawEvalyoInterviewDetail => ({ ...completed(), ...patch });

describe('status words', () => {
  it.each([
    ['DRAFT', InterviewStatus.INVITED],
    ['INVITED', InterviewStatus.INVITED],
    ['IN_PROGRESS', InterviewStatus.IN_PROGRESS],
    ['COMPLETED', InterviewStatus.COMPLETED],
    ['CANCELLED', InterviewStatus.CANCELLED],
    ['EXPIRED', InterviewStatus.EXPIRED],
    // The FAQ's lower case.
    ['draft', InterviewStatus.INVITED],
    ['invited', InterviewStatus.INVITED],
    ['in_progress', InterviewStatus.IN_PROGRESS],
    ['completed', InterviewStatus.COMPLETED],
    ['cancelled', InterviewStatus.CANCELLED],
    ['expired', InterviewStatus.EXPIRED],
    // Drift in spacing and spelling.
    [' In Progress ', InterviewStatus.IN_PROGRESS],
    ['in-progress', InterviewStatus.IN_PROGRESS],
    ['CANCELED', InterviewStatus.CANCELLED],
    // Anything else.
    ['ARCHIVED', InterviewStatus.UNKNOWN],
    ['', InterviewStatus.UNKNOWN],
    [null, InterviewStatus.UNKNOWN],
  ])('%j → %s', (word, status) => {
    expect(mapEvalyoStatus(word)).toBe(status);
  });

  it('keeps the word as sent and says when no invitation went out (DRAFT)', () => {
    const [done, running, draft] = rows().map((row) => normalizeEvalyoInterview(row, null));
    expect([done.status, done.statusRaw, done.invitedAt]).toEqual([InterviewStatus.COMPLETED, 'COMPLETED', '2026-05-20T09:14:03.120Z']);
    expect([running.status, running.statusRaw, running.invitedAt]).toEqual([InterviewStatus.IN_PROGRESS, 'in_progress', '2026-05-27T16:02:00.000Z']);
    expect([draft.status, draft.statusRaw, draft.invitedAt]).toEqual([InterviewStatus.INVITED, 'DRAFT', null]);
    const unknown = normalizeEvalyoInterview({ ...rows()[0], status: 'ON_HOLD' }, null);
    expect([unknown.status, unknown.statusRaw]).toEqual([InterviewStatus.UNKNOWN, 'ON_HOLD']);
  });

  it('maps every filterable status to the vendor words that produce it', () => {
    for (const [status, words] of Object.entries(EVALYO_STATUS_QUERIES)) {
      for (const word of words) expect(mapEvalyoStatus(word)).toBe(status);
    }
    expect(EVALYO_STATUS_QUERIES[InterviewStatus.INVITED]).toEqual(['INVITED', 'DRAFT']);
    expect(EVALYO_STATUS_QUERIES[InterviewStatus.PROCESSING]).toEqual([]);
    expect(EVALYO_STATUS_QUERIES[InterviewStatus.UNKNOWN]).toEqual([]);
  });
});

describe('interviews', () => {
  it('normalizes a list row with its candidate profile', () => {
    const row = rows()[0];
    const interview = normalizeEvalyoInterview(row, candidate());
    expect(interview).toEqual({
      kind: 'Interview',
      provider: Provider.EVALYO,
      locator: 'cm8x2k4qv0001lb08h3f6d2ya',
      providerId: 'cm8x2k4qv0001lb08h3f6d2ya',
      createdAt: '2026-05-20T09:14:03.120Z',
      updatedAt: '2026-05-21T18:44:51.002Z',
      raw: row,
      status: InterviewStatus.COMPLETED,
      statusRaw: 'COMPLETED',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.EVALYO, providerId: 'cm7wq1z9k0000ld08a1b2c3d4', name: 'Camille Martin', email: 'Camille.Martin@example.com' },
      templateLocator: 'cm6jb0b7p0002js08q9r8s7t6',
      templateName: null,
      inviteUrl: 'https://app.evalyo.fr/interview/Qm9uam91ciBFdmFseW8gc2ltdWxhdG9y',
      invitedAt: '2026-05-20T09:14:03.120Z',
      startedAt: '2026-05-21T18:12:40.000Z',
      completedAt: '2026-05-21T18:41:12.500Z',
    });
  });

  it('a list row and the detail give the same Interview (apart from raw)', () => {
    const { raw: _a, ...fromRow } = normalizeEvalyoInterview(rows()[0], candidate());
    const { raw: _b, ...fromDetail } = normalizeEvalyoInterview(completed(), candidate());
    expect(fromDetail).toEqual(fromRow);
  });

  it('an unknown or deleted candidate keeps its id, without name or email', () => {
    const interview = normalizeEvalyoInterview(rows()[1], null);
    expect(interview.candidate).toEqual({ provider: Provider.EVALYO, providerId: 'cm7wq5h2x0009ld08e6f7g8h9', name: null, email: null });
    // The DRAFT row omits startedAt/endedAt altogether.
    expect(normalizeEvalyoInterview(rows()[2], null)).toMatchObject({ startedAt: null, completedAt: null, templateLocator: 'cm6jd9e8f0012js08g3h2i1j0' });
  });

  it('a profile not read with the interview: the candidate is deferred (name and email unknown, not absent) when it has an id', () => {
    const interview = normalizeEvalyoInterview(rows()[1], PROFILE_NOT_READ);
    expect(interview.candidate).toEqual({ provider: Provider.EVALYO, providerId: 'cm7wq5h2x0009ld08e6f7g8h9', name: null, email: null, deferred: true });
    const { candidate: _deferred, ...rest } = interview;
    const { candidate: _read, ...withProfile } = normalizeEvalyoInterview(rows()[1], candidate());
    expect(rest).toEqual(withProfile);
    // Without an id there is nothing to look up.
    expect(evalyoCandidateAccount(null, PROFILE_NOT_READ)).toEqual({ provider: Provider.EVALYO, providerId: null, name: null, email: null });
    expect(evalyoCandidateAccount('  ', PROFILE_NOT_READ).deferred).toBeUndefined();
  });

  it('builds the name from whichever parts exist', () => {
    const base = candidate();
    expect(evalyoCandidateAccount('c1', { ...base, lastName: null }).name).toBe('Camille');
    expect(evalyoCandidateAccount('c1', { ...base, firstName: '  ', lastName: 'Martin' }).name).toBe('Martin');
    expect(evalyoCandidateAccount('c1', { ...base, firstName: undefined, lastName: undefined }).name).toBeNull();
    expect(evalyoCandidateAccount(null, base).providerId).toBe(base.id);
  });

  it('an end time of a CANCELLED or EXPIRED interview is no completion', () => {
    const ended = { ...rows()[0], endedAt: '2026-05-21T18:20:00.000Z' };
    expect(normalizeEvalyoInterview({ ...ended, status: 'CANCELLED' }, null).completedAt).toBeNull();
    expect(normalizeEvalyoInterview({ ...ended, status: 'expired' }, null).completedAt).toBeNull();
    expect(normalizeEvalyoInterview({ ...ended, status: 'COMPLETED' }, null).completedAt).toBe('2026-05-21T18:20:00.000Z');
  });

  it('unreadable dates become null, never guesses', () => {
    const interview = normalizeEvalyoInterview({ ...rows()[0], createdAt: 'yesterday', startedAt: '' }, null);
    expect([interview.createdAt, interview.invitedAt, interview.startedAt]).toEqual([null, null, null]);
  });
});

describe('templates (jobs)', () => {
  it('normalizes a job; blank skills dropped; no language unless the vendor sends one', () => {
    const raw = evalyoJobResponseSchema.parse(structuredClone(jobFixture)).parsed;
    expect(normalizeEvalyoJob(raw)).toEqual({
      kind: 'InterviewTemplate',
      provider: Provider.EVALYO,
      locator: 'cm6jb0b7p0002js08q9r8s7t6',
      providerId: 'cm6jb0b7p0002js08q9r8s7t6',
      createdAt: '2026-02-21T10:00:00.000Z',
      updatedAt: '2026-02-24T10:00:00.000Z',
      raw,
      name: 'Développeur·se Full Stack TypeScript',
      description: 'Vous rejoignez l’équipe produit pour concevoir et livrer des fonctionnalités de bout en bout.',
      status: 'ACTIVE',
      language: null,
      skills: ['TypeScript', 'React', 'Node.js', 'PostgreSQL'].map((name) => ({ name, description: null })),
      questions: [],
      inviteUrl: null,
    });
  });

  it('reads locale and object skills; a title-less job is named by its id', () => {
    const [draft, active] = evalyoJobListSchema.parse(structuredClone(jobsPage)).data.map((job) => normalizeEvalyoJob(job.parsed, job.raw));
    expect([draft.language, draft.status, draft.description]).toEqual(['fr', 'DRAFT', null]);
    expect(active.skills).toEqual([{ name: 'TypeScript', description: 'Strict mode' }]);
    expect(normalizeEvalyoJob({ id: 'cj1', title: ' ' }).name).toBe('cj1');
  });
});

describe('reports', () => {
  it('a completed interview: scores, recommendation, texts, dates', () => {
    const detail = completed();
    const report = normalizeEvalyoReport(detail)!;
    expect(report).toMatchObject({
      kind: 'Report',
      provider: Provider.EVALYO,
      locator: detail.id,
      providerId: detail.id,
      interviewLocator: detail.id,
      createdAt: null,
      updatedAt: null,
      score: { value: null, raw: 78, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null },
      recommendation: Recommendation.YES,
      recommendationRaw: 'HIRE',
      summary: 'Bon entretien dans l’ensemble, avec quelques points à approfondir lors d’un échange avec l’équipe.',
      highlights: ['Exemples concrets et chiffrés', 'Discours structuré et clair'],
      lowlights: ['Peu d’exemples de travail en équipe'],
      pdfUrl: null,
      reportUrl: null,
      completedAt: '2026-05-21T18:41:12.500Z',
    });
    expect(report.raw).toBe(detail);
  });

  it('criteria are CRITERION items, each on its own 0..maxScore scale', () => {
    const scorecard = normalizeEvalyoReport(completed())!.scorecard!;
    expect(scorecard.overall).toEqual({ value: null, raw: 78, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null });
    expect(scorecard.items.map((i) => [i.category, i.name, i.score!.raw, i.score!.scaleMax, i.score!.value])).toEqual([
      [ScorecardCategory.CRITERION, 'Compétences techniques', 8, 10, 80],
      [ScorecardCategory.CRITERION, 'Résolution de problèmes', 7, 10, 70],
      [ScorecardCategory.CRITERION, 'Communication', 4, 5, 80],
      [ScorecardCategory.CRITERION, 'Motivation', 4, 5, 80],
    ]);
    expect(scorecard.items[1]).toEqual({
      category: ScorecardCategory.CRITERION,
      name: 'Résolution de problèmes',
      question: null,
      answer: null,
      score: { value: 70, raw: 7, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null },
      feedback: 'Niveau correct, quelques imprécisions.',
      weight: null,
      notScored: false,
    });
  });

  it('criteria without a usable maximum keep their number on an unknown scale; blanks get a name', () => {
    const scorecard = normalizeEvalyoScorecard({
      overallScore: null,
      criteria: [
        { name: '', score: 3, maxScore: null, comment: null },
        { name: 'Weighted', score: 12, maxScore: 10, weight: 2 },
        { name: 'Zero max', score: 1, maxScore: 0 },
        { name: 'Unscored', score: null, maxScore: 5 },
      ],
    })!;
    expect(scorecard.overall).toBeNull();
    expect(scorecard.items.map((i) => [i.name, i.score, i.weight])).toEqual([
      ['Criterion 1', { value: null, raw: 3, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null }, null],
      // Out of range: clamped in value, kept in raw.
      ['Weighted', { value: 100, raw: 12, scaleMin: 0, scaleMax: 10, scaleKnown: true, scale: 'PERCENT', label: null }, 2],
      ['Zero max', { value: null, raw: 1, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null }, null],
      ['Unscored', null, null],
    ]);
    expect(normalizeEvalyoScorecard({ summary: 'text only' })).toBeNull();
    expect(normalizeEvalyoScorecard(null)).toBeNull();
  });

  it.each([
    ['STRONG_HIRE', Recommendation.STRONG_YES],
    ['HIRE', Recommendation.YES],
    ['NO_HIRE', Recommendation.NO],
    ['STRONG_NO_HIRE', Recommendation.DEFINITELY_NO],
    ['strong_hire', Recommendation.STRONG_YES],
    ['Strong No Hire', Recommendation.DEFINITELY_NO],
    ['no-hire', Recommendation.NO],
    ['MAYBE', Recommendation.NO_DECISION],
    [null, Recommendation.NO_DECISION],
  ])('recommendation %j → %s', (word, recommendation) => {
    expect(mapEvalyoRecommendation(word)).toBe(recommendation);
  });

  it('an unknown recommendation word is NO_DECISION with the word kept', () => {
    const detail = completed();
    const report = normalizeEvalyoReport({ ...detail, evaluation: { ...detail.evaluation!, recommendation: 'TO_DISCUSS' } })!;
    expect([report.recommendation, report.recommendationRaw]).toEqual([Recommendation.NO_DECISION, 'TO_DISCUSS']);
  });

  it('flags become integrity violations; Evalyo gives no integrity number', () => {
    expect(normalizeEvalyoReport(completed())!.integrity).toEqual({
      score: null,
      violations: [{ type: 'READING_SUSPECTED', value: 'MEDIUM', description: 'Rythme de lecture détecté sur plusieurs réponses.' }],
    });
    expect(normalizeEvalyoIntegrity({ flags: [] })).toEqual({ score: null, violations: [] });
    expect(normalizeEvalyoIntegrity({ flags: [{ type: ' ', severity: null }] })).toEqual({
      score: null,
      violations: [{ type: 'unknown', value: null, description: null }],
    });
    // No flags list: not assessed.
    expect(normalizeEvalyoIntegrity({ overallScore: 50 })).toBeNull();
    expect(normalizeEvalyoIntegrity(null)).toBeNull();
  });

  it('orders turns by turnNumber and invents no timestamps', () => {
    const report = normalizeEvalyoReport(completed())!;
    expect(report.transcript.map((t) => [t.sequence, t.speaker, t.speakerRaw])).toEqual([
      [0, Speaker.INTERVIEWER, 'agent'],
      [1, Speaker.CANDIDATE, 'candidate'],
      [2, Speaker.INTERVIEWER, 'agent'],
      [3, Speaker.CANDIDATE, 'candidate'],
      [4, Speaker.INTERVIEWER, 'agent'],
    ]);
    expect(report.transcript[0].text).toMatch(/^Bonjour/);
    expect(report.transcript[4].text).toMatch(/l’entretien est terminé/);
    expect(report.transcript.every((t) => t.offsetMs === null && t.at === null && t.mode === TurnMode.SPEECH && t.modeRaw === null)).toBe(true);
  });

  it('turns without a number go last in the order sent; ties keep the order sent; unknown roles kept', () => {
    const turns = normalizeEvalyoTranscript([
      { role: 'candidate', content: 'no number A' },
      { turnNumber: 2, role: 'AGENT', content: 'two (first sent)' },
      { turnNumber: 1, role: 'recruiter', content: null },
      { turnNumber: 2, role: 'Candidate', content: 'two (second sent)' },
      { role: 'agent', content: 'no number B' },
    ]);
    expect(turns.map((t) => [t.sequence, t.text, t.speaker, t.speakerRaw])).toEqual([
      [0, '', Speaker.UNKNOWN, 'recruiter'],
      [1, 'two (first sent)', Speaker.INTERVIEWER, 'AGENT'],
      [2, 'two (second sent)', Speaker.CANDIDATE, 'Candidate'],
      [3, 'no number A', Speaker.CANDIDATE, 'candidate'],
      [4, 'no number B', Speaker.INTERVIEWER, 'agent'],
    ]);
    expect(normalizeEvalyoTranscript(null)).toEqual([]);
    expect(mapEvalyoSpeaker('system')).toBe(Speaker.SYSTEM);
  });

  it('the full audio is one AUDIO recording whose expiry comes from its signature', () => {
    expect(normalizeEvalyoReport(completed())!.recordings).toEqual([
      {
        kind: RecordingKind.AUDIO,
        format: RecordingFormat.MP3,
        url: completed().audioUrl,
        playerUrl: null,
        sessionKey: null,
        expiresAt: '2026-06-02T12:00:00.000Z',
      },
    ]);
    expect(normalizeEvalyoRecordings({ audioUrl: 'https://storage.evalyo.fr/recordings/x/interview.webm' })).toEqual([
      {
        kind: RecordingKind.AUDIO,
        format: RecordingFormat.WEBM,
        url: 'https://storage.evalyo.fr/recordings/x/interview.webm',
        playerUrl: null,
        sessionKey: null,
        expiresAt: null,
      },
    ]);
    // The FAQ's `recordingUrl` is read when there is no `audioUrl`.
    expect(normalizeEvalyoRecordings({ audioUrl: null, recordingUrl: 'https://s/r.ogg?Expires=1780401600' })).toMatchObject([
      { format: RecordingFormat.UNKNOWN, expiresAt: '2026-06-02T12:00:00.000Z' },
    ]);
    expect(normalizeEvalyoRecordings({ audioUrl: '  ' })).toEqual([]);
  });

  it('a non-COMPLETED interview has no report (null, not an error), in either case', () => {
    expect(normalizeEvalyoReport(inProgress())).toBeNull();
    for (const status of ['DRAFT', 'INVITED', 'IN_PROGRESS', 'CANCELLED', 'EXPIRED', 'expired', 'ARCHIVED']) {
      expect(normalizeEvalyoReport(completedWith({ status }))).toBeNull();
    }
    expect(normalizeEvalyoReport(completedWith({ status: 'completed' }))).not.toBeNull();
  });

  it('a COMPLETED interview without evaluation: transcript and audio, no score', () => {
    const report = normalizeEvalyoReport(completedWith({ evaluation: null }))!;
    expect(report).toMatchObject({
      score: null,
      recommendation: Recommendation.NO_DECISION,
      recommendationRaw: null,
      summary: null,
      highlights: [],
      lowlights: [],
      integrity: null,
      scorecard: null,
    });
    expect(report.transcript).toHaveLength(5);
    expect(report.recordings).toHaveLength(1);
  });

  it('an in-progress transcript keeps its empty turn and marks nothing as timed', () => {
    const turns = normalizeEvalyoTranscript(inProgress().transcript);
    expect(turns.map((t) => t.text)).toEqual([
      'Hello, I am Evalyo’s interview agent. Could you briefly introduce yourself?',
      '',
      'Why are you interested in this role?',
    ]);
  });
});
