/**
 * `npm run bench`: the gateway beside its peers, measured in one run on one machine, printed as
 * one table of ratios (ARCHITECTURE.md §6). Everything runs in this process on loopback:
 *
 * - the vendor simulators, with BENCH_LATENCIES ms added to every answer (default 0 and 20);
 * - **raw**: a `node:http` server answering each query with the same JSON bytes ours returns warm
 *   (the ceiling: no GraphQL, no vendor, no cache lookup);
 * - **naive**: the same schema and resolvers on Apollo Server with no cache and no batching — one
 *   vendor call per field, as a plain resolver does (`AppDeps.unbatchedLoaders` + a cache that
 *   keeps nothing);
 * - **ours**: the gateway as `npm start` runs it (in-memory cache).
 *
 * Cold: sequential requests that find nothing cached (ours with its cache taken out, on a
 * warmed-up process): latency and vendor calls per query. Warm: autocannon for BENCH_SECONDS (default 3) with BENCH_CONNECTIONS (default 10):
 * requests per second and latency. Autocannon shares this process, so absolute figures are low;
 * the ratios are the point.
 */
import { createServer, type Server } from 'node:http';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApp, type App } from '../src/app';
import type { Cache, CacheStatus } from '../src/cache/cache';
import { loadConfig } from '../src/config/config';
import { startSandbox, type Sandbox } from '../src/sandbox/start-sandbox';
import { VENDORS } from '../src/vendors/registry';

export interface BenchOptions {
  /** Vendor latencies to run at, in ms. */
  latencies: number[];
  /** Warm load per cell, in seconds. */
  seconds: number;
  connections: number;
  /** Fresh gateways per query for the cold figures. */
  coldSamples: number;
}

export function benchOptions(env: NodeJS.ProcessEnv): BenchOptions {
  return {
    latencies: (env.BENCH_LATENCIES ?? '0,20').split(',').map((v) => Number(v.trim())),
    seconds: Number(env.BENCH_SECONDS ?? 3),
    connections: Number(env.BENCH_CONNECTIONS ?? 10),
    coldSamples: Number(env.BENCH_COLD_SAMPLES ?? 10),
  };
}

interface BenchQuery {
  name: string;
  description: string;
  query: string;
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
  name: 'raw' | 'naive' | 'ours';
  url: string;
  close(): Promise<void>;
}

/** `ours`: as `npm start`; `ours-uncached`: the same without a cache (every request cold, on a warm process); `naive`. */
async function gateway(sandbox: Sandbox, kind: 'ours' | 'ours-uncached' | 'naive'): Promise<App & { url: string }> {
  const loaded = loadConfig({ SANDBOX: 'true', LOG_LEVEL: 'silent', IDENTITY_SYNC_INTERVAL_SECONDS: '0', METRICS_ENABLED: 'false' }, VENDORS.map((v) => v.descriptor));
  const config = { ...loaded, tenants: loaded.tenants.map((t) => ({ ...t, vendors: sandbox.vendorConfig })) };
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    ...(kind === 'ours' ? {} : { cache: new NoCache() }),
    ...(kind === 'naive' ? { unbatchedLoaders: true } : {}),
  });
  // The identity index is filled before measuring (as `npm start` does at boot); Q3 reads it.
  await app.tenant().identitySync.runAll();
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  return Object.assign(app, { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
}

async function post(url: string, query: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
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
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Warm load on one system. `cpuMs` is this process's CPU time per request during the run — the
 * load generator's share included (it is the same for every peer), so compare it across peers.
 */
async function load(url: string, query: string, options: BenchOptions): Promise<{ rps: number; p50: number; p99: number; errors: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: options.connections,
    duration: options.seconds,
  });
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMs };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export const BENCH_HEADER = [
  'vendor ms',
  'query',
  'cold calls ours',
  'cold calls naive',
  'cold p50 ms ours',
  'cold p99 ms ours',
  'cold p50 ms naive',
  'warm rps raw',
  'warm rps naive',
  'warm rps ours',
  'ours / raw',
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
      const uncached = await gateway(sandbox, 'ours-uncached');
      const queries = await benchQueries(ours.url);
      // The raw peer answers with ours' exact warm bytes.
      const bodies = new Map<string, string>();
      for (const q of queries) bodies.set(q.query, (await post(ours.url, q.query)).body);
      const raw = await rawServer(bodies);
      const systems: System[] = [
        { name: 'raw', url: raw.url, close: () => new Promise((resolve) => raw.server.close(() => resolve())) },
        { name: 'naive', url: naive.url, close: () => naive.close() },
        { name: 'ours', url: ours.url, close: () => ours.close() },
      ];
      const calls = () => [...sandbox.simulators.values()].reduce((n, s) => n + s.totalCalls(), 0);
      const reset = () => sandbox.simulators.forEach((s) => s.resetCalls());

      for (const q of queries) {
        // Cold: sequential requests that find nothing cached — ours without its cache (same
        // process, connections and code warmed up by one untimed request), and naive (never
        // caches); vendor calls counted per request.
        const cold: Record<'naive' | 'ours', { ms: number[]; calls: number[] }> = { naive: { ms: [], calls: [] }, ours: { ms: [], calls: [] } };
        for (const [name, system] of [['naive', naive], ['ours', uncached]] as const) {
          await post(system.url, q.query);
          for (let i = 0; i < options.coldSamples; i += 1) {
            reset();
            const answer = await post(system.url, q.query);
            if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`${name} ${q.name} failed: ${answer.body.slice(0, 300)}`);
            cold[name].ms.push(answer.ms);
            cold[name].calls.push(calls());
          }
        }
        // Warm: throughput with everything the system keeps already kept.
        const warm: Record<string, Awaited<ReturnType<typeof load>>> = {};
        for (const system of systems) {
          await post(system.url, q.query);
          warm[system.name] = await load(system.url, q.query, options);
        }
        rows.push([
          `${latencyMs}`,
          q.name,
          fmt(percentile(cold.ours.calls, 50), 0),
          fmt(percentile(cold.naive.calls, 50), 0),
          fmt(percentile(cold.ours.ms, 50)),
          fmt(percentile(cold.ours.ms, 99)),
          fmt(percentile(cold.naive.ms, 50)),
          fmt(warm.raw.rps, 0),
          fmt(warm.naive.rps, 0),
          fmt(warm.ours.rps, 0),
          fmt(warm.ours.rps / warm.raw.rps, 2),
          fmt(warm.ours.rps / warm.naive.rps, 1),
          fmt(warm.ours.p50, 0),
          fmt(warm.ours.p99, 0),
          fmt(warm.raw.cpuMs, 3),
          fmt(warm.ours.cpuMs, 3),
          `${warm.raw.errors + warm.naive.errors + warm.ours.errors}`,
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

async function main(): Promise<void> {
  const options = benchOptions(process.env);
  const started = Date.now();
  const rows = await runBench(options);
  const table = [`| ${BENCH_HEADER.join(' | ')} |`, `|${BENCH_HEADER.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  process.stdout.write(
    `\n${table}\n\nNode ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); warm: ${options.seconds} s × ${options.connections} connections per cell; cold: ${options.coldSamples} uncached requests per query; ${((Date.now() - started) / 1000).toFixed(0)} s in all.\n`,
  );
}

/** Q1–Q3 with ids taken from the simulators' data (seed 42). */
async function benchQueries(url: string): Promise<BenchQuery[]> {
  const completed = JSON.parse((await post(url, '{ interviews(provider: MICRO1, status: COMPLETED, first: 1) { edges { node { report { id } } } } }')).body) as {
    data: { interviews: { edges: Array<{ node: { report: { id: string } } }> } };
  };
  const reportId = completed.data.interviews.edges[0].node.report.id;
  return [
    {
      name: 'Q1 report + scorecard',
      description: 'one micro1 report with its scorecard',
      query: `{ report(id: "${reportId}") { id score { value } scorecard { overall { value } items { category name score { value } } } } }`,
    },
    {
      name: 'Q2 50 interviews',
      description: '50 micro1 interviews × candidate + report + scorecard',
      query: '{ interviews(provider: MICRO1, first: 50) { edges { node { id status candidate { name email } report { score { value } scorecard { items { name score { value } } } } } } } }',
    },
    {
      name: 'Q3 candidate × 4 vendors',
      description: 'one person across all four vendors, with each report score',
      query: '{ candidate(email: "omar.petrov.8@example.com") { email interviews(first: 10) { edges { provider node { id status report { score { value } } } } } } }',
    },
  ];
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
