/** The adapter parses the same block with its zod schema. */
// Decorators below read design-time types: the metadata polyfill must be loaded first.
import 'reflect-metadata';
import { Field, GraphQLISODateTime as DateTime, InputType } from 'type-graphql';

@InputType({ description: 'Xobin-only settings of an invitation (`POST /ai-interviews/invite`).' })
export class XobinInviteOptionsInput {
  @Field(() => DateTime, { nullable: true, description: 'When the invitation becomes usable (Xobin keeps minutes, GMT). Unset: at once.' })
  startsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Your own id for this invitation (Xobin's `custom_field_id`); reports can be fetched by it." })
  customFieldId?: string | null;
}
