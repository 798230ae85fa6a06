/**
 * Write commands in unified terms. An adapter refuses what its vendor cannot take with
 * BAD_USER_INPUT naming the field (`input.questions[3].timeLimitSeconds`), never drops it silently.
 */
import type { TemplateSkill } from './model';

export enum AnswerMode {
  /** Audio/video. */
  SPEECH = 'SPEECH',
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
  /** The provider's block of the input (`micro1: {…}`), schema field names, shape already checked; the adapter parses it. */
  options: Readonly<Record<string, unknown>> | null;
}

/** Exactly one new vendor session. */
export interface NewInvitation {
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
  options: Readonly<Record<string, unknown>> | null;
}
