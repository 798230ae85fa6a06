/**
 * `npm run bench:soak`: three replicas, one Redis, one set of simulators, for SOAK_SECONDS (default
 * 120), under a webhook flood and reads, with a Redis restart and a vendor outage in the middle
 * (issue "Replicas and hostile load"). Everything in this process on loopback except Redis: a
 * private `redis-server` on SOAK_REDIS_PORT (default 6391, RDB in a temp dir) that the script stops
 * with SHUTDOWN (saving) and starts again, as a restart of a persistent Redis would go.
 *
 * - Webhooks: `interview.started` for SOAK_SESSIONS micro1 sessions, each a new version (the
 *   candidate's name says which), sent to a random replica by SOAK_WEBHOOK_WORKERS clients; a 503
 *   is sent again (as a vendor that retries would) and counted as a refusal.
 * - Reads: `interview(id)` of a random session and a Xobin list, by SOAK_READ_WORKERS clients.
 * - At 35 %: Redis restart. At 60 %: Xobin down for 15 s (its reads are typed errors, not 5xx).
 * - At the end: every session read through each replica must show the newest version that was
 *   acknowledged (lost = fewer); 5xx counted over every request; heap after GC sampled every 10 s.
 * - Outbound (unless SOAK_OUTBOUND=0): one endpoint (a receiver on loopback) takes
 *   `interview.updated` for the whole run; at the end the outbox must drain (nothing pending), and
 *   each event is counted by its `webhook-id` (a second copy is a duplicate: at-least-once across
 *   the Redis restart).
 *
 * Prints a table and exits 1 if a webhook was lost, a 5xx was answered, or the outbox did not drain.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { App } from '../src/app';
import { startSandbox } from '../src/sandbox/start-sandbox';
import { VENDORS } from '../src/vendors/vendors';
import { gateway, startedWebhook } from './run';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 200);
const WEBHOOK_WORKERS = Number(process.env.SOAK_WEBHOOK_WORKERS ?? 8);
const READ_WORKERS = Number(process.env.SOAK_READ_WORKERS ?? 8);
const PORT = Number(process.env.SOAK_REDIS_PORT ?? 6391);
/** `0`: no outbound endpoint (the inbound path alone, to compare). */
const OUTBOUND = process.env.SOAK_OUTBOUND !== '0';
const TOKEN = 'soak-micro1-webhook-token-0000000';
const client = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

interface Tally {
  webhooksSent: number;
  webhooksAcknowledged: number;
  webhookRefusals: Record<string, number>;
  reads: number;
  readErrors: Record<string, number>;
  status5xx: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-redis-'));
  let redis = await startRedis(dir);
  const sandbox = await startSandbox(VENDORS, { seed: 42 });
  const env = {
    REDIS_URL: `redis://127.0.0.1:${PORT}`,
    TENANT_ID: 'soak',
    MICRO1_WEBHOOK_TOKEN: TOKEN,
    // Webhook-made interviews are the vendor's copy for the whole run (the simulator does not know them).
    CACHE_TTL_ACTIVE_SECONDS: String(SECONDS * 4),
    METRICS_ENABLED: 'true',
  };
  const replicas: Array<App & { url: string }> = [];
  for (let i = 0; i < 3; i += 1) replicas.push(await gateway(sandbox, 'ours', env));
  // The customer's endpoint: counts each webhook-id it is sent.
  const outbound = new Map<string, number>();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      outbound.set(id, (outbound.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  if (OUTBOUND) {
    await replicas[0]
      .tenant()
      .outbound.createEndpoint({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, events: ['interview.updated'] });
  }
  const tally: Tally = { webhooksSent: 0, webhooksAcknowledged: 0, webhookRefusals: {}, reads: 0, readErrors: {}, status5xx: 0 };
  const acknowledged = new Array<number>(SESSIONS).fill(0);
  const heap: Array<{ at: number; mb: number }> = [];
  const events: string[] = [];
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const until = started + SECONDS * 1000;
  const pick = () => replicas[Math.floor(Math.random() * replicas.length)];
  let version = 0;

  const sendWebhook = async (session: number): Promise<void> => {
    version += 1;
    const n = version;
    const { body } = startedWebhook(session, n);
    // A vendor that retries: a refused delivery is sent again until acknowledged.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      tally.webhooksSent += 1;
      const response = await request(`${pick().url}/webhooks/micro1/${TOKEN}`, {
        method: 'POST',
        dispatcher: client,
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        tally.webhooksAcknowledged += 1;
        acknowledged[session] = Math.max(acknowledged[session], n);
        return;
      }
      if (response.statusCode >= 500) tally.status5xx += 1;
      tally.webhookRefusals[response.statusCode] = (tally.webhookRefusals[response.statusCode] ?? 0) + 1;
      await sleep(200);
    }
  };

  const read = async (query: string, variables?: Record<string, unknown>): Promise<string> => {
    const response = await request(`${pick().url}/graphql`, {
      method: 'POST',
      dispatcher: client,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.body.text();
    tally.reads += 1;
    if (response.statusCode >= 500) tally.status5xx += 1;
    for (const code of text.matchAll(/"code":"([A-Z_]+)"/g)) tally.readErrors[code[1]] = (tally.readErrors[code[1]] ?? 0) + 1;
    return text;
  };
  const interviewQuery = 'query ($id: ID!) { interview(id: $id) { id status candidate { name } } }';
  const idOf = (session: number) => `micro1:Interview:00000000-0000-4000-b000-${String(session).padStart(12, '0')}~bench${String(session).padStart(6, '0')}`;

  // Every session exists before the clock starts.
  for (let session = 0; session < SESSIONS; session += 1) await sendWebhook(session);

  const sampler = setInterval(() => {
    global.gc?.();
    heap.push({ at: elapsed(), mb: process.memoryUsage().heapUsed / 1e6 });
  }, 10_000);

  const chaos = (async () => {
    await sleep(SECONDS * 350);
    events.push(`${elapsed().toFixed(0)} s: Redis SHUTDOWN (saving)`);
    await stopRedis(redis);
    await sleep(1_000);
    redis = await startRedis(dir);
    events.push(`${elapsed().toFixed(0)} s: Redis back`);
    await sleep(Math.max(0, started + SECONDS * 600 - performance.now()));
    events.push(`${elapsed().toFixed(0)} s: Xobin down for 15 s`);
    sandbox.simulators.get('XOBIN')?.configure({ outage: true });
    await sleep(15_000);
    sandbox.simulators.get('XOBIN')?.configure({ outage: false });
    events.push(`${elapsed().toFixed(0)} s: Xobin back`);
  })();

  const webhookWorker = async () => {
    while (performance.now() < until) await sendWebhook(Math.floor(Math.random() * SESSIONS));
  };
  const readWorker = async () => {
    while (performance.now() < until) {
      if (Math.random() < 0.8) await read(interviewQuery, { id: idOf(Math.floor(Math.random() * SESSIONS)) });
      else await read('{ interviews(provider: XOBIN, first: 5) { edges { node { id status } } } }');
    }
  };
  await Promise.all([...Array.from({ length: WEBHOOK_WORKERS }, webhookWorker), ...Array.from({ length: READ_WORKERS }, readWorker), chaos]);
  clearInterval(sampler);

  // Behind: a replica shows less than the newest acknowledged version of a session. A delivery whose
  // apply failed (Redis restarting) is applied by the sweep (WEBHOOK_APPLY_RETRY_SECONDS): what is
  // behind at the end is read again until it catches up or SOAK_SETTLE_SECONDS pass; lost is what never does.
  const behind = async (replica: App & { url: string }, session: number): Promise<boolean> => {
    const response = await request(`${replica.url}/graphql`, {
      method: 'POST',
      dispatcher: client,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: interviewQuery, variables: { id: idOf(session) } }),
    });
    const shown = /"name":"Bench \d+ v(\d+)"/.exec(await response.body.text());
    return !shown || Number(shown[1]) < acknowledged[session];
  };
  let pending: Array<[App & { url: string }, number]> = [];
  for (let session = 0; session < SESSIONS; session += 1) {
    for (const replica of replicas) if (await behind(replica, session)) pending.push([replica, session]);
  }
  const behindAtEnd = pending.length;
  const settleUntil = performance.now() + Number(process.env.SOAK_SETTLE_SECONDS ?? 60) * 1000;
  const settleStarted = performance.now();
  while (pending.length > 0 && performance.now() < settleUntil) {
    await sleep(1_000);
    const still: typeof pending = [];
    for (const [replica, session] of pending) if (await behind(replica, session)) still.push([replica, session]);
    pending = still;
  }
  const settledIn = (performance.now() - settleStarted) / 1000;
  const lost = pending.length;
  // The outbox drains: nothing left to deliver (an attempt cut by the Redis restart is retried).
  const outbox = replicas[0].tenant().outbox;
  while ((await outbox.oldestPending().catch(() => 0)) !== null && performance.now() < settleUntil) await sleep(500);
  const undelivered = (await outbox.oldestPending()) === null ? 0 : 1;
  const copies = [...outbound.values()];

  const metrics = await Promise.all(replicas.map(async (r) => (await request(`${r.url}/metrics`, { dispatcher: client })).body.text()));
  const results: Record<string, number> = {};
  for (const text of metrics) {
    for (const m of text.matchAll(/^ig_webhook_deliveries_total\{[^}]*result="([a-z_A-Z]+)"[^}]*\} (\d+)/gm))
      results[m[1]] = (results[m[1]] ?? 0) + Number(m[2]);
  }
  for (const replica of replicas) await replica.close();
  receiver.close();
  await sandbox.close();
  await stopRedis(redis);
  rmSync(dir, { recursive: true, force: true });

  const settled = heap.filter((h) => h.at >= 20);
  const first = settled[0]?.mb ?? 0;
  const last = settled.at(-1)?.mb ?? 0;
  process.stdout.write(
    `${[
      `Soak: ${SECONDS} s, 3 replicas, one Redis (restarted), one set of simulators (Xobin down 15 s), ${SESSIONS} sessions`,
      ...events.map((e) => `  ${e}`),
      `| figure | value |`,
      `|---|---|`,
      `| webhook deliveries sent / acknowledged | ${tally.webhooksSent} / ${tally.webhooksAcknowledged} |`,
      `| webhook refusals (by status, each sent again) | ${JSON.stringify(tally.webhookRefusals)} |`,
      `| deliveries by result (sum over replicas' metrics; stale: older than the version already applied) | ${JSON.stringify(results)} |`,
      `| behind at the end (a replica shows less than the newest acknowledged version) | ${behindAtEnd} of ${SESSIONS * 3} reads${behindAtEnd > 0 ? `, caught up in ${settledIn.toFixed(0)} s` : ''} |`,
      `| lost (still behind after SOAK_SETTLE_SECONDS) | ${lost} |`,
      `| reads | ${tally.reads} (error codes ${JSON.stringify(tally.readErrors)}) |`,
      `| 5xx answers | ${tally.status5xx} |`,
      `| outbound interview.updated: events / deliveries received / duplicates | ${copies.length} / ${copies.reduce((a, b) => a + b, 0)} / ${copies.filter((n) => n > 1).length} |`,
      `| outbound: the outbox drained (nothing pending at the end) | ${undelivered === 0 ? 'yes' : 'NO'} |`,
      `| heap after GC, 20 s → end | ${first.toFixed(1)} → ${last.toFixed(1)} MB (${heap.map((h) => h.mb.toFixed(0)).join(', ')}) |`,
    ].join('\n')}\n`,
  );
  if (lost > 0 || tally.status5xx > 0 || undelivered > 0) process.exitCode = 1;
}

async function startRedis(dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(PORT), '--dir', dir, '--save', '1 1', '--appendonly', 'no', '--bind', '127.0.0.1'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    if (await redisAnswers()) return child;
    await sleep(50);
  }
  throw new Error(`redis-server did not start on port ${PORT}`);
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  spawn('redis-cli', ['-p', String(PORT), 'shutdown', 'save'], { stdio: 'ignore' });
  await Promise.race([exited, sleep(5_000)]);
  child.kill('SIGKILL');
}

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const ping = spawn('redis-cli', ['-p', String(PORT), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    ping.stdout.on('data', (d: Buffer) => (out += d.toString()));
    ping.on('exit', () => resolve(out.trim() === 'PONG'));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (require.main === module) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
