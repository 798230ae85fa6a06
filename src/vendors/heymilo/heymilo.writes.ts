/**
 * Never retried: a repeated ingest would make a second interview. Bodies are checked against
 * HeyMilo's documented limits (`heymilo.openapi.json`) before any call: whatever HeyMilo cannot
 * take is refused as BAD_USER_INPUT, never dropped; only what the client gave is sent.
 */
import { z } from 'zod';
import { AnswerMode, type NewInvitation, type NewTemplate } from '../../domain/commands';
import type { Interview, InterviewTemplate } from '../../domain/model';
import { NotFoundError } from '../../errors/not-found.error';
import { invalidInput, parseOptions, refuseUnsupported, vendorIdOption } from '../kit/command-input';
import { bindRole, type VendorWrites } from '../vendor-roles';
import type { HeymiloClient } from './heymilo.client';
import { isHeymiloId } from './heymilo.ids';
import { normalizeHeymiloCreatedPosting, normalizeHeymiloIngestedCandidate } from './heymilo.normalize';
import type {
  HeymiloCandidateIngestRequest,
  HeymiloCreatePostingRequest,
  HeymiloInterviewType,
  HeymiloVoiceQuestion,
  HeymiloWebInterviewConfig,
  HeymiloWebInterviewStep,
} from './heymilo.raw';
import { HEYMILO } from './heymilo.descriptor';

const PROVIDER = HEYMILO;
const VENDOR = 'HeyMilo';

/** `CreatePostingRequest.title`: 3–200 characters. */
export const HEYMILO_TITLE_LENGTH = { min: 3, max: 200 } as const;
/** `CreatePostingRequest.description`: at most 50,000 characters. */
export const HEYMILO_DESCRIPTION_MAX = 50_000;
/** `CandidateIngestRequest.metadata`: up to 50 keys, each key ≤ 40 characters, each value ≤ 500. */
export const HEYMILO_METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

/** ISO 639-1: two lower-case letters (`en`, `fr`), the only form `CreatePostingRequest.language` documents. */
const ISO_639_1 = /^[a-z]{2}$/;
/** E.164: `+`, a non-zero country digit, 7–15 digits in all (`+12065551234`). */
const E164 = /^\+[1-9]\d{6,14}$/;
/** An ISO-8601 date or date-time (`2026-03-15`, `2026-03-15T00:00:00Z`, with an offset or fraction). */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `Date.parse` alone rolls `2026-02-30` over to March 2, where HeyMilo's (Python) parser refuses it. */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_8601.exec(value.trim());
  if (!match || Number.isNaN(Date.parse(value.trim()))) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Length in characters as HeyMilo (Python) counts them: code points, not UTF-16 units. */
function characters(value: string): number {
  return [...value].length;
}

export function heymiloWrites(client: HeymiloClient): Required<VendorWrites> {
  return bindRole<Required<VendorWrites>, HeymiloClient>(client, { createTemplate, inviteCandidate });
}

/** An unknown HeyMilo template id (404) is NOT_FOUND naming it. */
async function createTemplate(client: HeymiloClient, input: NewTemplate): Promise<InterviewTemplate> {
  const body = createHeymiloPostingRequest(input);
  const created = await client.createPosting(body).catch((error: unknown) => {
    if (error instanceof NotFoundError && body.interview_template_id !== undefined) {
      throw new NotFoundError(`HeyMilo has no interview template "${body.interview_template_id}" (input.heymilo.heymiloTemplateId).`, HEYMILO);
    }
    throw error;
  });
  return normalizeHeymiloCreatedPosting(created.parsed, body, created.raw);
}

/** A locator that cannot be a HeyMilo id is NOT_FOUND without a call. */
async function inviteCandidate(client: HeymiloClient, input: NewInvitation): Promise<Interview> {
  const body = createHeymiloIngestRequest(input);
  const postingId = input.templateLocator;
  if (!isHeymiloId(postingId)) throw unknownPosting(postingId);
  const receipt = await client.ingestCandidate(postingId, body).catch((error: unknown) => {
    throw error instanceof NotFoundError ? unknownPosting(postingId) : error;
  });
  return normalizeHeymiloIngestedCandidate(receipt.parsed, body, receipt.raw);
}

function unknownPosting(locator: string): NotFoundError {
  const shown = locator.length > 80 ? `${locator.slice(0, 79)}…` : locator;
  return new NotFoundError(`HeyMilo has no interview template (posting) "${shown}".`, HEYMILO);
}

/* ============================================================================ options */

const nonBlank = (what: string) => z.string().refine((value) => value.trim().length > 0, `${what} must not be blank.`);

/** Unknown keys are refused so a field added to the schema cannot be dropped silently. */
export const heymiloTemplateOptionsSchema = z.strictObject({
  interviewerName: nonBlank('interviewerName').nullish(),
  instructions: z.string().nullish(),
  companyOverview: z.string().nullish(),
  jobOverview: z.string().nullish(),
  deadline: z.string().refine(isIsoDateTime, 'must be an ISO-8601 date or date-time, e.g. 2026-03-15T00:00:00Z.').nullish(),
  maxRetakes: z.number().int('must be a whole number.').min(0, 'HeyMilo takes 0 to 5 retakes.').max(5, 'HeyMilo takes 0 to 5 retakes.').nullish(),
  video: z.boolean().nullish(),
  /** GraphQL enum names; sent lower-case. */
  interviewType: z.enum(['GENERAL', 'TECHNICAL', 'CULTURAL', 'BEHAVIORAL']).nullish(),
  questionCount: z
    .number()
    .int('must be a whole number.')
    .min(1, 'HeyMilo generates 1 to 25 questions.')
    .max(25, 'HeyMilo generates 1 to 25 questions.')
    .nullish(),
  heymiloTemplateId: vendorIdOption('HeyMilo'),
});

export type HeymiloTemplateOptions = z.infer<typeof heymiloTemplateOptionsSchema>;

const { keys: MAX_KEYS, keyLength: MAX_KEY, valueLength: MAX_VALUE } = HEYMILO_METADATA_LIMITS;

/** `input.heymilo` of inviteCandidate: `metadata` as GraphQL key/value pairs (keys unique). */
export const heymiloInvitationOptionsSchema = z.strictObject({
  metadata: z
    .array(
      z.strictObject({
        key: z
          .string()
          .min(1, 'must not be empty.')
          .refine((key) => characters(key) <= MAX_KEY, `HeyMilo takes metadata keys of at most ${MAX_KEY} characters.`),
        value: z.string().refine((value) => characters(value) <= MAX_VALUE, `HeyMilo takes metadata values of at most ${MAX_VALUE} characters.`),
      }),
    )
    .max(MAX_KEYS, `HeyMilo takes at most ${MAX_KEYS} metadata keys.`)
    .superRefine((pairs, ctx) => {
      const seen = new Set<string>();
      pairs.forEach((pair, index) => {
        if (seen.has(pair.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `duplicate metadata key "${pair.key}".` });
        seen.add(pair.key);
      });
    })
    .nullish(),
});

export type HeymiloInvitationOptions = z.infer<typeof heymiloInvitationOptionsSchema>;

/* ============================================================================ builders */

/** With `heymiloTemplateId`, questions and workflow settings are refused: HeyMilo copies the workflow from the template. */
export function createHeymiloPostingRequest(input: NewTemplate): HeymiloCreatePostingRequest {
  const options = parseOptions(PROVIDER, heymiloTemplateOptionsSchema, input.options);

  if (input.name.trim().length === 0) throw invalidInput(PROVIDER, 'name', 'must not be blank.');
  const titleLength = characters(input.name);
  if (titleLength < HEYMILO_TITLE_LENGTH.min || titleLength > HEYMILO_TITLE_LENGTH.max) {
    throw invalidInput(PROVIDER, 'name', `${VENDOR} takes ${HEYMILO_TITLE_LENGTH.min} to ${HEYMILO_TITLE_LENGTH.max} characters (got ${titleLength}).`);
  }
  const descriptionLength = input.description === null ? 0 : characters(input.description);
  if (descriptionLength > HEYMILO_DESCRIPTION_MAX) {
    throw invalidInput(PROVIDER, 'description', `${VENDOR} takes at most ${HEYMILO_DESCRIPTION_MAX} characters (got ${descriptionLength}).`);
  }
  if (input.language !== null && !ISO_639_1.test(input.language)) {
    throw invalidInput(PROVIDER, 'language', `${VENDOR} takes an ISO 639-1 code of two lower-case letters, e.g. "fr" (got "${input.language}").`);
  }
  refuseUnsupported(PROVIDER, VENDOR, { skills: input.skills }, 'describe them in description or as questions');

  const questions = input.questions.map((question, i): HeymiloVoiceQuestion => {
    if (question.text.trim().length === 0) throw invalidInput(PROVIDER, `questions[${i}].text`, 'must not be blank.');
    refuseUnsupported(PROVIDER, VENDOR, { [`questions[${i}].timeLimitSeconds`]: question.timeLimitSeconds }, 'HeyMilo paces its voice interview itself');
    if (question.answerMode === AnswerMode.TEXT) {
      throw invalidInput(
        PROVIDER,
        `questions[${i}].answerMode`,
        `TEXT is not supported by ${VENDOR} (its web interview questions are answered by voice; use SPEECH or null).`,
      );
    }
    return {
      modality: 'voice',
      text: question.text,
      ...(question.evaluationCriteria !== null ? { evaluation_criteria: question.evaluationCriteria } : {}),
    };
  });

  const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
  const templateId = options.heymiloTemplateId;
  if (given(templateId)) {
    // The spec: `workflow` and `interview_template_id` are mutually exclusive; the template's workflow is cloned.
    const clash = 'cannot be combined with heymilo.heymiloTemplateId (HeyMilo copies the workflow and its questions from the template).';
    if (questions.length > 0) throw invalidInput(PROVIDER, 'questions', clash);
    if (given(options.video)) throw invalidInput(PROVIDER, 'heymilo.video', clash);
    if (given(options.interviewType)) throw invalidInput(PROVIDER, 'heymilo.interviewType', clash);
    if (given(options.questionCount)) throw invalidInput(PROVIDER, 'heymilo.questionCount', clash);
  } else if (given(options.questionCount) && questions.length > 0) {
    // The spec: `num_questions` is "ignored if questions provided".
    throw invalidInput(PROVIDER, 'heymilo.questionCount', 'cannot be combined with questions (HeyMilo ignores the count when questions are given).');
  }

  const config: HeymiloWebInterviewConfig = {
    ...(given(options.video) ? { video: options.video } : {}),
    ...(given(options.interviewType) ? { interview_type: options.interviewType.toLowerCase() as HeymiloInterviewType } : {}),
    ...(given(options.questionCount) ? { num_questions: options.questionCount } : {}),
  };
  const step: HeymiloWebInterviewStep = {
    type: 'web_interview',
    ...(Object.keys(config).length > 0 ? { config } : {}),
    ...(questions.length > 0 ? { questions } : {}),
  };

  return {
    title: input.name,
    ...(given(input.description) ? { description: input.description } : {}),
    ...(given(input.language) ? { language: input.language } : {}),
    ...(given(templateId) ? { interview_template_id: templateId } : { workflow: [step] }),
    ...(given(options.interviewerName) ? { interviewer_name: options.interviewerName } : {}),
    ...(given(options.instructions) ? { instructions: options.instructions } : {}),
    ...(given(options.companyOverview) ? { company_overview: options.companyOverview } : {}),
    ...(given(options.jobOverview) ? { job_overview: options.jobOverview } : {}),
    ...(given(options.deadline) ? { deadline: options.deadline } : {}),
    ...(given(options.maxRetakes) ? { max_retakes: options.maxRetakes } : {}),
  };
}

/** `sendEmail` and `expiresAt` are refused: HeyMilo takes neither per candidate. */
export function createHeymiloIngestRequest(input: NewInvitation): HeymiloCandidateIngestRequest {
  const options = parseOptions(PROVIDER, heymiloInvitationOptionsSchema, input.options);
  const { name, email, phone } = input.candidate;
  if (name.trim().length === 0) throw invalidInput(PROVIDER, 'candidate.name', 'must not be blank.');
  if (phone !== null && !E164.test(phone)) {
    throw invalidInput(PROVIDER, 'candidate.phone', `${VENDOR} takes phone numbers in E.164 format, e.g. +12065551234.`);
  }
  refuseUnsupported(PROVIDER, VENDOR, { sendEmail: input.sendEmail }, 'HeyMilo emails candidates as its posting is set up to');
  refuseUnsupported(
    PROVIDER,
    VENDOR,
    { expiresAt: input.expiresAt },
    "HeyMilo invitations end at the posting's deadline: set heymilo.deadline when creating the template",
  );
  const metadata = options.metadata ?? [];
  return {
    name,
    email,
    ...(phone !== null ? { phone_number: phone } : {}),
    ...(metadata.length > 0 ? { metadata: Object.fromEntries(metadata.map((pair) => [pair.key, pair.value])) } : {}),
  };
}
