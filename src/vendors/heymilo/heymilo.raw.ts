/**
 * zod schemas of the HeyMilo Public API v2 payloads (`heymilo.openapi.json`, cross-checked at the
 * bottom). Only ids and envelopes are required; every other field, sub-objects included, is read
 * `tolerant`ly: another shape reads as absent, is told to the drift sink by path, and `raw` keeps
 * it. List items are read whole: an item of another shape fails its list, which then degrades.
 */
import { z } from 'zod';
import { tolerant, withRaw } from '../kit/schema-drift';
import type { components } from './heymilo.openapi';

type Spec = components['schemas'];

/** Unix epoch seconds, as every HeyMilo record timestamp is. */
const epochSeconds = tolerant(z.number());
const text = tolerant(z.string());
const flag = tolerant(z.boolean());
const num = tolerant(z.number());
/** The same, inside a list item (see the policy above). */
const innerEpochSeconds = z.number().nullish();
const innerText = z.string().nullish();
const innerFlag = z.boolean().nullish();
const innerNum = z.number().nullish();
/** A sub-object read tolerantly: another shape degrades it; its own fields degrade one by one. */
const sub = <S extends z.ZodType>(schema: S) => tolerant(schema);
/** A list read tolerantly: one item of another shape degrades the whole list field. */
const list = <S extends z.ZodType>(item: S) => tolerant(z.array(item));

/* ----------------------------------------------------------------------------- envelopes */

/** `{ data, meta }` — every single-object answer (`SingleResponse_*`). */
export function heymiloSingle<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: item, meta: z.record(z.string(), z.unknown()).nullish() });
}

/** `PaginationMeta`: `has_more` is the only thing cursor paging needs. */
export const heymiloPaginationSchema = z.looseObject({
  has_more: z.boolean(),
  total_count: z.number().int().nullish(),
  url: text,
});

/** `{ data: [...], pagination }` — every list answer (`ListResponse_*`). */
export function heymiloList<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), pagination: heymiloPaginationSchema });
}

/* ----------------------------------------------------------------------------- postings */

/** `PostingURLs`. */
export const heymiloPostingUrlsSchema = z.looseObject({
  candidate_url: text,
  ingestion_url_key: text,
  review_url: text,
});

/** `PostingResponse` (an "interviewer": job + agentic workflow). */
export const heymiloPostingSchema = z.looseObject({
  object: z.string().optional(),
  id: z.string().min(1),
  title: text,
  name: text,
  description: text,
  language: text,
  /** `draft | active | expired | archived`. */
  status: text,
  urls: sub(heymiloPostingUrlsSchema),
  created_at: epochSeconds,
  updated_at: epochSeconds,
});

/* ----------------------------------------------------------------------------- candidates */

/** `WorkflowStepStatus`: one step of a candidate's workflow. */
export const heymiloWorkflowStepSchema = z.looseObject({
  step_id: innerText,
  /** 1-based position in the workflow. */
  order: innerNum,
  /** `not_started | in_progress | completed | knocked_out`. */
  status: innerText,
  started: innerFlag,
  completed: innerFlag,
  knocked_out: innerFlag,
  /** Unix seconds of the step's last status change. */
  last_updated_at: innerEpochSeconds,
});

/** `CandidateWorkflow`. */
export const heymiloWorkflowSchema = z.looseObject({
  steps: list(heymiloWorkflowStepSchema),
  all_complete: flag,
  last_activity_at: epochSeconds,
});

/** Fields `CandidateResponse` and `InterviewDataResponse` share. */
const interviewCore = {
  object: z.string().optional(),
  /** One per candidate × posting pair; the Interview's locator. */
  interview_id: z.string().min(1),
  posting_id: z.string().min(1),
  candidate_id: text,
  name: text,
  email: text,
  /** `pending | in_progress | evaluating | completed | shortlisted | dismissed | knocked_out`, or `not_ready` from /data. */
  status: text,
  /** Overall match score, 0–100. */
  score: num,
  workflow: sub(heymiloWorkflowSchema),
  /** The spec puts these on `CandidateResponse` only; read from /data too if the vendor ever sends them. */
  interview_url: text,
  created_at: epochSeconds,
  interviewed_at: epochSeconds,
  shortlisted: flag,
  dismissed: flag,
};

/** `CandidateResponse`: one row of `GET /api/v2/postings/{posting_id}/candidates`. */
export const heymiloCandidateSchema = z.looseObject({ ...interviewCore });

/* ----------------------------------------------------------------------------- /data */

/** `TranscriptEntry`: `timestamp` is seconds from the interview start. */
export const heymiloTranscriptEntrySchema = z.looseObject({
  /** `Interviewer | Candidate | System`. */
  speaker: innerText,
  text: innerText,
  timestamp: innerNum,
  timestamp_str: innerText,
});

/** `ScorecardQuestion`: `score` and `score_weight` are integers on 1–10 per the spec. */
export const heymiloScorecardQuestionSchema = z.looseObject({
  question_id: innerText,
  question_text: innerText,
  score: innerNum,
  score_weight: innerNum,
  evaluation_summary: innerText,
  evaluation_criteria: innerText,
  score_1_description: innerText,
  score_5_description: innerText,
  not_scored: innerFlag,
  /** 1-based order in which the question was asked. */
  rank: innerNum,
  transcript: z.array(heymiloTranscriptEntrySchema).nullish(),
});

/** `WebInterviewResult`. */
export const heymiloWebInterviewSchema = z.looseObject({
  object: z.string().optional(),
  interview_id: text,
  /** 0–100 integer. */
  match_score: num,
  highlights: list(z.string()),
  lowlights: list(z.string()),
  scorecard: list(heymiloScorecardQuestionSchema),
  /** 0.0–5.0. */
  speech_score: num,
  transcript: list(heymiloTranscriptEntrySchema),
  audio_recording_url: text,
  video_recording_url: text,
  tags: list(z.string()),
});

/** `SMSMessage`: `timestamp` is absolute Unix seconds (unlike the voice transcript). */
export const heymiloSmsMessageSchema = z.looseObject({
  /** `agent | candidate`. */
  role: innerText,
  text: innerText,
  timestamp: innerEpochSeconds,
});

/** `SMSResult`. */
export const heymiloSmsSchema = z.looseObject({
  object: z.string().optional(),
  interview_id: text,
  is_eligible: flag,
  confidence: num,
  transcript: list(heymiloSmsMessageSchema),
  messages_sent: num,
  messages_received: num,
});

/** `ResumeScoreCriterion`: `score` 0.0–10.0 per the spec. */
export const heymiloResumeScoreCriterionSchema = z.looseObject({
  criteria_id: innerText,
  criteria_text: innerText,
  score: innerNum,
  confidence: innerNum,
  reasons: z.array(z.string()).nullish(),
});

/** `ResumeResult`. */
export const heymiloResumeSchema = z.looseObject({
  object: z.string().optional(),
  interview_id: text,
  /** 0–100. */
  overall_score: num,
  is_eligible: flag,
  score_criteria: list(heymiloResumeScoreCriterionSchema),
  resume_url: text,
});

/** `FormQuestionResult`. */
export const heymiloFormQuestionSchema = z.looseObject({
  question_id: innerText,
  question_text: innerText,
  question_type: innerText,
  is_knockout: innerFlag,
  passed: innerFlag,
  candidate_answer: innerText,
  expected_answer: innerText,
});

/** `FormResult`. */
export const heymiloFormSchema = z.looseObject({
  object: z.string().optional(),
  interview_id: text,
  /** `passed | failed | pending`. */
  overall_status: text,
  questions: list(heymiloFormQuestionSchema),
});

/** `WebInterviewCheat`: only the parts the integrity mapping reads are typed. */
export const heymiloWebInterviewCheatSchema = z.looseObject({
  cheat_detection_result: sub(
    z.looseObject({
      cheating_detected: flag,
      cheating_confidence: num,
      cheating_instances: list(z.looseObject({ reasoning: innerText })),
    }),
  ),
  llm_detection_result: sub(
    z.looseObject({
      llm_generated_detected: flag,
      detection_confidence: num,
      llm_detected_segments: list(z.looseObject({ segment_text: innerText, reasoning: innerText })),
    }),
  ),
  unusual_delay_detection: sub(
    z.looseObject({
      delay_detected: flag,
      delay_confidence: num,
      unusual_delay_instances: list(z.unknown()),
    }),
  ),
  /** Untyped in the spec; documented keys `total_count`, `events`, first/last switch timestamps. */
  tab_switch_detection: sub(z.looseObject({ total_count: num })),
  interview_integrity: sub(
    z.looseObject({
      aggregated: sub(z.looseObject({ movements: list(z.looseObject({ type: innerText, confidence: innerNum, timestamp: innerNum })) })),
    }),
  ),
  integrity_analysis_v2: sub(z.record(z.string(), z.unknown())),
});

/** `CheatDetection`: present only when the posting has cheat detection configured. */
export const heymiloCheatDetectionSchema = z.looseObject({
  object: z.string().optional(),
  /** 0.0–1.0. */
  overall_confidence: num,
  /** 1 = no cheating … 5 = highly detected (inverted direction). */
  overall_ranking: num,
  enabled: flag,
  /** 0–100. */
  threshold: num,
  types: list(z.string()),
  web_interview: sub(heymiloWebInterviewCheatSchema),
});

/** `InterviewDataResponse`: `GET /api/v2/interviews/{interview_id}/data`. */
export const heymiloInterviewDataSchema = z.looseObject({
  ...interviewCore,
  web_interview: sub(heymiloWebInterviewSchema),
  resume: sub(heymiloResumeSchema),
  sms: sub(heymiloSmsSchema),
  form: sub(heymiloFormSchema),
  cheat_detection: sub(heymiloCheatDetectionSchema),
});

/* ----------------------------------------------------------------------------- responses */

/* Every object is read `withRaw`: parsed, and as HeyMilo sent it (drifted values included). */
export const heymiloPostingListResponseSchema = heymiloList(withRaw(heymiloPostingSchema));
export const heymiloPostingResponseSchema = heymiloSingle(withRaw(heymiloPostingSchema));
export const heymiloCandidateListResponseSchema = heymiloList(withRaw(heymiloCandidateSchema));
export const heymiloInterviewDataResponseSchema = heymiloSingle(withRaw(heymiloInterviewDataSchema));

/* ----------------------------------------------------------------------------- webhooks */

/** The candidate's identity as the payload groups it. */
export const heymiloWebhookCandidateSchema = z.looseObject({ candidate_id: text, name: text, email: text });

/** HeyMilo publishes no payload schema: this is the gateway's reading (heymilo.webhook.ts). */
export const heymiloWebhookSchema = z.looseObject({
  event_type: z.string(),
  occurred_at: epochSeconds,
  timestamp: epochSeconds,
  interview_id: z.string().min(1),
  posting_id: text,
  status: text,
  score: num,
  candidate: sub(heymiloWebhookCandidateSchema),
  candidate_id: text,
  name: text,
  email: text,
  interview_url: text,
  created_at: epochSeconds,
  interviewed_at: epochSeconds,
  shortlisted: flag,
  dismissed: flag,
  workflow: sub(heymiloWorkflowSchema),
  data: sub(heymiloInterviewDataSchema),
});
export type HeymiloWebhookPayload = z.infer<typeof heymiloWebhookSchema>;

/* ----------------------------------------------------------------------------- write receipts */

/** `posting` is the full `PostingResponse`, as `GET /api/v2/postings/{posting_id}` returns it (nullable in the spec). */
export const heymiloCreatedPostingSchema = z.looseObject({
  object: z.string().optional(),
  id: z.string().min(1),
  status: text,
  urls: sub(heymiloPostingUrlsSchema),
  created_at: epochSeconds,
  posting: sub(heymiloPostingSchema),
});

/** `candidate` is the full `CandidateResponse`, the row the posting's candidate list shows (nullable). */
export const heymiloIngestedCandidateSchema = z.looseObject({
  object: z.string().optional(),
  interview_id: z.string().min(1),
  interview_url: text,
  posting_id: z.string().min(1),
  candidate: sub(heymiloCandidateSchema),
});

export const heymiloCreatePostingResponseSchema = heymiloSingle(withRaw(heymiloCreatedPostingSchema));
export const heymiloIngestCandidateResponseSchema = heymiloSingle(withRaw(heymiloIngestedCandidateSchema));

/* ----------------------------------------------------------------------------- request bodies */

/** Exactly one of `workflow` and `interview_template_id`. */
export interface HeymiloCreatePostingRequest {
  title: string;
  description?: string;
  /** ISO 639-1; HeyMilo's default is `en`. */
  language?: string;
  /** Always one `web_interview` step (absent when `interview_template_id` is sent). */
  workflow?: [HeymiloWebInterviewStep];
  /** Clone this HeyMilo interview template's blueprint (mutually exclusive with `workflow`). */
  interview_template_id?: string;
  interviewer_name?: string;
  instructions?: string;
  company_overview?: string;
  job_overview?: string;
  /** ISO-8601, as the client wrote it; HeyMilo's default is one calendar month after creation. */
  deadline?: string;
  /** 0–5. */
  max_retakes?: number;
}

/** `_WebInterviewStep`: `questions` omitted → HeyMilo generates them (`config.num_questions` of them). */
export interface HeymiloWebInterviewStep {
  type: 'web_interview';
  config?: HeymiloWebInterviewConfig;
  questions?: HeymiloVoiceQuestion[];
}

/** The part of `WebInterviewConfig` the unified input reaches. */
export interface HeymiloWebInterviewConfig {
  video?: boolean;
  /** `general | technical | cultural | behavioral`. */
  interview_type?: HeymiloInterviewType;
  /** 1–25; ignored by HeyMilo when `questions` are given, so never sent with them. */
  num_questions?: number;
}

/** `CreateQuestion` of modality `voice` (spoken answers: HeyMilo's web interview is a voice agent). */
export interface HeymiloVoiceQuestion {
  modality: 'voice';
  text: string;
  evaluation_criteria?: string;
}

/** What `createHeymiloIngestRequest` sends: `CandidateIngestRequest` without `data`. */
export interface HeymiloCandidateIngestRequest {
  name: string;
  /** As the client typed it; HeyMilo validates the address itself. */
  email: string;
  /** E.164. */
  phone_number?: string;
  /** String values only (`additionalProperties: string`). */
  metadata?: Record<string, string>;
}

export type HeymiloInterviewType = 'general' | 'technical' | 'cultural' | 'behavioral';

/* ----------------------------------------------------------------------------- error bodies */

/** `APIErrorResponse`: 400/401/404/429 bodies. */
export const heymiloApiErrorSchema = z.looseObject({
  error: z.looseObject({
    type: text,
    code: text,
    message: text,
    param: text,
    doc_url: text,
    errors: z.array(z.looseObject({ code: text, message: text, param: text })).nullish(),
  }),
});

/** `HTTPValidationError`: FastAPI's 422 body. */
export const heymiloValidationErrorSchema = z.looseObject({
  detail: z.array(
    z.looseObject({
      loc: z.array(z.union([z.string(), z.number()])).nullish(),
      msg: text,
      type: text,
    }),
  ),
});

/* ----------------------------------------------------------------------------- types */

/** Parsed payload types (what the normalizers take; unknown vendor fields ride along). */

export type RawHeymiloPosting = z.infer<typeof heymiloPostingSchema>;
export type RawHeymiloWorkflow = z.infer<typeof heymiloWorkflowSchema>;
export type RawHeymiloCandidate = z.infer<typeof heymiloCandidateSchema>;
export type RawHeymiloInterviewData = z.infer<typeof heymiloInterviewDataSchema>;
export type RawHeymiloWebInterview = z.infer<typeof heymiloWebInterviewSchema>;
export type RawHeymiloScorecardQuestion = z.infer<typeof heymiloScorecardQuestionSchema>;
export type RawHeymiloTranscriptEntry = z.infer<typeof heymiloTranscriptEntrySchema>;
export type RawHeymiloSmsMessage = z.infer<typeof heymiloSmsMessageSchema>;
export type RawHeymiloCheatDetection = z.infer<typeof heymiloCheatDetectionSchema>;
export type RawHeymiloPostingList = z.infer<typeof heymiloPostingListResponseSchema>;
export type RawHeymiloCandidateList = z.infer<typeof heymiloCandidateListResponseSchema>;
export type RawHeymiloCreatedPosting = z.infer<typeof heymiloCreatedPostingSchema>;
export type RawHeymiloIngestedCandidate = z.infer<typeof heymiloIngestedCandidateSchema>;

/* ----------------------------------------------------------------------------- spec cross-check */

/** If the spec is regenerated with a breaking change, `npm run typecheck` fails here. */
type Accepts<Ours, Theirs> = [Theirs] extends [Ours] ? true : false;
type Assert<T extends true> = T;
export type HeymiloSpecConformance = [
  Assert<Accepts<z.input<typeof heymiloPostingSchema>, Spec['PostingResponse']>>,
  Assert<Accepts<z.input<typeof heymiloCandidateSchema>, Spec['CandidateResponse']>>,
  Assert<Accepts<z.input<typeof heymiloInterviewDataSchema>, Spec['InterviewDataResponse']>>,
  Assert<Accepts<z.input<typeof heymiloWebInterviewSchema>, Spec['WebInterviewResult']>>,
  Assert<Accepts<z.input<typeof heymiloScorecardQuestionSchema>, Spec['ScorecardQuestion']>>,
  Assert<Accepts<z.input<typeof heymiloTranscriptEntrySchema>, Spec['TranscriptEntry']>>,
  Assert<Accepts<z.input<typeof heymiloSmsSchema>, Spec['SMSResult']>>,
  Assert<Accepts<z.input<typeof heymiloResumeSchema>, Spec['ResumeResult']>>,
  Assert<Accepts<z.input<typeof heymiloFormSchema>, Spec['FormResult']>>,
  Assert<Accepts<z.input<typeof heymiloCheatDetectionSchema>, Spec['CheatDetection']>>,
  Assert<Accepts<z.input<typeof heymiloPaginationSchema>, Spec['PaginationMeta']>>,
  Assert<Accepts<z.input<typeof heymiloPostingListResponseSchema>, Spec['ListResponse_PostingResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloCandidateListResponseSchema>, Spec['ListResponse_CandidateResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloInterviewDataResponseSchema>, Spec['SingleResponse_InterviewDataResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloPostingResponseSchema>, Spec['SingleResponse_PostingResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloCreatedPostingSchema>, Spec['CreatePostingResponse']>>,
  Assert<Accepts<z.input<typeof heymiloIngestedCandidateSchema>, Spec['IngestCandidateResponse']>>,
  Assert<Accepts<z.input<typeof heymiloCreatePostingResponseSchema>, Spec['SingleResponse_CreatePostingResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloIngestCandidateResponseSchema>, Spec['SingleResponse_IngestCandidateResponse_']>>,
  Assert<Accepts<z.input<typeof heymiloApiErrorSchema>, Spec['APIErrorResponse']>>,
  Assert<Accepts<z.input<typeof heymiloValidationErrorSchema>, Required<Spec['HTTPValidationError']>>>,
];

/** Fields `CreatePostingRequest` defaults (the generated type marks them required). */
type Defaulted = 'description' | 'language' | 'interviewer_name' | 'instructions' | 'company_overview' | 'job_overview';
type SpecCreatePosting = Omit<Spec['CreatePostingRequest'], Defaulted> & Partial<Pick<Spec['CreatePostingRequest'], Defaulted>>;
type Sendable<Ours, Theirs> = [Ours] extends [Theirs] ? true : false;

/** Request bodies checked against the generated OpenAPI types, likewise. */
export type HeymiloRequestConformance = [
  Assert<Sendable<HeymiloCreatePostingRequest, SpecCreatePosting>>,
  Assert<Sendable<HeymiloWebInterviewStep, Spec['_WebInterviewStep']>>,
  Assert<Sendable<HeymiloVoiceQuestion, Spec['CreateQuestion']>>,
  Assert<Sendable<HeymiloCandidateIngestRequest, Spec['CandidateIngestRequest']>>,
];
