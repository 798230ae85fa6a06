import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Cache } from './cache/cache';
import { CacheKeys } from './cache/cache-keys';
import { KeyvCache } from './cache/keyv-cache';
import { TtlPolicy } from './cache/ttl-policy';
import type { Config } from './config/config';
import { createFormatError } from './errors/format-error';
import { buildSubgraphGatewaySchema } from './graphql/build-schema';
import type { GraphQLContext } from './graphql/context';
import { createLoaders } from './loaders/create-loaders';
import { SingleFlight } from './loaders/single-flight';
import { staleResponsePlugin } from './graphql/plugins/stale-response.plugin';
import { queryLimits } from './graphql/plugins/query-limits';
import { registerGraphiqlRoutes } from './server/graphiql.routes';
import { registerHealthRoutes } from './server/health.routes';
import { createLogger } from './server/logger';
import { VENDORS } from './vendors/registry';
import type { VendorDescriptor, VendorModule } from './vendors/vendor-adapter';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './vendors/http/vendor-resilience';
import type { VendorCallObserver } from './vendors/http/vendor-http-client';
import { VendorRegistry } from './vendors/vendor-registry';
import { IdentityIndex } from './identity/identity-index';
import type { IdentityStore } from './identity/identity-store';
import { IdentitySync } from './identity/identity-sync';
import { MemoryIdentityStore } from './identity/memory-identity-store';
import { RedisIdentityStore } from './identity/redis-identity-store';
import { randomBytes } from 'node:crypto';
import type { Provider } from './domain/provider';
import { registerWebhookRoutes } from './server/webhook.routes';
import { MemoryWebhookStore, RedisWebhookStore, type WebhookStore } from './webhooks/webhook-store';
import { WebhookService } from './webhooks/webhook.service';
import websocket from '@fastify/websocket';
import { makeHandler as graphqlWsHandler } from 'graphql-ws/use/@fastify/websocket';
import { normaliseEmail } from './domain/email';
import { type EventBus, MemoryEventBus } from './events/event-bus';
import { RedisEventBus } from './events/redis-event-bus';
import type { InterviewUpdatedPayload, ReportReadyPayload } from './events/topics';
import { refKey } from './loaders/entity-ref';
import { withoutRaw } from './loaders/create-loaders';
import { Idempotency } from './writes/idempotency';
import { type IdempotencyStore, MemoryIdempotencyStore, RedisIdempotencyStore } from './writes/idempotency-store';
import { WriteService } from './writes/write.service';

/**
 * Vendor calls one write may make in a row (Evalyo: find or create the candidate, then invite):
 * an idempotency key's first attempt is presumed dead after this many full vendor timeouts.
 */
const WRITE_CALLS_PER_MUTATION = 3;

export interface AppDeps {
  /** Vendors to serve (default: the registry). */
  vendors?: readonly VendorModule[];
  logger?: Logger;
  /** Told about every vendor call (metrics; tests). */
  vendorObserver?: VendorCallObserver;
}

export interface App {
  server: FastifyInstance;
  registry: VendorRegistry;
  cache: Cache;
  logger: Logger;
  identity: IdentityIndex;
  /** The background identity sync; `main.ts` starts it (`identitySync.start()`), tests drive it. */
  identitySync: IdentitySync;
  /** The token in each vendor's webhook URL (`/webhooks/<provider>/<token>`). */
  webhookTokens: Partial<Record<Provider, string>>;
  webhookStore: WebhookStore;
  /** What subscriptions read from (Redis pub/sub when REDIS_URL is set). */
  events: EventBus;
  /** Stops taking requests, drains in-flight ones, closes the cache. */
  close(): Promise<void>;
}

/**
 * Wires config → cache, adapters, schema, Apollo Server on Fastify. Never listens by itself
 * (`main.ts` does; tests use `server.inject` or listen on port 0).
 */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const vendors = deps.vendors ?? VENDORS;

  const adapters = vendors.flatMap((vendor) => {
    const vendorConfig = config.vendors[vendor.descriptor.provider];
    if (!vendorConfig) return [];
    return [
      vendor.createAdapter({
        apiKey: vendorConfig.apiKey,
        baseUrl: vendorConfig.baseUrl,
        options: vendorConfig.options ?? {},
        timeoutMs: config.http.timeoutMs,
        connectTimeoutMs: config.http.connectTimeoutMs,
        resilience: resilienceSettings(config, vendor.descriptor),
        logger: logger.child({ provider: vendor.descriptor.provider }),
        observer: deps.vendorObserver,
      }),
    ];
  });
  const registry = new VendorRegistry(
    vendors.map((v) => v.descriptor),
    adapters,
    config.sandbox.enabled,
  );

  const cache = new KeyvCache({ maxItems: config.cache.maxItems, redisUrl: config.redisUrl, logger });
  const identityStore: IdentityStore = config.redisUrl ? new RedisIdentityStore(config.redisUrl, config.tenantId) : new MemoryIdentityStore();
  const identity = new IdentityIndex(identityStore, logger);
  const loaderDeps = {
    registry,
    cache,
    keys: new CacheKeys(config.tenantId),
    ttl: new TtlPolicy(config.cache.ttl),
    singleFlight: new SingleFlight(),
    logger,
    index: identity,
  };
  const identitySync = new IdentitySync({
    registry,
    index: identity,
    loaders: () => createLoaders(loaderDeps),
    logger: logger.child({ component: 'identity-sync' }),
    intervalMs: config.identity.syncIntervalSeconds * 1000,
    pagesPerRun: config.identity.syncPagesPerRun,
    lockTtlMs: config.identity.syncLockTtlSeconds * 1000,
  });

  // Sandbox mode invents webhook tokens for vendors without one, so the demo (and the simulators'
  // webhook delivery) works out of the box; `main.ts` logs the URLs.
  const webhookTokens: Partial<Record<Provider, string>> = { ...config.webhookTokens };
  if (config.sandbox.enabled) {
    for (const adapter of adapters) {
      if (adapter.parseWebhook) webhookTokens[adapter.descriptor.provider] ??= randomBytes(18).toString('base64url');
    }
  }
  const webhookStore: WebhookStore = config.redisUrl ? new RedisWebhookStore(config.redisUrl, config.tenantId) : new MemoryWebhookStore();
  const events: EventBus = config.redisUrl ? new RedisEventBus(config.redisUrl, config.tenantId, logger) : new MemoryEventBus();
  /** After a webhook is applied: publish the interview's (and report's) state as now cached. */
  const publishApplied = async (provider: Provider, interviewLocator: string | null): Promise<void> => {
    if (interviewLocator === null) return;
    const loaders = createLoaders(loaderDeps);
    const interview = await loaders.interviewByLocator.load(refKey(provider, interviewLocator));
    if (!interview) return;
    events.publish('INTERVIEW_UPDATED', { interview: withoutRaw(interview) } satisfies InterviewUpdatedPayload);
    const report = await loaders.reportForInterview(provider, interviewLocator);
    if (report) {
      events.publish('REPORT_READY', {
        provider,
        candidateEmail: normaliseEmail(interview.candidate.email),
        report: withoutRaw(report),
      } satisfies ReportReadyPayload);
    }
  };
  const webhookService = new WebhookService({
    registry,
    store: webhookStore,
    index: identity,
    loaders: () => createLoaders(loaderDeps),
    tokens: webhookTokens,
    logger: logger.child({ component: 'webhooks' }),
    onApplied: (provider, event) => publishApplied(provider, event.interviewLocator),
  });

  const idempotencyStore: IdempotencyStore = config.redisUrl ? new RedisIdempotencyStore(config.redisUrl, config.tenantId) : new MemoryIdempotencyStore();
  const writes = new WriteService({
    registry,
    events,
    logger,
    idempotency: new Idempotency({
      store: idempotencyStore,
      ttlSeconds: config.mutations.idempotencyTtlSeconds,
      leaseMs: WRITE_CALLS_PER_MUTATION * (config.http.timeoutMs + config.http.connectTimeoutMs) + 5_000,
      logger: logger.child({ component: 'idempotency' }),
    }),
  });

  const server = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1024 * 1024 });
  // Served as a Federation 2 subgraph (the public API plus `_service` and `_entities`), so a router
  // can compose it as it is; clients see the same fields either way.
  const schema = await buildSubgraphGatewaySchema(events);
  const limits = queryLimits(config.graphql);
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // Query limits (depth, aliases, directives, cost; tokens while parsing): see plugins/query-limits.ts.
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    // Apollo's own notices (e.g. inline tracing enabled for the subgraph) go to our log, not the console.
    logger,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (drain HTTP, stop Apollo, close cache and simulators, then exit);
    // Apollo's own signal handler would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    formatError: createFormatError(logger),
    plugins: [
      fastifyApolloDrainPlugin(server),
      staleResponsePlugin(),
      ...limits.plugins,
      // Browsers get our self-hosted GraphiQL instead (server/graphiql.routes.ts), never Apollo's CDN page.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  // graphql-ws on the same port and path: a WebSocket upgrade of /graphql is a subscription
  // client; plain HTTP goes to Apollo.
  await server.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  const context = (requestLogger: Logger): GraphQLContext => ({ loaders: createLoaders(loaderDeps), registry, identity, logger: requestLogger, writes });
  const apolloHandler = fastifyApolloHandler(apollo, {
    context: async (request) => context(request.log as Logger),
  });
  const graphiql = registerGraphiqlRoutes(server, { enabled: config.graphql.landingPage });
  server.route({
    url: '/graphql',
    method: 'GET',
    onRequest: graphiql.browserPage,
    wsHandler: graphqlWsHandler({ schema, context: (ctx) => context(ctx.extra.request.log as Logger) }),
    handler: apolloHandler,
  });
  server.route({ url: '/graphql', method: ['POST', 'OPTIONS'], handler: apolloHandler });
  registerHealthRoutes(server, { cache, registry });
  registerWebhookRoutes(server, webhookService);

  return {
    server,
    registry,
    cache,
    logger,
    identity,
    identitySync,
    webhookTokens,
    webhookStore,
    events,
    close: async () => {
      await identitySync.stop();
      await server.close();
      await apollo.stop();
      await cache.close();
      await identityStore.close();
      await webhookStore.close();
      await idempotencyStore.close();
      await events.close();
    },
  };
}

/** The vendor's call policies from config (see `vendors/http/vendor-resilience.ts`). */
function resilienceSettings(config: Config, descriptor: VendorDescriptor): ResilienceSettings {
  const { http } = config;
  return {
    ...DEFAULT_RESILIENCE,
    maxRetries: http.retries,
    breaker: {
      consecutiveFailures: http.breaker.consecutiveFailures,
      failureRate: http.breaker.failureRate,
      minimumCalls: http.breaker.windowCalls,
      halfOpenAfterMs: http.breaker.halfOpenSeconds * 1000,
    },
    maxConcurrent: http.maxConcurrency,
    // Set for every registered vendor by config (an override, or the documented limit; null: none).
    rateLimitPerMinute: descriptor.provider in http.rateLimitPerMinute ? (http.rateLimitPerMinute[descriptor.provider] ?? null) : descriptor.capabilities.rateLimitPerMinute,
  };
}
