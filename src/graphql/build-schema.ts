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
] as const;

/**
 * The Federation 2 spec the subgraph links (its directives are imported by name). v2.7 is
 * understood by Apollo Router 1.4x+, GraphOS and `@apollo/composition` 2.7+.
 */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';

/**
 * The gateway schema (standalone): what `schema/schema.graphql` shows — the public API without
 * the federation plumbing — for these vendors (the `Provider` enum and the mutations' per-vendor
 * settings come from them). `pubSub` feeds the subscriptions (the app passes its event bus; schema
 * emission and SDL tests get a private in-memory one nobody publishes to).
 */
export async function buildGatewaySchema(vendors: readonly VendorModule[], pubSub: EventBus = new MemoryEventBus()): Promise<GraphQLSchema> {
  registerVendorSchema(vendors);
  // Every @ObjectType sets `simpleResolvers: true`: its plain fields are read by graphql-js's
  // default resolver instead of a type-graphql wrapper per field (there are no middlewares or
  // auth rules to run); @FieldResolver methods are unaffected. Warm 50-interview answers resolve
  // about 1,200 fields, so the wrapper was a measurable share of their CPU (bench/README.md).
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

/**
 * The same schema as a Federation 2 subgraph — what the app serves: the standalone schema plus
 * `@link`, the `@key`s of the entities (Interview, Report, InterviewTemplate by `id`, Candidate by
 * `email`), `_service { sdl }` and `_entities` with the reference resolvers of
 * `federation/entity.references.ts`. Built as type-graphql's Federation 2 example does: print the
 * type-graphql schema with its directives, hand that SDL and the resolvers to
 * `buildSubgraphSchema`. Every field keeps its type-graphql resolver, so a client sees no
 * difference except the added federation fields.
 */
export async function buildSubgraphGatewaySchema(vendors: readonly VendorModule[], pubSub: EventBus = new MemoryEventBus()): Promise<GraphQLSchema> {
  const schema = lexicographicSortSchema(await buildGatewaySchema(vendors, pubSub));
  const typeDefs = parse(`extend schema @link(url: "${FEDERATION_LINK}", import: ["@key", "@shareable"])\n\n${printSchemaWithDirectives(schema)}`);
  const fields = createResolversMap(schema);
  const references = Object.entries(ENTITY_REFERENCES).map(([typeName, reference]) => [typeName, { ...fields[typeName], ...reference }]);
  return buildSubgraphSchema({ typeDefs, resolvers: { ...fields, ...Object.fromEntries(references) } });
}
