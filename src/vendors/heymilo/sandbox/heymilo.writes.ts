/**
 * The HeyMilo simulator's write routes, typed by the vendor's OpenAPI only. Validation, in
 * HeyMilo's order:
 * 1. FastAPI/pydantic against the request model: missing fields, wrong types, documented ranges
 *    and the email → 422 `{detail:[…]}`, every problem at once; then exactly one of `workflow` and
 *    `interview_template_id` → 422 with `loc: ['body']`.
 * 2. The handler: limits the spec states only in prose (`deadline` ISO-8601, `phone_number` E.164,
 *    metadata limits) → 400 `validation_error` (the spec's `APIError` examples); unknown template
 *    or posting → 404 `resource_missing`.
 * ASSUMPTIONS (the spec gives the shapes, not which check answers which way): the 400/422 split,
 * and the email checked as pydantic's EmailStr would (a `value_error`).
 */
import type { components } from '../heymilo.openapi';
import type { SeededRandom } from '../../kit/sandbox/data/random';
import {
  HEYMILO_API_INVITEE,
  type HeymiloDataset,
  type HeymiloInterviewRecord,
  type SimCandidate,
  type SimInterviewData,
  type SimPosting,
} from './heymilo.data';

type Spec = components['schemas'];

/** A refusal: the status and HeyMilo's body for it. */
export interface HeymiloRefusal {
  status: 400 | 404 | 422;
  body: unknown;
}

/** One FastAPI `ValidationError` entry (pydantic v2 wording). */
interface Problem {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

const STEP_TYPES = ['web_interview', 'conversational_sms', 'resume', 'form'] as const;
const STEP_CODE: Record<string, string> = { web_interview: 'vi', resume: 'rs', form: 'fm', conversational_sms: 'sms' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const METADATA = { keys: 50, keyLength: 40, valueLength: 500 } as const;
const MONTH_DAYS = 30;

/* ============================================================================ checks */

/** Collects pydantic-style problems for one model. */
class Checker {
  readonly problems: Problem[] = [];

  constructor(private readonly body: Record<string, unknown>) {}

  private add(loc: Array<string | number>, type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): void {
    this.problems.push({ type, loc: ['body', ...loc], msg, input, ...(ctx ? { ctx } : {}) });
  }

  /** A required (or optional, `required` false) string, with length bounds. */
  string(loc: Array<string | number>, value: unknown, options: { required?: boolean; nullable?: boolean; min?: number; max?: number } = {}): void {
    if (value === undefined) {
      if (options.required) this.add(loc, 'missing', 'Field required', this.body);
      return;
    }
    if (value === null && options.nullable) return;
    if (typeof value !== 'string') {
      this.add(loc, 'string_type', 'Input should be a valid string', value);
      return;
    }
    // Python counts code points, not UTF-16 units.
    const length = [...value].length;
    if (options.min !== undefined && length < options.min) {
      this.add(loc, 'string_too_short', `String should have at least ${options.min} character${options.min === 1 ? '' : 's'}`, value, {
        min_length: options.min,
      });
    }
    if (options.max !== undefined && length > options.max) {
      this.add(loc, 'string_too_long', `String should have at most ${options.max} characters`, value, { max_length: options.max });
    }
  }

  /** An optional nullable integer within [min, max]. */
  integer(loc: Array<string | number>, value: unknown, min: number, max: number): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(loc, 'int_type', 'Input should be a valid integer', value);
    } else if (!Number.isInteger(value)) {
      this.add(loc, 'int_from_float', 'Input should be a valid integer, got a number with a fractional part', value);
    } else if (value < min) {
      this.add(loc, 'greater_than_equal', `Input should be greater than or equal to ${min}`, value, { ge: min });
    } else if (value > max) {
      this.add(loc, 'less_than_equal', `Input should be less than or equal to ${max}`, value, { le: max });
    }
  }

  /** An optional nullable boolean. */
  boolean(loc: Array<string | number>, value: unknown): void {
    if (value !== undefined && value !== null && typeof value !== 'boolean') this.add(loc, 'bool_type', 'Input should be a valid boolean', value);
  }

  /** An optional nullable object; true when it is one (so its fields can be checked). */
  object(loc: Array<string | number>, value: unknown): value is Record<string, unknown> {
    if (value === undefined || value === null) return false;
    if (!isObject(value)) {
      this.add(loc, 'dict_type', 'Input should be a valid dictionary', value);
      return false;
    }
    return true;
  }

  /** An optional nullable `{[key]: string}` (metadata). */
  stringMap(loc: Array<string | number>, value: unknown): void {
    if (!this.object(loc, value)) return;
    for (const [key, entry] of Object.entries(value)) this.string([...loc, key], entry, { required: true });
  }

  /** An optional nullable list; true when it is one. */
  list(loc: Array<string | number>, value: unknown): value is unknown[] {
    if (value === undefined || value === null) return false;
    if (!Array.isArray(value)) {
      this.add(loc, 'list_type', 'Input should be a valid list', value);
      return false;
    }
    return true;
  }

  /** The email as EmailStr checks it. */
  email(loc: Array<string | number>, value: unknown): void {
    if (typeof value === 'string' && !EMAIL.test(value)) {
      this.add(
        loc,
        'value_error',
        `value is not a valid email address: ${value.includes('@') ? 'The part after the @-sign is not valid.' : 'An email address must have an @-sign.'}`,
        value,
      );
    }
  }

  /** A model-validator failure (pydantic prefixes "Value error, "). */
  model(message: string): void {
    this.problems.push({ type: 'value_error', loc: ['body'], msg: `Value error, ${message}`, input: this.body, ctx: { error: {} } });
  }
}

/** The body FastAPI sends when the JSON is not an object at all. */
function notAnObject(body: unknown): HeymiloRefusal {
  return body === undefined || body === null
    ? { status: 422, body: { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] } }
    : {
        status: 422,
        body: {
          detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body }],
        },
      };
}

function validationFailed(errors: Array<{ message: string; param: string }>): HeymiloRefusal {
  return {
    status: 400,
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'validation_error',
        message: errors.length === 1 ? errors[0].message : 'The request body failed validation',
        param: errors[0].param,
        errors: errors.map((e) => ({ code: 'invalid_param', message: e.message, param: e.param })),
      },
    },
  };
}

/** Metadata limits the spec states in prose (checked by the handler, after the model). */
function metadataErrors(metadata: unknown, param: string): Array<{ message: string; param: string }> {
  if (!isObject(metadata)) return [];
  const keys = Object.keys(metadata);
  const errors: Array<{ message: string; param: string }> = [];
  if (keys.length > METADATA.keys) errors.push({ message: `metadata can have at most ${METADATA.keys} keys (got ${keys.length})`, param });
  for (const key of keys) {
    if ([...key].length > METADATA.keyLength)
      errors.push({ message: `metadata key '${key.slice(0, 50)}' is longer than ${METADATA.keyLength} characters`, param: `${param}.${key}` });
    const value = metadata[key];
    if (typeof value === 'string' && [...value].length > METADATA.valueLength) {
      errors.push({ message: `metadata value for '${key}' is longer than ${METADATA.valueLength} characters`, param: `${param}.${key}` });
    }
  }
  return errors;
}

/* ============================================================================ POST /api/v2/postings */

/** The parts of a valid `CreatePostingRequest` the simulator uses (defaults not yet applied). */
export type CreatePostingBody = Partial<Spec['CreatePostingRequest']> & { title: string };

/** Null when valid. */
export function checkCreatePosting(body: unknown, dataset: HeymiloDataset): HeymiloRefusal | null {
  if (!isObject(body)) return notAnObject(body);
  const check = new Checker(body);
  check.string(['title'], body.title, { required: true, min: 3, max: 200 });
  check.string(['description'], body.description, { max: 50_000 });
  check.string(['name'], body.name, { nullable: true });
  for (const field of ['language', 'interviewer_name', 'instructions', 'company_overview', 'job_overview'] as const) check.string([field], body[field]);
  check.string(['interview_process_overview'], body.interview_process_overview, { nullable: true, max: 10_000 });
  check.string(['deadline'], body.deadline, { nullable: true });
  check.string(['interview_template_id'], body.interview_template_id, { nullable: true });
  check.integer(['max_retakes'], body.max_retakes, 0, 5);
  check.boolean(['allow_sms_comms'], body.allow_sms_comms);
  check.stringMap(['metadata'], body.metadata);
  if (check.list(['workflow'], body.workflow)) {
    body.workflow.forEach((step, i) => {
      if (!isObject(step)) {
        check.problems.push({
          type: 'model_attributes_type',
          loc: ['body', 'workflow', i],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: step,
        });
        return;
      }
      if (!(STEP_TYPES as readonly unknown[]).includes(step.type)) {
        check.problems.push({
          type: 'union_tag_invalid',
          loc: ['body', 'workflow', i],
          msg: `Input tag '${String(step.type)}' found using 'type' does not match any of the expected tags: ${STEP_TYPES.map((t) => `'${t}'`).join(', ')}`,
          input: step,
          ctx: { discriminator: "'type'", tag: String(step.type), expected_tags: STEP_TYPES.map((t) => `'${t}'`).join(', ') },
        });
        return;
      }
      if (check.object(['workflow', i, 'config'], step.config) && step.type === 'web_interview') {
        check.boolean(['workflow', i, 'config', 'video'], step.config.video);
        check.string(['workflow', i, 'config', 'interview_type'], step.config.interview_type, { nullable: true });
        check.integer(['workflow', i, 'config', 'num_questions'], step.config.num_questions, 1, 25);
      }
      if (check.list(['workflow', i, 'questions'], step.questions)) {
        step.questions.forEach((question, j) => {
          const at = ['workflow', i, 'questions', j];
          if (!check.object(at, question)) {
            if (question === null || question === undefined)
              check.problems.push({
                type: 'model_type',
                loc: ['body', ...at],
                msg: 'Input should be a valid dictionary or instance of CreateQuestion',
                input: question,
              });
            return;
          }
          check.string([...at, 'modality'], question.modality, { required: true });
          check.string([...at, 'text'], question.text, { required: true });
          check.string([...at, 'evaluation_criteria'], question.evaluation_criteria, { nullable: true });
        });
      }
    });
  }
  if (check.problems.length === 0) {
    const hasWorkflow = body.workflow !== undefined && body.workflow !== null;
    const hasTemplate = body.interview_template_id !== undefined && body.interview_template_id !== null;
    if (hasWorkflow && hasTemplate) check.model('workflow and interview_template_id are mutually exclusive: provide one or the other');
    if (!hasWorkflow && !hasTemplate) check.model('workflow is required unless interview_template_id is provided');
  }
  if (check.problems.length > 0) return { status: 422, body: { detail: check.problems } };

  const errors = [
    ...(typeof body.deadline === 'string' && parseDeadline(body.deadline) === null
      ? [{ message: `deadline must be an ISO 8601 datetime (got '${body.deadline.slice(0, 40)}')`, param: 'deadline' }]
      : []),
    ...metadataErrors(body.metadata, 'metadata'),
  ];
  if (errors.length > 0) return validationFailed(errors);
  if (typeof body.interview_template_id === 'string' && !dataset.interviewTemplate(body.interview_template_id)) {
    return {
      status: 404,
      body: apiError('invalid_request_error', 'resource_missing', `No such interview template: '${body.interview_template_id}'`, 'interview_template_id'),
    };
  }
  return null;
}

/**
 * `active` at once (the non-ATS path). A template's blueprint is copied and the request's fields
 * override it, as the spec describes; unset fields take HeyMilo's documented defaults.
 */
export function buildCreatedPosting(body: CreatePostingBody, dataset: HeymiloDataset, random: SeededRandom, now: number): SimPosting {
  const id = `pst_${random.id(10)}`;
  const template = body.interview_template_id ? dataset.interviewTemplate(body.interview_template_id) : undefined;
  const blueprint = template ? dataset.posting(template.posting_id)?.posting : undefined;
  const slug = body.name ?? slugify(body.title, id);
  const steps = body.workflow ?? [];
  const workflow: SimPosting['workflow'] = blueprint
    ? blueprint.workflow
    : steps.map((step, i) => ({
        id: `agent_${STEP_CODE[step.type]}_${String(i + 1).padStart(3, '0')}`,
        type: step.type,
        order: i + 1,
        config: step.type === 'web_interview' ? webInterviewConfig(step as Spec['_WebInterviewStep']) : {},
      }));
  const deadline = body.deadline ? (parseDeadline(body.deadline) as number) : now + MONTH_DAYS * 86_400;
  const pick = <K extends keyof SimPosting>(key: K, fallback: SimPosting[K]): SimPosting[K] => {
    const sent = (body as Record<string, unknown>)[key];
    if (sent !== undefined && sent !== null) return sent as SimPosting[K];
    return blueprint && blueprint[key] !== undefined ? blueprint[key] : fallback;
  };
  return {
    object: 'posting',
    id,
    company_id: 'comp_acme01',
    title: body.title,
    name: slug,
    description: pick('description', ''),
    language: pick('language', 'en'),
    interviewer_name: pick('interviewer_name', 'Sarah'),
    status: 'active',
    finalized: true,
    archived: false,
    test_posting: false,
    workflow,
    urls: {
      candidate_url: `https://candidates.heymilo.io/acme/${slug}`,
      ingestion_url_key: random.id(45, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      review_url: `https://admin.heymilo.ai/w/ACME01/lab2/${id}/1-details`,
    },
    deadline,
    redirect_url: pick('redirect_url', null),
    scheduling_url: pick('scheduling_url', null),
    max_retakes: pick('max_retakes', 1),
    allow_sms_comms: pick('allow_sms_comms', workflow?.some((s) => s.type === 'conversational_sms') ?? false),
    instructions: pick('instructions', ''),
    company_overview: pick('company_overview', ''),
    job_overview: pick('job_overview', ''),
    interview_process_overview: pick('interview_process_overview', null),
    company_overview_delivery_mode: pick('company_overview_delivery_mode', 'exact_delivery'),
    job_overview_delivery_mode: pick('job_overview_delivery_mode', 'exact_delivery'),
    interview_process_overview_delivery_mode: pick('interview_process_overview_delivery_mode', null),
    phone_number_id: pick('phone_number_id', null),
    sender_email_id: pick('sender_email_id', null),
    email_template_group_id: pick('email_template_group_id', null),
    design_template_group_id: pick('design_template_group_id', null),
    retake_cooldown_days: pick('retake_cooldown_days', 30),
    email_report_to_candidate: pick('email_report_to_candidate', false),
    ats_metadata: null,
    metadata: body.metadata ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** The 201 body of `POST /api/v2/postings` (`SingleResponse[CreatePostingResponse]`). */
export function createdPostingBody(posting: SimPosting): Spec['SingleResponse_CreatePostingResponse_'] {
  return {
    data: {
      object: 'posting',
      id: posting.id,
      status: posting.status,
      urls: posting.urls ?? {},
      created_at: posting.created_at ?? 0,
      posting,
    },
    meta: {},
  };
}

/** The stored step config, in the data set's own shape (`video_enabled`, `question_count`) plus what was sent. */
function webInterviewConfig(step: Spec['_WebInterviewStep']): Record<string, unknown> {
  const config = step.config ?? {};
  return {
    video_enabled: config.video ?? false,
    cheat_detection: false,
    interview_type: config.interview_type ?? 'general',
    question_count: step.questions?.length ?? config.num_questions ?? null,
  };
}

/* ============================================================================ POST /api/v2/postings/{posting_id}/candidates */

/** The posting is the route's to check (404), after the body, as FastAPI validates before the handler runs. */
export function checkIngestCandidate(body: unknown): HeymiloRefusal | null {
  if (!isObject(body)) return notAnObject(body);
  const check = new Checker(body);
  check.string(['name'], body.name, { required: true });
  check.string(['email'], body.email, { required: true });
  check.email(['email'], body.email);
  check.string(['phone_number'], body.phone_number, { nullable: true });
  check.stringMap(['metadata'], body.metadata);
  check.object(['data'], body.data);
  if (check.problems.length > 0) return { status: 422, body: { detail: check.problems } };
  const errors = [
    ...(typeof body.phone_number === 'string' && !E164.test(body.phone_number)
      ? [{ message: 'phone_number must be in E.164 format (e.g. +12065551234)', param: 'phone_number' }]
      : []),
    ...metadataErrors(body.metadata, 'metadata'),
  ];
  return errors.length > 0 ? validationFailed(errors) : null;
}

/** The candidate keeps the `candidate_id` of an earlier interview with the same email: HeyMilo shares it across postings. */
export function buildIngestedInterview(
  body: Spec['CandidateIngestRequest'],
  posting: SimPosting,
  dataset: HeymiloDataset,
  random: SeededRandom,
  now: number,
): HeymiloInterviewRecord {
  const interviewId = `int_${random.id(16)}`;
  const earlier = dataset.interviewByEmail(body.email);
  const candidateId = earlier?.candidateId ?? `cand_${random.id(12)}`;
  const steps = [...(posting.workflow ?? [])].sort((a, b) => a.order - b.order);
  const workflow: Spec['CandidateWorkflow'] = {
    steps: steps.map((step, i) => ({
      step_id: step.id ?? `agent_${STEP_CODE[step.type] ?? 'st'}_${String(i + 1).padStart(3, '0')}`,
      order: step.order,
      status: 'not_started',
      started: false,
      completed: false,
      knocked_out: false,
      last_updated_at: null,
    })),
    all_complete: false,
    last_activity_at: null,
  };
  const metadata = body.metadata ?? null;
  const extra = body.data ?? null;
  const candidate: SimCandidate = {
    object: 'candidate',
    interview_id: interviewId,
    candidate_id: candidateId,
    posting_id: posting.id,
    name: body.name,
    email: body.email,
    score: null,
    status: 'pending',
    interview_url: `https://candidates.heymilo.io/acme/i/${interviewId}`,
    workflow,
    agent_summary: null,
    shortlisted: false,
    dismissed: false,
    metadata,
    data: extra,
    interviewed_at: null,
    created_at: now,
  };
  const data: SimInterviewData = {
    object: 'interview_data',
    interview_id: interviewId,
    candidate_id: candidateId,
    posting_id: posting.id,
    name: body.name,
    email: body.email,
    score: null,
    status: 'not_ready',
    workflow,
    web_interview: null,
    resume: null,
    sms: null,
    form: null,
    metadata,
    data: extra,
  };
  return {
    interviewId,
    postingId: posting.id,
    candidateId,
    personIndex: earlier?.personIndex ?? HEYMILO_API_INVITEE,
    status: 'pending',
    ready: false,
    createdAt: now,
    candidate,
    data,
    has: { webInterview: false, video: false, sms: false, resume: false, form: false, cheatDetection: false },
  };
}

/** The 201 body of the ingest (`SingleResponse[IngestCandidateResponse]`), with the full candidate receipt. */
export function ingestedCandidateBody(record: HeymiloInterviewRecord): Spec['SingleResponse_IngestCandidateResponse_'] {
  return {
    data: {
      object: 'candidate',
      interview_id: record.interviewId,
      interview_url: record.candidate.interview_url ?? '',
      posting_id: record.postingId,
      candidate: record.candidate,
    },
    meta: {},
  };
}

/* ============================================================================ helpers */

/** HeyMilo's `APIErrorResponse`. */
export function apiError(type: string, code: string, message: string, param?: string) {
  return { error: { type, code, message, ...(param ? { param } : {}) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A zone-less value is UTC, like the list filters. */
function parseDeadline(value: string): number | null {
  const trimmed = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(trimmed);
  if (!match) return null;
  // Date.parse rolls 2026-02-30 over to March 2; Python's parser refuses it.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : /[T ]/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : `${trimmed}T00:00:00Z`;
  const millis = Date.parse(zoned);
  return Number.isNaN(millis) ? null : Math.floor(millis / 1000);
}

function slugify(title: string, id: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug.length > 0 ? slug : id.toLowerCase();
}
