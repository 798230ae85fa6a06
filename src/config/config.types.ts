/**
 * Apart from config.ts so tenants-file.ts can name it without an import circle. Written out, not
 * `z.infer`red: `Config` is a projection of the variables (nested, renamed, derived), not their parse.
 */
import type { Provider } from '../domain/provider';

export interface VendorConfig {
  apiKey: string;
  baseUrl: string;
  /** Vendor-specific settings (`<SLUG>_<OPTION>`), by option name. */
  options?: Record<string, string>;
  /** This credential's own request budget per minute (a tenant's plan); null: none; absent: `http.rateLimitPerMinute`. */
  rateLimitPerMinute?: number | null;
}

/** Everything a tenant touches is scoped to its id: cache and Redis keys, webhooks, events, idempotency. */
export interface TenantConfig {
  id: string;
  /** Vendors with credentials (empty in sandbox mode until the simulators are started). */
  vendors: Partial<Record<Provider, VendorConfig>>;
  /** The secret in `/webhooks/<provider>/<token>`; it also picks the tenant. Unset: that vendor's webhooks are refused. */
  webhookTokens: Partial<Record<Provider, string>>;
  /** SHA-256 (hex) of every client API key that acts as this tenant. */
  clientKeyDigests: string[];
  /** SHA-256 (hex) of the client API keys that also have the admin role (outbound webhook endpoints); also in `clientKeyDigests`. */
  adminKeyDigests: string[];
}

export interface JwtConfig {
  /** HS*: the shared secret; RS*, PS*, ES*: the public key, PEM. */
  key: string;
  algorithms: string[];
  /** Required `iss` / `aud`, when set. */
  issuer: string | null;
  audience: string | null;
  /** The claim naming the tenant (required with a tenants file; else optional and must match). */
  tenantClaim: string;
  /** A token whose `scope` (space-separated) or `scp` claim holds this value has the admin role. */
  adminScope: string;
}

export interface CacheTtlConfig {
  /** All TTLs in seconds. Completed reports and finished interviews. */
  completedSeconds: number;
  /** Interviews still in progress and "no report yet" answers, in seconds. */
  activeSeconds: number;
  listSeconds: number;
  /** Templates, and candidate profiles a vendor gives apart from its interviews, in seconds. */
  templateSeconds: number;
  /** Kept past the TTL to serve while the vendor fails, in seconds; 0: off. Signed URLs never outlive their expiry. */
  staleIfErrorSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  redisUrl: string | null;
  cache: {
    /** Entries kept in the in-memory LRU (L1). */
    maxItems: number;
    ttl: CacheTtlConfig;
  };
  /** Whole GraphQL responses, served before execution; invalidated by the changes they read. */
  responseCache: {
    enabled: boolean;
    /** Bytes this process keeps at most (estimated: bodies, tags, bookkeeping). */
    maxBytes: number;
    /** Larger responses are never cached. */
    maxEntryBytes: number;
    /** Longest a response is served; also the life of one that read nothing with a TTL of its own (feeds, candidate lists). */
    maxTtlSeconds: number;
    /** Bytes each tenant's responses may take in Redis (the shared layer, with `REDIS_URL`); 0: no shared layer. */
    redisMaxBytes: number;
  };
  http: {
    /** Total time for one vendor call, retries and waits included, in milliseconds. */
    timeoutMs: number;
    /** Time to connect to a vendor, in milliseconds. */
    connectTimeoutMs: number;
    /** Most retries of one vendor read (429/502/503/504); writes are never retried. */
    retries: number;
    breaker: {
      /** Opens after this many failed calls in a row… */
      consecutiveFailures: number;
      /** …or when this fraction (0–1) of the last `windowCalls` calls failed. */
      failureRate: number;
      windowCalls: number;
      /** Seconds it stays open before one probe call. */
      halfOpenSeconds: number;
    };
    /** Calls in flight to one vendor at most (more wait their turn). */
    maxConcurrency: number;
    /** Per minute; defaults to the vendor's documented limit (HeyMilo 300, Evalyo 500 on Starter); null: none. */
    rateLimitPerMinute: Partial<Record<Provider, number | null>>;
  };
  graphql: {
    /** Schema introspection (GraphiQL's docs and autocompletion need it). */
    introspection: boolean;
    /** The self-hosted GraphiQL at `/graphiql` and at `GET /graphql` from a browser. */
    landingPage: boolean;
    /** Per-operation limits; an operation over any is refused before anything runs. */
    limits: {
      /** Field nesting; a Relay connection adds two levels (`edges`, `node`). */
      maxDepth: number;
      maxAliases: number;
      maxDirectives: number;
      /** Lexical tokens in the document (checked while parsing). */
      maxTokens: number;
      /** graphql-armor's cost (objects 2, scalars 1, × 1.5 per level). */
      maxCost: number;
    };
    /** Largest request body (and WebSocket message), in bytes. */
    maxBodyBytes: number;
    /** Apollo's CSRF prevention: a GET or simple POST needs a non-simple header. */
    csrfPrevention: boolean;
    /** Automatic persisted queries: how long a registered query is kept, in seconds; null: APQ off. */
    persistedQueryTtlSeconds: number | null;
    /** Longest query (in UTF-16 code units) registered as a persisted query; longer ones run but are not kept. */
    persistedQueryMaxBytes: number;
    /** Bytes of registered queries kept in this process, and per tenant in Redis with `REDIS_URL`. */
    persistedQueriesMaxBytes: number;
    /** Bytes of parsed documents kept (estimated: source + ~150 per token); 0: parsed every time. */
    documentCacheMaxBytes: number;
    /** graphql-ws: over either cap the socket closes with 4429 (docs/deployment.md, Memory bounds). */
    ws: {
      maxSubscriptionsPerConnection: number;
      /** Open sockets per principal (API key, JWT subject), or per IP when open. */
      maxConnectionsPerClient: number;
    };
  };
  auth: {
    /** Header carrying a client API key (lower-case). */
    apiKeyHeader: string;
    jwt: JwtConfig | null;
    /** Why unauthenticated requests are served as the only tenant: simulators only, or AUTH_ALLOW_OPEN=true; null: never. */
    open: 'sandbox' | 'explicit' | null;
  };
  /** Origins browsers may call the API from (CORS); empty: none besides the gateway's own; `*`: any. */
  corsOrigins: string[];
  /** Requests per minute per client (API key, JWT subject, else IP) on `/graphql`, shared by the replicas; null: no limit. */
  clientRateLimitPerMinute: number | null;
  /** Fastify's `trustProxy`: whose `X-Forwarded-For` names the client (for per-IP limits and logs); false: nobody's. */
  trustProxy: boolean | number | string[];
  /** Off when `endpoint` is null. */
  tracing: {
    /** OTLP over HTTP, JSON: the collector's `/v1/traces` URL. */
    endpoint: string | null;
    /** Sent with every export (e.g. a vendor's API key header). */
    headers: Record<string, string>;
    serviceName: string;
    /** Share of new traces recorded, 0–1; a caller's `traceparent` decision is kept. */
    sampleRatio: number;
  };
  metrics: {
    enabled: boolean;
    /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
    token: string | null;
  };
  identity: {
    /** Pause between identity sync runs, in seconds; 0 = no background sync. */
    syncIntervalSeconds: number;
    /** Discovery pages one run may take per vendor. */
    syncPagesPerRun: number;
    /** Sync lock lifetime (renewed per page), in seconds: another instance takes over after it. */
    syncLockTtlSeconds: number;
    /** A pass re-reads a vendor's whole list when the last whole pass is older than this, in seconds. */
    fullSyncIntervalSeconds: number;
    /** Seconds from the sync's start that `/readyz` answers 503 during a first whole pass; then 200 with `indexIncomplete`. */
    readyWaitSeconds: number;
  };
  mutations: {
    /** How long an `idempotencyKey` and its answer are kept, in seconds. */
    idempotencyTtlSeconds: number;
    /** Bytes of kept answers per tenant (memory, or Redis): past it a retry gets IDEMPOTENT_RESULT_NOT_KEPT. */
    idempotencyMaxBytes: number;
  };
  /** Inbound webhooks: a delivery is answered 2xx only once stored (in Redis with `REDIS_URL`). */
  webhooks: {
    /**
     * How long a delivery may wait to be stored, in the line and for Redis, in milliseconds; past it
     * it is refused (503). Also each webhook-store operation's timeout (no breaker).
     */
    storeTimeoutMs: number;
    /** Deliveries waiting to be stored, per tenant, at most; more are refused (503) until the line drains. */
    queueMaxDeliveries: number;
    /** Bytes of bodies waiting to be stored, per tenant, at most (JSON length). */
    queueMaxBytes: number;
    /** A stored delivery not applied (its apply failed, or its instance stopped) is applied again after this long, in seconds. */
    applyRetrySeconds: number;
  };
  /** Outbound webhooks: the unified model's changes POSTed, signed (Standard Webhooks), to the tenants' own endpoints. */
  outbound: {
    /** `http://` and loopback/private addresses allowed as targets (a sandbox setting: SSRF otherwise). */
    allowPrivateTargets: boolean;
    /** One attempt, connect to last byte, in ms. */
    timeoutMs: number;
    /** Pause before each retry, in seconds (jittered ±20 %); its length + 1 is the number of attempts. */
    retryScheduleSeconds: number[];
    /** Deliveries in flight to one endpoint at once, across the replicas. */
    endpointConcurrency: number;
    /** A rendered event larger than this is sent slim (ids only, `truncated: true`), in bytes. */
    maxPayloadBytes: number;
    /** Endpoints per tenant at most. */
    maxEndpoints: number;
  };
  sandbox: {
    enabled: boolean;
    /** Why: `no-keys` (auto, nothing configured) or `forced` (SANDBOX=true). */
    reason: 'no-keys' | 'forced' | null;
    latencyMs: number;
    seed: number;
    /** Extra interviews in TOTAL, spread evenly over the simulators (0: the documented data sets only). */
    interviews: number;
    /** The simulators listen on portBase, portBase+1, … in vendor order; null: free ports picked at start. */
    portBase: number | null;
  };
  /** Never empty. */
  tenants: TenantConfig[];
  tenancy: 'env' | 'file';
}
