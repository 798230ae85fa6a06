import 'reflect-metadata';
import './common/enums';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { ENTITY_REFERENCES } from './federation/entity.references';
import { CandidateInterviewEdgeResolver, CandidateResolver } from './candidate/candidate.resolver';
import { InterviewResolver } from './interview/interview.resolver';
import { InviteCandidateResolver } from './interview/invite-candidate.resolver';
import { CreateTemplateResolver } from './template/create-template.resolver';
import { SubscriptionResolver } from './subscription/subscription.resolver';
import { type EventBus, MemoryEventBus } from '../events/event-bus';
import { NodeResolver } from './node/node.resolver';
import { ProviderResolver } from './provider/provider.resolver';
import { ReportResolver } from './report/report.resolver';
import { ReportFeedResolver } from './report/report-feed.resolver';
import { InterviewTemplateResolver } from './template/template.resolver';
import type { VendorModule } from '../vendors/vendor-adapter';
import { registerVendorSchema } from './vendor-schema';
import { WebhookEndpointResolver } from './webhook-endpoint/webhook-endpoint.resolver';

export const RESOLVERS = [
  InterviewResolver,
  InterviewTemplateResolver,
  ReportResolver,
  ReportFeedResolver,
  CandidateResolver,
  CandidateInterviewEdgeResolver,
  NodeResolver,
  ProviderResolver,
  SubscriptionResolver,
  CreateTemplateResolver,
  InviteCandidateResolver,
  WebhookEndpointResolver,
] as const;

/** v2.7: understood by Apollo Router 1.4x+, GraphOS and `@apollo/composition` 2.7+. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';

/** Without federation plumbing: what `schema/schema.graphql` shows. */
export async function buildGatewaySchema(vendors: readonly VendorModule[], pubSub: EventBus = new MemoryEventBus()): Promise<GraphQLSchema> {
  registerVendorSchema(vendors);
  // Every @ObjectType sets `simpleResolvers: true`: a type-graphql wrapper per field was a
  // measurable share of CPU (about 1,200 fields per warm 50-interview answer).
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false, pubSub });
  // type-graphql has no option for root type descriptions; GraphiQL shows this one.
  Object.assign(schema.getQueryType() ?? {}, {
    description: 'One graph over every AI-interview vendor: interviews, reports, scorecards, transcripts, recordings and templates.',
  });
  Object.assign(schema.getMutationType() ?? {}, {
    description:
      'Writes to the vendors: create templates, invite candidates. Each is one vendor write, never retried automatically; `idempotencyKey` makes retries safe. Also the outbound webhook endpoints (admin only).',
  });
  Object.assign(schema.getSubscriptionType() ?? {}, {
    description: 'Live updates pushed by the vendors (through their webhooks), over graphql-ws on `/graphql`.',
  });
  return schema;
}

/** Built as type-graphql's Federation 2 example does; every field keeps its type-graphql resolver. */
export async function buildSubgraphGatewaySchema(vendors: readonly VendorModule[], pubSub: EventBus = new MemoryEventBus()): Promise<GraphQLSchema> {
  const schema = lexicographicSortSchema(await buildGatewaySchema(vendors, pubSub));
  const typeDefs = parse(`extend schema @link(url: "${FEDERATION_LINK}", import: ["@key", "@shareable"])\n\n${printSchemaWithDirectives(schema)}`);
  const fields = createResolversMap(schema);
  const references = Object.entries(ENTITY_REFERENCES).map(([typeName, reference]) => [typeName, { ...fields[typeName], ...reference }]);
  return buildSubgraphSchema({ typeDefs, resolvers: { ...fields, ...Object.fromEntries(references) } });
}
