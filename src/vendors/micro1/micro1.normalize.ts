/**
 * micro1 payloads → the unified model; never throws on anything its zod schema accepts.
 * Vocabulary (REFERENCE.md §6.23): a micro1 "interview" is a TEMPLATE; a session is an invite
 * (interview × candidate), completed once a report exists for that pair.
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
 * - name falls back to the id: optional in the spec, and a template must show something.
 * - question `time` is SECONDS in the list response (minutes only in the create request).
 * - skills/questions without a name/text carry nothing to show and are dropped.
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
 * The answer carries only the id and the link, so the rest is the input as sent. language: the
 * code as sent (`es-la`); the list later shows a display name instead. Times null, never the clock.
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
 * Built like a listed invite so both read the same. The email is kept as sent: micro1 may echo it
 * re-cased, and the caller's spelling is the one the client knows.
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
 * micro1 has no lifecycle field: an invite's `status` is a record flag ("active"). IN_PROGRESS
 * comes only from the `interview.started` webhook; PROCESSING (report not yet generated, ~2–5 min)
 * is indistinguishable from INVITED over REST.
 */
export function deriveInterviewStatus(report: object | null | undefined): InterviewStatus {
  return report ? InterviewStatus.COMPLETED : InterviewStatus.INVITED;
}

/** Statuses the REST lists can produce; a filter on any other status matches nothing. */
export const DERIVABLE_STATUSES: readonly InterviewStatus[] = [InterviewStatus.INVITED, InterviewStatus.COMPLETED];

/**
 * `report_date` means completion (the report follows the sitting by minutes). `date_created` is
 * the record's creation and need not be that day (the vendor's example has it three years
 * earlier), so it only refines `report_date` to the second when both name the same day, compared
 * as written so micro1's zone does not matter. Otherwise DAY_ONLY.
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

export function reportCompletedAt(report: Micro1Report): string | null {
  return reportCompletion(report).at;
}

/** REFERENCE §6.18: micro1's naive times have no documented zone; read as UTC. */
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
  report?: Micro1Report | null;
  /** The invites list carries none; the template's generic link is not the candidate's invite. */
  inviteUrl?: string | null;
  raw?: unknown;
}

/**
 * There is no session id to GET, hence the composite locator. startedAt null: only the webhook
 * knows. externalIds come from the report (invites carry none).
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

/** A re-taken interview can leave several; a readable date beats a missing one, a full tie keeps micro1's first. */
export function pickLatestReport(reports: readonly Micro1Report[]): Micro1Report | null {
  return pickLatestBy(reports, (r) => r);
}

/** The fields that order a session's reports. */
export type Micro1ReportDates = Pick<Micro1Report, 'date_created' | 'report_date'>;

/** `pickLatestReport` over wrappers (e.g. a listed report's `head`), returning the winning wrapper. */
export function pickLatestBy<T>(items: readonly T[], reportOf: (item: T) => Micro1ReportDates): T | null {
  let best: T | null = null;
  for (const item of items) {
    if (best === null || compareReportRecency(reportOf(item), reportOf(best)) > 0) best = item;
  }
  return best;
}

function compareReportRecency(a: Micro1ReportDates, b: Micro1ReportDates): number {
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

/** `timestamp` is SECONDS from the interview start (spec); no absolute time is given. */
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
 * `interview_recording_url` is the SCREEN share (GET /interview/recording documents it so); the
 * webcam URLs (webhook docs) are WEBCAM. Expiry is read from signing parameters when present:
 * micro1's URLs are time-limited but the expiry is not documented.
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
 * micro1 gives no recommendation (NO_DECISION), summary or web report page; `report_url` is a PDF.
 * Sub-objects the schema cannot read arrive as null and are told to `drift`; `raw` keeps them.
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
