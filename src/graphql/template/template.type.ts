import { ProviderEnum } from '../common/enums';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { NodeInterface } from '../common/node.interface';
import { DateTime } from '../common/scalars';

@ObjectType({ simpleResolvers: true, description: 'A skill an interview template assesses.' })
export class TemplateSkill {
  @Field({ description: 'Skill name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the skill should cover.' })
  description!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A fixed question of an interview template.' })
export class TemplateQuestion {
  @Field({ description: 'The question.' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Answer time limit in seconds, if set.' })
  timeLimitSeconds!: number | null;

  @Field(() => String, { nullable: true, description: 'Answer type as the vendor names it (e.g. "audio", "text").' })
  type!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('InterviewTemplate', {
  simpleResolvers: true,
  implements: NodeInterface,
  description: 'A vendor-side interview definition candidates are invited to (micro1 interview, HeyMilo posting, …).',
})
export class InterviewTemplateType extends NodeInterface {
  @Field(() => ProviderEnum, { description: 'The vendor holding this template.' })
  provider!: Provider;

  @Field({ description: "The vendor's own id." })
  providerId!: string;

  @Field(() => DateTime, { nullable: true, description: 'When it was created, if known.' })
  createdAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When it was last changed, if known.' })
  updatedAt!: string | null;

  @Field({ description: 'Name / job title.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description, if the vendor has one.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's status word (e.g. active, draft, archived)." })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Interview language as the vendor gives it.' })
  language!: string | null;

  @Field(() => [TemplateSkill], { description: 'Skills assessed.' })
  skills!: TemplateSkill[];

  @Field(() => [TemplateQuestion], { description: 'Fixed questions, where the vendor lists them with the template.' })
  questions!: TemplateQuestion[];

  @Field(() => String, { nullable: true, description: 'A general link candidates can use to take this interview.' })
  inviteUrl!: string | null;
}
