/**
 * The micro1 simulator's write routes (OpenAPI CreateInterview/InviteCandidate, REFERENCE.md §1.2).
 * A body is checked whole before anything is added, so a refused request changes nothing. No
 * idempotency, as micro1 documents none: a re-invite is a second session, which needs a new
 * candidate_id since sessions are located by (interview_id, candidate_id).
 *
 * ASSUMPTIONS where the docs are silent: the 400 messages' wording; a question without `time` gets
 * 2 minutes and without `type` is `audio`; languages are listed as display names;
 * `job_application_id` is accepted and not modelled; a `candidate_id` (re-send) answers that
 * session's invitation again without creating one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { addMicro1Invite, addMicro1Template, naiveUtc, type Micro1Dataset, type SimInterview, type SimInvite } from './micro1.data';

/** What a route answers: HTTP status and JSON body. */
export interface Micro1WriteAnswer {
  status: number;
  body: unknown;
}

/** `interview_language` codes (request) → the display name GET /interviews shows. */
export const MICRO1_LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  fr: 'French',
  de: 'German',
  he: 'Hebrew',
  hi: 'Hindi',
  pt: 'Portuguese',
  es: 'Spanish',
  'es-la': 'Spanish (Latin America)',
  tr: 'Turkish',
  ja: 'Japanese',
  sv: 'Swedish',
  ar: 'Arabic',
  pl: 'Polish',
  dk: 'Danish',
  kr: 'Korean',
  it: 'Italian',
  nl: 'Dutch',
  cz: 'Czech',
  ua: 'Ukrainian',
  ur: 'Urdu',
  id: 'Indonesian',
  'en-GB': 'English (UK)',
  'es-MX': 'Spanish (Mexico)',
  cn: 'Chinese',
  'zh-CN': 'Chinese (Simplified)',
  'zh-TW': 'Chinese (Traditional)',
  'zh-HK': 'Chinese (Hong Kong)',
  ru: 'Russian',
  bn: 'Bengali',
  ms: 'Malay',
  'pt-BR': 'Portuguese (Brazil)',
  vi: 'Vietnamese',
  tl: 'Tagalog',
  th: 'Thai',
  afb: 'Arabic (Gulf)',
  'pt-PT': 'Portuguese (Portugal)',
};

/** `selected_coding_language` values (request) → the display name GET /interviews shows. */
export const MICRO1_CODING_LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  user_choice: 'User choice',
  javascript: 'JavaScript',
  cpp: 'C++',
  c: 'C',
  csharp: 'C#',
  go: 'Go',
  java: 'Java',
  kotlin: 'Kotlin',
  php: 'PHP',
  python: 'Python',
  ruby: 'Ruby',
  rust: 'Rust',
  swift: 'Swift',
  typescript: 'TypeScript',
};

/** micro1's documented limits. */
export const MICRO1_SIM_MAX_SKILLS = 10;
export const MICRO1_SIM_MAX_QUESTIONS = 20;
/** Question time limits, in MINUTES (the create request's unit). */
export const MICRO1_SIM_MIN_MINUTES = 1;
export const MICRO1_SIM_MAX_MINUTES = 4;
/** `time` of a question sent without one, in minutes (assumption, see above). */
const DEFAULT_QUESTION_MINUTES = 2;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

class Refusal extends Error {}

type Body = Record<string, unknown>;

/** POST /interview. `now` in ms. */
export function createMicro1Interview(dataset: Micro1Dataset, body: unknown, now: number): Micro1WriteAnswer {
  return answering(() => {
    const b = objectBody(body);
    const name = requiredText(b.interview_name, 'interview_name');
    const skills = list(b.skills, 'skills', MICRO1_SIM_MAX_SKILLS, `You can add at most ${MICRO1_SIM_MAX_SKILLS} skills`).map((item, i) => {
      const s = objectOf(item, `skills[${i}]`);
      return { name: requiredText(s.name, `skills[${i}].name`), description: optionalText(s.description, `skills[${i}].description`) ?? '' };
    });
    const questions = list(
      b.custom_question_list,
      'custom_question_list',
      MICRO1_SIM_MAX_QUESTIONS,
      `You can add at most ${MICRO1_SIM_MAX_QUESTIONS} custom questions`,
    ).map((item, i) => {
      const q = objectOf(item, `custom_question_list[${i}]`);
      const minutes = q.time ?? DEFAULT_QUESTION_MINUTES;
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < MICRO1_SIM_MIN_MINUTES || minutes > MICRO1_SIM_MAX_MINUTES) {
        throw new Refusal(`custom_question_list[${i}].time must be between ${MICRO1_SIM_MIN_MINUTES} and ${MICRO1_SIM_MAX_MINUTES} minutes`);
      }
      const type = q.type ?? 'audio';
      if (type !== 'audio' && type !== 'text') throw new Refusal(`custom_question_list[${i}].type must be one of: audio, text`);
      // The list reports seconds.
      return { question: requiredText(q.question, `custom_question_list[${i}].question`), time: Math.round(minutes * 60), type: type as 'audio' | 'text' };
    });
    const language = oneOf(b.interview_language, 'interview_language', MICRO1_LANGUAGE_NAMES, 'en');
    const codingLanguage = oneOf(b.selected_coding_language, 'selected_coding_language', MICRO1_CODING_LANGUAGE_NAMES, 'user_choice');
    const canChangeLanguage = flag(b.can_change_interview_language, 'can_change_interview_language', false);
    const onlyCoding = flag(b.only_coding_round, 'only_coding_round', false);
    const codingRequired = flag(b.is_coding_round_required, 'is_coding_round_required', false);
    const proctoring = flag(b.is_proctoring_required, 'is_proctoring_required', true);
    optionalText(b.coding_exercise_details, 'coding_exercise_details');

    const id = randomUUID();
    const created = naiveUtc(wholeSeconds(now));
    const template: SimInterview = {
      interview_id: id,
      interview_name: name,
      invite_url: `https://interview.micro1.ai/intro/micro1?uid=${id}`,
      skills,
      custom_questions: questions,
      interview_language: MICRO1_LANGUAGE_NAMES[language],
      can_change_interview_language: canChangeLanguage,
      only_coding_round: onlyCoding,
      is_coding_round_required: codingRequired,
      selected_coding_language: MICRO1_CODING_LANGUAGE_NAMES[codingLanguage],
      is_proctoring_required: proctoring,
      date_created: created,
      date_modified: created,
      status: 'active',
    };
    addMicro1Template(dataset, template);
    return {
      status: 200,
      body: { status: true, message: 'Interview created successfully', data: { interview_id: id, invite_url: template.invite_url } },
    };
  });
}

/** POST /interview/invite. `now` in ms. */
export function inviteMicro1Candidates(dataset: Micro1Dataset, body: unknown, now: number): Micro1WriteAnswer {
  return answering(() => {
    const b = objectBody(body);
    const interviewId = requiredText(b.interview_id, 'interview_id');
    flag(b.disable_email_notification, 'disable_email_notification', false);
    optionalText(b.job_application_id, 'job_application_id');
    const resend = optionalText(b.candidate_id, 'candidate_id');
    const template = dataset.templates.find((t) => t.interview_id === interviewId);
    if (!template) return { status: 404, body: { status: false, message: 'Interview not found' } };

    if (resend !== undefined) {
      const invite = dataset.invites.find((i) => i.interview_id === interviewId && i.candidate_id === resend);
      if (!invite) return { status: 404, body: { status: false, message: 'Candidate not found' } };
      return invitationsAnswer([invitation(invite)]);
    }

    if (b.candidates === undefined || b.candidates === null || (Array.isArray(b.candidates) && b.candidates.length === 0)) {
      throw new Refusal('candidates is required');
    }
    const candidates = list(b.candidates, 'candidates', Number.POSITIVE_INFINITY, '').map((item, i) => {
      const c = objectOf(item, `candidates[${i}]`);
      const name = requiredText(c.name, `candidates[${i}].name`);
      const email = requiredText(c.email, `candidates[${i}].email`);
      if (!EMAIL.test(email.trim())) throw new Refusal(`candidates[${i}].email is not a valid email`);
      return { name, email };
    });

    const created = naiveUtc(wholeSeconds(now));
    const invites = candidates.map(({ name, email }) => {
      const invite: SimInvite = {
        candidate_id: candidateIdFor(dataset, interviewId, email),
        interview_id: interviewId,
        interview_name: template.interview_name,
        candidate_name: name,
        candidate_email_id: email,
        date_created: created,
        date_modified: created,
        status: 'active',
      };
      addMicro1Invite(dataset, invite);
      return invite;
    });
    return invitationsAnswer(invites.map(invitation));
  });
}

/** micro1's id for a known email, unless it already has a session here: sessions are told apart by candidate id. */
function candidateIdFor(dataset: Micro1Dataset, interviewId: string, email: string): string {
  const key = email.trim().toLowerCase();
  const known =
    dataset.candidates.find((c) => c.email.trim().toLowerCase() === key)?.candidateId ??
    dataset.invites.find((i) => i.candidate_email_id.trim().toLowerCase() === key)?.candidate_id;
  const taken = (id: string) => dataset.invites.some((i) => i.interview_id === interviewId && i.candidate_id === id);
  if (known !== undefined && !taken(known)) return known;
  let id = newCandidateId();
  while (taken(id) || dataset.invites.some((i) => i.candidate_id === id)) id = newCandidateId();
  return id;
}

function invitation(invite: SimInvite) {
  return {
    candidate_id: invite.candidate_id,
    candidate_email: invite.candidate_email_id,
    invite_url: `https://interview.micro1.ai/intro/micro1?uid=${invite.interview_id}&cid=${invite.candidate_id}`,
  };
}

function invitationsAnswer(invitations: Array<ReturnType<typeof invitation>>): Micro1WriteAnswer {
  return { status: 200, body: { status: true, message: 'Invitations sent successfully', data: { invitations } } };
}

// ------------------------------------------------------------------ checks

function answering(handle: () => Micro1WriteAnswer): Micro1WriteAnswer {
  try {
    return handle();
  } catch (error) {
    if (error instanceof Refusal) return { status: 400, body: { status: false, message: error.message } };
    throw error;
  }
}

function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal('Invalid request');
  return body as Body;
}

function objectOf(value: unknown, field: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal(`${field} must be an object`);
  return value as Body;
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new Refusal(`${field} is required`);
  return value;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Refusal(`${field} must be a string`);
  return value;
}

function list(value: unknown, field: string, max: number, tooMany: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Refusal(`${field} must be an array`);
  if (value.length > max) throw new Refusal(tooMany);
  return value;
}

function flag(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new Refusal(`${field} must be a boolean`);
  return value;
}

function oneOf(value: unknown, field: string, allowed: Readonly<Record<string, string>>, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !Object.hasOwn(allowed, value)) {
    throw new Refusal(`${field} must be one of: ${Object.keys(allowed).join(', ')}`);
  }
  return value;
}

function newCandidateId(): string {
  return [...randomBytes(10)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
