import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Provider } from '../domain/provider';

export type CacheResult = 'hit' | 'miss' | 'stale';

/** How one outbound webhook attempt ended: 2xx; failed with a retry scheduled; retries used up; 410 (the endpoint disabled). */
export type OutboundAttemptResult = 'delivered' | 'retrying' | 'failed' | 'gone';

/** `status` null: no answer. */
export interface VendorCallMetric {
  provider: Provider;
  route: string;
  status: number | null;
  durationMs: number;
  errorCode: string | null;
}

/** Structural (a `VendorRegistry` fits), so observability imports no vendor code. */
export interface BreakerSource {
  configured(): Iterable<{ readonly descriptor: { provider: Provider }; health(): { breaker: keyof typeof BREAKER_VALUE } }>;
}

/** Clients choose operation names: past this many, labels are `(other)`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const BREAKER_VALUE = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 } as const;

/** A registry per app, never the global one: several apps in one process (tests) each get theirs. Labels are bounded. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  private readonly vendorRequests = new Counter({
    name: 'ig_vendor_requests_total',
    help: 'Vendor HTTP calls, by provider, route template, HTTP status (0: no answer) and gateway error code ("" when none).',
    labelNames: ['provider', 'route', 'status', 'code'] as const,
    registers: [this.registry],
  });

  private readonly vendorDuration = new Histogram({
    name: 'ig_vendor_request_duration_seconds',
    help: 'Time of one vendor HTTP call (one attempt), by provider and route template.',
    labelNames: ['provider', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly cacheReads = new Counter({
    name: 'ig_cache_reads_total',
    help: 'Cached reads by the loaders, by kind of object and result (hit: fresh copy; miss: fetched from the vendor; stale: an expired copy served while the vendor failed).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  private readonly cacheLayerReads = new Counter({
    name: 'ig_cache_layer_reads_total',
    help: 'Keys read from each cache layer (memory: the in-process LRU; redis: the shared layer), by result.',
    labelNames: ['layer', 'result'] as const,
    registers: [this.registry],
  });

  private readonly operations = new Counter({
    name: 'ig_graphql_operations_total',
    help: 'GraphQL operations, by operation name, type and result (ok, or error: at least one error in the response).',
    labelNames: ['operation', 'type', 'result'] as const,
    registers: [this.registry],
  });

  private readonly operationDuration = new Histogram({
    name: 'ig_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly operationErrors = new Counter({
    name: 'ig_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly clientRateLimitedRequests = new Counter({
    name: 'ig_client_rate_limited_total',
    help: 'Requests refused with 429 because their client spent its requests per minute (CLIENT_RATE_LIMIT_PER_MINUTE).',
    registers: [this.registry],
  });
  private readonly webhooks = new Counter({
    name: 'ig_webhook_deliveries_total',
    help: 'Inbound vendor webhooks, by provider and result (applied, duplicate, stale, or the refusal code).',
    labelNames: ['provider', 'result'] as const,
    registers: [this.registry],
  });

  private readonly drift = new Counter({
    name: 'ig_vendor_schema_drift_total',
    help: 'Vendor payload fields in a shape the adapter does not read (the field degrades, its value stays in raw), by provider and vendor field.',
    labelNames: ['provider', 'field'] as const,
    registers: [this.registry],
  });

  private readonly responseCacheRequests = new Counter({
    name: 'ig_response_cache_requests_total',
    help: 'GraphQL requests by what the response cache did: hit (answered from this process), hit_shared (from the Redis layer), not_modified (a GET answered 304), miss (executed), bypass (not looked up: the client said no-cache, a batch or malformed request, or the invalidation log unreadable).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly responseCacheStores = new Counter({
    name: 'ig_response_cache_stores_total',
    help: 'Executed responses by whether the response cache kept them: stored, or why not (errors, stale, raw, mutation, too large, outdated by a change made while executing, …).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly responseCacheInvalidations = new Counter({
    name: 'ig_response_cache_invalidations_total',
    help: 'Tags invalidated (an entity or a list changed by a webhook, mutation, refresh or sync), and the invalidations committed.',
    labelNames: ['unit'] as const,
    registers: [this.registry],
  });

  private readonly outboundAttempts = new Counter({
    name: 'ig_outbound_webhook_attempts_total',
    help: 'Attempts to deliver an outbound webhook, by result: delivered (2xx), retrying (failed, another attempt is scheduled), failed (retries used up), gone (410: the endpoint is disabled).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly outboundDuration = new Histogram({
    name: 'ig_outbound_webhook_attempt_duration_seconds',
    help: 'Time of one outbound webhook attempt, connect to answer.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    registries: () => Iterable<{ tenant: string; registry: BreakerSource }>,
    responseCacheSize: () => { entries: number; bytes: number } | null = () => null,
    /** Each tenant's oldest pending outbound delivery (epoch ms; null: none), read when scraped. */
    outboxes: () => Iterable<{ tenant: string; oldestPending(): Promise<number | null> }> = () => [],
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ig_' });
    new Gauge({
      name: 'ig_outbound_webhook_oldest_pending_seconds',
      help: "Age of each tenant's oldest outbound webhook delivery not delivered yet (0: none); shared by the replicas with Redis.",
      labelNames: ['tenant'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const now = Date.now();
        await Promise.all(
          [...outboxes()].map(async ({ tenant, oldestPending }) => {
            // A store that cannot answer leaves the tenant out of this scrape rather than fail it.
            const oldest = await oldestPending().catch(() => undefined);
            if (oldest !== undefined) this.set({ tenant }, oldest === null ? 0 : Math.max(0, (now - oldest) / 1000));
          }),
        );
      },
    });
    new Gauge({
      name: 'ig_response_cache_bytes',
      help: "Estimated bytes held by this process's response cache (bodies, tags, bookkeeping).",
      registers: [this.registry],
      collect() {
        this.set(responseCacheSize()?.bytes ?? 0);
      },
    });
    new Gauge({
      name: 'ig_response_cache_entries',
      help: "Responses held by this process's response cache.",
      registers: [this.registry],
      collect() {
        this.set(responseCacheSize()?.entries ?? 0);
      },
    });
    new Gauge({
      name: 'ig_vendor_breaker_state',
      help: "Each vendor's circuit breaker, per tenant: 0 closed, 1 half-open (probing), 2 open (failing fast).",
      labelNames: ['tenant', 'provider'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { tenant, registry } of registries()) {
          for (const adapter of registry.configured()) {
            const breaker = adapter.health().breaker;
            if (breaker) this.set({ tenant, provider: adapter.descriptor.provider }, BREAKER_VALUE[breaker]);
          }
        }
      },
    });
  }

  readonly vendorCall = (call: VendorCallMetric): void => {
    this.vendorRequests.inc({ provider: call.provider, route: call.route, status: String(call.status ?? 0), code: call.errorCode ?? '' });
    this.vendorDuration.observe({ provider: call.provider, route: call.route }, call.durationMs / 1000);
  };

  cacheRead(kind: string, result: CacheResult, count = 1): void {
    if (count > 0) this.cacheReads.inc({ kind, result }, count);
  }

  cacheLayerRead(layer: 'memory' | 'redis', hits: number, misses: number): void {
    if (hits > 0) this.cacheLayerReads.inc({ layer, result: 'hit' }, hits);
    if (misses > 0) this.cacheLayerReads.inc({ layer, result: 'miss' }, misses);
  }

  operation(name: string | null, type: string, seconds: number, errorCodes: readonly string[]): void {
    const operation = this.operationLabel(name);
    this.operations.inc({ operation, type, result: errorCodes.length > 0 ? 'error' : 'ok' });
    this.operationDuration.observe({ operation, type }, seconds);
    for (const code of errorCodes) this.operationErrors.inc({ code });
  }

  responseCache(result: 'hit' | 'hit_shared' | 'not_modified' | 'miss' | 'bypass'): void {
    this.responseCacheRequests.inc({ result });
  }

  /** `result`: `stored` or a refusal reason (a fixed vocabulary, never client text). */
  responseCacheStore(result: string): void {
    this.responseCacheStores.inc({ result });
  }

  responseCacheInvalidated(tags: number): void {
    this.responseCacheInvalidations.inc({ unit: 'invalidation' });
    this.responseCacheInvalidations.inc({ unit: 'tag' }, tags);
  }

  schemaDrift(provider: Provider, field: string): void {
    this.drift.inc({ provider, field });
  }

  clientRateLimited(): void {
    this.clientRateLimitedRequests.inc();
  }

  webhook(provider: Provider | 'UNKNOWN', result: string): void {
    this.webhooks.inc({ provider, result });
  }

  outboundAttempt(result: OutboundAttemptResult, latencyMs: number): void {
    this.outboundAttempts.inc({ result });
    this.outboundDuration.observe(latencyMs / 1000);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private operationLabel(name: string | null): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(other)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }
}
