import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache';
import { CacheKeys } from '../cache/cache-keys';
import { TtlPolicy } from '../cache/ttl-policy';
import type { Config, TenantConfig } from '../config/config';
import type { Provider } from '../domain/provider';
import { type EventBus, tenantEvents } from '../events/event-bus';
import type { RedisConnection } from '../infra/redis-connection';
import { IdentityIndex } from '../identity/identity-index';
import type { IdentityStore } from '../identity/identity-store';
import { IdentitySync } from '../identity/identity-sync';
import { IndexProgress } from '../identity/index-progress';
import { MemoryReadModelStore } from '../readmodel/memory-read-model-store';
import { ReadModel } from '../readmodel/read-model';
import type { ReadModelStore } from '../readmodel/read-model-store';
import { RedisReadModelStore } from '../readmodel/redis-read-model-store';
import { MemoryIdentityStore } from '../identity/memory-identity-store';
import { RedisIdentityStore } from '../identity/redis-identity-store';
import { createLoaders, type LoaderDeps, type Loaders } from '../loaders/create-loaders';
import { EntityStore, type EntityStoreDeps } from '../store/entity-store';
import type { ResponseDependencies } from '../response-cache/response-dependencies';
import type { ResponseCache, TenantResponses } from '../response-cache/response-cache';
import { MemoryInvalidations, RedisInvalidations } from '../response-cache/invalidation-ledger';
import { objectOfTag } from '../response-cache/response-tags';
import { RedisSharedResponses } from '../response-cache/shared-responses';
import { listenForChanges } from './change-listeners';
import { oncePer } from '../observability/once-per';
import type { OutboundAttemptResult } from '../observability/metrics';
import type { Tracing } from '../observability/tracing';
import type { VendorCallObserver } from '../vendors/kit/http/vendor-http-client';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from '../vendors/kit/http/vendor-resilience';
import { credentialScope } from '../vendors/kit/http/credential-scope';
import { VendorCoordination } from '../vendors/kit/http/vendor-coordination';
import type { VendorDescriptor, VendorModule } from '../vendors/vendor-adapter';
import { VendorRegistry } from '../vendors/vendor-registry';
import { MemoryWebhookStore, RedisWebhookStore, type WebhookStore } from '../webhooks/webhook-store';
import { WebhookService } from '../webhooks/webhook.service';
import { Idempotency } from '../writes/idempotency';
import { type IdempotencyStore, MemoryIdempotencyStore, RedisIdempotencyStore } from '../writes/idempotency-store';
import { WriteService } from '../writes/write.service';
import { driftReporter } from '../vendors/kit/schema-drift';
import { EventRenderer, type RunQuery } from '../outbound/event-renderer';
import { OutboundService } from '../outbound/outbound.service';
import type { OutboundSender } from '../outbound/outbound-sender';
import { MemoryOutboxStore, type OutboxStore } from '../outbound/outbox-store';
import { RedisOutboxStore } from '../outbound/redis-outbox-store';

/** Per tenant: past this many, the oldest are forgotten and responses older than them count as outdated. */
const INVALIDATED_TAGS_REMEMBERED = 50_000;

/** Evalyo: find or create the candidate, then invite. Sets the idempotency lease in vendor timeouts. */
const WRITE_CALLS_PER_MUTATION = 3;

export interface TenantSharedDeps {
  config: Config;
  vendors: readonly VendorModule[];
  logger: Logger;
  cache: Cache;
  events: EventBus;
  redis: RedisConnection | null;
  /** Own socket and breaker: the feeds must not be cut off because the other stores' breaker opened. */
  readModelRedis: RedisConnection | null;
  /** Own socket and a patient guard with no breaker (`webhookGuard`): slow reads elsewhere never refuse a delivery. */
  webhookRedis: RedisConnection | null;
  vendorObserver?: VendorCallObserver;
  tracing?: Tracing | null;
  onCacheRead?: EntityStoreDeps['onCacheRead'];
  onSchemaDrift?: (provider: Provider, field: string) => void;
  /** The benchmark's naive peer only. */
  unbatchedLoaders?: boolean;
  /** Null when the response cache is off. */
  responseCache?: ResponseCache | null;
  /** The response cache's reads of the invalidation log (a short guard); null without Redis. */
  ledgerRedis?: RedisConnection | null;
  onResponsesInvalidated?: (tags: number) => void;
  /** Vendor budgets, breakers and pauses shared by the replicas (a short guard); null without Redis. */
  vendorRedis?: RedisConnection | null;
  /** Outbound webhooks: one sender (connection pool, SSRF guard) for every tenant, and the graph run as the gateway. */
  outbound: {
    sender: OutboundSender;
    run: (tenantId: string) => RunQuery;
    onAttempt?: (result: OutboundAttemptResult, latencyMs: number) => void;
  };
}

/** Nothing here is reachable from another tenant: every key it writes carries its id. */
export interface TenantRuntime {
  id: string;
  registry: VendorRegistry;
  identity: IdentityIndex;
  /** `main.ts` starts it, tests drive it. */
  identitySync: IdentitySync;
  readModel: ReadModel;
  indexProgress: IndexProgress;
  webhookTokens: Partial<Record<Provider, string>>;
  webhookStore: WebhookStore;
  webhooks: WebhookService;
  /** Outbound webhooks: endpoints, the outbox, publishing and sending. */
  outbound: OutboundService;
  outbox: OutboxStore;
  writes: WriteService;
  store: EntityStore;
  /** This tenant's share of the response cache; null when it is off. */
  responses: TenantResponses | null;
  /** Fresh per request; `dependencies` records what the response reads (the response cache). */
  loaders(dependencies?: ResponseDependencies): Loaders;
  close(): Promise<void>;
}

export function createTenantRuntime(tenant: TenantConfig, shared: TenantSharedDeps): TenantRuntime {
  const { config } = shared;
  const logger = shared.logger.child({ tenant: tenant.id });
  const adapters = shared.vendors.flatMap((vendor) => {
    const vendorConfig = tenant.vendors[vendor.descriptor.provider];
    if (!vendorConfig) return [];
    const provider = vendor.descriptor.provider;
    const resilience = resilienceSettings(config, vendor.descriptor, vendorConfig.rateLimitPerMinute);
    const vendorLogger = logger.child({ provider });
    return [
      vendor.createAdapter({
        apiKey: vendorConfig.apiKey,
        baseUrl: vendorConfig.baseUrl,
        options: vendorConfig.options ?? {},
        timeoutMs: config.http.timeoutMs,
        connectTimeoutMs: config.http.connectTimeoutMs,
        resilience,
        // One per vendor account: the same key at the same API, whichever replica serves it.
        coordination: new VendorCoordination({
          key: `ig:vendor:v1:${tenant.id}:${provider}:${credentialScope(`${vendorConfig.baseUrl}\n${vendorConfig.apiKey}`)}`,
          redis: shared.vendorRedis ?? null,
          budgetPerMinute: resilience.rateLimitPerMinute,
          onRedisError: redisTrouble(vendorLogger),
        }),
        logger: vendorLogger,
        observer: shared.vendorObserver,
        tracing: shared.tracing,
        drift: driftReporter({
          provider: vendor.descriptor.provider,
          logger,
          count: shared.onSchemaDrift,
        }),
      }),
    ];
  });
  const registry = new VendorRegistry(
    shared.vendors.map((v) => v.descriptor),
    adapters,
    config.sandbox.enabled,
  );

  const identityStore: IdentityStore = shared.redis ? new RedisIdentityStore(shared.redis, tenant.id) : new MemoryIdentityStore();
  const identity = new IdentityIndex(identityStore, logger);
  const readModelStore: ReadModelStore = shared.readModelRedis ? new RedisReadModelStore(shared.readModelRedis, tenant.id) : new MemoryReadModelStore();
  const readModel = new ReadModel(readModelStore, logger.child({ component: 'read-model' }));
  const indexProgress = new IndexProgress(identityStore, () => registry.configured().map((a) => a.descriptor.provider));
  const store = new EntityStore({
    registry,
    cache: shared.cache,
    keys: new CacheKeys(tenant.id),
    ttl: new TtlPolicy(config.cache.ttl),
    logger,
    onCacheRead: shared.onCacheRead,
  });
  const loaderDeps: LoaderDeps = { store, logger, index: identity, unbatched: shared.unbatchedLoaders ?? false };
  const loaders = (dependencies?: ResponseDependencies) => createLoaders(dependencies ? { ...loaderDeps, dependencies } : loaderDeps);
  const identitySync = new IdentitySync({
    registry,
    index: identity,
    readModel,
    store,
    logger: logger.child({ component: 'identity-sync' }),
    intervalMs: config.identity.syncIntervalSeconds * 1000,
    pagesPerRun: config.identity.syncPagesPerRun,
    lockTtlMs: config.identity.syncLockTtlSeconds * 1000,
    fullPassEveryMs: config.identity.fullSyncIntervalSeconds * 1000,
  });

  // Sandbox mode invents missing webhook tokens so the simulators' deliveries work out of the box.
  const webhookTokens: Partial<Record<Provider, string>> = { ...tenant.webhookTokens };
  if (config.sandbox.enabled) {
    for (const adapter of adapters) {
      if (adapter.parseWebhook) webhookTokens[adapter.descriptor.provider] ??= randomBytes(18).toString('base64url');
    }
  }
  const webhookStore: WebhookStore = shared.webhookRedis ? new RedisWebhookStore(shared.webhookRedis, tenant.id) : new MemoryWebhookStore();
  const events = tenantEvents(shared.events, tenant.id);
  // The log's and the shared layer's reads go through the connection with the short guard.
  const responseRedis = shared.redis ? { quick: shared.ledgerRedis ?? shared.redis, patient: shared.redis } : null;
  const responseLogger = logger.child({ component: 'response-cache' });
  const responses = shared.responseCache
    ? shared.responseCache.tenant(
        tenant.id,
        responseRedis
          ? new RedisInvalidations({ reads: responseRedis.quick, commits: responseRedis.patient }, tenant.id, INVALIDATED_TAGS_REMEMBERED, responseLogger)
          : new MemoryInvalidations(INVALIDATED_TAGS_REMEMBERED),
        responseRedis && config.responseCache.redisMaxBytes > 0
          ? new RedisSharedResponses(
              { reads: responseRedis.quick, writes: responseRedis.patient },
              tenant.id,
              config.responseCache.redisMaxBytes,
              responseLogger,
            )
          : null,
      )
    : null;
  // Another replica's change is in the shared cache layer: this one's in-memory copies must go too,
  // or its next read would take them (a gap drops nothing: those copies expire with their TTL).
  responses?.invalidations.onApplied((tags, remote) =>
    !remote || tags === 'all' ? undefined : store.forgetLocal(tags.flatMap((tag) => objectOfTag(tag) ?? [])),
  );
  listenForChanges(store, {
    identity,
    readModel,
    events,
    responses: responses && { invalidate: (tags) => responses.invalidate(tags), counted: shared.onResponsesInvalidated },
  });
  // The outbox shares the webhook store's patient connection: publishing and delivering wait out a stall.
  const outbox: OutboxStore = shared.webhookRedis ? new RedisOutboxStore(shared.webhookRedis, tenant.id) : new MemoryOutboxStore();
  const outbound = new OutboundService({
    tenantId: tenant.id,
    store: outbox,
    webhookStore,
    registry,
    identity,
    renderer: new EventRenderer(shared.outbound.run(tenant.id), config.outbound.maxPayloadBytes),
    sender: shared.outbound.sender,
    settings: {
      policy: { allowPrivate: config.outbound.allowPrivateTargets },
      timeoutMs: config.outbound.timeoutMs,
      retryScheduleSeconds: config.outbound.retryScheduleSeconds,
      endpointConcurrency: config.outbound.endpointConcurrency,
      maxEndpoints: config.outbound.maxEndpoints,
    },
    logger: logger.child({ component: 'outbound-webhooks' }),
    onAttempt: shared.outbound.onAttempt,
  });
  const webhooks = new WebhookService({
    registry,
    store: webhookStore,
    index: identity,
    entities: store,
    logger: logger.child({ component: 'webhooks' }),
    intake: { timeoutMs: config.webhooks.storeTimeoutMs, maxDeliveries: config.webhooks.queueMaxDeliveries, maxBytes: config.webhooks.queueMaxBytes },
    applyRetryMs: config.webhooks.applyRetrySeconds * 1000,
    beforeApply: (provider, event) => outbound.beforeApply(provider, event),
  });
  // Applied here: its outbound events are published now, not at the next poll.
  webhooks.onSettled(() => outbound.nudgePublish());
  webhooks.start();
  outbound.start();

  const idempotencyStore: IdempotencyStore = shared.redis
    ? new RedisIdempotencyStore(shared.redis, tenant.id, config.mutations.idempotencyMaxBytes)
    : new MemoryIdempotencyStore(config.mutations.idempotencyMaxBytes);
  const writes = new WriteService({
    registry,
    store,
    logger,
    idempotency: new Idempotency({
      store: idempotencyStore,
      ttlSeconds: config.mutations.idempotencyTtlSeconds,
      leaseMs: WRITE_CALLS_PER_MUTATION * (config.http.timeoutMs + config.http.connectTimeoutMs) + 5_000,
      logger: logger.child({ component: 'idempotency' }),
    }),
  });

  return {
    id: tenant.id,
    registry,
    identity,
    identitySync,
    readModel,
    indexProgress,
    webhookTokens,
    webhookStore,
    webhooks,
    outbound,
    outbox,
    writes,
    store,
    responses,
    loaders,
    close: async () => {
      await identitySync.stop();
      await webhooks.stop();
      await outbound.stop();
      await store.settled();
      await identityStore.close();
      await readModelStore.close();
      await webhookStore.close();
      await outbox.close();
      await idempotencyStore.close();
    },
  };
}

function resilienceSettings(config: Config, descriptor: VendorDescriptor, ownRateLimit: number | null | undefined): ResilienceSettings {
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
    // The tenant's own plan first; null: none.
    rateLimitPerMinute:
      ownRateLimit !== undefined
        ? ownRateLimit
        : descriptor.provider in http.rateLimitPerMinute
          ? (http.rateLimitPerMinute[descriptor.provider] ?? null)
          : descriptor.capabilities.rateLimitPerMinute,
  };
}

/** At most one warning every 10 s: while Redis cannot answer, every vendor call would say it. */
function redisTrouble(logger: Logger): (error: unknown) => void {
  const due = oncePer(10_000);
  return (error) => {
    if (!due()) return;
    logger.warn({ err: error }, "Redis did not answer: vendor budget, breaker and pauses are this replica's alone until it does");
  };
}
