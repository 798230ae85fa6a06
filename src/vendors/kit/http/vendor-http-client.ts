import { Agent, errors as undiciErrors, request } from 'undici';
import { parseRetryAfter } from '../../../infra/retry-after';
import { currentRequest, type RequestContext } from '../../../observability/request-context';
import { endSpan, type Tracing } from '../../../observability/tracing';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Provider } from '../../../domain/provider';
import { ErrorCode } from '../../../errors/error-code';
import { BadUserInputError } from '../../../errors/bad-user-input.error';
import { NotFoundError } from '../../../errors/not-found.error';
import { logValue } from '../../../observability/log-value';
import { VendorError } from '../../../errors/vendor.error';
import { ProviderHealthTracker } from './provider-health';
import type { VendorCoordination } from './vendor-coordination';
import { DEFAULT_RESILIENCE, type ResilienceSettings, VendorResilience } from './vendor-resilience';

/** Told about every vendor call (metrics, per-operation call counts). `durationMs` is wall time. */
export type VendorCallObserver = (call: { provider: Provider; route: string; status: number | null; durationMs: number; errorCode: ErrorCode | null }) => void;

export interface VendorHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  /** Headers that authenticate every request (e.g. `{ 'x-api-key': key }`). */
  authHeaders: Record<string, string>;
  /** Total time for one call, headers and body, retries and waits included, in milliseconds. */
  timeoutMs: number;
  /** Time to establish the TCP (and TLS) connection, in milliseconds. */
  connectTimeoutMs: number;
  /** Already bound to the tenant and `provider` (a pino child), so the lines here do not repeat them. */
  logger: Logger;
  observer?: VendorCallObserver;
  /** A client span per call (attempt), under the request's span, when tracing is on. */
  tracing?: Tracing | null;
  /** Extracts a short description from a vendor error body, for the log only. */
  describeError?: (status: number, body: unknown) => string | undefined;
  /**
   * The vendor's validation or quota words, cleaned (`safeVendorMessage`) before reaching clients.
   * Without it, 400/409/422 are VENDOR_VALIDATION_FAILED and 402 VENDOR_QUOTA_EXCEEDED.
   */
  rejection?: (status: number, body: unknown) => VendorRejection | undefined;
  /** Retries, breaker, concurrency cap and rate limit (see vendor-resilience.ts); default DEFAULT_RESILIENCE. */
  resilience?: ResilienceSettings;
  /** What the replicas serving this vendor account share (budget, breaker, pauses); default: this process alone. */
  coordination?: VendorCoordination;
}

/** The connection settings a vendor client takes from its adapter's config slice (`VendorAdapterDeps` carries them all). */
export type VendorConnection = Pick<
  VendorHttpClientOptions,
  'baseUrl' | 'timeoutMs' | 'connectTimeoutMs' | 'resilience' | 'coordination' | 'logger' | 'observer' | 'tracing'
>;

/** A vendor's HTTP client: its own provider, credential header and error readers over the adapter's connection settings. */
export function vendorHttpClient(
  connection: VendorConnection,
  vendor: Pick<VendorHttpClientOptions, 'provider' | 'authHeaders' | 'describeError' | 'rejection'>,
): VendorHttpClient {
  const { baseUrl, timeoutMs, connectTimeoutMs, resilience, coordination, logger, observer, tracing } = connection;
  return new VendorHttpClient({ ...vendor, baseUrl, timeoutMs, connectTimeoutMs, resilience, coordination, logger, observer, tracing });
}

/** What a vendor said when it refused a write. */
export interface VendorRejection {
  /** `invalid`: its validation failed; `quota`: the account is out of invites or credits. */
  kind: 'invalid' | 'quota';
  /** The vendor's own words (cleaned up before clients see them). */
  message?: string | null;
  /** The vendor's machine-readable code, e.g. `limit_exceed` or `JOB_CLOSED`. */
  vendorCode?: string | null;
  /** Fields the vendor named, in its own spelling (`candidates.0.email`). */
  fields?: Array<{ field: string; message: string }>;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface PostOptions {
  query?: Record<string, QueryValue>;
  /** A route name for metrics and logs, e.g. `POST /interview/invite` (defaults to the path). */
  route?: string;
}

export interface GetOptions {
  /** Query parameters; null/undefined values are omitted. */
  query?: Record<string, QueryValue>;
  /** A route name for metrics and logs, e.g. `GET /interview/reports` (defaults to the path). */
  route?: string;
  /** Answer `null` on 404 instead of throwing NOT_FOUND. */
  notFoundAsNull?: boolean;
}

/**
 * Every body is parsed with the caller's zod schema, so vendor drift becomes VENDOR_BAD_RESPONSE.
 * Vendor bodies and URLs are logged, never put in client-visible messages. Writes are never
 * retried (no vendor documents idempotency) and say whether the vendor may have acted
 * (`outcomeUnknown`): a timeout, a 5xx or a dropped connection may have; a refused connection or a
 * 4xx has not.
 */
export class VendorHttpClient {
  readonly resilience: VendorResilience;
  readonly health: ProviderHealthTracker;
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(private readonly options: VendorHttpClientOptions) {
    this.resilience = new VendorResilience(options.provider, options.timeoutMs, options.resilience ?? DEFAULT_RESILIENCE, options.coordination);
    this.health = new ProviderHealthTracker(() => this.resilience.snapshot());
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

  /** POSTs `body` as JSON and parses the 2xx answer with `schema`. Never retried. */
  async postJson<S extends z.ZodType>(path: string, body: unknown, schema: S, options: PostOptions = {}): Promise<z.infer<S>> {
    const route = options.route ?? `POST ${path}`;
    const answer = await this.call('POST', path, { query: options.query, route }, body);
    return this.parse(schema, answer, route, true);
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

  private call(method: 'GET' | 'POST', path: string, options: GetOptions, payload?: unknown): Promise<unknown> {
    const route = options.route ?? `${method} ${path}`;
    // Taken here, before the policies: a call queued behind the concurrency cap runs later, in
    // whichever request's continuation freed the slot.
    const served = currentRequest();
    const url = this.url(path, options.query);
    // Refused before the policies: it spends no budget and tells the breaker nothing.
    const href = url.toString();
    if (href.length > MAX_URL_LENGTH) return Promise.reject(this.tooLarge(route, href, null, served));
    return this.resilience.run(method === 'GET' ? 'read' : 'write', route, ({ timeoutMs }) =>
      this.attempt(method, url, route, options, payload, timeoutMs, served),
    );
  }

  /** One HTTP exchange, within `timeoutMs`. */
  private async attempt(
    method: 'GET' | 'POST',
    url: URL,
    route: string,
    options: GetOptions,
    payload: unknown,
    timeoutMs: number,
    served: RequestContext | undefined,
  ): Promise<unknown> {
    const { provider, logger } = this.options;
    const write = method !== 'GET';
    const started = performance.now();
    let status: number | null = null;
    if (served) served.vendorCalls += 1;
    // The route, not the URL: query strings can hold candidates' emails.
    const span = this.options.tracing?.startClient(`${provider} ${route}`, served?.span, {
      'http.request.method': method,
      'server.address': url.hostname,
      'url.template': route,
      'interview_graph.vendor': provider,
    });
    let failure: { code: string; message?: string } | null = null;
    // Cleared when the exchange ends: AbortSignal.timeout would keep a timer (and the signal) for
    // the whole budget after every call, and costs more to make.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
    timer.unref();
    try {
      const response = await request(url, {
        method,
        dispatcher: this.agent,
        headers: {
          accept: 'application/json',
          ...(write ? { 'content-type': 'application/json' } : {}),
          // Lets a vendor's support trace our call back to the client request (and our logs).
          ...(served ? { 'x-request-id': served.requestId } : {}),
          ...(span ? this.options.tracing?.headersFor(span) : {}),
          ...this.options.authHeaders,
        },
        body: write ? JSON.stringify(payload ?? {}) : undefined,
        signal: deadline.signal,
      });
      status = response.statusCode;
      const pauseUntil = askedPause(status, response.headers);
      if (pauseUntil !== null) void this.resilience.pause(pauseUntil);
      const text = await response.body.text();
      const body = parseJsonOrText(text);
      if (status >= 200 && status < 300) {
        if (typeof body === 'string') {
          throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, {
            detail: { route, status, reason: 'body is not JSON', body: text.slice(0, 500) },
            outcomeUnknown: write,
          });
        }
        this.health.recordSuccess();
        this.observe(route, status, started, null);
        return body;
      }
      if (TOO_LARGE.has(status)) {
        // The vendor works and refused what it was asked: a request-side error, never the vendor's failure.
        this.health.recordSuccess();
        this.observe(route, status, started, ErrorCode.BAD_USER_INPUT);
        throw this.tooLarge(route, url.toString(), status, served);
      }
      const described = this.options.describeError?.(status, body);
      const detail = {
        route,
        url: logValue(url.toString()),
        status,
        vendorMessage: described === undefined ? undefined : logValue(described),
        body: typeof body === 'string' ? body.slice(0, 500) : logValue(body),
      };
      if (status === 404) {
        // The vendor answered; a missing object is not a vendor failure.
        this.health.recordSuccess();
        this.observe(route, status, started, options.notFoundAsNull ? null : ErrorCode.NOT_FOUND);
        logger.debug({ reqId: served?.requestId, ...detail }, 'vendor returned 404');
        if (options.notFoundAsNull) return NOT_FOUND;
        throw new NotFoundError(`${provider} has no such object`, provider);
      }
      const rejected = write ? this.rejectionError(status, body, detail) : undefined;
      if (rejected) {
        // The vendor works and said no: that is the caller's problem, not a vendor failure.
        this.health.recordSuccess();
        this.observe(route, status, started, rejected.code);
        logger.info({ reqId: served?.requestId, code: rejected.code, detail }, 'vendor refused a write');
        throw rejected;
      }
      throw this.statusError(status, response.headers['retry-after'], detail, write);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof BadUserInputError || isRejection(error)) {
        failure = { code: (error as NotFoundError | BadUserInputError | VendorError).code };
        throw error;
      }
      const typed = error instanceof VendorError ? error : this.transportError(error, route, url, write);
      failure = { code: typed.code, message: typed.message };
      this.health.recordFailure(typed.code);
      this.observe(route, status, started, typed.code);
      logger.warn({ reqId: served?.requestId, code: typed.code, detail: typed.detail, err: typed === error ? undefined : error }, 'vendor call failed');
      throw typed;
    } finally {
      clearTimeout(timer);
      if (span && status !== null) span.setAttribute('http.response.status_code', status);
      endSpan(span, failure);
    }
  }

  /**
   * The request was too large to send (`status` null) or the vendor answered 413/414/431: the
   * client's ids or values made it so (the gateway's own calls stay far below the limits).
   */
  private tooLarge(route: string, url: string, status: number | null, served: RequestContext | undefined): BadUserInputError {
    const { provider, logger } = this.options;
    logger.info(
      { reqId: served?.requestId, route, url: logValue(url), urlLength: url.length, status },
      status === null ? 'vendor call not sent: its URL is too long' : 'vendor refused the request as too large',
    );
    const what =
      status === null
        ? `The request to ${provider} would be too large to send (a URL of ${url.length} characters, at most ${MAX_URL_LENGTH})`
        : `${provider} refused the request as too large (HTTP ${status})`;
    return new BadUserInputError(`${what}: shorten the ids or values given.`, { provider });
  }

  /** A 4xx answer to a write that means "your input (or account) is the problem"; undefined otherwise. */
  private rejectionError(status: number, body: unknown, detail: Record<string, unknown>): VendorError | undefined {
    if (status === 401 || status === 404 || status === 429 || status < 400 || status >= 500) return undefined;
    const said = this.options.rejection?.(status, body);
    if (!said && !(status === 400 || status === 402 || status === 409 || status === 422)) return undefined;
    const kind = said?.kind ?? 'invalid';
    const code = kind === 'quota' || status === 402 ? ErrorCode.VENDOR_QUOTA_EXCEEDED : ErrorCode.VENDOR_VALIDATION_FAILED;
    const vendorMessage = safeVendorMessage(said?.message);
    const fields = (said?.fields ?? []).flatMap((f) => {
      const field = safeVendorMessage(f.field);
      return field ? [{ field, message: safeVendorMessage(f.message) ?? '' }] : [];
    });
    const { provider } = this.options;
    return new VendorError(code, provider, {
      detail,
      message: vendorMessage ? `${provider} rejected the request: ${vendorMessage}` : undefined,
      extensions: {
        ...(vendorMessage ? { vendorMessage } : {}),
        ...(said?.vendorCode ? { vendorCode: safeVendorMessage(said.vendorCode) } : {}),
        ...(fields.length > 0 ? { fields } : {}),
      },
    });
  }

  private statusError(status: number, retryAfterHeader: string | string[] | undefined, detail: Record<string, unknown>, write: boolean): VendorError {
    const { provider } = this.options;
    if (status === 401 || status === 403) return new VendorError(ErrorCode.VENDOR_AUTH_FAILED, provider, { detail });
    if (status === 429) {
      return new VendorError(ErrorCode.VENDOR_RATE_LIMITED, provider, { detail, retryAfterSeconds: parseRetryAfter(retryAfterHeader) });
    }
    if (status >= 500) return new VendorError(ErrorCode.VENDOR_UNAVAILABLE, provider, { detail, outcomeUnknown: write });
    // Any other 4xx means the gateway and the vendor disagree about the API.
    return new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, { detail });
  }

  private transportError(error: unknown, route: string, url: URL, write: boolean): VendorError {
    const { provider } = this.options;
    // Not `instanceof Error`: errors from AbortSignal.timeout() are DOMExceptions, which come from
    // another realm under some runners (jest), so read the name structurally.
    const name = typeof (error as { name?: unknown } | null)?.name === 'string' ? (error as { name: string }).name : '';
    const message = typeof (error as { message?: unknown } | null)?.message === 'string' ? (error as { message: string }).message : String(error);
    const detail = { route, url: logValue(url.toString()), reason: logValue(`${name}: ${message}`) };
    // A write that never left (no connection) cannot have been acted on; any other failure may.
    const outcomeUnknown = write && !neverSent(error);
    if (
      name === 'TimeoutError' ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
      error instanceof undiciErrors.ConnectTimeoutError
    ) {
      return new VendorError(ErrorCode.VENDOR_TIMEOUT, provider, { detail, cause: error, outcomeUnknown });
    }
    return new VendorError(ErrorCode.VENDOR_UNAVAILABLE, provider, { detail, cause: error, outcomeUnknown });
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, route: string, write = false): z.infer<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    // An unreadable answer to a write: the vendor did act, the gateway cannot tell what it made.
    const error = new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, this.options.provider, {
      detail: { route, reason: 'schema mismatch', issues },
      outcomeUnknown: write,
    });
    this.health.recordFailure(error.code);
    this.options.logger.warn({ detail: error.detail }, 'vendor response did not match its schema');
    throw error;
  }

  private observe(route: string, status: number | null, started: number, errorCode: ErrorCode | null): void {
    this.options.observer?.({ provider: this.options.provider, route, status, durationMs: performance.now() - started, errorCode });
  }
}

const NOT_FOUND = Symbol('not found');

/**
 * Longest URL sent, in characters. Servers refuse a longer request line (nginx at 8 KB, Node at
 * 16 KB of headers) with a 414/431 or by closing the connection mid-request, which would read as
 * the vendor failing; the gateway's own URLs stay under 1 KB.
 */
export const MAX_URL_LENGTH = 8_192;

/** Answers that say the request was too large (413, 414 URI too long, 431 headers too large). */
const TOO_LARGE = new Set([413, 414, 431]);

const REJECTION_CODES = new Set<ErrorCode>([ErrorCode.VENDOR_VALIDATION_FAILED, ErrorCode.VENDOR_QUOTA_EXCEEDED]);

function isRejection(error: unknown): boolean {
  return error instanceof VendorError && REJECTION_CODES.has(error.code);
}

/** Connection-level failures that happen before any byte of the request is sent. */
function neverSent(error: unknown): boolean {
  if (error instanceof undiciErrors.ConnectTimeoutError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** Longest vendor message passed on to clients, in characters. */
const MAX_VENDOR_MESSAGE = 300;

/** URLs are replaced by `[url]`: they may carry tokens. */
export function safeVendorMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\b(?:https?|ftp):\/\/\S+/gi, '[url]')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0) return undefined;
  return cleaned.length > MAX_VENDOR_MESSAGE ? `${cleaned.slice(0, MAX_VENDOR_MESSAGE - 1)}…` : cleaned;
}

function parseJsonOrText(text: string): unknown {
  if (text.length === 0) return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Until when (epoch ms) the vendor asked every caller of this account to wait, or null: a 429's
 * `Retry-After`, or `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (Evalyo documents a UNIX
 * timestamp; a small number is read as seconds from now, as the IETF RateLimit draft has it).
 */
export function askedPause(status: number, headers: Record<string, string | string[] | undefined>, now: number = Date.now()): number | null {
  if (status === 429) {
    const seconds = parseRetryAfter(headers['retry-after'], now);
    if (seconds !== undefined && seconds > 0) return now + seconds * 1000;
  }
  const remaining = headerValue(headers['x-ratelimit-remaining']);
  const reset = Number(headerValue(headers['x-ratelimit-reset']));
  if (remaining?.trim() !== '0' || !Number.isFinite(reset) || reset <= 0) return null;
  const until = reset > 1e9 ? reset * 1000 : now + reset * 1000;
  return until > now ? until : null;
}

function headerValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
