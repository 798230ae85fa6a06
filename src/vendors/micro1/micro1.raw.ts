/**
 * zod schemas for the micro1 payloads (`micro1.openapi.yml`, REFERENCE.md §1); the generated types
 * are checked against them at the bottom. micro1 drifts (REFERENCE.md §6), so:
 * - only the ids are required; a wrong id fails the parse (VENDOR_BAD_RESPONSE), since the object
 *   cannot be named without it;
 * - ratings are free strings (the spec's enums drift in case and between categories);
 * - any other field is read `tolerant`ly: a wrong type parses as null and is told to the drift
 *   sink, and `withRaw` keeps the untouched object (zod 4 strips unknown fields).
 */
import { z } from 'zod';
import { type LazyRead, tolerant, withLazyRaw, withRaw } from '../kit/schema-drift';
import type { components } from './micro1.openapi';

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();
const requiredId = z.string().min(1);

/**
 * micro1 may answer HTTP 200 with `status: false`: a bad response. The spec's examples spell the
 * flag as the string `'true'`, so that is accepted too.
 */
export function micro1Envelope<S extends z.ZodType>(data: S) {
  return z.object({
    status: z.union([z.literal(true), z.literal('true')], {
      error: 'envelope status is not true: micro1 reported a failure on an HTTP success',
    }),
    message: optionalString,
    data,
  });
}

/** Error body: `{status:false, message}` (400/401/403/404) or `{status:false}` (500). */
export const micro1ErrorBodySchema = z.object({
  status: z.union([z.boolean(), z.string()]).nullish(),
  message: optionalString,
});
export type Micro1ErrorBody = z.infer<typeof micro1ErrorBodySchema>;

// ------------------------------------------------------------------ GET /interviews (templates)

export const micro1SkillSchema = z.object({
  name: optionalString,
  description: optionalString,
});

/** `custom_questions[]` as listed: `time` is in SECONDS here (minutes only in the create request). */
export const micro1CustomQuestionSchema = z.object({
  question: optionalString,
  time: optionalNumber,
  type: optionalString,
});

/** One saved interview (= an InterviewTemplate in the unified model). */
export const micro1InterviewSchema = z.object({
  interview_id: requiredId,
  interview_name: tolerant(optionalString),
  invite_url: tolerant(optionalString),
  skills: tolerant(z.array(micro1SkillSchema)),
  custom_questions: tolerant(z.array(micro1CustomQuestionSchema)),
  /** Display name ("English"), not the create request's code ("en"). */
  interview_language: tolerant(optionalString),
  can_change_interview_language: tolerant(optionalBoolean),
  only_coding_round: tolerant(optionalBoolean),
  is_coding_round_required: tolerant(optionalBoolean),
  selected_coding_language: tolerant(optionalString),
  is_proctoring_required: tolerant(optionalBoolean),
  /** Naive `YYYY-MM-DD HH:MM:SS`, read as UTC. */
  date_created: tolerant(optionalString),
  date_modified: tolerant(optionalString),
  /** A record flag ("active"), not a lifecycle state. */
  status: tolerant(optionalString),
});
export type Micro1Interview = z.infer<typeof micro1InterviewSchema>;
export const micro1InterviewListSchema = micro1Envelope(z.array(withRaw(micro1InterviewSchema)));

// ------------------------------------------------------------------ GET /interview/invites

/** One invite: a candidate × interview pair (= an Interview session in the unified model). */
export const micro1InviteSchema = z.object({
  candidate_id: requiredId,
  interview_id: requiredId,
  interview_name: tolerant(optionalString),
  candidate_name: tolerant(optionalString),
  candidate_email_id: tolerant(optionalString),
  date_created: tolerant(optionalString),
  date_modified: tolerant(optionalString),
  /** Record flag ("active"); micro1 has no lifecycle field. */
  status: tolerant(optionalString),
});
export type Micro1Invite = z.infer<typeof micro1InviteSchema>;
export const micro1InviteListSchema = micro1Envelope(z.array(withRaw(micro1InviteSchema)));

// ------------------------------------------------------------------ GET /interview/reports

/** `{feedback, rating}`; `rating` is a ladder label kept as a free string. */
export const micro1AiEvaluationSchema = z.object({
  feedback: optionalString,
  rating: optionalString,
});

export const micro1SoftSkillEvaluationSchema = z.object({
  feedback: optionalString,
  rating: optionalString,
  /** Strings per the spec; not part of the unified model (they stay in `raw`). */
  sub_score: z.record(z.string(), z.unknown()).nullish(),
});

export const micro1ViolationSchema = z.object({
  /** `tab_switch` | `eye_movement` | `ai_classifier` per the spec; kept as sent. */
  type: optionalString,
  /** A count ("3") or a percentage ("12%"); a string per the spec, numbers tolerated. */
  value: z.union([z.string(), z.number()]).nullish(),
  description: optionalString,
});

export const micro1TranscriptEntrySchema = z.object({
  /** SECONDS from the interview start (spec: "in seconds"; example 100). */
  timestamp: optionalNumber,
  /** `interviewer` | `user` per the spec; kept as sent. */
  role: optionalString,
  content: optionalString,
});

export const micro1TechnicalSkillEvaluationSchema = z.object({
  skill: optionalString,
  ai_evaluation: micro1AiEvaluationSchema.nullish(),
  /** Seconds into the interview when this skill's evaluation started. */
  timestamp: optionalNumber,
});

export const micro1SoftSkillItemSchema = z.object({
  skill: optionalString,
  ai_evaluation: micro1SoftSkillEvaluationSchema.nullish(),
});

export const micro1CustomQuestionEvaluationSchema = z.object({
  question_text: optionalString,
  answer_text: optionalString,
  ai_evaluation: micro1AiEvaluationSchema.nullish(),
});

/**
 * The `interview_report.created` webhook sends the same object. Webcam fields come from the
 * webhook docs, not the list schema.
 */
export const micro1ReportSchema = z.object({
  report_id: requiredId,
  session_id: tolerant(optionalString),
  interview_id: requiredId,
  interview_name: tolerant(optionalString),
  candidate_id: requiredId,
  job_applicant_id: tolerant(optionalString),
  ats_job_application_id: tolerant(optionalString),
  ats_job_id: tolerant(optionalString),
  candidate_name: tolerant(optionalString),
  candidate_email_id: tolerant(optionalString),
  /** `YYYY-MM-DD`. */
  report_date: tolerant(optionalString),
  /** The PDF report. */
  report_url: tolerant(optionalString),
  /** Screen-share recording (HLS `.m3u8` per the spec; older docs show `.mp4`). */
  interview_recording_url: tolerant(optionalString),
  interview_recording_player_url: tolerant(optionalString),
  interview_webcam_recording_url: tolerant(optionalString),
  interview_webcam_recording_player_url: tolerant(optionalString),
  /** Scale undocumented: an UNKNOWN-scale score (see the normaliser). */
  proctoring_score: tolerant(optionalNumber),
  /** Scale undocumented: an UNKNOWN-scale score (see the normaliser). */
  ai_match_score: tolerant(optionalNumber),
  /** A string ("80.25") in webhooks, a number in the applicant API; both accepted. */
  resume_score: tolerant(z.union([z.string(), z.number()])),
  proctoring_violations: tolerant(z.array(micro1ViolationSchema)),
  interview_transcript: tolerant(z.array(micro1TranscriptEntrySchema)),
  technical_skills_evaluation: tolerant(z.array(micro1TechnicalSkillEvaluationSchema)),
  soft_skills_evaluation: tolerant(z.array(micro1SoftSkillItemSchema)),
  coding_skills_evaluation: tolerant(micro1AiEvaluationSchema),
  custom_exercise_evaluation: tolerant(micro1AiEvaluationSchema),
  custom_question_evaluation: tolerant(z.array(micro1CustomQuestionEvaluationSchema)),
  date_created: tolerant(optionalString),
  date_modified: tolerant(optionalString),
  status: tolerant(optionalString),
});
export type Micro1Report = z.infer<typeof micro1ReportSchema>;

/**
 * What a report list is read for before any report is served: the ids (required, as in the full
 * schema, so a nameless report still fails the page) and the dates that pick a session's latest.
 */
export const micro1ReportHeadSchema = micro1ReportSchema.pick({
  report_id: true,
  interview_id: true,
  candidate_id: true,
  report_date: true,
  date_created: true,
});
export type Micro1ReportHead = z.infer<typeof micro1ReportHeadSchema>;

/** A listed report: `head` read with the page, `parsed` (transcript, evaluations…) on first use. */
export type Micro1ListedReport = LazyRead<Micro1ReportHead, Micro1Report>;

/**
 * A template's report page holds every session's report (~3.5 KB each, transcript included);
 * a read serves a few of them, so only those are parsed in full.
 */
export const micro1ReportListSchema = micro1Envelope(z.array(withLazyRaw(micro1ReportHeadSchema, micro1ReportSchema)));

// ------------------------------------------------------------------ GET /interview/recording

/** Not enveloped: the recording service's own `{status, video_url}`; `video_url` is the screen share (HLS or file). */
export const micro1RecordingSchema = z.object({
  status: z.boolean(),
  video_url: optionalString,
});
export type Micro1Recording = z.infer<typeof micro1RecordingSchema>;

// ------------------------------------------------------------------ writes: POST /interview, POST /interview/invite

/** `interview_language` codes of POST /interview (the vendor's enum, seed 004); the list shows display names instead. */
export const MICRO1_INTERVIEW_LANGUAGES = [
  'en',
  'fr',
  'de',
  'he',
  'hi',
  'pt',
  'es',
  'es-la',
  'tr',
  'ja',
  'sv',
  'ar',
  'pl',
  'dk',
  'kr',
  'it',
  'nl',
  'cz',
  'ua',
  'ur',
  'id',
  'en-GB',
  'es-MX',
  'cn',
  'zh-CN',
  'zh-TW',
  'zh-HK',
  'ru',
  'bn',
  'ms',
  'pt-BR',
  'vi',
  'tl',
  'th',
  'afb',
  'pt-PT',
] as const;
export type Micro1InterviewLanguage = (typeof MICRO1_INTERVIEW_LANGUAGES)[number];

/** `selected_coding_language` values of POST /interview (lower-case; the list shows "Python"). */
export const MICRO1_CODING_LANGUAGES = [
  'user_choice',
  'javascript',
  'cpp',
  'c',
  'csharp',
  'go',
  'java',
  'kotlin',
  'php',
  'python',
  'ruby',
  'rust',
  'swift',
  'typescript',
] as const;
export type Micro1CodingLanguage = (typeof MICRO1_CODING_LANGUAGES)[number];

/** `custom_question_list[].type`. */
export type Micro1QuestionType = 'audio' | 'text';

/** Absent fields take micro1's defaults. `time` is MINUTES (1–4) here; GET /interviews reports seconds. */
export interface Micro1CreateInterviewRequest {
  interview_name: string;
  /** At most 10. */
  skills?: Array<{ name: string; description?: string }>;
  /** At most 20. */
  custom_question_list?: Array<{ question: string; time?: number; type?: Micro1QuestionType }>;
  interview_language?: Micro1InterviewLanguage;
  can_change_interview_language?: boolean;
  only_coding_round?: boolean;
  is_coding_round_required?: boolean;
  selected_coding_language?: Micro1CodingLanguage;
  coding_exercise_details?: string;
  is_proctoring_required?: boolean;
}

/** POST /interview/invite body. `disable_email_notification` defaults to false (micro1 emails the invite). */
export interface Micro1InviteRequest {
  interview_id: string;
  candidates: Array<{ name: string; email: string }>;
  disable_email_notification?: boolean;
  job_application_id?: string;
}

/** `data` of the POST /interview answer: the new interview (template) and its generic link. */
export const micro1CreatedInterviewSchema = z.object({
  interview_id: requiredId,
  invite_url: optionalString,
});
export type Micro1CreatedInterview = z.infer<typeof micro1CreatedInterviewSchema>;

/** One `data.invitations[]` item of the POST /interview/invite answer: the new session's candidate and link. */
export const micro1InvitationSchema = z.object({
  candidate_id: requiredId,
  candidate_email: optionalString,
  invite_url: optionalString,
});
export type Micro1Invitation = z.infer<typeof micro1InvitationSchema>;

export const micro1InviteResultSchema = z.object({
  invitations: z.array(micro1InvitationSchema),
});
export type Micro1InviteResult = z.infer<typeof micro1InviteResultSchema>;

/** On a write a 200 `{status:false}` is a refusal (nothing created), not drift. */
export const micro1RefusalSchema = z.object({
  status: z.union([z.literal(false), z.literal('false')]),
  message: optionalString,
});
export type Micro1Refusal = z.infer<typeof micro1RefusalSchema>;

export function isMicro1Refusal<T extends { status: unknown }>(answer: T): answer is Extract<T, Micro1Refusal> {
  return answer.status === false || answer.status === 'false';
}

/** A write's answer: the refusal, or the success envelope around `data` (kept raw as well). */
export function micro1WriteAnswer<S extends z.ZodType>(data: S) {
  return z.union([micro1RefusalSchema, micro1Envelope(withRaw(data))]);
}
export const micro1CreateInterviewAnswerSchema = micro1WriteAnswer(micro1CreatedInterviewSchema);
export const micro1InviteAnswerSchema = micro1WriteAnswer(micro1InviteResultSchema);

// ------------------------------------------------------------------ webhooks (REFERENCE.md §1.3)

/** Every webhook delivery: `{event, data}`; one event type per subscription. */
export const micro1WebhookEnvelopeSchema = z.object({
  event: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

/** `interview.started` (docs example): the session's ids, names and `date_started`. */
export const micro1InterviewStartedSchema = z.object({
  candidate_id: requiredId,
  interview_id: requiredId,
  candidate_name: optionalString,
  candidate_email_id: optionalString,
  job_id: optionalString,
  job_name: optionalString,
  ats_job_id: optionalString,
  ats_job_application_id: optionalString,
  interview_name: optionalString,
  /** Naive `YYYY-MM-DD HH:MM:SS`, read as UTC. */
  date_started: optionalString,
});
export type Micro1InterviewStarted = z.infer<typeof micro1InterviewStartedSchema>;

/** `interview_id` and `session_id` are not documented here; read if micro1 ever sends them. */
export const micro1RecordingCompletedSchema = z.object({
  report_id: requiredId,
  candidate_id: optionalString,
  interview_recording_url: optionalString,
  interview_recording_player_url: optionalString,
  interview_webcam_recording_url: optionalString,
  interview_webcam_recording_player_url: optionalString,
  interview_id: optionalString,
  session_id: optionalString,
});
export type Micro1RecordingCompleted = z.infer<typeof micro1RecordingCompletedSchema>;

/** Documented only as the same trigger as `interview_recording.completed`; the parser requires `report_id` or both ids. */
export const micro1InterviewCompletedSchema = micro1RecordingCompletedSchema.extend({ report_id: optionalString, candidate_id: optionalString });

/** `proctoring_score.completed`: `report_id`, `candidate_id`, `proctoring_score`. */
export const micro1ProctoringScoreSchema = z.object({
  report_id: requiredId,
  candidate_id: optionalString,
  interview_id: optionalString,
  proctoring_score: optionalNumber,
});

/** `applicant.*` events: the seed's fields plus those the docs list for every applicant event; `resume_score` drifts between string and number. */
export const micro1ApplicantEventSchema = z.object({
  ats_job_application_id: optionalString,
  ats_job_id: optionalString,
  micro1_job_id: optionalString,
  micro1_job_application_id: optionalString,
  email_id: optionalString,
  resume_score: z.union([z.string(), z.number()]).nullish(),
  candidate_id: optionalString,
  candidate_name: optionalString,
  job_name: optionalString,
  /** Undocumented type; a word or a number, kept as sent. */
  stage: z.union([z.string(), z.number()]).nullish(),
  date_created: optionalString,
  date_modified: optionalString,
  resume_url: optionalString,
});
export type Micro1ApplicantEvent = z.infer<typeof micro1ApplicantEventSchema>;

// ------------------------------------------------------------------ checks against the vendor's OpenAPI

type Schemas = components['schemas'];
type Item<T> = T extends { data?: Array<infer I> } ? I : never;
type GenInterview = Item<Schemas['8b24a4dd-e959-4345-8e0e-7551d63da6e8']>;
type GenInvite = Item<Schemas['ed1324fa-97e3-4327-989a-1365796365ff']>;
type GenReport = Item<Schemas['3d3a53a2-49bc-4b72-af60-d6a25ef000db']>;
type GenRecording = Schemas['258338a2-d768-43db-8a33-88a7c9d40e4d'];

type Assert<T extends true> = T;
type IsAssignable<From, To> = [From] extends [To] ? true : false;
type NoMissingKeys<Gen, Ours> = [Exclude<keyof Gen, keyof Ours>] extends [never] ? true : false;
type WithIds<T, K extends keyof T> = T & { [P in K]-?: string };

// Every field the vendor documents is declared here (none silently stripped).
type _interviewKeys = Assert<NoMissingKeys<GenInterview, Micro1Interview>>;
type _inviteKeys = Assert<NoMissingKeys<GenInvite, Micro1Invite>>;
type _reportKeys = Assert<NoMissingKeys<GenReport, Micro1Report>>;
// Anything the spec allows (once the ids we require are present) is accepted by our schemas.
type _interviewIn = Assert<IsAssignable<WithIds<GenInterview, 'interview_id'>, z.input<typeof micro1InterviewSchema>>>;
type _inviteIn = Assert<IsAssignable<WithIds<GenInvite, 'interview_id' | 'candidate_id'>, z.input<typeof micro1InviteSchema>>>;
type _reportIn = Assert<IsAssignable<WithIds<GenReport, 'report_id' | 'interview_id' | 'candidate_id'>, z.input<typeof micro1ReportSchema>>>;
// A listed report's deferred parse cannot fail: every field the report schema requires is in its head.
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type _headHoldsRequired = Assert<[Exclude<RequiredKeys<z.input<typeof micro1ReportSchema>>, keyof Micro1ReportHead>] extends [never] ? true : false>;
type _recordingIn = Assert<IsAssignable<GenRecording, z.input<typeof micro1RecordingSchema>>>;
// The ids we read have the spec's types.
type _reportIdsOut = Assert<
  IsAssignable<Pick<Micro1Report, 'report_id' | 'interview_id' | 'candidate_id'>, Required<Pick<GenReport, 'report_id' | 'interview_id' | 'candidate_id'>>>
>;
type _inviteIdsOut = Assert<IsAssignable<Pick<Micro1Invite, 'interview_id' | 'candidate_id'>, Required<Pick<GenInvite, 'interview_id' | 'candidate_id'>>>>;
// Writes: our request bodies are what the spec accepts (its defaulted fields are optional on the
// wire), our enums are exactly the spec's, and the answers the spec allows parse once the ids are present.
type GenCreateRequest = Schemas['1c4bf13b-ae82-4085-9b3e-e87c2c62fb92'];
type GenCreateAnswer = NonNullable<Schemas['90a13fb4-c47a-4041-91de-075985b6d787']['data']>;
type GenInviteRequest = Schemas['c93fc8b1-3071-4de0-8f00-c22c8ac342e8'];
type GenInvitation = NonNullable<NonNullable<Schemas['082583f8-9260-4b46-b8bc-04c7a44fded2']['data']>['invitations']>[number];
type Defaulted =
  | 'interview_language'
  | 'can_change_interview_language'
  | 'only_coding_round'
  | 'is_coding_round_required'
  | 'selected_coding_language'
  | 'is_proctoring_required';
type _createRequest = Assert<IsAssignable<Micro1CreateInterviewRequest, Omit<GenCreateRequest, Defaulted> & Partial<Pick<GenCreateRequest, Defaulted>>>>;
type _inviteRequest = Assert<
  IsAssignable<Micro1InviteRequest, Omit<GenInviteRequest, 'disable_email_notification'> & Partial<Pick<GenInviteRequest, 'disable_email_notification'>>>
>;
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type _languages = Assert<SameSet<Micro1InterviewLanguage, GenCreateRequest['interview_language']>>;
type _codingLanguages = Assert<SameSet<Micro1CodingLanguage, GenCreateRequest['selected_coding_language']>>;
type _questionTypes = Assert<SameSet<Micro1QuestionType, NonNullable<NonNullable<GenCreateRequest['custom_question_list']>[number]['type']>>>;
type _createdIn = Assert<IsAssignable<WithIds<GenCreateAnswer, 'interview_id'>, z.input<typeof micro1CreatedInterviewSchema>>>;
type _invitationIn = Assert<IsAssignable<WithIds<GenInvitation, 'candidate_id'>, z.input<typeof micro1InvitationSchema>>>;
type _invitationKeys = Assert<NoMissingKeys<GenInvitation, Micro1Invitation>>;
// A drifted score type would be caught here rather than in production.
type _scoreType = Assert<IsAssignable<NonNullable<GenReport['ai_match_score']>, NonNullable<Micro1Report['ai_match_score']>>>;
