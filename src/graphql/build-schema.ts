import 'reflect-metadata';
import './common/enums';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CandidateInterviewEdgeResolver, CandidateResolver } from './candidate/candidate.resolver';
import { InterviewResolver } from './interview/interview.resolver';
import { InviteCandidateResolver } from './interview/invite-candidate.resolver';
import { CreateTemplateResolver } from './template/create-template.resolver';
import { SubscriptionResolver } from './subscription/subscription.resolver';
import { type EventBus, MemoryEventBus } from '../events/event-bus';
import { NodeResolver } from './node/node.resolver';
import { ProviderResolver } from './provider/provider.resolver';
import { ReportResolver } from './report/report.resolver';
import { InterviewTemplateResolver } from './template/template.resolver';

export const RESOLVERS = [
  InterviewResolver,
  InterviewTemplateResolver,
  ReportResolver,
  CandidateResolver,
  CandidateInterviewEdgeResolver,
  NodeResolver,
  ProviderResolver,
  SubscriptionResolver,
  CreateTemplateResolver,
  InviteCandidateResolver,
] as const;

/** The gateway schema (standalone). The federation subgraph build reuses the same resolvers. */
/**
 * `pubSub` feeds the subscriptions (the app passes its event bus; schema emission and SDL tests
 * get a private in-memory one nobody publishes to).
 */
export async function buildGatewaySchema(pubSub: EventBus = new MemoryEventBus()): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false, pubSub });
  // type-graphql has no option for root type descriptions; GraphiQL shows this one.
  Object.assign(schema.getQueryType() ?? {}, {
    description: 'One graph over every AI-interview vendor: interviews, reports, scorecards, transcripts, recordings and templates.',
  });
  Object.assign(schema.getMutationType() ?? {}, {
    description:
      'Writes to the vendors: create templates, invite candidates. Each is one vendor write, never retried automatically; `idempotencyKey` makes retries safe.',
  });
  Object.assign(schema.getSubscriptionType() ?? {}, {
    description: 'Live updates pushed by the vendors (through their webhooks), over graphql-ws on `/graphql`.',
  });
  return schema;
}
