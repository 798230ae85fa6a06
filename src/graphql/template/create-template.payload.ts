import { Field, ObjectType } from 'type-graphql';
import type { InterviewTemplate } from '../../domain/model';
import { InterviewTemplateType } from './template.type';

@ObjectType({ simpleResolvers: true, description: 'What `createInterviewTemplate` made.' })
export class CreateInterviewTemplatePayload {
  @Field(() => InterviewTemplateType, { description: 'The new template, with its invite URL where the provider has one.' })
  template!: InterviewTemplate;

  @Field({ description: 'True when this is the stored answer to an earlier request with the same idempotencyKey (nothing new was created).' })
  replayed!: boolean;
}
