import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { makeHandler as graphqlWsHandler } from 'graphql-ws/use/@fastify/websocket';
import type { Logger } from 'pino';
import { Authenticator } from './auth/authenticator';
import type { Principal } from './auth/principal';
import type { Cache } from './cache/cache';
import { KeyvCache } from './cache/keyv-cache';
import { createDocumentStore } from './cache/document-store';
import { PersistedQueryCache } from './cache/persisted-query-cache';
import type { Config } from './config/config';
import { createFormatError } from './errors/format-error';
import { RedisConnection } from './infra/redis-connection';
import { LEDGER_GUARD, STORE_GUARD, VENDOR_GUARD, webhookGuard } from './infra/redis-guard';
import { type EventBus, MemoryEventBus } from './events/event-bus';
import { RedisEventBus } from './events/redis-event-bus';
import { buildSubgraphGatewaySchema } from './graphql/build-schema';
import { createTracing } from './observability/tracing';
import { registerRequestTracing } from './server/tracing.hooks';
import type { GraphQLContext } from './graphql/context';
import { queryLimits } from './graphql/plugins/query-limits';
import { staleResponsePlugin } from './graphql/plugins/stale-response.plugin';
import { persistedQueryLimitPlugin } from './graphql/plugins/persisted-query-limit.plugin';
import { indexFreshnessPlugin } from './graphql/plugins/index-freshness.plugin';
import { registerAuthentication } from './server/auth.hooks';
import { registerCors } from './server/cors';
import { createSocketLimits } from './server/socket-limits';
import { registerMetricsRoute } from './server/metrics.routes';
import { GatewayMetrics, type OutboundAttemptResult } from './observability/metrics';
import { operationLogPlugin } from './graphql/plugins/operation-log.plugin';
import { registerRequestErrors } from './server/request-errors';
import { registerGraphiqlRoutes } from './server/graphiql.routes';
import { registerHealthRoutes } from './server/health.routes';
import { createLogger } from './server/logger';
import { createRequestLog } from './server/request-log.hooks';
import { registerWebhookRoutes } from './server/webhook.routes';
import { createTenantRuntime, type TenantRuntime } from './tenants/tenant-runtime';
import type { VendorCallObserver } from './vendors/kit/http/vendor-http-client';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { VENDORS } from './vendors/vendors';
import type { VendorModule } from './vendors/vendor-adapter';
import { WebhookRouter } from './webhooks/webhook-router';
import { type DocumentNode, type ExecutionResult, execute, printSchema } from 'graphql';
import { OutboundSender } from './outbound/outbound-sender';
import { responseVerdictPlugin } from './graphql/plugins/response-verdict.plugin';
import { ResponseCache } from './response-cache/response-cache';
import { ResponseDependencies } from './response-cache/response-dependencies';
import { sha256Hex } from './infra/secret';
import { registerResponseCache } from './server/response-cache.hooks';
import { clientRateLimit } from './server/client-rate-limit.hooks';

export interface AppDeps {
  vendors?: readonly VendorModule[];
  logger?: Logger;
  vendorObserver?: VendorCallObserver;
  /** Replaces keyv: the benchmark's naive peer passes one that keeps nothing. */
  cache?: Cache;
  /** One vendor call per field, for the benchmark's naive peer. */
  unbatchedLoaders?: boolean;
}

export interface App {
  server: FastifyInstance;
  cache: Cache;
  /** Null when RESPONSE_CACHE_ENABLED=false. */
  responseCache: ResponseCache | null;
  logger: Logger;
  tenants: ReadonlyMap<string, TenantRuntime>;
  /** Without `id`, the first (the only one in single-tenant mode). */
  tenant(id?: string): TenantRuntime;
  events: EventBus;
  close(): Promise<void>;
}

/** Never listens by itself: `main.ts` does; tests use `server.inject` or port 0. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const vendors = deps.vendors ?? VENDORS;

  // Filled below; the metrics read the tenants' breakers when scraped.
  const tenants = new Map<string, TenantRuntime>();
  const responseCache = config.responseCache.enabled
    ? new ResponseCache({ maxBytes: config.responseCache.maxBytes, maxEntryBytes: config.responseCache.maxEntryBytes })
    : null;
  const metrics = new GatewayMetrics(
    () => [...tenants.values()].map((t) => ({ tenant: t.id, registry: t.registry })),
    () => responseCache?.stats() ?? null,
    () => [...tenants.values()].map((t) => ({ tenant: t.id, oldestPending: () => t.outbox.oldestPending() })),
  );
  const tracing = createTracing(config.tracing, logger);
  const vendorObserver: VendorCallObserver = (call) => {
    metrics.vendorCall(call);
    deps.vendorObserver?.(call);
  };
  const cache =
    deps.cache ??
    new KeyvCache({
      maxItems: config.cache.maxItems,
      redisUrl: config.redisUrl,
      logger,
      onLayerRead: (layer, hits, misses) => metrics.cacheLayerRead(layer, hits, misses),
    });
  // The read model gets its own connection: the feeds must not be cut off by the other stores' failures.
  const redis = config.redisUrl ? new RedisConnection(config.redisUrl, STORE_GUARD) : null;
  const readModelRedis = config.redisUrl ? new RedisConnection(config.redisUrl, STORE_GUARD) : null;
  const ledgerRedis = config.redisUrl && responseCache ? new RedisConnection(config.redisUrl, LEDGER_GUARD) : null;
  // Vendor budgets, breakers and pauses, and client rate limits: read on the way of requests, a short guard.
  const limitsRedis = config.redisUrl ? new RedisConnection(config.redisUrl, VENDOR_GUARD) : null;
  // The webhook store's own, patient and without a breaker: a delivery waits out a stall (up to
  // WEBHOOK_STORE_TIMEOUT_MS) instead of being refused because other stores' reads were slow.
  const webhookRedis = config.redisUrl ? new RedisConnection(config.redisUrl, webhookGuard(config.webhooks.storeTimeoutMs)) : null;
  const events: EventBus = config.redisUrl && redis ? new RedisEventBus(config.redisUrl, logger, redis) : new MemoryEventBus();
  const outboundSender = new OutboundSender({
    policy: { allowPrivate: config.outbound.allowPrivateTargets },
    timeoutMs: config.outbound.timeoutMs,
    maxResponseBytes: OUTBOUND_RESPONSE_MAX_BYTES,
    logBytes: OUTBOUND_RESPONSE_LOG_BYTES,
    userAgent: 'interview-graph-webhooks/1',
  });
  // Outbound events are rendered by the schema itself (built below) as the gateway's own principal.
  let runAsGateway: ((tenantId: string, document: DocumentNode, variables: Record<string, unknown>) => Promise<ExecutionResult>) | null = null;
  const outbound = {
    sender: outboundSender,
    run: (tenantId: string) => (document: DocumentNode, variables: Record<string, unknown>) => {
      if (!runAsGateway) return Promise.reject(new Error('the schema is not built yet'));
      return runAsGateway(tenantId, document, variables);
    },
    onAttempt: (result: OutboundAttemptResult, latencyMs: number) => metrics.outboundAttempt(result, latencyMs),
  };
  for (const tenant of config.tenants) {
    tenants.set(
      tenant.id,
      createTenantRuntime(tenant, {
        config,
        vendors,
        logger,
        cache,
        events,
        redis,
        readModelRedis,
        webhookRedis,
        vendorObserver,
        tracing,
        onCacheRead: (kind, result, count) => metrics.cacheRead(kind, result, count),
        onSchemaDrift: (provider, field) => metrics.schemaDrift(provider, field),
        unbatchedLoaders: deps.unbatchedLoaders ?? false,
        responseCache,
        ledgerRedis,
        vendorRedis: limitsRedis,
        onResponsesInvalidated: (tags) => metrics.responseCacheInvalidated(tags),
        outbound,
      }),
    );
  }
  const tenant = (id?: string): TenantRuntime => {
    const found = id === undefined ? tenants.values().next().value : tenants.get(id);
    if (!found) throw new Error(`no tenant ${JSON.stringify(id)}`);
    return found;
  };
  const authenticator = new Authenticator(config.tenants, config.auth, logger.child({ component: 'auth' }));
  if (config.auth.open) {
    logger.warn(
      { tenant: tenant().id, reason: config.auth.open === 'sandbox' ? 'sandbox mode with no client credential configured' : 'AUTH_ALLOW_OPEN=true' },
      'OPEN ACCESS: /graphql answers anyone who can reach this port, without authentication. Set AUTH_API_KEYS (or AUTH_JWT_SECRET / AUTH_JWT_PUBLIC_KEY) to require credentials.',
    );
  }

  const requestLog = createRequestLog();
  const server = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.graphql.maxBodyBytes,
    // A hop count trusts that many proxies in front (as Fastify's own number form does).
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    // genReqId keeps a caller's x-request-id only when sane (≤ 128 of `A-Za-z0-9._:-`); else a UUID.
    requestIdHeader: false,
    genReqId: requestId,
    // One line per request instead of Fastify's two.
    logController: requestLog.controller,
  });
  const requestSpans = tracing ? registerRequestTracing(server, tracing) : null;
  requestLog.register(server, { span: requestSpans ? (request) => requestSpans.start(request) : undefined });
  // A Federation 2 subgraph, so a router can compose it as it is; clients see the same fields.
  const schema = await buildSubgraphGatewaySchema(vendors, events);
  const limits = queryLimits(config.graphql);
  const persistedQueries =
    config.graphql.persistedQueryTtlSeconds === null
      ? null
      : new PersistedQueryCache({
          ttlSeconds: config.graphql.persistedQueryTtlSeconds,
          maxBytes: config.graphql.persistedQueriesMaxBytes,
          redis,
          logger: logger.child({ component: 'persisted-queries' }),
        });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    csrfPrevention: config.graphql.csrfPrevention,
    persistedQueries: persistedQueries ? { cache: persistedQueries } : false,
    documentStore: createDocumentStore(config.graphql.documentCacheMaxBytes),
    logger,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown; Apollo's own signal handler would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    formatError: createFormatError(logger),
    // Apollo pretty-prints by default: a third more bytes, the largest cost of a warm 50-interview answer.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      fastifyApolloDrainPlugin(server),
      operationLogPlugin(metrics),
      staleResponsePlugin(),
      indexFreshnessPlugin(),
      // Before the verdict: an answer with its note (an extension) is not kept by the response cache.
      persistedQueryLimitPlugin(config.graphql.persistedQueryMaxBytes),
      responseVerdictPlugin(),
      ...limits.plugins,
      // Browsers get our self-hosted GraphiQL instead, never Apollo's CDN page.
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in this schema: Apollo's per-field cache-control bookkeeping is pure cost.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  registerRequestErrors(server, { maxBodyBytes: config.graphql.maxBodyBytes });
  await registerCors(server, { origins: config.corsOrigins, apiKeyHeader: config.auth.apiKeyHeader });
  await server.register(websocket, { options: { maxPayload: config.graphql.maxBodyBytes } });
  const context = (principal: Principal, requestLogger: Logger, dependencies: ResponseDependencies): GraphQLContext => {
    const runtime = tenant(principal.tenantId);
    return {
      tenantId: runtime.id,
      principal,
      dependencies,
      loaders: runtime.loaders(dependencies),
      registry: runtime.registry,
      identity: runtime.identity,
      logger: requestLogger,
      writes: runtime.writes,
      outbound: runtime.outbound,
      readModel: runtime.readModel,
      indexProgress: runtime.indexProgress,
      readsIndex: false,
    };
  };
  const outboundLogger = logger.child({ component: 'outbound-webhooks' });
  runAsGateway = async (tenantId, document, variableValues) =>
    execute({
      schema,
      document,
      variableValues,
      contextValue: context(
        { tenantId, clientId: 'outbound-webhooks', via: 'system', scope: 'system', admin: false },
        outboundLogger,
        new ResponseDependencies(0),
      ),
    });
  const auth = registerAuthentication(server, authenticator);
  const sockets = createSocketLimits(config.graphql.ws);
  const responses = registerResponseCache(server, {
    tenant: (principal) => {
      const found = tenant(principal.tenantId).responses;
      if (!found) throw new Error('response cache hooks registered without a response cache');
      return found;
    },
    deployment: sha256Hex(`${RESPONSE_FORMAT}\n${printSchema(schema)}`),
    maxTtlSeconds: config.responseCache.maxTtlSeconds,
    csrfPrevention: config.graphql.csrfPrevention,
    metrics,
  });
  const apolloHandler = fastifyApolloHandler(apollo, {
    context: async (request) => context(auth.principalOf(request), request.log as Logger, responses.dependenciesOf(request)),
  });
  const limited =
    config.clientRateLimitPerMinute === null
      ? []
      : [
          clientRateLimit({
            perMinute: config.clientRateLimitPerMinute,
            redis: limitsRedis,
            logger,
            onLimited: () => metrics.clientRateLimited(),
          }),
        ];
  const cacheHooks = responseCache
    ? { preHandler: [auth.preHandler, ...limited, responses.preHandler], onSend: responses.onSend }
    : { preHandler: [auth.preHandler, ...limited] };
  const graphiql = registerGraphiqlRoutes(server, { enabled: config.graphql.landingPage, apiKeyHeader: config.auth.apiKeyHeader });
  server.route({
    url: '/graphql',
    method: 'GET',
    onRequest: graphiql.browserPage,
    ...cacheHooks,
    wsHandler: graphqlWsHandler({
      schema,
      onConnect: (ctx) => auth.onSocketConnect(ctx) && sockets.admit(ctx, auth.principalOfSocket(ctx)),
      // The same query limits as over HTTP: graphql-ws parses, validates and runs without Apollo.
      onSubscribe: (ctx, _id, payload) => sockets.subscribing(ctx) ?? limits.checkSocketOperation(schema, payload),
      onClose: (ctx) => sockets.closed(ctx),
      context: (ctx) => context(auth.principalOfSocket(ctx), ctx.extra.request.log as Logger, new ResponseDependencies(0)),
    }),
    handler: apolloHandler,
  });
  server.route({ url: '/graphql', method: 'POST', ...cacheHooks, handler: apolloHandler });
  registerHealthRoutes(server, {
    cache,
    registries: () => [...tenants.values()].map((t) => t.registry),
    // Only while the background sync runs: without it nothing would ever complete the index.
    index: async () => {
      const syncing = [...tenants.values()].map((t) => t.identitySync.startedAt).filter((t): t is number => t !== null);
      if (syncing.length === 0) return null;
      const incomplete = [...new Set((await Promise.all([...tenants.values()].map((t) => t.indexProgress.incomplete()))).flat())];
      const waitMs = config.identity.readyWaitSeconds * 1000;
      return { incomplete, waiting: incomplete.length > 0 && Date.now() - Math.min(...syncing) < waitMs };
    },
  });
  if (config.metrics.enabled) registerMetricsRoute(server, metrics, { token: config.metrics.token });
  registerWebhookRoutes(server, new WebhookRouter([...tenants.values()], logger.child({ component: 'webhooks' })), {
    onOutcome: (provider, result) => metrics.webhook(provider, result),
  });

  return {
    server,
    cache,
    responseCache,
    logger,
    tenants,
    tenant,
    events,
    close: async () => {
      for (const runtime of tenants.values()) await runtime.identitySync.stop();
      await server.close();
      await apollo.stop();
      await cache.close();
      for (const runtime of tenants.values()) await runtime.close();
      // The event bus publishes over `redis`: it goes first.
      await events.close();
      await redis?.close();
      await readModelRedis?.close();
      await ledgerRedis?.close();
      await limitsRedis?.close();
      await webhookRedis?.close();
      await outboundSender.close();
      // Last: the spans of the requests drained above are exported before the process goes.
      await tracing?.shutdown();
    },
  };
}

/** An endpoint's answer is read this far (then cut off), and this much of it is kept in the delivery log. */
const OUTBOUND_RESPONSE_MAX_BYTES = 64 * 1024;
const OUTBOUND_RESPONSE_LOG_BYTES = 1024;

/** Bump when what a cached response holds changes without the schema changing (e.g. how a field is computed). */
const RESPONSE_FORMAT = 'response-cache v1';

function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}
