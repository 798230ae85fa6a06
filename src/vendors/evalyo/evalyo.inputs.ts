/** The adapter parses the same block with its zod schema. */
// Decorators below read design-time types: the metadata polyfill must be loaded first.
import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Evalyo-only settings of an invitation (`POST /api/v1/interviews`).' })
export class EvalyoInviteOptionsInput {
  @Field(() => String, { nullable: true, description: 'Evalyo campaign (hiring process) to attach the interview to.' })
  campaignId?: string | null;

  @Field(() => String, { nullable: true, description: 'Stage of that campaign.' })
  stageId?: string | null;

  @Field(() => String, { nullable: true, description: 'Interview configuration to use.' })
  configId?: string | null;

  @Field(() => String, { nullable: true, description: 'The candidate\'s locale when Evalyo does not know them yet (e.g. "en"; Evalyo default "fr").' })
  locale?: string | null;
}
