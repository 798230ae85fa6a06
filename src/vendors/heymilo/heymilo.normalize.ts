/**
 * HeyMilo payloads → the unified model. PURE and TOTAL: no I/O, no clock, never throws on a
 * payload that passed the zod schemas in `heymilo.raw.ts`; unknown words map to UNKNOWN and keep
 * the vendor's word. Every mapping decision is written down beside the code that makes it.
 *
 * Vocabulary: a HeyMilo *posting* is our InterviewTemplate; a HeyMilo *interview* (`interview_id`,
 * one per candidate × posting) is our Interview; the `/data` object of that interview is also our
 * Report (HeyMilo has no separate report id).
 */
import {
  Decision,
  type Integrity,
  type IntegrityViolation,
  type Interview,
  InterviewStatus,
  type InterviewTemplate,
  Recommendation,
  type Recording,
  RecordingKind,
  type Report,
  type Score,
  type Scorecard,
  ScorecardCategory,
  type ScorecardItem,
  Speaker,
  TimeOrigin,
  type TranscriptTurn,
  TurnMode,
} from '../../domain/model';
import { wholeNumberOrNull } from '../../domain/number';
import { Provider } from '../../domain/provider';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { scoreOnScale, scoreOnUnknownScale } from '../../domain/score';
import { fromEpochSeconds, timeNotes } from '../../domain/time';
import { normaliseWord, vocabulary } from '../../domain/vocabulary';
import type {
  RawHeymiloCandidate,
  RawHeymiloCheatDetection,
  RawHeymiloCreatedPosting,
  RawHeymiloIngestedCandidate,
  RawHeymiloInterviewData,
  RawHeymiloPosting,
  RawHeymiloScorecardQuestion,
  RawHeymiloSmsMessage,
  RawHeymiloTranscriptEntry,
  RawHeymiloWebInterview,
  RawHeymiloWorkflow,
} from './heymilo.raw';
import { finite, nonEmpty } from '../kit/values';

const PROVIDER = Provider.HEYMILO;

/* ============================================================================ status */

/** What a HeyMilo status word (plus the shortlisted/dismissed flags) means in the unified model. */
export interface HeymiloStatusMapping {
  status: InterviewStatus;
  statusRaw: string | null;
  decision: Decision | null;
  decisionRaw: string | null;
}

/**
 * HeyMilo's candidate `status` mixes lifecycle and recruiter decision, so one word yields both:
 *
 * | word          | status      | decision     | why |
 * |---------------|-------------|--------------|-----|
 * | pending       | INVITED     | –            | ingested, not started |
 * | in_progress   | IN_PROGRESS | –            | |
 * | evaluating    | PROCESSING  | –            | spec: "all workflow steps are done but the final score is still being computed" |
 * | completed     | COMPLETED   | from flags   | `shortlisted` / `dismissed` booleans, if set |
 * | shortlisted   | COMPLETED   | SHORTLISTED  | a recruiter decision on a finished interview |
 * | dismissed     | COMPLETED   | REJECTED     | |
 * | knocked_out   | COMPLETED   | KNOCKED_OUT  | the workflow ended early on a knockout: the session is over |
 * | not_ready     | UNKNOWN     | –            | /data only: "results not ready", ambiguous between pending, in_progress and evaluating |
 * | anything else | UNKNOWN     | –            | raw word kept |
 *
 * Words are matched case- and surrounding-whitespace-insensitively; `statusRaw` keeps the word as
 * sent. The flags are only consulted for `completed`: with any other word the word itself is the
 * more specific statement. Both flags set at once is contradictory → Decision.UNKNOWN.
 */
export function mapHeymiloStatus(
  word: string | null | undefined,
  flags: { shortlisted?: boolean | null; dismissed?: boolean | null } = {},
): HeymiloStatusMapping {
  const statusRaw = word ?? null;
  const key = normaliseWord(word);
  const plain = (status: InterviewStatus): HeymiloStatusMapping => ({ status, statusRaw, decision: null, decisionRaw: null });
  const decided = (decision: Decision, decisionRaw: string): HeymiloStatusMapping => ({
    status: InterviewStatus.COMPLETED,
    statusRaw,
    decision,
    decisionRaw,
  });
  switch (key) {
    case 'pending':
      return plain(InterviewStatus.INVITED);
    case 'in_progress':
      return plain(InterviewStatus.IN_PROGRESS);
    case 'evaluating':
      return plain(InterviewStatus.PROCESSING);
    case 'shortlisted':
      return decided(Decision.SHORTLISTED, statusRaw ?? key);
    case 'dismissed':
      return decided(Decision.REJECTED, statusRaw ?? key);
    case 'knocked_out':
      return decided(Decision.KNOCKED_OUT, statusRaw ?? key);
    case 'completed': {
      const shortlisted = flags.shortlisted === true;
      const dismissed = flags.dismissed === true;
      if (shortlisted && dismissed) return decided(Decision.UNKNOWN, 'shortlisted,dismissed');
      if (shortlisted) return decided(Decision.SHORTLISTED, 'shortlisted');
      if (dismissed) return decided(Decision.REJECTED, 'dismissed');
      return plain(InterviewStatus.COMPLETED);
    }
    default:
      // Includes `not_ready`, which says only "not finished".
      return plain(InterviewStatus.UNKNOWN);
  }
}

/** `/data` answers `not_ready` until the candidate has finished: no results to read. */
export function isHeymiloNotReady(raw: { status?: string | null }): boolean {
  return normaliseWord(raw.status) === 'not_ready';
}

/**
 * Status words after which a report cannot exist yet. `evaluating` is included on purpose: the
 * spec says the final score is still being computed, so a report built then would be partial and
 * could be cached as if final.
 */
const UNFINISHED_WORDS = new Set(['not_ready', 'pending', 'in_progress', 'evaluating']);

/* ============================================================================ templates */

/**
 * A posting ("interviewer") as an InterviewTemplate. `name` = `title` (falls back to the slug
 * `name`, then the id, so it is never empty); `status` keeps the posting word
 * (`draft|active|expired|archived`); questions live behind `/postings/{id}/questions` and are not
 * fetched, so `questions` and `skills` are empty; `inviteUrl` = the candidate-facing posting URL.
 */
export function normalizeHeymiloPosting(posting: RawHeymiloPosting, raw: unknown = posting): InterviewTemplate {
  return {
    kind: 'InterviewTemplate',
    provider: PROVIDER,
    locator: posting.id,
    providerId: posting.id,
    createdAt: fromEpochSeconds(posting.created_at),
    updatedAt: fromEpochSeconds(posting.updated_at),
    raw,
    name: nonEmpty(posting.title) ?? nonEmpty(posting.name) ?? posting.id,
    description: nonEmpty(posting.description),
    status: nonEmpty(posting.status),
    language: nonEmpty(posting.language),
    skills: [],
    questions: [],
    inviteUrl: nonEmpty(posting.urls?.candidate_url),
  };
}

/**
 * The 201 receipt of `POST /api/v2/postings` as an InterviewTemplate.
 * - With the `posting` receipt (the full `PostingResponse`): exactly what the read path
 *   (`normalizeHeymiloPosting` of `GET /postings/{id}`) gives for it, `raw` included, so the cache
 *   holds one shape whichever way the template arrived.
 * - Without it: built from the receipt (`id`, `status`, `urls.candidate_url`, `created_at` Unix
 *   seconds) plus what was sent (`title`, `description`, `language`; a language not sent is null:
 *   HeyMilo's default is not echoed); `updatedAt` null (not dated); `raw` = the receipt.
 * Locator = providerId = the posting id, as on the read path.
 */
export function normalizeHeymiloCreatedPosting(
  receipt: RawHeymiloCreatedPosting,
  sent: { title: string; description?: string | null; language?: string | null },
  raw: unknown = receipt,
): InterviewTemplate {
  if (receipt.posting) return normalizeHeymiloPosting(receipt.posting, (raw as { posting?: unknown } | null)?.posting ?? receipt.posting);
  return {
    kind: 'InterviewTemplate',
    provider: PROVIDER,
    locator: receipt.id,
    providerId: receipt.id,
    createdAt: fromEpochSeconds(receipt.created_at),
    updatedAt: null,
    raw,
    name: nonEmpty(sent.title) ?? receipt.id,
    description: nonEmpty(sent.description),
    status: nonEmpty(receipt.status),
    language: nonEmpty(sent.language),
    skills: [],
    questions: [],
    inviteUrl: nonEmpty(receipt.urls?.candidate_url),
  };
}

/* ============================================================================ interviews */

/** One row of a posting's candidate list as an Interview. */
export function normalizeHeymiloCandidate(row: RawHeymiloCandidate, raw: unknown = row): Interview {
  return interviewFrom(row, raw);
}

/**
 * The `/data` object as an Interview. The spec's `InterviewDataResponse` has no `interview_url`,
 * `created_at`, `interviewed_at` or shortlisted/dismissed flags (they are on the list row only),
 * so those fields are null here unless the vendor sends them anyway. A `not_ready` payload yields
 * status UNKNOWN (see mapHeymiloStatus); callers holding a better-known status should keep it.
 */
export function normalizeHeymiloInterviewData(data: RawHeymiloInterviewData, raw: unknown = data): Interview {
  return interviewFrom(data, raw);
}

/**
 * The 201 receipt of `POST /api/v2/postings/{posting_id}/candidates` as the new Interview.
 * - With the `candidate` receipt (the full `CandidateResponse`): what the posting's candidate
 *   list (`normalizeHeymiloCandidate`) gives for that row (`pending` → INVITED, `created_at` →
 *   createdAt/invitedAt), `inviteUrl` falling back to the receipt's `interview_url`, and name/email
 *   falling back to what was sent.
 * - Without it: status INVITED with no vendor word (`statusRaw` null), the candidate as sent
 *   (no candidate id), `inviteUrl` = `interview_url`, no timestamps (HeyMilo dated none); `raw` =
 *   the receipt.
 * Locator = providerId = `interview_id`; templateLocator = `posting_id`.
 */
export function normalizeHeymiloIngestedCandidate(
  receipt: RawHeymiloIngestedCandidate,
  sent: { name: string; email: string },
  raw: unknown = receipt,
): Interview {
  if (receipt.candidate) {
    const interview = interviewFrom(receipt.candidate, (raw as { candidate?: unknown } | null)?.candidate ?? receipt.candidate);
    return {
      ...interview,
      candidate: {
        ...interview.candidate,
        name: interview.candidate.name ?? nonEmpty(sent.name),
        email: interview.candidate.email ?? nonEmpty(sent.email),
      },
      inviteUrl: interview.inviteUrl ?? nonEmpty(receipt.interview_url),
    };
  }
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: receipt.interview_id,
    providerId: receipt.interview_id,
    createdAt: null,
    updatedAt: null,
    raw,
    status: InterviewStatus.INVITED,
    statusRaw: null,
    decision: null,
    decisionRaw: null,
    candidate: { provider: PROVIDER, providerId: null, name: nonEmpty(sent.name), email: nonEmpty(sent.email) },
    templateLocator: receipt.posting_id,
    templateName: null,
    inviteUrl: nonEmpty(receipt.interview_url),
    invitedAt: null,
    startedAt: null,
    completedAt: null,
  };
}

function interviewFrom(item: RawHeymiloCandidate | RawHeymiloInterviewData, raw: unknown): Interview {
  const status = mapHeymiloStatus(item.status, { shortlisted: item.shortlisted, dismissed: item.dismissed });
  const started = startedAt(item.workflow);
  const interviewed = fromEpochSeconds(item.interviewed_at);
  const completed = interviewed ?? workflowCompletedAt(item.workflow);
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: item.interview_id,
    providerId: item.interview_id,
    // `created_at` = when the candidate was ingested into the posting, i.e. invited.
    createdAt: fromEpochSeconds(item.created_at),
    // The candidate's most recent interaction with any step is the freshest change HeyMilo dates.
    updatedAt: fromEpochSeconds(item.workflow?.last_activity_at),
    raw,
    ...status,
    candidate: {
      provider: PROVIDER,
      // `candidate_id` is shared across postings within a workspace (nullable in the spec).
      providerId: nonEmpty(item.candidate_id),
      name: nonEmpty(item.name),
      // Kept exactly as sent; the identity layer normalises emails.
      email: nonEmpty(item.email),
    },
    templateLocator: item.posting_id,
    // The list row does not carry the posting title; `templateLocator` resolves the template.
    templateName: null,
    inviteUrl: nonEmpty(item.interview_url),
    invitedAt: fromEpochSeconds(item.created_at),
    startedAt: started,
    completedAt: completed,
    // HeyMilo dates no start, and on /data no completion: those are read off the workflow.
    timeNotes: timeNotes(TimeOrigin.DERIVED, [
      ['startedAt', started, STARTED_SOURCE],
      ['completedAt', interviewed === null ? completed : null, COMPLETED_SOURCE],
    ]),
  };
}

/**
 * HeyMilo dates no "started" event. The closest it gives is the first workflow step's
 * `last_updated_at` once that step is `started`: while the step is in progress that is the moment
 * it started; once the step has completed it is the moment it completed, i.e. an upper bound of
 * the start. Null when the first step has not started (or has no timestamp): never guessed.
 * "First" = lowest `order` (1-based in the spec), vendor order for ties.
 */
const STARTED_SOURCE = 'workflow.steps[first].last_updated_at (once started)';
const COMPLETED_SOURCE = 'workflow.last_activity_at (all_complete)';

function startedAt(workflow: RawHeymiloWorkflow | null | undefined): string | null {
  const steps = [...(workflow?.steps ?? [])].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  const first = steps[0];
  if (first?.started !== true) return null;
  return fromEpochSeconds(first.last_updated_at);
}

/**
 * When every workflow step is complete (`all_complete`), `last_activity_at` is the candidate's
 * last interaction, i.e. when they finished. Used for Report.completedAt, and for
 * Interview.completedAt when `interviewed_at` is absent (always the case on /data per the spec).
 * A knocked-out candidate never completes every step, so theirs stays null unless
 * `interviewed_at` says otherwise.
 */
function workflowCompletedAt(workflow: RawHeymiloWorkflow | null | undefined): string | null {
  return workflow?.all_complete === true ? fromEpochSeconds(workflow.last_activity_at) : null;
}

/* ============================================================================ reports */

/**
 * The `/data` object as a Report, or null when there is nothing to report yet (not an error):
 * - the status is `not_ready` (or `pending` / `in_progress` / `evaluating`, should /data ever say so);
 * - no agent produced results (`web_interview`, `resume`, `sms` and `form` all null).
 * A finished interview whose posting has no web-interview step (e.g. a candidate knocked out by
 * the form) still gets a report built from the results it has.
 *
 * Locator = providerId = `interview_id` (HeyMilo has no separate report id).
 */
export function normalizeHeymiloReport(data: RawHeymiloInterviewData, raw: unknown = data): Report | null {
  if (UNFINISHED_WORDS.has(normaliseWord(data.status))) return null;
  const web = data.web_interview ?? null;
  if (!web && !data.resume && !data.sms && !data.form) return null;
  const completedAt = workflowCompletedAt(data.workflow);

  return {
    kind: 'Report',
    provider: PROVIDER,
    locator: data.interview_id,
    providerId: data.interview_id,
    // HeyMilo dates neither the creation nor the last change of its evaluation.
    createdAt: null,
    updatedAt: null,
    raw,
    interviewLocator: data.interview_id,
    // `score` is the overall match (0–100) aggregated across steps; the web interview's own
    // match_score (0–100) stands in when the aggregate is missing.
    score: score0to100(data.score ?? web?.match_score),
    // HeyMilo gives no hire recommendation; decisions (shortlisted/dismissed) live on the Interview.
    recommendation: Recommendation.NO_DECISION,
    recommendationRaw: null,
    // No single summary text: highlights/lowlights and per-question evaluation summaries instead.
    summary: null,
    highlights: web?.highlights ?? [],
    lowlights: web?.lowlights ?? [],
    integrity: normalizeIntegrity(data.cheat_detection),
    scorecard: scorecardFrom(data),
    transcript: transcriptFrom(data),
    recordings: recordingsFrom(web),
    pdfUrl: null,
    reportUrl: null,
    completedAt,
    timeNotes: timeNotes(TimeOrigin.DERIVED, [['completedAt', completedAt, COMPLETED_SOURCE]]),
  };
}

function score0to100(raw: number | null | undefined): Score | null {
  return typeof raw === 'number' && Number.isFinite(raw) ? scoreOnScale(raw, 0, 100) : null;
}

/* ------------------------------------------------------------------ scorecard */

/**
 * Per-question scores: the vendor's OpenAPI says 1–10 (`ScorecardQuestion.score`: "Score (1-10)",
 * `score_5_description`: "midpoint anchor on 1-10 scale"), but HeyMilo's own guide says answers are
 * scored 1–5, and `score_5_description` reads like a top anchor (REFERENCE §2.4: ambiguous). The
 * vendor contradicts itself, so the scale is UNKNOWN: the number is kept raw, with no 0–100 value
 * that would be wrong by a factor of two under one of the readings. The declared range is kept
 * here for reference only.
 */
export const HEYMILO_QUESTION_DECLARED_SCALE = { min: 1, max: 10 } as const;

/** `ResumeScoreCriterion.score`: "Score (0.0-10.0)" per the spec. */
export const HEYMILO_RESUME_CRITERION_SCALE = { min: 0, max: 10 } as const;

/**
 * Items, in this order:
 * 1. `web_interview.scorecard[]` → QUESTION, sorted by `rank` (ask order; unranked last, vendor
 *    order kept). `answer` = the candidate's turns of that question's own transcript joined with
 *    "\n"; `notScored` items keep their score but are flagged (the vendor excludes them from
 *    averages); `weight` = `score_weight` (1–10).
 * 2. `resume.score_criteria[]` → CRITERION on 0–10; the AI's `reasons` become `feedback`.
 * 3. `form.questions[]` → MUST_HAVE when `is_knockout`, else CRITERION; pass/fail is a 0–1 score
 *    labelled `passed`/`failed` (null when the vendor did not say); `answer` = `candidate_answer`.
 * Resume eligibility and SMS criteria (pass/fail screening) are not mapped: they stay in `raw`.
 * `overall` = `web_interview.match_score` on 0–100 (null without a web interview).
 * Null when there is neither an overall score nor any item.
 */
function scorecardFrom(raw: RawHeymiloInterviewData): Scorecard | null {
  const web = raw.web_interview ?? null;
  const items: ScorecardItem[] = [
    ...sortByRank(web?.scorecard ?? []).map(questionItem),
    ...(raw.resume?.score_criteria ?? []).map(
      (criterion): ScorecardItem => ({
        category: ScorecardCategory.CRITERION,
        name: nonEmpty(criterion.criteria_text) ?? nonEmpty(criterion.criteria_id) ?? 'Resume criterion',
        question: null,
        answer: null,
        score: finite(criterion.score) ? scoreOnScale(criterion.score, HEYMILO_RESUME_CRITERION_SCALE.min, HEYMILO_RESUME_CRITERION_SCALE.max) : null,
        feedback: joinLines(criterion.reasons ?? []),
        weight: null,
        notScored: false,
      }),
    ),
    ...(raw.form?.questions ?? []).map(
      (question): ScorecardItem => ({
        category: question.is_knockout === true ? ScorecardCategory.MUST_HAVE : ScorecardCategory.CRITERION,
        name: nonEmpty(question.question_text) ?? nonEmpty(question.question_id) ?? 'Form question',
        question: nonEmpty(question.question_text),
        answer: nonEmpty(question.candidate_answer),
        score: typeof question.passed === 'boolean' ? scoreOnScale(question.passed ? 1 : 0, 0, 1, { label: question.passed ? 'passed' : 'failed' }) : null,
        feedback: null,
        weight: null,
        notScored: false,
      }),
    ),
  ];
  const overall = score0to100(web?.match_score);
  if (!overall && items.length === 0) return null;
  return { overall, items };
}

function questionItem(question: RawHeymiloScorecardQuestion, index: number): ScorecardItem {
  const text = nonEmpty(question.question_text);
  const candidateTurns = (question.transcript ?? [])
    .filter((entry) => voiceSpeaker(entry.speaker) === Speaker.CANDIDATE)
    .map((entry) => entry.text ?? '')
    .filter((line) => line.trim().length > 0);
  return {
    category: ScorecardCategory.QUESTION,
    name: text ?? nonEmpty(question.question_id) ?? `Question ${question.rank ?? index + 1}`,
    question: text,
    answer: candidateTurns.length > 0 ? candidateTurns.join('\n') : null,
    score: finite(question.score) ? scoreOnUnknownScale(question.score) : null,
    feedback: nonEmpty(question.evaluation_summary),
    weight: finite(question.score_weight) ? question.score_weight : null,
    notScored: question.not_scored === true,
  };
}

function sortByRank(questions: readonly RawHeymiloScorecardQuestion[]): RawHeymiloScorecardQuestion[] {
  return questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => (a.question.rank ?? Infinity) - (b.question.rank ?? Infinity) || a.index - b.index)
    .map(({ question }) => question);
}

/* ------------------------------------------------------------------ integrity */

/**
 * `cheat_detection` → Integrity (null when absent: the posting has no cheat detection configured,
 * as in the documented /data example).
 *
 * Score: `overall_ranking` is 1–5 where 1 = no cheating and 5 = highly detected; ours is 0–100
 * where 100 = trustworthy, so the ranking is inverted (1 → 100, 3 → 50, 5 → 0). Null ranking →
 * null score. `overall_confidence` and `threshold` are not folded in (they qualify the ranking,
 * they are not a second score); they stay in `raw`.
 *
 * Violations: one per web-interview sub-signal that fired; the `type` uses HeyMilo's own
 * detection-type vocabulary where one matches (`types[]` in the spec):
 * - `cheat_detection_result.cheating_detected`   → `transcript_cheating` (value = confidence, description = reasonings)
 * - `llm_detection_result.llm_generated_detected` → `ai_scripted_answer` (value = confidence, description = reasonings)
 * - `unusual_delay_detection.delay_detected`      → `unusual_delays` (value = confidence)
 * - `tab_switch_detection.total_count > 0`        → `tab_switching` (value = count)
 * - `interview_integrity.aggregated.movements[]`  → one per movement type, snake_cased
 *   (`Eye Movement` → `eye_movement`, value = number of events)
 * `integrity_analysis_v2` is an undocumented raw payload and the resume GPT detection is not a
 * web-interview signal: neither is mapped; both stay in `raw`.
 */
export function normalizeIntegrity(cheat: RawHeymiloCheatDetection | null | undefined): Integrity | null {
  if (!cheat) return null;
  const ranking = cheat.overall_ranking;
  const violations: IntegrityViolation[] = [];
  const web = cheat.web_interview;
  if (web?.cheat_detection_result?.cheating_detected === true) {
    violations.push({
      type: 'transcript_cheating',
      value: numberText(web.cheat_detection_result.cheating_confidence),
      description: joinLines((web.cheat_detection_result.cheating_instances ?? []).map((i) => i.reasoning ?? '')),
    });
  }
  if (web?.llm_detection_result?.llm_generated_detected === true) {
    violations.push({
      type: 'ai_scripted_answer',
      value: numberText(web.llm_detection_result.detection_confidence),
      description: joinLines((web.llm_detection_result.llm_detected_segments ?? []).map((s) => s.reasoning ?? '')),
    });
  }
  if (web?.unusual_delay_detection?.delay_detected === true) {
    violations.push({ type: 'unusual_delays', value: numberText(web.unusual_delay_detection.delay_confidence), description: null });
  }
  const tabSwitches = web?.tab_switch_detection?.total_count;
  if (finite(tabSwitches) && tabSwitches > 0) {
    violations.push({ type: 'tab_switching', value: String(tabSwitches), description: null });
  }
  const movementCounts = new Map<string, number>();
  for (const movement of web?.interview_integrity?.aggregated?.movements ?? []) {
    const type = snake(movement.type);
    if (type) movementCounts.set(type, (movementCounts.get(type) ?? 0) + 1);
  }
  for (const [type, count] of movementCounts) violations.push({ type, value: String(count), description: null });

  return {
    score: finite(ranking) ? scoreOnScale(ranking, 1, 5, { invert: true }) : null,
    violations,
  };
}

/* ------------------------------------------------------------------ transcript */

/**
 * The voice/video transcript (`web_interview.transcript`) followed by the SMS conversation
 * (`sms.transcript`), numbered continuously from 0. The two are not interleaved: voice turns carry
 * only an offset from the interview start, SMS turns only an absolute time, so their relative
 * order is unknowable without guessing the interview's start.
 * - voice: speaker `Interviewer|Candidate|System` (any case); `timestamp` seconds → `offsetMs`; `at` null; mode SPEECH.
 * - SMS:   role `agent|candidate` (any case; `agent` is the AI interviewer); `timestamp` Unix
 *          seconds → `at`; `offsetMs` null; mode TEXT.
 * Unknown speakers → UNKNOWN with `speakerRaw` kept.
 */
function transcriptFrom(raw: RawHeymiloInterviewData): TranscriptTurn[] {
  const voice = (raw.web_interview?.transcript ?? []).map((entry) => voiceTurn(entry));
  const sms = (raw.sms?.transcript ?? []).map((message) => smsTurn(message));
  return [...voice, ...sms].map((turn, sequence) => ({ ...turn, sequence }));
}

function voiceTurn(entry: RawHeymiloTranscriptEntry): TranscriptTurn {
  return {
    sequence: 0,
    speaker: voiceSpeaker(entry.speaker),
    speakerRaw: entry.speaker ?? null,
    text: entry.text ?? '',
    mode: TurnMode.SPEECH,
    modeRaw: null,
    offsetMs: finite(entry.timestamp) ? wholeNumberOrNull(entry.timestamp * 1000) : null,
    at: null,
  };
}

function smsTurn(message: RawHeymiloSmsMessage): TranscriptTurn {
  return {
    sequence: 0,
    speaker: smsSpeaker(message.role),
    speakerRaw: message.role ?? null,
    text: message.text ?? '',
    mode: TurnMode.TEXT,
    modeRaw: null,
    offsetMs: null,
    at: fromEpochSeconds(message.timestamp),
  };
}

/** Voice/video transcript speakers: `Interviewer`, `Candidate`, `System` (any case). */
const voiceSpeaker = vocabulary<Speaker>({ interviewer: Speaker.INTERVIEWER, candidate: Speaker.CANDIDATE, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

/** SMS transcript roles: `agent` (the AI interviewer), `candidate`. */
const smsSpeaker = vocabulary<Speaker>({ agent: Speaker.INTERVIEWER, candidate: Speaker.CANDIDATE, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

/* ------------------------------------------------------------------ recordings */

/**
 * One audio and (if video is enabled) one video recording per interview, both signed URLs.
 * Kind is fixed by the field (`audio_recording_url` → AUDIO, `video_recording_url` → VIDEO); the
 * format comes from the URL (.mp3 / .mp4 documented), and `expiresAt` from the signature's
 * `Expires` / `X-Amz-*` parameters when present.
 */
function recordingsFrom(web: RawHeymiloWebInterview | null): Recording[] {
  const recordings: Recording[] = [];
  const add = (kind: RecordingKind, url: string | null | undefined) => {
    const value = nonEmpty(url);
    if (!value) return;
    recordings.push({
      kind,
      format: recordingFormatFromUrl(value),
      url: value,
      playerUrl: null,
      sessionKey: null,
      expiresAt: expiryFromSignedUrl(value),
    });
  };
  add(RecordingKind.AUDIO, web?.audio_recording_url);
  add(RecordingKind.VIDEO, web?.video_recording_url);
  return recordings;
}

/* ============================================================================ helpers */

function numberText(value: number | null | undefined): string | null {
  return finite(value) ? String(value) : null;
}

function joinLines(lines: readonly string[]): string | null {
  const kept = lines.filter((line) => line.trim().length > 0);
  return kept.length > 0 ? kept.join('\n') : null;
}

function snake(value: string | null | undefined): string | null {
  const out = (value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return out.length > 0 ? out : null;
}
