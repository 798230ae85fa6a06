import { ProviderEnum } from '../common/enums';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { Provider } from '../../domain/provider';

@ObjectType({ simpleResolvers: true, description: "A candidate's identity at one provider." })
export class CandidateAccount {
  @Field(() => ProviderEnum, { description: 'The vendor holding this account.' })
  provider!: Provider;

  @Field(() => String, { nullable: true, description: "The vendor's candidate id, when it has one." })
  providerId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name as the vendor has it.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The email as the vendor has it (not normalised).' })
  email!: string | null;
}

@Directive('@key(fields: "email")')
@ObjectType({
  simpleResolvers: true,
  description:
    "A person across every vendor, keyed by normalised email (trimmed, lower-case). Built from the gateway's identity index (email → interviews), which a background sync of each vendor's lists keeps up to date, plus every interview the gateway reads.",
})
export class Candidate {
  @Field(() => String, { nullable: true, description: 'Normalised email (trimmed, lower-case); null when no vendor gave one.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name (from the first account that has one).' })
  name!: string | null;

  @Field(() => [CandidateAccount], { description: 'One account per provider where this person was interviewed.' })
  accounts!: CandidateAccount[];
}
