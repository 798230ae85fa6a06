/**
 * The writes of the micro1 adapter: `createTemplate` is one POST /interview, `inviteCandidate` one
 * POST /interview/invite, never retried; what they return carries the same locators the reads
 * use, so the new template or session is found by id right after.
 *
 * Before any call, the unified command (NewTemplate, NewInvitation) becomes a micro1 request body
 * (pure: no I/O). Everything micro1 would refuse, and every unified field it cannot take, fails
 * there as BAD_USER_INPUT naming the field (`input.questions[2].timeLimitSeconds`), so such input
 * never reaches the vendor and nothing is dropped silently. Fields the caller left null are omitted
 * from the body, so micro1's own defaults apply (language `en`, proctoring on, e-mail sent).
 */
import { z } from 'zod';
import type { NewInvitation, NewTemplate } from '../../domain/commands';
import type { Interview, InterviewTemplate } from '../../domain/model';
import { ErrorCode } from '../../errors/error-code';
import { NotFoundError } from '../../errors/not-found.error';
import { VendorError } from '../../errors/vendor.error';
import { invalidInput, parseOptions, refuseUnsupported, checkMaxItems } from '../kit/command-input';
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
/**
 * Answer time limits micro1 takes, in SECONDS: its `time` is whole minutes from 1 to 4. Other
 * values are refused rather than rounded, so the template never silently differs from the input.
 */
export const MICRO1_QUESTION_SECONDS: readonly number[] = [60, 120, 180, 240];

const LANGUAGES: ReadonlySet<string> = new Set(MICRO1_INTERVIEW_LANGUAGES);
/** How `codingLanguage` is spelled in the GraphQL enum (`USER_CHOICE`, `CSHARP`, …). */
const CODING_LANGUAGE_NAMES = MICRO1_CODING_LANGUAGES.map((l) => l.toUpperCase());

/**
 * `input.micro1` of createInterviewTemplate. Every field optional; null or absent → not sent.
 * Strict: a key this adapter does not know is refused, not ignored.
 */
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

/** `input.micro1` of inviteCandidate. */
export const micro1InvitationOptionsSchema = z.strictObject({
  /** A micro1 job application to attach the session to. */
  jobApplicationId: z.string().trim().min(1, { error: 'must not be blank.' }).nullish(),
});
export type Micro1InvitationOptions = z.infer<typeof micro1InvitationOptionsSchema>;

/** The writes of a micro1 adapter over `client`. */
export function micro1Writes(client: Micro1Client): Required<VendorWrites> {
  return bindRole<Required<VendorWrites>, Micro1Client>(client, { createTemplate, inviteCandidate });
}

/** One POST /interview, after the checks of buildCreateInterviewRequest. */
async function createTemplate(client: Micro1Client, input: NewTemplate): Promise<InterviewTemplate> {
  const request = buildCreateInterviewRequest(input);
  const created = await client.createInterview(request);
  return normalizeCreatedTemplate(created.parsed, input, created.raw);
}

/**
 * One POST /interview/invite, after the checks of buildInviteRequest. A template locator that
 * cannot name a micro1 interview, or one micro1 does not know, is NOT_FOUND.
 */
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

/**
 * NewTemplate → POST /interview body. Checks, in order: `description` and per-question
 * `evaluationCriteria` refused (micro1 takes neither); `name` not blank; `language` one of
 * micro1's 36 codes; at most 10 skills, each named; at most 20 questions, each with text and a
 * time limit of 60/120/180/240 s (sent as minutes); the `micro1` options block.
 */
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

/**
 * NewInvitation → POST /interview/invite body (one candidate). Checks: `expiresAt` and
 * `candidate.phone` refused (micro1 takes neither); candidate name and email not blank; the
 * `micro1` options block. `sendEmail` false → `disable_email_notification: true`, true → false,
 * null → omitted (micro1 emails by default). The template locator is the caller's to check.
 */
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

/**
 * micro1's answer to an invite for an interview it does not have: a 404, or (ASSUMPTION: the spec
 * declares only 400 for POST /interview/invite) a 400 refusal whose message says the interview is
 * not found / invalid. Any other refusal stays VENDOR_VALIDATION_FAILED.
 */
function isUnknownInterview(error: unknown): boolean {
  if (error instanceof NotFoundError) return true;
  if (!(error instanceof VendorError) || error.code !== ErrorCode.VENDOR_VALIDATION_FAILED) return false;
  const said = error.extensions.vendorMessage;
  return typeof said === 'string' && UNKNOWN_INTERVIEW.test(said);
}

const UNKNOWN_INTERVIEW =
  /\binterview(?:[ _]?id)?\b.{0,40}\b(?:not found|does ?n[o']t exist|invalid|unknown)\b|\b(?:invalid|unknown|no such)\s+interview(?:[ _]?id)?\b/i;

/**
 * The invitation micro1 made for the one candidate sent: the one echoing that email (compared
 * case-insensitively, micro1 may re-case it), else the only one. None means micro1 acted but the
 * gateway cannot tell what it made: a bad response whose outcome is unknown.
 */
function invitationFor(invitations: readonly Micro1Invitation[], email: string): Micro1Invitation {
  const wanted = email.trim().toLowerCase();
  const match = invitations.find((i) => i.candidate_email?.trim().toLowerCase() === wanted) ?? (invitations.length === 1 ? invitations[0] : undefined);
  if (match) return match;
  throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, MICRO1, {
    detail: { route: MICRO1_ROUTES.invite, reason: 'no invitation for the candidate sent', count: invitations.length },
    outcomeUnknown: true,
  });
}
