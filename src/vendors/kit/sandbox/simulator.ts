/**
 * What a vendor simulator is, to whoever starts and drives one: its options, its knobs and the
 * handle it returns. Types only, so `vendor-adapter.ts` can name them without loading the chassis
 * that builds simulators (`sim-server.ts`).
 */
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
   * Corrupts every successful (2xx) JSON answer, status and headers kept: `truncated` sends the
   * first half of the body (a connection cut mid-answer), `not-json` an HTML error page under
   * the JSON content type (a proxy in the way), `empty` no body at all. null (default): off.
   * Errors, refusals and the admin routes are never corrupted.
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
  /**
   * Extra interviews for THIS vendor's data set (default 0: the data set exactly as documented),
   * generated after the usual rows with their own generator, served by every route like the
   * usual ones (see `data/large-seed.ts`). For benchmarks at scale.
   */
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
  /**
   * Requests that got past the chassis (auth and knobs) since the last `resetCalls()`, in arrival
   * order, as `METHOD /path?query`: lets tests assert the exact query, not only the count per
   * route. Requests the chassis refused are in `calls()` only.
   */
  requests(): string[];
  /** The `x-request-id` header of each of `requests()` ('' when absent), in the same order. */
  requestIds(): string[];
  /** The `traceparent` header of each of `requests()` ('' when absent; sent when tracing is on). */
  traceparents(): string[];
  /**
   * The writes among `requests()` (POST, PUT, PATCH, DELETE) with the JSON body each carried, in
   * arrival order: lets tests assert the exact request a mutation sent.
   */
  writes(): SimWrite[];
  totalCalls(): number;
  resetCalls(): void;
  close(): Promise<void>;
  /** Vendors that send webhooks: where the simulator POSTs them (null: off, the default). */
  deliverWebhooks?(targetUrl: string | null): void;
  /**
   * Finishes a session in the data set (`id` as the vendor knows it) and sends its webhooks in
   * the vendor's order. Also reachable as `POST /__sim/complete/:id` (the local demo).
   */
  simulateCompletion?(id: never): Promise<unknown>;
}

/** One write a simulator received: `POST /interview/invite` (with query, if any) and its body. */
export interface SimWrite {
  request: string;
  body: unknown;
}
