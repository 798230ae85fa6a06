/**
 * Per-provider options of `createInterviewTemplate`: what only one vendor has, typed, each block
 * named after its provider (`input.micro1`, `input.heymilo`). Only the block of the input's
 * provider may be given. The adapter maps each field to the vendor's own and checks its limits.
 */
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { DateTime } from '../common/scalars';

/** micro1's coding-round languages (`selected_coding_language`, sent lower-case). */
export enum Micro1CodingLanguage {
  USER_CHOICE = 'USER_CHOICE',
  JAVASCRIPT = 'JAVASCRIPT',
  CPP = 'CPP',
  C = 'C',
  CSHARP = 'CSHARP',
  GO = 'GO',
  JAVA = 'JAVA',
  KOTLIN = 'KOTLIN',
  PHP = 'PHP',
  PYTHON = 'PYTHON',
  RUBY = 'RUBY',
  RUST = 'RUST',
  SWIFT = 'SWIFT',
  TYPESCRIPT = 'TYPESCRIPT',
}

registerEnumType(Micro1CodingLanguage, {
  name: 'Micro1CodingLanguage',
  description: "The language of micro1's coding round. USER_CHOICE lets the candidate pick.",
  valuesConfig: { USER_CHOICE: { description: 'The candidate picks (micro1 default).' } },
});

/** HeyMilo's interview focus (`workflow[].config.interview_type`, sent lower-case). */
export enum HeyMiloInterviewType {
  GENERAL = 'GENERAL',
  TECHNICAL = 'TECHNICAL',
  CULTURAL = 'CULTURAL',
  BEHAVIORAL = 'BEHAVIORAL',
}

registerEnumType(HeyMiloInterviewType, { name: 'HeyMiloInterviewType', description: "The focus of HeyMilo's AI interviewer." });

@InputType({ description: 'micro1-only settings of a new interview (`POST /interview`). Unset fields take micro1 defaults.' })
export class Micro1TemplateOptionsInput {
  @Field(() => Boolean, { nullable: true, description: 'The candidate may switch the interview language (micro1 default false).' })
  candidateCanChangeLanguage?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The interview is a coding round only (micro1 default false).' })
  onlyCodingRound?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The coding round is required (micro1 default false).' })
  codingRoundRequired?: boolean | null;

  @Field(() => Micro1CodingLanguage, { nullable: true, description: 'Language of the coding round (micro1 default USER_CHOICE).' })
  codingLanguage?: Micro1CodingLanguage | null;

  @Field(() => String, { nullable: true, description: 'Extra instructions that tailor the coding exercise.' })
  codingExerciseDetails?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Proctor the interview (micro1 default true).' })
  proctoring?: boolean | null;
}

@InputType({ description: 'HeyMilo-only settings of a new posting (`POST /api/v2/postings`, one web-interview step). Unset fields take HeyMilo defaults.' })
export class HeyMiloTemplateOptionsInput {
  @Field(() => String, { nullable: true, description: 'Display name of the AI interviewer (HeyMilo default "Sarah").' })
  interviewerName?: string | null;

  @Field(() => String, { nullable: true, description: 'Instructions for the AI interviewer.' })
  instructions?: string | null;

  @Field(() => String, { nullable: true, description: 'Brief overview of the company, told to candidates.' })
  companyOverview?: string | null;

  @Field(() => String, { nullable: true, description: 'Brief overview of the role, told to candidates.' })
  jobOverview?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the posting closes (HeyMilo default: one month after creation).' })
  deadline?: Date | null;

  @Field(() => Int, { nullable: true, description: 'How many times a candidate may retake the interview, 0–5.' })
  maxRetakes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Video interview (default audio only).' })
  video?: boolean | null;

  @Field(() => HeyMiloInterviewType, { nullable: true, description: 'Focus of the interview.' })
  interviewType?: HeyMiloInterviewType | null;

  @Field(() => Int, { nullable: true, description: 'How many questions HeyMilo generates, 1–25, when `questions` is not given.' })
  questionCount?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Start from one of HeyMilo's own interview templates instead of `questions` (its `interview_template_id`).",
  })
  heymiloTemplateId?: string | null;
}
