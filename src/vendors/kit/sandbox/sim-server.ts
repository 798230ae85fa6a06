import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Provider } from '../../../domain/provider';
import type { CompletionReply, SimWrite, Simulator, WebhookDelivery, SimulatorKnobs, SimulatorOptions } from './simulator';

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

/** Admin routes under `/__sim/` let out-of-process users (benchmarks) drive it too. */
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
    const complete = simulator.simulateCompletion as ((id: string | number) => Promise<WebhookDelivery[]>) | undefined;
    if (!complete) return reply.code(404).send({ error: 'this simulator does not simulate completions' });
    try {
      // Numeric ids (Xobin's response_id) are numbers in the data set.
      const deliveries = await complete(/^\d+$/.test(request.params.id) ? Number(request.params.id) : request.params.id);
      // The bodies are the vendor's whole report (kilobytes): the gateway has them; the caller wants what happened.
      const answer: CompletionReply = { provider, id: request.params.id, webhooks: deliveries.map(({ event, status }) => ({ event, status })) };
      return answer;
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
