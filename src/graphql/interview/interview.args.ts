import { ArgsType, Field, ID } from 'type-graphql';
import { InterviewStatus } from '../../domain/model';
import { Provider } from '../../domain/provider';
import { PagingArgs } from '../common/paging.args';

@ArgsType()
export class InterviewFilterArgs extends PagingArgs {
  @Field(() => InterviewStatus, { nullable: true, description: 'Only interviews in this normalised status.' })
  status?: InterviewStatus | null;
}

@ArgsType()
export class InterviewsArgs extends InterviewFilterArgs {
  @Field(() => Provider, { description: 'The vendor to list.' })
  provider!: Provider;

  @Field(() => ID, { nullable: true, description: 'Only interviews of this InterviewTemplate (its global id).' })
  templateId?: string | null;
}
