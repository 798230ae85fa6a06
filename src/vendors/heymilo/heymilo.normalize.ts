/**
 * HeyMilo payloads → the unified model; never throws on a payload its zod schemas accept.
 * Vocabulary: a *posting* is our InterviewTemplate; an *interview* (one per candidate × posting) is
 * our Interview, and its `/data` object also our Report (HeyMilo has no separate report id).
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
 * The flags are only consulted for `completed`: with any other word the word is the more specific
 * statement. Both flags set at once is contradictory → Decision.UNKNOWN.
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

/** `evaluating` on purpose: the spec says the final score is still being computed, so a report then would be partial yet cached as final. */
const UNFINISHED_WORDS = new Set(['not_ready', 'pending', 'in_progress', 'evaluating']);

/* ============================================================================ templates */

/** Questions live behind `/postings/{id}/questions` and are not fetched, so `questions` and `skills` are empty. */
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
 * With the full `posting` receipt: exactly what the read path gives, `raw` included, so the cache
 * holds one shape whichever way the template arrived. Without it, a language not sent is null:
 * HeyMilo's default is not echoed.
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

export function normalizeHeymiloCandidate(row: RawHeymiloCandidate, raw: unknown = row): Interview {
  return interviewFrom(row, raw);
}

/**
 * The spec's `InterviewDataResponse` lacks the list row's url, dates and decision flags, so those
 * are null unless sent anyway. Callers holding a better-known status than `not_ready`'s UNKNOWN
 * should keep it.
 */
export function normalizeHeymiloInterviewData(data: RawHeymiloInterviewData, raw: unknown = data): Interview {
  return interviewFrom(data, raw);
}

/** With the full `candidate` receipt: what the candidate list gives for that row, so both read the same. */
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
 * HeyMilo dates no "started" event. The first workflow step's `last_updated_at` once started is
 * the start while it runs and an upper bound once it completed; never guessed otherwise.
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
 * With `all_complete`, `last_activity_at` is the candidate's last interaction, i.e. when they
 * finished (`interviewed_at` is never on /data per the spec). A knocked-out candidate never
 * completes every step, so theirs stays null.
 */
function workflowCompletedAt(workflow: RawHeymiloWorkflow | null | undefined): string | null {
  return workflow?.all_complete === true ? fromEpochSeconds(workflow.last_activity_at) : null;
}

/* ============================================================================ reports */

/**
 * Null, not an error, while unfinished or when no agent produced results. A finished interview
 * without a web-interview step (e.g. knocked out by the form) still gets a report from what it has.
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
 * Voice then SMS, numbered continuously, not interleaved: voice turns carry only an offset from the
 * start, SMS turns only an absolute time, so their relative order is unknowable without guessing
 * the interview's start. SMS `agent` is the AI interviewer.
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

/** Format from the URL (.mp3 / .mp4 documented); `expiresAt` from the signature's `Expires` / `X-Amz-*` parameters. */
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
