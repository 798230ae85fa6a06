import { loadConfig } from '../../../src/config/config';
import { configProblems } from '../../support/config-problems';
import { Provider } from '../../support/providers';
import type { VendorDescriptor } from '../../../src/vendors/vendor-adapter';

const capabilities = {
  pagination: 'OFFSET',
  listInterviews: true,
  listTemplates: true,
  webhooks: true,
  createTemplates: false,
  inviteCandidates: false,
  numericScorecard: false,
  rateLimitPerMinute: null,
} as const;
const descriptors: VendorDescriptor[] = [
  {
    provider: Provider.MICRO1,
    displayName: 'micro1',
    defaultBaseUrl: 'https://public.api.micro1.ai',
    docsUrl: 'x',
    docNotes: { credential: 'x' },
    capabilities,
  },
  { provider: Provider.HEYMILO, displayName: 'HeyMilo', defaultBaseUrl: 'https://api.heymilo.ai', docsUrl: 'x', docNotes: { credential: 'x' }, capabilities },
];

const problems = (env: NodeJS.ProcessEnv): string[] => configProblems(env, descriptors);

describe('outbound webhook settings', () => {
  it('allow local targets in sandbox mode only, unless set; read the retry schedule in seconds', () => {
    expect(loadConfig({}, descriptors).outbound).toEqual({
      allowPrivateTargets: true,
      timeoutMs: 10_000,
      retryScheduleSeconds: [5, 300, 1800, 7200, 18000, 36000, 36000, 36000],
      endpointConcurrency: 4,
      maxPayloadBytes: 262_144,
      maxEndpoints: 50,
    });
    expect(loadConfig({ SANDBOX: 'false', AUTH_ALLOW_OPEN: 'true' }, descriptors).outbound.allowPrivateTargets).toBe(false);
    expect(loadConfig({ OUTBOUND_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }, descriptors).outbound.allowPrivateTargets).toBe(false);
    expect(loadConfig({ OUTBOUND_WEBHOOK_RETRY_SCHEDULE: ' 0.5, 2 ,60' }, descriptors).outbound.retryScheduleSeconds).toEqual([0.5, 2, 60]);
    expect(configProblems({ OUTBOUND_WEBHOOK_RETRY_SCHEDULE: '5,soon' }, descriptors)).toEqual([
      expect.stringMatching(/^OUTBOUND_WEBHOOK_RETRY_SCHEDULE: must be 1–20 comma-separated numbers of seconds/),
    ]);
    expect(configProblems({ OUTBOUND_WEBHOOK_TIMEOUT_MS: '60000' }, descriptors)).toEqual([expect.stringMatching(/^OUTBOUND_WEBHOOK_TIMEOUT_MS: /)]);
  });
});

describe('loadConfig', () => {
  it('defaults to sandbox mode on port 4000 with the in-memory cache when nothing is set', () => {
    const config = loadConfig({}, descriptors);
    expect(config).toMatchObject({
      port: 4000,
      redisUrl: null,
      sandbox: { enabled: true, reason: 'no-keys' },
      tenants: [{ id: 'default', vendors: {}, webhookTokens: {}, clientKeyDigests: [], adminKeyDigests: [] }],
      auth: { apiKeyHeader: 'x-api-key', jwt: null, open: 'sandbox' },
      cache: { ttl: { completedSeconds: 86400, activeSeconds: 30, listSeconds: 60 } },
      http: { timeoutMs: 10000, connectTimeoutMs: 2000 },
    });
  });

  it('talks to the real vendors that have keys, at their default or overridden base URL', () => {
    const config = loadConfig({ MICRO1_API_KEY: 'k1', HEYMILO_API_KEY: 'k2', HEYMILO_BASE_URL: 'http://localhost:9/', AUTH_ALLOW_OPEN: 'true' }, descriptors);
    expect(config.sandbox.enabled).toBe(false);
    expect(config.tenants[0].vendors).toEqual({
      [Provider.MICRO1]: { apiKey: 'k1', baseUrl: 'https://public.api.micro1.ai', options: {} },
      [Provider.HEYMILO]: { apiKey: 'k2', baseUrl: 'http://localhost:9/', options: {} },
    });
  });

  it('SANDBOX=true forces the simulators even with keys set', () => {
    expect(loadConfig({ SANDBOX: 'true', MICRO1_API_KEY: 'k' }, descriptors)).toMatchObject({
      sandbox: { enabled: true, reason: 'forced' },
      tenants: [{ vendors: {} }],
    });
  });

  it('NODE_ENV=production never falls back to the simulators by itself: no vendor key is a startup error naming what to set', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      "SANDBOX: NODE_ENV=production and no vendor API key is set, so the gateway would serve its simulators' made-up data: set the vendor keys (MICRO1_API_KEY, HEYMILO_API_KEY, or apiKey in TENANTS_FILE), or SANDBOX=true to run on the simulators on purpose",
    ]);
    expect(problems({ NODE_ENV: 'production', MICRO1_API_KEY: '  ' })).toHaveLength(1);
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' }, descriptors)).toMatchObject({ sandbox: { enabled: true, reason: 'forced' } });
    expect(loadConfig({ NODE_ENV: 'production', MICRO1_API_KEY: 'k', AUTH_API_KEYS: 'client-key-0123456789' }, descriptors).sandbox.enabled).toBe(false);
    // Anywhere else (npm start, tests) the quick start stays: no keys, simulators.
    expect(loadConfig({ NODE_ENV: 'development' }, descriptors).sandbox).toMatchObject({ enabled: true, reason: 'no-keys' });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', MICRO1_API_KEY: '  ' }, descriptors)).toMatchObject({ port: 4000, sandbox: { enabled: true } });
  });

  it('names every bad variable', () => {
    const found = problems({ PORT: 'eighty', REDIS_URL: 'http://nope', CACHE_TTL_ACTIVE_SECONDS: '0', MICRO1_BASE_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    expect(found).toHaveLength(5);
    expect(found.join('\n')).toMatch(/^PORT: .*"eighty"/m);
    expect(found.join('\n')).toMatch(/^REDIS_URL: must be a URL starting with redis: or rediss:/m);
    expect(found.join('\n')).toMatch(/^CACHE_TTL_ACTIVE_SECONDS: /m);
    expect(found.join('\n')).toMatch(/^MICRO1_BASE_URL: must be an http\(s\) URL/m);
    expect(found.join('\n')).toMatch(/^LOG_LEVEL: /m);
  });

  it('reads vendor-specific options as <SLUG>_<OPTION>, with their defaults', () => {
    const withOptions = [
      {
        ...descriptors[0],
        options: [
          { name: 'AI_INTERVIEW_IDS', description: 'ids' },
          { name: 'PLAN', description: 'plan', default: 'starter' },
        ],
      },
    ];
    expect(
      loadConfig({ MICRO1_API_KEY: 'k', MICRO1_AI_INTERVIEW_IDS: ' 1,2 ', AUTH_ALLOW_OPEN: 'true' }, withOptions).tenants[0].vendors[Provider.MICRO1]?.options,
    ).toEqual({
      AI_INTERVIEW_IDS: '1,2',
      PLAN: 'starter',
    });
  });

  it('reads webhook tokens for vendors that send webhooks, refusing short or odd ones by name', () => {
    const withWebhooks = descriptors.map((d) => ({ ...d, capabilities: { ...d.capabilities, webhooks: d.provider === Provider.MICRO1 } }));
    expect(loadConfig({ MICRO1_WEBHOOK_TOKEN: 'a'.repeat(16), HEYMILO_WEBHOOK_TOKEN: 'b'.repeat(16) }, withWebhooks).tenants[0].webhookTokens).toEqual({
      [Provider.MICRO1]: 'a'.repeat(16),
    });
    expect(() => loadConfig({ MICRO1_WEBHOOK_TOKEN: 'short' }, withWebhooks)).toThrow(
      /MICRO1_WEBHOOK_TOKEN: must be at least 16 letters, digits, _ or - \(got 5 characters\)/,
    );
    expect(() => loadConfig({ MICRO1_WEBHOOK_TOKEN: 'has/slash/and/more/chars' }, withWebhooks)).toThrow(/MICRO1_WEBHOOK_TOKEN/);
  });

  it('keeps idempotency keys 24 h by default; IDEMPOTENCY_TTL_SECONDS sets it within 1 min – 30 days', () => {
    expect(loadConfig({}, descriptors).mutations).toEqual({ idempotencyTtlSeconds: 86_400, idempotencyMaxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ IDEMPOTENCY_TTL_SECONDS: '3600' }, descriptors).mutations).toMatchObject({ idempotencyTtlSeconds: 3600 });
    expect(problems({ IDEMPOTENCY_TTL_SECONDS: '10' })).toEqual([expect.stringMatching(/^IDEMPOTENCY_TTL_SECONDS: /)]);
    expect(problems({ IDEMPOTENCY_TTL_SECONDS: String(31 * 86_400) })).toEqual([expect.stringMatching(/^IDEMPOTENCY_TTL_SECONDS: /)]);
  });

  it('reads the vendor call policies, with ARCHITECTURE §7 defaults and per-vendor rate limits', () => {
    expect(loadConfig({}, descriptors).http).toEqual({
      timeoutMs: 10_000,
      connectTimeoutMs: 2_000,
      retries: 2,
      breaker: { consecutiveFailures: 5, failureRate: 0.5, windowCalls: 20, halfOpenSeconds: 30 },
      maxConcurrency: 32,
      rateLimitPerMinute: { [Provider.MICRO1]: null, [Provider.HEYMILO]: null },
    });
    const tuned = loadConfig(
      {
        VENDOR_RETRIES: '0',
        VENDOR_BREAKER_FAILURES: '3',
        VENDOR_BREAKER_FAILURE_RATE: '0.25',
        VENDOR_BREAKER_WINDOW: '50',
        VENDOR_BREAKER_HALF_OPEN_SECONDS: '5',
        VENDOR_MAX_CONCURRENCY: '4',
        MICRO1_RATE_LIMIT_PER_MINUTE: '120',
        HEYMILO_RATE_LIMIT_PER_MINUTE: '0',
      },
      descriptors.map((d) => (d.provider === Provider.HEYMILO ? { ...d, capabilities: { ...d.capabilities, rateLimitPerMinute: 300 } } : d)),
    );
    expect(tuned.http).toMatchObject({
      retries: 0,
      breaker: { consecutiveFailures: 3, failureRate: 0.25, windowCalls: 50, halfOpenSeconds: 5 },
      maxConcurrency: 4,
    });
    // An override wins over the documented limit; 0 means none.
    expect(tuned.http.rateLimitPerMinute).toEqual({ [Provider.MICRO1]: 120, [Provider.HEYMILO]: null });
    const found = problems({ VENDOR_RETRIES: '9', VENDOR_BREAKER_FAILURE_RATE: '1', HEYMILO_RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/^HEYMILO_RATE_LIMIT_PER_MINUTE: must be a whole number/m);
  });

  it("keeps to the vendors' documented budgets with real keys, and to none in sandbox mode unless set (the simulators enforce none)", () => {
    const withHeymilo = descriptors.map((d) => (d.provider === Provider.HEYMILO ? { ...d, capabilities: { ...d.capabilities, rateLimitPerMinute: 300 } } : d));
    expect(loadConfig({}, withHeymilo).http.rateLimitPerMinute[Provider.HEYMILO]).toBeNull();
    expect(loadConfig({ HEYMILO_RATE_LIMIT_PER_MINUTE: '60' }, withHeymilo).http.rateLimitPerMinute[Provider.HEYMILO]).toBe(60);
    const real = loadConfig({ HEYMILO_API_KEY: 'h'.repeat(24), AUTH_API_KEYS: 'client-key-0123456789' }, withHeymilo);
    expect(real.http.rateLimitPerMinute[Provider.HEYMILO]).toBe(300);
  });

  it('reads the per-operation query limits', () => {
    expect(loadConfig({}, descriptors).graphql.limits).toEqual({ maxDepth: 12, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 50_000 });
    expect(loadConfig({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '0' }, descriptors).graphql.limits).toMatchObject({ maxDepth: 6, maxAliases: 0 });
    expect(problems({ GRAPHQL_MAX_DEPTH: '0', GRAPHQL_MAX_TOKENS: 'many' })).toHaveLength(2);
  });

  it('bounds what clients can make it keep, by default and as set', () => {
    expect(loadConfig({}, descriptors).graphql).toMatchObject({
      persistedQueryMaxBytes: 64 * 1024,
      persistedQueriesMaxBytes: 16 * 1024 * 1024,
      documentCacheMaxBytes: 32 * 1024 * 1024,
      ws: { maxSubscriptionsPerConnection: 50, maxConnectionsPerClient: 20 },
    });
    const set = loadConfig(
      { GRAPHQL_DOCUMENT_CACHE_MAX_BYTES: '0', GRAPHQL_WS_MAX_CONNECTIONS_PER_CLIENT: '3', IDEMPOTENCY_MAX_BYTES: String(1024 * 1024) },
      descriptors,
    );
    expect([set.graphql.documentCacheMaxBytes, set.graphql.ws.maxConnectionsPerClient, set.mutations.idempotencyMaxBytes]).toEqual([0, 3, 1024 * 1024]);
    expect(problems({ GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '0' })).toEqual([expect.stringMatching(/^GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: /)]);
    expect(problems({ GRAPHQL_PERSISTED_QUERY_MAX_BYTES: '10' })).toEqual([expect.stringMatching(/^GRAPHQL_PERSISTED_QUERY_MAX_BYTES: /)]);
  });

  it('rejects a tenant id that could break cache keys', () => {
    expect(problems({ TENANT_ID: 'a:b' })[0]).toMatch(/^TENANT_ID: must be 1–64 letters/);
  });

  describe('tracing', () => {
    it('is off without an endpoint', () => {
      expect(loadConfig({}, descriptors).tracing).toEqual({ endpoint: null, headers: {}, serviceName: 'interview-graph', sampleRatio: 1 });
    });

    it('sends to <base>/v1/traces, or to the traces URL when that is given', () => {
      expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, descriptors).tracing.endpoint).toBe('http://collector:4318/v1/traces');
      expect(
        loadConfig(
          { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.com/api/traces' },
          descriptors,
        ).tracing.endpoint,
      ).toBe('https://otlp.example.com/api/traces');
    });

    it('reads OTEL_EXPORTER_OTLP_HEADERS as name=value pairs with URL-encoded values', () => {
      expect(loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'X-Honeycomb-Team=abc%3D%3D, authorization=Bearer%20t' }, descriptors).tracing.headers).toEqual({
        'x-honeycomb-team': 'abc==',
        authorization: 'Bearer t',
      });
    });

    it.each([
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /^OTEL_EXPORTER_OTLP_ENDPOINT: /],
      [{ OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }, /^OTEL_EXPORTER_OTLP_HEADERS: must be comma-separated name=value pairs/],
      [{ OTEL_EXPORTER_OTLP_HEADERS: 'a=%E0%A4%A' }, /^OTEL_EXPORTER_OTLP_HEADERS: must be comma-separated name=value pairs/],
      [{ OTEL_TRACES_SAMPLER_ARG: '1.5' }, /^OTEL_TRACES_SAMPLER_ARG: /],
    ])('refuses %j', (env, message) => {
      expect(problems(env)).toEqual([expect.stringMatching(message)]);
    });
  });
});
