import { ProviderEnum } from '../common/enums';
import { ArgsType, Field } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { InterviewFilterArgs } from '../interview/interview.args';
import { DateTime } from '../common/scalars';
import { PagingArgs } from '../common/paging.args';

@ArgsType()
export class CandidateInterviewsArgs extends InterviewFilterArgs {
  @Field(() => ProviderEnum, { nullable: true, description: 'Only interviews at this provider.' })
  provider?: Provider | null;

  @Field(() => DateTime, { nullable: true, description: 'Only interviews that changed at or after this time.' })
  updatedAfter?: Date | null;
}

@ArgsType()
export class CandidatesArgs extends PagingArgs {
  @Field(() => String, { nullable: true, description: 'Only candidates whose email or name contains this text (case-insensitive).' })
  search?: string | null;
}
