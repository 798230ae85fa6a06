/**
 * Evalyo payloads → the unified model; never throws on a payload its zod schemas accept.
 * Vocabulary: a *job* is our InterviewTemplate, an *interview* our Interview, and the interview
 * detail's `evaluation` + `transcript` + `audioUrl` our Report (locator = the interview id).
 */
import {
  InterviewStatus,
  Recommendation,
  RecordingKind,
  Speaker,
  TurnMode,
  type CandidateAccount,
  type Interview,
  type InterviewTemplate,
  type Recording,
  type Report,
  type TemplateSkill,
  type TranscriptTurn,
} from '../../domain/model';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { fromZonedString } from '../../domain/time';
import { normaliseWord, vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import type { RawEvalyoCandidate, RawEvalyoCreatedInterview, RawEvalyoInterview, RawEvalyoInterviewDetail, RawEvalyoJob, RawEvalyoTurn } from './evalyo.raw';
import { normalizeEvalyoIntegrity, normalizeEvalyoScorecard, overallScore } from './evalyo.scores';
import { EVALYO } from './evalyo.descriptor';

const PROVIDER = EVALYO;

/* ============================================================================ words */

/**
 * Evalyo spells its enums in UPPER_SNAKE in the API docs and in lower case in the FAQ
 * (`in_progress`), so spaces and hyphens are read as underscores before matching.
 */
function snakeWord(word: string | null | undefined): string | null | undefined {
  return typeof word === 'string' ? word.trim().replace(/[\s-]+/g, '_') : word;
}

/**
 * | Evalyo word  | status      | why |
 * |--------------|-------------|-----|
 * | DRAFT        | INVITED     | invitation not sent yet (`sendInvite: false`); the model has no "not sent" state and the session awaits the candidate. `invitedAt` stays null. |
 * | INVITED      | INVITED     | |
 * | IN_PROGRESS  | IN_PROGRESS | |
 * | COMPLETED    | COMPLETED   | final (FAQ: a completed interview cannot be restarted) |
 * | CANCELLED    | CANCELLED   | also the US spelling `CANCELED` |
 * | EXPIRED      | EXPIRED     | the invitation link passed `expiresAt` unused |
 * | anything else| UNKNOWN     | raw word kept |
 * Evalyo has no "evaluating" word: PROCESSING never comes from Evalyo.
 */
const statusWords = vocabulary<InterviewStatus>(
  {
    draft: InterviewStatus.INVITED,
    invited: InterviewStatus.INVITED,
    in_progress: InterviewStatus.IN_PROGRESS,
    completed: InterviewStatus.COMPLETED,
    cancelled: InterviewStatus.CANCELLED,
    canceled: InterviewStatus.CANCELLED,
    expired: InterviewStatus.EXPIRED,
  },
  InterviewStatus.UNKNOWN,
);

export function mapEvalyoStatus(word: string | null | undefined): InterviewStatus {
  return statusWords(snakeWord(word));
}

/** True for `DRAFT` (any case): created, invitation not sent. */
export function isEvalyoDraft(word: string | null | undefined): boolean {
  return normaliseWord(snakeWord(word)) === 'draft';
}

/**
 * INVITED needs two upstream lists because DRAFT also reads as INVITED. PROCESSING and UNKNOWN
 * need no call: an unknown word can only be found by reading the whole list, which a filter must
 * not cost.
 */
export const EVALYO_STATUS_QUERIES: Readonly<Record<InterviewStatus, readonly string[]>> = {
  [InterviewStatus.INVITED]: ['INVITED', 'DRAFT'],
  [InterviewStatus.IN_PROGRESS]: ['IN_PROGRESS'],
  [InterviewStatus.PROCESSING]: [],
  [InterviewStatus.COMPLETED]: ['COMPLETED'],
  [InterviewStatus.CANCELLED]: ['CANCELLED'],
  [InterviewStatus.EXPIRED]: ['EXPIRED'],
  [InterviewStatus.UNKNOWN]: [],
};

/** Simulator-defined words (evalyo.raw.ts); anything else keeps the raw word. */
const recommendationWords = vocabulary<Recommendation>(
  {
    strong_hire: Recommendation.STRONG_YES,
    hire: Recommendation.YES,
    no_hire: Recommendation.NO,
    strong_no_hire: Recommendation.DEFINITELY_NO,
  },
  Recommendation.NO_DECISION,
);

export function mapEvalyoRecommendation(word: string | null | undefined): Recommendation {
  return recommendationWords(snakeWord(word));
}

/** Transcript roles (seed 002): `agent` (the AI interviewer) | `candidate`; `system` read too. */
const speakerWords = vocabulary<Speaker>({ agent: Speaker.INTERVIEWER, candidate: Speaker.CANDIDATE, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

export function mapEvalyoSpeaker(role: string | null | undefined): Speaker {
  return speakerWords(role);
}

/* ============================================================================ templates */

/**
 * Questions live in Evalyo's AI agent / interview config, not on a job, so none; no inviteUrl,
 * since each interview has its own link.
 */
export function normalizeEvalyoJob(job: RawEvalyoJob, raw: unknown = job): InterviewTemplate {
  const skills: TemplateSkill[] = [];
  for (const skill of job.skills ?? []) {
    const name = typeof skill === 'string' ? nonEmpty(skill) : nonEmpty(skill.name);
    if (name) skills.push({ name, description: typeof skill === 'string' ? null : nonEmpty(skill.description) });
  }
  return {
    kind: 'InterviewTemplate',
    provider: PROVIDER,
    locator: job.id,
    providerId: job.id,
    createdAt: fromZonedString(job.createdAt),
    updatedAt: fromZonedString(job.updatedAt),
    raw,
    name: nonEmpty(job.title) ?? job.id,
    description: nonEmpty(job.description),
    status: nonEmpty(job.status),
    language: nonEmpty(job.locale),
    skills,
    questions: [],
    inviteUrl: null,
  };
}

/* ============================================================================ candidates */

/** An interview read without its candidate's profile: name and email are looked up when a field needs them. */
export const PROFILE_NOT_READ = 'profile-not-read';

/**
 * What is known of an interview's candidate: the profile, null when Evalyo has none (a deleted
 * candidate's interviews linger up to 30 days), or PROFILE_NOT_READ.
 */
export type EvalyoProfile = RawEvalyoCandidate | null | typeof PROFILE_NOT_READ;

/** Not read: the account is `deferred` (name and email unknown, not absent) when there is an id to look up. */
export function evalyoCandidateAccount(candidateId: string | null | undefined, candidate: EvalyoProfile): CandidateAccount {
  if (candidate === PROFILE_NOT_READ) {
    const providerId = nonEmpty(candidateId);
    return { provider: PROVIDER, providerId, name: null, email: null, ...(providerId !== null ? { deferred: true } : {}) };
  }
  return {
    provider: PROVIDER,
    providerId: nonEmpty(candidateId) ?? candidate?.id ?? null,
    name: candidate ? evalyoCandidateName(candidate) : null,
    email: candidate ? nonEmpty(candidate.email) : null,
  };
}

export function evalyoCandidateName(candidate: Pick<RawEvalyoCandidate, 'firstName' | 'lastName'>): string | null {
  const parts = [candidate.firstName, candidate.lastName].map((p) => (typeof p === 'string' ? p.trim() : '')).filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' ') : null;
}

/* ============================================================================ interviews */

/**
 * A list row and a detail give the same Interview.
 * - invitedAt = `createdAt` (creating an interview sends the invite, seed 002), except DRAFT.
 * - completedAt null for CANCELLED/EXPIRED: their `endedAt` is when the session was abandoned,
 *   not completed (kept in raw).
 */
export function normalizeEvalyoInterview(
  interview: RawEvalyoInterview | RawEvalyoInterviewDetail,
  candidate: EvalyoProfile,
  raw: unknown = interview,
): Interview {
  const status = mapEvalyoStatus(interview.status);
  const ended = status === InterviewStatus.CANCELLED || status === InterviewStatus.EXPIRED ? null : fromZonedString(interview.endedAt);
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: interview.id,
    providerId: interview.id,
    createdAt: fromZonedString(interview.createdAt),
    updatedAt: fromZonedString(interview.updatedAt),
    raw,
    status,
    statusRaw: interview.status ?? null,
    decision: null,
    decisionRaw: null,
    candidate: evalyoCandidateAccount(interview.candidateId, candidate),
    templateLocator: nonEmpty(interview.jobId),
    templateName: null,
    inviteUrl: nonEmpty(interview.inviteUrl),
    invitedAt: isEvalyoDraft(interview.status) ? null : fromZonedString(interview.createdAt),
    startedAt: fromZonedString(interview.startedAt),
    completedAt: ended,
  };
}

/** What the gateway sent when it created an interview (the fallbacks of normalizeEvalyoCreatedInterview). */
export interface EvalyoSentInvitation {
  /** The job the interview was created for (the template locator). */
  jobId: string;
  /** The candidate's email and name as the client gave them. */
  email: string;
  name: string;
}

/**
 * As the list row, so a later read gives the same object, except status is INVITED whatever the
 * word: a session Evalyo just created awaits its candidate.
 */
export function normalizeEvalyoCreatedInterview(
  created: RawEvalyoCreatedInterview,
  candidate: RawEvalyoCandidate | null,
  sent: EvalyoSentInvitation,
  raw: unknown = created,
): Interview {
  const base = normalizeEvalyoInterview(created, candidate, raw);
  return {
    ...base,
    raw,
    status: InterviewStatus.INVITED,
    statusRaw: created.status ?? null,
    candidate: {
      ...base.candidate,
      name: base.candidate.name ?? nonEmpty(sent.name.trim()),
      email: base.candidate.email ?? nonEmpty(sent.email),
    },
    templateLocator: base.templateLocator ?? sent.jobId,
  };
}

/* ============================================================================ reports */

/**
 * Null, not an error, until COMPLETED. The detail holds the evaluation, transcript and recording,
 * so `/api/v1/reports/:reportId` is never needed. A COMPLETED interview whose stage generates no
 * AI report still gets a Report: transcript and recording, no score.
 */
export function normalizeEvalyoReport(detail: RawEvalyoInterviewDetail, raw: unknown = detail): Report | null {
  if (mapEvalyoStatus(detail.status) !== InterviewStatus.COMPLETED) return null;
  const evaluation = detail.evaluation ?? null;
  return {
    kind: 'Report',
    provider: PROVIDER,
    locator: detail.id,
    providerId: detail.id,
    createdAt: null,
    updatedAt: null,
    raw,
    interviewLocator: detail.id,
    score: overallScore(evaluation),
    recommendation: mapEvalyoRecommendation(evaluation?.recommendation),
    recommendationRaw: nonEmpty(evaluation?.recommendation),
    summary: nonEmpty(evaluation?.summary),
    highlights: texts(evaluation?.strengths),
    lowlights: texts(evaluation?.weaknesses),
    integrity: normalizeEvalyoIntegrity(evaluation),
    scorecard: normalizeEvalyoScorecard(evaluation),
    transcript: normalizeEvalyoTranscript(detail.transcript),
    recordings: normalizeEvalyoRecordings(detail),
    pdfUrl: null,
    reportUrl: null,
    completedAt: fromZonedString(detail.endedAt),
  };
}

/**
 * Evalyo may list turns out of `turnNumber` order. No timestamps: Evalyo documents none, and
 * none are derived from turn numbers.
 */
export function normalizeEvalyoTranscript(turns: readonly RawEvalyoTurn[] | null | undefined): TranscriptTurn[] {
  return (turns ?? [])
    .map((turn, index) => ({ turn, index }))
    .sort((a, b) => orderKey(a.turn) - orderKey(b.turn) || a.index - b.index)
    .map(({ turn }, sequence) => ({
      sequence,
      speaker: mapEvalyoSpeaker(turn.role),
      speakerRaw: turn.role ?? null,
      text: turn.content ?? '',
      mode: TurnMode.SPEECH,
      modeRaw: null,
      offsetMs: null,
      at: null,
    }));
}

function orderKey(turn: RawEvalyoTurn): number {
  return finite(turn.turnNumber) ? turn.turnNumber : Number.POSITIVE_INFINITY;
}

/** `audioUrl` (seed 002), else the FAQ's `recordingUrl`; AUDIO since Evalyo is voice only. Signed for 24 h per the FAQ. */
export function normalizeEvalyoRecordings(raw: Pick<RawEvalyoInterviewDetail, 'audioUrl' | 'recordingUrl'>): Recording[] {
  const url = nonEmpty(raw.audioUrl) ?? nonEmpty(raw.recordingUrl);
  if (!url) return [];
  return [{ kind: RecordingKind.AUDIO, format: recordingFormatFromUrl(url), url, playerUrl: null, sessionKey: null, expiresAt: expiryFromSignedUrl(url) }];
}

/* ============================================================================ helpers */

function texts(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).filter((v) => v.trim().length > 0);
}
