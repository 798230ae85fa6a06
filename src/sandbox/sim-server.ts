import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Provider } from '../domain/provider';

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

/** What `corruptBody: 'not-json'` sends instead of the vendor's JSON. */
export const CORRUPT_NOT_JSON_BODY = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

export const DEFAULT_KNOBS: SimulatorKnobs = {
  latencyMs: 0,
  errorRate: 0,
  outage: false,
  rateLimitNext: 0,
  rateLimitRetryAfterSeconds: 1,
  hang: false,
  corruptBody: null,
};

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

/** How a vendor words its errors; each simulator supplies its own. */
export interface VendorErrorStyle {
  /** Body for a given status. `retryAfterSeconds` is set for 429. */
  body(status: number, message: string): unknown;
}

export interface SimServerSetup {
  provider: Provider;
  options: SimulatorOptions;
  /** True when the request carries the right credential (vendor-specific header). */
  authenticate(request: FastifyRequest, apiKey: string): boolean;
  errorStyle: VendorErrorStyle;
  /** Registers the vendor's routes. */
  routes(app: FastifyInstance): void;
  /** Extra headers on every answer (e.g. micro1's CORS headers). */
  headers?: Record<string, string>;
}

/**
 * The shared chassis of every vendor simulator: loopback Fastify server, auth, knobs (latency,
 * error rate, outage, 429 bursts, hangs, corrupted bodies), a call counter per route, and admin
 * routes under `/__sim/` (calls, reset, knobs) so out-of-process users (benchmarks) can drive it too.
 */
export async function startSimServer(setup: SimServerSetup): Promise<Simulator> {
  const { provider, options, errorStyle } = setup;
  let knobs: SimulatorKnobs = { ...DEFAULT_KNOBS, ...options.knobs };
  const counts = new Map<string, number>();
  const log: string[] = [];
  const requestIds: string[] = [];
  const traceparents: string[] = [];
  const writes: SimWrite[] = [];
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  const sendError = (reply: FastifyReply, status: number, message: string) =>
    reply.code(status).header('content-type', 'application/json').send(errorStyle.body(status, message));

  app.get('/__sim/calls', async () => Object.fromEntries(counts));
  app.post('/__sim/reset', async () => {
    counts.clear();
    log.length = 0;
    writes.length = 0;
    knobs = { ...DEFAULT_KNOBS, ...options.knobs };
    return { ok: true };
  });
  app.post('/__sim/knobs', async (request) => {
    knobs = { ...knobs, ...(request.body as Partial<SimulatorKnobs>) };
    return knobs;
  });
  app.post<{ Params: { id: string } }>('/__sim/complete/:id', async (request, reply) => {
    const complete = simulator.simulateCompletion as ((id: string | number) => Promise<unknown>) | undefined;
    if (!complete) return reply.code(404).send({ error: 'this simulator does not simulate completions' });
    try {
      // Numeric ids (Xobin's response_id) are numbers in the data set.
      return { deliveries: await complete(/^\d+$/.test(request.params.id) ? Number(request.params.id) : request.params.id) };
    } catch (error) {
      return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/__sim/')) return;
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    if (setup.headers) reply.headers(setup.headers);
    if (knobs.hang) {
      await new Promise<void>((resolve) => request.raw.once('close', resolve));
      return reply;
    }
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    if (knobs.outage) return sendError(reply, 503, 'Service temporarily unavailable');
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext -= 1;
      reply.header('retry-after', String(knobs.rateLimitRetryAfterSeconds));
      return sendError(reply, 429, 'Too many requests');
    }
    if (!setup.authenticate(request, options.apiKey)) return sendError(reply, 401, 'Invalid or missing API key');
    if (knobs.errorRate > 0 && Math.random() < knobs.errorRate) return sendError(reply, 500, 'Internal server error');
    log.push(`${request.method} ${request.url}`);
    requestIds.push(typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : '');
    traceparents.push(typeof request.headers.traceparent === 'string' ? request.headers.traceparent : '');
    return undefined;
  });
  // Last step before the wire: a successful JSON answer spoiled as `corruptBody` says.
  app.addHook('onSend', async (request, reply, payload) => {
    const mode = knobs.corruptBody;
    if (!mode || request.url.startsWith('/__sim/') || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    if (!/json/i.test(String(reply.getHeader('content-type') ?? '')) || typeof payload !== 'string') return payload;
    if (mode === 'truncated') return payload.slice(0, Math.floor(payload.length / 2));
    return mode === 'not-json' ? CORRUPT_NOT_JSON_BODY : '';
  });
  // After body parsing: the writes log keeps what each write carried.
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/__sim/') || request.method === 'GET' || request.method === 'HEAD') return;
    writes.push({ request: `${request.method} ${request.url}`, body: request.body ?? null });
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'Not found'));
  setup.routes(app);

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const simulator: Simulator = {
    provider,
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    configure(next) {
      knobs = { ...knobs, ...next };
    },
    knobs: () => ({ ...knobs }),
    calls: () => Object.fromEntries(counts),
    requests: () => [...log],
    requestIds: () => [...requestIds],
    traceparents: () => [...traceparents],
    writes: () => writes.map((w) => ({ ...w })),
    totalCalls: () => [...counts.values()].reduce((a, b) => a + b, 0),
    resetCalls: () => {
      counts.clear();
      log.length = 0;
      requestIds.length = 0;
      traceparents.length = 0;
      writes.length = 0;
    },
    close: async () => {
      await app.close();
    },
  };
  return simulator;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
