/** The adapter's writes parse the same block with zod schemas, which hold micro1's limits. */
// Decorators below read design-time types: the metadata polyfill must be loaded first.
import 'reflect-metadata';
import { Field, InputType, registerEnumType } from 'type-graphql';

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

@InputType({ description: 'micro1-only settings of an invitation (`POST /interview/invite`).' })
export class Micro1InviteOptionsInput {
  @Field(() => String, { nullable: true, description: 'Links the invitation to a micro1 job application (`job_application_id`).' })
  jobApplicationId?: string | null;
}

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
