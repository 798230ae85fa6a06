import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'Acme-only settings of an invitation.' })
export class AcmeInviteOptionsInput {
  @Field(() => Int, { nullable: true, description: 'Queue priority, 1–5.' })
  priority?: number | null;
}
