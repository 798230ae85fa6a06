/**
 * Xobin payloads → the unified model; never throws on a payload its zod schemas accept.
 * Vocabulary (REFERENCE.md §6.23): an *AI interview* is our InterviewTemplate, a *response* (one
 * candidate attempt) our Interview, its report our Report; all three ids are integers.
 */
import {
  ExternalIdKind,
  InterviewStatus,
  RecordingKind,
  Speaker,
  TimeOrigin,
  TurnMode,
  type ExternalId,
  type Interview,
  type InterviewTemplate,
  type Recording,
  type Report,
  type TemplateSkill,
  type TimeNote,
  type TranscriptTurn,
} from '../../domain/model';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { scoreOnUnknownScale } from '../../domain/score';
import { fromEpochMillis, fromZonedString, timeNotes } from '../../domain/time';
import { normaliseWord, vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import { xobinLocator } from './xobin.ids';
import type { RawXobinConversationMessage, RawXobinInviteAnswer, RawXobinInvitee, RawXobinReport, RawXobinSkillScore } from './xobin.raw';
import { mapXobinRecommendation, normalizeXobinIntegrity, normalizeXobinScorecard } from './xobin.scores';
import { XOBIN } from './xobin.descriptor';

const PROVIDER = XOBIN;

/* ============================================================================ status */

/**
 * Matched case- and space-insensitively:
 *
 * | word      | status      | why |
 * |-----------|-------------|-----|
 * | Pending   | INVITED     | docs: "Pending if the candidate has not yet started" |
 * | Started   | IN_PROGRESS | the "AI Interview Start" webhook sends it |
 * | Completed | COMPLETED   | the report is available |
 * | other     | UNKNOWN     | raw word kept in `statusRaw` |
 *
 * Xobin has no word for "finished, still evaluating": the submission webhook fires once "the
 * evaluation is complete", so PROCESSING never occurs.
 */
export const mapXobinStatus = vocabulary<InterviewStatus>(
  { pending: InterviewStatus.INVITED, started: InterviewStatus.IN_PROGRESS, completed: InterviewStatus.COMPLETED },
  InterviewStatus.UNKNOWN,
);

/** The unified statuses an `invite_status` word can produce (any other filter matches nothing). */
export const XOBIN_STATUSES: readonly InterviewStatus[] = [
  InterviewStatus.INVITED,
  InterviewStatus.IN_PROGRESS,
  InterviewStatus.COMPLETED,
  InterviewStatus.UNKNOWN,
];

/* ============================================================================ dates */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * `completed_date` is human-readable with no zone (`Jul 05, 2025, 4:42:45 AM`, webhook sample).
 * Xobin's other API dates are GMT, so it is read as UTC. Anything else, or an impossible date
 * (Feb 30), is null — never guessed.
 */
export function parseXobinCompletedDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])$/.exec(value.trim());
  if (!match) return null;
  const [, monthWord, dayText, yearText, hourText, minuteText, secondText = '0', meridiem] = match;
  const word = monthWord.toLowerCase();
  const month = MONTHS.findIndex((m) => m === word || (word.length === 3 && m.startsWith(word)));
  const day = Number(dayText);
  const year = Number(yearText);
  const hour12 = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 0 || hour12 < 1 || hour12 > 12 || minute > 59 || second > 59) return null;
  const hour = (hour12 % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  const time = Date.UTC(year, month, day, hour, minute, second);
  const date = new Date(time);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return null;
  return date.toISOString();
}

/* ============================================================================ interviews */

/**
 * - createdAt / invitedAt null: Xobin dates neither the invite nor the response's creation.
 * - updatedAt only from the invitee row; the report's status wins over the row's: it was read
 *   later and is the fuller object.
 * - startedAt is DERIVED: Xobin has no start time, so the earliest instant it dates inside the
 *   attempt (first recording session key — the docs: "Session is … the timestamp of the session" —
 *   or first message) is an upper bound of the start, noted so a frontend can tell it from a
 *   vendor's start time.
 * - inviteUrl null: only the invite call returns the link.
 */
export function normalizeXobinInterview(report: RawXobinReport, row: RawXobinInvitee | null = null, raw: unknown = report): Interview {
  const aiInterviewId = report.ai_interview_id ?? row?.ai_interview_id ?? null;
  const candidateId = report.candidate_id ?? row?.candidate_id ?? null;
  const started = startedAt(report);
  const completed = parseXobinCompletedDate(report.completed_date);
  const status = report.invite_status ?? row?.invite_status ?? null;
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: xobinLocator(report.response_id),
    providerId: xobinLocator(report.response_id),
    createdAt: null,
    updatedAt: fromZonedString(row?.last_updated_at),
    timeNotes: [...timeNotes(TimeOrigin.DERIVED, [['startedAt', started, STARTED_SOURCE]]), ...completedNotes(completed)],
    raw,
    status: mapXobinStatus(status),
    statusRaw: status,
    // Xobin has no recruiter decision; `recommendation` is the AI's and lives on the Report.
    decision: null,
    decisionRaw: null,
    candidate: {
      provider: PROVIDER,
      providerId: candidateId === null ? null : xobinLocator(candidateId),
      name: nonEmpty(report.candidate_name),
      email: nonEmpty(report.candidate_email),
    },
    templateLocator: aiInterviewId === null ? null : xobinLocator(aiInterviewId),
    templateName: nonEmpty(report.ai_interview_name),
    inviteUrl: null,
    invitedAt: null,
    startedAt: started,
    completedAt: completed,
    externalIds: xobinExternalIds(report.custom_field_id),
  };
}

/** Only when its report cannot be read (the response vanished between the two calls). */
export function normalizeXobinInvitee(row: RawXobinInvitee, raw: unknown = row): Interview {
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: xobinLocator(row.response_id),
    providerId: xobinLocator(row.response_id),
    createdAt: null,
    updatedAt: fromZonedString(row.last_updated_at),
    raw,
    status: mapXobinStatus(row.invite_status),
    statusRaw: row.invite_status ?? null,
    decision: null,
    decisionRaw: null,
    candidate: {
      provider: PROVIDER,
      providerId: row.candidate_id === null || row.candidate_id === undefined ? null : xobinLocator(row.candidate_id),
      name: null,
      email: null,
    },
    templateLocator: xobinLocator(row.ai_interview_id),
    templateName: null,
    inviteUrl: null,
    invitedAt: null,
    startedAt: null,
    completedAt: null,
  };
}

/** What the gateway sent with an invite: the answer's own echo of it is not relied on. */
export interface XobinInviteSent {
  /** `candidate_name` / `candidate_email` as sent. */
  name: string;
  email: string;
  /** `ai_interview_id` as sent. */
  aiInterviewId: number;
  /** `custom_field_id` as sent, if any. */
  customFieldId?: string | null;
}

/**
 * The same object the read path finds afterwards. `statusRaw` = the answer's `status` word (the
 * docs do not enumerate it); candidate name and email as sent; every timestamp null: the answer
 * dates nothing.
 */
export function normalizeXobinInvitation(answer: RawXobinInviteAnswer, sent: XobinInviteSent, raw: unknown = answer): Interview {
  const candidateId = answer.candidate_id ?? null;
  return {
    kind: 'Interview',
    provider: PROVIDER,
    locator: xobinLocator(answer.response_id),
    providerId: xobinLocator(answer.response_id),
    createdAt: null,
    updatedAt: null,
    raw,
    status: InterviewStatus.INVITED,
    statusRaw: nonEmpty(answer.status),
    decision: null,
    decisionRaw: null,
    candidate: {
      provider: PROVIDER,
      providerId: candidateId === null ? null : xobinLocator(candidateId),
      name: nonEmpty(sent.name),
      email: nonEmpty(sent.email),
    },
    templateLocator: xobinLocator(answer.ai_interview_id ?? sent.aiInterviewId),
    templateName: nonEmpty(answer.ai_interview_name),
    inviteUrl: nonEmpty(answer.invite_link),
    invitedAt: null,
    startedAt: null,
    completedAt: null,
    externalIds: xobinExternalIds(answer.custom_field_id ?? sent.customFieldId),
  };
}

/** The vendor fields startedAt is derived from (its DERIVED time note's source). */
const STARTED_SOURCE = 'min(interview_recording session keys, conversation[].timestamp)';

/** A served completion time is `completed_date`, read as UTC (Xobin states no zone). */
function completedNotes(completedAt: string | null): TimeNote[] {
  return timeNotes(TimeOrigin.ZONE_ASSUMED_UTC, [['completedAt', completedAt, 'completed_date']]);
}

/** `custom_field_id`: the caller's own id for the candidate, chosen at invite. */
function xobinExternalIds(customFieldId: string | null | undefined): ExternalId[] {
  const id = nonEmpty(customFieldId);
  return id === null ? [] : [{ kind: ExternalIdKind.CUSTOM, id, source: 'custom_field_id' }];
}

function startedAt(raw: RawXobinReport): string | null {
  const instants = [
    ...Object.keys(raw.interview_recording ?? {})
      .filter(isSessionTimestamp)
      .map(Number),
    ...(raw.conversation ?? []).map((m) => m.timestamp).filter(finite),
  ];
  return instants.length > 0 ? fromEpochMillis(Math.min(...instants)) : null;
}

/* ============================================================================ templates */

/**
 * Xobin has no endpoint describing an AI interview, so only what a report reveals is used,
 * nothing invented. Skills only from a *completed* report; no questions, since they are generated
 * per conversation. `raw` = the template's own fields, not the candidate's report.
 */
export function normalizeXobinTemplate(aiInterviewId: number, source: RawXobinReport | null): InterviewTemplate {
  const skills: TemplateSkill[] = [];
  const seen = new Set<string>();
  const addSkills = (group: readonly RawXobinSkillScore[] | null | undefined, description: string) => {
    for (const skill of group ?? []) {
      const name = nonEmpty(skill.skill_name);
      if (!name || seen.has(normaliseWord(name))) continue;
      seen.add(normaliseWord(name));
      skills.push({ name, description });
    }
  };
  if (source && isCompleted(source)) {
    addSkills(source.skill_wise_scores?.must_haves, 'Must-have skill');
    addSkills(source.skill_wise_scores?.nice_to_haves, 'Nice-to-have skill');
  }
  return {
    kind: 'InterviewTemplate',
    provider: PROVIDER,
    locator: xobinLocator(aiInterviewId),
    providerId: xobinLocator(aiInterviewId),
    createdAt: null,
    updatedAt: null,
    raw: { ai_interview_id: aiInterviewId, ai_interview_name: source?.ai_interview_name ?? null },
    name: nonEmpty(source?.ai_interview_name) ?? xobinLocator(aiInterviewId),
    description: null,
    status: null,
    language: null,
    skills,
    questions: [],
    inviteUrl: null,
  };
}

/* ============================================================================ reports */

export function isCompleted(raw: RawXobinReport): boolean {
  return mapXobinStatus(raw.invite_status) === InterviewStatus.COMPLETED;
}

/**
 * Null, not an error, for `Pending` / `Started`. An unknown status word gives a Report only if the
 * object carries evaluation fields, since Xobin sends those only for finished interviews.
 */
export function normalizeXobinReport(report: RawXobinReport, raw: unknown = report): Report | null {
  const status = mapXobinStatus(report.invite_status);
  if (status === InterviewStatus.INVITED || status === InterviewStatus.IN_PROGRESS) return null;
  if (status === InterviewStatus.UNKNOWN && !hasEvaluation(report)) return null;
  const completedAt = parseXobinCompletedDate(report.completed_date);

  const score = finite(report.score) ? scoreOnUnknownScale(report.score) : null;
  const recommendationRaw = report.recommendation ?? null;
  return {
    kind: 'Report',
    provider: PROVIDER,
    locator: xobinLocator(report.response_id),
    providerId: xobinLocator(report.response_id),
    // Xobin dates the candidate's completion (→ completedAt), not the evaluation itself.
    createdAt: null,
    updatedAt: null,
    timeNotes: completedNotes(completedAt),
    raw,
    interviewLocator: xobinLocator(report.response_id),
    // `score`: an integer on a scale Xobin does not document → raw only, value null.
    score,
    recommendation: mapXobinRecommendation(recommendationRaw),
    recommendationRaw,
    summary: nonEmpty(report.candidate_summary),
    // Xobin gives a summary text, no highlight/lowlight lists.
    highlights: [],
    lowlights: [],
    integrity: normalizeXobinIntegrity(report.integrity_score),
    scorecard: normalizeXobinScorecard(report, score),
    transcript: (report.conversation ?? []).map(turnFrom),
    recordings: recordingsFrom(report.interview_recording),
    pdfUrl: nonEmpty(report.pdf_link),
    reportUrl: nonEmpty(report.report_link),
    completedAt,
  };
}

function hasEvaluation(raw: RawXobinReport): boolean {
  return (
    finite(raw.score) ||
    finite(raw.integrity_score) ||
    nonEmpty(raw.recommendation) !== null ||
    nonEmpty(raw.candidate_summary) !== null ||
    nonEmpty(raw.pdf_link) !== null ||
    nonEmpty(raw.report_link) !== null ||
    (raw.conversation?.length ?? 0) > 0 ||
    (raw.skill_wise_scores?.must_haves?.length ?? 0) > 0 ||
    (raw.skill_wise_scores?.nice_to_haves?.length ?? 0) > 0
  );
}

/* ------------------------------------------------------------------ transcript */

/** `role`: `user` = candidate, `assistant` = interviewer (documented); `system` read as SYSTEM should it appear. */
const speakerOf = vocabulary<Speaker>({ user: Speaker.CANDIDATE, assistant: Speaker.INTERVIEWER, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

/** An unknown mode is still a dialogue turn, so SPEECH, with `modeRaw` keeping the word. */
const modeOf = vocabulary<TurnMode>({ code: TurnMode.CODE, default: TurnMode.SPEECH }, TurnMode.SPEECH);

/** `timestamp` is Unix MILLISECONDS (documented); `offsetMs` null: it would need a start Xobin does not date. */
function turnFrom(message: RawXobinConversationMessage, sequence: number): TranscriptTurn {
  return {
    sequence,
    speaker: speakerOf(message.role),
    speakerRaw: message.role ?? null,
    text: message.content ?? '',
    mode: modeOf(message.mode),
    modeRaw: message.mode ?? null,
    offsetMs: null,
    at: fromEpochMillis(message.timestamp),
  };
}

/* ------------------------------------------------------------------ recordings */

/** A session key that is a ms-epoch timestamp (docs: "a string like 1755695988585"). */
function isSessionTimestamp(key: string): boolean {
  return /^\d{10,15}$/.test(key);
}

/**
 * VIDEO: AI interviews record the candidate on camera; Xobin does not say more. Keys that are not
 * timestamps (the schema sketch's `session1`) sort after the timestamped ones.
 */
function recordingsFrom(map: Record<string, string | null | undefined> | null | undefined): Recording[] {
  const entries = Object.entries(map ?? {})
    .map(([key, url], index) => ({ key, url: nonEmpty(url), index }))
    .filter((e): e is { key: string; url: string; index: number } => e.url !== null);
  entries.sort((a, b) => {
    const at = isSessionTimestamp(a.key) ? Number(a.key) : Infinity;
    const bt = isSessionTimestamp(b.key) ? Number(b.key) : Infinity;
    return at === bt ? a.index - b.index : at - bt;
  });
  return entries.map(({ key, url }) => ({
    kind: RecordingKind.VIDEO,
    format: recordingFormatFromUrl(url),
    url,
    playerUrl: null,
    sessionKey: key,
    expiresAt: expiryFromSignedUrl(url),
  }));
}
