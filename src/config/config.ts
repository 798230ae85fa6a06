/**
 * The only module that reads the environment. Everything is validated with zod at boot; a bad
 * value stops startup with a message naming the variable. `.env.example` lists every variable.
 */
import { z } from 'zod';
import { type Provider, providerSlug } from '../domain/provider';
import type { VendorDescriptor } from '../vendors/vendor-adapter';

export interface VendorConfig {
  apiKey: string;
  baseUrl: string;
  /** Vendor-specific settings (`<SLUG>_<OPTION>`), by option name. */
  options?: Record<string, string>;
}

export interface CacheTtlConfig {
  /** Completed reports and finished interviews, in seconds. */
  completedSeconds: number;
  /** Interviews still in progress and "no report yet" answers, in seconds. */
  activeSeconds: number;
  /** List pages, in seconds. */
  listSeconds: number;
  /** Interview templates, in seconds. */
  templateSeconds: number;
  /**
   * How long past its TTL a cached copy is kept to be served (marked stale) while its vendor
   * fails, in seconds; 0 turns stale-if-error off. Signed URLs still never outlive their expiry.
   */
  staleIfErrorSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Tenant every cache key is scoped to (multi-tenancy builds on this). */
  tenantId: string;
  redisUrl: string | null;
  cache: {
    /** Entries kept in the in-memory LRU (L1). */
    maxItems: number;
    ttl: CacheTtlConfig;
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
    /**
     * The per-minute request budget kept to per vendor: `<SLUG>_RATE_LIMIT_PER_MINUTE`, else the
     * vendor's documented limit (HeyMilo 300, Evalyo 500 on its Starter plan); null: none.
     */
    rateLimitPerMinute: Partial<Record<Provider, number | null>>;
  };
  graphql: {
    /** Schema introspection (GraphiQL's docs and autocompletion need it). */
    introspection: boolean;
    /** The self-hosted GraphiQL at `/graphiql` and at `GET /graphql` from a browser (`server/graphiql.routes.ts`). */
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
  };
  identity: {
    /** Pause between identity sync runs, in seconds; 0 = no background sync. */
    syncIntervalSeconds: number;
    /** Discovery pages one run may take per vendor. */
    syncPagesPerRun: number;
    /** Sync lock lifetime (renewed per page), in seconds: another instance takes over after it. */
    syncLockTtlSeconds: number;
  };
  mutations: {
    /** How long an `idempotencyKey` and its answer are kept, in seconds. */
    idempotencyTtlSeconds: number;
  };
  sandbox: {
    /** Serve every vendor from the built-in simulators. */
    enabled: boolean;
    /** Why: `no-keys` (auto, nothing configured) or `forced` (SANDBOX=true). */
    reason: 'no-keys' | 'forced' | null;
    latencyMs: number;
    seed: number;
  };
  /** Vendors with credentials (empty in sandbox mode until the simulators are started). */
  vendors: Partial<Record<Provider, VendorConfig>>;
  /**
   * The secret in each vendor's webhook URL (`<SLUG>_WEBHOOK_TOKEN`, ≥ 16 characters), for
   * vendors that send webhooks. Unset: that vendor's webhooks are refused (sandbox mode makes
   * random ones and logs the URLs).
   */
  webhookTokens: Partial<Record<Provider, string>>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

const baseSchema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENANT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -').default('default'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  CACHE_MAX_ITEMS: int(100, 10_000_000).default(50_000),
  CACHE_TTL_COMPLETED_SECONDS: int(1, 30 * 86_400).default(86_400),
  CACHE_TTL_ACTIVE_SECONDS: int(1, 86_400).default(30),
  CACHE_TTL_LIST_SECONDS: int(1, 86_400).default(60),
  CACHE_TTL_TEMPLATE_SECONDS: int(1, 86_400).default(300),
  CACHE_STALE_IF_ERROR_SECONDS: int(0, 7 * 86_400).default(21_600),
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
  IDENTITY_SYNC_INTERVAL_SECONDS: int(0, 7 * 86_400).default(300),
  IDENTITY_SYNC_PAGES_PER_RUN: int(1, 100_000).default(200),
  IDENTITY_SYNC_LOCK_TTL_SECONDS: int(5, 3_600).default(60),
  IDEMPOTENCY_TTL_SECONDS: int(60, 30 * 86_400).default(86_400),
  SANDBOX: z.enum(['auto', 'true', 'false']).default('auto'),
  SANDBOX_LATENCY_MS: int(0, 60_000).default(0),
  SANDBOX_SEED: int(0, 2 ** 31 - 1).default(42),
});

/** The variables a vendor reads: `<SLUG>_API_KEY`, `<SLUG>_BASE_URL`, `<SLUG>_WEBHOOK_TOKEN`, `<SLUG>_<OPTION>`. */
export function vendorEnvNames(provider: Provider): { apiKey: string; baseUrl: string; webhookToken: string; rateLimit: string; prefix: string } {
  const slug = providerSlug(provider).toUpperCase();
  return {
    apiKey: `${slug}_API_KEY`,
    baseUrl: `${slug}_BASE_URL`,
    webhookToken: `${slug}_WEBHOOK_TOKEN`,
    rateLimit: `${slug}_RATE_LIMIT_PER_MINUTE`,
    prefix: `${slug}_`,
  };
}

/** Shortest webhook URL token accepted: guessing it must be hopeless. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 16;

/**
 * Reads and validates the environment. `vendors` are the registered vendors' descriptors (the
 * config module never imports vendor code). Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, vendors: readonly VendorDescriptor[]): Config {
  const problems: string[] = [];
  const parsed = baseSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`);
  }

  const configured: Partial<Record<Provider, VendorConfig>> = {};
  const webhookTokens: Partial<Record<Provider, string>> = {};
  const rateLimitPerMinute: Partial<Record<Provider, number | null>> = {};
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
    if (limit && !/^\d{1,7}$/.test(limit)) problems.push(`${names.rateLimit}: must be a whole number of requests per minute, 0 for none (got ${JSON.stringify(limit)})`);
    else rateLimitPerMinute[descriptor.provider] = limit ? Number(limit) || null : descriptor.capabilities.rateLimitPerMinute;
    const apiKey = env[names.apiKey]?.trim();
    const baseUrl = env[names.baseUrl]?.trim() || descriptor.defaultBaseUrl;
    if (!url(['http:', 'https:']).safeParse(baseUrl).success) {
      problems.push(`${names.baseUrl}: must be an http(s) URL (got ${JSON.stringify(baseUrl)})`);
      continue;
    }
    const options: Record<string, string> = {};
    for (const option of descriptor.options ?? []) {
      const value = env[`${vendorEnvNames(descriptor.provider).prefix}${option.name}`]?.trim() || option.default;
      if (value !== undefined) options[option.name] = value;
    }
    if (apiKey) configured[descriptor.provider] = { apiKey, baseUrl, options };
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const anyKey = Object.keys(configured).length > 0;
  const sandboxEnabled = e.SANDBOX === 'true' || (e.SANDBOX === 'auto' && !anyKey);
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    tenantId: e.TENANT_ID,
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
    },
    identity: {
      syncIntervalSeconds: e.IDENTITY_SYNC_INTERVAL_SECONDS,
      syncPagesPerRun: e.IDENTITY_SYNC_PAGES_PER_RUN,
      syncLockTtlSeconds: e.IDENTITY_SYNC_LOCK_TTL_SECONDS,
    },
    mutations: { idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS },
    sandbox: {
      enabled: sandboxEnabled,
      reason: sandboxEnabled ? (e.SANDBOX === 'true' ? 'forced' : 'no-keys') : null,
      latencyMs: e.SANDBOX_LATENCY_MS,
      seed: e.SANDBOX_SEED,
    },
    vendors: sandboxEnabled ? {} : configured,
    webhookTokens,
  };
}

/** `FOO=` in an env file means "unset", not "empty string". */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) out[key] = value === undefined || value.trim() === '' ? undefined : value.trim();
  return out;
}
