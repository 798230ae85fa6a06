import { Field, ObjectType } from 'type-graphql';
import { Provider } from '../../domain/provider';

@ObjectType({ description: "A candidate's identity at one provider." })
export class CandidateAccount {
  @Field(() => Provider, { description: 'The vendor holding this account.' })
  provider!: Provider;

  @Field(() => String, { nullable: true, description: "The vendor's candidate id, when it has one." })
  providerId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name as the vendor has it.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The email as the vendor has it (not normalised).' })
  email!: string | null;
}

@ObjectType({ description: 'A person being interviewed, identified by normalised email (trimmed, lower-case).' })
export class Candidate {
  @Field(() => String, { nullable: true, description: 'Normalised email (trimmed, lower-case); null when no vendor gave one.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name (from the first account that has one).' })
  name!: string | null;

  @Field(() => [CandidateAccount], { description: 'The accounts of this person at each provider, as far as known.' })
  accounts!: CandidateAccount[];
}
