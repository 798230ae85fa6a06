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
  type Interview,
  InterviewStatus,
  type InterviewTemplate,
  Recommendation,
  type Recording,
  RecordingKind,
  type Report,
  Speaker,
  TimeOrigin,
  type TranscriptTurn,
  TurnMode,
} from '../../domain/model';
import { wholeNumberOrNull } from '../../domain/number';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { fromEpochSeconds, timeNotes } from '../../domain/time';
import { normaliseWord, vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import type {
  RawHeymiloCandidate,
  RawHeymiloCreatedPosting,
  RawHeymiloIngestedCandidate,
  RawHeymiloInterviewData,
  RawHeymiloPosting,
  RawHeymiloSmsMessage,
  RawHeymiloTranscriptEntry,
  RawHeymiloWebInterview,
  RawHeymiloWorkflow,
} from './heymilo.raw';
import { normalizeHeymiloScorecard, normalizeIntegrity, score0to100, voiceSpeaker } from './heymilo.scores';
import { HEYMILO } from './heymilo.descriptor';

const PROVIDER = HEYMILO;

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
    scorecard: normalizeHeymiloScorecard(data),
    transcript: transcriptFrom(data),
    recordings: recordingsFrom(web),
    pdfUrl: null,
    reportUrl: null,
    completedAt,
    timeNotes: timeNotes(TimeOrigin.DERIVED, [['completedAt', completedAt, COMPLETED_SOURCE]]),
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
