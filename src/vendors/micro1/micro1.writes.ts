/**
 * Writes are never retried (micro1 documents no idempotency). Everything micro1 would refuse, and
 * every unified field it cannot take, fails before the call as BAD_USER_INPUT naming the field, so
 * nothing is dropped silently; null fields are omitted so micro1's defaults apply.
 */
import { z } from 'zod';
import type { NewInvitation, NewTemplate } from '../../domain/commands';
import type { Interview, InterviewTemplate } from '../../domain/model';
import { ErrorCode } from '../../errors/error-code';
import { NotFoundError } from '../../errors/not-found.error';
import { VendorError } from '../../errors/vendor.error';
import { invalidInput, parseOptions, refuseUnsupported, checkMaxItems, vendorIdOption } from '../kit/command-input';
import { bindRole, type VendorWrites } from '../vendor-roles';
import type { WithRaw } from '../kit/schema-drift';
import { MICRO1_ROUTES, type Micro1Client } from './micro1.client';
import { isTemplateLocator } from './micro1.ids';
import { micro1QuestionType, normalizeCreatedTemplate, normalizeNewInvitation } from './micro1.normalize';
import {
  MICRO1_CODING_LANGUAGES,
  MICRO1_INTERVIEW_LANGUAGES,
  type Micro1CodingLanguage,
  type Micro1CreateInterviewRequest,
  type Micro1InterviewLanguage,
  type Micro1Invitation,
  type Micro1InviteRequest,
} from './micro1.raw';
import { MICRO1 } from './micro1.descriptor';

const VENDOR = 'micro1';

/** Most skills one micro1 interview takes (CreateInterviewRequest.skills). */
export const MICRO1_MAX_SKILLS = 10;
/** Most custom questions one micro1 interview takes (CreateInterviewRequest.custom_question_list). */
export const MICRO1_MAX_QUESTIONS = 20;
/** micro1's `time` is whole minutes 1–4; other values are refused rather than rounded, so the template never differs from the input. */
export const MICRO1_QUESTION_SECONDS: readonly number[] = [60, 120, 180, 240];

const LANGUAGES: ReadonlySet<string> = new Set(MICRO1_INTERVIEW_LANGUAGES);
/** How `codingLanguage` is spelled in the GraphQL enum (`USER_CHOICE`, `CSHARP`, …). */
const CODING_LANGUAGE_NAMES = MICRO1_CODING_LANGUAGES.map((l) => l.toUpperCase());

/** Strict: a key this adapter does not know is refused, not ignored. */
export const micro1TemplateOptionsSchema = z.strictObject({
  candidateCanChangeLanguage: z.boolean().nullish(),
  onlyCodingRound: z.boolean().nullish(),
  codingRoundRequired: z.boolean().nullish(),
  /** GraphQL enum name (`PYTHON`); sent lower-case (`python`), as micro1's enum spells it. */
  codingLanguage: z
    .string()
    .refine((v) => (MICRO1_CODING_LANGUAGES as readonly string[]).includes(v.toLowerCase()), {
      error: `must be one of micro1's coding languages: ${CODING_LANGUAGE_NAMES.join(', ')}.`,
    })
    .transform((v) => v.toLowerCase() as Micro1CodingLanguage)
    .nullish(),
  codingExerciseDetails: z.string().nullish(),
  proctoring: z.boolean().nullish(),
});
export type Micro1TemplateOptions = z.infer<typeof micro1TemplateOptionsSchema>;

export const micro1InvitationOptionsSchema = z.strictObject({
  /** A micro1 job application to attach the session to. */
  jobApplicationId: vendorIdOption('micro1'),
});
export type Micro1InvitationOptions = z.infer<typeof micro1InvitationOptionsSchema>;

export function micro1Writes(client: Micro1Client): Required<VendorWrites> {
  return bindRole<Required<VendorWrites>, Micro1Client>(client, { createTemplate, inviteCandidate });
}

async function createTemplate(client: Micro1Client, input: NewTemplate): Promise<InterviewTemplate> {
  const request = buildCreateInterviewRequest(input);
  const created = await client.createInterview(request);
  return normalizeCreatedTemplate(created.parsed, input, created.raw);
}

/** A template locator micro1 does not know is NOT_FOUND. */
async function inviteCandidate(client: Micro1Client, input: NewInvitation): Promise<Interview> {
  const request = buildInviteRequest(input);
  // A session locator (or garbage) cannot name a micro1 interview: no call can find it.
  if (!isTemplateLocator(input.templateLocator)) throw unknownTemplate(input.templateLocator);
  let answer: WithRaw<{ invitations: Micro1Invitation[] }>;
  try {
    answer = await client.inviteCandidates(request);
  } catch (error) {
    throw isUnknownInterview(error) ? unknownTemplate(input.templateLocator) : error;
  }
  return normalizeNewInvitation(invitationFor(answer.parsed.invitations, input.candidate.email), input, answer.raw);
}

/** `description` and per-question `evaluationCriteria` are refused: micro1 takes neither. */
export function buildCreateInterviewRequest(input: NewTemplate): Micro1CreateInterviewRequest {
  const p = MICRO1;
  refuseUnsupported(p, VENDOR, { description: input.description }, 'a micro1 interview has a name, skills and questions');
  input.questions.forEach((q, i) => {
    refuseUnsupported(p, VENDOR, { [`questions[${i}].evaluationCriteria`]: q.evaluationCriteria }, 'micro1 evaluates answers itself');
  });

  if (input.name.trim().length === 0) throw invalidInput(p, 'name', 'must not be blank.');
  if (input.language !== null && !LANGUAGES.has(input.language)) {
    throw invalidInput(p, 'language', `must be one of micro1's interview language codes: ${MICRO1_INTERVIEW_LANGUAGES.join(', ')} (got "${input.language}").`);
  }

  checkMaxItems(p, 'skills', input.skills.length, MICRO1_MAX_SKILLS, VENDOR);
  input.skills.forEach((s, i) => {
    if (s.name.trim().length === 0) throw invalidInput(p, `skills[${i}].name`, 'must not be blank.');
  });

  checkMaxItems(p, 'questions', input.questions.length, MICRO1_MAX_QUESTIONS, VENDOR);
  input.questions.forEach((q, i) => {
    if (q.text.trim().length === 0) throw invalidInput(p, `questions[${i}].text`, 'must not be blank.');
    if (q.timeLimitSeconds !== null && !MICRO1_QUESTION_SECONDS.includes(q.timeLimitSeconds)) {
      throw invalidInput(
        p,
        `questions[${i}].timeLimitSeconds`,
        `micro1 takes whole minutes from 1 to 4 (60, 120, 180 or 240 seconds) (got ${q.timeLimitSeconds}).`,
      );
    }
  });

  const options = parseOptions(p, micro1TemplateOptionsSchema, input.options);

  const body: Micro1CreateInterviewRequest = { interview_name: input.name };
  if (input.skills.length > 0) {
    body.skills = input.skills.map((s) => ({ name: s.name, ...(s.description === null ? {} : { description: s.description }) }));
  }
  if (input.questions.length > 0) {
    body.custom_question_list = input.questions.map((q) => {
      const type = micro1QuestionType(q.answerMode);
      return {
        question: q.text,
        ...(q.timeLimitSeconds === null ? {} : { time: q.timeLimitSeconds / 60 }),
        ...(type === null ? {} : { type }),
      };
    });
  }
  if (input.language !== null) body.interview_language = input.language as Micro1InterviewLanguage;
  setIfGiven(body, 'can_change_interview_language', options.candidateCanChangeLanguage);
  setIfGiven(body, 'only_coding_round', options.onlyCodingRound);
  setIfGiven(body, 'is_coding_round_required', options.codingRoundRequired);
  setIfGiven(body, 'selected_coding_language', options.codingLanguage);
  setIfGiven(body, 'coding_exercise_details', options.codingExerciseDetails);
  setIfGiven(body, 'is_proctoring_required', options.proctoring);
  return body;
}

/** `expiresAt` and `candidate.phone` are refused: micro1 takes neither. `sendEmail` null → omitted (micro1 emails by default). */
export function buildInviteRequest(input: NewInvitation): Micro1InviteRequest {
  const p = MICRO1;
  refuseUnsupported(p, VENDOR, { expiresAt: input.expiresAt }, 'micro1 invitations take no expiry');
  refuseUnsupported(p, VENDOR, { 'candidate.phone': input.candidate.phone }, 'micro1 invites by e-mail');
  if (input.candidate.name.trim().length === 0) throw invalidInput(p, 'candidate.name', 'must not be blank.');
  if (input.candidate.email.trim().length === 0) throw invalidInput(p, 'candidate.email', 'must not be blank.');
  const options = parseOptions(p, micro1InvitationOptionsSchema, input.options);

  const body: Micro1InviteRequest = {
    interview_id: input.templateLocator,
    candidates: [{ name: input.candidate.name, email: input.candidate.email }],
  };
  if (input.sendEmail !== null) body.disable_email_notification = !input.sendEmail;
  setIfGiven(body, 'job_application_id', options.jobApplicationId);
  return body;
}

/** Sets `body[key]` unless the value is null/undefined (so micro1's default applies). */
function setIfGiven<B extends object, K extends keyof B>(body: B, key: K, value: B[K] | null | undefined): void {
  if (value !== null && value !== undefined) body[key] = value;
}

function unknownTemplate(locator: string): NotFoundError {
  return new NotFoundError(`micro1 has no interview template "${locator}".`, MICRO1);
}

/** ASSUMPTION: the spec declares only 400 for POST /interview/invite, so a 400 saying "not found / invalid" counts too. */
function isUnknownInterview(error: unknown): boolean {
  if (error instanceof NotFoundError) return true;
  if (!(error instanceof VendorError) || error.code !== ErrorCode.VENDOR_VALIDATION_FAILED) return false;
  const said = error.extensions.vendorMessage;
  return typeof said === 'string' && UNKNOWN_INTERVIEW.test(said);
}

const UNKNOWN_INTERVIEW =
  /\binterview(?:[ _]?id)?\b.{0,40}\b(?:not found|does ?n[o']t exist|invalid|unknown)\b|\b(?:invalid|unknown|no such)\s+interview(?:[ _]?id)?\b/i;

/** Matched by email case-insensitively (micro1 may re-case it). None: micro1 acted but the outcome is unknown. */
function invitationFor(invitations: readonly Micro1Invitation[], email: string): Micro1Invitation {
  const wanted = email.trim().toLowerCase();
  const match = invitations.find((i) => i.candidate_email?.trim().toLowerCase() === wanted) ?? (invitations.length === 1 ? invitations[0] : undefined);
  if (match) return match;
  throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, MICRO1, {
    detail: { route: MICRO1_ROUTES.invite, reason: 'no invitation for the candidate sent', count: invitations.length },
    outcomeUnknown: true,
  });
}
