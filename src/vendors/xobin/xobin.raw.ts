/**
 * zod schemas of the Xobin AI Interviews API payloads. Xobin publishes no machine-readable spec;
 * its docs (seed 001, the "invited", "invite" and webhook pages, REFERENCE.md §3) give type
 * sketches (`"response_id": "integer"`) rather than values.
 * - Only the naming ids and `invite_status` are required: the same report endpoint answers a full
 *   report or a reduced object for unfinished interviews, so one schema covers both.
 * - Other fields are read `tolerant`ly: another shape (`score: "78"`) parses as null, is told to
 *   the drift sink, and `raw` keeps it. The ids must be integers (typed `integer` in the docs).
 */
import { z } from 'zod';
import { tolerant, withRaw } from '../kit/schema-drift';

/** Xobin ids (`ai_interview_id`, `candidate_id`, `response_id`): integers. */
const id = z.number().int();
/** Top-level fields: another shape degrades the field alone (told as drift by its name). */
const text = tolerant(z.string());
const num = tolerant(z.number());
/** Inside a sub-object: another shape fails the sub-object, which its top-level field then degrades. */
const innerText = z.string().nullish();
const innerNum = z.number().nullish();

/* ----------------------------------------------------------------------------- report */

/** `skill_wise_scores.must_haves[]` / `.nice_to_haves[]`: an integer score on an undocumented scale. */
export const xobinSkillScoreSchema = z.looseObject({
  skill_name: innerText,
  score: innerNum,
});

/** Skills grouped as the AI Interview Plan configures them. */
export const xobinSkillWiseScoresSchema = z.looseObject({
  must_haves: z.array(xobinSkillScoreSchema).nullish(),
  nice_to_haves: z.array(xobinSkillScoreSchema).nullish(),
});

/** One message of `conversation[]`. */
export const xobinConversationMessageSchema = z.looseObject({
  content: innerText,
  /** `"code"` or `"default"`. */
  mode: innerText,
  /** `"user"` (candidate) or `"assistant"` (interviewer). */
  role: innerText,
  /** Unix epoch MILLISECONDS. */
  timestamp: innerNum,
});

/** The full report once completed, otherwise the reduced object (ids, names, email, `invite_status`). */
export const xobinReportSchema = z.looseObject({
  /** One candidate attempt: the Interview's (and Report's) locator. */
  response_id: id,
  /** `Pending` (not started), `Started`, `Completed` (seen in the docs; title case). */
  invite_status: text,
  ai_interview_id: tolerant(id),
  ai_interview_name: text,
  candidate_id: tolerant(id),
  candidate_name: text,
  candidate_email: text,
  /** Only when set at invite AND the report was fetched by it. */
  custom_field_id: text,
  candidate_summary: text,
  /** Human-readable, no zone: `Jul 05, 2025, 4:42:45 AM`. */
  completed_date: text,
  /** 0–10 float, 10 = best. */
  integrity_score: num,
  pdf_link: text,
  report_link: text,
  /** Whether the candidate is recommended; the words are not documented. */
  recommendation: text,
  /** Integer, scale undocumented. */
  score: num,
  /** Key: a ms-epoch string (`"1755695988585"`; the schema sketch says `session1`). Only with `is_downloadable=true`. */
  interview_recording: tolerant(z.record(z.string(), z.string().nullish())),
  skill_wise_scores: tolerant(xobinSkillWiseScoresSchema),
  conversation: tolerant(z.array(xobinConversationMessageSchema)),
});

/** A report as read: parsed, with the object as sent. */
export const xobinReportReadSchema = withRaw(xobinReportSchema);

/** The status word tells the event, so here (unlike on the REST path) `invite_status` must be a string. */
export const xobinWebhookEventSchema = z.looseObject({ invite_status: z.string() });

/* ----------------------------------------------------------------------------- invitees */

/** One row of `GET /ai-interviews/invited/<ai_interview_id>`. It carries no email and no name. */
export const xobinInviteeSchema = z.looseObject({
  ai_interview_id: id,
  response_id: id,
  invite_status: text,
  candidate_id: tolerant(id),
  /** HTTP-date: `Thu, 10 Jul 2025 11:52:57 GMT`. */
  last_updated_at: text,
});

/** The invitee list: a bare array, no envelope, no pagination; each row kept as sent too. */
export const xobinInviteeListSchema = z.array(withRaw(xobinInviteeSchema));

/* ----------------------------------------------------------------------------- invite (write) */

/** Optional keys are omitted, not null: Xobin reads an absent `start_date` / `expiry_date` as "active now, no expiry". */
export interface XobinInviteRequest {
  candidate_name: string;
  candidate_email: string;
  ai_interview_id: number;
  /** `sendlink`: Xobin emails the invite; `getlink`: link only (the caller shares it). */
  invite_format: XobinInviteFormat;
  /** When the candidate may start: `YYYY-MM-DD HH:MM`, GMT (minutes, no seconds, no zone). */
  start_date?: string;
  /** When the invite link stops working: `YYYY-MM-DD HH:MM`, GMT. */
  expiry_date?: string;
  /** The caller's own id for this candidate; the report can later be fetched by it. */
  custom_field_id?: string;
}

/** The two documented `invite_format` values. */
export type XobinInviteFormat = 'sendlink' | 'getlink';

/**
 * The docs' sketch, no example values. Only `response_id` is required: without it the gateway
 * cannot tell what Xobin made. `candidate_id` is undocumented here but read should Xobin send it.
 */
export const xobinInviteAnswerSchema = z.looseObject({
  response_id: id,
  ai_interview_id: tolerant(id),
  ai_interview_name: text,
  invite_link: text,
  /** The candidate's name and email as Xobin stored them. */
  name: text,
  email: text,
  /** The invite's status word; not enumerated by the docs (the read path says `Pending` for a new one). */
  status: text,
  custom_field_id: text,
  candidate_id: tolerant(id),
});

/** The invite answer as read: parsed, with the object as sent. */
export const xobinInviteAnswerReadSchema = withRaw(xobinInviteAnswerSchema);

/* ----------------------------------------------------------------------------- errors */

/** `{ "error": "<message>" }`, or for the invite quota (403) `{ "message": "Invites Exhausted…", "error": "limit_exceed" }`. */
export const xobinErrorSchema = z.looseObject({
  error: z.string(),
  message: text,
});

/* ----------------------------------------------------------------------------- types */

export type RawXobinReport = z.infer<typeof xobinReportSchema>;
export type RawXobinInvitee = z.infer<typeof xobinInviteeSchema>;
export type RawXobinConversationMessage = z.infer<typeof xobinConversationMessageSchema>;
export type RawXobinSkillScore = z.infer<typeof xobinSkillScoreSchema>;
export type RawXobinError = z.infer<typeof xobinErrorSchema>;
export type RawXobinInviteAnswer = z.infer<typeof xobinInviteAnswerSchema>;
