/**
 * What the write path asks a vendor to do, in unified terms. The GraphQL layer builds these from
 * the mutation inputs (trimmed, emails checked); each adapter validates them against its
 * vendor's own limits before calling it, and refuses with BAD_USER_INPUT naming the field
 * (`input.questions[3].timeLimitSeconds`) for anything its vendor cannot take, rather than
 * dropping it silently.
 */
import type { TemplateSkill } from './model';

/** How a candidate answers a question. */
export enum AnswerMode {
  /** Spoken answer (audio/video). */
  SPEECH = 'SPEECH',
  /** Written answer. */
  TEXT = 'TEXT',
}

export interface NewTemplateQuestion {
  text: string;
  /** Answer time limit in seconds; null: the vendor's default. */
  timeLimitSeconds: number | null;
  /** Null: the vendor's default (spoken everywhere today). */
  answerMode: AnswerMode | null;
  /** How the answer is judged, for vendors that take per-question criteria. */
  evaluationCriteria: string | null;
}

/** A new interview template (micro1 interview, HeyMilo posting). */
export interface NewTemplate {
  name: string;
  description: string | null;
  /** A language code in the vendor's own list (micro1 `es-la`, HeyMilo ISO 639-1 `fr`); null: its default. */
  language: string | null;
  skills: TemplateSkill[];
  questions: NewTemplateQuestion[];
  /**
   * The provider's own options block of the input (`micro1: {…}`), as the GraphQL layer received
   * it (field names as in the schema), or null. The adapter parses it; the GraphQL types already
   * checked its shape.
   */
  options: Readonly<Record<string, unknown>> | null;
}

/** One candidate invited to one template: exactly one new vendor session. */
export interface NewInvitation {
  /** The InterviewTemplate's locator at this provider. */
  templateLocator: string;
  candidate: {
    name: string;
    /** As the client typed it (trimmed); the adapter sends it as is. */
    email: string;
    /** E.164, e.g. `+33612345678`; null when not given. */
    phone: string | null;
  };
  /** True: the vendor emails the invitation; false: link only; null: the vendor's default. */
  sendEmail: boolean | null;
  /** When the invitation stops working (ISO-8601 UTC); null: the vendor's default. */
  expiresAt: string | null;
  /** The provider's own options block (see NewTemplate.options). */
  options: Readonly<Record<string, unknown>> | null;
}
