import { Agent, errors as undiciErrors, request } from 'undici';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Provider } from '../../domain/provider';
import { ErrorCode } from '../../errors/error-code';
import { NotFoundError } from '../../errors/not-found.error';
import { VendorError } from '../../errors/vendor.error';
import { ProviderHealthTracker } from './provider-health';

/** Told about every vendor call (metrics, per-operation call counts). `durationMs` is wall time. */
export type VendorCallObserver = (call: {
  provider: Provider;
  route: string;
  status: number | null;
  durationMs: number;
  errorCode: ErrorCode | null;
}) => void;

export interface VendorHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  /** Headers that authenticate every request (e.g. `{ 'x-api-key': key }`). */
  authHeaders: Record<string, string>;
  /** Total time for one call, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Time to establish the TCP (and TLS) connection, in milliseconds. */
  connectTimeoutMs: number;
  logger: Logger;
  observer?: VendorCallObserver;
  /** Extracts a short description from a vendor error body, for the log only. */
  describeError?: (status: number, body: unknown) => string | undefined;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface GetOptions {
  /** Query parameters; null/undefined values are omitted. */
  query?: Record<string, QueryValue>;
  /** A route name for metrics and logs, e.g. `GET /interview/reports` (defaults to the path). */
  route?: string;
  /** Answer `null` on 404 instead of throwing NOT_FOUND. */
  notFoundAsNull?: boolean;
}

/**
 * JSON over undici with keep-alive, timeouts and status → typed error mapping. Every response body
 * is parsed with the caller's zod schema, so vendor schema drift becomes VENDOR_BAD_RESPONSE.
 * Vendor bodies and URLs are logged, never put in client-visible messages.
 */
export class VendorHttpClient {
  readonly health = new ProviderHealthTracker();
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(private readonly options: VendorHttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      keepAliveTimeout: 30_000,
      connections: 64,
    });
  }

  async getJson<S extends z.ZodType>(path: string, schema: S, options: GetOptions & { notFoundAsNull: true }): Promise<z.infer<S> | null>;
  async getJson<S extends z.ZodType>(path: string, schema: S, options?: GetOptions): Promise<z.infer<S>>;
  async getJson<S extends z.ZodType>(path: string, schema: S, options: GetOptions = {}): Promise<z.infer<S> | null> {
    const body = await this.call('GET', path, options);
    if (body === NOT_FOUND) return null;
    return this.parse(schema, body, options.route ?? `GET ${path}`);
  }

  /** Releases pooled connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private url(path: string, query: Record<string, QueryValue> = {}): URL {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== null && value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async call(method: 'GET', path: string, options: GetOptions): Promise<unknown> {
    const { provider, logger } = this.options;
    const route = options.route ?? `${method} ${path}`;
    const url = this.url(path, options.query);
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await request(url, {
        method,
        dispatcher: this.agent,
        headers: { accept: 'application/json', ...this.options.authHeaders },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.statusCode;
      const text = await response.body.text();
      const body = parseJsonOrText(text);
      if (status >= 200 && status < 300) {
        if (typeof body === 'string') {
          throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, { detail: { route, status, reason: 'body is not JSON', body: text.slice(0, 500) } });
        }
        this.health.recordSuccess();
        this.observe(route, status, started, null);
        return body;
      }
      const described = this.options.describeError?.(status, body);
      const detail = { route, url: url.toString(), status, vendorMessage: described, body: typeof body === 'string' ? body.slice(0, 500) : body };
      if (status === 404) {
        // The vendor answered; a missing object is not a vendor failure.
        this.health.recordSuccess();
        this.observe(route, status, started, options.notFoundAsNull ? null : ErrorCode.NOT_FOUND);
        logger.debug({ provider, ...detail }, 'vendor returned 404');
        if (options.notFoundAsNull) return NOT_FOUND;
        throw new NotFoundError(`${provider} has no such object`, provider);
      }
      throw this.statusError(status, response.headers['retry-after'], detail);
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      const typed = error instanceof VendorError ? error : this.transportError(error, route, url);
      this.health.recordFailure(typed.code);
      this.observe(route, status, started, typed.code);
      logger.warn({ provider, code: typed.code, detail: typed.detail, err: typed === error ? undefined : error }, 'vendor call failed');
      throw typed;
    }
  }

  private statusError(status: number, retryAfterHeader: string | string[] | undefined, detail: Record<string, unknown>): VendorError {
    const { provider } = this.options;
    if (status === 401 || status === 403) return new VendorError(ErrorCode.VENDOR_AUTH_FAILED, provider, { detail });
    if (status === 429) {
      return new VendorError(ErrorCode.VENDOR_RATE_LIMITED, provider, { detail, retryAfterSeconds: parseRetryAfter(retryAfterHeader) });
    }
    if (status >= 500) return new VendorError(ErrorCode.VENDOR_UNAVAILABLE, provider, { detail });
    // Any other 4xx on a read means the gateway and the vendor disagree about the API.
    return new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, { detail });
  }

  private transportError(error: unknown, route: string, url: URL): VendorError {
    const { provider } = this.options;
    // Not `instanceof Error`: errors from AbortSignal.timeout() are DOMExceptions, which come from
    // another realm under some runners (jest), so read the name structurally.
    const name = typeof (error as { name?: unknown } | null)?.name === 'string' ? (error as { name: string }).name : '';
    const message = typeof (error as { message?: unknown } | null)?.message === 'string' ? (error as { message: string }).message : String(error);
    const detail = { route, url: url.toString(), reason: `${name}: ${message}` };
    if (
      name === 'TimeoutError' ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
      error instanceof undiciErrors.ConnectTimeoutError
    ) {
      return new VendorError(ErrorCode.VENDOR_TIMEOUT, provider, { detail, cause: error });
    }
    return new VendorError(ErrorCode.VENDOR_UNAVAILABLE, provider, { detail, cause: error });
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, route: string): z.infer<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    const error = new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, this.options.provider, { detail: { route, reason: 'schema mismatch', issues } });
    this.health.recordFailure(error.code);
    this.options.logger.warn({ provider: this.options.provider, detail: error.detail }, 'vendor response did not match its schema');
    throw error;
  }

  private observe(route: string, status: number | null, started: number, errorCode: ErrorCode | null): void {
    this.options.observer?.({ provider: this.options.provider, route, status, durationMs: performance.now() - started, errorCode });
  }
}

const NOT_FOUND = Symbol('not found');

function parseJsonOrText(text: string): unknown {
  if (text.length === 0) return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
