import 'reflect-metadata';
import './common/enums';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CandidateInterviewEdgeResolver, CandidateResolver } from './candidate/candidate.resolver';
import { InterviewResolver } from './interview/interview.resolver';
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
] as const;

/** The gateway schema (standalone). The federation subgraph build reuses the same resolvers. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false });
  // type-graphql has no option for root type descriptions; GraphiQL shows this one.
  Object.assign(schema.getQueryType() ?? {}, {
    description: 'One graph over every AI-interview vendor: interviews, reports, scorecards, transcripts, recordings and templates.',
  });
  return schema;
}
