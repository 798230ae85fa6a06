/** The only module that reads the environment; a bad value stops startup naming the variable. */
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Provider, registerProviders } from '../domain/provider';
import type { VendorDescriptor } from '../domain/vendor-descriptor';
import type { Config, JwtConfig, TenantConfig, VendorConfig } from './config.types';
import { clientKeyDigest, MIN_WEBHOOK_TOKEN_LENGTH, TENANT_ID_PATTERN } from './credentials';
import { readTenantsFile, type VendorDefaults } from './tenants-file';
import { vendorEnvNames } from './vendor-variables';

export type { CacheTtlConfig, Config, JwtConfig, TenantConfig, VendorConfig } from './config.types';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
/** OpenTelemetry's format: `name=value,name2=value2`, values URL-encoded; null when a pair is malformed. */
export function otlpHeaders(value: string): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at).trim() : '';
    if (!/^[A-Za-z0-9-]+$/.test(name)) return null;
    try {
      headers[name.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return null;
    }
  }
  return headers;
}
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.join(' or ')}//`,
  );

const baseSchema = z.object({
  /** Only `production` matters here: it refuses to fall back to the simulators by itself. */
  NODE_ENV: z.string().optional(),
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENANT_ID: z.string().regex(TENANT_ID_PATTERN, 'must be 1–64 letters, digits, _ or -').default('default'),
  TENANTS_FILE: z.string().optional(),
  AUTH_API_KEYS: z.string().optional(),
  AUTH_API_KEY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
    .transform((v) => v.toLowerCase())
    .refine((v) => v !== 'authorization', 'must not be authorization (that carries JWTs)')
    .default('x-api-key'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWT_PUBLIC_KEY: z.string().optional(),
  AUTH_JWT_ALGORITHMS: z.string().optional(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
  AUTH_JWT_TENANT_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/)
    .default('tenant'),
  AUTH_ALLOW_OPEN: bool.default(false),
  AUTH_ADMIN_API_KEYS: z.string().optional(),
  AUTH_JWT_ADMIN_SCOPE: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/, 'must be an OAuth scope token (no spaces or quotes)')
    .default('webhooks:admin'),
  CORS_ORIGINS: z.string().optional(),
  CLIENT_RATE_LIMIT_PER_MINUTE: int(0, 10_000_000).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count, or comma-separated proxy addresses/CIDRs')
    .optional(),
  METRICS_ENABLED: bool.default(true),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .refine((v) => otlpHeaders(v) !== null, 'must be comma-separated name=value pairs')
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('interview-graph'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  CACHE_MAX_ITEMS: int(100, 10_000_000).default(50_000),
  CACHE_TTL_COMPLETED_SECONDS: int(1, 30 * 86_400).default(86_400),
  CACHE_TTL_ACTIVE_SECONDS: int(1, 86_400).default(30),
  CACHE_TTL_LIST_SECONDS: int(1, 86_400).default(60),
  CACHE_TTL_TEMPLATE_SECONDS: int(1, 86_400).default(300),
  CACHE_STALE_IF_ERROR_SECONDS: int(0, 7 * 86_400).default(21_600),
  RESPONSE_CACHE_ENABLED: bool.default(true),
  RESPONSE_CACHE_MAX_BYTES: int(1024 * 1024, 64 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  RESPONSE_CACHE_MAX_ENTRY_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  RESPONSE_CACHE_MAX_TTL_SECONDS: int(1, 86_400).default(60),
  RESPONSE_CACHE_REDIS_MAX_BYTES: int(0, 1024 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  VENDOR_TIMEOUT_MS: int(100, 120_000).default(10_000),
  VENDOR_CONNECT_TIMEOUT_MS: int(50, 60_000).default(2_000),
  VENDOR_RETRIES: int(0, 5).default(2),
  VENDOR_BREAKER_FAILURES: int(1, 1_000).default(5),
  VENDOR_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).lt(1).default(0.5),
  VENDOR_BREAKER_WINDOW: int(2, 10_000).default(20),
  VENDOR_BREAKER_HALF_OPEN_SECONDS: int(1, 3_600).default(30),
  VENDOR_MAX_CONCURRENCY: int(1, 10_000).default(32),
  GRAPHQL_INTROSPECTION: bool.default(true),
  GRAPHQL_LANDING_PAGE: bool.default(true),
  GRAPHQL_MAX_DEPTH: int(1, 100).default(12),
  GRAPHQL_MAX_ALIASES: int(0, 10_000).default(15),
  GRAPHQL_MAX_DIRECTIVES: int(0, 10_000).default(50),
  GRAPHQL_MAX_TOKENS: int(10, 1_000_000).default(1_000),
  GRAPHQL_MAX_COST: int(10, 100_000_000).default(50_000),
  GRAPHQL_MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  GRAPHQL_CSRF_PREVENTION: bool.default(true),
  GRAPHQL_PERSISTED_QUERIES: bool.default(true),
  GRAPHQL_PERSISTED_QUERY_TTL_SECONDS: int(60, 30 * 86_400).default(86_400),
  GRAPHQL_PERSISTED_QUERY_MAX_BYTES: int(256, 100 * 1024 * 1024).default(64 * 1024),
  GRAPHQL_PERSISTED_QUERIES_MAX_BYTES: int(64 * 1024, 64 * 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  GRAPHQL_DOCUMENT_CACHE_MAX_BYTES: int(0, 64 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 100_000).default(50),
  GRAPHQL_WS_MAX_CONNECTIONS_PER_CLIENT: int(1, 100_000).default(20),
  IDENTITY_SYNC_INTERVAL_SECONDS: int(0, 7 * 86_400).default(300),
  IDENTITY_SYNC_PAGES_PER_RUN: int(1, 100_000).default(200),
  IDENTITY_SYNC_LOCK_TTL_SECONDS: int(5, 3_600).default(60),
  IDENTITY_FULL_SYNC_INTERVAL_SECONDS: int(60, 30 * 86_400).default(86_400),
  READY_INDEX_WAIT_SECONDS: int(0, 86_400).default(120),
  IDEMPOTENCY_TTL_SECONDS: int(60, 30 * 86_400).default(86_400),
  WEBHOOK_STORE_TIMEOUT_MS: int(100, 120_000).default(5_000),
  WEBHOOK_QUEUE_MAX_DELIVERIES: int(1, 1_000_000).default(1_000),
  WEBHOOK_QUEUE_MAX_BYTES: int(1024 * 1024, 4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  WEBHOOK_APPLY_RETRY_SECONDS: int(1, 86_400).default(30),
  OUTBOUND_WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.optional(),
  OUTBOUND_WEBHOOK_TIMEOUT_MS: int(100, 30_000).default(10_000),
  OUTBOUND_WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?){0,19}\s*$/, 'must be 1–20 comma-separated numbers of seconds, e.g. 5,300,1800')
    .default('5,300,1800,7200,18000,36000,36000,36000'),
  OUTBOUND_WEBHOOK_ENDPOINT_CONCURRENCY: int(1, 100).default(4),
  OUTBOUND_WEBHOOK_MAX_PAYLOAD_BYTES: int(1024, 4 * 1024 * 1024).default(256 * 1024),
  OUTBOUND_WEBHOOK_MAX_ENDPOINTS: int(1, 1_000).default(50),
  IDEMPOTENCY_MAX_BYTES: int(64 * 1024, 64 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  SANDBOX: z.enum(['auto', 'true', 'false']).default('auto'),
  SANDBOX_LATENCY_MS: int(0, 60_000).default(0),
  SANDBOX_SEED: int(0, 2 ** 31 - 1).default(42),
  SANDBOX_INTERVIEWS: int(0, 1_000_000).default(0),
  // Room above it for every simulator (base, base+1, …).
  SANDBOX_PORT_BASE: int(1, 65_000).optional(),
});

export { MIN_WEBHOOK_TOKEN_LENGTH };

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Takes descriptors so config never imports vendor code. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, vendors: readonly VendorDescriptor[]): Config {
  // The tenants file and webhook URLs name these vendors.
  registerProviders(vendors);
  const problems: string[] = [];
  const parsed = baseSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message} (got ${describe(issue.path[0], env)})`);
  }

  const configured: Partial<Record<Provider, VendorConfig>> = {};
  const webhookTokens: Partial<Record<Provider, string>> = {};
  const rateLimitPerMinute: Partial<Record<Provider, number | null>> = {};
  const defaults: Partial<Record<Provider, VendorDefaults>> = {};
  for (const descriptor of vendors) {
    const names = vendorEnvNames(descriptor.provider);
    const token = env[names.webhookToken]?.trim();
    if (token && descriptor.capabilities.webhooks) {
      if (token.length < MIN_WEBHOOK_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) {
        problems.push(`${names.webhookToken}: must be at least ${MIN_WEBHOOK_TOKEN_LENGTH} letters, digits, _ or - (got ${token.length} characters)`);
      } else {
        webhookTokens[descriptor.provider] = token;
      }
    }
    const limit = env[names.rateLimit]?.trim();
    if (limit && !/^\d{1,7}$/.test(limit))
      problems.push(`${names.rateLimit}: must be a whole number of requests per minute, 0 for none (got ${JSON.stringify(limit)})`);
    else if (limit) rateLimitPerMinute[descriptor.provider] = Number(limit) || null;
    const apiKey = env[names.apiKey]?.trim();
    const baseUrl = env[names.baseUrl]?.trim() || descriptor.defaultBaseUrl;
    if (!url(['http:', 'https:']).safeParse(baseUrl).success) {
      problems.push(`${names.baseUrl}: must be an http(s) URL (got ${JSON.stringify(baseUrl)})`);
      continue;
    }
    const options: Record<string, string> = {};
    for (const option of descriptor.options ?? []) {
      const value = env[`${names.prefix}${option.name}`]?.trim() || option.default;
      if (value !== undefined) options[option.name] = value;
    }
    defaults[descriptor.provider] = { baseUrl, options };
    if (apiKey) configured[descriptor.provider] = { apiKey, baseUrl, options };
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;

  let tenants: TenantConfig[];
  if (e.TENANTS_FILE) {
    const inEnv = [
      ...(env.TENANT_ID?.trim() ? ['TENANT_ID'] : []),
      ...(e.AUTH_API_KEYS ? ['AUTH_API_KEYS'] : []),
      ...(e.AUTH_ADMIN_API_KEYS ? ['AUTH_ADMIN_API_KEYS'] : []),
      ...vendors
        .flatMap((d) => {
          const names = vendorEnvNames(d.provider);
          return [names.apiKey, names.webhookToken];
        })
        .filter((name) => env[name]?.trim()),
    ];
    if (inEnv.length > 0) problems.push(`TENANTS_FILE: with a tenants file, tenants and their credentials are set in the file; unset ${inEnv.join(', ')}`);
    tenants = readTenantsFile(e.TENANTS_FILE, env, vendors, defaults, problems);
  } else {
    const digests = (name: 'AUTH_API_KEYS' | 'AUTH_ADMIN_API_KEYS'): string[] =>
      (e[name] ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
        .flatMap((key, i) => {
          const digest = clientKeyDigest(key);
          if (digest === null) problems.push(`${name}: key ${i + 1} must be at least 16 characters without spaces, or sha256:<64 hex digits>`);
          return digest === null ? [] : [digest];
        });
    const adminKeyDigests = digests('AUTH_ADMIN_API_KEYS');
    // An admin key is a client key too: it reads the graph like any other.
    const clientKeyDigests = [...new Set([...digests('AUTH_API_KEYS'), ...adminKeyDigests])];
    tenants = [{ id: e.TENANT_ID, vendors: configured, webhookTokens, clientKeyDigests, adminKeyDigests }];
  }

  const jwt = jwtConfig(e, problems);
  const anyKey = tenants.some((t) => Object.keys(t.vendors).length > 0);
  const sandboxEnabled = e.SANDBOX === 'true' || (e.SANDBOX === 'auto' && !anyKey);
  // Unset: the vendor's documented budget; in sandbox mode none (the simulators enforce none).
  for (const descriptor of vendors) {
    if (!(descriptor.provider in rateLimitPerMinute))
      rateLimitPerMinute[descriptor.provider] = sandboxEnabled ? null : descriptor.capabilities.rateLimitPerMinute;
  }
  // A production deploy that lost its keys must not quietly serve fake data to anyone.
  if (sandboxEnabled && e.SANDBOX === 'auto' && e.NODE_ENV === 'production') {
    problems.push(
      `SANDBOX: NODE_ENV=production and no vendor API key is set, so the gateway would serve its simulators' made-up data: set the vendor keys (${vendors.map((d) => vendorEnvNames(d.provider).apiKey).join(', ')}, or apiKey in TENANTS_FILE), or SANDBOX=true to run on the simulators on purpose`,
    );
  }
  const anyClientCredential = jwt !== null || tenants.some((t) => t.clientKeyDigests.length > 0);
  let open: Config['auth']['open'] = null;
  if (e.AUTH_ALLOW_OPEN && anyClientCredential) {
    problems.push('AUTH_ALLOW_OPEN: client credentials are configured, so every request must authenticate; unset AUTH_ALLOW_OPEN or the credentials');
  } else if (!anyClientCredential) {
    if (tenants.length > 1)
      problems.push(
        'TENANTS_FILE: with several tenants, each needs apiKeys (or set AUTH_JWT_SECRET / AUTH_JWT_PUBLIC_KEY): an anonymous request would belong to no tenant',
      );
    else if (e.AUTH_ALLOW_OPEN) open = 'explicit';
    else if (sandboxEnabled) open = 'sandbox';
    else {
      problems.push(
        'AUTH_API_KEYS: real vendor keys are configured but no client credential is: set AUTH_API_KEYS (or AUTH_JWT_SECRET / AUTH_JWT_PUBLIC_KEY, or apiKeys in TENANTS_FILE), or AUTH_ALLOW_OPEN=true to serve vendor data to anyone who can reach this port',
      );
    }
  }

  const corsOrigins = (e.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} must be * or an origin like https://app.example.com (scheme and host, no path)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL ?? null,
    cache: {
      maxItems: e.CACHE_MAX_ITEMS,
      ttl: {
        completedSeconds: e.CACHE_TTL_COMPLETED_SECONDS,
        activeSeconds: e.CACHE_TTL_ACTIVE_SECONDS,
        listSeconds: e.CACHE_TTL_LIST_SECONDS,
        templateSeconds: e.CACHE_TTL_TEMPLATE_SECONDS,
        staleIfErrorSeconds: e.CACHE_STALE_IF_ERROR_SECONDS,
      },
    },
    responseCache: {
      enabled: e.RESPONSE_CACHE_ENABLED,
      maxBytes: e.RESPONSE_CACHE_MAX_BYTES,
      maxEntryBytes: Math.min(e.RESPONSE_CACHE_MAX_ENTRY_BYTES, e.RESPONSE_CACHE_MAX_BYTES),
      maxTtlSeconds: e.RESPONSE_CACHE_MAX_TTL_SECONDS,
      redisMaxBytes: e.RESPONSE_CACHE_REDIS_MAX_BYTES,
    },
    http: {
      timeoutMs: e.VENDOR_TIMEOUT_MS,
      connectTimeoutMs: e.VENDOR_CONNECT_TIMEOUT_MS,
      retries: e.VENDOR_RETRIES,
      breaker: {
        consecutiveFailures: e.VENDOR_BREAKER_FAILURES,
        failureRate: e.VENDOR_BREAKER_FAILURE_RATE,
        windowCalls: e.VENDOR_BREAKER_WINDOW,
        halfOpenSeconds: e.VENDOR_BREAKER_HALF_OPEN_SECONDS,
      },
      maxConcurrency: e.VENDOR_MAX_CONCURRENCY,
      rateLimitPerMinute,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION,
      landingPage: e.GRAPHQL_LANDING_PAGE,
      limits: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        maxCost: e.GRAPHQL_MAX_COST,
      },
      maxBodyBytes: e.GRAPHQL_MAX_BODY_BYTES,
      csrfPrevention: e.GRAPHQL_CSRF_PREVENTION,
      persistedQueryTtlSeconds: e.GRAPHQL_PERSISTED_QUERIES ? e.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS : null,
      persistedQueryMaxBytes: e.GRAPHQL_PERSISTED_QUERY_MAX_BYTES,
      persistedQueriesMaxBytes: e.GRAPHQL_PERSISTED_QUERIES_MAX_BYTES,
      documentCacheMaxBytes: e.GRAPHQL_DOCUMENT_CACHE_MAX_BYTES,
      ws: {
        maxSubscriptionsPerConnection: e.GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxConnectionsPerClient: e.GRAPHQL_WS_MAX_CONNECTIONS_PER_CLIENT,
      },
    },
    auth: { apiKeyHeader: e.AUTH_API_KEY_HEADER, jwt, open },
    corsOrigins,
    // Off in sandbox unless asked for: the simulators' data is nobody's to protect.
    clientRateLimitPerMinute: nullIfZero(e.CLIENT_RATE_LIMIT_PER_MINUTE ?? (sandboxEnabled ? 0 : DEFAULT_CLIENT_RATE_LIMIT)),
    trustProxy: trustProxy(e.TRUST_PROXY),
    metrics: { enabled: e.METRICS_ENABLED, token: e.METRICS_TOKEN ?? null },
    tracing: {
      // The traces URL as given, else the base endpoint + /v1/traces (the OTLP convention).
      endpoint:
        e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : null),
      headers: otlpHeaders(e.OTEL_EXPORTER_OTLP_HEADERS ?? '') ?? {},
      serviceName: e.OTEL_SERVICE_NAME,
      sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
    },
    identity: {
      syncIntervalSeconds: e.IDENTITY_SYNC_INTERVAL_SECONDS,
      syncPagesPerRun: e.IDENTITY_SYNC_PAGES_PER_RUN,
      syncLockTtlSeconds: e.IDENTITY_SYNC_LOCK_TTL_SECONDS,
      fullSyncIntervalSeconds: e.IDENTITY_FULL_SYNC_INTERVAL_SECONDS,
      readyWaitSeconds: e.READY_INDEX_WAIT_SECONDS,
    },
    mutations: { idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS, idempotencyMaxBytes: e.IDEMPOTENCY_MAX_BYTES },
    webhooks: {
      storeTimeoutMs: e.WEBHOOK_STORE_TIMEOUT_MS,
      queueMaxDeliveries: e.WEBHOOK_QUEUE_MAX_DELIVERIES,
      queueMaxBytes: e.WEBHOOK_QUEUE_MAX_BYTES,
      applyRetrySeconds: e.WEBHOOK_APPLY_RETRY_SECONDS,
    },
    outbound: {
      // Sandbox receivers run on the developer's machine (http://127.0.0.1:…); anywhere else, SSRF.
      allowPrivateTargets: e.OUTBOUND_WEBHOOK_ALLOW_PRIVATE_TARGETS ?? sandboxEnabled,
      timeoutMs: e.OUTBOUND_WEBHOOK_TIMEOUT_MS,
      retryScheduleSeconds: e.OUTBOUND_WEBHOOK_RETRY_SCHEDULE.split(',').map((v) => Number(v.trim())),
      endpointConcurrency: e.OUTBOUND_WEBHOOK_ENDPOINT_CONCURRENCY,
      maxPayloadBytes: e.OUTBOUND_WEBHOOK_MAX_PAYLOAD_BYTES,
      maxEndpoints: e.OUTBOUND_WEBHOOK_MAX_ENDPOINTS,
    },
    sandbox: {
      enabled: sandboxEnabled,
      reason: sandboxEnabled ? (e.SANDBOX === 'true' ? 'forced' : 'no-keys') : null,
      latencyMs: e.SANDBOX_LATENCY_MS,
      seed: e.SANDBOX_SEED,
      interviews: e.SANDBOX_INTERVIEWS,
      portBase: e.SANDBOX_PORT_BASE ?? null,
    },
    tenants: sandboxEnabled ? tenants.map((t) => ({ ...t, vendors: {} })) : tenants,
    tenancy: e.TENANTS_FILE ? 'file' : 'env',
  };
}

/** A shared secret (HS*) or a public key (RS*, PS*, ES*, EdDSA), PEM text or a PEM file's path. */
function jwtConfig(e: z.infer<typeof baseSchema>, problems: string[]): JwtConfig | null {
  if (!e.AUTH_JWT_SECRET && !e.AUTH_JWT_PUBLIC_KEY) {
    for (const name of ['AUTH_JWT_ALGORITHMS', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) {
      if (e[name]) problems.push(`${name}: set AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY too, or unset it`);
    }
    return null;
  }
  if (e.AUTH_JWT_SECRET && e.AUTH_JWT_PUBLIC_KEY) {
    problems.push('AUTH_JWT_SECRET: set either AUTH_JWT_SECRET (HS*) or AUTH_JWT_PUBLIC_KEY (RS*, PS*, ES*), not both');
    return null;
  }
  const hmac = Boolean(e.AUTH_JWT_SECRET);
  const allowed = hmac ? HMAC_ALGORITHMS : PUBLIC_KEY_ALGORITHMS;
  const algorithms = (e.AUTH_JWT_ALGORITHMS ?? (hmac ? 'HS256' : 'RS256'))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const wrong = algorithms.filter((a) => !allowed.includes(a));
  if (algorithms.length === 0 || wrong.length > 0) {
    problems.push(
      `AUTH_JWT_ALGORITHMS: with ${hmac ? 'AUTH_JWT_SECRET' : 'AUTH_JWT_PUBLIC_KEY'} use ${allowed.join(', ')} (got ${JSON.stringify(e.AUTH_JWT_ALGORITHMS)})`,
    );
  }
  let key = e.AUTH_JWT_SECRET ?? '';
  if (!hmac) {
    const value = (e.AUTH_JWT_PUBLIC_KEY ?? '').replace(/\\n/g, '\n');
    try {
      key = value.includes('-----BEGIN') ? value : existsSync(value) ? readFileSync(value, 'utf8') : '';
      if (!key) throw new Error('neither PEM text nor a readable file');
      createPublicKey(key);
    } catch (error) {
      problems.push(
        `AUTH_JWT_PUBLIC_KEY: must be a PEM public key or certificate, or the path of one (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return {
    key,
    algorithms,
    issuer: e.AUTH_JWT_ISSUER ?? null,
    audience: e.AUTH_JWT_AUDIENCE ?? null,
    tenantClaim: e.AUTH_JWT_TENANT_CLAIM,
    adminScope: e.AUTH_JWT_ADMIN_SCOPE,
  };
}

/** Secrets are described, never echoed. */
function describe(name: string | number | symbol | undefined, env: NodeJS.ProcessEnv): string {
  const value = env[String(name)];
  if (typeof name === 'string' && /KEY|SECRET|TOKEN/.test(name)) return value === undefined ? 'nothing' : `${value.length} characters`;
  return JSON.stringify(value);
}

/** `FOO=` in an env file means "unset", not "empty string". */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) out[key] = value === undefined || value.trim() === '' ? undefined : value.trim();
  return out;
}

/** Requests per minute per client outside sandbox mode: 20 a second, far above a dashboard's, far below a flood. */
export const DEFAULT_CLIENT_RATE_LIMIT = 1_200;

function nullIfZero(n: number): number | null {
  return n === 0 ? null : n;
}

function trustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}
