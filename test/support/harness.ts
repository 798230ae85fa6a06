import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { request } from 'undici';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { clientKeyDigest } from '../../src/config/credentials';
import type { Provider } from '../../src/domain/provider';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import type { Simulator, SimulatorKnobs } from '../../src/vendors/kit/sandbox/simulator';
import { VENDORS } from '../../src/vendors/vendors';

export interface GqlResult<R> {
  status: number;
  data: R | null;
  errors?: GraphQLFormattedError[];
  /** The raw response body, for asserting what does NOT leak. */
  body: string;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Harness {
  app: App;
  /** `http://127.0.0.1:<port>` of the listening gateway. */
  url: string;
  /** Any HTTP request to the gateway (real HTTP over loopback). */
  http(method: 'GET' | 'POST' | 'OPTIONS', path: string, options?: { headers?: Record<string, string>; body?: string }): Promise<HttpResult>;
  sandbox: Sandbox;
  sim<T = unknown>(provider: Provider): Simulator & { dataset: T };
  gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<GqlResult<R>>;
  /** A raw POST /graphql with any query text. */
  query<R = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<R>>;
  /** The same calls with these headers added (e.g. another tenant's `x-api-key`). */
  as(headers: Record<string, string>): Pick<Harness, 'gql' | 'query'>;
  /** Calls per simulator route, e.g. `{ MICRO1: { 'GET /interview/invites': 1 } }`. */
  calls(): Record<string, Record<string, number>>;
  totalCalls(): number;
  resetCalls(): void;
  setKnobs(provider: Provider, knobs: Partial<SimulatorKnobs>): void;
  close(): Promise<void>;
}

/**
 * The gateway wired to the built-in simulators on loopback (port 0), as `npm start` does in
 * sandbox mode. `env` adds variables (e.g. REDIS_URL, VENDOR_TIMEOUT_MS).
 */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    seed?: number;
    apiKeys?: Partial<Record<Provider, string>>;
    logger?: import('pino').Logger;
    /** Serve from another harness's simulators (a second gateway instance on the same vendors); not closed by this harness. */
    sandbox?: Sandbox;
    /** Headers sent with every `gql` / `query` (e.g. `x-api-key`). */
    headers?: Record<string, string>;
    /**
     * Serve these tenants instead of the one of `env` (as a tenants file would), each on its own
     * simulators (`sandbox`, default: the harness's), with its client API keys. `sandbox` of the
     * harness is still the first tenant's unless given.
     */
    tenants?: Array<{ id: string; apiKeys: string[]; adminApiKeys?: string[]; sandbox?: Sandbox; webhookTokens?: Partial<Record<Provider, string>> }>;
    /** Point these vendors elsewhere than their simulator (e.g. a server answering documented example bodies verbatim). */
    baseUrls?: Partial<Record<Provider, string>>;
    /** Vendor options in place of the simulators' (e.g. Xobin's `AI_INTERVIEW_IDS` for a server of documented bodies). */
    vendorOptions?: Partial<Record<Provider, Record<string, string>>>;
  } = {},
): Promise<Harness> {
  const ownSandbox = !options.sandbox;
  const sandbox = options.sandbox ?? (await startSandbox(VENDORS, { seed: options.seed ?? 42 }));
  const vendors = Object.fromEntries(
    Object.entries(sandbox.vendorConfig).flatMap(([provider, vendor]) =>
      vendor
        ? [
            [
              provider,
              {
                ...vendor,
                apiKey: options.apiKeys?.[provider] ?? vendor.apiKey,
                baseUrl: options.baseUrls?.[provider] ?? vendor.baseUrl,
                options: options.vendorOptions?.[provider] ?? vendor.options,
              },
            ],
          ]
        : [],
    ),
  );
  // No background sync in tests: they drive `identitySync` themselves, so call counts are exact.
  const loaded = loadConfig(
    { SANDBOX: 'true', LOG_LEVEL: 'silent', IDENTITY_SYNC_INTERVAL_SECONDS: '0', ...options.env },
    VENDORS.map((v) => v.descriptor),
  );
  const config = options.tenants
    ? {
        ...loaded,
        auth: { ...loaded.auth, open: null },
        tenancy: 'file' as const,
        tenants: options.tenants.map((t) => ({
          id: t.id,
          vendors: t.sandbox ? t.sandbox.vendorConfig : vendors,
          webhookTokens: t.webhookTokens ?? {},
          clientKeyDigests: [...t.apiKeys, ...(t.adminApiKeys ?? [])].map((key) => clientKeyDigest(key) as string),
          adminKeyDigests: (t.adminApiKeys ?? []).map((key) => clientKeyDigest(key) as string),
        })),
      }
    : { ...loaded, tenants: loaded.tenants.map((tenant) => ({ ...tenant, vendors })) };
  const app = await createApp(config, { logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });

  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const http: Harness['http'] = async (method, path, options = {}) => {
    const response = await request(`${url}${path}`, { method, headers: options.headers, body: options.body });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  };

  const post = async <R>(payload: unknown, extra: Record<string, string> = {}): Promise<GqlResult<R>> => {
    const response = await http('POST', '/graphql', {
      headers: { 'content-type': 'application/json', ...options.headers, ...extra },
      body: JSON.stringify(payload),
    });
    const parsed = JSON.parse(response.body) as { data?: R | null; errors?: GraphQLFormattedError[] };
    return { status: response.status, data: parsed.data ?? null, errors: parsed.errors, body: response.body };
  };

  return {
    app,
    url,
    http,
    sandbox,
    sim: <T>(provider: Provider) => sandbox.simulators.get(provider) as Simulator & { dataset: T },
    gql: (document, variables) => post({ query: print(document), variables }),
    query: <R>(query: string, variables?: Record<string, unknown>) => post<R>({ query, variables }),
    as: (headers) => ({
      gql: (document, variables) => post({ query: print(document), variables }, headers),
      query: <R>(query: string, variables?: Record<string, unknown>) => post<R>({ query, variables }, headers),
    }),
    calls: () => Object.fromEntries([...sandbox.simulators].map(([p, s]) => [p, s.calls()])),
    totalCalls: () => [...sandbox.simulators.values()].reduce((n, s) => n + s.totalCalls(), 0),
    resetCalls: () => sandbox.simulators.forEach((s) => s.resetCalls()),
    setKnobs: (provider, knobs) => sandbox.simulators.get(provider)?.configure(knobs),
    close: async () => {
      await app.close();
      if (ownSandbox) await sandbox.close();
    },
  };
}
