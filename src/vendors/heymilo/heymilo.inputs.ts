/** The adapter's writes parse the same block with zod schemas, which hold HeyMilo's limits. */
// Decorators below read design-time types: the metadata polyfill must be loaded first.
import 'reflect-metadata';
import { Field, GraphQLISODateTime as DateTime, InputType, Int, registerEnumType } from 'type-graphql';
import { KeyValueInput } from '../kit/key-value.input';

/** HeyMilo's interview focus (`workflow[].config.interview_type`, sent lower-case). */
export enum HeyMiloInterviewType {
  GENERAL = 'GENERAL',
  TECHNICAL = 'TECHNICAL',
  CULTURAL = 'CULTURAL',
  BEHAVIORAL = 'BEHAVIORAL',
}

registerEnumType(HeyMiloInterviewType, { name: 'HeyMiloInterviewType', description: "The focus of HeyMilo's AI interviewer." });

@InputType({ description: 'HeyMilo-only settings of an invitation (`POST /api/v2/postings/{id}/candidates`).' })
export class HeyMiloInviteOptionsInput {
  @Field(() => [KeyValueInput], { nullable: true, description: 'Metadata stored on the candidate (at most 50 keys of at most 40 characters).' })
  metadata?: KeyValueInput[] | null;
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
