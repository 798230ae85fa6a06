import { Agent, errors as undiciErrors, request } from 'undici';
import { parseRetryAfter } from '../infra/retry-after';
import { checkUrlSyntax, guardedLookup, TargetRefused, type TargetPolicy } from './target-guard';

/** One webhook POST. The caller signs it (the signature headers are in `headers`) and bounds the body's size. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** How one attempt went. Never thrown: every failure is described here. */
export interface OutboundResult {
  /** The receiver's HTTP status, or null when it gave none (refused, unreachable, timed out before answering). */
  status: number | null;
  /** Wall time of the attempt, connection and response body included, in milliseconds. */
  latencyMs: number;
  /**
   * null on a 2xx (the delivery succeeded, even if the body was then cut at `maxResponseBytes` or
   * the deadline); else short words: 'timeout after 10000 ms', 'redirect not followed (301 to
   * https://…)', 'connection refused', 'target refused: …', 'HTTP 500'
   */
  error: string | null;
  /** The first `logBytes` of the response body as text (for the delivery log); '' when none was read. */
  responseBody: string;
  /** Seconds from a Retry-After header on 429/503, else null */
  retryAfterSeconds: number | null;
}

export interface OutboundSenderOptions {
  policy: TargetPolicy;
  /** The whole attempt (DNS, connect, TLS, request, response headers and body), in milliseconds. */
  timeoutMs: number;
  /** Most response-body bytes read before the connection is dropped. */
  maxResponseBytes: number;
  /** Response-body bytes kept for the delivery log (at most `maxResponseBytes` are read anyway). */
  logBytes: number;
  userAgent: string;
}

/** Connections kept per receiver origin: a slow receiver cannot take more sockets than this. */
const CONNECTIONS_PER_ORIGIN = 8;

/** Longest Location quoted in a redirect error, in characters. */
const MAX_LOCATION_SHOWN = 200;

/**
 * Sends webhook POSTs to customers' URLs, one attempt per `send` (retries are the caller's).
 * Redirects are never followed: a 3xx could point a public URL at an internal one, and undici's
 * `request` does not follow them. The guarded lookup re-checks every address at connect time.
 */
export class OutboundSender {
  private readonly agent: Agent;

  constructor(private readonly options: OutboundSenderOptions) {
    this.agent = new Agent({
      // undici's default keep-alive (4 s idle) stays below common servers' idle timeouts (Node's 5 s),
      // so a reused socket is rarely one the receiver has just closed.
      connections: CONNECTIONS_PER_ORIGIN,
      connect: { lookup: guardedLookup(options.policy), timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async send(outbound: OutboundRequest): Promise<OutboundResult> {
    const { policy, timeoutMs, userAgent } = this.options;
    const started = performance.now();
    const result = (fields: Partial<OutboundResult>): OutboundResult => ({
      status: null,
      latencyMs: Math.round(performance.now() - started),
      error: null,
      responseBody: '',
      retryAfterSeconds: null,
      ...fields,
    });

    let url: URL;
    try {
      // Again at every send: the URL may predate a policy change, and Node never calls the
      // guarded lookup for an IP-literal host.
      url = checkUrlSyntax(outbound.url, policy);
    } catch (error) {
      return result({ error: describeFailure(error, timeoutMs, false) });
    }

    // The headers, connection and body share one deadline; the agent's own timeouts are only a backstop.
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new DOMException(`timeout after ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    try {
      const headers: Record<string, string> = {};
      // Lower-cased so the caller's `Content-Type` cannot ride along next to ours.
      for (const [name, value] of Object.entries(outbound.headers)) headers[name.toLowerCase()] = value;
      headers['content-type'] = 'application/json';
      headers['user-agent'] = userAgent;
      const response = await request(url, { dispatcher: this.agent, method: 'POST', headers, body: outbound.body, signal: deadline.signal });
      const status = response.statusCode;
      const responseBody = await this.readBody(response.body);
      const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
      return result({ status, responseBody, retryAfterSeconds: retryAfter ?? null, error: statusError(status, response.headers.location) });
    } catch (error) {
      return result({ error: describeFailure(error, timeoutMs, timedOut) });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Releases pooled connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * Reads at most `maxResponseBytes`, keeping the first `logBytes`. Reading a short body to its end
   * lets the connection be reused; past the cap the stream is destroyed (and its socket with it),
   * so an endless body costs neither memory nor time. A body cut by the deadline or a dropped
   * connection keeps what arrived: the status has already said how the delivery went.
   */
  private async readBody(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
    const { maxResponseBytes, logBytes } = this.options;
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let read = 0;
    try {
      for await (const chunk of body) {
        read += chunk.length;
        if (keptBytes < logBytes) {
          const part = chunk.subarray(0, logBytes - keptBytes);
          kept.push(part);
          keptBytes += part.length;
        }
        if (read > maxResponseBytes) break;
      }
    } catch {
      // Timed out or disconnected mid-body: keep what arrived.
    } finally {
      body.destroy();
    }
    // A character cut at `logBytes` decodes as U+FFFD rather than failing.
    return Buffer.concat(kept).toString('utf8');
  }
}

function statusError(status: number, location: string | string[] | undefined): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) {
    const to = Array.isArray(location) ? location[0] : location;
    if (!to) return `redirect not followed (${status} without Location)`;
    const shown = to.length > MAX_LOCATION_SHOWN ? `${to.slice(0, MAX_LOCATION_SHOWN - 1)}…` : to;
    return `redirect not followed (${status} to ${shown})`;
  }
  return `HTTP ${status}`;
}

/** Short words for a failed attempt, for the delivery log and the customer's delivery history. */
function describeFailure(error: unknown, timeoutMs: number, timedOut: boolean): string {
  if (error instanceof TargetRefused) return `target refused: ${error.reason}`;
  if (
    timedOut ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  ) {
    return `timeout after ${timeoutMs} ms`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed by the receiver';
    case 'ENOTFOUND':
      return 'host not found';
    case 'EAI_AGAIN':
      return 'DNS lookup failed (EAI_AGAIN)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
  }
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) return `TLS error (${code})`;
  const message = (error as { message?: unknown } | null)?.message;
  const words = typeof message === 'string' ? message : String(error);
  return `failed: ${typeof code === 'string' ? `${code} ` : ''}${words}`.slice(0, 200);
}
