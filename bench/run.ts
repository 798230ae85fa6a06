/**
 * `npm run bench`: the gateway beside its peers, measured in one run on one machine, printed as
 * one table of ratios (ARCHITECTURE.md §6). Everything runs in this process on loopback:
 *
 * - the vendor simulators, with BENCH_LATENCIES ms added to every answer (default 0, 20 and 100);
 * - **raw**: a `node:http` server answering each query with the same JSON bytes ours returns warm
 *   (the ceiling: no GraphQL, no vendor, no cache lookup);
 * - **naive**: the same schema and resolvers on Apollo Server with no cache and no batching — one
 *   vendor call per field, as a plain resolver does (`AppDeps.unbatchedLoaders` + a cache that
 *   keeps nothing);
 * - **ours**: the gateway as `npm start` runs it (in-memory cache).
 *
 * Cold: sequential requests that find nothing cached (ours with its cache taken out, on a
 * warmed-up process): latency and vendor calls per query, against the fewest calls the vendors'
 * APIs allow and the vendor latency floor (the same vendor requests replayed straight at the
 * simulators, see `vendorFloor`). Warm: autocannon for BENCH_SECONDS (default 3) with
 * BENCH_CONNECTIONS (default 10): requests per second, latency, CPU per request. Memory: heap per
 * 1,000 cached interviews with their reports (needs `--expose-gc`, as `npm run bench` runs).
 * Autocannon shares this process, so absolute figures are low; the ratios are the point. Run
 * with NODE_ENV=production, as the Docker image is (graphql-js skips its development checks).
 */
import { createServer, type Server } from 'node:http';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import pino from 'pino';
import { createApp, type App } from '../src/app';
import type { Cache, CacheStatus } from '../src/cache/cache';
import { loadConfig } from '../src/config/config';
import type { Provider as ProviderName } from '../src/domain/provider';
import { MICRO1 } from '../src/vendors/micro1/micro1.descriptor';
import type { Micro1Dataset } from '../src/vendors/micro1/sandbox/micro1.data';
import { candidateMinimum, micro1ListMinimum } from '../src/sandbox/minimum-calls';
import { startSandbox, type Sandbox } from '../src/sandbox/start-sandbox';
import { VENDORS } from '../src/vendors/vendors';

export interface BenchOptions {
  /** Vendor latencies to run at, in ms. */
  latencies: number[];
  /** Warm load per cell, in seconds. */
  seconds: number;
  connections: number;
  /** Uncached requests per query for the cold figures. */
  coldSamples: number;
  /** Only the queries whose name starts with one of these (all when empty): `BENCH_QUERIES=Q2`. */
  queries: string[];
}

export function benchOptions(env: NodeJS.ProcessEnv): BenchOptions {
  return {
    latencies: (env.BENCH_LATENCIES ?? '0,20,100').split(',').map((v) => Number(v.trim())),
    seconds: Number(env.BENCH_SECONDS ?? 3),
    connections: Number(env.BENCH_CONNECTIONS ?? 10),
    coldSamples: Number(env.BENCH_COLD_SAMPLES ?? 20),
    queries: (env.BENCH_QUERIES ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  };
}

interface BenchQuery {
  name: string;
  description: string;
  query: string;
  /** The fewest vendor calls the vendors' APIs allow for it, cold. */
  minimumCalls: number;
  /** How many of its vendor calls must wait for the one before (the floor replays them so). */
  sequential: number;
}

/** A cache that keeps nothing: the naive peer's. */
class NoCache implements Cache {
  async get<T>(): Promise<T | undefined> {
    return undefined;
  }
  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return keys.map(() => undefined);
  }
  async set(): Promise<void> {}
  async setMany(): Promise<void> {}
  async delete(): Promise<void> {}
  async status(): Promise<CacheStatus> {
    return { layers: [], redisReachable: null, redisInUse: null };
  }
  async close(): Promise<void> {}
}

interface System {
  name: 'raw' | 'naive' | 'ours-entity' | 'ours';
  url: string;
  close(): Promise<void>;
}

/**
 * `ours`: as `npm start` (response cache and entity cache); `ours-entity`: the entity cache only (every
 * request executes); `ours-uncached`: no cache at all (every request cold, on a warm process); `naive`.
 */
export async function gateway(
  sandbox: Sandbox,
  kind: 'ours' | 'ours-entity' | 'ours-uncached' | 'naive',
  env: Record<string, string> = {},
): Promise<App & { url: string }> {
  const loaded = loadConfig(
    {
      SANDBOX: 'true',
      LOG_LEVEL: 'silent',
      IDENTITY_SYNC_INTERVAL_SECONDS: '0',
      METRICS_ENABLED: 'false',
      RESPONSE_CACHE_ENABLED: kind === 'ours' ? 'true' : 'false',
      ...env,
    },
    VENDORS.map((v) => v.descriptor),
  );
  const config = { ...loaded, tenants: loaded.tenants.map((t) => ({ ...t, vendors: sandbox.vendorConfig })) };
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    ...(kind === 'ours' || kind === 'ours-entity' ? {} : { cache: new NoCache() }),
    ...(kind === 'naive' ? { unbatchedLoaders: true } : {}),
  });
  // The identity index is filled before measuring (as `npm start` does at boot); Q3 reads it.
  await app.tenant().identitySync.runAll();
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  return Object.assign(app, { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
}

/**
 * The bench's HTTP client: undici with pooled keep-alive connections, as the gateway's own vendor
 * client and the floor replay use (Node's `fetch` would add about a millisecond per request to the
 * cold figures, which are measured against that floor).
 */
const client = new Agent({ keepAliveTimeout: 10_000 });

export async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    dispatcher: client,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.body.text();
  return { ms: performance.now() - started, body, status: response.statusCode };
}

function rawServer(bodies: Map<string, string>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString()));
    request.on('end', () => {
      const { query } = JSON.parse(data) as { query: string };
      const body = bodies.get(query) ?? '{"errors":[{"message":"unknown query"}]}';
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** This process's CPU per request, in ms. */
  cpuMs: number;
  /** Requests answered, and the seconds they took (what `rps` is made of). */
  requests: number;
  seconds: number;
}

/**
 * Warm load on one system. `cpuMs` is this process's CPU time per request during the run — the
 * load generator's share included (it is the same for every peer), so compare it across peers.
 */
export async function load(url: string, query: string, options: Pick<BenchOptions, 'seconds' | 'connections'>): Promise<LoadResult> {
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: `${url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      connections: options.connections,
      ...limit,
    });
  const cpu = process.cpuUsage();
  let result = await run({ duration: options.seconds });
  let earlierErrors = 0;
  if (result.requests.total === 0) {
    earlierErrors = result.errors + result.non2xx;
    // Not one answer within the window (a peer far slower than the window on a starved machine;
    // autocannon drops what is in flight at the end): a rate needs answers, so each connection
    // gets to finish one and the rate is what they took.
    result = await run({ amount: options.connections });
  }
  const used = process.cpuUsage(cpu);
  const requests = result.requests.total;
  const seconds = Math.max(0.001, result.duration);
  return {
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: earlierErrors + result.errors + result.non2xx,
    cpuMs: (used.user + used.system) / 1000 / Math.max(1, requests),
    requests,
    seconds,
  };
}

/** A cell's warm time per peer is split into this many turns (at most one per second). */
const WARM_TURNS = 3;

/**
 * Warm load on every peer of a cell, in turns: each peer's `options.seconds` are split into up to
 * WARM_TURNS windows, the peers taking turns in an order rotated every round, each window after a
 * full GC. So a drift in the machine's speed during the cell (a busy neighbour, a frequency change)
 * falls on every peer alike, and no peer pays for the garbage an earlier one left (naive Q2
 * allocates far more than the others). Per peer: requests over seconds across its windows, the
 * median window's p50, the worst window's p99, errors and CPU summed.
 */
export async function loadInTurns<Name extends string>(
  peers: ReadonlyArray<{ name: Name; url: string }>,
  query: string,
  options: Pick<BenchOptions, 'seconds' | 'connections'>,
): Promise<Record<Name, LoadResult>> {
  const turns = Math.max(1, Math.min(WARM_TURNS, Math.floor(options.seconds)));
  const windows = new Map<Name, LoadResult[]>(peers.map((peer) => [peer.name, []]));
  for (let round = 0; round < turns; round += 1) {
    for (let i = 0; i < peers.length; i += 1) {
      const peer = peers[(i + round) % peers.length];
      (globalThis as { gc?: () => void }).gc?.();
      windows.get(peer.name)!.push(await load(peer.url, query, { seconds: options.seconds / turns, connections: options.connections }));
    }
  }
  const merged = {} as Record<Name, LoadResult>;
  for (const [name, parts] of windows) {
    const requests = parts.reduce((n, part) => n + part.requests, 0);
    const seconds = parts.reduce((n, part) => n + part.seconds, 0);
    const p50s = parts.map((part) => part.p50).sort((a, b) => a - b);
    merged[name] = {
      rps: requests / seconds,
      p50: p50s[Math.floor((p50s.length - 1) / 2)],
      p99: Math.max(...parts.map((part) => part.p99)),
      errors: parts.reduce((n, part) => n + part.errors, 0),
      cpuMs: parts.reduce((n, part) => n + part.cpuMs * Math.max(1, part.requests), 0) / Math.max(1, requests),
      requests,
      seconds,
    };
  }
  return merged;
}

/** Untimed uncached requests per system and query before the cold samples. */
const COLD_WARMUP = 20;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export const BENCH_HEADER = [
  'vendor ms',
  'query',
  'cold calls min',
  'cold calls ours',
  'cold calls naive',
  'floor ms',
  'cold p50 ms ours',
  'cold p99 ms ours',
  'over floor p50 ms',
  'cold p50 ms naive',
  'warm rps raw',
  'warm rps naive',
  'warm rps ours entity cache',
  'warm rps ours response cache',
  'entity cache / raw',
  'response cache / raw',
  'ours / naive',
  'warm p50 ms ours',
  'warm p99 ms ours',
  'cpu ms/req raw',
  'cpu ms/req ours',
  'errors',
];

/** Runs every cell; one row per latency × query, in `BENCH_HEADER`'s columns. */
export async function runBench(options: BenchOptions): Promise<string[][]> {
  const rows: string[][] = [];
  for (const latencyMs of options.latencies) {
    const sandbox = await startSandbox(VENDORS, { seed: 42, knobs: { latencyMs } });
    try {
      const ours = await gateway(sandbox, 'ours');
      const naive = await gateway(sandbox, 'naive');
      const entity = await gateway(sandbox, 'ours-entity');
      const uncached = await gateway(sandbox, 'ours-uncached');
      const queries = (await benchQueries(ours, sandbox)).filter(
        (q) => options.queries.length === 0 || options.queries.some((name) => q.name.startsWith(name)),
      );
      // The raw peer answers with ours' exact warm bytes.
      const bodies = new Map<string, string>();
      for (const q of queries) bodies.set(q.query, (await post(ours.url, q.query)).body);
      const raw = await rawServer(bodies);
      const systems: System[] = [
        { name: 'raw', url: raw.url, close: () => new Promise((resolve) => raw.server.close(() => resolve())) },
        { name: 'naive', url: naive.url, close: () => naive.close() },
        { name: 'ours-entity', url: entity.url, close: () => entity.close() },
        { name: 'ours', url: ours.url, close: () => ours.close() },
      ];
      const calls = () => [...sandbox.simulators.values()].reduce((n, s) => n + s.totalCalls(), 0);
      const reset = () => sandbox.simulators.forEach((s) => s.resetCalls());

      for (const q of queries) {
        // Cold: sequential requests that find nothing cached — ours without its cache (same
        // process, connections and code warmed up by COLD_WARMUP untimed requests), and naive
        // (never caches); vendor calls counted per request.
        const cold: Record<'naive' | 'ours', { ms: number[]; calls: number[] }> = { naive: { ms: [], calls: [] }, ours: { ms: [], calls: [] } };
        let made: VendorRequest[] = [];
        for (const [name, system] of [
          ['naive', naive],
          ['ours', uncached],
        ] as const) {
          // Untimed first: a long-running gateway has its code optimised by the JIT and its
          // connections open; a handful of requests in a fresh process measure neither.
          for (let i = 0; i < COLD_WARMUP; i += 1) await post(system.url, q.query);
          for (let i = 0; i < options.coldSamples; i += 1) {
            reset();
            const answer = await post(system.url, q.query);
            if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`${name} ${q.name} failed: ${answer.body.slice(0, 300)}`);
            cold[name].ms.push(answer.ms);
            cold[name].calls.push(calls());
            if (name === 'ours') made = recordedRequests(sandbox);
          }
        }
        const floorMs = await vendorFloor(sandbox, made, q.sequential, options.coldSamples);
        // Warm: throughput with everything the system keeps already kept.
        for (const system of systems) await post(system.url, q.query);
        const warm = await loadInTurns(systems, q.query, options);
        rows.push([
          `${latencyMs}`,
          q.name,
          `${q.minimumCalls}`,
          fmt(percentile(cold.ours.calls, 50), 0),
          fmt(percentile(cold.naive.calls, 50), 0),
          fmt(floorMs),
          fmt(percentile(cold.ours.ms, 50)),
          fmt(percentile(cold.ours.ms, 99)),
          fmt(percentile(cold.ours.ms, 50) - floorMs),
          fmt(percentile(cold.naive.ms, 50)),
          fmt(warm.raw.rps, 0),
          fmt(warm.naive.rps, 0),
          fmt(warm['ours-entity'].rps, 0),
          fmt(warm.ours.rps, 0),
          fmt(warm['ours-entity'].rps / warm.raw.rps, 2),
          fmt(warm.ours.rps / warm.raw.rps, 2),
          fmt(warm.ours.rps / warm.naive.rps, 1),
          fmt(warm.ours.p50, 0),
          fmt(warm.ours.p99, 0),
          fmt(warm.raw.cpuMs, 3),
          fmt(warm.ours.cpuMs, 3),
          `${warm.raw.errors + warm.naive.errors + warm['ours-entity'].errors + warm.ours.errors}`,
        ]);
      }
      for (const system of systems) await system.close();
      await uncached.close();
    } finally {
      await sandbox.close();
    }
  }
  return rows;
}

/**
 * Q0–Q3 with ids taken from the simulators' data (seed 42), each with the fewest vendor calls the
 * vendors' APIs allow and the sequential calls on its critical path at that minimum.
 */
export async function benchQueries(app: App & { url: string }, sandbox: Sandbox): Promise<BenchQuery[]> {
  const completed = JSON.parse(
    (await post(app.url, '{ interviews(provider: MICRO1, status: COMPLETED, first: 1) { edges { node { report { id } } } } }')).body,
  ) as {
    data: { interviews: { edges: Array<{ node: { report: { id: string } } }> } };
  };
  const reportId = completed.data.interviews.edges[0].node.report.id;
  const micro1 = (sandbox.simulators.get(MICRO1) as unknown as { dataset: Micro1Dataset }).dataset;
  const email = 'omar.petrov.8@example.com';
  // Q3: the identity index (filled at boot) names the person's interviews; then per interview one
  // call, except a finished micro1 session (its invite and its report are two lists), all in parallel.
  const [refs] = await app.tenant().identity.refsFor([email]);
  const q3Minimum = candidateMinimum(refs, micro1);
  return [
    {
      // No field to resolve, no vendor: what Fastify + Apollo Server cost per request by themselves.
      name: 'Q0 __typename',
      description: 'the framework floor: a query with nothing to fetch',
      query: '{ __typename }',
      minimumCalls: 0,
      sequential: 0,
    },
    {
      name: 'Q1 report + scorecard',
      description: 'one micro1 report with its scorecard',
      query: `{ report(id: "${reportId}") { id score { value } scorecard { overall { value } items { category name score { value } } } } }`,
      minimumCalls: 1,
      sequential: 0,
    },
    {
      name: 'Q2 50 interviews',
      description: '50 micro1 interviews × candidate + report + scorecard',
      query:
        '{ interviews(provider: MICRO1, first: 50) { edges { node { id status candidate { name email } report { score { value } scorecard { items { name score { value } } } } } } } }',
      // The invites page, then the reports of its templates in parallel.
      minimumCalls: micro1ListMinimum(micro1, 50).total,
      sequential: 1,
    },
    {
      name: 'Q3 candidate × 4 vendors',
      description: 'one person across all four vendors, with each report score',
      query: `{ candidate(email: "${email}") { email interviews(first: 10) { edges { provider node { id status report { score { value } } } } } } }`,
      minimumCalls: q3Minimum,
      sequential: 0,
    },
  ];
}

/** A vendor request a query made, as the simulator logged it. */
interface VendorRequest {
  provider: ProviderName;
  /** Path and query string, e.g. `/interview/reports?page=1&limit=100&interview_id=…`. */
  path: string;
}

/**
 * The vendor latency floor of a query: the very requests its cold run made, replayed straight at
 * the simulators with pooled connections and no gateway — the first `sequential` one after the
 * other (a list whose answer names what to fetch next), then the rest in parallel — p50 of
 * `samples` replays. What the query would cost if the gateway took no time at all.
 */
async function vendorFloor(sandbox: Sandbox, requests: readonly VendorRequest[], sequential: number, samples: number): Promise<number> {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const send = async ({ provider, path }: VendorRequest) => {
    const vendor = sandbox.vendorConfig[provider];
    if (!vendor) throw new Error(`no ${provider} simulator`);
    const key = vendor.apiKey;
    // Each simulator checks its vendor's own header; the others are ignored.
    const response = await request(new URL(path.replace(/^\//, ''), vendor.baseUrl.replace(/\/?$/, '/')), {
      dispatcher: agent,
      headers: { accept: 'application/json', 'x-api-key': key, apikey: key, authorization: `Bearer ${key}` },
    });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${provider} simulator answered ${response.statusCode} to ${path}`);
  };
  const replay = async () => {
    for (const r of requests.slice(0, sequential)) await send(r);
    await Promise.all(requests.slice(sequential).map(send));
  };
  const times: number[] = [];
  try {
    await replay(); // opens the connections
    for (let i = 0; i < samples; i += 1) {
      const started = performance.now();
      await replay();
      times.push(performance.now() - started);
    }
  } finally {
    await agent.close();
  }
  return percentile(times, 50);
}

/** What the simulators were asked since their last reset, in arrival order per vendor. */
function recordedRequests(sandbox: Sandbox): VendorRequest[] {
  return [...sandbox.simulators.entries()].flatMap(([provider, simulator]) =>
    simulator.requests().map((line) => ({ provider, path: line.slice(line.indexOf(' ') + 1) })),
  );
}

/**
 * Heap taken by the in-memory cache per 1,000 cached micro1 interviews with their reports
 * (scorecards, candidates and list pages included): every micro1 interview read once through a
 * gateway whose code paths were warmed by the same reads on an uncached twin, heap measured after
 * a full GC before and after. Null without `--expose-gc`. Run first, in a fresh process.
 */
export async function cacheMemoryPerThousand(sandbox: Sandbox): Promise<{ mb: number; reports: number } | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const query =
    'query Page($after: String) { interviews(provider: MICRO1, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id status candidate { email } report { id score { value } scorecard { items { name score { value } } } } } } } }';
  const readAll = async (url: string): Promise<number> => {
    let after: string | null = null;
    let reports = 0;
    do {
      const page = JSON.parse((await post(url, query, { after })).body) as {
        data: { interviews: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { report: unknown } }> } };
      };
      reports += page.data.interviews.edges.filter((e) => e.node.report).length;
      after = page.data.interviews.pageInfo.hasNextPage ? page.data.interviews.pageInfo.endCursor : null;
    } while (after);
    return reports;
  };
  // The entity cache alone: the response cache's own memory is measured by `responseCacheMemory`.
  const cached = await gateway(sandbox, 'ours-entity');
  const uncached = await gateway(sandbox, 'ours-uncached');
  try {
    await readAll(uncached.url);
    await post(cached.url, '{ __typename }');
    gc();
    const before = process.memoryUsage().heapUsed;
    const reports = await readAll(cached.url);
    gc();
    const used = process.memoryUsage().heapUsed - before;
    return { mb: ((used / reports) * 1000) / 1_000_000, reports };
  } finally {
    await uncached.close();
    await cached.close();
  }
}

/** A made-up micro1 session's `interview.started` webhook, version `n` (the candidate's name says which). */
export function startedWebhook(session: number, n: number): { body: string; name: string } {
  const name = `Bench ${session} v${n}`;
  const body = JSON.stringify({
    event: 'interview.started',
    data: {
      candidate_id: `bench${String(session).padStart(6, '0')}`,
      candidate_name: name,
      candidate_email_id: `bench.${session}@example.com`,
      interview_id: `00000000-0000-4000-b000-${String(session).padStart(12, '0')}`,
      interview_name: 'Bench interview',
      // Each version later than the one before, so every delivery is applied (not a duplicate, not stale).
      date_started: new Date(Date.UTC(2026, 1, 1, 10, 0, 0) + n * 1000).toISOString().slice(0, 19).replace('T', ' '),
    },
  });
  return { body, name };
}

export interface MixedResult {
  seconds: number;
  requests: number;
  rps: number;
  reads: number;
  webhooks: number;
  hits: number;
  staleReads: number;
  errors: number;
}

/**
 * 90 % repeated reads, 10 % webhooks changing what is read, from `connections` concurrent clients:
 * reads of `interview(id) { candidate { name } }` over `sessions` interviews, each webhook renaming
 * one. A read is stale when it shows an older name than one whose webhook was acknowledged (2xx)
 * before the read was sent.
 */
export async function mixedWorkload(
  options: BenchOptions,
  { sessions = 20, writeShare = 0.1, responseCache = true }: { sessions?: number; writeShare?: number; responseCache?: boolean } = {},
): Promise<MixedResult> {
  const sandbox = await startSandbox(VENDORS, { seed: 42 });
  const token = 'bench-micro1-webhook-token-000000';
  const app = await gateway(sandbox, responseCache ? 'ours' : 'ours-entity', { MICRO1_WEBHOOK_TOKEN: token });
  const query = 'query ($id: ID!) { interview(id: $id) { id status candidate { name } } }';
  const idOf = (session: number) => `micro1:Interview:00000000-0000-4000-b000-${String(session).padStart(12, '0')}~bench${String(session).padStart(6, '0')}`;
  const acknowledged = new Array<number>(sessions).fill(0);
  let sent = 0;
  const send = async (session: number): Promise<boolean> => {
    sent += 1;
    const n = sent;
    const { body } = startedWebhook(session, n);
    const response = await request(`${app.url}/webhooks/micro1/${token}`, {
      method: 'POST',
      dispatcher: client,
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.body.text();
    if (response.statusCode !== 200) return false;
    acknowledged[session] = Math.max(acknowledged[session], n);
    return true;
  };
  const result: MixedResult = { seconds: options.seconds, requests: 0, rps: 0, reads: 0, webhooks: 0, hits: 0, staleReads: 0, errors: 0 };
  try {
    for (let session = 0; session < sessions; session += 1) if (!(await send(session))) throw new Error('setup webhook refused');
    const until = performance.now() + options.seconds * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        const session = Math.floor(Math.random() * sessions);
        result.requests += 1;
        if (Math.random() < writeShare) {
          result.webhooks += 1;
          if (!(await send(session))) result.errors += 1;
          continue;
        }
        const known = acknowledged[session];
        result.reads += 1;
        const response = await request(`${app.url}/graphql`, {
          method: 'POST',
          dispatcher: client,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: { id: idOf(session) } }),
        });
        const text = await response.body.text();
        if (response.headers['x-response-cache'] === 'hit') result.hits += 1;
        const shown = /"name":"Bench \d+ v(\d+)"/.exec(text);
        if (response.statusCode !== 200 || !shown) result.errors += 1;
        else if (Number(shown[1]) < known) result.staleReads += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.connections }, worker));
    result.seconds = (performance.now() - started) / 1000;
    result.rps = result.requests / result.seconds;
    return result;
  } finally {
    await app.close();
    await sandbox.close();
  }
}

/**
 * The response cache's memory under `operations` distinct operations (one interview read under a
 * different alias each, executed once each): the heap growth of a gateway with the response cache
 * (unbounded for this count, then bounded to `tightBytes`) less that of the same run without it
 * (Apollo's parsed-document cache and the rest grow alike in both). Null without `--expose-gc`.
 */
export async function responseCacheMemory(
  operations = 10_000,
  tightBytes = 2 * 1024 * 1024,
): Promise<{ bodyBytes: number; rows: Array<{ maxBytes: number | null; entries: number; estimatedBytes: number; heapBytes: number }> } | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const runs: Array<{ maxBytes: number | null; entries: number; estimatedBytes: number; heapBytes: number }> = [];
  let bodyBytes = 0;
  for (const maxBytes of [null, 1024 * 1024 * 1024, tightBytes]) {
    const sandbox = await startSandbox(VENDORS, { seed: 42 });
    const app = await gateway(sandbox, maxBytes === null ? 'ours-entity' : 'ours', maxBytes === null ? {} : { RESPONSE_CACHE_MAX_BYTES: String(maxBytes) });
    try {
      const list = JSON.parse((await post(app.url, '{ interviews(provider: HEYMILO, first: 1) { edges { node { id } } } }')).body) as {
        data: { interviews: { edges: Array<{ node: { id: string } }> } };
      };
      const id = list.data.interviews.edges[0].node.id;
      const queryOf = (i: number) => `{ a${i}: interview(id: "${id}") { id status candidate { name email } template { name } } }`;
      // Warm the code paths and the entity cache; then measure only the new operations.
      for (let i = 0; i < 200; i += 1) await post(app.url, queryOf(operations + i));
      const warmEntries = app.responseCache?.stats().entries ?? 0;
      gc();
      const before = process.memoryUsage().heapUsed;
      let bytes = 0;
      for (let i = 0; i < operations; i += 1) bytes += (await post(app.url, queryOf(i))).body.length;
      gc();
      const heapBytes = process.memoryUsage().heapUsed - before;
      const stats = app.responseCache?.stats() ?? { entries: 0, bytes: 0 };
      bodyBytes = bytes / operations;
      runs.push({ maxBytes, entries: maxBytes === tightBytes ? stats.entries : stats.entries - warmEntries, estimatedBytes: stats.bytes, heapBytes });
    } finally {
      await app.close();
      await sandbox.close();
    }
  }
  const baseline = runs[0].heapBytes;
  return { bodyBytes, rows: runs.slice(1).map((run) => ({ ...run, heapBytes: run.heapBytes - baseline })) };
}

async function main(): Promise<void> {
  const options = benchOptions(process.env);
  const started = Date.now();
  const sandbox = await startSandbox(VENDORS, { seed: 42 });
  const memory = await cacheMemoryPerThousand(sandbox).finally(() => sandbox.close());
  const rows = await runBench(options);
  // The mixed row and the response cache's memory: only in a full run (no BENCH_QUERIES).
  const full = options.queries.length === 0;
  const mixed = full ? await mixedWorkload(options) : null;
  const operations = 10_000;
  const responseMemory = full ? await responseCacheMemory(operations) : null;
  const table = [`| ${BENCH_HEADER.join(' | ')} |`, `|${BENCH_HEADER.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  process.stdout.write(
    `\n${table}\n\n${
      mixed
        ? `Mixed (90 % reads of 20 interviews by id, 10 % webhooks renaming one; ${options.connections} connections, ${mixed.seconds.toFixed(1)} s): ${mixed.rps.toFixed(0)} requests/s, ${mixed.reads} reads (${((100 * mixed.hits) / Math.max(1, mixed.reads)).toFixed(1)} % response-cache hits), ${mixed.webhooks} webhooks, ${mixed.staleReads} stale reads, ${mixed.errors} errors.`
        : ''
    }\n${
      responseMemory
        ? responseMemory.rows
            .map(
              (m) =>
                `Response cache, ${operations} distinct operations (responses of ${responseMemory.bodyBytes.toFixed(0)} B) with RESPONSE_CACHE_MAX_BYTES=${m.maxBytes}: ${m.entries} kept, ${(m.estimatedBytes / 1e6).toFixed(2)} MB by its own estimate, heap +${(m.heapBytes / 1e6).toFixed(2)} MB over the same run without it (${(m.heapBytes / Math.max(1, m.entries)).toFixed(0)} B per kept response).`,
            )
            .join('\n')
        : ''
    }\n${memory ? `Memory: ${memory.mb.toFixed(2)} MB of heap per 1,000 cached interviews with reports (${memory.reports} cached).` : 'Memory: not measured (run with node --expose-gc).'}\nNode ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); warm: ${options.seconds} s × ${options.connections} connections per cell; cold: ${options.coldSamples} uncached requests per query; ${((Date.now() - started) / 1000).toFixed(0)} s in all.\n`,
  );
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
