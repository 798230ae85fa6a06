/**
 * Unified write commands (NewTemplate, NewInvitation) → micro1 request bodies, validated first.
 * Pure: no I/O. Everything micro1 would refuse, and every unified field it cannot take, fails here
 * as BAD_USER_INPUT naming the field (`input.questions[2].timeLimitSeconds`), so such input never
 * reaches the vendor and nothing is dropped silently. Fields the caller left null are omitted from
 * the body, so micro1's own defaults apply (language `en`, proctoring on, e-mail sent).
 */
import { z } from 'zod';
import { AnswerMode, type NewInvitation, type NewTemplate } from '../../domain/commands';
import { Provider } from '../../domain/provider';
import { invalidInput, parseOptions, refuseUnsupported, checkMaxItems } from '../kit/command-input';
import {
  MICRO1_CODING_LANGUAGES,
  MICRO1_INTERVIEW_LANGUAGES,
  type Micro1CodingLanguage,
  type Micro1CreateInterviewRequest,
  type Micro1InterviewLanguage,
  type Micro1InviteRequest,
  type Micro1QuestionType,
} from './micro1.raw';

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

const QUESTION_TYPE: Record<AnswerMode, Micro1QuestionType> = {
  [AnswerMode.SPEECH]: 'audio',
  [AnswerMode.TEXT]: 'text',
};

/** The unified answer mode as micro1's question `type`; null when the caller left it to micro1. */
export function micro1QuestionType(mode: AnswerMode | null): Micro1QuestionType | null {
  return mode === null ? null : QUESTION_TYPE[mode];
}

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

/**
 * NewTemplate → POST /interview body. Checks, in order: `description` and per-question
 * `evaluationCriteria` refused (micro1 takes neither); `name` not blank; `language` one of
 * micro1's 36 codes; at most 10 skills, each named; at most 20 questions, each with text and a
 * time limit of 60/120/180/240 s (sent as minutes); the `micro1` options block.
 */
export function buildCreateInterviewRequest(input: NewTemplate): Micro1CreateInterviewRequest {
  const p = Provider.MICRO1;
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
  const p = Provider.MICRO1;
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
