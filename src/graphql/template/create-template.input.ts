import { ProviderEnum } from '../common/enums';
import { Field, InputType, Int } from 'type-graphql';
import { AnswerMode } from '../../domain/commands';
import type { Provider } from '../../domain/provider';

@InputType({ description: 'A skill the new template assesses.' })
export class TemplateSkillInput {
  @Field({ description: 'Skill name, e.g. "React".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the skill should cover.' })
  description?: string | null;
}

@InputType({ description: 'A fixed question of the new template.' })
export class TemplateQuestionInput {
  @Field({ description: 'The question.' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Answer time limit in seconds (micro1: 60, 120, 180 or 240). Unset: the vendor default.' })
  timeLimitSeconds?: number | null;

  @Field(() => AnswerMode, { nullable: true, description: 'How the candidate answers. Unset: spoken.' })
  answerMode?: AnswerMode | null;

  @Field(() => String, { nullable: true, description: 'How the answer is judged (HeyMilo).' })
  evaluationCriteria?: string | null;
}

@InputType({
  description:
    "A new interview template at one provider. Fields the provider cannot take are refused with BAD_USER_INPUT naming them, never dropped; provider-only settings go in that provider's block.",
})
export class CreateInterviewTemplateInput {
  @Field(() => ProviderEnum, { description: 'Where to create it (see `providers { capabilities { createTemplates } }`).' })
  provider!: Provider;

  @Field({ description: 'Name / job title.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Job description (HeyMilo uses it to generate questions).' })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Interview language as the provider codes it (micro1: en, fr, es-la, …; HeyMilo: ISO 639-1). Unset: the provider's default.",
  })
  language?: string | null;

  @Field(() => [TemplateSkillInput], { nullable: true, description: 'Skills assessed (micro1: at most 10).' })
  skills?: TemplateSkillInput[] | null;

  @Field(() => [TemplateQuestionInput], { nullable: true, description: 'Fixed questions (micro1: at most 20). Unset: the provider generates them.' })
  questions?: TemplateQuestionInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Makes retries safe: a retry with the same key returns the first answer and creates nothing more (kept 24 h). A UUID is a good choice.',
  })
  idempotencyKey?: string | null;

  // Each vendor's own settings block is added by `vendor-schema.ts`.
}
