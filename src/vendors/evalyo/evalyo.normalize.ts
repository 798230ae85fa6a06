/**
 * Evalyo payloads → the unified model. PURE and TOTAL: no I/O, no clock, never throws on a
 * payload that passed the zod schemas in `evalyo.raw.ts`; unknown words map to UNKNOWN (or
 * NO_DECISION) and keep the vendor's word. Every mapping decision is written beside the code.
 *
 * Vocabulary: an Evalyo *job* is our InterviewTemplate; an Evalyo *interview* (one candidate's
 * session for one job) is our Interview; the interview detail's `evaluation` + `transcript` +
 * `audioUrl` is our Report (locator = the interview id; see normalizeEvalyoReport).
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
 * (`in_progress`, `cancelled`). Words are matched case- and whitespace-insensitively (vocabulary)
 * after spaces and hyphens are read as underscores, so `IN_PROGRESS`, `in_progress`,
 * `In Progress` and `in-progress` are one word. The raw word is always kept as sent.
 */
function snakeWord(word: string | null | undefined): string | null | undefined {
  return typeof word === 'string' ? word.trim().replace(/[\s-]+/g, '_') : word;
}

/**
 * | Evalyo word  | status      | why |
 * |--------------|-------------|-----|
 * | DRAFT        | INVITED     | created but the invitation not sent yet (`sendInvite: false`). The unified model has no "not sent" state; INVITED is the closest (the session exists and awaits the candidate). `statusRaw` keeps `DRAFT`, and `invitedAt` stays null since no invitation went out. |
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

/** An Evalyo interview status word (any case) → InterviewStatus; UNKNOWN for anything else. */
export function mapEvalyoStatus(word: string | null | undefined): InterviewStatus {
  return statusWords(snakeWord(word));
}

/** True for `DRAFT` (any case): created, invitation not sent. */
export function isEvalyoDraft(word: string | null | undefined): boolean {
  return normaliseWord(snakeWord(word)) === 'draft';
}

/**
 * The vendor `status` values to query, in order, for a unified status filter. INVITED needs two
 * upstream lists because DRAFT also reads as INVITED; PROCESSING and UNKNOWN match no word
 * Evalyo documents, so they need no call (an unknown word can only be found by reading the
 * whole list, which a filter must not cost).
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

/**
 * `evaluation.recommendation` (simulator-defined words, see evalyo.raw.ts):
 * STRONG_HIRE → STRONG_YES, HIRE → YES, NO_HIRE → NO, STRONG_NO_HIRE → DEFINITELY_NO; any case,
 * spaces or hyphens. Anything else (including none) → NO_DECISION with the raw word kept.
 */
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
 * A job as an InterviewTemplate.
 * - locator = providerId = job `id`; name = `title` (the id when missing, so it is never empty).
 * - status = the job word as sent (`DRAFT|ACTIVE|PAUSED|CLOSED`): templates keep the vendor word.
 * - language: jobs document no language; `locale` is read when the vendor sends one, else null.
 * - skills: `skills[]` strings → `{name, description: null}` (objects `{name, description}` read
 *   too); blank names dropped.
 * - questions: none on a job (Evalyo's questions live in the AI agent / interview config) → [].
 * - inviteUrl: jobs have no candidate link (each interview has its own) → null.
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

/**
 * The candidate account of an interview. Interviews carry only `candidateId`; the profile comes
 * from `GET /api/v1/candidates/:id`. `candidate` null = not looked up or gone (404: a deleted
 * candidate's interviews linger up to 30 days): providerId kept, name and email null.
 * name = "firstName lastName" (either alone when the other is missing; null when both are);
 * email exactly as sent (the identity index normalises it).
 */
export function evalyoCandidateAccount(candidateId: string | null | undefined, candidate: RawEvalyoCandidate | null): CandidateAccount {
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
 * A list item or the detail as an Interview (the detail's extra fields do not change it, so a
 * list row and a detail give the same Interview).
 * - locator = providerId = `id`; templateLocator = `jobId`; templateName null (interviews do not
 *   carry the job title; the template resolves it).
 * - status per mapEvalyoStatus, `statusRaw` as sent; decision: Evalyo has none → null.
 * - invitedAt = `createdAt` (creating an interview sends the invite, seed 002), except for DRAFT
 *   (no invitation sent yet) → null.
 * - startedAt = `startedAt`; completedAt = `endedAt`, except for CANCELLED/EXPIRED interviews,
 *   where an end time is when the session was abandoned, not completed → null (kept in raw).
 * - createdAt/updatedAt from the ISO strings; unreadable dates → null.
 */
export function normalizeEvalyoInterview(
  interview: RawEvalyoInterview | RawEvalyoInterviewDetail,
  candidate: RawEvalyoCandidate | null,
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
 * The 201 answer of `POST /api/v1/interviews` as an Interview: the list-row mapping
 * (normalizeEvalyoInterview, so a later read of the same interview gives the same object), except:
 * - status is INVITED whatever the word: a session Evalyo just created awaits its candidate
 *   (`DRAFT` when `sendInvite` was false; invitedAt then stays null as on the read path).
 *   statusRaw = Evalyo's word, null when it sent none.
 * - candidate: `candidate` is the record the interview was created for (created, or found by
 *   email), which is what the read path shows; its email and name fall back to the ones sent
 *   when the answer lacks them.
 * - templateLocator = the answer's `jobId`, else the job it was created for.
 * - raw = the answer as received (`raw`, default the parsed answer).
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
 * The interview detail as a Report, or null when the interview is not COMPLETED (no report yet:
 * not an error). Locator = providerId = the interview `id`: the detail holds the evaluation,
 * transcript and recording, so the separate `/api/v1/reports/:reportId` is never needed (its id
 * stays in raw as `reportId`). A COMPLETED interview whose stage generates no AI report
 * (`generateReport: false`) still gets a Report: transcript and recording, no score.
 * - score = `evaluation.overallScore`, scale UNKNOWN (Evalyo documents no evaluation shape).
 * - recommendation per mapEvalyoRecommendation; summary; highlights = `strengths`, lowlights = `weaknesses`.
 * - integrity: see normalizeEvalyoIntegrity. scorecard: see normalizeEvalyoScorecard.
 * - transcript: see normalizeEvalyoTranscript. recordings: see normalizeEvalyoRecordings.
 * - pdfUrl / reportUrl: Evalyo links none → null. createdAt/updatedAt: the evaluation is not
 *   dated → null. completedAt = `endedAt`.
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
 * Turns ordered by `turnNumber` (Evalyo may list them out of order; turns without a number go
 * last, in the order sent; ties keep the order sent); sequence = position after sorting.
 * role `agent` → INTERVIEWER, `candidate` → CANDIDATE (any case), else UNKNOWN with speakerRaw.
 * text = `content` ('' while empty); mode SPEECH (a voice platform); NO timestamps: Evalyo
 * documents none, so offsetMs and at stay null (never derived from turn numbers).
 * Per-turn `audioUrl`, `isPendingQuestion` and `evaluation` stay in raw.
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

/**
 * The full interview audio: `audioUrl` (seed 002), else the FAQ's `recordingUrl`. AUDIO (Evalyo
 * is voice only); format from the URL's extension (mp3, webm…); expiresAt from the URL's
 * signature (`Expires=<unix seconds>`, 24 h per the FAQ) when present; no player, no session key.
 */
export function normalizeEvalyoRecordings(raw: Pick<RawEvalyoInterviewDetail, 'audioUrl' | 'recordingUrl'>): Recording[] {
  const url = nonEmpty(raw.audioUrl) ?? nonEmpty(raw.recordingUrl);
  if (!url) return [];
  return [{ kind: RecordingKind.AUDIO, format: recordingFormatFromUrl(url), url, playerUrl: null, sessionKey: null, expiresAt: expiryFromSignedUrl(url) }];
}

/* ============================================================================ helpers */

function texts(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).filter((v) => v.trim().length > 0);
}
