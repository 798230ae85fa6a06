import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { NewTemplate } from '../../domain/commands';
import type { GraphQLContext } from '../context';
import { optionalText, providerOptions, requiredText } from '../common/write-input';
import { CreateInterviewTemplateInput } from './create-template.input';
import { CreateInterviewTemplatePayload } from './create-template.payload';

@Resolver()
export class CreateTemplateResolver {
  @Mutation(() => CreateInterviewTemplatePayload, {
    description:
      "Creates an interview template at one provider (micro1, HeyMilo). Checked against the provider's limits before anything is sent; the vendor's own refusals come back as VENDOR_VALIDATION_FAILED with its message. Never retried automatically; pass `idempotencyKey` to make your own retries safe.",
  })
  async createInterviewTemplate(
    @Arg('input', () => CreateInterviewTemplateInput, { description: 'What to create, and where.' }) input: CreateInterviewTemplateInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateInterviewTemplatePayload> {
    const command: NewTemplate = {
      name: requiredText('input.name', input.name),
      description: optionalText(input.description),
      language: optionalText(input.language),
      skills: (input.skills ?? []).map((skill, i) => ({
        name: requiredText(`input.skills[${i}].name`, skill.name),
        description: optionalText(skill.description),
      })),
      questions: (input.questions ?? []).map((question, i) => ({
        text: requiredText(`input.questions[${i}].text`, question.text),
        timeLimitSeconds: question.timeLimitSeconds ?? null,
        answerMode: question.answerMode ?? null,
        evaluationCriteria: optionalText(question.evaluationCriteria),
      })),
      options: providerOptions(input, input.provider),
    };
    const outcome = await ctx.writes.createTemplate(input.provider, command, input.idempotencyKey ?? null);
    return { template: outcome.value, replayed: outcome.replayed };
  }
}
