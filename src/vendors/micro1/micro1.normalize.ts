/**
 * micro1 payloads → the unified model. Pure and total: no I/O, no clock; every function accepts
 * anything its zod schema accepts and never throws. Each mapping decision is written beside the
 * code that makes it.
 *
 * Vocabulary (REFERENCE.md §6.23): a micro1 "interview" is a TEMPLATE; one candidate's session
 * is an invite (interview × candidate), completed once a report exists for that pair.
 */
import { AnswerMode, type NewInvitation, type NewTemplate } from '../../domain/commands';
import {
  ExternalIdKind,
  InterviewStatus,
  Recommendation,
  RecordingKind,
  Speaker,
  TimeOrigin,
  TurnMode,
  type CandidateAccount,
  type ExternalId,
  type Interview,
  type InterviewTemplate,
  type Recording,
  type Report,
  type TemplateQuestion,
  type TemplateSkill,
  type TimeField,
  type TimeNote,
  type TranscriptTurn,
} from '../../domain/model';
import { wholeNumberOrNull } from '../../domain/number';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { fromNaiveUtc, timeNotes } from '../../domain/time';
import { vocabulary } from '../../domain/vocabulary';
import { type DriftSink, IGNORE_DRIFT, tellDrift } from '../kit/schema-drift';
import { finite, nonEmpty } from '../kit/values';
import { reportLocator, sessionLocator } from './micro1.ids';
import type { Micro1CreatedInterview, Micro1Interview, Micro1Invitation, Micro1Invite, Micro1QuestionType, Micro1Report } from './micro1.raw';
import { matchScore, normalizeIntegrity, normalizeScorecard } from './micro1.scores';
import { MICRO1 } from './micro1.descriptor';

const QUESTION_TYPE: Record<AnswerMode, Micro1QuestionType> = {
  [AnswerMode.SPEECH]: 'audio',
  [AnswerMode.TEXT]: 'text',
};

/** The unified answer mode as micro1's question `type`; null when the caller left it to micro1. */
export function micro1QuestionType(mode: AnswerMode | null): Micro1QuestionType | null {
  return mode === null ? null : QUESTION_TYPE[mode];
}

// ------------------------------------------------------------------ templates

/**
 * GET /interviews item → InterviewTemplate.
 * - locator = providerId = `interview_id`.
 * - name falls back to the id when micro1 sends none (the field is optional in the spec and a
 *   template must show something).
 * - description: micro1 lists none → null.
 * - language: the list's display name ("English"), kept as sent.
 * - question `time` is SECONDS in the list response (minutes only in the create request).
 * - skills/questions without a name/text are dropped: they carry nothing to show.
 * - dates are naive `YYYY-MM-DD HH:MM:SS`, read as UTC.
 */
export function normalizeTemplate(item: Micro1Interview, raw?: unknown, drift: DriftSink = IGNORE_DRIFT): InterviewTemplate {
  tellDrift(item, raw, drift);
  const skills: TemplateSkill[] = (item.skills ?? [])
    .filter((s) => typeof s.name === 'string' && s.name.trim().length > 0)
    .map((s) => ({ name: s.name as string, description: s.description ?? null }));
  const questions: TemplateQuestion[] = (item.custom_questions ?? [])
    .filter((q) => typeof q.question === 'string' && q.question.trim().length > 0)
    .map((q) => ({
      text: q.question as string,
      timeLimitSeconds: typeof q.time === 'number' ? wholeNumberOrNull(q.time) : null,
      type: q.type ?? null,
    }));
  return {
    kind: 'InterviewTemplate',
    provider: MICRO1,
    locator: item.interview_id,
    providerId: item.interview_id,
    createdAt: fromNaiveUtc(item.date_created),
    updatedAt: fromNaiveUtc(item.date_modified),
    name: nonEmpty(item.interview_name) ?? item.interview_id,
    description: null,
    status: item.status ?? null,
    language: item.interview_language ?? null,
    skills,
    questions,
    inviteUrl: nonEmpty(item.invite_url),
    ...(raw === undefined ? {} : { raw }),
  };
}

/**
 * POST /interview answer + the input it was made from → InterviewTemplate. The answer carries only
 * the id and the link, so the rest is the input as sent:
 * - locator = providerId = `interview_id`, as GET /interviews reads it (so `template(id)` finds it).
 * - language: the code as sent (`es-la`), or null when micro1's default was left to apply; the list
 *   endpoint later shows a display name ("Spanish") instead.
 * - questions: time limit in seconds and type (`audio`/`text`) as sent, null when left to micro1.
 * - status, createdAt, updatedAt: micro1's answer gives none → null (never the clock).
 */
export function normalizeCreatedTemplate(created: Micro1CreatedInterview, input: NewTemplate, raw?: unknown): InterviewTemplate {
  return {
    kind: 'InterviewTemplate',
    provider: MICRO1,
    locator: created.interview_id,
    providerId: created.interview_id,
    createdAt: null,
    updatedAt: null,
    name: input.name,
    description: null,
    status: null,
    language: input.language,
    skills: input.skills.map((s) => ({ name: s.name, description: s.description })),
    questions: input.questions.map((q) => ({
      text: q.text,
      timeLimitSeconds: q.timeLimitSeconds,
      type: micro1QuestionType(q.answerMode),
    })),
    inviteUrl: nonEmpty(created.invite_url),
    ...(raw === undefined ? {} : { raw }),
  };
}

/**
 * One POST /interview/invite invitation + the invitation it answers → Interview (a new session),
 * built like a listed invite (`normalizeInvite`) so both read the same:
 * - locator = providerId = `${interview_id}~${candidate_id}`, as GET /interview/invites reads it.
 * - status INVITED (no report yet); statusRaw null: the answer has no record flag.
 * - candidate: micro1's `candidate_id`, the name and email as sent (micro1 may echo the email
 *   re-cased; the caller's spelling is the one the client knows).
 * - inviteUrl = the candidate's own `invite_url`; templateName and every timestamp null (the
 *   answer gives none).
 */
export function normalizeNewInvitation(invitation: Micro1Invitation, sent: NewInvitation, raw?: unknown): Interview {
  const invite: Micro1Invite = {
    candidate_id: invitation.candidate_id,
    interview_id: sent.templateLocator,
    candidate_name: sent.candidate.name,
    candidate_email_id: sent.candidate.email,
  };
  return normalizeInvite(invite, { report: null, inviteUrl: invitation.invite_url, raw });
}

// ------------------------------------------------------------------ interviews (sessions)

/**
 * Status derivation. micro1 has no lifecycle field: an invite's `status` is a record flag
 * ("active"). A report for the (interview, candidate) pair means the candidate finished and was
 * evaluated → COMPLETED; otherwise the session is INVITED. IN_PROGRESS can only come from the
 * `interview.started` webhook (not from these REST lists); PROCESSING (finished, report not yet
 * generated, ~2–5 min) is indistinguishable from INVITED over REST and reads as INVITED.
 */
export function deriveInterviewStatus(report: Micro1Report | null | undefined): InterviewStatus {
  return report ? InterviewStatus.COMPLETED : InterviewStatus.INVITED;
}

/** Statuses the REST lists can produce; a filter on any other status matches nothing. */
export const DERIVABLE_STATUSES: readonly InterviewStatus[] = [InterviewStatus.INVITED, InterviewStatus.COMPLETED];

/**
 * When the candidate completed. `report_date` (`YYYY-MM-DD`) is the field that means it: the
 * report is generated minutes after the sitting ends. `date_created` is the report record's
 * creation and need not be that day (the vendor's own example has it three years earlier), so it
 * only refines `report_date` to the second when both name the same day (compared as the vendor
 * wrote them, so whatever zone micro1 means does not matter). Otherwise the day alone (DAY_ONLY);
 * with no `report_date`, `date_created` is all there is.
 */
export function reportCompletion(report: Micro1Report): { at: string | null; note: TimeNote | null } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(report.report_date?.trim() ?? '') ? (report.report_date as string).trim() : null;
  const created = fromNaiveUtc(report.date_created);
  if (created && (day === null || report.date_created?.trim().startsWith(day))) {
    return { at: created, note: { field: 'completedAt', origin: TimeOrigin.ZONE_ASSUMED_UTC, source: 'date_created' } };
  }
  if (day !== null) return { at: fromNaiveUtc(day), note: { field: 'completedAt', origin: TimeOrigin.DAY_ONLY, source: 'report_date' } };
  return { at: null, note: null };
}

/** The completion time alone (see reportCompletion). */
export function reportCompletedAt(report: Micro1Report): string | null {
  return reportCompletion(report).at;
}

/**
 * Notes for micro1's naive `YYYY-MM-DD HH:MM:SS` times (REFERENCE §6.18: no zone, none
 * documented), read as UTC: one ZONE_ASSUMED_UTC note per served field, naming its source.
 */
export function naiveTimeNotes(fields: ReadonlyArray<[TimeField, string | null, string]>): TimeNote[] {
  return timeNotes(TimeOrigin.ZONE_ASSUMED_UTC, fields);
}

/** The ids of other systems micro1 carries (`ats_job_id`, `ats_job_application_id`, `job_applicant_id`, `job_id`/`micro1_job_id`). */
export function micro1ExternalIds(
  fields: Partial<
    Record<'ats_job_id' | 'ats_job_application_id' | 'job_applicant_id' | 'job_id' | 'micro1_job_id' | 'micro1_job_application_id', string | null>
  >,
): ExternalId[] {
  const kinds: Array<[keyof typeof fields, ExternalIdKind]> = [
    ['ats_job_id', ExternalIdKind.ATS_JOB],
    ['ats_job_application_id', ExternalIdKind.ATS_APPLICATION],
    ['job_id', ExternalIdKind.VENDOR_JOB],
    ['micro1_job_id', ExternalIdKind.VENDOR_JOB],
    ['job_applicant_id', ExternalIdKind.VENDOR_APPLICATION],
    ['micro1_job_application_id', ExternalIdKind.VENDOR_APPLICATION],
  ];
  return kinds.flatMap(([source, kind]) => {
    const id = nonEmpty(fields[source]);
    return id === null ? [] : [{ kind, id, source }];
  });
}

export interface NormalizeInviteContext {
  /** The session's latest report, or null/undefined when it has none. */
  report?: Micro1Report | null;
  /**
   * The invite URL, when known from elsewhere (e.g. the POST /interview/invite answer). The
   * invites list does not carry one; the template's generic link is not the candidate's invite.
   */
  inviteUrl?: string | null;
  /** The vendor object the invite was parsed from. */
  raw?: unknown;
}

/**
 * GET /interview/invites item (+ its latest report) → Interview.
 * - locator = providerId = `${interview_id}~${candidate_id}` (there is no session id to GET).
 * - candidate account: providerId `candidate_id`, name `candidate_name`, email
 *   `candidate_email_id` kept as sent (the identity index normalises emails for matching).
 * - statusRaw = the invite's record flag; status derived from the report (see above).
 * - decision: micro1 has none → null.
 * - invitedAt = invite `date_created`; startedAt null (only the webhook knows);
 *   completedAt from the report (reportCompletion); every time noted (naive, read as UTC).
 * - externalIds: the ATS and applicant ids of the report (invites carry none).
 */
export function normalizeInvite(invite: Micro1Invite, context: NormalizeInviteContext = {}, drift: DriftSink = IGNORE_DRIFT): Interview {
  tellDrift(invite, context.raw, drift);
  const report = context.report ?? null;
  const completion = report ? reportCompletion(report) : { at: null, note: null };
  const created = fromNaiveUtc(invite.date_created);
  const modified = fromNaiveUtc(invite.date_modified);
  const candidate: CandidateAccount = {
    provider: MICRO1,
    providerId: invite.candidate_id,
    name: invite.candidate_name ?? null,
    email: invite.candidate_email_id ?? null,
  };
  const locator = sessionLocator(invite.interview_id, invite.candidate_id);
  return {
    kind: 'Interview',
    provider: MICRO1,
    locator,
    providerId: locator,
    createdAt: created,
    updatedAt: modified,
    timeNotes: [
      ...naiveTimeNotes([
        ['createdAt', created, 'date_created'],
        ['updatedAt', modified, 'date_modified'],
        ['invitedAt', created, 'date_created'],
      ]),
      ...(completion.note ? [completion.note] : []),
    ],
    status: deriveInterviewStatus(report),
    statusRaw: invite.status ?? null,
    decision: null,
    decisionRaw: null,
    candidate,
    templateLocator: invite.interview_id,
    templateName: invite.interview_name ?? null,
    inviteUrl: nonEmpty(context.inviteUrl),
    invitedAt: created,
    startedAt: null,
    completedAt: completion.at,
    externalIds: report ? micro1ExternalIds(report) : [],
    ...(context.raw === undefined ? {} : { raw: context.raw }),
  };
}

/**
 * The latest of a session's reports (a re-taken interview can leave several): greatest
 * `date_created`, then greatest `report_date`; a readable date beats a missing one; on a full
 * tie the first one micro1 listed wins. Null for an empty list.
 */
export function pickLatestReport(reports: readonly Micro1Report[]): Micro1Report | null {
  return pickLatestBy(reports, (r) => r);
}

/** `pickLatestReport` over wrappers (e.g. `{parsed, raw}`), returning the winning wrapper. */
export function pickLatestBy<T>(items: readonly T[], reportOf: (item: T) => Micro1Report): T | null {
  let best: T | null = null;
  for (const item of items) {
    if (best === null || compareReportRecency(reportOf(item), reportOf(best)) > 0) best = item;
  }
  return best;
}

function compareReportRecency(a: Micro1Report, b: Micro1Report): number {
  return (
    compareNullableIso(fromNaiveUtc(a.date_created), fromNaiveUtc(b.date_created)) ||
    compareNullableIso(fromNaiveUtc(a.report_date), fromNaiveUtc(b.report_date))
  );
}

function compareNullableIso(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

// ------------------------------------------------------------------ reports

/**
 * `interview_transcript[]` → turns. `timestamp` is SECONDS from the interview start (spec), so
 * offsetMs = timestamp × 1000 (rounded to whole ms); no absolute time is given (`at` null).
 * Roles: `interviewer` → INTERVIEWER, `user` → CANDIDATE (matched case-insensitively); anything
 * else → UNKNOWN, with the word kept in `speakerRaw`. micro1 transcripts are speech (SPEECH);
 * sequence is the position micro1 listed the turn at.
 */
export function normalizeTranscript(report: Micro1Report): TranscriptTurn[] {
  return (report.interview_transcript ?? []).map((entry, index) => ({
    sequence: index,
    speaker: speakerFromRole(entry.role),
    speakerRaw: entry.role ?? null,
    text: entry.content ?? '',
    mode: TurnMode.SPEECH,
    modeRaw: null,
    offsetMs: finite(entry.timestamp) ? wholeNumberOrNull(entry.timestamp * 1000) : null,
    at: null,
  }));
}

export const speakerFromRole = vocabulary<Speaker>({ interviewer: Speaker.INTERVIEWER, user: Speaker.CANDIDATE }, Speaker.UNKNOWN);

/**
 * Recordings. `interview_recording_url` is the SCREEN-share recording (GET /interview/recording
 * documents its `video_url` as "the interview screenshare recording"), with the hosted player URL
 * beside it; the webcam URLs (webhook docs) give a WEBCAM recording. Format from the URL's
 * extension (HLS for `.m3u8`); `sessionKey` = `session_id`; expiry read from signing parameters
 * when the URL carries them (micro1's URLs are time-limited but the expiry is not documented).
 */
export function normalizeRecordings(
  report: Pick<
    Micro1Report,
    'session_id' | 'interview_recording_url' | 'interview_recording_player_url' | 'interview_webcam_recording_url' | 'interview_webcam_recording_player_url'
  >,
): Recording[] {
  const recordings: Recording[] = [];
  const add = (kind: RecordingKind, url: string | null | undefined, playerUrl: string | null | undefined) => {
    const href = nonEmpty(url);
    if (!href) return;
    recordings.push({
      kind,
      format: recordingFormatFromUrl(href),
      url: href,
      playerUrl: nonEmpty(playerUrl),
      sessionKey: nonEmpty(report.session_id),
      expiresAt: expiryFromSignedUrl(href),
    });
  };
  add(RecordingKind.SCREEN, report.interview_recording_url, report.interview_recording_player_url);
  add(RecordingKind.WEBCAM, report.interview_webcam_recording_url, report.interview_webcam_recording_player_url);
  return recordings;
}

/**
 * GET /interview/reports item (or `interview_report.created` webhook data) → Report.
 * - locator `${interview_id}~${candidate_id}~${report_id}`, providerId = `report_id`,
 *   interviewLocator = the session's locator.
 * - recommendation: micro1 has none → NO_DECISION, recommendationRaw null. No summary,
 *   highlights or lowlights either (null / []).
 * - pdfUrl = `report_url` (a .pdf); reportUrl (a web page) micro1 does not give → null.
 * - createdAt/updatedAt = date_created/date_modified (naive UTC, noted); completedAt as
 *   reportCompletion.
 * - Sub-objects in a shape the schema does not read arrive here as null (micro1.raw `tolerant`);
 *   each is told to `drift` with the vendor's value, which `raw` keeps.
 */
export function normalizeReport(report: Micro1Report, raw?: unknown, drift: DriftSink = IGNORE_DRIFT): Report {
  tellDrift(report, raw, drift);
  const completion = reportCompletion(report);
  const created = fromNaiveUtc(report.date_created);
  const modified = fromNaiveUtc(report.date_modified);
  return {
    kind: 'Report',
    provider: MICRO1,
    locator: reportLocator(report.interview_id, report.candidate_id, report.report_id),
    providerId: report.report_id,
    createdAt: created,
    updatedAt: modified,
    timeNotes: [
      ...naiveTimeNotes([
        ['createdAt', created, 'date_created'],
        ['updatedAt', modified, 'date_modified'],
      ]),
      ...(completion.note ? [completion.note] : []),
    ],
    interviewLocator: sessionLocator(report.interview_id, report.candidate_id),
    score: matchScore(report),
    recommendation: Recommendation.NO_DECISION,
    recommendationRaw: null,
    summary: null,
    highlights: [],
    lowlights: [],
    integrity: normalizeIntegrity(report),
    scorecard: normalizeScorecard(report),
    transcript: normalizeTranscript(report),
    recordings: normalizeRecordings(report),
    pdfUrl: nonEmpty(report.report_url),
    reportUrl: null,
    completedAt: completion.at,
    ...(raw === undefined ? {} : { raw }),
  };
}
