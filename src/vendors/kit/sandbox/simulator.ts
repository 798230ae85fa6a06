/** Types only, so `vendor-adapter.ts` can name them without loading the chassis (`sim-server.ts`). */
import type { Provider } from '../../../domain/provider';

/** Runtime knobs every simulator honours (defaults: all off). */
export interface SimulatorKnobs {
  /** Added before every answer, in milliseconds. */
  latencyMs: number;
  /** Fraction (0–1) of requests answered with the vendor's 500 error. */
  errorRate: number;
  /** When true every request gets 503 (a vendor outage). */
  outage: boolean;
  /** The next N requests get 429 with `Retry-After: rateLimitRetryAfterSeconds`. */
  rateLimitNext: number;
  rateLimitRetryAfterSeconds: number;
  /** When true every request hangs until `latencyMs`… forever (until the client gives up). */
  hang: boolean;
  /**
   * `truncated`: a connection cut mid-answer; `not-json`: a proxy's HTML page under the JSON
   * content type; `empty`: no body. Errors, refusals and admin routes are never corrupted.
   */
  corruptBody: CorruptBody | null;
}

/** How `corruptBody` spoils an answer. */
export type CorruptBody = 'truncated' | 'not-json' | 'empty';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. Always binds 127.0.0.1. */
  port?: number;
  /** The API key the simulator accepts. */
  apiKey: string;
  /** Seed of the deterministic data set. */
  seed?: number;
  /** Default 0: the data set exactly as documented. For benchmarks at scale. */
  extraInterviews?: number;
  knobs?: Partial<SimulatorKnobs>;
}

export interface Simulator {
  readonly provider: Provider;
  readonly url: string;
  readonly apiKey: string;
  /** Change knobs at runtime (merged into the current ones). */
  configure(knobs: Partial<SimulatorKnobs>): void;
  knobs(): SimulatorKnobs;
  /** Calls answered, by route (`GET /interview/reports`), since the last reset. Admin routes excluded. */
  calls(): Record<string, number>;
  /** As `METHOD /path?query`, so tests assert the exact query. Requests the chassis refused are in `calls()` only. */
  requests(): string[];
  /** The `x-request-id` header of each of `requests()` ('' when absent), in the same order. */
  requestIds(): string[];
  /** The `traceparent` header of each of `requests()` ('' when absent; sent when tracing is on). */
  traceparents(): string[];
  writes(): SimWrite[];
  totalCalls(): number;
  resetCalls(): void;
  close(): Promise<void>;
  /** Vendors that send webhooks: where the simulator POSTs them (null: off, the default). */
  deliverWebhooks?(targetUrl: string | null): void;
  /** Also reachable as `POST /__sim/complete/:id` (the local demo), which answers a `CompletionReply`. */
  simulateCompletion?(id: never): Promise<WebhookDelivery[]>;
}

/** One webhook a simulator sent: the event, the body, and the HTTP status the target answered (0: unreachable). */
export interface WebhookDelivery {
  event: string;
  body: unknown;
  status: number;
}

/** What `POST /__sim/complete/:id` answers: the session finished and each webhook sent (without its body). */
export interface CompletionReply {
  provider: Provider;
  /** The id as given in the URL. */
  id: string;
  /** In the order sent; empty when webhook delivery is off or the vendor sends none. */
  webhooks: Array<{ event: string; status: number }>;
}

/** One write a simulator received: `POST /interview/invite` (with query, if any) and its body. */
export interface SimWrite {
  request: string;
  body: unknown;
}
