/**
 * zod schemas of the Evalyo API v1 payloads. Documented (REFERENCE.md §4, seed 002,
 * evalyo.fr/en/docs): paths, query parameters, request bodies, status words, transcript turn
 * fields, the detail's `evaluation` / `transcript` / `audioUrl`, and `{ error: { code, message } }`.
 *
 * NOT documented (response bodies were not captured), so this project's assumption, shared with
 * the simulator:
 * - responses reuse the request field names (camelCase, string ids, ISO-8601 dates), plus `id`,
 *   `createdAt`, `updatedAt`, `status`, and on interviews `inviteUrl`, `startedAt`, `endedAt` (the
 *   finalize body's name) and `reportId`;
 * - the POSTs answer 201 with the created object; a second candidate with an existing email is 409;
 * - lists `{ data: [...], pagination: { page, pageSize, total, totalPages } }`;
 * - `evaluation` ("per-criterion scores, flags", GPT-4o): `{ overallScore (0–100), recommendation
 *   (STRONG_HIRE | HIRE | NO_HIRE | STRONG_NO_HIRE), summary, strengths[], weaknesses[],
 *   criteria[{ name, score, maxScore, comment }], flags[{ type, severity, description }] }`.
 *
 * Only naming ids and the list's `data` are required; every other field is read `tolerant`ly
 * (another shape reads as absent, is told to the drift sink, and `raw` keeps it). This matters
 * most for `evaluation`, whose whole shape is assumed: it must never hide the interview.
 */
import { z } from 'zod';
import { tolerant, withRaw } from '../kit/schema-drift';

/** Top-level fields: another shape degrades the field alone (told as drift by its name). */
const text = tolerant(z.string());
const num = tolerant(z.number());
const _flag = tolerant(z.boolean());
/** Inside a list item: another shape fails the item's list, which its field then degrades. */
const innerText = z.string().nullish();
const innerNum = z.number().nullish();
const innerFlag = z.boolean().nullish();
/** An id the adapter builds locators or requests from. */
const id = z.string().min(1);
/** ISO-8601 timestamps (documented format for Evalyo dates); read with `fromZonedString`. */
const isoDate = tolerant(z.string());

/* ----------------------------------------------------------------------------- envelopes */

/** `pagination` of a list answer. Only `total` matters to paging; all optional (see evalyo.reads.ts). */
export const evalyoPaginationSchema = z.looseObject({
  page: z.number().int().nullish(),
  pageSize: z.number().int().nullish(),
  total: z.number().int().nonnegative().nullish(),
  totalPages: z.number().int().nullish(),
});

/** `{ data: [...], pagination }`. Without `pagination` the reads fall back to "a short page ends the list". */
export function evalyoList<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), pagination: evalyoPaginationSchema.nullish() });
}

/** The envelope is undocumented, so `{ data: {...} }` and the bare object are both read. */
export function evalyoSingle<T extends z.ZodType>(item: T) {
  return z.union([z.looseObject({ data: item }).transform((body) => body.data), item]) as unknown as z.ZodType<z.output<T>, unknown>;
}

/** `{ error: { code, message } }` on every HTTP ≥ 400 (evalyo.fr/en/docs/errors). */
export const evalyoErrorBodySchema = z.looseObject({
  error: z.looseObject({ code: text, message: text }),
});
export type RawEvalyoErrorBody = z.infer<typeof evalyoErrorBodySchema>;

/* ----------------------------------------------------------------------------- jobs */

/** A required skill: a string per the create body; an object `{name, description}` is read too. */
export const evalyoSkillSchema = z.union([z.string(), z.looseObject({ name: innerText, description: innerText })]);

/** `GET /api/v1/jobs` item and `GET /api/v1/jobs/:id` (= an InterviewTemplate). */
export const evalyoJobSchema = z.looseObject({
  id,
  title: text,
  description: text,
  department: text,
  location: text,
  /** `ONSITE | REMOTE | HYBRID`. */
  workMode: text,
  /** `INTERN | JUNIOR | MID | SENIOR | LEAD | MANAGER | DIRECTOR`. */
  seniority: text,
  /** `CDI | CDD | FREELANCE | INTERNSHIP | APPRENTICESHIP`. */
  contractType: text,
  /** k€ per year. */
  salaryMin: num,
  salaryMax: num,
  /** € per day (freelance). */
  dailyRate: num,
  skills: tolerant(z.array(evalyoSkillSchema)),
  /** `DRAFT | ACTIVE | PAUSED | CLOSED`. */
  status: text,
  /** Not documented on jobs; read when present (candidates have `locale`). */
  locale: text,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type RawEvalyoJob = z.infer<typeof evalyoJobSchema>;

/* ----------------------------------------------------------------------------- candidates */

/** `GET /api/v1/candidates/:id` (and list items). Interviews carry only `candidateId`. */
export const evalyoCandidateSchema = z.looseObject({
  id,
  email: text,
  firstName: text,
  lastName: text,
  phone: text,
  /** Preferred language, default `fr`. */
  locale: text,
  cvUrl: text,
  tags: tolerant(z.array(z.string())),
  /** Acquisition source ("LinkedIn", "Indeed", "Referral", …). */
  source: text,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type RawEvalyoCandidate = z.infer<typeof evalyoCandidateSchema>;

/* ----------------------------------------------------------------------------- interviews */

const interviewFields = {
  id,
  /** Nullable for tolerance: without it the candidate stays unknown (no lookup). */
  candidateId: text,
  jobId: text,
  campaignId: text,
  stageId: text,
  configId: text,
  /** `DRAFT | INVITED | IN_PROGRESS | COMPLETED | CANCELLED | EXPIRED` (upper case in the API docs, lower case in the FAQ); unreadable → UNKNOWN. */
  status: text,
  /** Invitation link deadline (default: creation + 7 days). */
  expiresAt: isoDate,
  inviteUrl: text,
  createdAt: isoDate,
  updatedAt: isoDate,
  startedAt: isoDate,
  /** Named after the finalize body's `endedAt`. */
  endedAt: isoDate,
  /** Id for `GET /api/v1/reports/:reportId`, once a report exists. */
  reportId: text,
};

/** One `GET /api/v1/interviews` item. */
export const evalyoInterviewSchema = z.looseObject(interviewFields);
export type RawEvalyoInterview = z.infer<typeof evalyoInterviewSchema>;

/** Only `id` is required: once Evalyo answered 201 a missing `status` must not turn the write into an error. */
export const evalyoCreatedInterviewSchema = z.looseObject(interviewFields);
export type RawEvalyoCreatedInterview = z.infer<typeof evalyoCreatedInterviewSchema>;

/** One evaluated criterion: `score` on `0..maxScore`. */
export const evalyoCriterionSchema = z.looseObject({
  name: innerText,
  score: innerNum,
  maxScore: innerNum,
  comment: innerText,
  weight: innerNum,
});

/** A flag raised by the evaluation (suspected reading, external voice, …). */
export const evalyoFlagSchema = z.looseObject({
  type: innerText,
  /** `LOW | MEDIUM | HIGH` in the simulator. */
  severity: innerText,
  description: innerText,
});

/** The GPT-4o `evaluation` of a finished interview (shape: see the file header). */
export const evalyoEvaluationSchema = z.looseObject({
  /** 0–100. */
  overallScore: num,
  recommendation: text,
  summary: text,
  strengths: tolerant(z.array(z.string())),
  weaknesses: tolerant(z.array(z.string())),
  criteria: tolerant(z.array(evalyoCriterionSchema)),
  flags: tolerant(z.array(evalyoFlagSchema)),
});
export type RawEvalyoEvaluation = z.infer<typeof evalyoEvaluationSchema>;

/** A conversation turn (seed 002, "Conversation turns"). No timestamp is documented. */
export const evalyoTurnSchema = z.looseObject({
  /** 1, 2, 3… — the only ordering Evalyo gives. */
  turnNumber: innerNum,
  /** `agent | candidate`. */
  role: innerText,
  /** May be empty while the turn is in progress. */
  content: innerText,
  /** The turn's own audio; not mapped (the interview's full `audioUrl` is the recording). */
  audioUrl: innerText,
  isPendingQuestion: innerFlag,
  /** Per-turn GPT-4o evaluation; shape unknown, kept in `raw`. */
  evaluation: z.record(z.string(), z.unknown()).nullish(),
});
export type RawEvalyoTurn = z.infer<typeof evalyoTurnSchema>;

/** `GET /api/v1/interviews/:id`: the list fields plus evaluation, transcript and the full audio. */
export const evalyoInterviewDetailSchema = z.looseObject({
  ...interviewFields,
  evaluation: tolerant(evalyoEvaluationSchema),
  transcript: tolerant(z.array(evalyoTurnSchema)),
  /** Full recording (seed 002 FAQ). Signed in the simulator (`Expires=`, 24 h). */
  audioUrl: text,
  /** The FAQ's name for the signed recording on reports; read as a fallback. */
  recordingUrl: text,
});
export type RawEvalyoInterviewDetail = z.infer<typeof evalyoInterviewDetailSchema>;

/* ----------------------------------------------------------------------------- reports */

/** The adapter reads reports from the interview detail (same evaluation plus the transcript). */
export const evalyoReportSchema = z.looseObject({
  id,
  interviewId: text,
  candidateId: text,
  jobId: text,
  evaluation: tolerant(evalyoEvaluationSchema),
  /** Signed, valid 24 h (FAQ). */
  recordingUrl: text,
  createdAt: isoDate,
});
export type RawEvalyoReport = z.infer<typeof evalyoReportSchema>;

/* ----------------------------------------------------------------------------- responses */

/* Every object is read `withRaw`: parsed, and as Evalyo sent it (drifted values included). */
export const evalyoJobListSchema = evalyoList(withRaw(evalyoJobSchema));
export const evalyoJobResponseSchema = evalyoSingle(withRaw(evalyoJobSchema));
export const evalyoCandidateListSchema = evalyoList(withRaw(evalyoCandidateSchema));
export const evalyoCandidateResponseSchema = evalyoSingle(withRaw(evalyoCandidateSchema));
export const evalyoInterviewListSchema = evalyoList(withRaw(evalyoInterviewSchema));
export const evalyoInterviewDetailResponseSchema = evalyoSingle(withRaw(evalyoInterviewDetailSchema));
export const evalyoCreatedInterviewResponseSchema = evalyoSingle(withRaw(evalyoCreatedInterviewSchema));
export const evalyoReportResponseSchema = evalyoSingle(withRaw(evalyoReportSchema));

export type RawEvalyoPagination = z.infer<typeof evalyoPaginationSchema>;

/** A parsed list page. */
export interface EvalyoPage<T> {
  data: T[];
  pagination?: RawEvalyoPagination | null;
}

/* ----------------------------------------------------------------------------- request bodies */

/** Absent keys are left out of the JSON, never sent as null. */
export interface EvalyoNewCandidate {
  /** Required; unique per organisation (an existing one is 409). */
  email: string;
  firstName?: string;
  lastName?: string;
  /** E.164. */
  phone?: string;
  /** Preferred language (`fr`, `en`, …); Evalyo's default is `fr`. */
  locale?: string;
}

/** `POST /api/v1/interviews` body (seed 002). Absent keys are left out of the JSON. */
export interface EvalyoNewInterview {
  candidateId: string;
  jobId: string;
  /** The hiring process ("campaign") to attach the interview to. */
  campaignId?: string;
  /** The campaign's pipeline stage. */
  stageId?: string;
  /** The interview configuration to use (the job's default when absent). */
  configId?: string;
  /** ISO-8601; Evalyo's default is creation + 7 days. */
  expiresAt?: string;
  /** Email the invitation; Evalyo's default is true (false: a DRAFT interview). */
  sendInvite?: boolean;
}
