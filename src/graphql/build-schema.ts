import 'reflect-metadata';
import './common/enums';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { InterviewResolver } from './interview/interview.resolver';
import { NodeResolver } from './node/node.resolver';
import { ProviderResolver } from './provider/provider.resolver';
import { ReportResolver } from './report/report.resolver';
import { InterviewTemplateResolver } from './template/template.resolver';

export const RESOLVERS = [InterviewResolver, InterviewTemplateResolver, ReportResolver, NodeResolver, ProviderResolver] as const;

/** The gateway schema (standalone). The federation subgraph build reuses the same resolvers. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
