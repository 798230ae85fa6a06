/**
 * micro1 payloads → the unified model. Pure and total: no I/O, no clock; every function accepts
 * anything its zod schema accepts and never throws. Each mapping decision is written beside the
 * code that makes it.
 *
 * Vocabulary (REFERENCE.md §6.23): a micro1 "interview" is a TEMPLATE; one candidate's session
 * is an invite (interview × candidate), completed once a report exists for that pair.
 */
import {
  ExternalIdKind,
  InterviewStatus,
  Recommendation,
  RecordingKind,
  ScorecardCategory,
  Speaker,
  TimeOrigin,
  TurnMode,
  type CandidateAccount,
  type ExternalId,
  type Integrity,
  type IntegrityViolation,
  type Interview,
  type InterviewTemplate,
  type Recording,
  type Report,
  type Score,
  type Scorecard,
  type ScorecardItem,
  type TemplateQuestion,
  type TemplateSkill,
  type TimeField,
  type TimeNote,
  type TranscriptTurn,
} from '../../domain/model';
import { wholeNumberOrNull } from '../../domain/number';
import { Provider } from '../../domain/provider';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../domain/recording';
import { scoreFromLabel, scoreOnUnknownScale, type LabelLadder } from '../../domain/score';
import { fromNaiveUtc, timeNotes } from '../../domain/time';
import { vocabulary } from '../../domain/vocabulary';
import type { NewInvitation, NewTemplate } from '../../domain/commands';
import { micro1QuestionType } from './micro1.commands';
import { type Micro1CreatedInterview, type Micro1Interview, type Micro1Invitation, type Micro1Invite, type Micro1Report } from './micro1.raw';
import { type DriftSink, IGNORE_DRIFT, tellDrift } from '../kit/schema-drift';
import { finite, nonEmpty } from '../kit/values';

// ------------------------------------------------------------------ locators

/**
 * Separator inside composite locators. micro1 ids are UUIDs or short alphanumerics
 * ("h0gqkAcaDJ"), so `~` never occurs inside one (it is also URL-safe in global ids).
 */
const SEP = '~';

/** A session is located by template id + candidate id: micro1 has no session-level id to GET. */
export interface Micro1SessionKey {
  interviewId: string;
  candidateId: string;
}

export interface Micro1ReportKey extends Micro1SessionKey {
  reportId: string;
}

/** `${interview_id}~${candidate_id}`: locator and providerId of an Interview (session). */
export function sessionLocator(interviewId: string, candidateId: string): string {
  return `${interviewId}${SEP}${candidateId}`;
}

/** `${interview_id}~${candidate_id}~${report_id}`: locator of a Report. */
export function reportLocator(interviewId: string, candidateId: string, reportId: string): string {
  return `${interviewId}${SEP}${candidateId}${SEP}${reportId}`;
}

/** Parses a session locator; null for anything malformed (clients may send garbage ids). */
export function parseSessionLocator(locator: string): Micro1SessionKey | null {
  const parts = typeof locator === 'string' ? locator.split(SEP) : [];
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) return null;
  return { interviewId: parts[0], candidateId: parts[1] };
}

/** Parses a report locator; null for anything malformed. */
export function parseReportLocator(locator: string): Micro1ReportKey | null {
  const parts = typeof locator === 'string' ? locator.split(SEP) : [];
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  return { interviewId: parts[0], candidateId: parts[1], reportId: parts[2] };
}

/** Template locators are the bare `interview_id`; a composite or empty string cannot be one. */
export function isTemplateLocator(locator: string): boolean {
  return typeof locator === 'string' && locator.length > 0 && !locator.includes(SEP);
}

// ------------------------------------------------------------------ label ladders

/**
 * The rating ladders the spec documents (lowest first). `firstPoint` is the ordinal value of the
 * lowest label: 0 for the experience/quality ladders, 1 for CEFR (A1 = 1 … C2 = 6, as in
 * REFERENCE.md §6.5). `scoreFromLabel` matches case- and whitespace-insensitively and keeps the
 * label exactly as sent, so "Great Answer" (seed) and "Great answer" (spec) both map to 3/3.
 */
export const MICRO1_LADDERS = {
  /** technical_skills_evaluation, coding_skills_evaluation, custom_exercise_evaluation. */
  experience: { labels: ['Not experienced', 'Junior', 'Mid-level', 'Senior'], firstPoint: 0 },
  /** soft_skills_evaluation in English interviews. */
  cefr: { labels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], firstPoint: 1 },
  /** soft_skills_evaluation in other languages. */
  softSkill: { labels: ['Not Experienced', 'Below Average', 'Average', 'Good', 'Excellent'], firstPoint: 0 },
  /** custom_question_evaluation. */
  customQuestion: {
    labels: ['Not an impressive answer', 'Average answer', 'Good answer', 'Great answer'],
    firstPoint: 0,
  },
} as const satisfies Record<string, LabelLadder>;

const ALL_LADDERS: readonly LabelLadder[] = [MICRO1_LADDERS.experience, MICRO1_LADDERS.cefr, MICRO1_LADDERS.softSkill, MICRO1_LADDERS.customQuestion];

/**
 * A category's own ladders first, then every other ladder: older micro1 docs send "Senior" for
 * soft skills and custom questions, so a label from another ladder still gets its points on
 * that ladder rather than none. Labels that differ only in case between ladders
 * ("Not experienced" / "Not Experienced") resolve to the category's own ladder.
 */
function laddersFor(...own: LabelLadder[]): readonly LabelLadder[] {
  return [...own, ...ALL_LADDERS.filter((l) => !own.includes(l))];
}

const TECHNICAL_LADDERS = laddersFor(MICRO1_LADDERS.experience);
const SOFT_LADDERS = laddersFor(MICRO1_LADDERS.cefr, MICRO1_LADDERS.softSkill);
const CUSTOM_QUESTION_LADDERS = laddersFor(MICRO1_LADDERS.customQuestion);

/** A rating label as a Score; null when micro1 sent no (or an empty) rating. Unknown labels keep the label, value null. */
export function scoreFromRating(rating: string | null | undefined, ladders: readonly LabelLadder[]): Score | null {
  if (typeof rating !== 'string' || rating.trim().length === 0) return null;
  return scoreFromLabel(rating, ladders);
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
    provider: Provider.MICRO1,
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
    provider: Provider.MICRO1,
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
    provider: Provider.MICRO1,
    providerId: invite.candidate_id,
    name: invite.candidate_name ?? null,
    email: invite.candidate_email_id ?? null,
  };
  const locator = sessionLocator(invite.interview_id, invite.candidate_id);
  return {
    kind: 'Interview',
    provider: Provider.MICRO1,
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
 * `ai_match_score` → a Score on an UNKNOWN scale: micro1 documents none (REFERENCE §1.4: "number,
 * example 85"). Its example reads like a percentage, but "reads like" is not documented, so it is
 * kept raw with no 0–100 value and never ranked against documented scales.
 */
export function matchScore(report: Micro1Report): Score | null {
  return finite(report.ai_match_score) ? scoreOnUnknownScale(report.ai_match_score) : null;
}

/**
 * Integrity: `proctoring_score` on an UNKNOWN scale (undocumented, example 85: kept raw, no 0–100
 * value, as the match score). Violations keep micro1's type
 * word (`tab_switch`, `eye_movement`, `ai_classifier`) and its value as a string ("3", "12%").
 * Null when the report carries neither a score nor a violations list (proctoring switched off).
 */
export function normalizeIntegrity(report: Micro1Report): Integrity | null {
  const hasScore = finite(report.proctoring_score);
  const list = report.proctoring_violations;
  if (!hasScore && (list === null || list === undefined)) return null;
  const violations: IntegrityViolation[] = (list ?? []).map((v) => ({
    // A violation without a type is still a violation; 'unknown' keeps it visible.
    type: v.type?.trim() ? v.type : 'unknown',
    value: v.value === null || v.value === undefined ? null : String(v.value),
    description: v.description ?? null,
  }));
  return {
    score: hasScore ? scoreOnUnknownScale(report.proctoring_score as number) : null,
    violations,
  };
}

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
 * Scorecard items, in micro1's block order:
 * - technical_skills_evaluation[] → TECHNICAL_SKILL, name = skill;
 * - soft_skills_evaluation[] → SOFT_SKILL, name = skill ("Overall"); sub_score strings stay in raw;
 * - coding_skills_evaluation → CODING "Coding"; custom_exercise_evaluation → CODING "Custom exercise";
 * - custom_question_evaluation[] → CUSTOM_QUESTION, name = question = question_text, answer = answer_text.
 * Scores come from the rating label (see MICRO1_LADDERS); weight null (micro1 weights nothing);
 * notScored false (every item is rated). A nameless skill gets its category's generic name.
 */
export function normalizeScorecardItems(report: Micro1Report): ScorecardItem[] {
  const items: ScorecardItem[] = [];
  const item = (
    category: ScorecardCategory,
    name: string,
    evaluation: { feedback?: string | null; rating?: string | null } | null | undefined,
    ladders: readonly LabelLadder[],
    extra: { question?: string | null; answer?: string | null } = {},
  ): ScorecardItem => ({
    category,
    name,
    question: extra.question ?? null,
    answer: extra.answer ?? null,
    score: scoreFromRating(evaluation?.rating, ladders),
    feedback: evaluation?.feedback ?? null,
    weight: null,
    notScored: false,
  });

  for (const e of report.technical_skills_evaluation ?? []) {
    items.push(item(ScorecardCategory.TECHNICAL_SKILL, nameOr(e.skill, 'Technical skill'), e.ai_evaluation, TECHNICAL_LADDERS));
  }
  for (const e of report.soft_skills_evaluation ?? []) {
    items.push(item(ScorecardCategory.SOFT_SKILL, nameOr(e.skill, 'Soft skill'), e.ai_evaluation, SOFT_LADDERS));
  }
  if (report.coding_skills_evaluation) {
    items.push(item(ScorecardCategory.CODING, 'Coding', report.coding_skills_evaluation, TECHNICAL_LADDERS));
  }
  if (report.custom_exercise_evaluation) {
    items.push(item(ScorecardCategory.CODING, 'Custom exercise', report.custom_exercise_evaluation, TECHNICAL_LADDERS));
  }
  for (const e of report.custom_question_evaluation ?? []) {
    const question = nonEmpty(e.question_text);
    items.push(
      item(ScorecardCategory.CUSTOM_QUESTION, question ?? 'Custom question', e.ai_evaluation, CUSTOM_QUESTION_LADDERS, {
        question,
        answer: e.answer_text ?? null,
      }),
    );
  }
  return items;
}

/** overall = the report's match score; null when the report has neither a score nor any item. */
export function normalizeScorecard(report: Micro1Report): Scorecard | null {
  const overall = matchScore(report);
  const items = normalizeScorecardItems(report);
  return overall === null && items.length === 0 ? null : { overall, items };
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
    provider: Provider.MICRO1,
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

// ------------------------------------------------------------------ helpers

function nameOr(value: string | null | undefined, fallback: string): string {
  return nonEmpty(value) ?? fallback;
}
