import { ProviderEnum } from '../common/enums';
import { Field, ObjectType } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { PageInfo } from '../common/page-info.type';
import { createConnectionType } from '../common/connection.type';
import { Candidate } from './candidate.type';

export const CandidateConnection = createConnectionType(Candidate, 'Candidate', 'A page of candidates, ordered by email.');

@ObjectType({ simpleResolvers: true, description: "An edge of a candidate's interviews across providers." })
export class CandidateInterviewEdge {
  @Field({ description: 'Opaque cursor: pass it as `after` to continue after this edge.' })
  cursor!: string;

  @Field(() => ProviderEnum, { description: 'The vendor of this interview (also when `node` is null because that vendor failed).' })
  provider!: Provider;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A page of one person's interviews across providers, newest first. When a vendor fails, its interviews keep their place with `node: null` and an error naming the provider; the other vendors' interviews are complete.",
})
export class CandidateInterviewConnection {
  @Field(() => [CandidateInterviewEdge], { description: 'The interviews of this page.' })
  edges!: CandidateInterviewEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
  pageInfo!: PageInfo;
}
