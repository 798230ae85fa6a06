/**
 * The response cache at the HTTP edge: a pre-handler (after authentication) answers a repeated
 * query with the bytes of an earlier identical response, before Apollo parses anything; `onSend`
 * stores the responses Apollo produced that may be reused. Hits keep the request id, logs and
 * metrics; CSRF rules are Apollo's (a request it would refuse never hits); query limits need no
 * second look (an entry exists only for a request that passed them, and the key holds everything
 * they judge).
 */
import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import type { GatewayMetrics } from '../observability/metrics';
import type { TenantResponses } from '../response-cache/response-cache';
import { ResponseDependencies } from '../response-cache/response-dependencies';
import { HashMemo } from '../infra/hash-memo';
import { noteOperation } from '../observability/request-context';
import { responseKey } from '../response-cache/response-key';
import { oncePer } from '../observability/once-per';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the response cache's pre-handler when the request may be answered from, or stored in, the cache. */
    responseCache: ResponseCacheState | null;
  }
}

interface ResponseCacheState {
  key: string;
  tenant: TenantResponses;
  dependencies: ResponseDependencies;
  /** False when the client said `no-store`, or the answer came from the cache. */
  store: boolean;
}

export interface ResponseCacheHookOptions {
  tenant(principal: Principal): TenantResponses;
  /** Schema and version: a deployment never serves another's responses (shared Redis). */
  deployment: string;
  maxTtlSeconds: number;
  csrfPrevention: boolean;
  metrics: GatewayMetrics;
}

/** Apollo's CSRF rule: these content types need no preflight, so they need a header that forces one. */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const NO_DIRECTIVES = { noCache: false, noStore: false };
const UNREADABLE_WARNING_INTERVAL_MS = 10_000;

export function registerResponseCache(server: FastifyInstance, options: ResponseCacheHookOptions) {
  server.decorateRequest('responseCache', null);
  const { metrics } = options;
  const warnUnreadable = oncePer(UNREADABLE_WARNING_INTERVAL_MS);
  // A hit's two SHA-256s (its document's and its key's), of texts a dashboard repeats all day.
  const documentHashes = new HashMemo('hex');
  const keyHashes = new HashMemo('base64url');

  const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.ws || !request.principal) return undefined;
    const operation = operationOf(request, documentHashes);
    if (!operation || (options.csrfPrevention && !passesCsrf(request))) {
      metrics.responseCache('bypass');
      return undefined;
    }
    const directives = cacheDirectives(request);
    const tenant = options.tenant(request.principal);
    let seq: number;
    try {
      seq = await tenant.invalidations.current();
    } catch (error) {
      // Without the ledger a hit could be stale, and a store outdated: execute, keep nothing.
      // Once per interval in the log: a slow Redis fails every request's read for a while.
      if (warnUnreadable()) {
        request.log.warn({ err: error }, 'response cache: invalidations unreadable; answering without the cache until Redis answers');
      }
      metrics.responseCache('bypass');
      return undefined;
    }
    const key = responseKey(
      {
        deployment: options.deployment,
        tenantId: request.principal.tenantId,
        scope: request.principal.scope,
        accept: headerValue(request, 'accept').trim().toLowerCase(),
        documentHash: operation.documentHash,
        operationName: operation.operationName,
        variables: operation.variables,
      },
      (material) => keyHashes.of(material),
    );
    request.responseCache = { key, tenant, dependencies: new ResponseDependencies(seq), store: !directives.noStore };
    const lookup = !(directives.noCache || directives.noStore);
    let hit = lookup ? tenant.get(key) : undefined;
    let shared = false;
    if (!hit && lookup) {
      hit = await tenant.getShared(key);
      shared = hit !== undefined;
    }
    if (!hit) {
      metrics.responseCache(directives.noCache || directives.noStore ? 'bypass' : 'miss');
      return undefined;
    }
    request.responseCache.store = false;
    const started = performance.now();
    const maxAge = Math.max(0, Math.ceil((hit.expiresAt - Date.now()) / 1000));
    void reply.header('cache-control', `private, max-age=${maxAge}`).header('etag', hit.etag).header('x-response-cache', 'hit');
    const notModified = request.method === 'GET' && matchesEtag(headerValue(request, 'if-none-match'), hit.etag);
    metrics.responseCache(notModified ? 'not_modified' : shared ? 'hit_shared' : 'hit');
    const seconds = (performance.now() - started) / 1000;
    metrics.operation(hit.operationName, 'query', seconds, []);
    noteOperation({
      operation: hit.operationName,
      type: 'query',
      tenant: tenant.id,
      client: request.principal.clientId,
      durationMs: Math.round(seconds * 10_000) / 10,
      responseCache: 'hit',
    });
    if (notModified) return reply.code(304).send();
    return reply.type(hit.contentType).send(hit.body);
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const state = request.responseCache;
    if (!state?.store) return payload;
    const { dependencies } = state;
    const reason =
      reply.statusCode !== 200 || typeof payload !== 'string'
        ? 'status'
        : !dependencies.settled
          ? 'not executed'
          : (dependencies.refused ?? (payload.length > state.tenant.maxEntryBytes ? 'too large' : null));
    const ttl = dependencies.ttlSeconds(Date.now(), options.maxTtlSeconds);
    let outcome = reason ?? (ttl < 1 ? 'expires at once' : null);
    let etag = '';
    if (outcome === null) {
      const body = payload as string;
      etag = `"${hash('sha1', body, 'base64url')}"`;
      const stored = state.tenant.set(state.key, {
        body,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        etag,
        operationName: dependencies.operationName,
        expiresAt: Date.now() + ttl * 1000,
        tags: [...dependencies.tags],
        seq: dependencies.seq,
      });
      // Not stored: already outdated by a change made while it executed (correct now, not to be reused).
      outcome = stored ? 'stored' : 'outdated';
    }
    metrics.responseCacheStore(outcome);
    if (outcome !== 'stored') {
      void reply.header('cache-control', 'private, no-store').header('x-response-cache', 'skip');
      return payload;
    }
    void reply.header('cache-control', `private, max-age=${ttl}`).header('etag', etag).header('x-response-cache', 'miss');
    return payload;
  };

  return {
    preHandler,
    onSend,
    /** The request's recorder (a throwaway one when the request is not cacheable). */
    dependenciesOf(request: FastifyRequest): ResponseDependencies {
      return request.responseCache?.dependencies ?? new ResponseDependencies(0);
    },
  };
}

interface OperationRequest {
  documentHash: string;
  operationName: string | null;
  variables: unknown;
}

/**
 * What identifies the operation, or null when the request is not one the cache takes (a batch, a
 * malformed body, a hash that does not match its query): Apollo answers those itself.
 */
function operationOf(request: FastifyRequest, documentHashes: HashMemo): OperationRequest | null {
  let params: Record<string, unknown>;
  if (request.method === 'POST') {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
    params = body as Record<string, unknown>;
  } else if (request.method === 'GET') {
    const query = request.query as Record<string, unknown>;
    params = { ...query };
    for (const name of ['variables', 'extensions']) {
      const value = query[name];
      if (value === undefined) continue;
      if (typeof value !== 'string') return null;
      try {
        params[name] = JSON.parse(value);
      } catch {
        return null;
      }
    }
  } else {
    return null;
  }
  const { query, operationName, variables, extensions } = params;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const given = typeof persisted?.sha256Hash === 'string' && SHA256_HEX.test(persisted.sha256Hash) ? persisted.sha256Hash.toLowerCase() : null;
  if (persisted !== undefined && given === null) return null;
  let documentHash: string;
  if (typeof query === 'string') {
    documentHash = documentHashes.of(query);
    if (given !== null && given !== documentHash) return null;
  } else if (query === undefined && given !== null) {
    documentHash = given;
  } else {
    return null;
  }
  return { documentHash, operationName: (operationName as string | null | undefined) ?? null, variables: variables ?? null };
}

function passesCsrf(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'];
  if (contentType === 'application/json') return true;
  if (contentType !== undefined && !SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase())) return true;
  return PREFLIGHT_HEADERS.some((name) => request.headers[name] !== undefined);
}

/** The client's own `Cache-Control` (or `Pragma: no-cache`): `no-cache` skips the lookup, `no-store` skips both. */
function cacheDirectives(request: FastifyRequest): { noCache: boolean; noStore: boolean } {
  if (request.headers['cache-control'] === undefined && request.headers.pragma === undefined) return NO_DIRECTIVES;
  const value = `${headerValue(request, 'cache-control')},${headerValue(request, 'pragma')}`.toLowerCase();
  const directives = new Set(value.split(',').map((d) => d.trim().split('=')[0]));
  return { noCache: directives.has('no-cache') || (directives.has('max-age') && /max-age\s*=\s*0\b/.test(value)), noStore: directives.has('no-store') };
}

function headerValue(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
