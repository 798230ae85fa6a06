import { ProviderEnum } from '../common/enums';
import { Args, ArgsType, Field, Resolver, Root, Subscription } from 'type-graphql';
import { normaliseEmail } from '../../domain/email';
import type { Interview, Report } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import type { InterviewUpdatedPayload, ReportReadyPayload } from '../../events/topics';
import type { GraphQLContext } from '../context';
import { InterviewType } from '../interview/interview.type';
import { ReportType } from '../report/report.type';

@ArgsType()
class LiveArgs {
  @Field(() => ProviderEnum, { nullable: true, description: 'Only this provider.' })
  provider?: Provider | null;

  @Field(() => String, { nullable: true, description: "Only this candidate's (email, any case or surrounding spaces)." })
  candidateEmail?: string | null;
}

/** Events are per tenant: a subscription hears only its own tenant's (the bus's `topicId`). */
const ownTenant = ({ context }: { context: GraphQLContext }): string => context.tenantId;

function wanted(provider: Provider, email: string | null, args: LiveArgs): boolean {
  if (args.provider && args.provider !== provider) return false;
  if (args.candidateEmail && normaliseEmail(args.candidateEmail) !== email) return false;
  return true;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => InterviewType, {
    topics: 'INTERVIEW_UPDATED',
    topicId: ownTenant,
    filter: ({ payload, args }: { payload: InterviewUpdatedPayload; args: LiveArgs }) =>
      wanted(payload.interview.provider, normaliseEmail(payload.interview.candidate.email), args),
    description: 'An interview whose state changed (pushed by the vendor through its webhook), optionally for one provider or candidate.',
  })
  interviewUpdated(@Root() payload: InterviewUpdatedPayload, @Args() _args: LiveArgs): Interview {
    return payload.interview;
  }

  @Subscription(() => ReportType, {
    topics: 'REPORT_READY',
    topicId: ownTenant,
    filter: ({ payload, args }: { payload: ReportReadyPayload; args: LiveArgs }) => wanted(payload.provider, payload.candidateEmail, args),
    description: 'A report that became available, optionally for one provider or candidate.',
  })
  reportReady(@Root() payload: ReportReadyPayload, @Args() _args: LiveArgs): Report {
    return payload.report;
  }
}
